// Envelope check for requests arriving over Electron IPC: exactly one argument, a valid RpcRequest, a sane size.
// Anything else becomes a typed BAD_REQUEST response that echoes the caller's id when it is usable.
import { MAX_REQUEST_BYTES, errorResponse, rpcIdSchema, rpcRequestSchema } from '../shared/api/rpc';
import type { RpcRequest, RpcResponse } from '../shared/api/rpc';

export type Envelope = { ok: true; request: RpcRequest } | { ok: false; response: RpcResponse };

const MAX_ISSUES = 20;

export function parseEnvelope(args: readonly unknown[]): Envelope {
  const raw = args[0];
  const id = rpcIdSchema.safeParse((raw as { id?: unknown } | null)?.id);
  const reject = (message: string, issues?: string[]): Envelope => ({
    ok: false,
    response: errorResponse(id.success ? id.data : null, { code: 'BAD_REQUEST', message, ...(issues ? { issues } : {}) }),
  });
  if (args.length !== 1) return reject('Expected exactly one request envelope');
  const parsed = rpcRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return reject('Malformed request', issues);
  }
  try {
    // Why: the same cap as the web transport, so a window cannot make core parse megabytes of params.
    if (JSON.stringify(raw).length > MAX_REQUEST_BYTES) return reject('Request too large');
  } catch {
    return reject('Request is not JSON-serializable'); // BigInt and the like: the web transport could not carry it either
  }
  return { ok: true, request: parsed.data };
}
