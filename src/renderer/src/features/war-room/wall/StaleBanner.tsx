// The wall's truth about freshness: a banner across the top when the backend is unreachable or the last
// successful sync is older than the configured threshold, saying how old the figures are.
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../../shared/domain/sync-status';
import { useConnected } from '../../../lib/client-context';
import { useFormatters } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { useShownSyncState } from '../../../lib/use-shown-sync-state';
import { useSyncStatusView } from '../../../lib/sync-status-context';
import { IDLE_SYNC_STATUS } from '../../../../../shared/domain/sync-status';
import { staleness, type Staleness } from './stale-rule';

/** Re-check the age this often, so the banner appears on time even when nothing else happens. */
const AGE_TICK_MS = 10_000;

export function StaleBanner({ staleAfterMin }: { staleAfterMin: number }) {
  const view = useSyncStatusView();
  const connected = useConnected();
  const now = useNow(AGE_TICK_MS);
  const status: SyncStatus = view.kind === 'ready' ? view.status : IDLE_SYNC_STATUS;
  // The shown state rides out short background retries, so the banner does not flicker while offline.
  const shown = useShownSyncState(status);
  const result = staleness(view, view.kind === 'ready' ? shown : null, connected, staleAfterMin, now);
  if (result.kind === 'fresh') return null;
  return (
    <div className="wall-stale" role="alert" data-testid="wall-stale-banner" data-kind={result.kind}>
      <span className="wall-stale-icon" aria-hidden="true" />
      <StaleText result={result} now={now} />
    </div>
  );
}

function StaleText({ result, now }: { result: Exclude<Staleness, { kind: 'fresh' }>; now: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const age = (iso: string) => format.timeAgo(now - Date.parse(iso)) ?? t('wall.stale.justNow');
  switch (result.kind) {
    case 'never':
      return <span>{t('wall.stale.never')}</span>;
    case 'old':
      return <span>{t('wall.stale.old', { ago: age(result.lastSyncedAt), time: format.dateTime(result.lastSyncedAt) })}</span>;
    case 'unreachable':
      return (
        <span>
          {result.lastSyncedAt
            ? t('wall.stale.unreachable', { ago: age(result.lastSyncedAt), time: format.dateTime(result.lastSyncedAt) })
            : t('wall.stale.unreachableNever')}
        </span>
      );
  }
}
