// Turns a change-feed read into the reply body. The rows are already JSON text (one positional array per row,
// stored that way in the change log), so the body is concatenated, never parsed and re-encoded.
import { SYNC_PROTOCOL_VERSION, type ChangesPage } from '../../shared/sync/protocol';
import type { PageData } from '../store/change-feed';

export interface Scope {
  granted: string[];
  revoked: string[];
  added: string[];
}

/** Which held regions to purge and which granted ones to backfill. Without `held`, there is nothing to diff. */
export function scopeDiff(granted: readonly string[], held: readonly string[] | undefined): Scope {
  if (held === undefined) return { granted: [...granted], revoked: [], added: [] };
  const grantedSet = new Set(granted);
  const heldSet = new Set(held);
  return {
    granted: [...granted],
    revoked: held.filter((r) => !grantedSet.has(r)).sort(),
    added: granted.filter((r) => !heldSet.has(r)),
  };
}

export interface PageEnvelope {
  cursor: number;
  highWater: number;
  hasMore: boolean;
  reset: boolean;
  scope: Scope;
}

/** Cursor, hasMore and reset for a read made with `after` (and optional `until`). */
export function pageEnvelope(data: PageData, after: number, until: number | undefined, scope: Scope): PageEnvelope {
  // A cursor behind the compaction horizon, or ahead of everything this server ever wrote (its database was
  // replaced), cannot be continued; neither can a backfill to a point before the horizon. Start again from 0.
  const reset = (after > 0 && (after < data.horizon || after > data.highWater)) || (until !== undefined && until < data.horizon);
  if (reset) return { cursor: after, highWater: data.highWater, hasMore: true, reset: true, scope };
  const bound = Math.max(after, Math.min(until ?? data.highWater, data.highWater));
  // Without more matches, the page covers everything up to `bound`, so the cursor may jump there even if
  // the last entries were in regions the caller does not receive.
  const cursor = data.more ? data.lastSeq : bound;
  return { cursor, highWater: data.highWater, hasMore: data.more, reset: false, scope };
}

/** The JSON text of a changes page (valid against changesPageSchema). */
export function pageBody(data: PageData, envelope: PageEnvelope): string {
  const tables = envelope.reset
    ? ''
    : data.tables
        .map(({ table, rowsJson, deletesJson }) => `${JSON.stringify(table)}:{"rows":${rowsJson},"deletes":${deletesJson}}`)
        .join(',');
  const head: Omit<ChangesPage, 'tables'> = { protocolVersion: SYNC_PROTOCOL_VERSION, ...envelope };
  const json = JSON.stringify(head);
  return `${json.slice(0, -1)},"tables":{${tables}}}`;
}
