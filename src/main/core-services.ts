// Core process, IPC relay and saved backend wired together: core is forked with `--no-backend` when a backend is
// saved and main signs core in to it once ready; windows' sign-ins and sign-outs are saved and cleared by relay
// hooks. Electron objects are passed in, so index.ts stays lifecycle-only and this is testable on Node.
import type { UrlCheck } from './app-origin';
import { createBackendHooks } from './backend-hooks';
import { createBackendResume } from './backend-resume';
import { createCoreSupervisor, type CoreChild } from './core-process';
import { createIpcRelay, type IpcMainLike, type IpcRelay } from './ipc-relay';
import { backendFile } from './paths';
import type { Timers } from './timers';
import { createTokenStore, type SafeStorageLike } from './token-store';
import type { WindowRegistry } from './window-registry';

export interface CoreServicesOptions {
  ipcMain: IpcMainLike;
  windows: Pick<WindowRegistry, 'has' | 'all'>;
  isTrustedUrl: UrlCheck;
  safeStorage: SafeStorageLike;
  userDataDir: string;
  /** Fork the core process with these flags added to its fixed ones. */
  fork: (extraArgs: string[]) => CoreChild;
  platform?: NodeJS.Platform;
  timers?: Timers;
}

export interface CoreServices {
  relay: IpcRelay;
  /** Fork core (after app ready: safeStorage needs it). */
  start(): void;
  /** Intentional shutdown (will-quit): stop core for good and fail whatever still waits for it. */
  stop(): void;
}

export function createCoreServices(options: CoreServicesOptions): CoreServices {
  const { timers } = options;
  const store = createTokenStore({
    safeStorage: options.safeStorage,
    file: backendFile(options.userDataDir),
    platform: options.platform,
  });
  const resume = createBackendResume({ store, request: (method, params) => relay.request(method, params), timers });
  const relay = createIpcRelay({
    ipcMain: options.ipcMain,
    windows: options.windows,
    isTrustedUrl: options.isTrustedUrl,
    hooks: createBackendHooks({ store, onUserChange: () => resume.userChangedBackend() }),
    timers,
  });
  const core = createCoreSupervisor({
    fork: () => options.fork(resume.coreArgs()),
    onStarting: () => {
      relay.coreStarting();
      resume.coreStarting();
    },
    onReady: (child) => {
      relay.coreReady(child); // a window's sign-in sent meanwhile has already told resume to stand down
      resume.coreReady();
    },
    onMessage: (message) => relay.handleCoreMessage(message),
    onExit: ({ code, restartInMs }) => {
      resume.coreDown();
      relay.coreDown(restartInMs === null ? 'Outpost core stopped' : 'Outpost core stopped unexpectedly');
      if (restartInMs !== null) console.error(`[main] core exited with code ${code}; restarting in ${restartInMs} ms`);
    },
    timers,
  });
  return {
    relay,
    start: () => core.start(),
    stop() {
      resume.coreDown(); // what core still owes main is void now: no retry, no log on the way out
      core.stop();
      relay.dispose();
    },
  };
}
