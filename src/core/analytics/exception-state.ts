// The app's side of an acknowledgement: the exception_states row (open / acknowledged / resolved, owner, note,
// snooze) that the sync engine's local write puts in the replica and the outbox. Analytics only builds the row;
// listExceptions then reads it back merged with the occurrence.
import type { ExceptionStatus } from '../../shared/analytics/exceptions';
import type { Db } from '../db/open';
import { stmt } from './statements';

export interface ExceptionStateInput {
  status: ExceptionStatus;
  owner?: string | null;
  note?: string | null;
  snoozedUntil?: number | null;
}

/** The region an exception key belongs to (its latest occurrence), or null if it never fired here. */
export function exceptionRegion(db: Db, key: string): string | null {
  const row = stmt(
    db,
    'SELECT region_id FROM analytics_exception_occurrences WHERE key = ? ORDER BY id DESC LIMIT 1',
    'pluck',
  ).get(key);
  return typeof row === 'string' ? row : null;
}

/** The exception_states row (column names as in the replica) for the 'exception_state.set' mutation. */
export function exceptionStatePayload(
  db: Db,
  key: string,
  input: ExceptionStateInput,
  meta: { user: string; now: number },
): Record<string, unknown> {
  const regionId = exceptionRegion(db, key);
  if (regionId === null) throw new Error(`No exception ${key} in this replica`);
  return {
    id: key,
    region_id: regionId,
    status: input.status,
    owner: input.owner ?? null,
    note: input.note ?? null,
    snoozed_until: input.snoozedUntil ?? null,
    updated_at: meta.now,
    updated_by: meta.user,
  };
}
