// Analytics facade for the core API handlers: every function reads one consistent snapshot of the replica (rollups
// refreshed first) and returns plain serializable objects typed by src/shared/analytics. `inSnapshot` exposes the
// same scenes on an open Snapshot, so a weekly pack can read all its sections from one checkpoint.
import type { ExceptionDetail, ExceptionFilter, ExceptionList } from '../../shared/analytics/exceptions';
import type { LeadResponseBreakdown, OverdueBreakdown, RegressionBreakdown } from '../../shared/analytics/breakdowns';
import type { Period, Scope } from '../../shared/analytics/period';
import type {
  DataHealthSeries,
  ExceptionsBoard,
  FunnelScene,
  OverviewScene,
  PhiSeries,
  RegionRanking,
  RepActivityScene,
  TrendsScene,
} from '../../shared/analytics/scenes';
import type { Db } from '../db/open';
import { leadResponseBreakdown as leadResponseIn } from './breakdowns/lead-response';
import { overdueBreakdown as overdueIn } from './breakdowns/overdue';
import { regressionBreakdown as regressionsIn } from './breakdowns/regressions';
import { dataHealthSeries as healthSeriesIn, phiSeries as phiSeriesIn } from './metrics/series';
import { type RefreshStats, refreshRollups } from './rollup/refresh';
import { currentWeek, sceneCtx } from './scenes/common';
import { exceptionDetail as detailIn, exceptionsBoard as boardIn, listExceptions as listIn } from './scenes/exceptions';
import { funnelScene as funnelIn } from './scenes/funnel';
import { overviewScene as overviewIn } from './scenes/overview';
import { regionRanking as rankingIn } from './scenes/region-ranking';
import { repActivityScene as repActivityIn } from './scenes/rep-activity';
import { trendsScene as trendsIn } from './scenes/trends';
import { resolveScope } from './scope';
import { type Snapshot, type SnapshotOptions, withSnapshot } from './snapshot';

export type { AsOfSource } from './as-of';
export type { Snapshot, SnapshotOptions } from './snapshot';
export { withSnapshot } from './snapshot';
export { scanExceptions, reevaluateChanges, type ScanOptions, type ScanReport } from './rules/engine';
export type { ChangeSet } from './rules/incremental';
export { DEFAULT_THRESHOLDS, listThresholds, setThresholdOverride, type ThresholdOverride } from './rules/thresholds';
export { exceptionRegion, exceptionStatePayload, type ExceptionStateInput } from './exception-state';

/** The scenes on an open snapshot (for packs and tests that read several at once). */
export const inSnapshot = {
  overview: overviewIn,
  funnel: funnelIn,
  regionRanking: rankingIn,
  repActivity: repActivityIn,
  trends: trendsIn,
  exceptionsBoard: boardIn,
  listExceptions: listIn,
  exceptionDetail: detailIn,
  regressionBreakdown: regressionsIn,
  overdueBreakdown: overdueIn,
  leadResponseBreakdown: leadResponseIn,
};

export const overviewScene = (db: Db, scope: Scope, period: Period, o?: SnapshotOptions): OverviewScene =>
  withSnapshot(db, (s) => overviewIn(s, scope, period), o);

export const funnelScene = (db: Db, scope: Scope, period: Period, o?: SnapshotOptions): FunnelScene =>
  withSnapshot(db, (s) => funnelIn(s, scope, period), o);

export const regionRanking = (db: Db, scope: Scope, period: Period, o?: SnapshotOptions): RegionRanking =>
  withSnapshot(db, (s) => rankingIn(s, scope, period), o);

export const repActivity = (db: Db, scope: Scope, period: Period, o?: SnapshotOptions): RepActivityScene =>
  withSnapshot(db, (s) => repActivityIn(s, scope, period), o);

/** The 12 ISO weeks ending with the period's last week (default: the current week). */
export const trends12w = (db: Db, scope: Scope, period?: Period, o?: SnapshotOptions): TrendsScene =>
  withSnapshot(db, (s) => trendsIn(s, scope, period ?? currentWeek(s, resolveScope(s.db, s.regions, scope))), o);

export const exceptionsBoard = (db: Db, scope: Scope, o?: SnapshotOptions): ExceptionsBoard =>
  withSnapshot(db, (s) => boardIn(s, scope), o);

export const listExceptions = (db: Db, filter: ExceptionFilter, o?: SnapshotOptions): ExceptionList =>
  withSnapshot(db, (s) => listIn(s, filter), o);

export const exceptionDetail = (db: Db, key: string, o?: SnapshotOptions): ExceptionDetail | null =>
  withSnapshot(db, (s) => detailIn(s, key), o);

export const regressionBreakdown = (db: Db, scope: Scope, period: Period, o?: SnapshotOptions): RegressionBreakdown =>
  withSnapshot(db, (s) => regressionsIn(s, scope, period), o);

export const overdueBreakdown = (db: Db, scope: Scope, o?: SnapshotOptions): OverdueBreakdown =>
  withSnapshot(db, (s) => overdueIn(s, scope), o);

export const leadResponseBreakdown = (db: Db, scope: Scope, period: Period, o?: SnapshotOptions): LeadResponseBreakdown =>
  withSnapshot(db, (s) => leadResponseIn(s, scope, period), o);

/** PHI per region per local day of the period, with its three parts. */
export const phiSeries = (db: Db, scope: Scope, period: Period, o?: SnapshotOptions): PhiSeries =>
  withSnapshot(
    db,
    (s: Snapshot) => {
      const ctx = sceneCtx(s, scope, period);
      return phiSeriesIn(s, ctx.scope, ctx.range);
    },
    o,
  );

/** Data health per rep per local day of the period (each day over the 28 days ending it). */
export const dataHealthSeries = (db: Db, scope: Scope, period: Period, o?: SnapshotOptions): DataHealthSeries =>
  withSnapshot(
    db,
    (s: Snapshot) => {
      const ctx = sceneCtx(s, scope, period);
      return healthSeriesIn(s, ctx.scope, ctx.range, s.thresholds.get('data_health_low', 'windowDays'));
    },
    o,
  );

/** The period a question is about: the given one, or the ISO week containing the snapshot's today. */
export const periodOrCurrentWeek = (s: Snapshot, scope: Scope | undefined, period: Period | undefined): Period =>
  period ?? currentWeek(s, resolveScope(s.db, s.regions, scope));

export { syncStateAsOf } from './as-of';

/** Bring the rollups up to date now (e.g. right after a sync) instead of on the next read. */
export const refreshAnalytics = (db: Db, now: number = Date.now()): RefreshStats =>
  db.transaction(() => refreshRollups(db, now)).immediate();
