// Live mode: every interval, the demo live generator (src/server/demo/live.ts) yields a few new activities,
// stage changes and leads, written in one transaction (rows + change log), so a running Outpost visibly updates.
import { columnNames } from '../shared/sync/tables';
import { createLiveGenerator } from './demo/live';
import type { DemoSeedOptions } from './server';
import type { ServerStore } from './store/server-store';

export interface LiveOptions {
  intervalMs: number;
  /** The dataset the live data continues (the options it was seeded with). */
  demo: DemoSeedOptions;
  now?: () => number;
  onError?: (err: unknown) => void;
}

export interface LiveWriter {
  /** Ticks that wrote something. */
  readonly ticks: number;
  stop(): Promise<void>;
}

async function currentDeals(store: ServerStore, ids: readonly string[]): Promise<unknown[][]> {
  if (ids.length === 0) return [];
  const columns = columnNames('deals')
    .map((c) => `"${c}"`)
    .join(', ');
  const rows = await store.sql.query(
    `SELECT json_build_array(${columns})::text FROM deals WHERE id IN (SELECT json_array_elements_text($1::json))`,
    [JSON.stringify(ids)],
  );
  return rows.map((row) => JSON.parse(String(row[0])) as unknown[]);
}

export function startLive(store: ServerStore, options: LiveOptions): LiveWriter {
  const now = options.now ?? Date.now;
  const generator = createLiveGenerator({ ...options.demo });
  const report =
    options.onError ??
    ((err: unknown) =>
      process.stderr.write(`outpost server: live write failed: ${err instanceof Error ? err.message : String(err)}\n`));
  let ticks = 0;
  let stopped = false;
  let synced = false;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    // The store may hold deals a previous run already advanced: resync the generator's pool once.
    const current = synced ? undefined : { deals: await currentDeals(store, generator.dealIds) };
    synced = true;
    const batches = generator.next(now(), current);
    if (batches.length === 0) return;
    await store.write(async (w) => {
      for (const batch of batches) await w.writeRows(batch.table, batch.rows);
    });
    ticks++;
  };

  const timer = setInterval(
    () => {
      // Ticks never overlap: a slow store only makes live mode slower.
      running = running.then(async () => {
        if (stopped) return;
        await tick().catch(report);
      });
    },
    Math.max(10, options.intervalMs),
  );
  timer.unref();

  return {
    get ticks() {
      return ticks;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
