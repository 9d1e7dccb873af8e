// Electron IPC channel names shared by the preload (sender side) and main (relay side).
// Plain constants, no imports: both bundles inline them, so the two ends cannot drift apart.

/** Renderer → main: one RpcRequest, answered with one RpcResponse (`ipcRenderer.invoke` / `ipcMain.handle`). */
export const IPC_INVOKE_CHANNEL = 'outpost:invoke';

/** Main → renderer: every RpcEvent core pushes (`webContents.send` / `ipcRenderer.on`). */
export const IPC_EVENT_CHANNEL = 'outpost:event';
