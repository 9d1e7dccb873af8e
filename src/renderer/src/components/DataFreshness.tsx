// Chrome slot for "as of when": every figure in the app comes from the replica, whose last successful sync
// time is shown here. Marked stale after a day so a projected wall never passes old numbers off as current.
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../lib/format';
import { useNow } from '../lib/use-now';
import type { SyncStatusView } from '../lib/use-sync-status';

const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export function DataFreshness({ view }: { view: SyncStatusView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const now = useNow();
  const lastSyncedAt = view.kind === 'ready' ? view.status.lastSyncedAt : null;

  if (view.kind !== 'ready') {
    return (
      <div className="status-slot freshness" data-testid="data-freshness" aria-label={t('chrome.freshness.label')}>
        <span aria-hidden="true">—</span>
      </div>
    );
  }
  if (!lastSyncedAt) {
    return (
      <div
        className="status-slot freshness"
        data-testid="data-freshness"
        data-stale="true"
        aria-label={t('chrome.freshness.label')}
      >
        {t('chrome.freshness.never')}
      </div>
    );
  }
  const stale = now - new Date(lastSyncedAt).getTime() > STALE_AFTER_MS;
  return (
    <div
      className="status-slot freshness"
      data-testid="data-freshness"
      data-stale={stale}
      aria-label={t('chrome.freshness.label')}
    >
      <time dateTime={lastSyncedAt}>{t('chrome.freshness.asOf', { time: format.dateTime(lastSyncedAt) })}</time>
    </div>
  );
}
