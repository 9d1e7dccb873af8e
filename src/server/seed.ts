// Loads an empty store: batches of positional rows (parents before children) plus users, tokens and grants,
// all in ONE write transaction, so a crash mid-seed leaves the store empty and the next start seeds again;
// then gathers planner statistics (ANALYZE).
import type { TableName } from '../shared/sync/tables';
import { addToken, setGrants, upsertUser, type UserRole } from './store/auth-store';
import { CHANGE_LOG_ROW_INDEX } from './store/schema';
import type { ServerStore } from './store/server-store';

export interface SeedBatch {
  table: TableName;
  rows: readonly (readonly unknown[])[];
}

export interface SeedUser {
  id: string;
  name: string;
  role: UserRole;
  token: string;
  /** Region ids, or 'all' for every region in the seeded data. */
  regions: readonly string[] | 'all';
  /** Epoch ms; null = never expires. */
  expiresAt: number | null;
}

export interface SeedResult {
  rows: number;
  ms: number;
}

/** Rows per INSERT statement: one JSON parameter of a few MB, well within both databases' comfort. */
const CHUNK = 5_000;

export async function seedStore(
  store: ServerStore,
  batches: Iterable<SeedBatch>,
  users: readonly SeedUser[],
): Promise<SeedResult> {
  const started = Date.now();
  const rows = await store.write(async (w) => {
    // Building the secondary index once at the end is cheaper than maintaining it row by row.
    await w.tx.query('DROP INDEX IF EXISTS change_log_row');
    let written = 0;
    for (const batch of batches) {
      for (let i = 0; i < batch.rows.length; i += CHUNK) {
        written += (await w.writeRows(batch.table, batch.rows.slice(i, i + CHUNK), { initialLoad: true })).count;
      }
    }
    const allRegions = (await w.tx.query('SELECT id FROM regions ORDER BY id')).map((row) => String(row[0]));
    for (const user of users) {
      await upsertUser(w.tx, { id: user.id, name: user.name, role: user.role });
      await addToken(w.tx, user.token, user.id, user.expiresAt);
      await setGrants(w.tx, user.id, user.regions === 'all' ? allRegions : user.regions);
    }
    await w.tx.query(CHANGE_LOG_ROW_INDEX);
    return written;
  });
  // Planner statistics for the freshly loaded tables. Why: without them the first change-feed pages are planned
  // for empty tables (the sync bench at M: first page 509 ms right after seeding, 52 ms after VACUUM ANALYZE), and
  // PGlite runs no autovacuum to gather them later. After the commit: the seed's write transaction stays short.
  await store.sql.query('ANALYZE');
  return { rows, ms: Date.now() - started };
}
