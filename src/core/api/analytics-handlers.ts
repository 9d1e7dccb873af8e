// Handlers for the analytics methods: every answer is read from one snapshot of the replica (src/core/analytics) and
// says which checkpoint it is as of. A missing period means "this ISO week" in the regions' local time.
import { OutpostError } from '../../shared/api/errors';
import type { WallSnapshot } from '../../shared/api/analytics-methods';
import type { Period, Scope } from '../../shared/analytics/period';
import type { WallSceneId } from '../../shared/domain/wall';
import {
  type Snapshot,
  dataHealthSeries,
  exceptionDetail,
  inSnapshot,
  listExceptions,
  listThresholds,
  overdueBreakdown,
  periodOrCurrentWeek,
  phiSeries,
  withSnapshot,
} from '../analytics';
import type { CoreContext } from '../core-context';
import type { Handlers } from '../host/dispatcher';

type AnalyticsMethod = Extract<keyof Handlers, `analytics.${string}` | `exceptions.${string}` | 'thresholds.list'>;

/** One wall scene read on an open snapshot. */
const SCENE_READERS: {
  [K in WallSceneId]: (s: Snapshot, scope: Scope | undefined, period: Period) => WallSnapshot['scenes'][K];
} = {
  overview: (s, scope, period) => inSnapshot.overview(s, scope, period),
  funnel: (s, scope, period) => inSnapshot.funnel(s, scope, period),
  regionRanking: (s, scope, period) => inSnapshot.regionRanking(s, scope, period),
  exceptionsBoard: (s, scope) => inSnapshot.exceptionsBoard(s, scope),
  repActivity: (s, scope, period) => inSnapshot.repActivity(s, scope, period),
  trends: (s, scope, period) => inSnapshot.trends(s, scope, period),
};

export function analyticsHandlers(ctx: CoreContext): Pick<Handlers, AnalyticsMethod> {
  const { db } = ctx;
  /** Read one scene; the default period is resolved inside the same snapshot. */
  const scene =
    <K extends WallSceneId>(id: K) =>
    (p: { scope?: Scope; period?: Period }) =>
      withSnapshot(db, (s) => SCENE_READERS[id](s, p.scope, periodOrCurrentWeek(s, p.scope, p.period)));

  return {
    'analytics.overview': scene('overview') as Handlers['analytics.overview'],
    'analytics.funnel': scene('funnel') as Handlers['analytics.funnel'],
    'analytics.regionRanking': scene('regionRanking') as Handlers['analytics.regionRanking'],
    'analytics.exceptionsBoard': scene('exceptionsBoard') as Handlers['analytics.exceptionsBoard'],
    'analytics.repActivity': scene('repActivity') as Handlers['analytics.repActivity'],
    'analytics.trends': scene('trends') as Handlers['analytics.trends'],
    'analytics.wall': (p) =>
      withSnapshot(db, (s) => {
        const period = periodOrCurrentWeek(s, p.scope, p.period);
        const scenes: WallSnapshot['scenes'] = {};
        for (const id of p.scenes) Object.assign(scenes, { [id]: SCENE_READERS[id](s, p.scope, period) });
        return { asOf: s.asOf, scenes };
      }),
    'analytics.phiSeries': (p) => phiSeries(db, p.scope ?? {}, p.period),
    'analytics.dataHealthSeries': (p) => dataHealthSeries(db, p.scope ?? {}, p.period),
    'analytics.regressions': (p) =>
      withSnapshot(db, (s) => inSnapshot.regressionBreakdown(s, p.scope ?? {}, periodOrCurrentWeek(s, p.scope, p.period))),
    'analytics.overdue': (p) => overdueBreakdown(db, p.scope ?? {}),
    'analytics.leadResponse': (p) =>
      withSnapshot(db, (s) => inSnapshot.leadResponseBreakdown(s, p.scope ?? {}, periodOrCurrentWeek(s, p.scope, p.period))),
    'exceptions.list': (filter) => listExceptions(db, filter),
    'exceptions.detail': ({ key }) => {
      const detail = exceptionDetail(db, key);
      if (!detail) throw new OutpostError({ code: 'NOT_FOUND', message: `No exception with key "${key.slice(0, 256)}"` });
      return detail;
    },
    'thresholds.list': () => listThresholds(db),
  };
}
