// SqlClient over PostgreSQL with a `pg` connection pool (DATABASE_URL). Values are parsed like the PGlite
// adapter: int8 → number, date → 'YYYY-MM-DD' text, json/jsonb → parsed values.
import pg from 'pg';
import { StoreClosedError, type SqlClient, type SqlExecutor } from './sql-client';

const INT8 = 20;
const DATE = 1082;

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query(sql, params = []) {
      const result = await client.query<unknown[]>({ text: sql, values: [...params], rowMode: 'array' });
      return result.rows;
    },
  };
}

export async function createPgClient(databaseUrl: string): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8, types: typeParsers });
  // An idle client that loses its server emits 'error' on the pool; without a listener that would crash the process.
  pool.on('error', () => undefined);
  const probe = await pool.connect();
  probe.release();
  const direct = executor(pool);
  let closed = false;
  const open = () => {
    if (closed) throw new StoreClosedError();
  };
  return {
    kind: 'pg',
    async query(sql, params) {
      open();
      return direct.query(sql, params);
    },
    async exec(sql) {
      open();
      await pool.query(sql);
    },
    async transaction(fn) {
      open();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
