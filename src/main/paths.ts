// Where things live: the built bundles next to this file (out/main, out/preload, out/renderer) and the
// user's data directory. The bundles' dir is a parameter so tests can check the layout without Electron.
import { join } from 'node:path';

export interface AppPaths {
  /** Sandboxed preload, emitted as CommonJS because a sandboxed preload cannot be an ES module. */
  preload: string;
  /** The built renderer the app:// handler serves (and never anything outside it). */
  rendererDir: string;
  /** Entry of the core utility process (src/core/host/utility-entry.ts). */
  coreHost: string;
}

/**
 * `mainDir` is out/main: pass `import.meta.dirname` from the entry (index.ts). Why not read it here: the bundler may
 * move this module into out/main/chunks/, where its own import.meta.dirname would point one level too deep.
 */
export function resolveAppPaths(mainDir: string): AppPaths {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: join(mainDir, '..', 'renderer'),
    coreHost: join(mainDir, 'core-host.js'),
  };
}

/** The replica lives under the per-user data dir (app.getPath('userData')), one directory per profile. */
export function replicaDir(userDataDir: string): string {
  return join(userDataDir, 'replica');
}

/** The saved backend (URL + token, encrypted by token-store.ts) also lives under userData. */
export function backendFile(userDataDir: string): string {
  return join(userDataDir, 'backend.json');
}
