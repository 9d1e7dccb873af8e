// Command-line options shared by the core process and the web host (`--data-dir=…`, `--port=…`, backend choice).
import { resolve } from 'node:path';

/** Which backend core syncs with: the embedded demo backend (default), a given one, or none. */
export type BackendChoice = { kind: 'embedded' } | { kind: 'none' } | { kind: 'remote'; url: string; token: string };

export interface HostArgs {
  dataDir: string;
  port: number;
  rendererDir: string | undefined;
  appVersion: string;
  backend: BackendChoice;
  /** Incremental sync interval; undefined keeps the engine's default. */
  syncIntervalMs: number | undefined;
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): HostArgs {
  const values = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match?.[1] !== undefined) values.set(match[1], match[2] ?? '');
  }
  const dataDir = values.get('data-dir') ?? env.OUTPOST_DATA_DIR ?? resolve('.outpost-data');
  const port = integer('port', values.get('port') ?? env.OUTPOST_PORT ?? '0', 0, 65535);
  const rendererDir = values.get('renderer-dir');
  const interval = values.get('sync-interval-ms');
  return {
    dataDir: dataDir === ':memory:' ? dataDir : resolve(dataDir),
    port,
    rendererDir: rendererDir ? resolve(rendererDir) : undefined,
    appVersion: values.get('app-version') ?? env.npm_package_version ?? '0.1.0',
    backend: backendChoice(values, env),
    syncIntervalMs: interval === undefined ? undefined : integer('sync-interval-ms', interval, 100, 86_400_000),
  };
}

function backendChoice(values: Map<string, string>, env: NodeJS.ProcessEnv): BackendChoice {
  if (values.has('no-backend')) return { kind: 'none' };
  const url = values.get('backend-url') ?? env.OUTPOST_BACKEND_URL;
  if (!url) return { kind: 'embedded' };
  const token = values.get('backend-token') ?? env.OUTPOST_BACKEND_TOKEN;
  if (!token) throw new Error('--backend-url needs --backend-token (or OUTPOST_BACKEND_TOKEN)');
  return { kind: 'remote', url, token };
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`Invalid --${name}: ${text}`);
  return value;
}
