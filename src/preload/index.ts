// Sandboxed preload: exposes `window.outpost` (the OutpostBridge contract) and `window.outpostWall` (the wall window).
// Raw ipcRenderer never reaches the page: it can only invoke our channels and listen to our one event channel.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { OutpostBridge } from '../shared/api/bridge';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api/ipc-channels';
import type { RpcEvent, RpcResponse } from '../shared/api/rpc';
import { IPC_WALL_CLOSE, IPC_WALL_DISPLAYS, IPC_WALL_OPEN } from '../shared/api/wall-window';
import type { DisplayInfo, WallWindowBridge } from '../shared/api/wall-window';

const bridge = {
  invoke(request) {
    // Only the request crosses: no extra arguments, so main's relay sees exactly one envelope.
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, request) as Promise<RpcResponse>;
  },
  onEvent(listener) {
    // The IpcRendererEvent is dropped on purpose: it carries `sender` (ipcRenderer itself) and must not leak.
    const handler = (_event: IpcRendererEvent, message: RpcEvent) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
} satisfies OutpostBridge;

// Main validates every argument; the preload only makes sure nothing but the display id crosses.
const wall = {
  displays: () => ipcRenderer.invoke(IPC_WALL_DISPLAYS) as Promise<DisplayInfo[]>,
  open: (displayId) => ipcRenderer.invoke(IPC_WALL_OPEN, displayId) as Promise<{ displayId: number }>,
  close: async () => {
    await ipcRenderer.invoke(IPC_WALL_CLOSE);
  },
} satisfies WallWindowBridge;

contextBridge.exposeInMainWorld('outpost', bridge);
contextBridge.exposeInMainWorld('outpostWall', wall);
