// @vitest-environment jsdom
// The six wall scenes on fixed results: tiles with as-of stamps and parseable drill targets, values (null ratio →
// "—", never NaN), data-rendered/onRendered once all charts finished, in-place updates on new data, privacy
// masking and charts disposed on unmount.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCENES, liveChartCount } from '../../../../src/renderer/src/features/war-room/scenes/registry';
import { parseDrill, type DrillTarget } from '../../../../src/renderer/src/features/war-room/scenes/drill-target';
import type { SceneData, WallTheme } from '../../../../src/renderer/src/features/war-room/scenes/types';
import { WALL_SCENE_IDS, type WallSceneId } from '../../../../src/shared/domain/wall';
import { fake } from './fake-echarts';
import { FIXTURES, withCheckpoint } from './fixtures';
import { renderWithI18n } from './render';

vi.mock('echarts/core', () => import('./fake-echarts'));
vi.mock('echarts/charts', () => ({ BarChart: {}, LineChart: {}, ScatterChart: {} }));
vi.mock('echarts/components', () => ({ GridComponent: {}, MarkLineComponent: {} }));
vi.mock('echarts/renderers', () => ({ CanvasRenderer: {} }));

beforeEach(() => fake.reset());
afterEach(() => cleanup());

/** How many echarts each scene draws. */
const CHARTS: Record<WallSceneId, number> = {
  overview: 0,
  funnel: 1,
  regionRanking: 0,
  exceptionsBoard: 0,
  repActivity: 1,
  trends: 6,
};

interface Options {
  data?: SceneData[WallSceneId];
  privacy?: boolean;
  theme?: WallTheme;
  onRendered?: () => void;
}

function renderScene(id: WallSceneId, options: Options = {}) {
  const { Component } = SCENES[id];
  const element = (o: Options) => (
    <Component
      data={o.data ?? FIXTURES[id]}
      privacy={o.privacy ?? false}
      theme={o.theme ?? 'light'}
      onRendered={o.onRendered ?? (() => {})}
    />
  );
  const result = renderWithI18n(element(options));
  return { ...result, update: (next: Options) => result.rerender(element({ ...options, ...next })) };
}

const root = (id: WallSceneId) => screen.getByTestId(`wall-scene-${id}`);
const tile = (tileId: string) => {
  const found = document.querySelector<HTMLElement>(`[data-testid="wall-tile"][data-tile-id="${tileId}"]`);
  if (!found) throw new Error(`no tile ${tileId}`);
  return found;
};
const drillOf = (tileId: string): DrillTarget => {
  const target = parseDrill(tile(tileId).dataset.drill);
  if (!target) throw new Error(`tile ${tileId} has no valid drill target`);
  return target;
};
const valueOf = (tileId: string) => within(tile(tileId)).getByTestId('wall-kpi-value').textContent;

describe('scene registry', () => {
  it('has every wall scene with its core method', () => {
    expect(Object.keys(SCENES).sort()).toEqual([...WALL_SCENE_IDS].sort());
    for (const id of WALL_SCENE_IDS) expect(SCENES[id].method).toBe(`analytics.${id}`);
  });
});

describe.each(WALL_SCENE_IDS)('scene %s', (id) => {
  it('renders focusable tiles with as-of stamps and drill targets, and reports rendered once', async () => {
    const onRendered = vi.fn();
    renderScene(id, { onRendered });
    const scene = root(id);
    expect(scene.dataset.checkpoint).toBe('4242');
    await waitFor(() => expect(scene.dataset.rendered).toBe('true'));
    expect(onRendered).toHaveBeenCalledTimes(1);
    expect(fake.live()).toHaveLength(CHARTS[id]);
    expect(scene.querySelectorAll('[data-echarts-instance]')).toHaveLength(CHARTS[id]);

    const tiles = within(scene).getAllByTestId('wall-tile');
    expect(tiles.length).toBeGreaterThan(1);
    expect(new Set(tiles.map((t) => t.dataset.tileId)).size).toBe(tiles.length);
    for (const t of tiles) {
      expect(t.tabIndex).toBe(0);
      expect(parseDrill(t.dataset.drill), t.dataset.tileId).not.toBeNull();
      expect(within(t).getByTestId('wall-asof').textContent).toMatch(/^as of \S/);
    }
    expect(scene.textContent).not.toMatch(/NaN|undefined|Infinity|null/);
  });

  it('says "no sync yet" on every tile before the first sync', () => {
    renderScene(id, { data: { ...FIXTURES[id], asOf: { checkpointId: '0', time: null } } });
    for (const stamp of within(root(id)).getAllByTestId('wall-asof')) expect(stamp.textContent).toBe('no sync yet');
  });

  it('updates in place on new data: pending until every chart finished, same chart instances', async () => {
    const onRendered = vi.fn();
    const { update } = renderScene(id, { onRendered });
    await waitFor(() => expect(root(id).dataset.rendered).toBe('true'));
    fake.finish = 'never';
    update({ data: withCheckpoint(FIXTURES[id], '4243') });
    expect(root(id).dataset.checkpoint).toBe('4243');
    expect(root(id).dataset.rendered).toBe(CHARTS[id] === 0 ? 'true' : 'false');
    act(() => {
      for (const chart of fake.live()) chart.emit('finished');
    });
    await waitFor(() => expect(root(id).dataset.rendered).toBe('true'));
    expect(onRendered).toHaveBeenCalledTimes(2);
    expect(fake.charts).toHaveLength(CHARTS[id]); // no re-init
    for (const chart of fake.charts) expect(chart.options.length).toBeGreaterThanOrEqual(2);
  });

  it('disposes its charts on unmount', async () => {
    const { unmount } = renderScene(id);
    await waitFor(() => expect(root(id).dataset.rendered).toBe('true'));
    expect(liveChartCount()).toBe(CHARTS[id]);
    unmount();
    expect(liveChartCount()).toBe(0);
    expect(fake.live()).toHaveLength(0);
  });

  it('re-inits its charts on a theme change without leaking', async () => {
    const { update } = renderScene(id);
    update({ theme: 'dark' });
    expect(liveChartCount()).toBe(CHARTS[id]);
    expect(fake.live().every((c) => c.theme === 'dark')).toBe(true);
  });
});

describe('tiles', () => {
  it('mark themselves focused while they have focus', () => {
    renderScene('overview');
    const winRate = tile('kpi-winRate');
    expect(winRate.dataset.focused).toBe('false');
    act(() => winRate.focus());
    expect(document.activeElement).toBe(winRate);
    expect(winRate.dataset.focused).toBe('true');
    act(() => tile('kpi-phi').focus());
    expect(winRate.dataset.focused).toBe('false');
    expect(tile('kpi-phi').dataset.focused).toBe('true');
  });
});

describe('overview', () => {
  it('shows KPI values against target, "—" for no data, and deltas by arrow, sign and tone', () => {
    renderScene('overview');
    expect(valueOf('kpi-attainmentRevenue')).toBe('63%');
    expect(within(tile('kpi-attainmentRevenue')).getByText('¥1.3M of ¥2M')).toBeTruthy();
    expect(valueOf('kpi-leadResponseWithin24h')).toBe('—');
    expect(valueOf('kpi-effectiveFollowUpsPerRepDay')).toBe('3.2');
    expect(valueOf('kpi-pipelineCoverage')).toBe('7.2×');

    const delta = (tileId: string) => tile(tileId).querySelector<HTMLElement>('.wall-delta')!;
    expect(delta('kpi-winRate').dataset).toMatchObject({ direction: 'down', tone: 'bad' });
    expect(delta('kpi-winRate').textContent).toContain('-5 pts');
    expect(delta('kpi-wonAmount').dataset).toMatchObject({ direction: 'up', tone: 'good' });
    expect(delta('kpi-wonAmount').textContent).toContain('+25%');
    expect(delta('kpi-stageOverdueRate').dataset).toMatchObject({ direction: 'up', tone: 'bad' }); // lower is better
    expect(delta('kpi-pipelineCoverage').dataset).toMatchObject({ direction: 'flat', tone: 'flat' });
    expect(delta('kpi-newDeals').dataset).toMatchObject({ direction: 'none' });
    expect(delta('kpi-newDeals').textContent).toContain('—');
    expect(delta('kpi-winRate').textContent).toContain('▼');

    expect(tile('kpi-dataHealth').dataset.alert).toBe('true'); // 76 < 80
    expect(tile('kpi-phi').dataset.alert).toBe('false'); // 72.4 ≥ 60
    const counts = [...tile('open-exceptions').querySelectorAll('.wall-severity-count')].map((e) => e.textContent);
    expect(counts).toEqual(['7', '19', '2']);
  });

  it('drills a KPI into the exceptions of its rules in the scene scope', () => {
    renderScene('overview');
    expect(drillOf('kpi-winRate')).toEqual({
      kind: 'exceptions',
      filter: {
        scope: { regionIds: ['rg-east', 'rg-south'] },
        rules: ['stage_regression', 'stage_flapping', 'demo_no_feedback_48h'],
      },
      titleKey: 'wallScenes.drill.kpi',
      titleParams: { kpi: 'Win rate' },
    });
    expect(drillOf('kpi-dataHealth').filter.rules).toEqual(['data_health_low', 'missing_required_fields']);
    expect(drillOf('open-exceptions').filter).toEqual({ scope: { regionIds: ['rg-east', 'rg-south'] } });
  });
});

describe('funnel', () => {
  it('shows stage tiles with bottlenecks, conversion bars and the heatmap with "—" for no data', () => {
    renderScene('funnel');
    expect(tile('stage-st-quote').dataset.bottleneck).toBe('true');
    expect(tile('stage-st-initial').dataset.bottleneck).toBe('false');
    expect(within(tile('stage-st-quote')).getByText('54% overdue')).toBeTruthy();
    expect(within(tile('stage-st-contract')).getByText('— overdue')).toBeTruthy();

    const option = fake.charts[0]!.options[0]!.option as { series: { data: { label: { formatter: string } }[] }[] };
    const labels = option.series[0]!.data.map((d) => d.label.formatter);
    expect(labels).toEqual(['65%', '70%', '75%', '80%', '—']);

    const row = tile('region-stage-rg-east');
    const cells = [...row.querySelectorAll<HTMLElement>('.wall-heat-cell')];
    expect(cells.map((c) => c.querySelector('.wall-heat-main')?.textContent)).toEqual(['0%', '10%', '20%', '30%', '—']);
    expect(cells.map((c) => c.dataset.level)).toEqual(['0', '1', '2', '3', 'none']);
  });

  it('drills a stage into its overdue deals and a region row into the region', () => {
    renderScene('funnel');
    expect(drillOf('stage-st-quote')).toEqual({
      kind: 'exceptions',
      filter: { scope: { regionIds: ['rg-east', 'rg-south'] }, rules: ['stage_overdue'] },
      titleKey: 'wallScenes.drill.stage',
      titleParams: { stage: 'Quote & negotiation' },
      factsMatch: { stageId: 'st-quote' },
    });
    expect(drillOf('region-stage-rg-south').filter).toEqual({ scope: { regionIds: ['rg-south'] }, rules: ['stage_overdue'] });
  });

  it("names regions from the result's scope, and by id when the scope does not know one", () => {
    const { unmount } = renderScene('funnel');
    expect(within(tile('region-stage-rg-east')).getByText('East China')).toBeTruthy();
    unmount();
    const scope = { ...FIXTURES.funnel.scope, regions: [] };
    renderWithI18n(
      <SCENES.funnel.Component data={{ ...FIXTURES.funnel, scope }} privacy={false} theme="light" onRendered={() => {}} />,
    );
    expect(within(tile('region-stage-rg-east')).getByText('rg-east')).toBeTruthy();
  });
});

describe('region ranking', () => {
  it('ranks regions with attainment, PHI and data health, flags low data health, "—" for no data', () => {
    renderScene('regionRanking');
    const east = tile('region-rg-east');
    const south = tile('region-rg-south');
    expect(east.querySelector('.wall-bar-value')?.textContent).toBe('130%');
    expect(east.querySelector('.wall-bar-fill')?.getAttribute('data-met')).toBe('true');
    expect(south.querySelector('.wall-bar-value')?.textContent).toBe('—');
    expect(south.querySelector('.wall-col-phi')?.textContent).toBe('—');
    expect(south.querySelector('.wall-col-dataHealth')?.getAttribute('data-alert')).toBe('true');
    expect(south.querySelector('.wall-col-dataHealth')?.textContent).toBe('71low');
    expect(south.querySelector('.wall-col-followUps')?.textContent).toBe('—');
    expect(drillOf('region-rg-south')).toEqual({
      kind: 'exceptions',
      filter: { scope: { regionIds: ['rg-south'] } },
      titleKey: 'wallScenes.drill.region',
      titleParams: { region: 'South China' },
    });
  });
});

describe('exceptions board', () => {
  it('counts by rule and region, lists the newest critical ones, and drills per rule', () => {
    renderScene('exceptionsBoard');
    const overdue = tile('rule-stage_overdue');
    expect(overdue.dataset.count).toBe('8');
    expect([...overdue.querySelectorAll('.wall-heat-main')].map((e) => e.textContent)).toEqual(['8', '6', '2']);
    expect(tile('rule-phi_drop').dataset.count).toBe('0');
    expect(document.querySelectorAll('[data-tile-id^="rule-"]')).toHaveLength(12);
    expect(drillOf('rule-lead_unfollowed_24h').filter).toEqual({
      scope: { regionIds: ['rg-east', 'rg-south'] },
      rules: ['lead_unfollowed_24h'],
    });
    expect(drillOf('total-critical').filter.severities).toEqual(['critical']);
    expect(drillOf('total-acknowledged').filter.statuses).toEqual(['acknowledged']);
    expect(drillOf('critical-stage_overdue:subject-2').filter).toEqual({
      scope: { regionIds: ['rg-east'] },
      rules: ['stage_overdue'],
      subjectIds: ['subject-2'],
    });
  });
});

describe('rep activity', () => {
  const repTiles = () => [...document.querySelectorAll<HTMLElement>('[data-tile-id^="rep-"]')];
  const names = () => repTiles().map((t) => t.querySelector('[data-testid="wall-rep-name"]')?.textContent);

  it('lists the most and least effective reps, leaving out reps without a figure', () => {
    renderScene('repActivity');
    expect(repTiles().map((t) => [t.dataset.list, t.dataset.repId])).toEqual([
      ['top', 'rp-1'],
      ['top', 'rp-2'],
      ['bottom', 'rp-4'],
      ['bottom', 'rp-3'],
    ]);
    expect(names()).toEqual(['张伟', '欧阳娜娜', '王芳', 'Li Wei']);
    expect(tile('rep-rp-3').querySelector('.wall-rep-hv')?.textContent).toBe('—');
    expect(drillOf('rep-rp-1')).toEqual({
      kind: 'exceptions',
      filter: { scope: { regionIds: ['rg-east'], repIds: ['rp-1'] } },
      titleKey: 'wallScenes.drill.rep',
      titleParams: { rep: '张伟' },
    });
  });

  it('masks names in privacy mode, in the tiles and in the drill titles', () => {
    const { update } = renderScene('repActivity', { privacy: true });
    expect(names()).toEqual(['张*', '欧阳*', '王*', 'L. W.']);
    const text = root('repActivity').textContent ?? '';
    for (const full of ['张伟', '欧阳娜娜', '王芳', 'Li Wei']) {
      expect(text).not.toContain(full);
      expect(repTiles().some((t) => (t.dataset.drill ?? '').includes(full))).toBe(false);
    }
    expect(drillOf('rep-rp-2').titleParams).toEqual({ rep: '欧阳*' });
    update({ privacy: false });
    expect(names()).toEqual(['张伟', '欧阳娜娜', '王芳', 'Li Wei']);
  });

  it('plots every rep with figures and never plots a missing one', () => {
    renderScene('repActivity');
    const option = fake.charts[0]!.options[0]!.option as { series: { data: { value: unknown[] }[] }[] };
    expect(option.series[0]!.data.map((d) => d.value)).toEqual([
      [4, 0.3],
      [3, 0.2],
      [0.4, 0.5],
    ]);
  });
});

describe('trends', () => {
  it('draws a line per figure over 12 weeks with the current week marked and gaps for no data', () => {
    renderScene('trends');
    expect(fake.charts).toHaveLength(6);
    const options = fake.charts.map(
      (c) =>
        c.options[0]!.option as {
          series: { id: string; data: { value: number | null }[]; markLine: { data: { xAxis: string }[] } }[];
          xAxis: { data: string[] };
        },
    );
    const winRate = options.find((o) => o.series[0]!.id === 'winRate')!;
    expect(winRate.xAxis.data).toHaveLength(12);
    expect(winRate.xAxis.data[11]).toBe('W45');
    expect(winRate.series[0]!.markLine.data).toEqual([{ xAxis: 'W45' }]);
    expect(winRate.series[0]!.data[3]!.value).toBeNull();
    for (const o of options) for (const d of o.series[0]!.data) expect(Number.isNaN(d.value)).toBe(false);
    const phi = options.find((o) => o.series[0]!.id === 'phi')!;
    expect(phi.series[0]!.data[0]!.value).toBeNull();
    expect(valueOf('trend-phi')).toBe('81');
    expect(valueOf('trend-wonAmount')).toBe('¥1.4M');
    expect(drillOf('trend-dataHealth').filter.rules).toEqual(['data_health_low', 'missing_required_fields']);
  });
});
