// Core's event fan-out: handlers emit typed events, every connected transport receives them.
import { events, type EventName, type EventPayload } from '../../shared/api/events';
import type { RpcEvent } from '../../shared/api/rpc';

export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: (event: RpcEvent) => void): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<(event: RpcEvent) => void>();
  return {
    emit(event, payload) {
      // Validate on the way out: a malformed event is a core bug and must not reach the UI.
      const message: RpcEvent = { event, payload: events[event].parse(payload) };
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (err) {
          console.error('[core] event listener failed:', err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
