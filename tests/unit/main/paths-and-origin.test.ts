// Bundle layout, data dir, and which URLs count as our own page.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, createOriginCheck } from '../../../src/main/app-origin';
import { backendFile, replicaDir, resolveAppPaths } from '../../../src/main/paths';

describe('resolveAppPaths', () => {
  it('finds preload, renderer and core host next to out/main', () => {
    const out = join('/opt', 'outpost', 'out');
    expect(resolveAppPaths(join(out, 'main'))).toEqual({
      preload: join(out, 'preload', 'index.cjs'),
      rendererDir: join(out, 'renderer'),
      coreHost: join(out, 'main', 'core-host.js'),
    });
  });

  it('keeps the replica and the saved backend under userData', () => {
    expect(replicaDir(join('/home', 'u', 'Outpost'))).toBe(join('/home', 'u', 'Outpost', 'replica'));
    expect(backendFile(join('/home', 'u', 'Outpost'))).toBe(join('/home', 'u', 'Outpost', 'backend.json'));
  });
});

describe('createOriginCheck', () => {
  it('trusts only app://outpost when there is no dev server', () => {
    const trusted = createOriginCheck();
    expect(trusted(APP_ENTRY_URL)).toBe(true);
    expect(trusted('app://outpost/index.html#/packs')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://user@outpost/index.html',
      'http://localhost:5173/',
      'https://outpost/',
      'file:///index.html',
      'about:blank',
      'garbage',
    ]) {
      expect(trusted(url), url).toBe(false);
    }
  });

  it('also trusts exactly the dev server origin when given', () => {
    const trusted = createOriginCheck('http://localhost:5173/');
    expect(trusted('http://localhost:5173/#/settings')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
    expect(trusted('http://127.0.0.1:5173/')).toBe(false);
    expect(trusted('https://localhost:5173/')).toBe(false);
    expect(trusted(APP_ENTRY_URL)).toBe(true);
  });
});
