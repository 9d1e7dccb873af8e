// One way for both hosts (web host, Electron core process) to bring core up: core first so the UI can render
// at once, then the backend (the embedded one takes seconds to boot), then sync.
import { createCore, type Core } from '../core';
import type { HostArgs } from './cli-args';
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
  const backend = startHostBackend(args.backend, args.dataDir, serverEntry);
  const backendReady = backend.then(
    (b) => {
      if (b.config) core.connect(b.config);
    },
    (err: unknown) => {
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
      core.close();
      await backend.then((b) => b.stop()).catch(() => undefined);
    },
  };
}
