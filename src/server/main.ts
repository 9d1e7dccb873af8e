// CLI: `tsx src/server/main.ts [--port=0] [--data-dir=DIR|:memory:] [--database-url=URL] [--scale=demo|M|L]
// [--seed=1] [--now=<ISO date|epoch ms>] [--no-plants] [--live[=ms]] [--exit-with-parent]`. Prints
// `OUTPOST_SERVER_URL=…` once ready, and `OUTPOST_DEMO_TOKEN=…` (the demo director's token) when demo data is served.
import { resolve } from 'node:path';
import { startServer, type DemoSeedOptions, type StartServerOptions } from './server';

interface CliOptions extends StartServerOptions {
  exitWithParent: boolean;
}

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  const values = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`Unknown argument ${arg}`);
    values.set(match[1], match[2] ?? '');
  }
  const known = new Set(['port', 'data-dir', 'database-url', 'scale', 'seed', 'now', 'no-plants', 'live', 'exit-with-parent']);
  for (const key of values.keys()) if (!known.has(key)) throw new Error(`Unknown option --${key}`);

  const port = Number(values.get('port') ?? env.OUTPOST_SERVER_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${values.get('port')}`);
  const databaseUrl = values.get('database-url') ?? env.DATABASE_URL;
  const dataDir = values.get('data-dir') ?? env.OUTPOST_SERVER_DATA_DIR ?? resolve('.outpost-data', 'server');
  const store: StartServerOptions['store'] = databaseUrl
    ? { kind: 'pg', databaseUrl }
    : { kind: 'pglite', dataDir: dataDir === ':memory:' ? null : resolve(dataDir) };

  let seed: DemoSeedOptions | undefined;
  const scale = values.get('scale');
  if (scale !== undefined) {
    if (scale !== 'demo' && scale !== 'M' && scale !== 'L') throw new Error(`Invalid --scale: ${scale} (demo, M or L)`);
    const seedValue = Number(values.get('seed') ?? 1);
    if (!Number.isSafeInteger(seedValue)) throw new Error(`Invalid --seed: ${values.get('seed')}`);
    const nowText = values.get('now');
    const now = nowText === undefined ? Date.now() : /^\d+$/.test(nowText) ? Number(nowText) : Date.parse(nowText);
    if (!Number.isFinite(now)) throw new Error(`Invalid --now: ${nowText}`);
    seed = { scale, seed: seedValue, now, plants: !values.has('no-plants') };
  }

  let live: StartServerOptions['live'];
  if (values.has('live')) {
    const intervalMs = values.get('live') ? Number(values.get('live')) : 2_000;
    if (!Number.isInteger(intervalMs) || intervalMs < 10) throw new Error(`Invalid --live interval: ${values.get('live')}`);
    if (!seed) throw new Error('--live continues the demo dataset: pass --scale too.');
    live = { intervalMs };
  }
  return { store, port, seed, live, exitWithParent: values.has('exit-with-parent') };
}

async function main(): Promise<void> {
  const { exitWithParent, ...options } = parseArgs(process.argv.slice(2), process.env);
  const server = await startServer(options);
  process.stdout.write(`OUTPOST_SERVER_URL=${server.url}\n`);
  const directorToken = server.demoTokens['demo-director'];
  if (directorToken) process.stdout.write(`OUTPOST_DEMO_TOKEN=${directorToken}\n`);
  for (const [user, token] of Object.entries(server.demoTokens)) process.stderr.write(`demo token ${user}: ${token}\n`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // An embedded backend must not outlive the app that started it, even if that app is killed: its parent
  // holds our stdin open, so end-of-input means the parent is gone.
  if (exitWithParent) {
    process.stdin.on('end', shutdown);
    process.stdin.resume();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Outpost server could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
