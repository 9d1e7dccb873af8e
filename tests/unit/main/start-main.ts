// Loads src/main/index.ts against a fresh fake `electron` for one test (index.ts runs main() on import).
import { vi } from 'vitest';

export type Fake = typeof import('./electron-fake');

/** `setup` configures the fresh fake instance before main() sees it; resolves once the ready chain ran. */
export async function startMain(setup: (fake: Fake) => void = () => undefined): Promise<Fake> {
  vi.resetModules();
  const fake = await import('./electron-fake');
  vi.doMock('electron', () => fake);
  setup(fake);
  await import('../../../src/main/index');
  await new Promise((resolve) => setImmediate(resolve)); // let the whenReady().then(...) chain run
  return fake;
}
