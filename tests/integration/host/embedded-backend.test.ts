// The embedded demo backend the hosts start when no backend is configured: it boots with demo data, a core
// connected to it syncs the demo director's regions, and it never outlives its parent.
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/core';
import { startEmbeddedBackend, type EmbeddedBackend } from '../../../src/core/host/embedded-backend';
import { parseArgs } from '../../../src/core/host/cli-args';
import { tempDir } from '../../helpers/transports';

const TSX = ['--import', 'tsx'];
const dir = tempDir('outpost-embedded-');
let backend: EmbeddedBackend | undefined;
afterAll(async () => {
  await backend?.stop();
  dir.remove();
});

describe('embedded demo backend', () => {
  it('starts with demo data, and core syncs the demo director to "synced"', async () => {
    backend = await startEmbeddedBackend({
      entry: 'src/server/main.ts',
      execArgv: TSX,
      dataDir: ':memory:',
      liveIntervalMs: null,
    });
    expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const core = createCore({ dataDir: `${dir.path}/core` });
    core.connect({ url: backend.url, token: backend.token, id: 'embedded-demo' });
    const status = await core.dispatch({ id: 1, method: 'sync.now', params: { wait: true } });
    expect(status).toMatchObject({ ok: true, result: { state: 'synced' } });
    const info = await core.dispatch({ id: 2, method: 'outbox.list', params: {} });
    expect(info.ok).toBe(true);
    core.close();
  }, 90_000); // seeding through tsx on a loaded 2-core machine has taken ~30 s

  it('exits when its parent goes away (stdin closes)', async () => {
    // A parent that starts the backend and then dies abruptly: the backend must follow it.
    const parent = spawn(
      process.execPath,
      [
        ...TSX,
        '-e',
        `import('./src/core/host/embedded-backend.ts').then(async (m) => {
           const b = await m.startEmbeddedBackend({ entry: 'src/server/main.ts', execArgv: ['--import', 'tsx'], dataDir: ':memory:', liveIntervalMs: null });
           process.stdout.write('URL ' + b.url + '\\n');
         })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const url = await new Promise<string>((resolve) =>
      parent.stdout.on('data', (d: Buffer) => /URL (\S+)/.test(d.toString()) && resolve(/URL (\S+)/.exec(d.toString())![1]!)),
    );
    expect((await fetch(`${url}/v1/openapi.json`)).status).toBe(200);
    parent.kill('SIGKILL');
    await expect
      .poll(
        async () =>
          fetch(`${url}/v1/openapi.json`).then(
            () => 'up',
            () => 'down',
          ),
        { timeout: 15_000 },
      )
      .toBe('down');
  }, 90_000);
});

describe('host arguments', () => {
  it('defaults to the embedded backend, and takes a remote one or none', () => {
    expect(parseArgs([], {}).backend).toEqual({ kind: 'embedded' });
    expect(parseArgs(['--no-backend'], {}).backend).toEqual({ kind: 'none' });
    expect(parseArgs(['--backend-url=http://127.0.0.1:9', '--backend-token=t'], {}).backend).toEqual({
      kind: 'remote',
      url: 'http://127.0.0.1:9',
      token: 't',
    });
    expect(parseArgs([], { OUTPOST_BACKEND_URL: 'http://x', OUTPOST_BACKEND_TOKEN: 'y' }).backend).toMatchObject({
      kind: 'remote',
    });
    expect(() => parseArgs(['--backend-url=http://x'], {})).toThrow(/backend-token/);
    expect(() => parseArgs(['--sync-interval-ms=5'], {})).toThrow(/sync-interval-ms/);
    expect(() => parseArgs(['--port=70000'], {})).toThrow(/port/);
  });
});
