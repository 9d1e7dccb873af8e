// Test helper for the rule tests: run one rule (or all) at a given time and read back what is live.
import type Database from 'better-sqlite3';
import { listExceptions, scanExceptions } from '../../../../src/core/analytics';
import type { ExceptionItem, RuleKey } from '../../../../src/shared/analytics/exceptions';

/** Subject ids of the rule's unresolved exceptions after a full scan at `now`. */
export function fired(db: Database.Database, rule: RuleKey, now: number): string[] {
  scanExceptions(db, { now, rules: [rule] });
  return live(db, rule, now)
    .map((i) => i.subjectId)
    .sort();
}

export function live(db: Database.Database, rule: RuleKey, now: number): ExceptionItem[] {
  return listExceptions(db, { rules: [rule], includeSnoozed: true, limit: 5000 }, { now }).items;
}
