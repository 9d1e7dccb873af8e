// Requests in flight to the core process: held while core starts, sent once it is ready, settled by core's reply,
// a timeout, or core going down. Ids are the caller's business (the relay numbers windows' requests, main uses
// its own reserved ids); this table only needs them unique among pending requests.
import type { ApiErrorData } from '../shared/api/errors';
import { errorResponse } from '../shared/api/rpc';
import type { RpcId, RpcRequest, RpcResponse } from '../shared/api/rpc';
import type { Timers } from './timers';

/** Where requests go: the running core child (utilityProcess). */
export interface CoreLink {
  postMessage(message: unknown): void;
}

export interface CoreRequests {
  /** Send `request` to core (or hold it until core is ready); resolves with the reply under the same id. */
  send(request: RpcRequest): Promise<RpcResponse>;
  starting(): void;
  ready(link: CoreLink): void;
  /** Core is gone: everything pending resolves with `error`, and new requests are answered UNAVAILABLE at once. */
  down(error: ApiErrorData): void;
  /** A response from core; unknown and duplicate ids are ignored. */
  settle(response: RpcResponse): void;
}

interface Pending {
  request: RpcRequest;
  resolve: (response: RpcResponse) => void;
  timer: unknown;
  sent: boolean;
}

type CoreState = { kind: 'down' } | { kind: 'starting' } | { kind: 'ready'; link: CoreLink };

export function createCoreRequests(timers: Timers, timeoutMs: number): CoreRequests {
  const pending = new Map<RpcId, Pending>();
  let core: CoreState = { kind: 'down' };

  const finish = (id: RpcId, response: RpcResponse) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    timers.clearTimeout(entry.timer);
    entry.resolve(response);
  };

  const post = (link: CoreLink, entry: Pending) => {
    entry.sent = true;
    link.postMessage(entry.request);
  };

  return {
    send(request) {
      if (core.kind === 'down')
        return Promise.resolve(errorResponse(request.id, { code: 'UNAVAILABLE', message: 'Outpost core is not running' }));
      return new Promise<RpcResponse>((resolve) => {
        const timer = timers.setTimeout(() => {
          const message = `No reply to ${request.method} in ${timeoutMs} ms`;
          finish(request.id, errorResponse(request.id, { code: 'TIMEOUT', message }));
        }, timeoutMs);
        const entry: Pending = { request, resolve, timer, sent: false };
        pending.set(request.id, entry);
        if (core.kind === 'ready') post(core.link, entry);
      });
    },
    starting() {
      core = { kind: 'starting' };
    },
    ready(link) {
      core = { kind: 'ready', link };
      for (const entry of pending.values()) if (!entry.sent) post(link, entry);
    },
    down(error) {
      core = { kind: 'down' };
      for (const id of [...pending.keys()]) finish(id, errorResponse(id, error));
    },
    settle(response) {
      if (response.id !== null) finish(response.id, response);
    },
  };
}
