// Web host client: the OutpostBridge over one WebSocket. Reconnects with backoff; requests made while
// disconnected fail fast with UNAVAILABLE rather than hanging. The WebSocket class is injected so this
// runs in the browser (global WebSocket) and in Node tests (`ws`).
import type { OutpostBridge } from '../api/bridge';
import { errorResponse, rpcEventSchema, rpcResponseSchema, type RpcEvent, type RpcRequest, type RpcResponse } from '../api/rpc';

/** The slice of the WebSocket API this bridge uses (browser and `ws` both provide it). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface WsBridgeOptions {
  url: string;
  createSocket: WebSocketFactory;
  /** Per-request timeout; a reply that never comes becomes a TIMEOUT error. */
  requestTimeoutMs?: number;
  /** Called when the connection opens or closes, for a "host unreachable" indicator. */
  onConnectionChange?: (connected: boolean) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface WsBridge extends OutpostBridge {
  close(): void;
}

const OPEN = 1;
const MAX_BACKOFF_MS = 5000;

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const listeners = new Set<(event: RpcEvent) => void>();
  const pending = new Map<string, { resolve: (r: RpcResponse) => void; timer: unknown; id: RpcRequest['id'] }>();
  let socket: WebSocketLike | null = null;
  let opened: Promise<void> | null = null;
  let closedByUser = false;
  let attempt = 0;

  const failAll = (message: string) => {
    for (const [key, entry] of pending) {
      clearTimer(entry.timer);
      entry.resolve(errorResponse(entry.id, { code: 'UNAVAILABLE', message }));
      pending.delete(key);
    }
  };

  const handleMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return; // a garbled frame is dropped; the request it belonged to times out
    }
    const event = rpcEventSchema.safeParse(parsed);
    if (event.success) {
      for (const listener of listeners) listener(event.data);
      return;
    }
    const response = rpcResponseSchema.safeParse(parsed);
    if (!response.success || response.data.id === null) return;
    const key = String(response.data.id);
    const entry = pending.get(key);
    if (!entry) return;
    pending.delete(key);
    clearTimer(entry.timer);
    entry.resolve(response.data as RpcResponse);
  };

  const connect = (): Promise<void> => {
    if (opened) return opened;
    opened = new Promise<void>((resolve, reject) => {
      const ws = options.createSocket(options.url);
      socket = ws;
      ws.onopen = () => {
        attempt = 0;
        options.onConnectionChange?.(true);
        resolve();
      };
      ws.onmessage = (ev) => handleMessage(ev.data);
      ws.onerror = () => undefined; // onclose follows and carries the handling
      ws.onclose = () => {
        const wasOpen = socket === ws;
        socket = null;
        opened = null;
        failAll('Connection to Outpost core closed');
        reject(new Error('Connection to Outpost core failed'));
        if (wasOpen) options.onConnectionChange?.(false);
        if (!closedByUser) {
          const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt++);
          setTimer(() => {
            if (!closedByUser) connect().catch(() => undefined);
          }, delay);
        }
      };
    });
    return opened;
  };

  connect().catch(() => undefined);

  return {
    async invoke(request) {
      try {
        await connect();
      } catch {
        return errorResponse(request.id, { code: 'UNAVAILABLE', message: 'Outpost core is not reachable' });
      }
      const ws = socket;
      if (!ws || ws.readyState !== OPEN) {
        return errorResponse(request.id, { code: 'UNAVAILABLE', message: 'Outpost core is not reachable' });
      }
      const key = String(request.id);
      return new Promise<RpcResponse>((resolve) => {
        const timer = setTimer(() => {
          pending.delete(key);
          resolve(errorResponse(request.id, { code: 'TIMEOUT', message: `No reply to ${request.method} in ${timeoutMs} ms` }));
        }, timeoutMs);
        pending.set(key, { resolve, timer, id: request.id });
        ws.send(JSON.stringify(request));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closedByUser = true;
      socket?.close();
      failAll('Bridge closed');
    },
  };
}
