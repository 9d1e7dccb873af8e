// The one SQL surface the backend needs, implemented for PGlite (embedded) and PostgreSQL (`pg`).
// Both speak the same dialect; rows come back as positional arrays with int8 as number and date as 'YYYY-MM-DD'.

/** Something that runs one statement: the client itself or an open transaction. */
export interface SqlExecutor {
  /** Runs one statement with $1.. parameters; rows are positional arrays in select-list order. */
  query(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
}

export interface SqlClient extends SqlExecutor {
  readonly kind: 'pglite' | 'pg';
  /** Runs several statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /** BEGIN … COMMIT around `fn`; ROLLBACK if it throws. Statements inside must go through `tx`. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Thrown by a closed client: the server is shutting down (answered 503, not 500). */
export class StoreClosedError extends Error {
  constructor() {
    super('The store is closed (server shutting down).');
  }
}

/** A bigint column (int8) or count(*) as a JS number; the adapters already parse int8, this also accepts text. */
export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  if (value === null || value === undefined) return 0;
  throw new TypeError(`not a number: ${typeof value}`);
}

/** A text column as string (null stays null). */
export function str(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}
