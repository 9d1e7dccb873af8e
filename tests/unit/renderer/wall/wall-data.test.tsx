// @vitest-environment jsdom
// The wall's data and drill: each scene read when shown (current week = period omitted) with the next one read
// ahead, re-read in place on data.changed (throttled, the old figures stay until the new arrive), a meeting
// freeze that reads one snapshot and then ignores changes, unfreezing, the drill behind a tile (Esc returns to the
// same scene and the rotation resumes), privacy mode in the drill, and the drill's evidence in the UI language.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FunnelScene } from '../../../../src/shared/analytics/scenes';
import type { FakeCore } from '../helpers/fake-core';
import { exceptionItem, REPS } from './fixtures';
import { sceneLog } from './fake-scenes';
import {
  advance,
  useWallTestLifecycle,
  attr,
  NOW,
  openWall,
  press,
  sceneOnScreen,
  settle,
  type OpenWallOptions,
} from './wall-helpers';

vi.mock('../../../../src/renderer/src/features/war-room/scenes/registry', () => import('./fake-scenes'));

useWallTestLifecycle();

const checkpointShown = (scene: string) => screen.getByTestId(`wall-scene-${scene}`).getAttribute('data-checkpoint');
const changed = (checkpoint: string) => ({ asOf: { checkpointId: checkpoint, time: NOW }, full: false });

describe('scene data', () => {
  it('reads the shown scene for the current week (no period) and the next one ahead of time', async () => {
    const { core } = await openWall({ query: 'dwellMs=1000&scenes=overview,funnel,trends' });
    expect(checkpointShown('overview')).toBe('cp-1');
    expect(core.callsOf('analytics.overview')).toEqual([{}]);
    expect(core.callsOf('analytics.funnel')).toEqual([{}]); // prefetched
    expect(core.callsOf('analytics.trends')).toEqual([]);

    await advance(1000);
    expect(checkpointShown('funnel')).toBe('cp-1');
    expect(core.callsOf('analytics.funnel')).toHaveLength(1); // the prefetched answer is used
    expect(core.callsOf('analytics.trends')).toHaveLength(1);
    await advance(1000);
    await advance(1000);
    // Round again: nothing changed, nothing is read again.
    expect(core.callsOf('analytics.overview')).toHaveLength(1);
  });

  it('on data.changed re-reads the shown scene in place: the old figures stay until the new ones arrive', async () => {
    const { core, world } = await openWall({ query: 'dwellMs=100000&scenes=overview,funnel' });
    expect(checkpointShown('overview')).toBe('cp-1');
    const release = core.hold('analytics.overview');
    world.checkpoint = 'cp-2';
    act(() => core.emit('data.changed', changed('cp-2')));
    await settle();
    expect(core.callsOf('analytics.overview')).toHaveLength(2);
    // Still the old figures, never an empty scene.
    expect(checkpointShown('overview')).toBe('cp-1');
    expect(screen.queryByRole('status')).toBeNull();
    release();
    await settle();
    expect(checkpointShown('overview')).toBe('cp-2');
    // Same scene instance, updated in place (no remount between the two renders).
    expect(sceneLog.rendered.filter((r) => r.startsWith('overview'))).toEqual(['overview@cp-1', 'overview@cp-2']);

    // The other scene is only marked stale, and read again when it is shown.
    expect(core.callsOf('analytics.funnel')).toHaveLength(1);
    await press('ArrowRight');
    expect(core.callsOf('analytics.funnel')).toHaveLength(2);
    expect(checkpointShown('funnel')).toBe('cp-2');
  });

  it('throttles re-reads when changes arrive in a burst', async () => {
    const { core, world } = await openWall({ query: 'dwellMs=100000&scenes=overview,funnel' });
    for (let i = 2; i <= 6; i++) {
      world.checkpoint = `cp-${i}`;
      act(() => core.emit('data.changed', changed(`cp-${i}`)));
      await advance(20);
    }
    // One read at once, one more for the rest of the burst once the throttle window ends.
    expect(core.callsOf('analytics.overview').length).toBeLessThanOrEqual(3);
    await advance(1_000);
    expect(core.callsOf('analytics.overview')).toHaveLength(3);
    expect(checkpointShown('overview')).toBe('cp-6');
  });

  it('keeps the last figures when a re-read fails, and says so when there are none', async () => {
    const { core } = await openWall({ query: 'dwellMs=100000&scenes=overview,funnel,trends' });
    core.failNext('analytics.overview', { code: 'INTERNAL', message: 'boom' });
    act(() => core.emit('data.changed', changed('cp-2')));
    await settle();
    expect(core.callsOf('analytics.overview')).toHaveLength(2);
    expect(checkpointShown('overview')).toBe('cp-1');

    // A scene whose first read fails says so instead of showing nothing, and is read again when shown again.
    const trends = core.analytics['analytics.trends'];
    core.analytics['analytics.trends'] = undefined;
    await press('3');
    expect(screen.getByRole('alert').textContent).toContain('could not be loaded');
    expect(screen.queryByTestId('wall-scene-trends')).toBeNull();
    core.analytics['analytics.trends'] = trends;
    await press('1');
    await press('3');
    expect(checkpointShown('trends')).toBe('cp-1');
  });
});

describe('meeting freeze', () => {
  it('f reads analytics.wall once for all scenes, shows "frozen at", and ignores data.changed', async () => {
    const { core, world } = await openWall({ query: 'dwellMs=1000&scenes=overview,funnel,trends' });
    const readsBefore = core.requests.length;
    await press('f');
    expect(core.callsOf('analytics.wall')).toEqual([{ scenes: ['overview', 'funnel', 'trends'] }]);
    expect(attr('data-frozen')).toBe('true');
    const badge = screen.getByTestId('wall-frozen-badge');
    expect(badge.dataset.status).toBe('ready');
    expect(badge.textContent).toMatch(/^Frozen at /);

    world.checkpoint = 'cp-2';
    for (let i = 0; i < 3; i++) {
      act(() => core.emit('data.changed', changed('cp-2')));
      await advance(100);
    }
    // A whole round: every scene shows the snapshot, nothing is read again.
    for (const scene of ['overview', 'funnel', 'trends', 'overview']) {
      expect(sceneOnScreen()).toBe(scene);
      expect(checkpointShown(scene)).toBe('cp-1');
      await advance(1000);
    }
    const readsSince = core.requests.slice(readsBefore).map((r) => r.method);
    expect(readsSince.filter((m) => m.startsWith('analytics.'))).toEqual(['analytics.wall']);
    expect(screen.getByTestId('wall-frozen-badge')).toBeTruthy();
  });

  it('unfreezing reads the live figures again', async () => {
    const { core, world } = await openWall({ query: 'dwellMs=100000&scenes=overview,funnel' });
    await press('f');
    world.checkpoint = 'cp-2';
    act(() => core.emit('data.changed', changed('cp-2')));
    await settle();
    expect(checkpointShown('overview')).toBe('cp-1');
    const overviewReads = core.callsOf('analytics.overview').length;

    await press('f');
    expect(attr('data-frozen')).toBe('false');
    expect(screen.queryByTestId('wall-frozen-badge')).toBeNull();
    expect(core.callsOf('analytics.overview')).toHaveLength(overviewReads + 1);
    expect(checkpointShown('overview')).toBe('cp-2');
    // And live again: a change is followed.
    world.checkpoint = 'cp-3';
    act(() => core.emit('data.changed', changed('cp-3')));
    await advance(300);
    expect(checkpointShown('overview')).toBe('cp-3');

    // Even a freeze with no change announced meanwhile re-reads on unfreeze (an event may have been missed).
    await press('f');
    await press('f');
    expect(core.callsOf('analytics.overview')).toHaveLength(overviewReads + 3);
    expect(core.callsOf('analytics.wall')).toHaveLength(2);
  });

  it('a freeze that fails leaves the wall live and says so', async () => {
    const { core } = await openWall({ query: 'dwellMs=100000&scenes=overview,funnel' });
    core.failNext('analytics.wall', { code: 'INTERNAL', message: 'boom' });
    await press('f');
    expect(attr('data-frozen')).toBe('false');
    expect(screen.queryByTestId('wall-frozen-badge')).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('Could not freeze: showing live figures');
  });
});

describe('drill', () => {
  async function focusFirstTile() {
    await press('Tab');
    const focused = document.activeElement as HTMLElement;
    expect(focused.dataset.testid).toBe('wall-tile');
    return focused;
  }

  it('Tab cycles the tiles, Enter drills into the focused one, Esc returns to the same scene and the loop resumes', async () => {
    const { core } = await openWall({ query: 'dwellMs=1000&scenes=overview,funnel' });
    const tile = await focusFirstTile();
    expect(tile.dataset.tileId).toBe('overview-overdue');
    await press('Tab');
    expect((document.activeElement as HTMLElement).dataset.tileId).toBe('overview-all');
    await press('Tab', { shiftKey: true });
    expect((document.activeElement as HTMLElement).dataset.tileId).toBe('overview-overdue');
    await press('Tab', { shiftKey: true });
    expect((document.activeElement as HTMLElement).dataset.tileId).toBe('overview-none'); // wraps
    await press('Tab');

    await press('Enter');
    const drill = screen.getByTestId('wall-drill');
    expect(core.callsOf('exceptions.list')).toEqual([{ limit: 200, rules: ['stage_overdue'] }]);
    const rows = within(drill).getAllByTestId('wall-drill-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('Stage overdue');
    expect(rows[0]?.textContent).toContain('Deal deal-9 · 张伟');
    expect(rows[0]?.textContent).toContain('Critical');
    expect(rows[0]?.textContent).toContain('In stage st-demo for 20 d, max 14 d');
    expect(rows[0]?.textContent).toContain('East China');
    expect(rows[0]?.textContent).toContain('23 hours ago');
    expect(drill.textContent).toContain('Exceptions behind this figure');
    expect(attr('data-paused')).toBe('true');

    // The loop is held: no scene change however long the drill stays, and rotation keys do nothing.
    await advance(5_000);
    await press('ArrowRight');
    expect(sceneOnScreen()).toBe('overview');
    expect(screen.getByTestId('wall-drill')).toBeTruthy();

    await press('Escape');
    expect(screen.queryByTestId('wall-drill')).toBeNull();
    expect(sceneOnScreen()).toBe('overview');
    expect(attr('data-paused')).toBe('false');
    expect(window.location.hash).toMatch(/^#\/wall/);
    expect((document.activeElement as HTMLElement).dataset.tileId).toBe('overview-overdue');
    await advance(1000);
    expect(sceneOnScreen()).toBe('funnel');
  });

  it('a presenter pause survives a drill; Back closes the drill like Esc', async () => {
    await openWall({ query: 'dwellMs=1000&scenes=overview,funnel' });
    await press(' ');
    await focusFirstTile();
    await press('Enter');
    fireEvent.click(screen.getByTestId('wall-drill-back'));
    await settle();
    expect(screen.queryByTestId('wall-drill')).toBeNull();
    expect(attr('data-paused')).toBe('true');
    await advance(3_000);
    expect(sceneOnScreen()).toBe('overview');
  });

  it('Enter on a tile without a drill target, or with no tile focused, does nothing', async () => {
    const { core } = await openWall({ query: 'dwellMs=100000&scenes=overview,funnel' });
    await press('Enter');
    (screen.getAllByTestId('wall-tile')[2] as HTMLElement).focus();
    await press('Enter');
    expect(screen.queryByTestId('wall-drill')).toBeNull();
    expect(core.callsOf('exceptions.list')).toEqual([]);
  });

  it('a click on a tile drills too', async () => {
    await openWall({ query: 'dwellMs=100000&scenes=overview,funnel' });
    fireEvent.click(screen.getAllByTestId('wall-tile')[1] as HTMLElement);
    await settle();
    expect(within(screen.getByTestId('wall-drill')).getAllByTestId('wall-drill-row')).toHaveLength(2);
  });

  it('privacy mode (stored default, then p) masks rep names in the drill', async () => {
    const { core } = await openWall({
      query: 'dwellMs=100000&scenes=overview,funnel',
      settings: { wall: { scenes: ['overview'], intervalSec: 20, privacy: true, staleAfterMin: 15, displayId: null } },
    });
    expect(attr('data-privacy')).toBe('true');
    expect(screen.getByTestId('wall-scene-overview').dataset.privacyProp).toBe('true');
    fireEvent.click(screen.getAllByTestId('wall-tile')[1] as HTMLElement);
    await settle();
    // Names come from the rep activity scene (read for the drill, as the wall does not hold it).
    expect(core.callsOf('analytics.repActivity')).toHaveLength(1);
    const drill = () => screen.getByTestId('wall-drill').textContent ?? '';
    for (const rep of REPS) expect(drill()).not.toContain(rep.name);
    expect(drill()).toContain('Deal deal-9 · 张*');
    expect(drill()).toContain('L. W.');

    await press('p');
    expect(attr('data-privacy')).toBe('false');
    expect(drill()).toContain('Deal deal-9 · 张伟');
    expect(drill()).toContain('Li Wei');
    expect(screen.getByTestId('wall-scene-overview').dataset.privacyProp).toBe('false');
  });
});

describe('drill evidence', () => {
  const ratio = { value: 0.5, num: 1, den: 2 };
  const stageRow = (stageId: string, ordinal: number, name: string, nameEn: string): FunnelScene['stages'][number] => ({
    stageId,
    ordinal,
    name,
    nameEn,
    maxDwellDays: 14,
    exits: 2,
    conversion: ratio,
    dwellAvgDays: 10,
    dwellP80Days: 12,
    open: 4,
    overdueRate: ratio,
    missingFieldsRate: ratio,
  });

  /** The funnel answers with stage names (the fixture's funnel has none). */
  function withStageNames(core: FakeCore) {
    const answer = core.analytics['analytics.funnel'];
    if (!answer) throw new Error('the fixtures answer analytics.funnel');
    core.analytics['analytics.funnel'] = (params) => ({
      ...answer(params),
      stages: [stageRow('st-needs', 2, '需求确认', 'Needs confirmed'), stageRow('st-demo', 3, '方案演示', 'Solution demo')],
    });
  }

  const EXCEPTIONS = [
    exceptionItem({
      key: 'stage_overdue:deal-9',
      rule: 'stage_overdue',
      subjectType: 'deal',
      subjectId: 'deal-9',
      evidence: {
        summary: 'In stage st-demo for 23.5 d, max 14 d',
        facts: { stageId: 'st-demo', enteredAt: 0, dwellDays: 23.5, overdueDays: 9.5, ownerRepId: 'rep-1' },
        thresholds: { maxDwellDays: 14, criticalFactor: 2 },
        rows: [{ table: 'deals', id: 'deal-9' }],
      },
    }),
    exceptionItem({
      key: 'lead_routing:rep-1',
      rule: 'lead_routing',
      subjectType: 'rep',
      subjectId: 'rep-1',
      severity: 'warning',
      evidence: {
        summary: 'No new lead for 7+ d while rep-2 holds 14 open leads (median 4.5)',
        facts: { kind: 'starved', lastLeadAt: null, backlog: 1, peerId: 'rep-2', peerBacklog: 14, medianBacklog: 4.5 },
        thresholds: { starvedDays: 7, backlogFactor: 2, minPeerBacklog: 3 },
        rows: [{ table: 'reps', id: 'rep-1' }],
      },
    }),
  ];

  const evidenceCells = () =>
    within(screen.getByTestId('wall-drill'))
      .getAllByTestId('wall-drill-row')
      .map((row) => row.querySelector('.wall-drill-evidence') as HTMLElement);

  /** Opens the wall without the funnel scene (so only the drill reads it) and drills into every exception. */
  async function drillAll(options: OpenWallOptions = {}) {
    const wall = await openWall({
      query: 'dwellMs=100000&scenes=overview,trends',
      world: { exceptions: EXCEPTIONS },
      ...options,
    });
    withStageNames(wall.core);
    fireEvent.click(screen.getAllByTestId('wall-tile')[1] as HTMLElement);
    await settle();
    return wall;
  }

  it('shows a sentence in English from the facts, stage names included, with core summary as a labelled tooltip', async () => {
    const { core } = await drillAll();
    // Stage names come from the funnel scene, read for the drill as the wall does not hold it.
    expect(core.callsOf('analytics.funnel')).toEqual([{}]);
    const [overdue, routing] = evidenceCells();
    expect(overdue?.textContent).toBe('In stage “Solution demo” for 23.5 days, limit 14 days (9.5 days over)');
    expect(overdue?.title).toBe('Details: In stage st-demo for 23.5 d, max 14 d');
    expect(routing?.textContent).toBe('No new lead for 7 days or more while Li Wei holds 14 open leads (region median 4.5)');
    expect(screen.getByTestId('wall-drill').textContent).not.toContain('In stage st-demo');
  });

  it('shows it in Chinese when the UI is in Chinese', async () => {
    await drillAll({ settings: { locale: 'zh-CN' } });
    const [overdue, routing] = evidenceCells();
    expect(overdue?.textContent).toBe('在「方案演示」阶段已停留 23.5 天，上限 14 天（超出 9.5 天）');
    expect(overdue?.title).toBe('详情：In stage st-demo for 23.5 d, max 14 d');
    expect(routing?.textContent).toBe('已 7 天以上未分到新线索，而 Li Wei 名下积压 14 条未关闭线索（区域中位数 4.5）');
  });

  it('masks the peer rep named in the evidence in privacy mode, like the subject', async () => {
    await drillAll({
      settings: { wall: { scenes: ['overview'], intervalSec: 20, privacy: true, staleAfterMin: 15, displayId: null } },
    });
    const drill = () => screen.getByTestId('wall-drill').textContent ?? '';
    for (const rep of REPS) expect(drill()).not.toContain(rep.name);
    expect(evidenceCells()[1]?.textContent).toBe(
      'No new lead for 7 days or more while L. W. holds 14 open leads (region median 4.5)',
    );
    await press('p');
    expect(evidenceCells()[1]?.textContent).toContain('while Li Wei holds');
  });

  it('falls back to core summary, without a tooltip, when the facts are not usable', async () => {
    const { core } = await openWall({ query: 'dwellMs=100000&scenes=overview,trends' });
    fireEvent.click(screen.getAllByTestId('wall-tile')[1] as HTMLElement);
    await settle();
    // The fixtures' exceptions carry too few facts for a sentence.
    const [overdue, health] = evidenceCells();
    expect(overdue?.textContent).toBe('In stage st-demo for 20 d, max 14 d');
    expect(overdue?.hasAttribute('title')).toBe(false);
    expect(health?.textContent).toBe('Data health 71 < 80 over 28 d');
    // The overdue row names a stage, so names were still read.
    expect(core.callsOf('analytics.funnel')).toHaveLength(1);
  });
});
