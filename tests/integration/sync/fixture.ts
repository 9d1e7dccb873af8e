// The reference backend (src/server on in-memory PGlite) with hand-built data for sync integration tests:
// four regions, rows of every replicated table generated from TABLES, a director granted two regions, an
// admin, an expired token; plus per-table counts and content hashes of the server and of a replica.
import { createHash } from 'node:crypto';
import type { Db } from '../../../src/core/db/open';
import { startServer, type RunningServer, type ServerHooks, type ServerStore } from '../../../src/server/server';
import { TABLES, TABLE_NAMES, type TableName } from '../../../src/shared/sync/tables';
import { canonicalRow, isClientWritable, replicaRows, wireRow } from '../../unit/core/sync/helpers';

export const ALL_REGIONS = ['east', 'south', 'north', 'west'];
export const DIRECTOR = { id: 'dir', token: 'dir-token', regions: ['east', 'south'] };
export const EXPIRED_TOKEN = 'dir-expired-token';

export async function startFixtureServer(options: { rowsPerTable: number; hooks?: ServerHooks }): Promise<RunningServer> {
  const server = await startServer({ store: { kind: 'pglite', dataDir: null }, hooks: options.hooks });
  const { store } = server;
  await store.upsertUser({ id: DIRECTOR.id, name: '华东总监', role: 'director' });
  await store.addToken(DIRECTOR.token, DIRECTOR.id, null);
  await store.addToken(EXPIRED_TOKEN, DIRECTOR.id, 1);
  await store.setGrants(DIRECTOR.id, DIRECTOR.regions);
  await seedRows(store, ALL_REGIONS, 0, options.rowsPerTable);
  return server;
}

/** Rows `from`..`from+n-1` of every server-written table in every region (stages once; one row per region). */
export async function seedRows(store: ServerStore, regions: readonly string[], from: number, n: number): Promise<void> {
  for (const table of TABLE_NAMES) {
    if (isClientWritable(table)) continue;
    if (table === 'regions' && from > 0) continue;
    const rows: unknown[][] = [];
    for (const region of TABLES[table].regionScoped ? regions : ['global']) {
      const count = table === 'regions' ? 1 : n;
      for (let i = from; i < from + count; i++)
        rows.push(wireRow(table, region, i, table === 'regions' ? { parent_id: null } : {}));
    }
    for (let i = 0; i < rows.length; i += 2_000) await store.writeRows(table, rows.slice(i, i + 2_000));
  }
}

export interface TableDigest {
  count: number;
  hash: string;
}

/** JSON with object keys sorted, so jsonb (server) and JSON text (replica) compare by content. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function digest(rows: readonly unknown[][]): TableDigest {
  const lines = rows.map(stable).sort();
  return { count: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

export async function serverDigests(store: ServerStore, regions: readonly string[]): Promise<Record<TableName, TableDigest>> {
  const out = {} as Record<TableName, TableDigest>;
  for (const table of TABLE_NAMES)
    out[table] = digest((await store.readTable(table, regions)).map((r) => canonicalRow(table, r)));
  return out;
}

export function replicaDigests(db: Db): Record<TableName, TableDigest> {
  const out = {} as Record<TableName, TableDigest>;
  for (const table of TABLE_NAMES) out[table] = digest(replicaRows(db, table));
  return out;
}
