// @vitest-environment jsdom
// The wall's setup card on /war-room: scene choice and order, interval, stale threshold and privacy default are
// saved through settings.update({wall}); Present opens the wall full screen in a browser, or the Electron wall
// window on the remembered display (chosen in a display select that only Electron has).
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DisplayInfo } from '../../../../src/shared/api/wall-window';
import { DEFAULT_WALL_SETTINGS, type WallSettings } from '../../../../src/shared/domain/wall';
import { renderApp, resetDocument } from '../helpers/render-app';

vi.mock('../../../../src/renderer/src/features/war-room/scenes/registry', () => import('./fake-scenes'));

afterEach(() => {
  cleanup();
  resetDocument();
  vi.unstubAllGlobals();
});

async function openSetup(wall: Partial<WallSettings> = {}) {
  const app = renderApp({
    route: '/war-room',
    settings: { locale: 'en', theme: 'light', wall: { ...DEFAULT_WALL_SETTINGS, ...wall } },
  });
  await screen.findByTestId('wall-config');
  return app;
}

const checkbox = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const savedWalls = (core: { callsOf(m: 'settings.update'): unknown[] }) =>
  core.callsOf('settings.update').map((p) => (p as { wall: WallSettings }).wall);

describe('wall setup', () => {
  it('lists the rotating scenes in order, ticked, then the others', async () => {
    await openSetup({ scenes: ['trends', 'overview'] });
    const ids = Array.from(screen.getByTestId('wall-config').querySelectorAll('[data-testid^="wall-scene-toggle-"]')).map((el) =>
      el.getAttribute('data-testid')?.replace('wall-scene-toggle-', ''),
    );
    expect(ids).toEqual(['trends', 'overview', 'funnel', 'regionRanking', 'exceptionsBoard', 'repActivity']);
    expect(checkbox('wall-scene-toggle-trends').checked).toBe(true);
    expect(checkbox('wall-scene-toggle-funnel').checked).toBe(false);
  });

  it('unticking and ticking a scene saves the whole wall object; the last scene cannot be unticked', async () => {
    const { core } = await openSetup({ scenes: ['overview', 'funnel'] });
    fireEvent.click(checkbox('wall-scene-toggle-funnel'));
    await waitFor(() => expect(core.settings.wall.scenes).toEqual(['overview']));
    expect(savedWalls(core)).toEqual([{ ...DEFAULT_WALL_SETTINGS, scenes: ['overview'] }]);
    expect(checkbox('wall-scene-toggle-overview').disabled).toBe(true);

    fireEvent.click(checkbox('wall-scene-toggle-trends'));
    await waitFor(() => expect(core.settings.wall.scenes).toEqual(['overview', 'trends']));
    expect(checkbox('wall-scene-toggle-overview').disabled).toBe(false);
  });

  it('up and down reorder the rotation', async () => {
    const { core } = await openSetup({ scenes: ['overview', 'funnel', 'trends'] });
    expect((screen.getByTestId('wall-scene-up-overview') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('wall-scene-down-trends') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('wall-scene-up-repActivity') as HTMLButtonElement).disabled).toBe(true); // not rotating
    fireEvent.click(screen.getByTestId('wall-scene-up-trends'));
    await waitFor(() => expect(core.settings.wall.scenes).toEqual(['overview', 'trends', 'funnel']));
    fireEvent.click(screen.getByTestId('wall-scene-down-overview'));
    await waitFor(() => expect(core.settings.wall.scenes).toEqual(['trends', 'overview', 'funnel']));
  });

  it('saves a valid interval and stale threshold, and explains an invalid one without saving it', async () => {
    const { core } = await openSetup();
    const interval = screen.getByTestId('wall-interval') as HTMLInputElement;
    expect(interval.value).toBe('20');
    fireEvent.change(interval, { target: { value: '3' } });
    expect(await screen.findByText('Enter a whole number from 5 to 600.')).toBeTruthy();
    expect(core.callsOf('settings.update')).toEqual([]);
    fireEvent.change(interval, { target: { value: '45' } });
    await waitFor(() => expect(core.settings.wall.intervalSec).toBe(45));

    fireEvent.change(screen.getByTestId('wall-stale-after'), { target: { value: '30' } });
    await waitFor(() => expect(core.settings.wall.staleAfterMin).toBe(30));
    expect(core.settings.wall.intervalSec).toBe(45);
  });

  it('saves the privacy default', async () => {
    const { core } = await openSetup();
    fireEvent.click(checkbox('wall-privacy-default'));
    await waitFor(() => expect(core.settings.wall.privacy).toBe(true));
    expect(checkbox('wall-privacy-default').checked).toBe(true);
  });

  it('shows why a change was not saved and keeps the stored value', async () => {
    const { core } = await openSetup();
    core.failNext('settings.update', { code: 'CONFLICT', message: 'busy' });
    fireEvent.click(checkbox('wall-privacy-default'));
    expect((await screen.findByRole('alert')).textContent).toContain('The wall setup could not be saved.');
    expect(checkbox('wall-privacy-default').checked).toBe(false);
  });

  it('in a browser, Present goes full screen and opens #/wall; there is no display select', async () => {
    const requestFullscreen = vi.fn(() => Promise.resolve());
    document.documentElement.requestFullscreen = requestFullscreen;
    await openSetup();
    expect(screen.queryByTestId('wall-display')).toBeNull();
    fireEvent.click(screen.getByTestId('wall-present'));
    expect(requestFullscreen).toHaveBeenCalledOnce();
    await waitFor(() => expect(window.location.hash).toBe('#/wall'));
    expect(await screen.findByTestId('wall')).toBeTruthy();
    Reflect.deleteProperty(document.documentElement, 'requestFullscreen');
  });

  it('in Electron, the display is chosen and remembered, and Present opens the wall window there', async () => {
    const displays: DisplayInfo[] = [
      { id: 1, label: 'Built-in', primary: true, width: 1440, height: 900, scaleFactor: 2 },
      { id: 7, label: 'Projector', primary: false, width: 1920, height: 1080, scaleFactor: 1 },
    ];
    const open = vi.fn((displayId: number | null) => Promise.resolve({ displayId: displayId ?? 1 }));
    vi.stubGlobal('outpostWall', { displays: () => Promise.resolve(displays), open, close: vi.fn() });
    const { core } = await openSetup();
    const select = (await screen.findByTestId('wall-display')) as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual([
      'The display this window is on',
      'Built-in (1440 × 900, main display)',
      'Projector (1920 × 1080)',
    ]);
    expect(select.value).toBe('');
    fireEvent.change(select, { target: { value: '7' } });
    await waitFor(() => expect(core.settings.wall.displayId).toBe(7));
    fireEvent.click(screen.getByTestId('wall-present'));
    expect(open).toHaveBeenCalledWith(7);
    expect(window.location.hash).toBe('#/war-room'); // the wall has its own window
  });
});
