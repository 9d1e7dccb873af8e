// The current sync status for the chrome: fetched from core, then kept live by the `sync.status` event, with
// the pending-outbox count also following `outbox.changed` (a local write is announced before any sync runs).
import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/domain/sync-status';
import { useClient, useReloadOnReconnect } from './client-context';

export type SyncStatusView = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'ready'; status: SyncStatus };

export function useSyncStatus(): SyncStatusView {
  const client = useClient();
  const [view, setView] = useState<SyncStatusView>({ kind: 'loading' });
  const load = useCallback(() => {
    client.call('sync.status', {}).then(
      (status) => setView({ kind: 'ready', status }),
      // Keep the last known status if we had one: it is still the best description of the replica.
      () => setView((current) => (current.kind === 'ready' ? current : { kind: 'unavailable' })),
    );
  }, [client]);
  useReloadOnReconnect(load);
  useEffect(() => client.on('sync.status', (status) => setView({ kind: 'ready', status })), [client]);
  useEffect(
    () =>
      client.on('outbox.changed', (counts) =>
        setView((current) =>
          current.kind === 'ready' ? { kind: 'ready', status: { ...current.status, pendingOutbox: counts.pending } } : current,
        ),
      ),
    [client],
  );
  return view;
}
