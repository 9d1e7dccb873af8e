// Binds the demo generator (src/server/demo) to the store: seeds an empty store with the generated dataset and
// the demo users, and names the tokens startServer hands back.
import { generateDemo } from './demo/generate';
import { DEMO_TOKENS, demoUsersFor } from './demo/users';
import { seedStore } from './seed';
import type { DemoSeedOptions } from './server';
import type { ServerStore } from './store/server-store';

/** Seeds the demo dataset and users if nothing was ever written; returns demo user id → token. */
export async function seedDemoIfEmpty(store: ServerStore, options: DemoSeedOptions): Promise<Record<string, string>> {
  if (await store.isEmpty()) {
    const demo = { scale: options.scale, seed: options.seed, now: options.now, plants: options.plants ?? true };
    await seedStore(store, generateDemo(demo), demoUsersFor(options.scale));
  }
  return { ...DEMO_TOKENS };
}
