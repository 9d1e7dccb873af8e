// One way for both hosts (web host, Electron core process) to bring core up: core first so the UI can render
// at once, then the backend (the embedded one takes seconds to boot), then sync. Closing never waits for a
// backend that is still booting: it is stopped at once.
import { createCore, type Core } from '../core';
import type { HostArgs } from './cli-args';
import { EmbeddedBackendStartAborted } from './embedded-backend';
import { defaultSyncIntervalMs, startHostBackend } from './host-backend';

export interface HostedCore {
  core: Core;
  /** Resolves once the backend is started and sync began (or failed to start: reported, never thrown). */
  backendReady: Promise<void>;
  close(): Promise<void>;
}

export function startHostedCore(args: HostArgs, serverEntry: string): HostedCore {
  const intervalMs = args.syncIntervalMs ?? defaultSyncIntervalMs(args.backend);
  const core = createCore({
    dataDir: args.dataDir,
    appVersion: args.appVersion,
    sync: intervalMs === undefined ? undefined : { intervalMs },
  });
  // Aborted by close(): the first launch's embedded backend seeds for ~10 s, and a host stopped meanwhile (SIGTERM,
  // window closed) must exit at once and leave no backend process behind.
  const starting = new AbortController();
  const backend = startHostBackend(args.backend, args.dataDir, serverEntry, { signal: starting.signal });
  const backendReady = backend.then(
    (b) => {
      if (b.config && !starting.signal.aborted) core.connect(b.config);
    },
    (err: unknown) => {
      if (err instanceof EmbeddedBackendStartAborted) return; // closing: not a failure to report
      // The app still works offline on its replica; the status bar says sync is not configured.
      process.stderr.write(
        `Outpost: the embedded backend could not start: ${err instanceof Error ? err.message : String(err)}\n`,
      );
    },
  );
  return {
    core,
    backendReady,
    close: async () => {
      starting.abort();
      core.close();
      await backend.then((b) => b.stop()).catch(() => undefined);
    },
  };
}
