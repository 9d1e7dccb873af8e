// The reps of a scope and the working days each was employed in a period: the denominator of "effective
// follow-ups per rep per day". Working days are Monday–Friday; a period without one (a weekend day) counts its
// calendar days instead, so a Saturday still has a per-rep figure.
import type { Snapshot } from '../snapshot';
import type { ScopeCtx } from '../scope';
import { cachedRef } from '../ref-cache';
import { localDay, workingDays } from '../time';
import { stmt } from '../statements';

export interface RepRow {
  id: string;
  regionId: string;
  name: string;
  team: string;
  status: string;
  hiredAt: number;
  departedAt: number | null;
}

// Every rep of a known region, in (region_id, id) order; loaded once per version of the reps table.
const ALL_REPS = `
  SELECT id, region_id AS regionId, name, team, status, hired_at AS hiredAt, departed_at AS departedAt FROM reps
  WHERE region_id IN (SELECT id FROM regions) ORDER BY region_id, id`;

/** The scope's reps in (region_id, id) order. Shared rows: do not mutate. */
export function scopedReps(s: Snapshot, scope: ScopeCtx): RepRow[] {
  const all = cachedRef(s.db, 'reps', () => stmt(s.db, ALL_REPS).all() as RepRow[]);
  const regions = new Set(scope.regions.map((r) => r.id));
  const reps = scope.repIds ? new Set(scope.repIds) : null;
  return all.filter((rep) => regions.has(rep.regionId) && (reps === null || reps.has(rep.id)));
}

/** Days of [fromDay, toDay) the rep was employed (hire day and last day included) that count as working days. */
export function repWorkingDays(rep: RepRow, offsetMin: number, fromDay: number, toDay: number): number {
  const first = Math.max(fromDay, localDay(rep.hiredAt, offsetMin));
  const last = Math.min(toDay, rep.departedAt === null ? toDay : localDay(rep.departedAt, offsetMin) + 1);
  if (last <= first) return 0;
  return workingDays(fromDay, toDay) > 0 ? workingDays(first, last) : last - first;
}

/** Σ repWorkingDays per region id. */
export function workingDaysByRegion(
  s: Snapshot,
  scope: ScopeCtx,
  reps: readonly RepRow[],
  fromDay: number,
  toDay: number,
): Map<string, number> {
  const offsets = new Map(scope.regions.map((r) => [r.id, r.offsetMin]));
  const out = new Map<string, number>();
  for (const rep of reps) {
    const days = repWorkingDays(rep, offsets.get(rep.regionId) ?? 0, fromDay, toDay);
    out.set(rep.regionId, (out.get(rep.regionId) ?? 0) + days);
  }
  return out;
}
