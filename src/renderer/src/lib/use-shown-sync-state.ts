// The sync state to put into words. Incremental syncs run every few seconds and usually take a fraction of one,
// and while offline core retries every few seconds and fails at once; flashing "Syncing" each time would make
// the chrome flicker on a projected wall. So a background sync (no progress) that starts from "synced",
// "offline" or "error" keeps the words it had unless it runs longer than REVEAL_AFTER_MS. Every other change (an
// initial sync, a failure, a recovery) shows at once. The raw state stays in data-state for tests.
import { useEffect, useState } from 'react';
import type { SyncState, SyncStatus } from '../../../shared/domain/sync-status';

export const REVEAL_AFTER_MS = 1500;
const QUIET_FROM: ReadonlySet<SyncState> = new Set(['synced', 'offline', 'error']);

export function useShownSyncState(status: SyncStatus): SyncState {
  const { state, progress } = status;
  // The last state that was not "syncing": what the user was told before this sync began.
  const [settled, setSettled] = useState<SyncState>(state);
  if (state !== 'syncing' && state !== settled) setSettled(state); // adjusting state while rendering, per React docs
  const quiet = state === 'syncing' && progress === null && QUIET_FROM.has(settled);
  const [revealed, setRevealed] = useState(false);
  useEffect(() => {
    if (!quiet) return;
    const timer = setTimeout(() => setRevealed(true), REVEAL_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setRevealed(false);
    };
  }, [quiet]);
  return quiet && !revealed ? settled : state;
}
