// The route table. Pages are lazy-loaded so the first paint only needs the chrome; `/` and unknown paths go
// to the war room, the default job.
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppChrome } from './components/AppChrome';

export const ROUTE_PATHS = ['/war-room', '/packs', '/exceptions', '/reps', '/settings'] as const;
export const DEFAULT_ROUTE = '/war-room';

const WarRoomPage = lazy(() => import('./features/war-room/WarRoomPage').then((m) => ({ default: m.WarRoomPage })));
const PacksPage = lazy(() => import('./features/packs/PacksPage').then((m) => ({ default: m.PacksPage })));
const ExceptionsPage = lazy(() => import('./features/exceptions/ExceptionsPage').then((m) => ({ default: m.ExceptionsPage })));
const RepsPage = lazy(() => import('./features/reps/RepsPage').then((m) => ({ default: m.RepsPage })));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

export function AppRoutes() {
  return (
    <Routes>
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
