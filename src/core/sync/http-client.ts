// The backend's sync endpoints over fetch: bearer token, protocol header, a per-request timeout, and every
// reply validated against the shared protocol schemas. Failures come out as typed SyncErrors with words.
import type { z } from 'zod';
import {
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  changesPageSchema,
  mutationResponseSchema,
  serverErrorSchema,
  sessionSchema,
  type ChangesPage,
  type MutationBatch,
  type MutationResult,
  type Session,
} from '../../shared/sync/protocol';
import { parseRetryAfter } from './backoff';
import { SyncError } from './sync-error';
import { describeHttpFailure, describeNetworkFailure } from './http-errors';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  baseUrl: string;
  token: string;
  requestTimeoutMs: number;
  fetch?: FetchLike;
  now?: () => number;
}

export interface ChangesRequest {
  after: number;
  limit: number;
  /** Regions the replica holds, so the reply's scope can say what to purge or backfill. */
  held: readonly string[];
  /** Backfill: only these regions, up to `until`. */
  regions?: readonly string[];
  until?: number;
}

export interface SyncHttpClient {
  readonly baseUrl: string;
  session(signal: AbortSignal): Promise<Session>;
  changes(request: ChangesRequest, signal: AbortSignal): Promise<ChangesPage>;
  mutations(batch: MutationBatch, signal: AbortSignal): Promise<MutationResult[]>;
}

export function createHttpClient(options: HttpClientOptions): SyncHttpClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const now = options.now ?? Date.now;

  async function request<S extends z.ZodType>(
    path: string,
    schema: S,
    signal: AbortSignal,
    body?: unknown,
  ): Promise<z.output<S>> {
    const timeout = AbortSignal.timeout(options.requestTimeoutMs);
    const combined = AbortSignal.any([signal, timeout]);
    // Why one helper for both phases: a timeout or cancel can strike while waiting for headers or mid-body.
    const failed = (err: unknown, phase: 'connect' | 'body'): SyncError => {
      if (signal.aborted) return new SyncError('cancelled', 'Sync was cancelled', { cause: err });
      if (timeout.aborted)
        return new SyncError('timeout', `The backend did not answer within ${formatMs(options.requestTimeoutMs)}`);
      return describeNetworkFailure(err, base, phase);
    };
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: combined,
      });
    } catch (err) {
      throw failed(err, 'connect');
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw failed(err, 'body');
    }
    if (!res.ok) throw httpFailure(res, text, now());
    return parseReply(text, schema);
  }

  return {
    baseUrl: base,
    session: (signal) => request('/v1/session', sessionSchema, signal),
    changes: (req, signal) => request(`/v1/changes?${changesQuery(req)}`, changesPageSchema, signal),
    mutations: async (batch, signal) => (await request('/v1/mutations', mutationResponseSchema, signal, batch)).results,
  };
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function changesQuery(req: ChangesRequest): string {
  const query = new URLSearchParams({ after: String(req.after), limit: String(req.limit), held: req.held.join(',') });
  if (req.regions) query.set('regions', req.regions.join(','));
  if (req.until !== undefined) query.set('until', String(req.until));
  return query.toString();
}

function httpFailure(res: Response, text: string, now: number): SyncError {
  let serverMessage: string | undefined;
  let code: string | undefined;
  try {
    const parsed = serverErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) ({ message: serverMessage, error: code } = parsed.data);
  } catch {
    // Not an Outpost error body (a proxy's HTML page, say): the status alone decides.
  }
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now) ?? undefined;
  return describeHttpFailure({ status: res.status, code, serverMessage, retryAfterMs });
}

function parseReply<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncError('malformed', 'The backend sent a reply that is not valid JSON (cut off or corrupted)');
  }
  const version = typeof json === 'object' && json !== null ? (json as { protocolVersion?: unknown }).protocolVersion : undefined;
  if (typeof version === 'number' && version !== SYNC_PROTOCOL_VERSION) {
    throw new SyncError(
      'protocol',
      `The backend speaks sync protocol ${version}; this Outpost speaks ${SYNC_PROTOCOL_VERSION}. Update Outpost or the backend.`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown';
    throw new SyncError('malformed', `The backend sent a reply that does not follow the sync protocol (${where})`);
  }
  return parsed.data;
}
