// The web host's perimeter: loopback only, token and origin checks on the API, safe static serving, CSP.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../src/core/core';
import { startWebHost, type WebHost } from '../../../src/core/host/web-host';
import { tempDir } from '../../helpers/transports';

let core: Core;
let host: WebHost;
const dir = tempDir();
const rendererDir = join(dir.path, 'renderer');

beforeAll(async () => {
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir.path, 'secret.txt'), 'do not serve');
  core = createCore({ dataDir: join(dir.path, 'data') });
  host = await startWebHost({ core, rendererDir });
});
afterAll(async () => {
  await host.close();
  core.close();
  dir.remove();
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, headers: Record<string, string> = {}): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc${query}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('web host', () => {
  it('prints a loopback URL with the token in the fragment only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('serves the renderer with a strict CSP and nosniff', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`ws://127.0.0.1:${host.port}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00index.html'])(
    'refuses to serve outside the renderer: %s',
    async (path) => {
      const res = await get(path);
      expect([400, 403, 404]).toContain(res.status);
      expect(res.body).not.toContain('do not serve');
    },
  );

  it('rejects requests for a foreign Host (DNS rebinding)', async () => {
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(421);
  });

  it('accepts the API only with the launch token and a same-origin page', async () => {
    expect(await connect(`?token=${host.token}`)).toBe('open');
    expect(await connect('')).toBe(401);
    expect(await connect('?token=wrong')).toBe(401);
    expect(await connect(`?token=${host.token}x`)).toBe(401);
    expect(await connect(`?token=${host.token}`, { Origin: 'http://evil.example' })).toBe(401);
    expect(await connect(`?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` })).toBe('open');
  });

  it('answers non-JSON and binary frames with BAD_REQUEST and keeps the connection', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    await new Promise((r) => ws.once('open', r));
    const replies: unknown[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    ws.send('{not json');
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send(JSON.stringify({ id: 5, method: 'app.info' }));
    await expect.poll(() => replies.length).toBe(3);
    expect(replies[0]).toMatchObject({ id: null, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(replies[1]).toMatchObject({ id: null, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(replies[2]).toMatchObject({ id: 5, ok: true });
    ws.close();
  });

  it('drops an oversized frame without affecting other clients', async () => {
    const big = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    await new Promise((r) => big.once('open', r));
    const closed = new Promise<number>((r) => big.once('close', (code) => r(code)));
    big.send(JSON.stringify({ id: 1, method: 'settings.update', params: { locale: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    expect(await connect(`?token=${host.token}`)).toBe('open');
  });
});
