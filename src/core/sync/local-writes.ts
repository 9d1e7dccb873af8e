// Local writes (annotations, action items, exception states): which replica table each mutation type writes,
// how its payload becomes a row, and the replay of pending writes over freshly pulled rows, so a write the
// backend has not acknowledged yet stays visible locally instead of being overwritten or purged by a reset.
import type { MutationType } from '../../shared/sync/protocol';
import { TABLES, type TableName } from '../../shared/sync/tables';
import type { Db } from '../db/open';
import { pendingOutbox } from '../db/repos/outbox-repo';
import type { TableWriters } from './table-writer';

export const MUTATION_TABLE: Readonly<Record<MutationType, TableName>> = {
  'annotation.create': 'annotations',
  'action_item.upsert': 'action_items',
  'exception_state.set': 'exception_states',
};

export function isMutationType(type: string): type is MutationType {
  return Object.hasOwn(MUTATION_TABLE, type);
}

/** The positional row (TABLES order) of a mutation payload, which is the row as an object. */
export function payloadRow(table: TableName, payload: Record<string, unknown>): unknown[] {
  return TABLES[table].columns.map((col) => payload[col.name] ?? null);
}

/** Write one local row (inside the caller's transaction). */
export function writeLocalRow(
  writers: TableWriters,
  type: MutationType,
  payload: Record<string, unknown>,
  held: ReadonlySet<string>,
): void {
  const table = MUTATION_TABLE[type];
  writers[table].upsert([payloadRow(table, payload)], held);
}

/**
 * Re-apply every pending write whose region the replica holds, in outbox order. Runs inside the transaction
 * of each applied page (and of a reset), so readers never see a pulled row hide a local write in between.
 */
export function replayPending(db: Db, writers: TableWriters, held: ReadonlySet<string>): void {
  const BATCH = 500;
  for (let after = 0; ;) {
    const batch = pendingOutbox(db, BATCH, after);
    for (const entry of batch) {
      if (!isMutationType(entry.type) || !held.has(String(entry.payload.region_id))) continue;
      try {
        writeLocalRow(writers, entry.type, entry.payload, held);
      } catch (err) {
        // A payload that no longer fits the table must not block every future page: skip it, keep it queued.
        console.error(`[sync] could not replay outbox entry ${entry.seq}:`, err);
      }
    }
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1]?.seq ?? after;
  }
}
