// Renderer entry: picks the bridge, builds the monitored client, reads the stored settings (briefly, so the
// first paint is already in the right language) and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../../shared/api/client';
import { resolveLocale, type Settings } from '../../shared/domain/settings';
import { App } from './App';
import { createI18n } from './i18n/create-i18n';
import { selectBridge } from './lib/bridge';
import { createConnectionMonitor, monitorClient } from './lib/connection';
import { preloadRoute } from './routes';
// Stylesheets in cascade order: later files may override earlier ones (narrow.css the chrome, for one).
import './styles/fonts.css';
import './styles/theme.css';
import './styles/base.css';
import './styles/chrome.css';
import './styles/content.css';
import './styles/pages.css';
import './styles/forms.css';
import './styles/narrow.css';
import './styles/wall-shell.css';
import './styles/wall-drill.css';
import './styles/wall-controls.css';
import './styles/war-room-page.css';

/** How long the first paint may wait for stored settings before falling back to the OS language. */
const SETTINGS_WAIT_MS = 1500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([promise.catch(() => null), new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
}

async function start(): Promise<void> {
  preloadRoute(window.location.hash);
  const connection = createConnectionMonitor();
  const { bridge } = selectBridge((connected) => connection.report(connected));
  const client = monitorClient(createClient(bridge), connection);
  const initialSettings: Settings | null = await withTimeout(client.call('settings.get', {}), SETTINGS_WAIT_MS);
  const locale = resolveLocale(initialSettings?.locale ?? 'system', navigator.languages);
  const i18n = createI18n(locale);
  document.documentElement.lang = locale;

  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <App client={client} connection={connection} i18n={i18n} initialSettings={initialSettings} />
    </StrictMode>,
  );
}

void start();
