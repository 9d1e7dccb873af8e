// `node out/main/web-host.js`: starts core and the web host, prints `OUTPOST_WEB_URL=…` once ready,
// and shuts down cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import { parseArgs } from './cli-args';
import { startWebHost } from './web-host';

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // The bundle lives in out/main; the renderer it serves is out/renderer next to it.
  const defaultRenderer = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const rendererDir = args.rendererDir ?? defaultRenderer;
  const core = createCore({ dataDir: args.dataDir, appVersion: args.appVersion });
  const host = await startWebHost({ core, port: args.port, rendererDir: existsSync(rendererDir) ? rendererDir : undefined });
  process.stdout.write(`OUTPOST_WEB_URL=${host.url}\n`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  process.stderr.write(`Outpost web host could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
