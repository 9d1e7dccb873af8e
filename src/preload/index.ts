// Sandboxed preload: exposes exactly one object, `window.outpost`, implementing the OutpostBridge contract.
// Raw ipcRenderer never reaches the page; the page can only invoke our one channel and listen to our one event channel.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { OutpostBridge } from '../shared/api/bridge';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api/ipc-channels';
import type { RpcEvent, RpcResponse } from '../shared/api/rpc';

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

contextBridge.exposeInMainWorld('outpost', bridge);
