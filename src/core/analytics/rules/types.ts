// The contract of an exception rule: evaluate the whole replica or only some subjects, and return what fired
// (findings) and which subjects were looked at (so occurrences of the others are left alone).
import type { Evidence, RuleKey, Severity, SubjectType } from '../../../shared/analytics/exceptions';
import type { Snapshot } from '../snapshot';

export interface Finding {
  rule: RuleKey;
  subjectType: SubjectType;
  subjectId: string;
  regionId: string;
  severity: Severity;
  /** When the condition became true according to the data (epoch ms). */
  since: number;
  evidence: Evidence;
}

export interface SubjectSets {
  deals: string[];
  leads: string[];
  reps: string[];
  regions: string[];
  accounts: string[];
}

/** Everything, or only the subjects a sync touched. */
export type Target = { all: true } | ({ all: false } & SubjectSets);

export interface RuleResult {
  findings: Finding[];
  /** Subject ids evaluated; 'all' = every subject of the rule. */
  evaluated: 'all' | string[];
}

export interface Rule {
  key: RuleKey;
  evaluate(s: Snapshot, target: Target): RuleResult;
}

export function finding(rule: RuleKey, subjectType: SubjectType, f: Omit<Finding, 'rule' | 'subjectType'>): Finding {
  return { rule, subjectType, ...f };
}

export function evidence(
  summary: string,
  facts: Evidence['facts'],
  thresholds: Evidence['thresholds'],
  rows: Evidence['rows'] = [],
): Evidence {
  return { summary, facts, thresholds, rows };
}

/** The result of a rule that evaluated `ids` of the target (or all). */
export function result(target: Target, ids: (t: SubjectSets) => string[], findings: Finding[]): RuleResult {
  return { findings, evaluated: target.all ? 'all' : ids(target) };
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;
