// Sender-checked relay between renderer windows and the core process. It only checks who is asking and whether
// the envelope is well formed; params are validated by core's dispatcher (no business logic here).
// Ids are rewritten so two windows may both send id 1; replies are routed back by the relay's own id.
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api/ipc-channels';
import type { ApiErrorData } from '../shared/api/errors';
import { errorResponse, rpcEventSchema, rpcResponseSchema } from '../shared/api/rpc';
import type { RpcId, RpcRequest, RpcResponse } from '../shared/api/rpc';
import type { UrlCheck } from './app-origin';
import { parseEnvelope } from './ipc-envelope';
import { systemTimers, type Timers } from './timers';
import type { WindowRegistry } from './window-registry';

/** The parts of Electron's IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  /** null once the frame navigated away or was destroyed: such a request is refused. */
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<RpcResponse>): void;
  removeHandler(channel: string): void;
}

/** Where requests go: the running core child (utilityProcess). */
export interface CoreLink {
  postMessage(message: unknown): void;
}

export interface IpcRelayOptions {
  ipcMain: IpcMainLike;
  windows: Pick<WindowRegistry, 'has' | 'all'>;
  isTrustedUrl: UrlCheck;
  /** A request with no reply after this long resolves with TIMEOUT. */
  requestTimeoutMs?: number;
  timers?: Timers;
}

export interface IpcRelay {
  /** Core is being (re)started: hold new requests until it is ready. */
  coreStarting(): void;
  /** Core posted `{ type: 'ready' }`: send the held requests and everything after. */
  coreReady(link: CoreLink): void;
  /** Core exited: every request waiting for it resolves with UNAVAILABLE. */
  coreDown(reason: string): void;
  /** A message from core: a response (routed to its window) or an event (broadcast). */
  handleCoreMessage(message: unknown): void;
  dispose(): void;
}

interface Pending {
  originalId: RpcId;
  forward: RpcRequest;
  resolve: (response: RpcResponse) => void;
  timer: unknown;
  sent: boolean;
}

type CoreState = { kind: 'down' } | { kind: 'starting' } | { kind: 'ready'; link: CoreLink };

export function createIpcRelay(options: IpcRelayOptions): IpcRelay {
  const timers = options.timers ?? systemTimers;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const pending = new Map<number, Pending>();
  let core: CoreState = { kind: 'down' };
  let nextRelayId = 1;

  const settle = (relayId: number, response: RpcResponse) => {
    const entry = pending.get(relayId);
    if (!entry) return;
    pending.delete(relayId);
    timers.clearTimeout(entry.timer);
    entry.resolve(response);
  };

  const failAll = (error: ApiErrorData) => {
    for (const [relayId, entry] of pending) settle(relayId, errorResponse(entry.originalId, error));
  };

  const isTrustedSender = (event: InvokeEventLike) =>
    options.windows.has(event.sender.id) && event.senderFrame !== null && options.isTrustedUrl(event.senderFrame.url);

  const invoke = async (event: InvokeEventLike, ...args: unknown[]): Promise<RpcResponse> => {
    if (!isTrustedSender(event))
      return errorResponse(null, { code: 'UNAUTHORIZED', message: 'Request from an untrusted sender' });
    const envelope = parseEnvelope(args);
    if (!envelope.ok) return envelope.response;
    const request = envelope.request;
    if (core.kind === 'down') return errorResponse(request.id, { code: 'UNAVAILABLE', message: 'Outpost core is not running' });
    const relayId = nextRelayId++;
    return new Promise<RpcResponse>((resolve) => {
      const timer = timers.setTimeout(() => {
        settle(
          relayId,
          errorResponse(request.id, { code: 'TIMEOUT', message: `No reply to ${request.method} in ${timeoutMs} ms` }),
        );
      }, timeoutMs);
      const entry: Pending = { originalId: request.id, forward: { ...request, id: relayId }, resolve, timer, sent: false };
      pending.set(relayId, entry);
      if (core.kind === 'ready') send(core.link, entry);
    });
  };

  const send = (link: CoreLink, entry: Pending) => {
    entry.sent = true;
    link.postMessage(entry.forward);
  };

  options.ipcMain.handle(IPC_INVOKE_CHANNEL, invoke);

  return {
    coreStarting() {
      core = { kind: 'starting' };
    },
    coreReady(link) {
      core = { kind: 'ready', link };
      for (const entry of pending.values()) if (!entry.sent) send(link, entry);
    },
    coreDown(reason) {
      core = { kind: 'down' };
      failAll({ code: 'UNAVAILABLE', message: reason });
    },
    handleCoreMessage(message) {
      const event = rpcEventSchema.safeParse(message);
      if (event.success) {
        for (const contents of options.windows.all()) contents.send(IPC_EVENT_CHANNEL, event.data);
        return;
      }
      const response = rpcResponseSchema.safeParse(message);
      if (!response.success || typeof response.data.id !== 'number') return; // not one of ours: ignore
      const entry = pending.get(response.data.id);
      if (entry) settle(response.data.id, { ...response.data, id: entry.originalId } as RpcResponse);
    },
    dispose() {
      options.ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
      core = { kind: 'down' };
      failAll({ code: 'UNAVAILABLE', message: 'Outpost is shutting down' });
    },
  };
}
