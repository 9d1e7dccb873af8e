// Chrome slot that says what sync is doing: the state in words, how long ago the replica was last updated
// (ticking), writes waiting in the outbox and which backend (built-in demo data or a backend's host). The raw
// SyncStatus.state is in data-state for e2e tests; the details of a failure (the error, the next retry, Retry)
// are in the SyncProblem strip, where they have room; here the error's words are only a tooltip.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SyncStatus } from '../../../shared/domain/sync-status';
import { useSyncErrorText } from '../lib/error-message';
import { useFormatters } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useShownSyncState } from '../lib/use-shown-sync-state';
import type { SyncStatusView } from '../lib/use-sync-status';

/** Refresh "updated 3 minutes ago" this often. */
const AGE_TICK_MS = 15_000;

export function SyncStatusSlot({ view }: { view: SyncStatusView }) {
  const { t } = useTranslation();
  if (view.kind !== 'ready') {
    return (
      <div
        className="status-slot"
        data-testid="sync-status"
        data-state={view.kind}
        data-tone={view.kind}
        role="group"
        aria-label={t('chrome.sync.label')}
      >
        <span className="status-dot" aria-hidden="true" />
        <span role="status">{view.kind === 'loading' ? t('chrome.sync.loading') : t('chrome.sync.unavailable')}</span>
      </div>
    );
  }
  return <ReadySyncStatus status={view.status} />;
}

function ReadySyncStatus({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = useShownSyncState(status);
  const now = useNow(AGE_TICK_MS);
  const error = useSyncErrorText()(status);
  const notConfigured = status.state === 'idle' && status.backendUrl === null;
  const failing = shown === 'offline' || shown === 'error';

  return (
    <div
      className="status-slot sync-slot"
      data-testid="sync-status"
      data-state={status.state}
      data-tone={shown}
      title={failing && error ? t('chrome.sync.lastError', { message: error.text }) : undefined}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="status-main" role="status" aria-label={t('chrome.sync.label')}>
        {stateText()}
      </span>
      {status.lastSyncedAt ? (
        <span className="status-detail" data-testid="sync-age">
          {ageText(status.lastSyncedAt)}
        </span>
      ) : null}
      <span className="status-detail" data-testid="sync-pending" data-pending={status.pendingOutbox}>
        {t('chrome.sync.pending', { count: format.number(status.pendingOutbox) })}
      </span>
      <BackendDetail status={status} />
      {notConfigured ? (
        <Link to="/settings" className="status-link" data-testid="sync-set-up">
          {t('chrome.sync.setUp')}
        </Link>
      ) : null}
    </div>
  );

  function stateText(): string {
    if (status.state === 'syncing' && status.progress !== null) {
      return t('chrome.sync.progress', { percent: format.percent(status.progress) });
    }
    if (notConfigured) return t('chrome.sync.state.notConfigured');
    return t(`chrome.sync.state.${shown}`);
  }

  function ageText(lastSyncedAt: string): string {
    const ago = format.timeAgo(now - new Date(lastSyncedAt).getTime());
    return ago === null ? t('chrome.sync.updatedJustNow') : t('chrome.sync.updatedAgo', { ago });
  }
}

/** Which backend the replica follows: the built-in demo backend, or a backend's host (the URL is in Settings). */
function BackendDetail({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const url = status.backendUrl;
  if (!url) return null;
  if (status.backendKind === 'embedded') {
    return (
      <span className="status-detail" data-testid="sync-backend" data-kind="embedded">
        {t('chrome.sync.backend.embedded')}
      </span>
    );
  }
  return (
    <span className="status-detail" data-testid="sync-backend" data-kind={status.backendKind ?? undefined}>
      {t('chrome.sync.backend.remote', { host: hostOf(url) })}
    </span>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
