// Users, bearer tokens and region grants. Not replicated (no change log): a grant change shows up in the
// scope of the next change-feed request.
import type { Session } from '../../shared/sync/protocol';
import { num, str, type SqlExecutor } from './sql-client';

export type UserRole = Session['user']['role'];

export interface User {
  id: string;
  name: string;
  role: UserRole;
}

export interface TokenRecord {
  user: User;
  /** Epoch ms; null = never expires. */
  expiresAt: number | null;
  /** The user's granted region ids, sorted (read with the token: one query per request). */
  regions: string[];
}

export async function upsertUser(sql: SqlExecutor, user: User): Promise<void> {
  await sql.query(
    `INSERT INTO users (id, name, role) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role`,
    [user.id, user.name, user.role],
  );
}

export async function addToken(sql: SqlExecutor, token: string, userId: string, expiresAt: number | null): Promise<void> {
  await sql.query(
    `INSERT INTO tokens (token, user_id, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at`,
    [token, userId, expiresAt],
  );
}

export async function findToken(sql: SqlExecutor, token: string): Promise<TokenRecord | null> {
  const [row] = await sql.query(
    `SELECT u.id, u.name, u.role, t.expires_at,
            coalesce((SELECT json_agg(g.region_id ORDER BY g.region_id) FROM grants g WHERE g.user_id = u.id), '[]')::text
     FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token = $1`,
    [token],
  );
  if (!row) return null;
  const [id, name, role, expiresAt, regions] = row;
  return {
    user: { id: String(id), name: String(name), role: role === 'admin' ? 'admin' : 'director' },
    expiresAt: expiresAt === null ? null : num(expiresAt),
    regions: JSON.parse(String(regions)) as string[],
  };
}

export async function findUser(sql: SqlExecutor, userId: string): Promise<User | null> {
  const [row] = await sql.query(`SELECT id, name, role FROM users WHERE id = $1`, [userId]);
  if (!row) return null;
  return { id: String(row[0]), name: String(row[1]), role: row[2] === 'admin' ? 'admin' : 'director' };
}

/** The user's granted region ids, sorted. */
export async function getGrants(sql: SqlExecutor, userId: string): Promise<string[]> {
  const rows = await sql.query(`SELECT region_id FROM grants WHERE user_id = $1 ORDER BY region_id`, [userId]);
  return rows.map((row) => str(row[0]) ?? '');
}

/** Replaces the user's grants with exactly `regionIds`. */
export async function setGrants(sql: SqlExecutor, userId: string, regionIds: readonly string[]): Promise<void> {
  await sql.query(`DELETE FROM grants WHERE user_id = $1`, [userId]);
  if (regionIds.length === 0) return;
  await sql.query(
    `INSERT INTO grants (user_id, region_id) SELECT $1, value FROM json_array_elements_text($2::json) ON CONFLICT DO NOTHING`,
    [userId, JSON.stringify([...new Set(regionIds)])],
  );
}
