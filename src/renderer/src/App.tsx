// The renderer's root component: providers (i18n, core client, preferences) around the hash-routed app.
// Everything environment-specific (which bridge, which i18n instance) is passed in, so tests can render it.
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { HashRouter } from 'react-router';
import type { OutpostClient } from '../../shared/api/client';
import type { Settings } from '../../shared/domain/settings';
import { ClientProvider } from './lib/client-context';
import type { ConnectionMonitor } from './lib/connection';
import { PreferencesProvider } from './lib/preferences';
import { AppRoutes } from './routes';

export interface AppProps {
  client: OutpostClient;
  connection: ConnectionMonitor;
  i18n: I18n;
  /** Settings read before the first render, if core answered in time; null means "use defaults until it does". */
  initialSettings: Settings | null;
}

export function App({ client, connection, i18n, initialSettings }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <ClientProvider client={client} connection={connection}>
        <PreferencesProvider initialSettings={initialSettings}>
          <HashRouter>
            <AppRoutes />
          </HashRouter>
        </PreferencesProvider>
      </ClientProvider>
    </I18nextProvider>
  );
}
