// Scene "12-week trends": one small line chart per headline figure over the 12 ISO weeks ending with the period,
// the current week marked, its value and the change from the week before. Each tile drills into the exceptions
// of the rules that move its figure.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delta, HeadlineKey } from '../../../../../shared/analytics/metrics';
import type { TrendsScene as TrendsData } from '../../../../../shared/analytics/scenes';
import { baseOption, CHART_FONT, chartPalette, useWallFontPx, type ChartPalette } from './chart-theme';
import { DeltaBadge, type DeltaKind } from './DeltaBadge';
import { drillScope, exceptionsDrill } from './drill-target';
import { EChart } from './EChart';
import { useWallFormat, type WallFormat } from './format';
import { KPI_RULES } from './kpi-rules';
import { SceneRoot, useRenderTracker } from './SceneRoot';
import { Tile } from './Tile';
import type { SceneProps, WallTheme } from './types';

type Week = TrendsData['weeks'][number];
type Unit = 'money' | 'ratio' | 'number' | 'score';

interface TrendSpec {
  key: HeadlineKey;
  unit: Unit;
  deltaKind: DeltaKind;
  value(w: Week): number | null;
}

const TRENDS: readonly TrendSpec[] = [
  { key: 'wonAmount', unit: 'money', deltaKind: 'relative', value: (w) => w.wonAmount },
  { key: 'winRate', unit: 'ratio', deltaKind: 'points', value: (w) => w.winRate.value },
  { key: 'effectiveFollowUpsPerRepDay', unit: 'number', deltaKind: 'number', value: (w) => w.effectiveFollowUpsPerRepDay.value },
  { key: 'leadResponseWithin24h', unit: 'ratio', deltaKind: 'points', value: (w) => w.leadResponseWithin24h.value },
  { key: 'phi', unit: 'score', deltaKind: 'score', value: (w) => w.phi },
  { key: 'dataHealth', unit: 'score', deltaKind: 'score', value: (w) => w.dataHealth },
];
const CHARTS = TRENDS.map((s) => s.key);

function formatUnit(f: WallFormat, unit: Unit, value: number | null): string {
  if (unit === 'money') return f.money(value);
  if (unit === 'ratio') return f.pct(value);
  if (unit === 'score') return f.score(value);
  return f.fixed(value, 1);
}

/** Axis ticks: scores get a decimal so a narrow range does not repeat "99 99 100". */
function formatTick(f: WallFormat, unit: Unit, value: number): string {
  return unit === 'score' || unit === 'number' ? f.num(value, 1) : formatUnit(f, unit, value);
}

/** The week of the scene's period (it ends the 12), or the last one. */
export function currentWeekIndex(data: TrendsData): number {
  const i = data.weeks.findIndex((w) => w.from <= data.period.to && data.period.to <= w.to);
  return i >= 0 ? i : data.weeks.length - 1;
}

function deltaAt(values: (number | null)[], index: number): Delta {
  const current = values[index] ?? null;
  const previous = index > 0 ? (values[index - 1] ?? null) : null;
  const delta = current !== null && previous !== null ? current - previous : null;
  const deltaPct = delta !== null && previous !== null && previous !== 0 ? delta / Math.abs(previous) : null;
  return { current, previous, delta, deltaPct };
}

/** "2026-W45" → "W45" (the year is in the scene heading). */
const shortWeek = (week: string) => week.replace(/^\d{4}-/, '');

function trendOption(
  spec: TrendSpec,
  labels: string[],
  values: (number | null)[],
  current: number,
  thisWeek: string,
  p: ChartPalette,
  fs: number,
  f: WallFormat,
) {
  const small = { color: p.muted, fontSize: fs * 0.72, fontFamily: CHART_FONT };
  return {
    ...baseOption(p, fs),
    grid: {
      left: fs * 0.3,
      right: fs * 0.8,
      top: fs * 1.3,
      bottom: fs * 0.2,
      outerBoundsMode: 'same',
      outerBoundsContain: 'all',
    },
    xAxis: {
      type: 'category',
      data: labels,
      boundaryGap: false,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: p.axis } },
      // The first and last week labels align inward so they never collide with the value axis labels.
      axisLabel: { ...small, hideOverlap: true, alignMinLabel: 'left', alignMaxLabel: 'right' },
    },
    yAxis: {
      type: 'value',
      // Scores zoom in on their range (a 2-point PHI drop must show) but never past the 0–100 scale.
      scale: spec.unit === 'score',
      min: spec.unit === 'score' ? (v: { min: number }) => Math.max(0, Math.floor((v.min - 1) / 5) * 5) : 0,
      max:
        spec.unit === 'ratio'
          ? (v: { max: number }) => Math.max(v.max, 0.1)
          : spec.unit === 'score'
            ? (v: { max: number }) => Math.min(100, Math.ceil((v.max + 1) / 5) * 5)
            : undefined,
      splitNumber: 3,
      axisLabel: { ...small, formatter: (v: number) => formatTick(f, spec.unit, v) },
      splitLine: { lineStyle: { color: p.gridLine, opacity: 0.6 } },
    },
    series: [
      {
        id: spec.key,
        type: 'line',
        connectNulls: false,
        symbol: 'circle',
        symbolSize: Math.max(5, fs * 0.35),
        lineStyle: { width: Math.max(2, fs * 0.14), color: p.accent },
        itemStyle: { color: p.accent },
        areaStyle: { color: p.accent, opacity: 0.12 },
        data: values.map((value, i) =>
          i === current
            ? { value, symbolSize: Math.max(9, fs * 0.75), itemStyle: { color: p.warn, borderColor: p.surface, borderWidth: 2 } }
            : { value },
        ),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: p.warn, type: 'solid', width: Math.max(1.5, fs * 0.08) },
          label: {
            show: true,
            // Right-aligned to the line: the current week is the last one, so a centred label would be cut off.
            position: 'end',
            align: 'right',
            formatter: thisWeek,
            color: p.warn,
            fontSize: fs * 0.72,
            fontWeight: 700,
            fontFamily: CHART_FONT,
          },
          data: labels[current] === undefined ? [] : [{ xAxis: labels[current] }],
        },
      },
    ],
  };
}

function TrendTile({
  spec,
  data,
  theme,
  onFinished,
}: {
  spec: TrendSpec;
  data: TrendsData;
  theme: WallTheme;
  onFinished?: (key: unknown) => void;
}) {
  const { t } = useTranslation();
  const format = useWallFormat();
  const fontPx = useWallFontPx();
  const label = t(`wallScenes.kpi.${spec.key}`);
  const thisWeek = t('wallScenes.trends.thisWeek');
  const current = currentWeekIndex(data);
  const values = useMemo(() => data.weeks.map((w) => spec.value(w)), [data.weeks, spec]);
  const labels = useMemo(() => data.weeks.map((w) => shortWeek(w.week)), [data.weeks]);
  const option = useMemo(
    () => trendOption(spec, labels, values, current, thisWeek, chartPalette(theme), fontPx, format),
    [spec, labels, values, current, thisWeek, theme, fontPx, format],
  );
  return (
    <Tile
      tileId={`trend-${spec.key}`}
      title={label}
      asOf={data.asOf}
      className="wall-trend"
      drill={exceptionsDrill('wallScenes.drill.kpi', {
        scope: drillScope(data.scope),
        rules: KPI_RULES[spec.key],
        titleParams: { kpi: label },
      })}
    >
      <div className="wall-trend-figure">
        <span className="wall-trend-value" data-testid="wall-kpi-value">
          {formatUnit(format, spec.unit, values[current] ?? null)}
        </span>
        <DeltaBadge delta={deltaAt(values, current)} kind={spec.deltaKind} polarity="higher" />
      </div>
      <EChart
        option={option}
        shapeKey={`trend:${labels.length}`}
        theme={theme}
        renderKey={data}
        onFinished={onFinished}
        label={t('wallScenes.trends.chartLabel', { kpi: label })}
      />
    </Tile>
  );
}

export function TrendsScene({ data, theme, onRendered }: SceneProps<TrendsData>) {
  const { t } = useTranslation();
  const tracker = useRenderTracker(data, CHARTS, onRendered);
  const first = data.weeks[0]?.week;
  const last = data.weeks[data.weeks.length - 1]?.week;
  return (
    <SceneRoot
      sceneId="trends"
      asOf={data.asOf}
      rendered={tracker.rendered}
      title={t('wallScenes.scenes.trends')}
      period={first && last ? t('wallScenes.trends.range', { from: first, to: last }) : data.period.label}
    >
      <div className="wall-trends">
        {TRENDS.map((spec) => (
          <TrendTile key={spec.key} spec={spec} data={data} theme={theme} onFinished={tracker.finished[spec.key]} />
        ))}
      </div>
    </SceneRoot>
  );
}
