// The war-room wall's own window: frameless and full-screen on the chosen display, the app's hardened renderer at
// #/wall, the display kept awake while it exists, and moved to the primary display if its display is unplugged.
// At most one wall window: opening it again moves or refocuses the one there is.
import { powerSaveBlocker, screen, type BrowserWindow, type Display, type Rectangle } from 'electron';
import { WALL_ROUTE, type DisplayInfo } from '../shared/api/wall-window';
import { createAppWindow, type AppWindowOptions } from './windows';

export interface WallWindowOptions extends AppWindowOptions {
  /** `url` is the app entry (app:// or the dev server); the wall loads its #/wall route. */
  url: string;
  /** The app window: a null or unknown display id opens the wall on the display it is on. */
  mainWindow(): BrowserWindow | undefined;
  platform?: NodeJS.Platform;
}

export interface WallWindow {
  displays(): DisplayInfo[];
  /** Open the wall full-screen on the display (null or unknown = the app window's); returns the display used. */
  open(displayId: number | null): { displayId: number };
  close(): void;
  /** True from open() until the wall window closes, hides or is minimized. */
  isShowing(): boolean;
  /** Called each time the wall stops showing; returns the unsubscribe function. */
  onHidden(listener: () => void): () => void;
}

/** The wall's URL: the app entry with the wall's hash route (HashRouter). */
export function wallUrl(entryUrl: string): string {
  const url = new URL(entryUrl);
  url.hash = WALL_ROUTE;
  return url.toString();
}

interface OpenWall {
  window: BrowserWindow;
  displayId: number;
  /** Set once the window was shown and made full-screen; moves before that only change its bounds. */
  fullScreen: boolean;
}

export function createWallWindow(options: WallWindowOptions): WallWindow {
  const { mainWindow, platform = process.platform } = options;
  const hiddenListeners = new Set<() => void>();
  let wall: OpenWall | undefined;
  let showing = false;

  // Why simple full-screen on macOS: native full-screen animates into a Space of its own, asynchronously, and drops
  // bounds changes made meanwhile; the pre-Lion mode is immediate and stays on the display the window is on.
  const setFullScreen = (window: BrowserWindow, on: boolean) =>
    platform === 'darwin' ? window.setSimpleFullScreen(on) : window.setFullScreen(on);

  const setShowing = (next: boolean) => {
    if (showing === next) return;
    showing = next;
    if (!next) for (const listener of [...hiddenListeners]) listener();
  };

  const place = (target: OpenWall, display: Display) => {
    target.displayId = display.id;
    // Full-screen windows ignore bounds: leave it, move, enter it again on the new display.
    if (target.fullScreen) setFullScreen(target.window, false);
    target.window.setBounds(display.bounds);
    if (target.fullScreen) setFullScreen(target.window, true);
  };

  const onDisplayRemoved = (_event: unknown, removed: Display) => {
    if (wall && removed.id === wall.displayId) place(wall, screen.getPrimaryDisplay());
  };

  const chooseDisplay = (displayId: number | null): Display => {
    const chosen = displayId === null ? undefined : screen.getAllDisplays().find((display) => display.id === displayId);
    if (chosen) return chosen;
    const main = mainWindow();
    return main && !main.isDestroyed() ? screen.getDisplayMatching(main.getBounds()) : screen.getPrimaryDisplay();
  };

  const create = (display: Display): OpenWall => {
    const window = createAppWindow(
      { ...options, url: wallUrl(options.url) },
      { ...boundsOf(display.bounds), frame: false, autoHideMenuBar: true, title: 'Outpost', backgroundColor: '#000000' },
    );
    window.removeMenu();
    const opened: OpenWall = { window, displayId: display.id, fullScreen: false };
    // A projected wall must not blank out mid-meeting. Exactly one blocker per wall window, stopped when it closes.
    const blocker = powerSaveBlocker.start('prevent-display-sleep');
    // createAppWindow's own 'ready-to-show' listener was added first, so the window is shown by now.
    window.once('ready-to-show', () => {
      setFullScreen(window, true);
      opened.fullScreen = true;
    });
    reloadAfterCrash(window);
    window.on('show', () => setShowing(true));
    window.on('restore', () => setShowing(true));
    window.on('hide', () => setShowing(false));
    window.on('minimize', () => setShowing(false));
    window.once('closed', () => {
      powerSaveBlocker.stop(blocker);
      screen.removeListener('display-removed', onDisplayRemoved);
      if (wall === opened) wall = undefined;
      setShowing(false);
    });
    screen.on('display-removed', onDisplayRemoved);
    return opened;
  };

  return {
    displays() {
      const primaryId = screen.getPrimaryDisplay().id;
      return screen.getAllDisplays().map((display, index) => ({
        id: display.id,
        label: display.label || `Display ${index + 1}`,
        primary: display.id === primaryId,
        width: display.bounds.width,
        height: display.bounds.height,
        scaleFactor: display.scaleFactor,
      }));
    },
    open(displayId) {
      const display = chooseDisplay(displayId);
      if (!wall) {
        wall = create(display);
      } else {
        if (wall.displayId !== display.id) place(wall, display);
        if (wall.fullScreen) {
          // Shown before: bring it back to the front (it may have been minimized or hidden under the app window).
          if (wall.window.isMinimized()) wall.window.restore();
          wall.window.show();
          wall.window.focus();
        }
      }
      setShowing(true);
      return { displayId: display.id };
    },
    close() {
      if (wall && !wall.window.isDestroyed()) wall.window.close();
    },
    isShowing: () => showing,
    onHidden(listener) {
      hiddenListeners.add(listener);
      return () => {
        hiddenListeners.delete(listener);
      };
    },
  };
}

/** At most this many crash reloads per minute: a wall that keeps crashing stays down instead of looping. */
const MAX_RELOADS_PER_MINUTE = 3;

/**
 * The wall runs all day in front of a room: if its renderer dies (out of memory, GPU reset), load it again rather
 * than leave a dead window on the projector.
 */
function reloadAfterCrash(window: BrowserWindow): void {
  let recent: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const now = Date.now();
    recent = recent.filter((at) => now - at < 60_000);
    if (recent.length >= MAX_RELOADS_PER_MINUTE) return;
    recent.push(now);
    window.webContents.reload();
  });
}

function boundsOf({ x, y, width, height }: Rectangle): Rectangle {
  return { x, y, width, height };
}
