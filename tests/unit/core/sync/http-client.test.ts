// The HTTP client: what it sends (bearer token, protocol header, query) and how every kind of reply or failure
// becomes a typed SyncError with words, without a network (an injected fetch).
import { describe, expect, it } from 'vitest';
import { createHttpClient, type FetchLike } from '../../../../src/core/sync/http-client';
import { SyncError } from '../../../../src/core/sync/sync-error';

const page = {
  protocolVersion: 1,
  cursor: 5,
  highWater: 9,
  hasMore: true,
  reset: false,
  scope: { granted: ['e'], revoked: [], added: [] },
  tables: {},
};

function client(
  reply: (url: string, init: RequestInit) => Response | Promise<Response>,
  seen: { url: string; init: RequestInit }[] = [],
) {
  const fetch: FetchLike = async (url, init) => {
    seen.push({ url, init });
    return reply(url, init);
  };
  return createHttpClient({ baseUrl: 'http://backend.test/api/', token: 'tok', requestTimeoutMs: 1_000, fetch });
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('expected a failure'),
    (e: unknown) => e as SyncError,
  );
const signal = () => new AbortController().signal;

describe('sync HTTP client', () => {
  it('sends the token, the protocol header and the feed query', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const c = client(() => json(200, page), seen);
    await c.changes({ after: 4, limit: 500, held: ['e', 's'], regions: ['n'], until: 40 }, signal());
    const { url, init } = seen[0] ?? expect.unreachable();
    expect(url).toBe('http://backend.test/api/v1/changes?after=4&limit=500&held=e%2Cs&regions=n&until=40');
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok', 'x-outpost-protocol': '1' });
    expect(init.method).toBe('GET');
  });

  it.each([
    [403, { error: 'FORBIDDEN', message: 'Region(s) not granted' }, 'forbidden', /refused access: Region/],
    [404, '<html>nope</html>', 'bad-request', /HTTP 404/],
    [400, { error: 'BAD_REQUEST', message: 'limit: too big' }, 'bad-request', /limit: too big/],
    [502, '<html>bad gateway</html>', 'server', /HTTP 502/],
    [
      401,
      { error: 'UNAUTHORIZED', message: 'Unknown token.' },
      'unauthorized',
      /did not accept the sign-in token: Unknown token/,
    ],
  ])('maps HTTP %i to a typed error with words', async (status, body, kind, words) => {
    const err = await failure(client(() => json(status, body)).session(signal()));
    expect(err).toBeInstanceOf(SyncError);
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(words);
    expect(err.status).toBe(status);
  });

  it('reads Retry-After on 503 and 429', async () => {
    expect((await failure(client(() => json(503, {}, { 'retry-after': '12' })).session(signal()))).retryAfterMs).toBe(12_000);
    expect((await failure(client(() => json(429, {}, { 'retry-after': '3' })).session(signal()))).retryable).toBe(true);
  });

  it('maps network failures by cause, and refuses replies outside the protocol', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    const err = await failure(client(() => Promise.reject(refused)).session(signal()));
    expect([err.kind, err.offline, err.message]).toEqual([
      'network',
      true,
      'Cannot reach the backend at http://backend.test/api (connection refused)',
    ]);
    const wrongShape = await failure(
      client(() => json(200, { ...page, cursor: -1 })).changes({ after: 0, limit: 1, held: [] }, signal()),
    );
    expect(wrongShape.kind).toBe('malformed');
    expect(wrongShape.message).toMatch(/does not follow the sync protocol \(cursor:/);
  });

  it('tells a cancel from a timeout', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    const slow = createHttpClient({ baseUrl: 'http://b', token: 't', requestTimeoutMs: 50, fetch: hang });
    expect((await failure(slow.session(signal()))).kind).toBe('timeout');
    const controller = new AbortController();
    const cancelled = failure(
      createHttpClient({ baseUrl: 'http://b', token: 't', requestTimeoutMs: 5_000, fetch: hang }).session(controller.signal),
    );
    controller.abort();
    expect((await cancelled).kind).toBe('cancelled');
  });
});
