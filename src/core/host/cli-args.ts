// Command-line options shared by the core process and the web host (`--data-dir=…`, `--port=…`).
import { resolve } from 'node:path';

export interface HostArgs {
  dataDir: string;
  port: number;
  rendererDir: string | undefined;
  appVersion: string;
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): HostArgs {
  const values = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (match?.[1] !== undefined && match[2] !== undefined) values.set(match[1], match[2]);
  }
  const dataDir = values.get('data-dir') ?? env.OUTPOST_DATA_DIR ?? resolve('.outpost-data');
  const port = Number(values.get('port') ?? env.OUTPOST_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${values.get('port')}`);
  const rendererDir = values.get('renderer-dir');
  return {
    dataDir: dataDir === ':memory:' ? dataDir : resolve(dataDir),
    port,
    rendererDir: rendererDir ? resolve(rendererDir) : undefined,
    appVersion: values.get('app-version') ?? env.npm_package_version ?? '0.1.0',
  };
}
