// Scene "rep activity": every rep as a point (effective follow-ups per day × high-value share, medians marked)
// and the most and least effective reps that fit, names masked in privacy mode. Each rep row drills into that
// rep's exceptions (their own and their deals' and leads').
import { useMemo, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepActivityScene as RepActivityData } from '../../../../../shared/analytics/scenes';
import { baseOption, CHART_FONT, chartPalette, useWallFontPx, type ChartPalette } from './chart-theme';
import { drillScope, exceptionsDrill } from './drill-target';
import { EChart } from './EChart';
import { useWallFormat, type WallFormat } from './format';
import { shownName } from './privacy';
import { SceneRoot, useRenderTracker } from './SceneRoot';
import { Tile } from './Tile';
import type { SceneProps } from './types';
import { useFitCount } from './use-fit-count';

const CHARTS = ['scatter'] as const;
/** Row height of the rep lists, in em of the list's font size (see .wall-rep-row in rep-activity.css). */
const ROW_EM = 2.6;

type Row = RepActivityData['rows'][number];

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Reps with a figure, most effective first; the rest (no working days in the period) are left out. */
function ranked(rows: readonly Row[]): Row[] {
  return rows
    .filter((r) => r.effectiveFollowUpsPerDay.value !== null)
    .sort(
      (a, b) =>
        (b.effectiveFollowUpsPerDay.value ?? 0) - (a.effectiveFollowUpsPerDay.value ?? 0) || a.repId.localeCompare(b.repId),
    );
}

/** The first `n` and last `n` of a ranking, never listing a rep twice. */
export function topAndBottom<T>(list: readonly T[], n: number): { top: T[]; bottom: T[] } {
  const topCount = Math.min(n, Math.ceil(list.length / 2));
  const bottomCount = Math.min(n, list.length - topCount);
  return { top: list.slice(0, topCount), bottom: list.slice(list.length - bottomCount).reverse() };
}

interface AxisTexts {
  x: string;
  y: string;
}

function scatterOption(
  rows: readonly Row[],
  highlight: { top: ReadonlySet<string>; bottom: ReadonlySet<string> },
  p: ChartPalette,
  fs: number,
  f: WallFormat,
  axis: AxisTexts,
) {
  const points = rows.filter((r) => r.effectiveFollowUpsPerDay.value !== null && r.highValueRatio.value !== null);
  const colour = (r: Row) => (highlight.top.has(r.repId) ? p.ok : highlight.bottom.has(r.repId) ? p.danger : p.accentSoft);
  const medX = median(points.map((r) => r.effectiveFollowUpsPerDay.value ?? 0));
  const medY = median(points.map((r) => r.highValueRatio.value ?? 0));
  const axisLabel = { color: p.muted, fontSize: fs * 0.85, fontFamily: CHART_FONT };
  const nameStyle = { color: p.text, fontSize: fs * 0.9, fontFamily: CHART_FONT, fontWeight: 600 };
  const markData = [...(medX === null ? [] : [{ xAxis: medX }]), ...(medY === null ? [] : [{ yAxis: medY }])];
  return {
    ...baseOption(p, fs),
    grid: { left: fs, right: fs * 1.5, top: fs * 1.8, bottom: fs * 2.6, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: {
      type: 'value',
      name: axis.x,
      nameLocation: 'middle',
      nameGap: fs * 1.8,
      nameTextStyle: nameStyle,
      axisLabel: { ...axisLabel, formatter: (v: number) => f.num(v, 1) },
      axisLine: { lineStyle: { color: p.axis } },
      splitLine: { lineStyle: { color: p.gridLine, opacity: 0.5 } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: axis.y,
      nameLocation: 'end',
      nameTextStyle: { ...nameStyle, align: 'left' },
      axisLabel: { ...axisLabel, formatter: (v: number) => f.pct(v) },
      axisLine: { lineStyle: { color: p.axis } },
      splitLine: { lineStyle: { color: p.gridLine, opacity: 0.5 } },
    },
    series: [
      {
        id: 'reps',
        type: 'scatter',
        symbolSize: Math.max(6, fs * 0.55),
        data: points.map((r) => ({
          value: [r.effectiveFollowUpsPerDay.value, r.highValueRatio.value],
          itemStyle: { color: colour(r), opacity: 0.9, borderColor: p.surface, borderWidth: 1 },
          // Highlighted reps drawn last, on top of the cloud.
          z: highlight.top.has(r.repId) || highlight.bottom.has(r.repId) ? 3 : 2,
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: p.muted, type: 'dashed', width: 1.5 },
          data: markData,
        },
      },
    ],
  };
}

interface RepListProps {
  kind: 'top' | 'bottom';
  rows: Row[];
  /** Reps ranked in all (the bottom list counts its ranks from the end). */
  rankedCount: number;
  data: RepActivityData;
  privacy: boolean;
  format: WallFormat;
}

function RepList({ kind, rows, rankedCount, data, privacy, format }: RepListProps) {
  const maxValue = Math.max(0.1, ...data.rows.map((r) => r.effectiveFollowUpsPerDay.value ?? 0));
  return (
    <>
      {rows.map((row, i) => {
        const name = shownName(row.name, privacy);
        return (
          <Tile
            key={row.repId}
            tileId={`rep-${row.repId}`}
            variant="row"
            className="wall-rep-row"
            title={
              <>
                <span className="wall-rank">{format.num(kind === 'top' ? i + 1 : rankedCount - i)}</span>
                <span className="wall-rep-name" data-testid="wall-rep-name">
                  {name}
                </span>
                <span className="wall-rep-team">{row.team}</span>
              </>
            }
            asOf={data.asOf}
            data={{ 'data-rep-id': row.repId, 'data-list': kind }}
            drill={exceptionsDrill('wallScenes.drill.rep', {
              scope: drillScope(data.scope, { regionIds: [row.regionId], repIds: [row.repId] }),
              titleParams: { rep: name },
            })}
          >
            <span className="wall-bar-cell">
              <span className="wall-bar-track">
                <span
                  className={`wall-bar-fill wall-bar-${kind}`}
                  style={{ width: `${Math.min(100, ((row.effectiveFollowUpsPerDay.value ?? 0) / maxValue) * 100).toFixed(2)}%` }}
                />
              </span>
              <span className="wall-bar-value">{format.fixed(row.effectiveFollowUpsPerDay.value, 1)}</span>
            </span>
            <span className="wall-num wall-rep-hv">{format.ratio(row.highValueRatio)}</span>
          </Tile>
        );
      })}
    </>
  );
}

export function RepActivityScene({ data, privacy, theme, onRendered }: SceneProps<RepActivityData>) {
  const { t } = useTranslation();
  const format = useWallFormat();
  const fontPx = useWallFontPx();
  const tracker = useRenderTracker(data, CHARTS, onRendered);
  const listRef = useRef<HTMLDivElement>(null);
  const fit = useFitCount(listRef, ROW_EM, 6);
  const ranking = useMemo(() => ranked(data.rows), [data.rows]);
  const { top, bottom } = useMemo(() => topAndBottom(ranking, fit), [ranking, fit]);
  const highlight = useMemo(
    () => ({ top: new Set(top.map((r) => r.repId)), bottom: new Set(bottom.map((r) => r.repId)) }),
    [top, bottom],
  );
  const axisX = t('wallScenes.reps.axisX');
  const axisY = t('wallScenes.reps.axisY');
  const option = useMemo(
    () => scatterOption(data.rows, highlight, chartPalette(theme), fontPx, format, { x: axisX, y: axisY }),
    [data.rows, highlight, theme, fontPx, format, axisX, axisY],
  );
  const lists = [
    { kind: 'top' as const, rows: top },
    { kind: 'bottom' as const, rows: bottom },
  ];
  return (
    <SceneRoot
      sceneId="repActivity"
      asOf={data.asOf}
      rendered={tracker.rendered}
      title={t('wallScenes.scenes.repActivity')}
      period={data.period.label}
    >
      <div className="wall-reps" data-privacy={privacy ? 'true' : 'false'}>
        <Tile
          tileId="reps-scatter"
          title={t('wallScenes.reps.scatterTitle')}
          asOf={data.asOf}
          className="wall-panel wall-reps-chart"
          drill={exceptionsDrill('wallScenes.drill.behaviour', {
            scope: drillScope(data.scope),
            rules: ['busy_not_effective', 'next_step_overdue', 'data_health_low'],
          })}
        >
          <EChart
            option={option}
            shapeKey="scatter"
            theme={theme}
            renderKey={data}
            onFinished={tracker.finished.scatter}
            label={t('wallScenes.reps.scatterTitle')}
          />
          <div className="wall-reps-note">
            {t('wallScenes.reps.counted', { shown: format.num(ranking.length), total: format.num(data.rows.length) })}
          </div>
        </Tile>
        {lists.map(({ kind, rows }, i) => (
          <div key={kind} className={`wall-panel wall-reps-list wall-reps-${kind}`}>
            <div className="wall-reps-head">
              <span className="wall-reps-head-title">{t(`wallScenes.reps.${kind}`)}</span>
              <span>{t('wallScenes.reps.followUps')}</span>
              <span>{t('wallScenes.reps.highValue')}</span>
            </div>
            <div className="wall-reps-rows" ref={i === 0 ? listRef : undefined} style={{ '--row-count': fit } as CSSProperties}>
              <RepList kind={kind} rows={rows} rankedCount={ranking.length} data={data} privacy={privacy} format={format} />
            </div>
          </div>
        ))}
      </div>
    </SceneRoot>
  );
}
