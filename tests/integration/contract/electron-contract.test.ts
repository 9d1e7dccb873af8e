// The contract suite over the Electron transport, with everything real except Electron itself: the sandboxed
// preload's bridge → a fake ipcRenderer/ipcMain pair that clones like IPC → the sender-checked relay in main →
// the core process entry forked as a Node child (what utilityProcess.fork runs).
import { vi } from 'vitest';
import type { OutpostBridge } from '../../../src/shared/api/bridge';
import type { RpcRequest, RpcResponse } from '../../../src/shared/api/rpc';
import { APP_ENTRY_URL, createOriginCheck } from '../../../src/main/app-origin';
import { createIpcRelay, type InvokeEventLike } from '../../../src/main/ipc-relay';
import { createWindowRegistry } from '../../../src/main/window-registry';
import { startCoreChild, tempDir, type TransportUnderTest } from '../../helpers/transports';
import { contractSuite } from './contract-suite';

type Invoke = (event: InvokeEventLike, ...args: unknown[]) => Promise<RpcResponse>;
const ipc = vi.hoisted(() => ({
  handlers: new Map<string, Invoke>(),
  rendererListeners: new Map<string, Set<(event: unknown, message: unknown) => void>>(),
  exposed: {} as Record<string, unknown>,
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (ipc.exposed[key] = value) },
  ipcRenderer: {
    // Our window (webContents 1) on the app:// page; arguments are cloned as Electron's IPC would.
    invoke: (channel: string, ...args: unknown[]) =>
      ipc.handlers.get(channel)!(
        { sender: { id: 1 }, senderFrame: { url: 'app://outpost/index.html' } },
        ...structuredClone(args),
      ),
    on: (channel: string, fn: (event: unknown, message: unknown) => void) => {
      const set = ipc.rendererListeners.get(channel) ?? new Set();
      set.add(fn);
      ipc.rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (event: unknown, message: unknown) => void) =>
      ipc.rendererListeners.get(channel)?.delete(fn),
  },
}));

async function electronTransport(): Promise<TransportUnderTest> {
  const dir = tempDir();
  const windows = createWindowRegistry();
  windows.add({
    id: 1,
    isDestroyed: () => false,
    send: (channel, ...args) => ipc.rendererListeners.get(channel)?.forEach((fn) => fn({}, structuredClone(args[0]))),
  });
  const relay = createIpcRelay({
    ipcMain: { handle: (channel, fn) => ipc.handlers.set(channel, fn), removeHandler: (channel) => ipc.handlers.delete(channel) },
    windows,
    isTrustedUrl: createOriginCheck(),
  });
  relay.coreStarting();
  const child = await startCoreChild(dir.path);
  child.on('message', (m) => relay.handleCoreMessage(m));
  relay.coreReady({ postMessage: (m) => child.send(m as object) });
  await import('../../../src/preload/index');
  const bridge = ipc.exposed.outpost as OutpostBridge;
  return {
    bridge,
    // A page can hand the bridge anything; that is exactly what the relay and core must survive.
    sendRaw: (message) => bridge.invoke(message as RpcRequest),
    close: async () => {
      relay.dispose();
      child.disconnect();
      await new Promise((r) => child.once('exit', r));
      dir.remove();
    },
  };
}

contractSuite(`Electron IPC (preload → relay → core process, page ${APP_ENTRY_URL})`, electronTransport);
