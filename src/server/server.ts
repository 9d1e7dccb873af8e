// startServer: the reference backend as one call — open the store (PGlite or PostgreSQL), seed demo data into
// an empty store, serve the API on 127.0.0.1, optionally keep writing live changes. Used by hosts and tests.
import { buildApp } from './app';
import type { ServerHooks } from './http/faults';
import { startLive, type LiveWriter } from './live';
import { createServerStore, type ServerStore, type StoreOptions } from './store/server-store';

export type { ServerHooks, FaultAction, RouteId } from './http/faults';
export type { ServerStore, StoreOptions } from './store/server-store';

export interface DemoSeedOptions {
  scale: 'demo' | 'M' | 'L';
  seed: number;
  /** The generator's "now" (epoch ms), so demo data is reproducible. */
  now: number;
  /** Plant the DOMAIN.md patterns (default true). */
  plants?: boolean;
}

export interface StartServerOptions {
  store: StoreOptions;
  /** 0 (default) = a random free port. Always binds 127.0.0.1. */
  port?: number;
  /** Load demo data (and demo users) if the store is empty. */
  seed?: DemoSeedOptions;
  /** Keep writing new activities and stage changes. */
  live?: { intervalMs: number };
  /** Test hooks for fault injection. */
  hooks?: ServerHooks;
  /** Server clock (token expiry, session serverTime); Date.now by default. */
  now?: () => number;
}

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  store: ServerStore;
  /** Demo user id → bearer token (empty without `seed`). */
  demoTokens: Record<string, string>;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  if (options.live && !options.seed) throw new Error('Live mode continues the demo dataset: pass `seed` too.');
  const store = await createServerStore(options.store);
  let live: LiveWriter | null = null;
  try {
    let demoTokens: Record<string, string> = {};
    if (options.seed) {
      // Loaded only when asked for: the generator is big and tests with hand-built fixtures do not need it.
      const { seedDemoIfEmpty } = await import('./demo-seed');
      demoTokens = await seedDemoIfEmpty(store, { plants: true, ...options.seed });
    }
    const app = buildApp({ store, hooks: options.hooks, now: options.now });
    await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    if (options.live && options.seed)
      live = startLive(store, { intervalMs: options.live.intervalMs, demo: options.seed, now: options.now });
    let closed: Promise<void> | null = null;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      store,
      demoTokens,
      close() {
        closed ??= (async () => {
          await live?.stop();
          await app.close();
          await store.close();
        })();
        return closed;
      },
    };
  } catch (err) {
    await live?.stop();
    await store.close().catch(() => undefined);
    throw err;
  }
}
