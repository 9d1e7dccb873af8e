// The route table. Pages are lazy-loaded so the first paint only needs the chrome; `/` and unknown paths go
// to the war room, the default job. The war-room wall (`/wall`) is projected full-screen, without the chrome.
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { WALL_ROUTE } from '../../shared/api/wall-window';
import { AppChrome } from './components/AppChrome';

export const ROUTE_PATHS = ['/war-room', '/packs', '/exceptions', '/reps', '/settings'] as const;
export const DEFAULT_ROUTE = '/war-room';

const WarRoomPage = lazy(() => import('./features/war-room/WarRoomPage').then((m) => ({ default: m.WarRoomPage })));
const PacksPage = lazy(() => import('./features/packs/PacksPage').then((m) => ({ default: m.PacksPage })));
const ExceptionsPage = lazy(() => import('./features/exceptions/ExceptionsPage').then((m) => ({ default: m.ExceptionsPage })));
const RepsPage = lazy(() => import('./features/reps/RepsPage').then((m) => ({ default: m.RepsPage })));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const importWallPage = () => import('./features/war-room/wall/WallPage');
const WallPage = lazy(() => importWallPage().then((m) => ({ default: m.WallPage })));

/**
 * Start fetching the wall's code at once when the app opens on the wall (the Electron wall window, a bookmarked
 * `#/wall`), in parallel with reading the settings: the first frame in front of the room comes sooner.
 */
export function preloadRoute(hash: string): void {
  if (hash.startsWith('#/wall')) void importWallPage().catch(() => undefined); // the lazy route reports a failure
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path={WALL_ROUTE}
        element={
          // A blank wall-coloured screen while the wall's code loads, never the app chrome.
          <Suspense fallback={<div className="wall wall-loading" data-testid="wall-loading" />}>
            <WallPage />
          </Suspense>
        }
      />
      <Route element={<AppChrome />}>
        <Route index element={<Navigate to={DEFAULT_ROUTE} replace />} />
        <Route path="war-room" element={<WarRoomPage />} />
        <Route path="packs" element={<PacksPage />} />
        <Route path="exceptions" element={<ExceptionsPage />} />
        <Route path="reps" element={<RepsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<Navigate to={DEFAULT_ROUTE} replace />} />
      </Route>
    </Routes>
  );
}
