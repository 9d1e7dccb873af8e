// Sender-checked relay between renderer windows and the core process. It only checks who is asking and whether
// the envelope is well formed; params are validated by core's dispatcher (no business logic here: what to do
// around particular methods is plugged in as `hooks`). Ids are rewritten so two windows may both send id 1;
// replies are routed back by the relay's own numeric id. Main's own requests use the reserved ids `main:<n>`.
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api/ipc-channels';
import type { MethodName, MethodParams } from '../shared/api/methods';
import { errorResponse, rpcEventSchema, rpcResponseSchema } from '../shared/api/rpc';
import type { RpcRequest, RpcResponse } from '../shared/api/rpc';
import type { UrlCheck } from './app-origin';
import { createCoreRequests, type CoreLink } from './core-requests';
import { parseEnvelope } from './ipc-envelope';
import { createSenderCheck, type InvokeEventLike } from './sender-check';
import { systemTimers, type Timers } from './timers';
import type { WindowRegistry } from './window-registry';

export type { CoreLink } from './core-requests';
export type { InvokeEventLike } from './sender-check';

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<RpcResponse>): void;
  removeHandler(channel: string): void;
}

/** Extension points around a window's (well-formed, trusted) request. Ids seen here are the window's own. */
export interface RelayHooks {
  /** Before forwarding: return a response to answer the window without asking core. */
  onRequest?(request: RpcRequest): RpcResponse | undefined;
  /** The reply (core's, or the relay's TIMEOUT/UNAVAILABLE) before the window gets it: return what it gets. */
  onReply?(request: RpcRequest, response: RpcResponse): RpcResponse | Promise<RpcResponse>;
}

export interface IpcRelayOptions {
  ipcMain: IpcMainLike;
  windows: Pick<WindowRegistry, 'has' | 'all'>;
  isTrustedUrl: UrlCheck;
  hooks?: RelayHooks;
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
  /** A message from core: a response (routed to its window or to main) or an event (broadcast). */
  handleCoreMessage(message: unknown): void;
  /** Main itself calls core (no sender check, no hooks); the reply carries the reserved id it was sent with. */
  request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<RpcResponse>;
  dispose(): void;
}

export function createIpcRelay(options: IpcRelayOptions): IpcRelay {
  const requests = createCoreRequests(options.timers ?? systemTimers, options.requestTimeoutMs ?? 30_000);
  const hooks = options.hooks ?? {};
  let nextRelayId = 1;
  let nextMainId = 1;

  const isTrustedSender = createSenderCheck(options.windows, options.isTrustedUrl);

  const forward = async (request: RpcRequest): Promise<RpcResponse> => {
    const reply = await requests.send({ ...request, id: nextRelayId++ });
    return { ...reply, id: request.id } as RpcResponse;
  };

  const invoke = async (event: InvokeEventLike, ...args: unknown[]): Promise<RpcResponse> => {
    if (!isTrustedSender(event))
      return errorResponse(null, { code: 'UNAUTHORIZED', message: 'Request from an untrusted sender' });
    const envelope = parseEnvelope(args);
    if (!envelope.ok) return envelope.response;
    const request = envelope.request;
    try {
      const early = hooks.onRequest?.(request);
      if (early) return early;
      const response = await forward(request);
      return hooks.onReply ? await hooks.onReply(request, response) : response;
    } catch (err) {
      // A failing hook is a bug in main: log it here, never hand its details (or a stack) to the page.
      console.error(`[main] relay hook failed for ${request.method}:`, err);
      return errorResponse(request.id, { code: 'INTERNAL', message: `Outpost could not finish ${request.method}` });
    }
  };

  options.ipcMain.handle(IPC_INVOKE_CHANNEL, invoke);

  return {
    coreStarting: () => requests.starting(),
    coreReady: (link) => requests.ready(link),
    coreDown: (reason) => requests.down({ code: 'UNAVAILABLE', message: reason }),
    handleCoreMessage(message) {
      const event = rpcEventSchema.safeParse(message);
      if (event.success) {
        for (const contents of options.windows.all()) contents.send(IPC_EVENT_CHANNEL, event.data);
        return;
      }
      const response = rpcResponseSchema.safeParse(message);
      if (response.success) requests.settle(response.data as RpcResponse); // unknown ids are ignored there
    },
    request(method, params) {
      return requests.send({ id: `main:${nextMainId++}`, method, params });
    },
    dispose() {
      options.ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
      requests.down({ code: 'UNAVAILABLE', message: 'Outpost is shutting down' });
    },
  };
}
