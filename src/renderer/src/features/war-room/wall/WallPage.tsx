// The `#/wall` route: the wall without the app chrome. Resolves what to show from the stored wall settings and
// the route's diagnostic query (`dwellMs`, `scenes`), and gives the wall its own live sync status.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { usePreferences } from '../../../lib/preferences';
import { SyncStatusProvider } from '../../../lib/sync-status-context';
import { resolveWallConfig } from './wall-config';
import { WallView } from './WallView';

export function WallPage() {
  const { settings } = usePreferences();
  const [query] = useSearchParams();
  const config = useMemo(() => resolveWallConfig(settings.wall, query), [settings.wall, query]);
  return (
    <SyncStatusProvider>
      <WallView
        scenes={config.scenes}
        dwellMs={config.dwellMs}
        privacyDefault={settings.wall.privacy}
        staleAfterMin={settings.wall.staleAfterMin}
      />
    </SyncStatusProvider>
  );
}
