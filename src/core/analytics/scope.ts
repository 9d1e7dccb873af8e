// Resolves a Scope (regions with their descendants, teams, reps) against the replica into the concrete regions
// and the optional rep filter every query takes, plus the per-region epoch-ms bounds of a local day range.
import type { ResolvedScope, Scope } from '../../shared/analytics/period';
import type { Db } from '../db/open';
import type { RegionInfo } from './reference';
import { MINUTE_MS, dayStart } from './time';
import { stmt } from './statements';

export interface ScopeCtx {
  /** Regions in scope that hold rows (a parent whose children are in scope only aggregates them). */
  regions: RegionInfo[];
  /** null: every rep of those regions. */
  repIds: string[] | null;
}

function descendants(all: readonly RegionInfo[], roots: readonly string[]): Set<string> {
  const out = new Set(roots.filter((id) => all.some((r) => r.id === id)));
  for (let grew = true; grew;) {
    grew = false;
    for (const r of all) {
      if (r.parentId === null || !out.has(r.parentId) || out.has(r.id)) continue;
      out.add(r.id);
      grew = true;
    }
  }
  return out;
}

export function resolveScope(db: Db, all: readonly RegionInfo[], scope: Scope = {}): ScopeCtx {
  const ids = scope.regionIds ? descendants(all, scope.regionIds) : new Set(all.map((r) => r.id));
  const parents = new Set(all.filter((r) => r.parentId !== null && ids.has(r.parentId)).map((r) => r.parentId));
  const regions = all.filter((r) => ids.has(r.id) && !parents.has(r.id));
  if (!scope.teams && !scope.repIds) return { regions, repIds: null };
  const inRegions = JSON.stringify(regions.map((r) => r.id));
  const teamReps = scope.teams
    ? (stmt(
        db,
        'SELECT id FROM reps WHERE region_id IN (SELECT value FROM json_each(?)) AND team IN (SELECT value FROM json_each(?))',
        'pluck',
      ).all(inRegions, JSON.stringify(scope.teams)) as string[])
    : [];
  return { regions, repIds: [...new Set([...teamReps, ...(scope.repIds ?? [])])].sort() };
}

export function publicScope(scope: ScopeCtx): ResolvedScope {
  return {
    regionIds: scope.regions.map((r) => r.id),
    repIds: scope.repIds,
    regions: scope.regions.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
  };
}

/** JSON parameters most queries take: @regions, @reps (null = no rep filter). */
export function scopeParams(scope: ScopeCtx): { regions: string; reps: string | null } {
  return { regions: JSON.stringify(scope.regions.map((r) => r.id)), reps: scope.repIds ? JSON.stringify(scope.repIds) : null };
}

/**
 * @bounds: one [region_id, from_ms, to_ms, off_ms] per region for local days [fromDay, toDay). Queries read it with
 * BOUNDS_CTE and CROSS JOIN it first, so each region is searched by its own (region_id, time) index range.
 */
export function boundsParam(scope: ScopeCtx, fromDay: number, toDay: number): string {
  return JSON.stringify(
    scope.regions.map((r) => [r.id, dayStart(fromDay, r.offsetMin), dayStart(toDay, r.offsetMin), r.offsetMin * MINUTE_MS]),
  );
}

export const BOUNDS_CTE = `b(region_id, from_ms, to_ms, off_ms) AS (
  SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(@bounds))`;

export const REP_FILTER = (column: string): string => `(@reps IS NULL OR ${column} IN (SELECT value FROM json_each(@reps)))`;
