// The backend's HTTP surface, on PGlite and PostgreSQL: protocol header, bearer tokens (unknown / malformed /
// expired), session, admin-only routes, 404s, the OpenAPI document, the fault hooks the sync engine's tests use,
// and a seeded fuzzer holding every route to "bad input is a 4xx with a reason, never a 500".
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../src/server/openapi/document';
import { serverErrorSchema, sessionSchema, SYNC_PROTOCOL_VERSION } from '../../../src/shared/sync/protocol';
import { randomJson, seededRandom } from '../../helpers/fuzz';
import {
  call,
  loadFixture,
  NOW,
  STORE_KINDS,
  startTestBackend,
  stopTestPostgres,
  TOKENS,
  type Fixture,
  type TestBackend,
} from '../../helpers/server';

afterAll(stopTestPostgres);

interface Raw {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** One raw request. A server may answer before the body is fully sent and close (413): the reply still counts. */
function send(port: number, raw: Raw): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ host: '127.0.0.1', port, method: raw.method, path: raw.path, headers: raw.headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.end(raw.body);
  });
}

const PATHS = [
  '/v1/session',
  '/v1/changes',
  '/v1/mutations',
  '/v1/admin/grants/director',
  '/v1/admin/grants/%E2%9C%93',
  '/v1/admin/compact',
  '/v1/openapi.json',
  '/v1/',
  '/%ZZ',
  '/v1/changes/../session',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const ROUTES = [
  { method: 'GET', path: '/v1/session' },
  { method: 'GET', path: '/v1/changes' },
  { method: 'GET', path: '/v1/changes' },
  { method: 'POST', path: '/v1/mutations' },
  { method: 'POST', path: '/v1/mutations' },
  { method: 'PUT', path: '/v1/admin/grants/director' },
  { method: 'POST', path: '/v1/admin/compact' },
];
const QUERY_KEYS = ['after', 'limit', 'regions', 'until', 'held', 'x', '__proto__', 'constructor', 'after[]', ''];
const QUERY_VALUES = [
  '0',
  '1',
  '-1',
  '1e3',
  '0x10',
  '9'.repeat(30),
  '',
  'region-0',
  'region-0,region-3',
  ',',
  '%00',
  '%ZZ',
  '%E5%8D%8E%E4%B8%9C',
  '5000',
  '10001',
  'NaN',
  'a'.repeat(3000),
];
const TOKENS_FUZZ = [
  `Bearer ${TOKENS.director}`,
  `Bearer ${TOKENS.admin}`,
  `Bearer ${TOKENS.expired}`,
  'Bearer',
  'Bearer  ',
  'bearer x',
  'Basic abc',
  '',
  `Bearer ${'x'.repeat(600)}`,
  'Bearer \u00ff\u00fe',
];
const PROTOCOLS = ['1', '1', '1', '2', '', '01', ' 1', 'abc'];
const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  '',
];

const DOC_PATH = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') out.push(inner);
      else refsIn(inner, out);
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, { type?: string }> };
  };

  it('is kept in docs/openapi.json', () => {
    const kept = JSON.parse(readFileSync(DOC_PATH, 'utf8')) as unknown;
    expect(kept, 'docs/openapi.json is stale: run npx tsx src/server/openapi/write-openapi.ts').toEqual(doc);
  });

  it('is OpenAPI 3.1 with resolvable references and a 200 for every operation', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const ref of refsIn(doc)) {
      const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
      expect(name && doc.components.schemas[name], ref).toBeTruthy();
    }
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations))
        expect(operation.responses['200'], `${method} ${path}`).toBeDefined();
    }
    for (const [name, schema] of Object.entries(doc.components.schemas)) expect(schema.type, name).toBe('object');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/admin/compact',
      '/v1/admin/grants/{userId}',
      '/v1/changes',
      '/v1/mutations',
      '/v1/openapi.json',
      '/v1/session',
    ]);
  });
});

function expectError(reply: { status: number; json: unknown }, status: number, code: string): void {
  expect(reply.status).toBe(status);
  const body = serverErrorSchema.parse(reply.json);
  expect(body.error).toBe(code);
  expect(body.message.length).toBeGreaterThan(5);
}

describe.each(STORE_KINDS)('the HTTP surface on %s', (kind) => {
  let backend: TestBackend;
  let fixture: Fixture;
  beforeAll(async () => {
    backend = await startTestBackend(kind);
  });
  afterAll(() => backend.close());

  describe('auth and session', () => {
    beforeEach(async () => {
      await backend.reset();
      fixture = await loadFixture(backend.store);
    });

    it('returns the session of a director', async () => {
      const reply = await call(backend, '/v1/session');
      expect(reply.status).toBe(200);
      expect(sessionSchema.parse(reply.json)).toEqual({
        protocolVersion: SYNC_PROTOCOL_VERSION,
        serverTime: NOW,
        user: { id: 'director', name: '王总监', role: 'director' },
        regions: fixture.directorRegions,
      });
    });

    it('answers 401 UNAUTHORIZED for a missing, malformed or unknown token', async () => {
      for (const path of ['/v1/session', '/v1/changes', '/v1/mutations']) {
        const method = path === '/v1/mutations' ? 'POST' : 'GET';
        expectError(await call(backend, path, { method, token: null }), 401, 'UNAUTHORIZED');
        expectError(await call(backend, path, { method, token: 'nope' }), 401, 'UNAUTHORIZED');
        expectError(
          await call(backend, path, { method, token: null, headers: { authorization: 'Basic Zm9vOmJhcg==' } }),
          401,
          'UNAUTHORIZED',
        );
      }
      const reply = await call(backend, '/v1/session', { token: 'nope' });
      expect(reply.headers.get('www-authenticate')).toContain('Bearer');
    });

    it('answers 401 TOKEN_EXPIRED for an expired token, and when the clock passes expiry', async () => {
      expectError(await call(backend, '/v1/session', { token: TOKENS.expired }), 401, 'TOKEN_EXPIRED');
      expect((await call(backend, '/v1/session')).status).toBe(200);
      backend.clock.now = NOW + 86_400_000;
      expectError(await call(backend, '/v1/changes'), 401, 'TOKEN_EXPIRED');
    });

    it('answers 409 PROTOCOL_MISMATCH for a missing or different protocol version', async () => {
      for (const version of ['0', '2', '1.0', 'one', '']) {
        expectError(await call(backend, '/v1/session', { headers: { 'x-outpost-protocol': version } }), 409, 'PROTOCOL_MISMATCH');
      }
      const res = await fetch(`${backend.url}/v1/session`, { headers: { authorization: `Bearer ${TOKENS.director}` } });
      expectError({ status: res.status, json: await res.json() }, 409, 'PROTOCOL_MISMATCH');
    });

    it('keeps admin routes for admins', async () => {
      const put = (token: string, body: unknown, user = 'director') =>
        call(backend, `/v1/admin/grants/${user}`, { method: 'PUT', token, body });
      expectError(await put(TOKENS.director, { regions: [] }), 403, 'FORBIDDEN');
      expectError(await put(TOKENS.admin, { regions: ['nowhere'] }), 400, 'BAD_REQUEST');
      expectError(await put(TOKENS.admin, { regions: [] }, 'ghost'), 404, 'NOT_FOUND');
      expectError(await put(TOKENS.admin, { regions: 'region-0' }), 400, 'BAD_REQUEST');
      const ok = await put(TOKENS.admin, { regions: ['region-3', 'region-0'] });
      expect(ok.status).toBe(200);
      expect(ok.json).toEqual({ userId: 'director', regions: ['region-0', 'region-3'] });
      expect(sessionSchema.parse((await call(backend, '/v1/session')).json).regions).toEqual(['region-0', 'region-3']);
      expectError(await call(backend, '/v1/admin/compact', { token: TOKENS.director, body: { beforeSeq: 1 } }), 403, 'FORBIDDEN');
    });

    it('answers unknown routes and methods with 404 NOT_FOUND', async () => {
      expectError(await call(backend, '/v1/nothing'), 404, 'NOT_FOUND');
      expectError(await call(backend, '/v1/session', { method: 'DELETE' }), 404, 'NOT_FOUND');
      expectError(await call(backend, '/', { token: null }), 404, 'NOT_FOUND');
    });
  });

  describe('OpenAPI', () => {
    it('serves the same document without a token or protocol header', async () => {
      const res = await fetch(`${backend.url}/v1/openapi.json`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(buildOpenApiDocument());
      expect((await call(backend, '/v1/openapi.json', { token: 'whatever' })).status).toBe(200);
    });
  });

  describe('fault hooks', () => {
    beforeEach(async () => {
      await backend.reset();
      fixture = await loadFixture(backend.store);
    });

    const headers = { authorization: `Bearer ${TOKENS.director}`, 'x-outpost-protocol': '1' };

    it('replaces replies: status, headers, raw or JSON bodies; only for the routes asked for', async () => {
      backend.setFault((route) => (route === 'changes' ? { status: 503, headers: { 'retry-after': '2' } } : undefined));
      const unavailable = await call(backend, '/v1/changes');
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get('retry-after')).toBe('2');
      expect((await call(backend, '/v1/session')).status).toBe(200);

      backend.setFault(() => ({ status: 200, body: '{"protocolVersion":1,"cursor":' }));
      expect((await call(backend, '/v1/changes')).text).toBe('{"protocolVersion":1,"cursor":');
      backend.setFault(() => ({ status: 409, body: { error: 'PROTOCOL_MISMATCH', message: 'speaks 2' } }));
      expect((await call(backend, '/v1/session')).json).toEqual({ error: 'PROTOCOL_MISMATCH', message: 'speaks 2' });
      backend.setFault(null);
      expect((await call(backend, '/v1/changes')).status).toBe(200);
    });

    it('delays a reply', async () => {
      backend.setFault(() => ({ delayMs: 300 }));
      const started = Date.now();
      expect((await call(backend, '/v1/session')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('resets the connection before the route runs', async () => {
      backend.setFault(() => ({ destroy: true }));
      await expect(fetch(`${backend.url}/v1/session`, { headers })).rejects.toThrow();
    });

    it('truncates a reply after the route ran', async () => {
      backend.setFault((route) => (route === 'changes' ? { truncate: true } : undefined));
      const res = await fetch(`${backend.url}/v1/changes`, { headers });
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
    });

    it('drops the reply of a mutation batch that committed', async () => {
      backend.setFault((route) => (route === 'mutations' ? { dropReply: true } : undefined));
      const mutation = {
        id: randomUUID(),
        seq: 1,
        type: 'exception_state.set',
        payload: { id: 'sleeping_lead:l-1', region_id: 'region-0', status: 'acknowledged' },
      };
      const body = JSON.stringify({ clientId: 'c1', mutations: [mutation] });
      await expect(
        fetch(`${backend.url}/v1/mutations`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body,
        }),
      ).rejects.toThrow();
      expect(await backend.store.readTable('exception_states')).toHaveLength(1);
      backend.setFault(null);
      const retry = await call(backend, '/v1/mutations', { body });
      expect(retry.json).toMatchObject({ results: [{ id: mutation.id, status: 'duplicate' }] });
    });
  });

  describe('fuzzing', () => {
    let port: number;
    beforeAll(async () => {
      await backend.reset();
      fixture = await loadFixture(backend.store);
      port = Number(new URL(backend.url).port);
    });

    it('never answers 500, and every 4xx has an error body', async () => {
      const rand = seededRandom(kind === 'pg' ? 2 : 1);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
      const bodies = (): string | undefined => {
        const kindOf = rand();
        if (kindOf < 0.15) return undefined;
        if (kindOf < 0.3) return JSON.stringify(randomJson(rand));
        if (kindOf < 0.45)
          return pick([
            '{',
            '[',
            '{"clientId":',
            'null',
            '""',
            '1e999',
            '['.repeat(5000),
            '{"a":'.repeat(2000),
            '\u0000',
            '{"__proto__":{"x":1}}',
          ]);
        if (kindOf < 0.6)
          return JSON.stringify({
            regions: Array.from({ length: Math.floor(rand() * 4) }, () => pick(['region-0', 'x', '', 7, null])),
          });
        if (kindOf < 0.7) return JSON.stringify({ beforeSeq: pick([0, 1, -1, 1.5, 2 ** 60, '5', null]) });
        // A well-formed envelope with random mutations: the hardest case for the per-mutation validation.
        return JSON.stringify({
          clientId: pick(['c1', '', 'x'.repeat(70), 'c\u0000']),
          mutations: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
            id: pick([randomUUID(), 'x', 5]),
            seq: pick([1, 0, -1, 2.5, '1']),
            type: pick(['annotation.create', 'action_item.upsert', 'exception_state.set', 'nope']),
            payload:
              rand() < 0.5
                ? randomJson(rand)
                : {
                    id: randomUUID(),
                    region_id: pick(['region-0', 'region-2', '']),
                    subject_type: pick(['deal', 'rep', 'x']),
                    subject_id: pick(['deal-0-1', '']),
                    body: randomJson(rand),
                    status: pick(['open', 'done', 1]),
                    title: pick(['t', '', 5]),
                    due: pick(['2026-01-01', '2026-02-30', 'x']),
                  },
          })),
        });
      };

      const statuses = new Map<number, number>();
      for (let i = 0; i < 250; i++) {
        const query = Array.from({ length: Math.floor(rand() * 4) }, () => `${pick(QUERY_KEYS)}=${pick(QUERY_VALUES)}`).join('&');
        // Most requests get past the perimeter (valid token and protocol, a real route), so the routes get fuzzed.
        const plausible = rand() < 0.7;
        const route = plausible ? pick(ROUTES) : { method: pick(METHODS), path: pick(PATHS) };
        const path = route.path + (query ? `?${query}` : '');
        const headers: Record<string, string> = {};
        if (plausible || rand() < 0.9)
          headers.authorization = plausible ? `Bearer ${pick([TOKENS.director, TOKENS.admin])}` : pick(TOKENS_FUZZ);
        if (plausible || rand() < 0.9) headers['x-outpost-protocol'] = plausible ? '1' : pick(PROTOCOLS);
        const body = route.method === 'GET' && plausible ? undefined : bodies();
        const method = route.method;
        if (body !== undefined) {
          const type = pick(CONTENT_TYPES);
          if (type) headers['content-type'] = type;
        }
        const reply = await send(port, { method, path, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const where = `#${i} ${method} ${path.slice(0, 120)} ${JSON.stringify(headers).slice(0, 200)} ${String(body).slice(0, 200)} → ${reply.status} ${reply.body.slice(0, 300)}`;
        expect(reply.status, where).toBeLessThan(500);
        if (reply.status >= 400 && method !== 'HEAD') {
          const parsed = serverErrorSchema.safeParse(JSON.parse(reply.body));
          expect(parsed.success, where).toBe(true);
        }
      }
      // The fuzzer reached past the perimeter, not only into 401/409.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(10);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(10);
    });

    it('answers every single-field corruption of a valid mutation with applied or rejected, never 500', async () => {
      const junk: unknown[] = [
        '',
        'NULL',
        '2026-02-30',
        '0000-01-01',
        '9999-12-31',
        -1,
        2 ** 53,
        1e308,
        0.5,
        true,
        null,
        {},
        [],
        'x'.repeat(20_000),
        '\u0000',
        'a\ud800',
        '区域',
      ];
      const valid: Record<string, Record<string, unknown>> = {
        'annotation.create': {
          id: randomUUID(),
          region_id: 'region-0',
          subject_type: 'deal',
          subject_id: 'deal-0-1',
          body: 'b',
          flag: null,
          created_at: NOW,
        },
        'action_item.upsert': {
          id: randomUUID(),
          region_id: 'region-0',
          title: 't',
          owner_rep_id: 'rep-0-1',
          due: '2026-12-01',
          deliverable: 'd',
          status: 'open',
          source: 's',
          created_at: NOW,
          updated_at: NOW,
        },
        'exception_state.set': {
          id: 'k',
          region_id: 'region-0',
          status: 'open',
          owner: 'o',
          note: 'n',
          snoozed_until: NOW,
          updated_at: NOW,
          updated_by: 'x',
        },
      };
      const mutations = Object.entries(valid).flatMap(([type, payload]) =>
        Object.keys(payload).flatMap((field) =>
          junk.map((value) => ({
            id: randomUUID(),
            seq: 1,
            type,
            payload: {
              ...payload,
              id: field === 'id' ? value : randomUUID().replace(/^/, type === 'exception_state.set' ? 'k-' : ''),
              [field]: value,
            },
          })),
        ),
      );
      for (let i = 0; i < mutations.length; i += 200) {
        const reply = await call(backend, '/v1/mutations', {
          body: { clientId: 'fuzz', mutations: mutations.slice(i, i + 200) },
        });
        expect(reply.status, reply.text.slice(0, 300)).toBe(200);
        const results = (reply.json as { results: { status: string }[] }).results;
        expect(results.every((r) => r.status === 'applied' || r.status === 'rejected')).toBe(true);
      }
    });

    it('survives a body larger than the limit and a lying content-length', async () => {
      const headers = {
        authorization: `Bearer ${TOKENS.director}`,
        'x-outpost-protocol': '1',
        'content-type': 'application/json',
      };
      const huge = await send(port, {
        method: 'POST',
        path: '/v1/mutations',
        headers,
        body: `{"clientId":"c","mutations":["${'x'.repeat(9 * 1024 * 1024)}"]}`,
      });
      expect(huge.status).toBe(413);
      expect(serverErrorSchema.parse(JSON.parse(huge.body)).error).toBe('BAD_REQUEST');
      const lying = await new Promise<number>((resolve) => {
        const req = request(
          { host: '127.0.0.1', port, method: 'POST', path: '/v1/mutations', headers: { ...headers, 'content-length': '10' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', () => resolve(-1));
        req.end('{"clientId":"c","mutations":[]}');
      });
      expect(lying === -1 || (lying >= 400 && lying < 500)).toBe(true);
    });
  });
});
