// Scene "overview": the headline KPIs against target with week-over-week deltas, and the open exceptions by
// severity. No charts: big numbers read best from the back of the room. Each tile drills into the exceptions
// of the rules that move its figure.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HeadlineKey } from '../../../../../shared/analytics/metrics';
import type { OverviewScene as OverviewData } from '../../../../../shared/analytics/scenes';
import { DeltaBadge, type DeltaKind, type Polarity } from './DeltaBadge';
import { drillScope, exceptionsDrill } from './drill-target';
import { useWallFormat, type WallFormat } from './format';
import { KPI_RULES } from './kpi-rules';
import { SceneRoot, useRenderTracker } from './SceneRoot';
import { Tile } from './Tile';
import type { SceneProps } from './types';

const NO_CHARTS: readonly string[] = [];

interface KpiSpec {
  key: HeadlineKey;
  deltaKind: DeltaKind;
  polarity: Polarity;
  value(d: OverviewData, f: WallFormat, t: TFunction): string;
  detail(d: OverviewData, f: WallFormat, t: TFunction): string;
  /** 0..1+ progress toward a target, drawn as a bar. */
  progress?(d: OverviewData): number | null;
  /** Below this (0–100 score) the figure is flagged. */
  alertBelow?: number;
}

const KPIS: readonly KpiSpec[] = [
  {
    key: 'attainmentRevenue',
    deltaKind: 'points',
    polarity: 'higher',
    value: (d, f) => f.ratio(d.kpis.result.attainment.revenue),
    detail: (d, f, t) =>
      d.kpis.result.targets.revenue === null
        ? t('wallScenes.overview.noTarget')
        : t('wallScenes.overview.ofTarget', {
            won: f.money(d.kpis.result.wonAmount),
            target: f.money(d.kpis.result.targets.revenue),
          }),
    progress: (d) => d.kpis.result.attainment.revenue.value,
  },
  {
    key: 'wonAmount',
    deltaKind: 'relative',
    polarity: 'higher',
    value: (d, f) => f.money(d.kpis.result.wonAmount),
    detail: (d, f, t) => t('wallScenes.overview.wonDeals', { n: f.num(d.kpis.result.wonDeals) }),
  },
  {
    key: 'winRate',
    deltaKind: 'points',
    polarity: 'higher',
    value: (d, f) => f.ratio(d.kpis.result.winRate),
    detail: (d, f, t) =>
      t('wallScenes.overview.wonLost', { won: f.num(d.kpis.result.wonDeals), lost: f.num(d.kpis.result.lostDeals) }),
  },
  {
    key: 'newDeals',
    deltaKind: 'relative',
    polarity: 'higher',
    value: (d, f) => f.num(d.kpis.result.newDeals),
    detail: (d, f, t) =>
      d.kpis.result.targets.newDeals === null
        ? t('wallScenes.overview.noTarget')
        : t('wallScenes.overview.targetOf', {
            target: f.num(d.kpis.result.targets.newDeals),
            attainment: f.ratio(d.kpis.result.attainment.newDeals),
          }),
    progress: (d) => d.kpis.result.attainment.newDeals.value,
  },
  {
    key: 'pipelineCoverage',
    deltaKind: 'number',
    polarity: 'higher',
    value: (d, f, t) => {
      const v = d.kpis.result.pipelineCoverage.value;
      return v === null ? f.num(null) : t('wallScenes.units.times', { value: f.fixed(v, 1) });
    },
    detail: (d, f, t) => t('wallScenes.overview.openPipeline', { amount: f.money(d.kpis.result.openPipeline) }),
  },
  {
    key: 'effectiveFollowUpsPerRepDay',
    deltaKind: 'number',
    polarity: 'higher',
    value: (d, f) => f.fixed(d.kpis.behaviour.effectiveFollowUpsPerRepDay.value, 1),
    detail: (d, f, t) => t('wallScenes.overview.activities', { n: f.num(d.kpis.behaviour.activities) }),
  },
  {
    key: 'highValueRatio',
    deltaKind: 'points',
    polarity: 'higher',
    value: (d, f) => f.ratio(d.kpis.behaviour.highValueRatio),
    detail: (d, f, t) =>
      t('wallScenes.overview.ofActivities', {
        num: f.num(d.kpis.behaviour.highValueRatio.num),
        den: f.num(d.kpis.behaviour.highValueRatio.den),
      }),
  },
  {
    key: 'leadResponseWithin24h',
    deltaKind: 'points',
    polarity: 'higher',
    value: (d, f) => f.ratio(d.kpis.process.leadResponseWithin24h),
    detail: (d, f, t) => t('wallScenes.overview.medianHours', { value: f.num(d.kpis.process.leadFirstResponseMedianHours, 1) }),
  },
  {
    key: 'phi',
    deltaKind: 'score',
    polarity: 'higher',
    value: (d, f) => f.score(d.kpis.phi.value),
    detail: (d, f, t) =>
      t('wallScenes.overview.phiParts', {
        keyActions: f.ratio(d.kpis.phi.parts.keyActions),
        quality: f.ratio(d.kpis.phi.parts.quality),
        response: f.ratio(d.kpis.phi.parts.response),
      }),
    alertBelow: 60,
  },
  {
    key: 'dataHealth',
    deltaKind: 'score',
    polarity: 'higher',
    value: (d, f) => f.score(d.kpis.dataHealth.value),
    detail: (d, f, t) =>
      t('wallScenes.overview.healthParts', {
        completeness: f.ratio(d.kpis.dataHealth.parts.completeness),
        timeLogic: f.ratio(d.kpis.dataHealth.parts.timeLogic),
        attachments: f.ratio(d.kpis.dataHealth.parts.attachments),
      }),
    alertBelow: 80,
  },
  {
    key: 'stageOverdueRate',
    deltaKind: 'points',
    polarity: 'lower',
    value: (d, f) => f.ratio(d.kpis.process.stageOverdueRate),
    detail: (d, f, t) =>
      t('wallScenes.overview.overdueOf', {
        num: f.num(d.kpis.process.stageOverdueRate.num),
        den: f.num(d.kpis.process.stageOverdueRate.den),
      }),
  },
];

function scoreOf(d: OverviewData, key: HeadlineKey): number | null {
  if (key === 'phi') return d.kpis.phi.value;
  if (key === 'dataHealth') return d.kpis.dataHealth.value;
  return null;
}

export function OverviewScene({ data, onRendered }: SceneProps<OverviewData>) {
  const { t } = useTranslation();
  const format = useWallFormat();
  const { rendered } = useRenderTracker(data, NO_CHARTS, onRendered);
  const scope = drillScope(data.scope);
  const severities = ['critical', 'warning', 'info'] as const;
  return (
    <SceneRoot
      sceneId="overview"
      asOf={data.asOf}
      rendered={rendered}
      title={t('wallScenes.scenes.overview')}
      period={data.period.label}
    >
      <div className="wall-overview-grid">
        {KPIS.map((kpi) => {
          const label = t(`wallScenes.kpi.${kpi.key}`);
          const progress = kpi.progress?.(data) ?? null;
          const score = scoreOf(data, kpi.key);
          const alert = kpi.alertBelow !== undefined && score !== null && score < kpi.alertBelow;
          return (
            <Tile
              key={kpi.key}
              tileId={`kpi-${kpi.key}`}
              title={label}
              asOf={data.asOf}
              className="wall-kpi"
              data={{ 'data-alert': alert ? 'true' : 'false' }}
              drill={exceptionsDrill('wallScenes.drill.kpi', { scope, rules: KPI_RULES[kpi.key], titleParams: { kpi: label } })}
            >
              <div className="wall-kpi-value" data-testid="wall-kpi-value">
                {kpi.value(data, format, t)}
                {alert ? (
                  <span className="wall-kpi-alert">{t('wallScenes.overview.below', { value: kpi.alertBelow })}</span>
                ) : null}
              </div>
              {progress === null ? null : (
                <div className="wall-progress" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, Math.max(0, progress * 100))}%` }} />
                </div>
              )}
              <div className="wall-kpi-detail">{kpi.detail(data, format, t)}</div>
              <DeltaBadge delta={data.deltas[kpi.key]} kind={kpi.deltaKind} polarity={kpi.polarity} />
            </Tile>
          );
        })}
        <Tile
          tileId="open-exceptions"
          title={t('wallScenes.kpi.openExceptions')}
          asOf={data.asOf}
          className="wall-kpi wall-kpi-exceptions"
          drill={exceptionsDrill('wallScenes.drill.allOpen', { scope })}
        >
          <div className="wall-severity-counts">
            {severities.map((severity) => (
              <div key={severity} className={`wall-severity wall-severity-${severity}`} data-severity={severity}>
                <span className="wall-severity-count">{format.num(data.openExceptions[severity])}</span>
                <span className="wall-severity-label">{t(`wallScenes.severity.${severity}`)}</span>
              </div>
            ))}
          </div>
        </Tile>
      </div>
    </SceneRoot>
  );
}
