// The wall through the real wiring of index.ts (fake electron): its IPC next to the relay, a wall opened from the app
// window, the wall closing with the app window, and everything released on quit.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeDisplay, type FakeBrowserWindow } from './electron-fake';
import { startMain, type Fake } from './start-main';

beforeEach(() => vi.stubEnv('ELECTRON_RENDERER_URL', ''));
afterEach(() => vi.unstubAllEnvs());

const PROJECTOR = fakeDisplay(2, { x: 1920, y: 0, width: 1920, height: 1080 }, { label: 'EPSON PJ' });

function handler(fake: Fake, channel: string) {
  const found = fake.ipcMain.handle.mock.calls.find(([name]) => name === channel)?.[1];
  if (!found) throw new Error(`no handler for ${channel}`);
  return found;
}

async function openWallFromApp(fake: Fake): Promise<{ app: FakeBrowserWindow; wall: FakeBrowserWindow }> {
  const app = fake.BrowserWindow.instances[0];
  if (!app) throw new Error('no app window');
  const sender = { sender: { id: app.webContents.id }, senderFrame: { url: 'app://outpost/index.html#/war-room' } };
  await expect(handler(fake, 'outpost:wall:open')(sender, PROJECTOR.id)).resolves.toEqual({ displayId: PROJECTOR.id });
  const wall = fake.BrowserWindow.instances[1];
  if (!wall) throw new Error('no wall window');
  return { app, wall };
}

const withProjector = (fake: Fake) =>
  fake.screen.setDisplays([fakeDisplay(1, { x: 0, y: 0, width: 1920, height: 1080 }), PROJECTOR]);

describe('wall wiring in index.ts', () => {
  it('registers the three wall channels after the relay', async () => {
    const fake = await startMain();
    expect(fake.ipcMain.handle.mock.calls.map(([channel]) => channel)).toEqual([
      'outpost:invoke',
      'outpost:wall:displays',
      'outpost:wall:open',
      'outpost:wall:close',
    ]);
    fake.app.emit('will-quit');
  });

  it('opens the wall from the app window on the chosen display, served by the relay like the app window', async () => {
    const fake = await startMain(withProjector);
    const { wall } = await openWallFromApp(fake);
    expect(wall.loadURL).toHaveBeenCalledExactlyOnceWith('app://outpost/index.html#/wall');
    expect(wall.options).toMatchObject({ ...PROJECTOR.bounds, frame: false });
    expect(fake.powerSaveBlocker.active.size).toBe(1);

    // The wall page reads its data through the same relay: its webContents is one of ours.
    const child = fake.utilityProcess.fork.mock.results[0]?.value as { emit(e: string, m: unknown): void } | undefined;
    child?.emit('message', { type: 'ready' });
    const wallSender = { sender: { id: wall.webContents.id }, senderFrame: { url: 'app://outpost/index.html#/wall' } };
    const reply = handler(fake, 'outpost:invoke')(wallSender, { id: 1, method: 'app.info' });
    await vi.waitFor(() => expect(fake.utilityProcess.fork.mock.results[0]?.value.postMessage).toHaveBeenCalled());
    fake.app.emit('will-quit'); // fails the in-flight request; what matters is that it was forwarded, not refused
    await expect(reply).resolves.toMatchObject({ id: 1, error: { code: 'UNAVAILABLE' } });
  });

  it('closes the wall (and its power-save blocker) when the app window closes', async () => {
    const fake = await startMain(withProjector);
    const { app, wall } = await openWallFromApp(fake);
    app.close();
    expect(wall.destroyed).toBe(true);
    expect(fake.powerSaveBlocker.stop).toHaveBeenCalledOnce();
    expect(fake.powerSaveBlocker.active.size).toBe(0);
    fake.app.emit('will-quit');
  });

  it('focuses the app window, not the wall, when a second instance starts', async () => {
    const fake = await startMain(withProjector);
    const { app, wall } = await openWallFromApp(fake);
    fake.app.emit('second-instance');
    expect(app.focus).toHaveBeenCalledOnce();
    expect(wall.focus).not.toHaveBeenCalled();
    fake.app.emit('will-quit');
  });

  it('on quit removes the wall handlers and closes the wall', async () => {
    const fake = await startMain(withProjector);
    const { wall } = await openWallFromApp(fake);
    fake.app.emit('will-quit');
    const removed = fake.ipcMain.removeHandler.mock.calls.map(([channel]) => channel);
    expect(removed).toEqual(expect.arrayContaining(['outpost:wall:displays', 'outpost:wall:open', 'outpost:wall:close']));
    expect(wall.destroyed).toBe(true);
    expect(fake.powerSaveBlocker.active.size).toBe(0);
  });
});
