// Electron main entry: lifecycle only (single-instance lock, ready, windows, quit). Each concern lives in its own
// module; this file wires the real electron objects into them.
import { app, BrowserWindow, ipcMain, safeStorage, utilityProcess } from 'electron';
import { APP_ENTRY_URL, createOriginCheck } from './app-origin';
import { createCoreServices } from './core-services';
import { replicaDir, resolveAppPaths } from './paths';
import { registerAppProtocol, registerAppScheme } from './protocol';
import { createSenderCheck } from './sender-check';
import { createWallServices } from './wall-services';
import { createWindowRegistry } from './window-registry';
import { createMainWindow } from './windows';

function main(): void {
  // Before ready: Electron only accepts these then.
  app.enableSandbox();
  registerAppScheme();
  // A second instance would open the same replica: hand over to the first one instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const paths = resolveAppPaths(import.meta.dirname);
  // The dev server URL is honoured only when unpackaged, so an environment variable cannot redirect a shipped app.
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
  const isTrustedUrl = createOriginCheck(devServerUrl);
  const windows = createWindowRegistry();
  const userDataDir = app.getPath('userData');
  const { start, stop } = createCoreServices({
    ipcMain,
    windows,
    isTrustedUrl,
    safeStorage,
    userDataDir,
    fork: (extraArgs) =>
      utilityProcess.fork(
        paths.coreHost,
        [`--data-dir=${replicaDir(userDataDir)}`, `--app-version=${app.getVersion()}`, ...extraArgs],
        { serviceName: 'outpost-core' },
      ),
  });
  const entryUrl = devServerUrl ?? APP_ENTRY_URL;
  let mainWindow: BrowserWindow | undefined;
  // Registered after the relay. `wallServices.prompts` is the gate every main-process prompt must use (the updater's too).
  const wallServices = createWallServices({
    ipcMain,
    isTrustedSender: createSenderCheck(windows, isTrustedUrl),
    preload: paths.preload,
    url: entryUrl,
    isTrustedUrl,
    registry: windows,
    mainWindow: () => mainWindow,
  });
  const openWindow = () => {
    const window = createMainWindow({ preload: paths.preload, url: entryUrl, isTrustedUrl, registry: windows });
    mainWindow = window;
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = undefined;
      wallServices.wall.close(); // the wall belongs to the app window: without it there is no way back from the wall
    });
  };

  app.on('second-instance', () => {
    const existing = mainWindow ?? BrowserWindow.getAllWindows()[0];
    if (!existing) return;
    if (existing.isMinimized()) existing.restore();
    existing.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', () => {
    wallServices.dispose();
    stop();
  });

  app
    .whenReady()
    .then(() => {
      registerAppProtocol(paths.rendererDir);
      start();
      openWindow();
    })
    .catch((err: unknown) => {
      console.error('[main] startup failed:', err);
      app.quit();
    });
}

main();
