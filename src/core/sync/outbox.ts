// The outbox: a local write and its outbox entry commit in one transaction; the queue drains in seq order,
// in batches, to POST /v1/mutations, and each entry records the backend's answer (synced, or rejected with a
// reason). A rejected entry is final and never blocks the ones after it; an entry whose answer was lost (crash,
// timeout) stays pending and is resent with the same id, which the backend answers as a duplicate: one effect.
import { randomUUID } from 'node:crypto';
import type { MutationResult, MutationType } from '../../shared/sync/protocol';
import type { Db } from '../db/open';
import { insertOutbox, markAttempted, pendingOutbox, recordOutboxResult, type OutboxEntry } from '../db/repos/outbox-repo';
import { readSyncState } from '../db/repos/sync-state-repo';
import { MUTATION_TABLE, writeLocalRow } from './local-writes';
import type { SyncHttpClient } from './http-client';
import { SyncError } from './sync-error';
import type { TableWriters } from './table-writer';

export const OUTBOX_BATCH = 100;

export interface LocalWrite {
  type: MutationType;
  /** The full row of the target table, as an object keyed by column name. */
  payload: Record<string, unknown>;
}

/** Apply a write to the replica and queue it for the backend, atomically. Returns the outbox seq. */
export function enqueueWrite(db: Db, writers: TableWriters, write: LocalWrite, now: number): number {
  return db.transaction(() => {
    const held = new Set(readSyncState(db).heldRegions);
    writeLocalRow(writers, write.type, write.payload, held);
    return insertOutbox(db, { mutationId: randomUUID(), type: write.type, payload: write.payload, now });
  })();
}

export interface DrainResult {
  synced: number;
  rejected: number;
}

/** Send every pending entry, oldest first. Throws a SyncError when the backend cannot be reached. */
export async function drainOutbox(
  db: Db,
  client: SyncHttpClient,
  clientId: string,
  signal: AbortSignal,
  now: () => number,
  onBatch: () => void,
): Promise<DrainResult> {
  const total: DrainResult = { synced: 0, rejected: 0 };
  for (;;) {
    const batch = pendingOutbox(db, OUTBOX_BATCH);
    if (batch.length === 0) return total;
    markAttempted(
      db,
      batch.map((e) => e.seq),
      now(),
    );
    const results = await client.mutations({ clientId, mutations: batch.map(toMutation) }, signal);
    if (signal.aborted) throw new SyncError('cancelled', 'Sync was cancelled');
    const counts = recordResults(db, batch, results, now());
    total.synced += counts.synced;
    total.rejected += counts.rejected;
    onBatch();
    // Entries the backend did not answer stay pending; resending them at once would loop forever.
    if (counts.synced + counts.rejected < batch.length) {
      throw new SyncError(
        'malformed',
        `The backend answered ${counts.synced + counts.rejected} of ${batch.length} queued changes`,
      );
    }
  }
}

function toMutation(entry: OutboxEntry) {
  return { id: entry.mutationId, seq: entry.seq, type: entry.type as MutationType, payload: entry.payload };
}

/** One transaction per batch: the answers are recorded together or not at all. */
function recordResults(db: Db, batch: readonly OutboxEntry[], results: readonly MutationResult[], at: number): DrainResult {
  const byId = new Map(results.map((r) => [r.id, r]));
  return db.transaction(() => {
    const counts: DrainResult = { synced: 0, rejected: 0 };
    for (const entry of batch) {
      const result = byId.get(entry.mutationId);
      if (!result) continue;
      if (result.status === 'rejected') {
        recordOutboxResult(db, entry.mutationId, 'rejected', result.reason ?? 'Rejected by the backend', at);
        dropRejectedCreate(db, entry);
        counts.rejected++;
      } else {
        recordOutboxResult(db, entry.mutationId, 'synced', null, at);
        counts.synced++;
      }
    }
    return counts;
  })();
}

/**
 * A rejected create never reaches the backend, so its optimistic local row would linger forever: remove it.
 * (Upserts keep their local row; the backend's version replaces it the next time that row changes.)
 */
function dropRejectedCreate(db: Db, entry: OutboxEntry): void {
  if (entry.type !== 'annotation.create') return;
  const id = entry.payload.id;
  const others = db
    .prepare("SELECT count(*) AS n FROM outbox WHERE seq <> ? AND status <> 'rejected' AND json_extract(payload, '$.id') = ?")
    .get(entry.seq, id) as {
    n: number;
  };
  if (others.n === 0) db.prepare(`DELETE FROM ${MUTATION_TABLE['annotation.create']} WHERE id = ?`).run(id);
}
