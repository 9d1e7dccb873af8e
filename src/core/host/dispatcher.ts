// Transport-independent RPC dispatcher: validates the envelope and params of every request, runs the
// handler, and always answers with a typed response. It never throws, whatever it is given.
import { OutpostError } from '../../shared/api/errors';
import { isMethodName, methods, type MethodName, type MethodParams, type MethodResult } from '../../shared/api/methods';
import { errorResponse, rpcRequestSchema, type RpcResponse } from '../../shared/api/rpc';
import type { z } from 'zod';

export type Handler<M extends MethodName> = (params: MethodParams<M>) => Promise<MethodResult<M>> | MethodResult<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

export interface Dispatcher {
  dispatch(raw: unknown): Promise<RpcResponse>;
}

export interface DispatcherOptions {
  /** Where unexpected handler failures are reported (the caller only sees INTERNAL). */
  logError?: (method: string, err: unknown) => void;
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  const logError = options.logError ?? ((method, err) => console.error(`[core] ${method} failed:`, err));
  return {
    async dispatch(raw) {
      const envelope = rpcRequestSchema.safeParse(raw);
      if (!envelope.success) {
        return errorResponse(recoverId(raw), {
          code: 'BAD_REQUEST',
          message: 'Malformed request',
          issues: formatIssues(envelope.error),
        });
      }
      const { id, method } = envelope.data;
      if (!isMethodName(method))
        return errorResponse(id, { code: 'UNKNOWN_METHOD', message: `Unknown method: ${method.slice(0, 128)}` });
      // Absent params mean "no params"; null or any other non-object is rejected by the schema.
      const rawParams = envelope.data.params === undefined ? {} : envelope.data.params;
      const params = methods[method].params.safeParse(rawParams);
      if (!params.success) {
        return errorResponse(id, {
          code: 'BAD_REQUEST',
          message: `Invalid params for ${method}`,
          issues: formatIssues(params.error),
        });
      }
      try {
        const handler = handlers[method] as Handler<MethodName>;
        const result = await handler(params.data as MethodParams<MethodName>);
        return { id, ok: true, result };
      } catch (err) {
        if (err instanceof OutpostError) return errorResponse(id, err.toData());
        logError(method, err);
        return errorResponse(id, { code: 'INTERNAL', message: `${method} failed inside Outpost core` });
      }
    },
  };
}

/** Answer with the caller's id when it is usable, so its request can still be matched to the error. */
function recoverId(raw: unknown): string | number | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  const id = (raw as { id: unknown }).id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
  if (typeof id === 'string' && id.length > 0 && id.length <= 64) return id;
  return null;
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
