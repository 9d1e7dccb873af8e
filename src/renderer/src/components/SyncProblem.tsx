// Strip under the header while sync is offline or failing: the last error in words (in the user's language, with
// core's English detail as a tooltip), when core retries by itself, and a Retry button (sync.now). It has the
// width the chrome's status pill lacks, so the whole error can be read.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/domain/sync-status';
import { useClient } from '../lib/client-context';
import { useSyncErrorText } from '../lib/error-message';
import { useFormatters } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useShownSyncState } from '../lib/use-shown-sync-state';
import type { SyncStatusView } from '../lib/use-sync-status';

const COUNTDOWN_TICK_MS = 1_000;

export function SyncProblem({ view }: { view: SyncStatusView }) {
  if (view.kind !== 'ready') return null;
  return <FailingStatus status={view.status} />;
}

function FailingStatus({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const shown = useShownSyncState(status);
  const error = useSyncErrorText()(status);
  if (shown !== 'offline' && shown !== 'error') return null;
  return (
    <div className="sync-problem" data-testid="sync-problem" data-tone={shown}>
      <strong>{shown === 'offline' ? t('chrome.sync.problem.offline') : t('chrome.sync.problem.error')}</strong>
      {error ? (
        // The words are in the user's language; core's English detail (host, HTTP status…) is one hover away.
        <span
          className="sync-problem-error"
          data-testid="sync-error"
          data-kind={status.lastErrorKind ?? undefined}
          title={error.detail ?? undefined}
        >
          {t('chrome.sync.lastError', { message: error.text })}
        </span>
      ) : null}
      {status.nextRetryAt ? <NextRetry at={status.nextRetryAt} /> : null}
      <RetryButton syncing={status.state === 'syncing'} />
    </div>
  );
}

function NextRetry({ at }: { at: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const now = useNow(COUNTDOWN_TICK_MS);
  const wait = new Date(at).getTime() - now;
  return (
    <span className="sync-problem-retry" data-testid="sync-next-retry">
      {wait <= 0 ? t('chrome.sync.retryingSoon') : t('chrome.sync.nextRetry', { duration: format.duration(wait) })}
    </span>
  );
}

/** Ask core to sync now; says "Retrying…" until the call returns and while the sync it started runs. */
function RetryButton({ syncing }: { syncing: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const [calling, setCalling] = useState(false);
  const busy = calling || syncing;
  const retry = () => {
    setCalling(true);
    client
      .call('sync.now', {})
      .catch(() => undefined) // a core that is gone shows the connection banner; sync failures show here
      .finally(() => setCalling(false));
  };
  return (
    <button type="button" className="button button-small" data-testid="sync-retry" onClick={retry} disabled={busy}>
      {busy ? t('chrome.sync.retrying') : t('chrome.sync.retry')}
    </button>
  );
}
