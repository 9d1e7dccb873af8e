// Scene "funnel and stage bottlenecks": per stage the open deals, conversion and dwell against its max dwell,
// a conversion bar chart, and the region × stage heatmap of overdue shares. Stage tiles drill into that stage's
// overdue deals; region rows into the region's.
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { FunnelScene as FunnelData } from '../../../../../shared/analytics/scenes';
import { baseOption, CHART_FONT, chartPalette, useWallFontPx, type ChartPalette } from './chart-theme';
import { drillScope, exceptionsDrill } from './drill-target';
import { EChart } from './EChart';
import { useWallFormat, type WallFormat } from './format';
import { overdueLevel, OVERDUE_LEVEL_BOUNDS } from './heat';
import { useLocalName, useRegionLabel } from './region-names';
import { SceneRoot, useRenderTracker } from './SceneRoot';
import { Tile } from './Tile';
import type { SceneProps } from './types';

const CHARTS = ['conversion'] as const;
const PIPELINE_RULES = ['stage_overdue', 'stage_regression', 'stage_flapping'] as const;

type Stage = FunnelData['stages'][number];

function conversionOption(
  stages: Stage[],
  bottlenecks: ReadonlySet<string>,
  names: string[],
  p: ChartPalette,
  fs: number,
  f: WallFormat,
) {
  return {
    ...baseOption(p, fs),
    grid: {
      left: fs * 0.5,
      right: fs * 4.5,
      top: fs * 0.5,
      bottom: fs * 0.5,
      outerBoundsMode: 'same',
      outerBoundsContain: 'all',
    },
    xAxis: { type: 'value', min: 0, max: 1, show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: p.text, fontSize: fs, fontFamily: CHART_FONT, fontWeight: 600 },
    },
    series: [
      {
        id: 'conversion',
        type: 'bar',
        barWidth: '62%',
        showBackground: true,
        backgroundStyle: { color: p.gridLine, opacity: 0.35 },
        data: stages.map((s) => ({
          value: s.conversion.value ?? 0,
          itemStyle: { color: bottlenecks.has(s.stageId) ? p.warn : p.accent, borderRadius: [0, 4, 4, 0] },
          label: {
            show: true,
            position: 'right',
            distance: fs * 0.4,
            color: p.text,
            fontSize: fs * 1.1,
            fontWeight: 700,
            fontFamily: CHART_FONT,
            formatter: f.ratio(s.conversion),
          },
        })),
      },
    ],
  };
}

export function FunnelScene({ data, theme, onRendered }: SceneProps<FunnelData>) {
  const { t } = useTranslation();
  const format = useWallFormat();
  const fontPx = useWallFontPx();
  const local = useLocalName();
  const regionLabel = useRegionLabel(data.scope);
  const tracker = useRenderTracker(data, CHARTS, onRendered);
  const scope = drillScope(data.scope);
  const stages = useMemo(() => [...data.stages].sort((a, b) => a.ordinal - b.ordinal), [data.stages]);
  const bottlenecks = useMemo(() => new Set(data.bottlenecks), [data.bottlenecks]);
  const stageNames = stages.map((s) => local(s));
  const option = useMemo(
    () => conversionOption(stages, bottlenecks, stages.map(local), chartPalette(theme), fontPx, format),
    [stages, bottlenecks, local, theme, fontPx, format],
  );
  const cells = useMemo(() => new Map(data.heatmap.map((c) => [`${c.regionId}|${c.stageId}`, c])), [data.heatmap]);
  const regionIds = useMemo(() => [...new Set(data.heatmap.map((c) => c.regionId))], [data.heatmap]);

  return (
    <SceneRoot
      sceneId="funnel"
      asOf={data.asOf}
      rendered={tracker.rendered}
      title={t('wallScenes.scenes.funnel')}
      period={data.period.label}
    >
      <div className="wall-funnel" style={{ '--stage-count': Math.max(1, stages.length) } as CSSProperties}>
        <div className="wall-funnel-stages">
          {stages.map((stage, i) => {
            const name = stageNames[i] ?? stage.stageId;
            const bottleneck = bottlenecks.has(stage.stageId);
            return (
              <Tile
                key={stage.stageId}
                tileId={`stage-${stage.stageId}`}
                title={name}
                asOf={data.asOf}
                className="wall-stage"
                data={{ 'data-bottleneck': bottleneck ? 'true' : 'false' }}
                drill={exceptionsDrill('wallScenes.drill.stage', {
                  scope,
                  rules: ['stage_overdue'],
                  factsMatch: { stageId: stage.stageId },
                  titleParams: { stage: name },
                })}
              >
                {bottleneck ? <span className="wall-badge wall-badge-warn">{t('wallScenes.funnel.bottleneck')}</span> : null}
                <div className="wall-stage-open">
                  <span className="wall-stage-open-value">{format.num(stage.open)}</span>
                  <span className="wall-stage-open-label">{t('wallScenes.funnel.open')}</span>
                </div>
                <div className="wall-stage-line">
                  {t('wallScenes.funnel.overdue', { value: format.ratio(stage.overdueRate) })}
                </div>
                <div className="wall-stage-line">
                  {t('wallScenes.funnel.dwell', { avg: format.days(stage.dwellAvgDays), max: format.days(stage.maxDwellDays) })}
                </div>
              </Tile>
            );
          })}
        </div>
        <Tile
          tileId="conversion"
          title={t('wallScenes.funnel.conversionTitle')}
          asOf={data.asOf}
          className="wall-panel wall-funnel-chart"
          drill={exceptionsDrill('wallScenes.drill.pipeline', { scope, rules: PIPELINE_RULES })}
        >
          <EChart
            option={option}
            shapeKey={`conversion:${stages.length}`}
            theme={theme}
            renderKey={data}
            onFinished={tracker.finished.conversion}
            label={t('wallScenes.funnel.conversionTitle')}
          />
        </Tile>
        <div className="wall-panel wall-heat wall-funnel-heat">
          <div className="wall-heat-title">{t('wallScenes.funnel.heatTitle')}</div>
          <div className="wall-heat-row wall-heat-header">
            <span className="wall-heat-rowhead" />
            {stages.map((stage, i) => (
              <span
                key={stage.stageId}
                className="wall-heat-colhead"

                data-bottleneck={bottlenecks.has(stage.stageId) ? 'true' : 'false'}
              >
                <span className="wall-heat-colname">{stageNames[i]}</span>
                <span className="wall-heat-colsub">{t('wallScenes.funnel.max', { value: format.days(stage.maxDwellDays) })}</span>
              </span>
            ))}
          </div>
          <div className="wall-heat-rows" style={{ '--row-count': Math.max(1, regionIds.length) } as CSSProperties}>
            {regionIds.map((regionId) => {
              const region = regionLabel(regionId);
              return (
                <Tile
                  key={regionId}
                  tileId={`region-stage-${regionId}`}
                  variant="row"
                  title={region}
                  asOf={data.asOf}
                  className="wall-heat-row"
                  drill={exceptionsDrill('wallScenes.drill.regionOverdue', {
                    scope: drillScope(data.scope, { regionIds: [regionId] }),
                    rules: ['stage_overdue'],
                    titleParams: { region },
                  })}
                >
                  {stages.map((stage) => {
                    const cell = cells.get(`${regionId}|${stage.stageId}`);
                    const level = overdueLevel(cell?.overdueRate.value ?? null);
                    return (
                      <span
                        key={stage.stageId}
                        className="wall-heat-cell"
                        data-level={level === null ? 'none' : String(level)}
                        data-bottleneck={bottlenecks.has(stage.stageId) ? 'true' : 'false'}
                      >
                        <span className="wall-heat-main">{format.ratio(cell?.overdueRate)}</span>
                        <span className="wall-heat-sub">{format.days(cell?.dwellAvgDays)}</span>
                      </span>
                    );
                  })}
                </Tile>
              );
            })}
          </div>
          <HeatLegend format={format} />
        </div>
      </div>
    </SceneRoot>
  );
}

function HeatLegend({ format }: { format: WallFormat }) {
  const { t } = useTranslation();
  const [a, b, c, d] = OVERDUE_LEVEL_BOUNDS;
  const labels = [
    t('wallScenes.legend.below', { value: format.pct(a) }),
    t('wallScenes.legend.range', { from: format.pct(a), to: format.pct(b) }),
    t('wallScenes.legend.range', { from: format.pct(b), to: format.pct(c) }),
    t('wallScenes.legend.range', { from: format.pct(c), to: format.pct(d) }),
    t('wallScenes.legend.atLeast', { value: format.pct(d) }),
  ];
  return (
    <div className="wall-heat-legend" aria-hidden="true">
      <span className="wall-heat-legend-title">{t('wallScenes.funnel.legend')}</span>
      {labels.map((label, level) => (
        <span key={level} className="wall-heat-legend-item" data-level={String(level)}>
          {label}
        </span>
      ))}
    </div>
  );
}
