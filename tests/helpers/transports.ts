// The transports the contract suite runs over: in-memory pair, web host over WebSocket, and the core
// process (the Electron utility-process entry) forked as a Node child with an IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { OutpostBridge } from '../../src/shared/api/bridge';
import type { RpcEvent, RpcRequest, RpcResponse } from '../../src/shared/api/rpc';
import { createWsBridge, type WebSocketLike } from '../../src/shared/transport/ws-bridge';
import { createCore } from '../../src/core/core';
import { createInMemoryBridge } from '../../src/core/host/in-memory-bridge';
import { startWebHost, type WebHost } from '../../src/core/host/web-host';

export interface TransportUnderTest {
  bridge: OutpostBridge;
  /** Put any value on the wire as-is (bypassing the typed client) and return the reply. */
  sendRaw(message: unknown): Promise<RpcResponse>;
  close(): Promise<void>;
}

/** Serialize raw sends so that a reply with a null id (to a malformed envelope) matches its request. */
function serialSender(send: (message: unknown) => void): {
  sendRaw(m: unknown): Promise<RpcResponse>;
  onReply(r: RpcResponse): void;
} {
  let current: ((r: RpcResponse) => void) | null = null;
  let queue = Promise.resolve();
  return {
    sendRaw(message) {
      const reply = queue.then(
        () =>
          new Promise<RpcResponse>((resolve) => {
            current = resolve;
            send(message);
          }),
      );
      queue = reply.then(() => undefined);
      return reply;
    },
    onReply: (r) => current?.(r),
  };
}

export function tempDir(prefix = 'outpost-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function inMemoryTransport(): Promise<TransportUnderTest> {
  const core = createCore({ dataDir: ':memory:' });
  const bridge = createInMemoryBridge(core);
  return { bridge, sendRaw: (m) => bridge.invoke(m as RpcRequest), close: async () => core.close() };
}

export async function webHostTransport(): Promise<TransportUnderTest & { host: WebHost }> {
  const dir = tempDir();
  const core = createCore({ dataDir: dir.path });
  const host = await startWebHost({ core });
  const bridge = createWsBridge({
    url: `ws://127.0.0.1:${host.port}/rpc?token=${host.token}`,
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
  });
  const rawSocket = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
  await new Promise((resolve, reject) => rawSocket.once('open', resolve).once('error', reject));
  const raw = serialSender((m) => rawSocket.send(typeof m === 'string' ? m : JSON.stringify(m)));
  rawSocket.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as Partial<RpcResponse>;
    if ('ok' in msg) raw.onReply(msg as RpcResponse);
  });
  return {
    bridge,
    host,
    sendRaw: raw.sendRaw,
    close: async () => {
      rawSocket.close();
      bridge.close();
      await host.close();
      core.close();
      dir.remove();
    },
  };
}

/** Fork src/core/host/utility-entry.ts (through tsx) exactly as Electron's utilityProcess would run it. */
export async function startCoreChild(dataDir: string): Promise<ChildProcess> {
  const child = fork('src/core/host/utility-entry.ts', [`--data-dir=${dataDir}`, '--no-backend'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if ((m as { type?: string }).type === 'ready') {
        child.off('message', onMessage);
        resolve();
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`core child exited early with ${code}`)));
  });
  return child;
}

export async function coreChildTransport(): Promise<TransportUnderTest> {
  const dir = tempDir();
  const child = await startCoreChild(dir.path);
  const listeners = new Set<(e: RpcEvent) => void>();
  const raw = serialSender((m) => child.send(m as object));
  child.on('message', (m: unknown) => {
    const msg = m as Partial<RpcResponse & RpcEvent>;
    if (typeof msg.event === 'string') for (const l of listeners) l(msg as RpcEvent);
    else if ('ok' in msg) raw.onReply(msg as RpcResponse);
  });
  const bridge: OutpostBridge = {
    invoke: (request) => raw.sendRaw(request),
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    bridge,
    sendRaw: raw.sendRaw,
    close: async () => {
      child.disconnect();
      await new Promise((r) => child.once('exit', r));
      dir.remove();
    },
  };
}
