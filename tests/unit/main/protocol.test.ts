// The app:// handler: serves files from the renderer dir with a strict CSP, and never anything outside it.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { net, protocol, resetElectronFake } from './electron-fake';
import { buildCsp } from '../../../src/shared/security/csp';
import { createAppRequestHandler, registerAppProtocol, registerAppScheme, resolveInside } from '../../../src/main/protocol';

vi.mock('electron', () => import('./electron-fake'));

let base: string;
let rendererDir: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'outpost-protocol-'));
  rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Outpost</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  // Files a traversal would reach if the containment check were missing.
  writeFileSync(join(base, 'secret.txt'), 'top secret');
  writeFileSync(join(base, 'renderer-evil.txt'), 'sibling with a shared prefix');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

beforeEach(() => {
  resetElectronFake();
  // Behaves like net.fetch on file: URLs: the file's bytes, or a rejection when it does not exist.
  net.fetch.mockImplementation(async (url: string) => {
    const body = readFileSync(fileURLToPath(url));
    const type = url.endsWith('.html') ? 'text/html' : 'text/javascript';
    return new Response(body, { status: 200, headers: { 'Content-Type': type } });
  });
});

const get = (url: string, method = 'GET') => createAppRequestHandler(rendererDir)(new Request(url, { method }));

describe('app:// scheme registration', () => {
  it('is standard and secure, and does not bypass CSP', () => {
    registerAppScheme();
    const [[schemes]] = protocol.registerSchemesAsPrivileged.mock.calls as [
      [{ scheme: string; privileges: Record<string, boolean> }[]],
    ];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]?.scheme).toBe('app');
    expect(schemes[0]?.privileges).toMatchObject({ standard: true, secure: true });
    expect(schemes[0]?.privileges.bypassCSP).not.toBe(true);
    expect(schemes[0]?.privileges.allowServiceWorkers).not.toBe(true);
  });

  it('installs the handler with protocol.handle', () => {
    registerAppProtocol(rendererDir);
    expect(protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
  });
});

describe('app:// handler', () => {
  it('serves index.html for / and files under the renderer dir', async () => {
    const root = await get('app://outpost/');
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<title>Outpost</title>');
    const js = await get('app://outpost/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('sends a strict CSP with every response', async () => {
    for (const response of [await get('app://outpost/index.html'), await get('app://outpost/missing.js')]) {
      const csp = response.headers.get('content-security-policy');
      expect(csp).toBe(buildCsp());
      const directives = new Map(
        (csp ?? '').split(';').map((d) => {
          const [name = '', ...values] = d.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('default-src')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it.each([
    'app://outpost/..%2fsecret.txt',
    'app://outpost/assets/..%2f..%2fsecret.txt',
    'app://outpost/..%2frenderer-evil.txt',
    'app://outpost/%2e%2e%2fsecret.txt',
    'app://outpost/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
  ])('rejects the traversal %s without touching the file', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(net.fetch).not.toHaveBeenCalled();
  });

  it.each(['app://evil/index.html', 'app://outpost/index.html%00.js', 'app://outpost/%E0%A4%A'])('rejects %s', async (url) => {
    expect((await get(url)).status).toBe(404);
    expect(net.fetch).not.toHaveBeenCalled();
  });

  it('answers 404 for a missing file and 405 for other methods', async () => {
    expect((await get('app://outpost/nope.js')).status).toBe(404);
    expect((await get('app://outpost/index.html', 'POST')).status).toBe(405);
  });
});

describe('resolveInside', () => {
  it('maps inside paths and refuses escapes', () => {
    expect(resolveInside('/srv/r', 'app://outpost/assets/a.js')).toBe(join('/srv/r', 'assets', 'a.js'));
    expect(resolveInside('/srv/r', 'app://outpost/')).toBe(join('/srv/r', 'index.html'));
    expect(resolveInside('/srv/r', 'app://outpost/..%2fx')).toBeUndefined();
    expect(resolveInside('/srv/r', 'app://outpost/..%2fr2%2fx')).toBeUndefined();
    expect(resolveInside('/srv/r', 'file:///srv/r/index.html')).toBeUndefined();
  });
});
