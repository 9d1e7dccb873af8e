// Banner shown while core is unreachable. It also probes core every few seconds, because the Electron bridge
// has no socket to tell us when core is back; any successful call clears the banner.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConnected } from '../lib/client-context';

const PROBE_INTERVAL_MS = 5000;

export function ConnectionBanner() {
  const { t } = useTranslation();
  const client = useClient();
  const connected = useConnected();
  const [probing, setProbing] = useState(false);

  const probe = useCallback(() => {
    setProbing(true);
    client
      .call('app.info', {})
      .catch(() => undefined) // the monitor has recorded the outcome
      .finally(() => setProbing(false));
  }, [client]);

  useEffect(() => {
    if (connected) return;
    const timer = setInterval(probe, PROBE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [connected, probe]);

  if (connected) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="connection-banner">
      <span>{t('chrome.connection.lost')}</span>
      <button type="button" className="button" onClick={probe} disabled={probing}>
        {probing ? t('chrome.connection.retrying') : t('chrome.connection.retry')}
      </button>
    </div>
  );
}
