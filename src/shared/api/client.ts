// Typed client over any bridge: `call('settings.get', {})` returns the validated result or throws OutpostError.
import { OutpostError } from './errors';
import { events, isEventName, type EventName, type EventPayload } from './events';
import { methods, type MethodName, type MethodParams, type MethodResult } from './methods';
import { rpcResponseSchema } from './rpc';
import type { OutpostBridge } from './bridge';

export interface OutpostClient {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(bridge: OutpostBridge): OutpostClient {
  let nextId = 1;
  return {
    async call(method, params) {
      const id = nextId++;
      let raw: unknown;
      try {
        raw = await bridge.invoke({ id, method, params });
      } catch (err) {
        throw new OutpostError({ code: 'UNAVAILABLE', message: err instanceof Error ? err.message : String(err) });
      }
      const envelope = rpcResponseSchema.safeParse(raw);
      if (!envelope.success) throw new OutpostError({ code: 'INTERNAL', message: `Malformed response to ${method}` });
      const response = envelope.data;
      if (!response.ok) throw new OutpostError(response.error);
      // Results are validated here too: a transport or core bug surfaces as a typed error, not a crash later.
      const result = methods[method].result.safeParse(response.result);
      if (!result.success) throw new OutpostError({ code: 'INTERNAL', message: `Malformed result of ${method}` });
      return result.data as MethodResult<typeof method>;
    },
    on(event, handler) {
      return bridge.onEvent((message) => {
        if (message.event !== event || !isEventName(message.event)) return;
        const payload = events[event].safeParse(message.payload);
        if (payload.success) handler(payload.data as EventPayload<typeof event>);
      });
    },
  };
}
