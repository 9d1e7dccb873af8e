// The outbox table: local writes waiting for (or answered by) the backend, in client sequence order.
import type { Db } from '../open';

export type OutboxStatus = 'pending' | 'synced' | 'rejected';

export interface OutboxEntry {
  seq: number;
  mutationId: string;
  type: string;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
  attempts: number;
}

interface Row {
  seq: number;
  mutation_id: string;
  type: string;
  payload: string;
  status: OutboxStatus;
  reason: string | null;
  created_at: number;
  updated_at: number;
  attempts: number;
}

const toEntry = (row: Row): OutboxEntry => ({
  seq: row.seq,
  mutationId: row.mutation_id,
  type: row.type,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  status: row.status,
  reason: row.reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  attempts: row.attempts,
});

/** Append an entry; its seq (AUTOINCREMENT, never reused) is the per-client sequence the server sees. */
export function insertOutbox(
  db: Db,
  entry: { mutationId: string; type: string; payload: Record<string, unknown>; now: number },
): number {
  const result = db
    .prepare('INSERT INTO outbox (mutation_id, type, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(entry.mutationId, entry.type, JSON.stringify(entry.payload), entry.now, entry.now);
  return Number(result.lastInsertRowid);
}

/** The oldest pending entries after `afterSeq`, in seq order. */
export function pendingOutbox(db: Db, limit: number, afterSeq = 0): OutboxEntry[] {
  const rows = db
    .prepare("SELECT * FROM outbox WHERE status = 'pending' AND seq > ? ORDER BY seq LIMIT ?")
    .all(afterSeq, limit) as Row[];
  return rows.map(toEntry);
}

export function markAttempted(db: Db, seqs: readonly number[], now: number): void {
  const stmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, updated_at = ? WHERE seq = ?');
  db.transaction(() => seqs.forEach((seq) => stmt.run(now, seq)))();
}

/** Record the backend's answer for one entry (only a pending entry changes: answers are final). */
export function recordOutboxResult(
  db: Db,
  mutationId: string,
  status: Exclude<OutboxStatus, 'pending'>,
  reason: string | null,
  now: number,
): void {
  db.prepare("UPDATE outbox SET status = ?, reason = ?, updated_at = ? WHERE mutation_id = ? AND status = 'pending'").run(
    status,
    reason,
    now,
    mutationId,
  );
}

export function countOutbox(db: Db): Record<OutboxStatus, number> {
  const rows = db.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as {
    status: OutboxStatus;
    n: number;
  }[];
  const counts: Record<OutboxStatus, number> = { pending: 0, synced: 0, rejected: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

export function listOutbox(db: Db, options: { status?: OutboxStatus; limit: number; beforeSeq?: number }): OutboxEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM outbox WHERE (@status IS NULL OR status = @status) AND (@before IS NULL OR seq < @before)
       ORDER BY seq DESC LIMIT @limit`,
    )
    .all({ status: options.status ?? null, before: options.beforeSeq ?? null, limit: options.limit }) as Row[];
  return rows.map(toEntry);
}
