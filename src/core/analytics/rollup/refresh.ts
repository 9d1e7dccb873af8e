// Brings the derived analytics tables up to date with the raw rows: the triggers of migration 0004 mark what
// changed — (region, local day, rep) triples, deals (fully, or only their activities) and leads — and this
// recomputes exactly those and clears the marks. Runs inside the caller's transaction, so the derived tables and
// the raw rows a reader sees always belong to the same snapshot.
import type { Db } from '../../db/open';
import { demoStageIds, loadRegions, loadStages } from '../reference';
import { loadThresholds } from '../rules/thresholds';
import { rebuildDeals, refreshDealActivity } from './deal-visits';
import { rebuildLeads } from './lead-state';
import { type RegionRollupParams, rebuildRegionDays, rebuildRepDays } from './rep-day';
import { stmt } from '../statements';

/** Past this many marked deals (or leads) one full rebuild is cheaper than rebuilding them in chunks. */
const FULL_REBUILD = 20_000;
const CHUNK = 2_000;
/** Local days 0 … 1,000,000 cover every epoch-ms timestamp until the year 4707. */
const ALL_DAYS: [number, number] = [0, 1_000_000];

export interface RefreshStats {
  days: number;
  deals: number;
  leads: number;
}

export function isDirty(db: Db): boolean {
  const sql = `SELECT EXISTS (SELECT 1 FROM analytics_dirty_day) OR EXISTS (SELECT 1 FROM analytics_dirty_deal)
    OR EXISTS (SELECT 1 FROM analytics_dirty_lead)`;
  return stmt(db, sql, 'pluck').get() === 1;
}

/** Regions marked for a whole rebuild (day -1): their deals and leads are rebuilt too, as nothing finer was marked. */
function rebuildWholeRegions(db: Db): void {
  const regions = stmt(
    db,
    "SELECT region_id FROM analytics_dirty_day WHERE day = -1 AND rep_id = '*'",
    'pluck',
  ).all() as string[];
  if (regions.length === 0) return;
  const all = (stmt(db, 'SELECT COUNT(*) FROM regions', 'pluck').get() as number) <= regions.length;
  const ids = (table: string): string[] | null =>
    all
      ? null
      : (stmt(db, `SELECT id FROM ${table} WHERE region_id IN (SELECT value FROM json_each(?))`, 'pluck').all(
          JSON.stringify(regions),
        ) as string[]);
  const deals = ids('deals');
  const leads = ids('leads');
  rebuildInChunks(db, deals, rebuildDeals);
  rebuildInChunks(db, leads, rebuildLeads);
}

function rebuildInChunks(db: Db, ids: readonly string[] | null, rebuild: (db: Db, ids: readonly string[] | null) => void): void {
  if (ids === null || ids.length > FULL_REBUILD) rebuild(db, null);
  else for (let i = 0; i < ids.length; i += CHUNK) rebuild(db, ids.slice(i, i + CHUNK));
}

export function refreshRollups(db: Db, now: number): RefreshStats {
  // Nothing marked: not a single write, so an up-to-date replica costs three index probes.
  if (!isDirty(db)) return { days: 0, deals: 0, leads: 0 };
  rebuildWholeRegions(db);
  const deals = refreshEntities(db, 'SELECT deal_id FROM analytics_dirty_deal WHERE full = 1', rebuildDeals);
  // Deals whose activities alone changed only need their latest activity and feedback refreshed.
  const touched = refreshEntities(db, 'SELECT deal_id FROM analytics_dirty_deal WHERE full = 0', (d, ids) =>
    ids ? refreshDealActivity(d, ids) : rebuildDeals(d, null),
  );
  stmt(db, 'DELETE FROM analytics_dirty_deal').run();
  const leads = refreshEntities(db, 'SELECT lead_id FROM analytics_dirty_lead', rebuildLeads);
  stmt(db, 'DELETE FROM analytics_dirty_lead').run();
  const days = refreshDays(db, now);
  return { days, deals: deals + touched, leads };
}

/** Rebuild the marked deals (or leads) of `marked` in chunks, or all of them at once when there are many. */
function refreshEntities(db: Db, marked: string, rebuild: (db: Db, ids: readonly string[] | null) => void): number {
  const ids = stmt(db, marked, 'pluck').all() as string[];
  if (ids.length > 0) rebuildInChunks(db, ids, rebuild);
  return ids.length;
}

/** Past this many reps marked on one region-day, recomputing the whole region-day is cheaper. */
const WHOLE_DAY_REPS = 24;

interface Mark {
  region_id: string;
  day: number;
  rep_id: string;
}

function regionParams(db: Db, now: number): (regionId: string) => RegionRollupParams & { known: boolean } {
  const regions = new Map(loadRegions(db).map((r) => [r.id, r]));
  const thresholds = loadThresholds(db);
  const demoStages = demoStageIds(loadStages(db));
  return (regionId) => ({
    regionId,
    known: regions.has(regionId),
    offsetMin: regions.get(regionId)?.offsetMin ?? 0,
    demoStageIds: demoStages,
    feedbackHours: thresholds.get('demo_no_feedback_48h', 'hours', { regionId }),
    leadHours: thresholds.get('lead_unfollowed_24h', 'hours', { regionId }),
    now,
  });
}

function refreshDays(db: Db, now: number): number {
  const marks = stmt(db, 'SELECT region_id, day, rep_id FROM analytics_dirty_day ORDER BY region_id, day').all() as Mark[];
  if (marks.length === 0) return 0;
  const paramsOf = regionParams(db, now);
  for (const [regionId, days] of groupMarks(marks)) {
    const params = paramsOf(regionId);
    // A region that is gone keeps no rollups; day -1 (offset or stages changed) rebuilds all of its days.
    if (!params.known || days.has(-1)) {
      rebuildRepDays(db, params, ALL_DAYS[0], ALL_DAYS[1]);
      rebuildRegionDays(db, regionId, ALL_DAYS[0], ALL_DAYS[1], now);
      continue;
    }
    const whole = [...days].filter(([, reps]) => reps.has('*') || reps.size > WHOLE_DAY_REPS).map(([day]) => day);
    for (const [from, to] of dayRanges(whole)) rebuildRepDays(db, params, from, to);
    for (const [day, reps] of days) if (!whole.includes(day)) rebuildRepDays(db, params, day, day + 1, [...reps]);
    for (const [from, to] of dayRanges([...days.keys()])) rebuildRegionDays(db, regionId, from, to, now);
  }
  stmt(db, 'DELETE FROM analytics_dirty_day').run();
  return marks.length;
}

/** region → day → reps marked. */
function groupMarks(marks: readonly Mark[]): Map<string, Map<number, Set<string>>> {
  const out = new Map<string, Map<number, Set<string>>>();
  for (const m of marks) {
    const days = out.get(m.region_id) ?? new Map<number, Set<string>>();
    days.set(m.day, (days.get(m.day) ?? new Set<string>()).add(m.rep_id));
    out.set(m.region_id, days);
  }
  return out;
}

/** Sorted day numbers → half-open ranges of consecutive days. */
export function dayRanges(days: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const day of days) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === day) last[1] = day + 1;
    else ranges.push([day, day + 1]);
  }
  return ranges;
}
