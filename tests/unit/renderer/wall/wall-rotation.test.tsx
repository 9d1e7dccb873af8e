// @vitest-environment jsdom
// The wall's rotation and presenter control: order and timing (settings and the dwellMs/scenes query), pause,
// next/previous/jump by keys and buttons, keys that must be ignored, the idle controls, and leaving the wall.
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_WALL_SETTINGS } from '../../../../src/shared/domain/wall';
import { sceneLog } from './fake-scenes';
import { advance, useWallTestLifecycle, attr, openWall, press, sceneOnScreen } from './wall-helpers';

vi.mock('../../../../src/renderer/src/features/war-room/scenes/registry', () => import('./fake-scenes'));

useWallTestLifecycle();

describe('rotation', () => {
  it('shows the query scenes in order, one dwell each, and wraps around', async () => {
    await openWall({ query: 'dwellMs=1000&scenes=funnel,overview,trends' });
    expect(sceneOnScreen()).toBe('funnel');
    expect(attr('data-scene-index')).toBe('0');
    expect(attr('data-paused')).toBe('false');
    await advance(999);
    expect(sceneOnScreen()).toBe('funnel');
    await advance(1);
    expect(sceneOnScreen()).toBe('overview');
    expect(attr('data-scene-index')).toBe('1');
    await advance(1000);
    expect(sceneOnScreen()).toBe('trends');
    await advance(1000);
    expect(sceneOnScreen()).toBe('funnel');
    expect(attr('data-scene-index')).toBe('0');
    // The scene's own root is the one on screen.
    expect(screen.getByTestId('wall-scene-funnel')).toBeTruthy();
    expect(screen.queryByTestId('wall-scene-trends')).toBeNull();
  });

  it('without a query, follows settings.wall: its scenes and intervalSec', async () => {
    await openWall({ settings: { wall: { ...DEFAULT_WALL_SETTINGS, scenes: ['trends', 'regionRanking'], intervalSec: 7 } } });
    expect(sceneOnScreen()).toBe('trends');
    await advance(6_999);
    expect(sceneOnScreen()).toBe('trends');
    await advance(1);
    expect(sceneOnScreen()).toBe('regionRanking');
  });

  it('clamps dwellMs to 50 ms and ignores unknown or repeated scene ids', async () => {
    await openWall({ query: 'dwellMs=5&scenes=overview,nonsense,overview,funnel' });
    expect(sceneOnScreen()).toBe('overview');
    await advance(49);
    expect(sceneOnScreen()).toBe('overview');
    await advance(1);
    expect(sceneOnScreen()).toBe('funnel');
    await advance(50);
    expect(sceneOnScreen()).toBe('overview');
  });

  it('Space pauses and resumes; a resumed scene gets a full dwell', async () => {
    await openWall({ query: 'dwellMs=1000&scenes=overview,funnel,trends' });
    await advance(600);
    await press(' ');
    expect(attr('data-paused')).toBe('true');
    await advance(10_000);
    expect(sceneOnScreen()).toBe('overview');
    await press(' ');
    expect(attr('data-paused')).toBe('false');
    await advance(999);
    expect(sceneOnScreen()).toBe('overview');
    await advance(1);
    expect(sceneOnScreen()).toBe('funnel');
  });

  it('ArrowRight/PageDown and ArrowLeft/PageUp step (wrapping), numbers jump, a step restarts the dwell', async () => {
    await openWall({ query: 'dwellMs=1000&scenes=overview,funnel,regionRanking,trends' });
    const steps: [string, string][] = [
      ['ArrowRight', 'funnel'],
      ['PageDown', 'regionRanking'],
      ['ArrowLeft', 'funnel'],
      ['PageUp', 'overview'],
      ['PageUp', 'trends'],
      ['ArrowRight', 'overview'],
      ['3', 'regionRanking'],
      ['9', 'regionRanking'], // there is no ninth scene
      ['4', 'trends'],
      ['1', 'overview'],
    ];
    for (const [key, scene] of steps) {
      await press(key);
      expect(sceneOnScreen(), key).toBe(scene);
    }
    expect(attr('data-paused')).toBe('false');
    await advance(900);
    await press('ArrowRight');
    expect(sceneOnScreen()).toBe('funnel');
    await advance(900);
    expect(sceneOnScreen()).toBe('funnel');
    await advance(100);
    expect(sceneOnScreen()).toBe('regionRanking');
  });

  it('steps while paused stay paused', async () => {
    await openWall({ query: 'dwellMs=1000&scenes=overview,funnel,trends' });
    await press(' ');
    await press('ArrowRight');
    expect(sceneOnScreen()).toBe('funnel');
    expect(attr('data-paused')).toBe('true');
    await advance(5_000);
    expect(sceneOnScreen()).toBe('funnel');
  });

  it('ignores keys typed with Ctrl/Alt/Meta and keys typed into a form field', async () => {
    await openWall({ query: 'dwellMs=100000&scenes=overview,funnel,trends' });
    await press('ArrowRight', { ctrlKey: true });
    await press('2', { altKey: true });
    await press(' ', { metaKey: true });
    expect(sceneOnScreen()).toBe('overview');
    expect(attr('data-paused')).toBe('false');

    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    await press('ArrowRight');
    await press('p');
    await press('f');
    expect(sceneOnScreen()).toBe('overview');
    expect(attr('data-privacy')).toBe('false');
    expect(attr('data-frozen')).toBe('false');
    input.remove();
  });
});

describe('on-screen controls', () => {
  it('appear on mouse move, hide after 3 s idle with the cursor, and keys alone never show them', async () => {
    await openWall({ query: 'dwellMs=100000&scenes=overview,funnel' });
    const controls = screen.getByTestId('wall-controls');
    expect(controls.dataset.visible).toBe('false');
    expect(attr('data-idle')).toBe('true');
    await press('ArrowRight');
    expect(controls.dataset.visible).toBe('false');

    fireEvent.mouseMove(window);
    await advance(0);
    expect(controls.dataset.visible).toBe('true');
    expect(attr('data-idle')).toBe('false');
    await advance(2_000);
    fireEvent.mouseMove(window); // movement restarts the idle time
    await advance(2_999);
    expect(controls.dataset.visible).toBe('true');
    await advance(1);
    expect(controls.dataset.visible).toBe('false');
    expect(attr('data-idle')).toBe('true');
  });

  it('buttons step, pause, freeze, toggle privacy and exit', async () => {
    const { core } = await openWall({ query: 'dwellMs=1000&scenes=overview,funnel,trends' });
    fireEvent.mouseMove(window);
    fireEvent.click(screen.getByTestId('wall-next'));
    await advance(0);
    expect(sceneOnScreen()).toBe('funnel');
    fireEvent.click(screen.getByTestId('wall-prev'));
    await advance(0);
    expect(sceneOnScreen()).toBe('overview');
    fireEvent.click(screen.getByTestId('wall-pause'));
    await advance(0);
    expect(attr('data-paused')).toBe('true');
    expect(screen.getByTestId('wall-pause').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('wall-privacy'));
    await advance(0);
    expect(attr('data-privacy')).toBe('true');
    fireEvent.click(screen.getByTestId('wall-freeze'));
    await advance(0);
    expect(attr('data-frozen')).toBe('true');
    expect(core.callsOf('analytics.wall')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('wall-exit'));
    await advance(0);
    expect(window.location.hash).toBe('#/war-room');
    expect(screen.queryByTestId('wall')).toBeNull();
  });
});

describe('leaving the wall', () => {
  it('Esc outside a drill goes back to the war room', async () => {
    await openWall({ query: 'dwellMs=1000&scenes=overview,funnel' });
    await press('Escape');
    expect(window.location.hash).toBe('#/war-room');
    expect(screen.getByTestId('page-war-room')).toBeTruthy();
    expect(screen.queryByTestId('wall')).toBeNull();
  });

  it('in Electron, leaving closes the wall window', async () => {
    const close = vi.fn(() => Promise.resolve());
    vi.stubGlobal('outpostWall', { displays: vi.fn(() => Promise.resolve([])), open: vi.fn(), close });
    await openWall({ query: 'dwellMs=1000&scenes=overview,funnel' });
    await press('Escape');
    expect(close).toHaveBeenCalledOnce();
    expect(window.location.hash).toBe('#/war-room'); // where the wall was shown in a window that stays
  });
});

describe('live charts', () => {
  it('data-live-charts shows the scenes’ live chart count', async () => {
    sceneLog.charts = 3;
    await openWall({ query: 'dwellMs=1000&scenes=overview,funnel' });
    expect(attr('data-live-charts')).toBe('3');
    sceneLog.charts = 1;
    await advance(1000);
    expect(attr('data-live-charts')).toBe('1');
  });
});
