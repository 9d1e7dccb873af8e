// Prepared statements cached per connection. Compiling the long analytics statements (rollup inserts, rule
// queries) costs about as much as running them on a sync's worth of rows, and every read runs the same texts again.
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';

type Statement = Database.Statement;

/** rows: objects; pluck: the first column; raw: positional arrays. */
export type StatementMode = 'rows' | 'pluck' | 'raw';

/** Texts built from data (e.g. per-region unions) vary; the least recently used statements are dropped past this. */
const MAX_CACHED = 300;
const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * The statement for `sql` on `db`, compiled once. Why the mode is part of the key: pluck() and raw() switch a
 * statement for good, so two callers of one text with different modes must not share it.
 */
export function stmt(db: Db, sql: string, mode: StatementMode = 'rows'): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = mode === 'rows' ? sql : `${mode}:${sql}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const prepared = db.prepare(sql);
  const statement = mode === 'pluck' ? prepared.pluck() : mode === 'raw' ? prepared.raw() : prepared;
  cache.set(key, statement);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return statement;
}
