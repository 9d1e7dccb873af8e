// Initial-sync progress from the committed cursor: fraction of the way to the snapshot's high-water mark,
// rows applied, and an ETA from this run's rate. Measured in change-log seqs, which is what the feed offers.
import type { SyncState } from '../db/repos/sync-state-repo';
import type { StatusFacts } from './status';

export interface ProgressMeter {
  /** Facts to show after a committed page. */
  onCommitted(rows: number, state: SyncState): Partial<StatusFacts>;
}

export function createProgressMeter(start: SyncState, now: () => number): ProgressMeter {
  const startedAt = now();
  let startCursor = start.cursor;
  let rows = 0;
  return {
    onCommitted(applied, state) {
      if (state.cursor < startCursor) startCursor = state.cursor; // a reset restarted the initial sync
      rows += applied;
      const behind = Math.max(0, state.highWater - state.cursor);
      if (state.initialComplete) return { progress: null, etaMs: null, rowsSynced: rows, behind };
      const target = state.highWater;
      const fraction = target > 0 ? state.cursor / target : 0;
      const done = state.cursor - startCursor;
      const elapsed = now() - startedAt;
      const etaMs = done > 0 && target > state.cursor ? ((target - state.cursor) * elapsed) / done : null;
      return { progress: fraction, etaMs, rowsSynced: rows, behind };
    },
  };
}
