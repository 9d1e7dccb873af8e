// SqlClient over embedded PGlite. A fresh cluster costs ~5 s of initdb, so the first one is dumped to a
// template tarball in the OS temp dir and every later new store (in-memory or a new data dir) loads that.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { StoreClosedError, type SqlClient, type SqlExecutor } from './sql-client';

const TEMPLATE_PATH = join(tmpdir(), 'outpost-pglite-0.5.16-initdb.tar');

// int8 as number (our seqs and epoch-ms fit in 2^53) and dates as their text, the same as the pg adapter.
const parsers = { [types.INT8]: (value: string) => Number(value), [types.DATE]: (value: string) => value };

async function templateBlob(): Promise<Blob> {
  if (existsSync(TEMPLATE_PATH)) return new Blob([readFileSync(TEMPLATE_PATH)]);
  const fresh = await PGlite.create();
  const dump = await fresh.dumpDataDir('none');
  await fresh.close();
  const bytes = Buffer.from(await dump.arrayBuffer());
  // Write-then-rename: concurrent test processes may race to create it; each rename is atomic.
  const partial = `${TEMPLATE_PATH}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, TEMPLATE_PATH);
  return new Blob([bytes]);
}

function isInitialized(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

async function openPglite(dataDir: string | null): Promise<PGlite> {
  if (dataDir !== null && isInitialized(dataDir)) return PGlite.create({ dataDir, parsers });
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    if (readdirSync(dataDir).length > 0) throw new Error(`PGlite data dir ${dataDir} is not empty and holds no database`);
  }
  const base = dataDir === null ? {} : { dataDir };
  try {
    return await PGlite.create({ ...base, parsers, loadDataDir: await templateBlob() });
  } catch {
    // A corrupt or foreign template: drop it and build from scratch once.
    rmSync(TEMPLATE_PATH, { force: true });
    if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
    return PGlite.create({ ...base, parsers });
  }
}

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query(sql, params = []) {
      const result = await db.query<unknown[]>(sql, [...params], { rowMode: 'array' });
      return result.rows;
    },
  };
}

/** Opens (creating if needed) a PGlite database; `dataDir` null keeps it in memory. */
export async function createPgliteClient(dataDir: string | null): Promise<SqlClient> {
  const db = await openPglite(dataDir);
  const direct = executor(db);
  let closed = false;
  const open = () => {
    if (closed) throw new StoreClosedError();
  };
  return {
    kind: 'pglite',
    async query(sql, params) {
      open();
      return direct.query(sql, params);
    },
    async exec(sql) {
      open();
      await db.exec(sql);
    },
    // PGlite has one connection; its transaction() holds an exclusive lock, so transactions never interleave.
    async transaction(fn) {
      open();
      return db.transaction((tx) => fn(executor(tx)));
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
