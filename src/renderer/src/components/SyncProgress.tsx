// Strip under the header during the initial sync: a progress bar with the percentage, the rows applied so
// far and the time left. Shown only while an initial sync runs (state 'syncing' with a progress fraction).
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../lib/format';
import type { SyncStatusView } from '../lib/use-sync-status';

export function SyncProgress({ view }: { view: SyncStatusView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (view.kind !== 'ready' || view.status.state !== 'syncing' || view.status.progress === null) return null;

  const { progress, rowsSynced, etaMs } = view.status;
  const percent = Math.round(progress * 100);
  const details = [
    format.percent(progress),
    t('chrome.sync.initial.rows', { rows: format.number(rowsSynced ?? 0) }),
    etaMs === null || etaMs === undefined
      ? t('chrome.sync.initial.estimating')
      : t('chrome.sync.initial.eta', { duration: format.duration(etaMs) }),
  ].join(' · ');

  return (
    <div className="sync-progress">
      <div className="sync-progress-text">
        <strong>{t('chrome.sync.initial.title')}</strong>
        <span data-testid="sync-progress-details">{details}</span>
      </div>
      <div
        className="sync-progress-track"
        role="progressbar"
        data-testid="sync-progress"
        aria-label={t('chrome.sync.initial.title')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={details}
        data-rows={rowsSynced ?? 0}
      >
        <div className="sync-progress-fill" style={{ transform: `scaleX(${progress})` }} />
      </div>
    </div>
  );
}
