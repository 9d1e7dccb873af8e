// Exception thresholds: the defaults of the catalog (docs/metrics.md) and overrides stored in the replica
// (analytics_thresholds), per region and/or per stage. Most specific wins: region+stage, region, stage, default.
import type { Threshold } from '../../../shared/analytics/exceptions';
import type { Db } from '../../db/open';

/** Defaults per rule and parameter. stage_overdue.maxDwellDays defaults to the stage's own max_dwell_days. */
export const DEFAULT_THRESHOLDS = {
  stage_overdue: { maxDwellDays: Number.NaN, criticalFactor: 2 },
  stage_regression: { lookbackDays: 90 },
  stage_flapping: { minChanges: 5, windowDays: 7, lookbackDays: 30 },
  lead_unfollowed_24h: { hours: 24 },
  sleeping_lead: { days: 14 },
  demo_no_feedback_48h: { hours: 48 },
  missing_required_fields: {},
  next_step_overdue: { graceHours: 0 },
  phi_drop: { days: 3, dropPct: 15 },
  data_health_low: { minScore: 80, windowDays: 28, minRecords: 5 },
  lead_routing: { starvedDays: 7, backlogFactor: 2, minPeerBacklog: 3 },
  busy_not_effective: { windowDays: 14, firstContactShare: 0.8, minActivities: 10 },
  phi: { weightKeyActions: 1, weightQuality: 1, weightResponse: 1 },
} as const satisfies Record<string, Record<string, number>>;

export type ThresholdRule = keyof typeof DEFAULT_THRESHOLDS;
export type ThresholdParam<R extends ThresholdRule> = keyof (typeof DEFAULT_THRESHOLDS)[R] & string;

export interface Thresholds {
  /** The value for a region (and stage), falling back to `fallback` (else the default) when nothing overrides it. */
  get<R extends ThresholdRule>(
    rule: R,
    param: ThresholdParam<R>,
    where?: { regionId?: string; stageId?: string },
    fallback?: number,
  ): number;
  overrides: readonly Threshold[];
}

interface OverrideRow {
  rule: string;
  param: string;
  region_id: string;
  stage_id: string;
  value: number;
}

export function loadThresholds(db: Db): Thresholds {
  const rows = db.prepare('SELECT rule, param, region_id, stage_id, value FROM analytics_thresholds').all() as OverrideRow[];
  const map = new Map(rows.map((r) => [`${r.rule}|${r.param}|${r.region_id}|${r.stage_id}`, r.value]));
  return {
    get(rule, param, where = {}, fallback) {
      const region = where.regionId ?? '*';
      const stage = where.stageId ?? '*';
      for (const [r, s] of [
        [region, stage],
        [region, '*'],
        ['*', stage],
        ['*', '*'],
      ]) {
        const value = map.get(`${rule}|${param}|${r}|${s}`);
        if (value !== undefined) return value;
      }
      return fallback ?? (DEFAULT_THRESHOLDS[rule] as Record<string, number>)[param] ?? Number.NaN;
    },
    overrides: rows.map((r) => ({
      rule: r.rule,
      param: r.param,
      regionId: r.region_id === '*' ? null : r.region_id,
      stageId: r.stage_id === '*' ? null : r.stage_id,
      value: r.value,
      source: 'override' as const,
    })),
  };
}

/** Every default, then every override, for the settings screen. */
export function listThresholds(db: Db): Threshold[] {
  const defaults: Threshold[] = Object.entries(DEFAULT_THRESHOLDS).flatMap(([rule, params]) =>
    Object.entries(params as Record<string, number>)
      .filter(([, value]) => Number.isFinite(value))
      .map(([param, value]) => ({ rule, param, regionId: null, stageId: null, value, source: 'default' as const })),
  );
  return [...defaults, ...loadThresholds(db).overrides];
}

export interface ThresholdOverride {
  rule: ThresholdRule;
  param: string;
  regionId?: string | null;
  stageId?: string | null;
  /** null removes the override. */
  value: number | null;
}

/** Parameters the daily rollups depend on: changing them rebuilds the affected regions' rollups. */
const ROLLUP_PARAMS = new Set(['demo_no_feedback_48h|hours', 'lead_unfollowed_24h|hours']);

export function setThresholdOverride(db: Db, o: ThresholdOverride, now: number): void {
  if (!Object.hasOwn(DEFAULT_THRESHOLDS[o.rule], o.param)) throw new Error(`unknown threshold ${o.rule}.${o.param}`);
  if (o.value !== null && !Number.isFinite(o.value)) throw new Error(`threshold ${o.rule}.${o.param} must be a finite number`);
  const key = [o.rule, o.param, o.regionId ?? '*', o.stageId ?? '*'];
  db.transaction(() => {
    if (o.value === null) {
      db.prepare('DELETE FROM analytics_thresholds WHERE rule = ? AND param = ? AND region_id = ? AND stage_id = ?').run(...key);
    } else {
      db.prepare(
        `INSERT INTO analytics_thresholds (rule, param, region_id, stage_id, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (rule, param, region_id, stage_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(...key, o.value, now);
    }
    if (ROLLUP_PARAMS.has(`${o.rule}|${o.param}`)) {
      const regions = o.regionId ? [o.regionId] : (db.prepare('SELECT id FROM regions').pluck().all() as string[]);
      const mark = db.prepare(
        "INSERT INTO analytics_dirty_day (region_id, day, rep_id) VALUES (?, -1, '*') ON CONFLICT DO NOTHING",
      );
      for (const region of regions) mark.run(region);
    }
  })();
}
