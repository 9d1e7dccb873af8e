// Turns the host's backend choice into a sync configuration: starts the embedded demo backend when none is
// configured, so `npm start` and `npm run web` show live demo data with zero setup.
import { join } from 'node:path';
import { EMBEDDED_BACKEND_ID, type BackendConfig } from '../sync/session';
import type { BackendChoice } from './cli-args';
import { startEmbeddedBackend } from './embedded-backend';

export interface HostBackend {
  config: BackendConfig | undefined;
  stop(): Promise<void>;
}

/**
 * The embedded backend's data keeps one identity across launches although its port changes each time; the sync
 * status also reports a backend with this id as `backendKind: 'embedded'` (demo data).
 */
export { EMBEDDED_BACKEND_ID };
const LIVE_INTERVAL_MS = 3_000;

/** Sync interval when the user set none: the live demo changes every few seconds, so poll it often. */
export function defaultSyncIntervalMs(choice: BackendChoice): number | undefined {
  return choice.kind === 'embedded' ? 2_000 : undefined;
}

/**
 * `signal`: the host is closing. An embedded backend still starting (seeding its demo data on first launch) is
 * killed at once and the promise rejects with EmbeddedBackendStartAborted; a started one is stopped by stop().
 */
export async function startHostBackend(
  choice: BackendChoice,
  dataDir: string,
  serverEntry: string,
  options: { signal?: AbortSignal } = {},
): Promise<HostBackend> {
  const nothingToStop = async () => undefined;
  if (choice.kind === 'none') return { config: undefined, stop: nothingToStop };
  if (choice.kind === 'remote') return { config: { url: choice.url, token: choice.token }, stop: nothingToStop };
  const backend = await startEmbeddedBackend({
    entry: serverEntry,
    dataDir: dataDir === ':memory:' ? ':memory:' : join(dataDir, 'embedded-backend'),
    liveIntervalMs: LIVE_INTERVAL_MS,
    signal: options.signal,
  });
  return { config: { url: backend.url, token: backend.token, id: EMBEDDED_BACKEND_ID }, stop: backend.stop };
}
