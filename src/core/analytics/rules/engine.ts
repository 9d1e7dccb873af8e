// Runs the exception rules: a full scan of every subject, or a re-evaluation of only the subjects a sync touched.
// Both read one snapshot (rollups refreshed first) and store the findings as occurrences in the same transaction.
import type { AsOf } from '../../../shared/analytics/metrics';
import type { RuleKey } from '../../../shared/analytics/exceptions';
import type { Db } from '../../db/open';
import { type Snapshot, type SnapshotOptions, withSnapshot } from '../snapshot';
import { RULES } from './catalog';
import { type ChangeSet, affectedSubjects } from './incremental';
import { type StoreStats, liveBySubject, storeResult } from './occurrences';
import type { Target } from './types';

export interface ScanOptions extends SnapshotOptions {
  /** Only these rules (default: the whole catalog). */
  rules?: readonly RuleKey[];
}

export interface ScanReport extends StoreStats {
  asOf: AsOf;
  /** Live findings per rule after the evaluation. */
  findings: Partial<Record<RuleKey, number>>;
  ms: number;
}

function runRules(s: Snapshot, target: Target, only: readonly RuleKey[] | undefined, started: number): ScanReport {
  const report: ScanReport = { asOf: s.asOf, findings: {}, opened: 0, updated: 0, cleared: 0, ms: 0 };
  // Rules read the state tables, never the occurrences: evaluating all of them before storing any changes nothing,
  // and lets an incremental run read the live occurrences of every evaluated subject at once.
  const results = RULES.filter((rule) => !only || only.includes(rule.key)).map(
    (rule) => [rule.key, rule.evaluate(s, target)] as const,
  );
  const subjects = new Set(results.flatMap(([, res]) => (res.evaluated === 'all' ? [] : res.evaluated)));
  const live = target.all ? null : liveBySubject(s.db, [...subjects]);
  for (const [key, res] of results) {
    const stats = storeResult(s.db, key, res, s.now, res.evaluated === 'all' ? undefined : (live?.get(key) ?? []));
    report.findings[key] = res.findings.length;
    report.opened += stats.opened;
    report.updated += stats.updated;
    report.cleared += stats.cleared;
  }
  report.ms = performance.now() - started;
  return report;
}

/** Evaluate every rule for every subject (at startup and periodically: time alone makes leads late). */
export function scanExceptions(db: Db, options: ScanOptions = {}): ScanReport {
  const started = performance.now();
  return withSnapshot(db, (s) => runRules(s, { all: true }, options.rules, started), { ...options, write: true });
}

/** After a sync: re-evaluate only the subjects of the changed rows. */
export function reevaluateChanges(db: Db, changes: ChangeSet, options: ScanOptions = {}): ScanReport {
  const started = performance.now();
  return withSnapshot(db, (s) => runRules(s, { all: false, ...affectedSubjects(db, changes) }, options.rules, started), {
    ...options,
    write: true,
  });
}
