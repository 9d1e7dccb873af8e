// Shared steps of the wall tests: open `#/wall` on a fake core with analytics answers, move fake time while
// letting promises and React settle, and press keys the way a presenter (or remote) does.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import type { Settings } from '../../../../src/shared/domain/settings';
import type { SyncStatus } from '../../../../src/shared/domain/sync-status';
import { renderApp, resetDocument, type RenderedApp } from '../helpers/render-app';
import { sceneLog } from './fake-scenes';
import { installAnalytics, type World } from './fixtures';

/** The fake clock's start: 5 minutes after the fake core's last sync (07:45). */
export const NOW = Date.parse('2026-11-02T07:50:00Z');

/**
 * The hooks every wall test file needs: the lazy routes' code loaded with real timers (so opening the wall under
 * fake timers only waits on promises), a fake clock at NOW and a clean scene log per test, a clean DOM after it.
 */
export function useWallTestLifecycle(): void {
  beforeAll(async () => {
    await import('../../../../src/renderer/src/features/war-room/wall/WallPage');
    await import('../../../../src/renderer/src/features/war-room/WarRoomPage');
  });
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    sceneLog.rendered = [];
    sceneLog.charts = 0;
  });
  afterEach(() => {
    cleanup();
    resetDocument();
    vi.useRealTimers();
  });
}

/** Lets pending promises (fake core answers, lazy routes) and the React work they cause run. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
  }
}

/** Moves the fake clock (timers fire in order), then settles. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  await settle();
}

export interface OpenWallOptions {
  query?: string;
  settings?: Partial<Settings>;
  syncStatus?: SyncStatus;
  world?: Partial<World>;
}

export interface OpenWall extends RenderedApp {
  world: World;
  wall(): HTMLElement;
}

export async function openWall(options: OpenWallOptions = {}): Promise<OpenWall> {
  const app = renderApp({
    route: `/wall${options.query ? `?${options.query}` : ''}`,
    settings: { locale: 'en', theme: 'dark', ...options.settings },
    syncStatus: options.syncStatus,
  });
  // Installed before any request: the wall's code loads lazily, so nothing has been asked yet.
  const world = installAnalytics(app.core, options.world);
  await settle();
  return { ...app, world, wall: () => screen.getByTestId('wall') };
}

export async function press(key: string, init: Partial<KeyboardEventInit> = {}): Promise<void> {
  fireEvent.keyDown(document.activeElement ?? document.body, { key, ...init });
  await settle();
}

export const attr = (name: string) => screen.getByTestId('wall').getAttribute(name);
export const sceneOnScreen = () => attr('data-scene');
