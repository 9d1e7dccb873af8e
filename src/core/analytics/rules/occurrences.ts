// Stores rule findings as exception occurrences and runs their local lifecycle. A finding with no live occurrence
// of its key opens one (remembering when the previous one cleared, so older acknowledgements do not apply to it);
// a live occurrence is refreshed while its condition holds and cleared — auto-resolved — once an evaluation that
// looked at its subject no longer finds it. A recurrence after that is a new occurrence.
import type { RuleKey } from '../../../shared/analytics/exceptions';
import type { Db } from '../../db/open';
import type { Finding, RuleResult } from './types';
import { stmt } from '../statements';

export interface StoreStats {
  opened: number;
  updated: number;
  cleared: number;
}

export interface LiveRow {
  id: number;
  key: string;
  subject_id: string;
}

export const exceptionKey = (rule: string, subjectId: string): string => `${rule}:${subjectId}`;

function liveOccurrences(db: Db, rule: RuleKey, evaluated: RuleResult['evaluated']): LiveRow[] {
  if (evaluated === 'all') {
    return stmt(db, 'SELECT id, key, subject_id FROM analytics_exception_occurrences WHERE rule = ? AND cleared_at IS NULL').all(
      rule,
    ) as LiveRow[];
  }
  const keys = JSON.stringify(evaluated.map((id) => exceptionKey(rule, id)));
  return stmt(
    db,
    'SELECT id, key, subject_id FROM analytics_exception_occurrences WHERE key IN (SELECT value FROM json_each(?)) AND cleared_at IS NULL',
  ).all(keys) as LiveRow[];
}

/**
 * Live occurrences of every rule for `subjectIds`, by rule: one read of the (subject_id) index for the results of
 * several rules that evaluated some subjects each (an incremental re-evaluation), instead of one read per rule.
 */
export function liveBySubject(db: Db, subjectIds: readonly string[]): Map<string, LiveRow[]> {
  const rows = stmt(
    db,
    `SELECT id, key, subject_id, rule FROM analytics_exception_occurrences
     WHERE subject_id IN (SELECT value FROM json_each(?)) AND cleared_at IS NULL ORDER BY key`,
  ).all(JSON.stringify(subjectIds)) as (LiveRow & { rule: string })[];
  const out = new Map<string, LiveRow[]>();
  for (const { rule, ...row } of rows) {
    const list = out.get(rule);
    if (list) list.push(row);
    else out.set(rule, [row]);
  }
  return out;
}

/**
 * Apply one rule's result at `now`; call inside a write transaction. `preloaded`: the live occurrences of the rule
 * for (at least) the subjects it evaluated, from liveBySubject; by default read here.
 */
export function storeResult(db: Db, rule: RuleKey, res: RuleResult, now: number, preloaded?: readonly LiveRow[]): StoreStats {
  const evaluated = res.evaluated === 'all' || !preloaded ? null : new Set(res.evaluated);
  const rows =
    evaluated && preloaded ? preloaded.filter((r) => evaluated.has(r.subject_id)) : liveOccurrences(db, rule, res.evaluated);
  const live = new Map(rows.map((r) => [r.key, r]));
  const update = stmt(
    db,
    'UPDATE analytics_exception_occurrences SET severity = ?, evidence = ?, region_id = ?, last_seen_at = ? WHERE id = ?',
  );
  const insert = stmt(
    db,
    `INSERT INTO analytics_exception_occurrences
       (key, rule, subject_type, subject_id, region_id, severity, evidence, since, opened_at, last_seen_at, after_ts)
     VALUES (@key, @rule, @subjectType, @subjectId, @regionId, @severity, @evidence, @since, @now, @now,
       COALESCE((SELECT MAX(cleared_at) FROM analytics_exception_occurrences WHERE key = @key), 0))`,
  );
  const clear = stmt(db, 'UPDATE analytics_exception_occurrences SET cleared_at = ? WHERE id = ?');
  const stats: StoreStats = { opened: 0, updated: 0, cleared: 0 };
  const found = new Set<string>();
  for (const f of res.findings) {
    const key = exceptionKey(f.rule, f.subjectId);
    if (found.has(key)) continue;
    found.add(key);
    const row = live.get(key);
    if (row) {
      update.run(f.severity, JSON.stringify(f.evidence), f.regionId, now, row.id);
      stats.updated++;
    } else {
      insert.run(occurrenceParams(f, key, now));
      stats.opened++;
    }
  }
  for (const row of live.values()) {
    if (found.has(row.key)) continue;
    clear.run(now, row.id);
    stats.cleared++;
  }
  return stats;
}

function occurrenceParams(f: Finding, key: string, now: number): Record<string, unknown> {
  return {
    key,
    rule: f.rule,
    subjectType: f.subjectType,
    subjectId: f.subjectId,
    regionId: f.regionId,
    severity: f.severity,
    evidence: JSON.stringify(f.evidence),
    since: Math.round(f.since),
    now,
  };
}
