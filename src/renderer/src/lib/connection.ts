// Whether core is reachable, as one small observable value. Fed by the web bridge's socket events and by
// the outcome of every client call, so the Electron bridge (which has no socket) reports loss too.
import { OutpostError } from '../../../shared/api/errors';
import type { OutpostClient } from '../../../shared/api/client';
import type { MethodName } from '../../../shared/api/methods';

export interface ConnectionMonitor {
  isConnected(): boolean;
  report(connected: boolean): void;
  subscribe(listener: () => void): () => void;
}

export function createConnectionMonitor(initiallyConnected = true): ConnectionMonitor {
  let connected = initiallyConnected;
  const listeners = new Set<() => void>();
  return {
    isConnected: () => connected,
    report(next) {
      if (next === connected) return;
      connected = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Codes that mean "core is not there", as opposed to "core said no". */
const UNREACHABLE_CODES = new Set(['UNAVAILABLE', 'TIMEOUT']);

/**
 * Methods whose work reaches the sync backend. Their UNAVAILABLE or TIMEOUT may be core faithfully reporting
 * that the *backend* is unreachable, so they alone cannot tell whether core itself is.
 */
const BACKEND_METHODS: ReadonlySet<MethodName> = new Set(['sync.configure', 'sync.now']);

const isUnreachable = (err: unknown) => err instanceof OutpostError && UNREACHABLE_CODES.has(err.code);

/** Wraps a client so each call's outcome updates the monitor: a reply proves core is up, a transport failure that it is not. */
export function monitorClient(client: OutpostClient, monitor: ConnectionMonitor): OutpostClient {
  return {
    async call(method, params) {
      try {
        const result = await client.call(method, params);
        monitor.report(true);
        return result;
      } catch (err) {
        if (isUnreachable(err) && BACKEND_METHODS.has(method)) {
          // Ask core something that never leaves it: its answer (or silence) is about core alone.
          monitor.report(
            await client.call('app.info', {}).then(
              () => true,
              (probe: unknown) => !isUnreachable(probe),
            ),
          );
        } else {
          monitor.report(!isUnreachable(err));
        }
        throw err;
      }
    },
    on: (event, handler) => client.on(event, handler),
  };
}
