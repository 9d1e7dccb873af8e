// When the wall must warn that its figures may be old: the backend is unreachable (sync offline or failing),
// core itself is unreachable, the replica never synced, or the last successful sync is older than the threshold.
import type { SyncState } from '../../../../../shared/domain/sync-status';
import type { SyncStatusView } from '../../../lib/use-sync-status';

export type Staleness =
  | { kind: 'fresh' }
  | { kind: 'unreachable'; lastSyncedAt: string | null }
  | { kind: 'never' }
  | { kind: 'old'; lastSyncedAt: string; ageMs: number };

export function staleness(
  view: SyncStatusView,
  shownState: SyncState | null,
  coreConnected: boolean,
  staleAfterMin: number,
  now: number,
): Staleness {
  const lastSyncedAt = view.kind === 'ready' ? view.status.lastSyncedAt : null;
  if (!coreConnected || view.kind === 'unavailable' || shownState === 'offline' || shownState === 'error') {
    return { kind: 'unreachable', lastSyncedAt };
  }
  if (view.kind === 'loading') return { kind: 'fresh' }; // nothing known yet: say nothing rather than guess
  if (!lastSyncedAt) return { kind: 'never' };
  const ageMs = now - Date.parse(lastSyncedAt);
  return ageMs > staleAfterMin * 60_000 ? { kind: 'old', lastSyncedAt, ageMs } : { kind: 'fresh' };
}
