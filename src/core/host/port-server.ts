// Serves a Core over a message port: the Electron utility process's parentPort or a Node child's IPC channel.
// Every incoming message is dispatched (bad ones get typed errors); every core event is posted back.
import type { Core } from '../core';

export interface MessagePortLike {
  onMessage(listener: (message: unknown) => void): void;
  post(message: unknown): void;
}

export function serveOverPort(core: Core, port: MessagePortLike): () => void {
  const unsubscribe = core.subscribe((event) => port.post(event));
  port.onMessage((message) => {
    void core.dispatch(message).then((response) => port.post(response));
  });
  port.post({ type: 'ready' });
  return unsubscribe;
}
