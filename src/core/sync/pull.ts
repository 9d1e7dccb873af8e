// The pull loop: pages of the change feed (or of a backfill) until caught up. Each page is applied in its own
// transaction (apply.ts); between pages the loop yields to the event loop so reads stay responsive, and the
// next page is fetched while the current one is applied (used only if it continues the committed state).
import type { ChangesPage } from '../../shared/sync/protocol';
import type { TableName } from '../../shared/sync/tables';
import type { Db } from '../db/open';
import { readSyncState, type SyncState } from '../db/repos/sync-state-repo';
import { applyBackfillPage, applyMainPage, applyReset } from './apply';
import type { ChangesRequest, SyncHttpClient } from './http-client';
import { startBackfill } from './scope';
import { SyncError } from './sync-error';
import type { TableWriters } from './table-writer';

export type PageKind = 'main' | 'backfill' | 'reset' | 'scope';

/** Ids of the rows a page upserted or deleted, per table (what the exception engine re-evaluates). */
export type ChangedIds = Partial<Record<TableName, string[]>>;

export interface PullContext {
  db: Db;
  writers: TableWriters;
  client: SyncHttpClient;
  pageSize: number;
  signal: AbortSignal;
  now(): number;
  /** Called after each commit, with the committed state: the only place in-memory status may follow. */
  onCommitted(kind: PageKind, rows: number, state: SyncState, changed?: ChangedIds): void;
}

interface Prefetch {
  key: string;
  controller: AbortController;
  page: Promise<ChangesPage>;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function pullAll(ctx: PullContext): Promise<void> {
  let prefetch: Prefetch | null = null;
  let resets = 0;
  try {
    for (;;) {
      throwIfCancelled(ctx.signal);
      const state = readSyncState(ctx.db);
      if (state.backfill) {
        if (await backfillStep(ctx, state)) resets = checkResets(resets);
        await yieldToLoop();
        continue;
      }
      const request = mainRequest(ctx, state);
      const page = await (prefetch?.key === requestKey(request) ? prefetch.page : ctx.client.changes(request, ctx.signal));
      prefetch = null;
      throwIfCancelled(ctx.signal);
      if (page.reset) {
        resets = checkResets(resets);
        ctx.onCommitted('reset', 0, applyReset(ctx.db));
        continue;
      }
      if (state.cursor > 0 && page.scope.added.length > 0) {
        // Newly granted regions are caught up to our cursor first; then the main feed continues with them held.
        ctx.onCommitted('scope', 0, startBackfill(ctx.db, page.scope.added));
        continue;
      }
      if (page.hasMore) prefetch = startPrefetch(ctx, nextRequest(ctx, state, page));
      const result = applyMainPage(ctx.db, ctx.writers, page, request.after, ctx.now());
      ctx.onCommitted(result.purged.length > 0 ? 'scope' : 'main', result.rows, result.state, changedIds(page));
      if (!page.hasMore) return;
      await yieldToLoop();
    }
  } finally {
    prefetch?.controller.abort();
  }
}

/** One backfill page; returns true when the backend answered with a reset instead. */
async function backfillStep(ctx: PullContext, state: SyncState): Promise<boolean> {
  const backfill = state.backfill;
  if (!backfill) return false;
  const page = await ctx.client.changes(
    { after: backfill.cursor, limit: ctx.pageSize, held: state.heldRegions, regions: backfill.regions, until: backfill.until },
    ctx.signal,
  );
  throwIfCancelled(ctx.signal);
  if (page.reset) {
    ctx.onCommitted('reset', 0, applyReset(ctx.db));
    return true;
  }
  const result = applyBackfillPage(ctx.db, ctx.writers, page, backfill.cursor);
  ctx.onCommitted('backfill', result.rows, result.state);
  return false;
}

/**
 * One reset per pull is legitimate; a second one means the backend cannot serve the cursors of its own fresh
 * snapshot (e.g. a horizon above the first page): stop instead of emptying the replica in a hot loop.
 */
function checkResets(resets: number): number {
  if (resets >= 1) {
    throw new SyncError('invalid-page', 'The backend asked again to re-sync from scratch during a re-sync; retrying later');
  }
  return resets + 1;
}

function changedIds(page: ChangesPage): ChangedIds {
  const changed: ChangedIds = {};
  for (const [table, changes] of Object.entries(page.tables) as [TableName, ChangesPage['tables'][string]][]) {
    if (!changes) continue;
    const ids = changes.rows.map((row) => String(row[0])); // column 0 is always the primary key (tables.ts)
    changed[table] = ids.concat(changes.deletes);
  }
  return changed;
}

function mainRequest(ctx: PullContext, state: SyncState): ChangesRequest {
  return { after: state.cursor, limit: ctx.pageSize, held: state.heldRegions };
}

/** The request that will follow `page` once it is applied (its held set is what applyMainPage will commit). */
function nextRequest(ctx: PullContext, state: SyncState, page: ChangesPage): ChangesRequest {
  const granted = new Set(page.scope.granted);
  const held = state.cursor === 0 ? [...granted].sort() : state.heldRegions.filter((r) => granted.has(r));
  return { after: page.cursor, limit: ctx.pageSize, held };
}

function requestKey(request: ChangesRequest): string {
  return `${request.after}|${request.held.join(',')}`;
}

function startPrefetch(ctx: PullContext, request: ChangesRequest): Prefetch {
  const controller = new AbortController();
  const page = ctx.client.changes(request, AbortSignal.any([ctx.signal, controller.signal]));
  page.catch(() => undefined); // an unused prefetch may fail unobserved; a used one is awaited and rethrows
  return { key: requestKey(request), controller, page };
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new SyncError('cancelled', 'Sync was cancelled');
}
