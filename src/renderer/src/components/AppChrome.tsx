// The frame around every page: header with the product name and the sync and freshness slots, the strips for
// the initial sync's progress and for a sync problem, the left navigation, the connection banner, and the page.
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { SyncStatusProvider, useSyncStatusView } from '../lib/sync-status-context';
import { ConnectionBanner } from './ConnectionBanner';
import { DataFreshness } from './DataFreshness';
import { ExceptionIcon, PackIcon, RepsIcon, SettingsIcon, WallIcon } from './NavIcons';
import { SyncProblem } from './SyncProblem';
import { SyncProgress } from './SyncProgress';
import { SyncStatusSlot } from './SyncStatusSlot';

const NAV_ITEMS = [
  { to: '/war-room', testId: 'nav-war-room', label: 'nav.warRoom', Icon: WallIcon },
  { to: '/packs', testId: 'nav-packs', label: 'nav.packs', Icon: PackIcon },
  { to: '/exceptions', testId: 'nav-exceptions', label: 'nav.exceptions', Icon: ExceptionIcon },
  { to: '/reps', testId: 'nav-reps', label: 'nav.reps', Icon: RepsIcon },
  { to: '/settings', testId: 'nav-settings', label: 'nav.settings', Icon: SettingsIcon },
] as const;

export function AppChrome() {
  return (
    <SyncStatusProvider>
      <Shell />
    </SyncStatusProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const syncStatus = useSyncStatusView();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar-row">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </div>
          <div className="status-slots">
            <SyncStatusSlot view={syncStatus} />
            <DataFreshness view={syncStatus} />
          </div>
        </div>
        <SyncProgress view={syncStatus} />
        <SyncProblem view={syncStatus} />
      </header>
      <nav className="sidenav" aria-label={t('nav.label')}>
        <ul>
          {NAV_ITEMS.map(({ to, testId, label, Icon }) => (
            <li key={to}>
              <NavLink to={to} data-testid={testId} className="nav-link">
                <Icon />
                <span>{t(label)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <ConnectionBanner />
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
