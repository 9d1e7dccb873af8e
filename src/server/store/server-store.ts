// The backend's storage facade: opens PGlite or PostgreSQL, ensures the schema, and offers the writes, feed
// reads, compaction and auth lookups the routes, the seeder, live mode and the tests use.
import { TABLES, type TableName } from '../../shared/sync/tables';
import * as auth from './auth-store';
import { readPage, type PageData, type PageQuery } from './change-feed';
import { compactLog, type CompactionResult } from './compaction';
import { createPgClient } from './pg-client';
import { createPgliteClient } from './pglite-client';
import { deleteRows, writeRows, type WriteOptions, type WriteResult } from './row-writer';
import { ensureSchema, ident } from './schema';
import { num, type SqlClient, type SqlExecutor } from './sql-client';
import { writeTransaction } from './write-tx';

export type StoreOptions = { kind: 'pglite'; dataDir: string | null } | { kind: 'pg'; databaseUrl: string };

/** Writes available inside one transaction (see ServerStore.write). */
export interface StoreWriter {
  readonly tx: SqlExecutor;
  writeRows(table: TableName, rows: readonly (readonly unknown[])[], options?: WriteOptions): Promise<WriteResult>;
  deleteRows(table: TableName, ids: readonly string[]): Promise<WriteResult>;
}

export interface ServerStore {
  readonly kind: 'pglite' | 'pg';
  /** Raw SQL access (tests, diagnostics). Writes to replicated tables must go through write()/writeRows(). */
  readonly sql: SqlClient;
  /** Runs `fn` in one write transaction: every row it writes and its change-log entries commit together. */
  write<T>(fn: (writer: StoreWriter) => Promise<T>): Promise<T>;
  writeRows(table: TableName, rows: readonly (readonly unknown[])[]): Promise<WriteResult>;
  deleteRows(table: TableName, ids: readonly string[]): Promise<WriteResult>;
  readPage(query: PageQuery): Promise<PageData>;
  compactLog(beforeSeq: number): Promise<CompactionResult>;
  highWater(): Promise<number>;
  /** True when no replicated row was ever written (the seeder's "store is empty"). */
  isEmpty(): Promise<boolean>;
  /** Current rows of an entity table as positional arrays (read from the table itself, not the log), by id. */
  readTable(table: TableName, regions?: readonly string[]): Promise<unknown[][]>;
  upsertUser(user: auth.User): Promise<void>;
  addToken(token: string, userId: string, expiresAt: number | null): Promise<void>;
  findToken(token: string): Promise<auth.TokenRecord | null>;
  findUser(userId: string): Promise<auth.User | null>;
  getGrants(userId: string): Promise<string[]>;
  setGrants(userId: string, regionIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export async function openSqlClient(options: StoreOptions): Promise<SqlClient> {
  return options.kind === 'pg' ? createPgClient(options.databaseUrl) : createPgliteClient(options.dataDir);
}

export async function createServerStore(options: StoreOptions): Promise<ServerStore> {
  const sql = await openSqlClient(options);
  try {
    await ensureSchema(sql);
  } catch (err) {
    await sql.close();
    throw err;
  }
  return storeOver(sql);
}

function writerFor(tx: SqlExecutor): StoreWriter {
  return {
    tx,
    writeRows: (table, rows, options) => writeRows(tx, table, rows, options),
    deleteRows: (table, ids) => deleteRows(tx, table, ids),
  };
}

/** The facade over an already migrated database. */
export function storeOver(sql: SqlClient): ServerStore {
  const write = <T>(fn: (writer: StoreWriter) => Promise<T>): Promise<T> => writeTransaction(sql, (tx) => fn(writerFor(tx)));
  return {
    kind: sql.kind,
    sql,
    write,
    writeRows: (table, rows) => write((w) => w.writeRows(table, rows)),
    deleteRows: (table, ids) => write((w) => w.deleteRows(table, ids)),
    readPage: (query) => readPage(sql, query),
    compactLog: (beforeSeq) => compactLog(sql, beforeSeq),
    async highWater() {
      const [row] = await sql.query('SELECT coalesce(max(seq), 0) FROM change_log');
      return num(row?.[0]);
    },
    async isEmpty() {
      const [row] = await sql.query('SELECT NOT EXISTS (SELECT 1 FROM change_log)');
      return row?.[0] === true;
    },
    async readTable(table, regions) {
      const columns = TABLES[table].columns.map((col) => ident(col.name)).join(', ');
      const filter =
        regions && TABLES[table].regionScoped ? 'WHERE region_id IN (SELECT json_array_elements_text($1::json))' : '';
      const rows = await sql.query(
        `SELECT json_build_array(${columns})::text FROM ${ident(table)} ${filter} ORDER BY id`,
        filter ? [JSON.stringify(regions)] : [],
      );
      return rows.map((row) => JSON.parse(String(row[0])) as unknown[]);
    },
    upsertUser: (user) => auth.upsertUser(sql, user),
    addToken: (token, userId, expiresAt) => auth.addToken(sql, token, userId, expiresAt),
    findToken: (token) => auth.findToken(sql, token),
    findUser: (userId) => auth.findUser(sql, userId),
    getGrants: (userId) => auth.getGrants(sql, userId),
    setGrants: (userId, regionIds) => sql.transaction((tx) => auth.setGrants(tx, userId, regionIds)),
    close: () => sql.close(),
  };
}
