// Reference rows every scene reads — all reps, and the region-wide targets — kept in memory per connection between
// reads. Triggers of migration 0005 stamp a new random version on analytics_ref_version in the same transaction as
// any write to reps or targets (a sync or a local edit), so a reader reloads a table exactly when the snapshot it
// reads holds a version other than the one its copy was loaded at.
import type { Db } from '../db/open';
import { stmt } from './statements';

interface Versioned<T> {
  version: number;
  rows: T;
}

const caches = new WeakMap<Db, Map<string, Versioned<unknown>>>();

export type RefTable = 'reps' | 'targets';

/** The rows `load` returns, reused while `table`'s version stamp is unchanged. Callers must not mutate them. */
export function cachedRef<T>(db: Db, table: RefTable, load: () => T): T {
  const version = stmt(db, `SELECT ${table} FROM analytics_ref_version WHERE id = 1`, 'pluck').get() as number | undefined;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(table);
  if (hit && version !== undefined && hit.version === version) return hit.rows as T;
  const rows = load();
  if (version !== undefined) cache.set(table, { version, rows });
  return rows;
}
