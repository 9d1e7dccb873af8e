// Whether core is reachable, as one small observable value. Fed by the web bridge's socket events and by
// the outcome of every client call, so the Electron bridge (which has no socket) reports loss too.
import { OutpostError } from '../../../shared/api/errors';
import type { OutpostClient } from '../../../shared/api/client';

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

/** Wraps a client so each call's outcome updates the monitor: a reply proves core is up, a transport failure that it is not. */
export function monitorClient(client: OutpostClient, monitor: ConnectionMonitor): OutpostClient {
  return {
    async call(method, params) {
      try {
        const result = await client.call(method, params);
        monitor.report(true);
        return result;
      } catch (err) {
        const unreachable = err instanceof OutpostError && UNREACHABLE_CODES.has(err.code);
        monitor.report(!unreachable);
        throw err;
      }
    },
    on: (event, handler) => client.on(event, handler),
  };
}
