// `node out/main/web-host.js`: starts core, the web host and the backend (the embedded demo backend unless told
// otherwise), prints `OUTPOST_WEB_URL=…` as soon as the page can be served, and shuts down on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './cli-args';
import { startHostedCore } from './host-core';
import { startWebHost } from './web-host';

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // The bundle lives in out/main next to server-host.js; the renderer it serves is out/renderer.
  const bundleDir = dirname(fileURLToPath(import.meta.url));
  const rendererDir = args.rendererDir ?? join(bundleDir, '..', 'renderer');
  const hosted = startHostedCore(args, join(bundleDir, 'server-host.js'));
  const host = await startWebHost({
    core: hosted.core,
    port: args.port,
    rendererDir: existsSync(rendererDir) ? rendererDir : undefined,
  });
  process.stdout.write(`OUTPOST_WEB_URL=${host.url}\n`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await hosted.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  process.stderr.write(`Outpost web host could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
