// startServer as hosts use it: the demo dataset and users seeded into an empty store (once: a restart on the same
// store does not seed again), live mode committing new changes, and the CLI printing its URL.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionSchema } from '../../../src/shared/sync/protocol';
import { startServer, type StartServerOptions } from '../../../src/server/server';
import { call, changes, NOW, STORE_KINDS, stopTestPostgres, testPostgresUrl } from '../../helpers/server';

afterAll(stopTestPostgres);

const SEED = { scale: 'demo', seed: 7, now: NOW } as const;

describe.each(STORE_KINDS)('the demo server on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds an empty store once, serves the demo users, and keeps writing in live mode', async () => {
    const store: StartServerOptions['store'] =
      kind === 'pg' ? { kind, databaseUrl: await testPostgresUrl() } : { kind, dataDir: join(dir, 'pglite') };
    const first = await startServer({ store, seed: SEED, live: { intervalMs: 50 } });
    let seeded = 0;
    try {
      expect(first.demoTokens['demo-director']).toBe('demo-director-token');
      const director = { url: first.url };
      const session = sessionSchema.parse(
        (await call(director, '/v1/session', { token: first.demoTokens['demo-director'] })).json,
      );
      expect(session.user.role).toBe('director');
      expect(session.regions.length).toBeGreaterThan(0);
      expect((await call(director, '/v1/session', { token: first.demoTokens['demo-expired'] })).json).toMatchObject({
        error: 'TOKEN_EXPIRED',
      });
      const page = await changes(director, { limit: 10_000 }, first.demoTokens['demo-director']);
      expect(page.tables.deals?.rows.every((row) => session.regions.includes(String(row[1])))).toBe(true);
      seeded = page.highWater;
      // Live mode commits new rows (rows and change log together) while we watch.
      await expect.poll(() => first.store.highWater(), { timeout: 10_000, interval: 50 }).toBeGreaterThan(seeded);
    } finally {
      await first.close();
    }
    const again = await startServer({ store, seed: SEED });
    try {
      const [counted] = await again.store.sql.query(`SELECT count(*) FROM change_log WHERE seq <= $1`, [seeded]);
      expect(Number(counted?.[0])).toBe(seeded); // nothing was seeded twice
      expect(await again.store.highWater()).toBeGreaterThan(seeded);
    } finally {
      await again.close();
    }
  });
});

describe('the server CLI', () => {
  it('prints its URL once ready and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port=0', '--data-dir=:memory:'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /OUTPOST_SERVER_URL=(\S+)\n/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/v1/openapi.json`)).status).toBe(200);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
