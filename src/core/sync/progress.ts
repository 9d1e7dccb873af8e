// Initial-sync progress from the committed cursor: fraction of the way to the snapshot's high-water mark,
// rows applied, and an ETA from this run's rate. Measured in change-log seqs, which is what the feed offers.
// rowsSynced is the size of the initial sync (running or last): incremental pages leave it alone.
import type { SyncState } from '../db/repos/sync-state-repo';
import type { StatusFacts } from './status';

export interface ProgressMeter {
  /** Facts to show after a committed page. */
  onCommitted(rows: number, state: SyncState): Partial<StatusFacts>;
}

export function createProgressMeter(start: SyncState, now: () => number): ProgressMeter {
  let startedAt = now();
  let startCursor = start.cursor;
  // Rows are counted only while this pull runs (or ends) an initial sync: an incremental sync's handful of rows
  // (or an empty page's 0) must not replace the initial sync's figure the UI shows.
  let initial = !start.initialComplete;
  let rows = 0;
  return {
    onCommitted(applied, state) {
      if (state.cursor < startCursor || (!initial && !state.initialComplete)) {
        // A reset emptied the replica and restarted the initial sync: count (and time) it from here.
        startCursor = state.cursor;
        startedAt = now();
        initial = true;
        rows = 0;
      }
      const behind = Math.max(0, state.highWater - state.cursor);
      if (!initial) return { progress: null, etaMs: null, behind };
      rows += applied;
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
