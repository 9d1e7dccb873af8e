// One live sync status per window, shared by the chrome slots, the progress strip and the settings page, so
// they all agree and core is asked once.
import { createContext, useContext, type ReactNode } from 'react';
import { useSyncStatus, type SyncStatusView } from './use-sync-status';

const SyncStatusContext = createContext<SyncStatusView | null>(null);

export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const view = useSyncStatus();
  return <SyncStatusContext.Provider value={view}>{children}</SyncStatusContext.Provider>;
}

export function useSyncStatusView(): SyncStatusView {
  const view = useContext(SyncStatusContext);
  if (!view) throw new Error('useSyncStatusView() must be used inside <SyncStatusProvider>');
  return view;
}
