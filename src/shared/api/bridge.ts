// The bridge contract: the one object the renderer talks to. Implemented by the Electron preload
// (IPC), the web host client (WebSocket) and the in-memory pair used in tests.
import type { RpcEvent, RpcRequest, RpcResponse } from './rpc';

export interface OutpostBridge {
  /** Send one request; resolves with its response envelope. Rejects only if the transport itself fails. */
  invoke(request: RpcRequest): Promise<RpcResponse>;
  /** Receive every event core pushes; returns an unsubscribe function. */
  onEvent(listener: (event: RpcEvent) => void): () => void;
}
