// Stores rule findings as exception occurrences and runs their local lifecycle. A finding with no live occurrence
// of its key opens one (remembering when the previous one cleared, so older acknowledgements do not apply to it);
// a live occurrence is refreshed while its condition holds and cleared — auto-resolved — once an evaluation that
// looked at its subject no longer finds it. A recurrence after that is a new occurrence.
import type { RuleKey } from '../../../shared/analytics/exceptions';
import type { Db } from '../../db/open';
import type { Finding, RuleResult } from './types';

export interface StoreStats {
  opened: number;
  updated: number;
  cleared: number;
}

interface LiveRow {
  id: number;
  key: string;
  subject_id: string;
}

export const exceptionKey = (rule: string, subjectId: string): string => `${rule}:${subjectId}`;

function liveOccurrences(db: Db, rule: RuleKey, evaluated: RuleResult['evaluated']): LiveRow[] {
  if (evaluated === 'all') {
    return db
      .prepare('SELECT id, key, subject_id FROM analytics_exception_occurrences WHERE rule = ? AND cleared_at IS NULL')
      .all(rule) as LiveRow[];
  }
  const keys = JSON.stringify(evaluated.map((id) => exceptionKey(rule, id)));
  return db
    .prepare(
      'SELECT id, key, subject_id FROM analytics_exception_occurrences WHERE key IN (SELECT value FROM json_each(?)) AND cleared_at IS NULL',
    )
    .all(keys) as LiveRow[];
}

/** Apply one rule's result at `now`; call inside a write transaction. */
export function storeResult(db: Db, rule: RuleKey, res: RuleResult, now: number): StoreStats {
  const live = new Map(liveOccurrences(db, rule, res.evaluated).map((r) => [r.key, r]));
  const update = db.prepare(
    'UPDATE analytics_exception_occurrences SET severity = ?, evidence = ?, region_id = ?, last_seen_at = ? WHERE id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO analytics_exception_occurrences
       (key, rule, subject_type, subject_id, region_id, severity, evidence, since, opened_at, last_seen_at, after_ts)
     VALUES (@key, @rule, @subjectType, @subjectId, @regionId, @severity, @evidence, @since, @now, @now,
       COALESCE((SELECT MAX(cleared_at) FROM analytics_exception_occurrences WHERE key = @key), 0))`,
  );
  const clear = db.prepare('UPDATE analytics_exception_occurrences SET cleared_at = ? WHERE id = ?');
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
