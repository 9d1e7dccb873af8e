// The wall window against the fake electron: display choice and fallback, full-screen on the display's bounds, the
// app window's hardening, reuse and moves, unplugged displays, the power-save blocker, and showing/hidden tracking.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeDisplay, powerSaveBlocker, resetElectronFake, screen, shell } from './electron-fake';
import { APP_ENTRY_URL, createOriginCheck } from '../../../src/main/app-origin';
import { createWallWindow, wallUrl, type WallWindow } from '../../../src/main/wall-window';
import { createWindowRegistry, type WindowRegistry } from '../../../src/main/window-registry';

vi.mock('electron', () => import('./electron-fake'));

const PRELOAD = '/opt/outpost/out/preload/index.cjs';
const LAPTOP = fakeDisplay(1, { x: 0, y: 0, width: 1440, height: 900 }, { label: 'Built-in Retina', scaleFactor: 2 });
const PROJECTOR = fakeDisplay(2, { x: 1440, y: 0, width: 1920, height: 1080 }, { label: 'EPSON PJ' });
const TV = fakeDisplay(3, { x: -3840, y: 0, width: 3840, height: 2160 }); // no OS label

let registry: WindowRegistry;
let mainWindow: FakeBrowserWindow | undefined;

function makeWall(platform: NodeJS.Platform = 'linux'): WallWindow {
  return createWallWindow({
    preload: PRELOAD,
    url: APP_ENTRY_URL,
    isTrustedUrl: createOriginCheck(),
    registry,
    mainWindow: () => mainWindow as never,
    platform,
  });
}

/** The app window, placed on `display`. */
function appWindowOn(display: { bounds: { x: number; y: number } }): FakeBrowserWindow {
  const window = new FakeBrowserWindow({ x: display.bounds.x + 100, y: display.bounds.y + 100, width: 1200, height: 800 });
  FakeBrowserWindow.instances = FakeBrowserWindow.instances.filter((w) => w !== window); // not a wall window
  return window;
}

function onlyWallWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0] as FakeBrowserWindow;
}

/** Open the wall and let its first frame arrive (shown, then full-screen). */
function openShown(wall: WallWindow, displayId: number | null): FakeBrowserWindow {
  wall.open(displayId);
  const window = onlyWallWindow();
  window.emit('ready-to-show');
  return window;
}

beforeEach(() => {
  resetElectronFake();
  screen.setDisplays([LAPTOP, PROJECTOR, TV], LAPTOP.id);
  registry = createWindowRegistry();
  mainWindow = appWindowOn(LAPTOP);
});

describe('displays', () => {
  it('lists every display with its label (or "Display <n>"), primary flag, size and scale', () => {
    expect(makeWall().displays()).toEqual([
      { id: 1, label: 'Built-in Retina', primary: true, width: 1440, height: 900, scaleFactor: 2 },
      { id: 2, label: 'EPSON PJ', primary: false, width: 1920, height: 1080, scaleFactor: 1 },
      { id: 3, label: 'Display 3', primary: false, width: 3840, height: 2160, scaleFactor: 1 },
    ]);
  });
});

describe('open', () => {
  it("opens one frameless window on the chosen display's bounds, loading #/wall, full-screen once shown", () => {
    const wall = makeWall();
    expect(wall.open(PROJECTOR.id)).toEqual({ displayId: PROJECTOR.id });
    const window = onlyWallWindow();
    expect(window.options).toMatchObject({ ...PROJECTOR.bounds, frame: false, autoHideMenuBar: true, show: false });
    expect(window.removeMenu).toHaveBeenCalledOnce();
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://outpost/index.html#/wall');
    expect(window.setFullScreen).not.toHaveBeenCalled(); // not before it is on screen

    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.setFullScreen).toHaveBeenCalledExactlyOnceWith(true);
    expect(window.show.mock.invocationCallOrder[0]).toBeLessThan(window.setFullScreen.mock.invocationCallOrder[0] ?? 0);
    expect(window.bounds).toEqual(PROJECTOR.bounds);
  });

  it('uses simple full-screen on macOS (immediate, stays on the display)', () => {
    const window = openShown(makeWall('darwin'), TV.id);
    expect(window.options).toMatchObject(TV.bounds);
    expect(window.setSimpleFullScreen).toHaveBeenCalledExactlyOnceWith(true);
    expect(window.setFullScreen).not.toHaveBeenCalled();
  });

  it("falls back to the app window's display for null and for an unknown id", () => {
    mainWindow = appWindowOn(PROJECTOR);
    const wall = makeWall();
    expect(wall.open(null)).toEqual({ displayId: PROJECTOR.id });
    expect(screen.getDisplayMatching).toHaveBeenCalledWith(mainWindow.getBounds());
    expect(onlyWallWindow().options).toMatchObject(PROJECTOR.bounds);
    wall.close();

    mainWindow = appWindowOn(TV);
    expect(wall.open(424242)).toEqual({ displayId: TV.id });
    expect(FakeBrowserWindow.instances.at(-1)?.options).toMatchObject(TV.bounds);
  });

  it('falls back to the primary display without an app window', () => {
    mainWindow = undefined;
    expect(makeWall().open(null)).toEqual({ displayId: LAPTOP.id });
    expect(onlyWallWindow().options).toMatchObject(LAPTOP.bounds);
  });
});

describe('hardening (shared with the app window)', () => {
  it('has the same sandboxed, isolated webPreferences and preload', () => {
    makeWall().open(PROJECTOR.id);
    expect(onlyWallWindow().options.webPreferences).toEqual({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('refuses navigation away and window.open, denies permissions, and is in the registry until closed', () => {
    const wall = makeWall();
    wall.open(PROJECTOR.id);
    const { webContents } = onlyWallWindow();
    const away = { url: 'file:///etc/passwd', preventDefault: vi.fn() };
    webContents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(webContents.windowOpenHandler?.({ url: 'app://outpost/index.html' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(webContents.session.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(webContents.session.setPermissionCheckHandler).toHaveBeenCalledOnce();

    expect(registry.has(webContents.id)).toBe(true); // so the relay serves the wall's data requests and events
    wall.close();
    expect(registry.has(webContents.id)).toBe(false);
  });

  it('loads the dev server with the wall route in development', () => {
    expect(wallUrl('http://localhost:5173')).toBe('http://localhost:5173/#/wall');
    expect(wallUrl(APP_ENTRY_URL)).toBe('app://outpost/index.html#/wall');
  });
});

describe('a second open', () => {
  it('on the same display reuses the window and brings it back to the front', () => {
    const wall = makeWall();
    const window = openShown(wall, PROJECTOR.id);
    window.minimize();
    expect(wall.open(PROJECTOR.id)).toEqual({ displayId: PROJECTOR.id });
    expect(onlyWallWindow()).toBe(window);
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
    expect(window.setBounds).not.toHaveBeenCalled();
    expect(window.loadURL).toHaveBeenCalledOnce(); // no reload
  });

  it('on another display moves the same window: leave full-screen, new bounds, full-screen again', () => {
    const wall = makeWall();
    const window = openShown(wall, PROJECTOR.id);
    window.setFullScreen.mockClear();
    expect(wall.open(TV.id)).toEqual({ displayId: TV.id });
    expect(onlyWallWindow()).toBe(window);
    expect(window.setFullScreen.mock.calls).toEqual([[false], [true]]);
    expect(window.setBounds).toHaveBeenCalledExactlyOnceWith(TV.bounds);
    const [leave, enter] = window.setFullScreen.mock.invocationCallOrder;
    const move = window.setBounds.mock.invocationCallOrder[0] ?? 0;
    expect(leave).toBeLessThan(move);
    expect(move).toBeLessThan(enter ?? 0);
    expect(window.fullScreen).toBe(true);
    expect(window.bounds).toEqual(TV.bounds);
  });

  it('before the first frame only changes the bounds (full-screen comes on ready-to-show)', () => {
    const wall = makeWall();
    wall.open(PROJECTOR.id);
    wall.open(TV.id);
    const window = onlyWallWindow();
    expect(window.setBounds).toHaveBeenCalledExactlyOnceWith(TV.bounds);
    expect(window.setFullScreen).not.toHaveBeenCalled();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.setFullScreen).toHaveBeenCalledExactlyOnceWith(true);
  });
});

describe('display removed', () => {
  it('moves the wall to the primary display when its display is unplugged', () => {
    const wall = makeWall();
    const window = openShown(wall, PROJECTOR.id);
    window.setFullScreen.mockClear();
    screen.unplug(PROJECTOR.id);
    expect(window.setBounds).toHaveBeenCalledExactlyOnceWith(LAPTOP.bounds);
    expect(window.setFullScreen.mock.calls).toEqual([[false], [true]]);
    expect(wall.isShowing()).toBe(true);
    // It now counts as on the primary display: opening there again is a plain refocus.
    expect(wall.open(LAPTOP.id)).toEqual({ displayId: LAPTOP.id });
    expect(window.setBounds).toHaveBeenCalledOnce();
  });

  it('uses the new primary when the unplugged display was the primary one', () => {
    const wall = makeWall();
    const window = openShown(wall, LAPTOP.id);
    screen.unplug(LAPTOP.id, TV.id);
    expect(window.setBounds).toHaveBeenCalledExactlyOnceWith(TV.bounds);
  });

  it('ignores other displays, and stops listening once the wall is closed', () => {
    const wall = makeWall();
    const window = openShown(wall, PROJECTOR.id);
    screen.unplug(TV.id);
    expect(window.setBounds).not.toHaveBeenCalled();
    expect(screen.listenerCount('display-removed')).toBe(1);
    wall.close();
    expect(screen.listenerCount('display-removed')).toBe(0);
  });
});

describe('power-save blocker', () => {
  it('keeps the display awake from open until the wall closes: one start, one stop, nothing left', () => {
    const wall = makeWall();
    openShown(wall, PROJECTOR.id);
    expect(powerSaveBlocker.start).toHaveBeenCalledExactlyOnceWith('prevent-display-sleep');
    const id = powerSaveBlocker.start.mock.results[0]?.value as number;
    wall.open(TV.id); // a move or refocus keeps the same blocker
    wall.open(TV.id);
    expect(powerSaveBlocker.start).toHaveBeenCalledOnce();
    expect(powerSaveBlocker.stop).not.toHaveBeenCalled();

    wall.close();
    expect(powerSaveBlocker.stop).toHaveBeenCalledExactlyOnceWith(id);
    expect(powerSaveBlocker.active.size).toBe(0);
    wall.close(); // nothing open: nothing to stop
    expect(powerSaveBlocker.stop).toHaveBeenCalledOnce();
  });

  it('stops it when the OS closes the window, and a new wall gets a new one', () => {
    const wall = makeWall();
    openShown(wall, PROJECTOR.id).emit('closed'); // e.g. Alt+F4: Electron emits 'closed' without our close()
    expect(powerSaveBlocker.stop).toHaveBeenCalledOnce();
    expect(powerSaveBlocker.active.size).toBe(0);

    wall.open(TV.id);
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(powerSaveBlocker.start).toHaveBeenCalledTimes(2);
    expect(powerSaveBlocker.active.size).toBe(1);
    wall.close();
    expect(powerSaveBlocker.stop).toHaveBeenCalledTimes(2);
    expect(powerSaveBlocker.active.size).toBe(0);
  });
});

describe('showing', () => {
  it('is showing from open until closed, hidden while minimized or hidden, and tells its listeners', () => {
    const wall = makeWall();
    const hidden = vi.fn();
    const stop = wall.onHidden(hidden);
    expect(wall.isShowing()).toBe(false);
    const window = openShown(wall, PROJECTOR.id);
    expect(wall.isShowing()).toBe(true);

    window.minimize();
    expect(wall.isShowing()).toBe(false);
    expect(hidden).toHaveBeenCalledOnce();
    window.restore();
    expect(wall.isShowing()).toBe(true);
    window.emit('hide');
    expect(hidden).toHaveBeenCalledTimes(2);
    window.show();
    expect(wall.isShowing()).toBe(true);

    wall.close();
    expect(wall.isShowing()).toBe(false);
    expect(hidden).toHaveBeenCalledTimes(3);
    stop();
    wall.open(null);
    wall.close();
    expect(hidden).toHaveBeenCalledTimes(3);
  });

  it('counts as showing before its first frame (a prompt then would land over it)', () => {
    const wall = makeWall();
    wall.open(PROJECTOR.id);
    expect(wall.isShowing()).toBe(true);
  });
});

describe('renderer crash', () => {
  it('reloads the wall when its renderer dies, at most three times a minute, never after a clean exit', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const window = openShown(makeWall(), PROJECTOR.id);
      window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
      expect(window.webContents.reload).not.toHaveBeenCalled();
      for (let i = 0; i < 5; i++) window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
      expect(window.webContents.reload).toHaveBeenCalledTimes(3);
      vi.setSystemTime(Date.now() + 61_000);
      window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      expect(window.webContents.reload).toHaveBeenCalledTimes(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
