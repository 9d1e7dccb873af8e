// Chrome slot that says what sync is doing: state in words, initial-sync progress, writes waiting in the
// outbox, and the last error.
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../lib/format';
import type { SyncStatusView } from '../lib/use-sync-status';

export function SyncStatusSlot({ view }: { view: SyncStatusView }) {
  const { t } = useTranslation();
  const format = useFormatters();

  if (view.kind !== 'ready') {
    return (
      <div
        className="status-slot"
        data-testid="sync-status"
        data-state={view.kind}
        role="status"
        aria-label={t('chrome.sync.label')}
      >
        <span className="status-dot" aria-hidden="true" />
        <span>{view.kind === 'loading' ? t('chrome.sync.loading') : t('chrome.sync.unavailable')}</span>
      </div>
    );
  }

  const { state, progress, pendingOutbox, lastError } = view.status;
  const stateText =
    state === 'syncing' && progress !== null
      ? t('chrome.sync.progress', { percent: format.percent(progress) })
      : t(`chrome.sync.state.${state}`);
  return (
    <div className="status-slot" data-testid="sync-status" data-state={state} role="status" aria-label={t('chrome.sync.label')}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-main">{stateText}</span>
      <span className="status-detail" data-pending={pendingOutbox}>
        {t('chrome.sync.pending', { count: format.number(pendingOutbox) })}
      </span>
      {lastError ? <span className="status-error">{t('chrome.sync.lastError', { message: lastError })}</span> : null}
    </div>
  );
}
