// Version facts from core (`app.info`) for the settings page.
import { useCallback, useState } from 'react';
import type { AppInfo } from '../../../shared/api/methods';
import { useClient, useReloadOnReconnect } from './client-context';

export type AppInfoView = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'ready'; info: AppInfo };

export function useAppInfo(): AppInfoView {
  const client = useClient();
  const [view, setView] = useState<AppInfoView>({ kind: 'loading' });
  const load = useCallback(() => {
    client.call('app.info', {}).then(
      (info) => setView({ kind: 'ready', info }),
      () => setView((current) => (current.kind === 'ready' ? current : { kind: 'unavailable' })),
    );
  }, [client]);
  useReloadOnReconnect(load);
  return view;
}
