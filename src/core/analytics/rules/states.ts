// Exception occurrences as the team sees them: each occurrence merged with the replicated exception_states row of
// its key. A state row applies to an occurrence only if written after the previous occurrence of the key cleared
// (after_ts), so an old acknowledgement never silences a recurrence. Status: cleared → resolved (auto, or manual
// when someone resolved it first); else the state row's resolved / acknowledged; else open.
import type { ExceptionFilter, ExceptionItem, ExceptionStatus, Severity } from '../../../shared/analytics/exceptions';
import type { Snapshot } from '../snapshot';
import type { ScopeCtx } from '../scope';
import { stmt } from '../statements';

export const MERGED = `
  SELECT o.id, o.key, o.rule, o.subject_type, o.subject_id, o.region_id, o.severity, o.evidence, o.since, o.opened_at,
    o.last_seen_at, o.cleared_at, es.owner, es.note, es.snoozed_until,
    CASE WHEN o.cleared_at IS NOT NULL OR es.status = 'resolved' THEN 'resolved'
         WHEN es.status = 'acknowledged' THEN 'acknowledged' ELSE 'open' END AS status,
    CASE WHEN es.status = 'resolved' AND (o.cleared_at IS NULL OR es.updated_at <= o.cleared_at) THEN 'manual'
         WHEN o.cleared_at IS NOT NULL THEN 'auto' END AS resolution,
    CASE WHEN es.status = 'resolved' AND (o.cleared_at IS NULL OR es.updated_at <= o.cleared_at) THEN es.updated_at
         ELSE o.cleared_at END AS resolved_at,
    (o.cleared_at IS NULL AND es.status = 'acknowledged' AND COALESCE(es.snoozed_until, 0) > @now) AS snoozed,
    CASE o.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END AS severity_rank
  FROM analytics_exception_occurrences o LEFT JOIN exception_states es ON es.id = o.key AND es.updated_at > o.after_ts`;

export interface MergedRow {
  id: number;
  key: string;
  rule: ExceptionItem['rule'];
  subject_type: ExceptionItem['subjectType'];
  subject_id: string;
  region_id: string;
  severity: Severity;
  evidence: string;
  since: number;
  opened_at: number;
  last_seen_at: number;
  cleared_at: number | null;
  owner: string | null;
  note: string | null;
  snoozed_until: number | null;
  status: ExceptionStatus;
  resolution: 'auto' | 'manual' | null;
  resolved_at: number | null;
  snoozed: number;
}

export function toItem(r: MergedRow): ExceptionItem {
  return {
    key: r.key,
    occurrenceId: r.id,
    rule: r.rule,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    regionId: r.region_id,
    severity: r.severity,
    status: r.status,
    resolution: r.resolution,
    since: r.since,
    openedAt: r.opened_at,
    lastSeenAt: r.last_seen_at,
    resolvedAt: r.resolved_at,
    owner: r.owner,
    note: r.note,
    snoozedUntil: r.snoozed_until,
    snoozed: r.snoozed === 1,
    evidence: JSON.parse(r.evidence) as ExceptionItem['evidence'],
  };
}

/** Occurrences of the scope's regions; a scope narrowed to reps keeps their own, their deals' and their leads'. */
export function scopeClause(scope: ScopeCtx): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = { regions: JSON.stringify(scope.regions.map((r) => r.id)) };
  let sql = 'm.region_id IN (SELECT value FROM json_each(@regions))';
  if (scope.repIds) {
    params.reps = JSON.stringify(scope.repIds);
    sql += ` AND ((m.subject_type = 'rep' AND m.subject_id IN (SELECT value FROM json_each(@reps)))
      OR (m.subject_type = 'deal' AND (SELECT owner_rep_id FROM deals WHERE id = m.subject_id) IN (SELECT value FROM json_each(@reps)))
      OR (m.subject_type = 'lead' AND (SELECT assigned_rep_id FROM leads WHERE id = m.subject_id) IN (SELECT value FROM json_each(@reps))))`;
  }
  return { sql, params };
}

const inList = (column: string, name: string, values: readonly string[] | undefined, params: Record<string, string>): string => {
  if (!values) return '';
  params[name] = JSON.stringify(values);
  return ` AND ${column} IN (SELECT value FROM json_each(@${name}))`;
};

/** The filtered, sorted page of occurrences (most severe, then most recent first) and the total matching. */
export function queryExceptions(s: Snapshot, scope: ScopeCtx, f: ExceptionFilter): { total: number; items: ExceptionItem[] } {
  const { sql: scopeSql, params } = scopeClause(scope);
  // Only the live occurrences unless resolved ones are asked for: the partial index keeps that read small.
  const wantsResolved = f.statuses?.includes('resolved') ?? false;
  let where = `${scopeSql}${wantsResolved ? '' : ' AND m.cleared_at IS NULL'}`;
  where += inList('m.status', 'statuses', f.statuses ?? ['open', 'acknowledged'], params);
  where += inList('m.rule', 'rules', f.rules, params);
  where += inList('m.severity', 'severities', f.severities, params);
  where += inList('m.subject_id', 'subjects', f.subjectIds, params);
  if (!f.includeSnoozed) where += ' AND m.snoozed = 0';
  const base = `WITH m AS (${MERGED}) SELECT * FROM m WHERE ${where}`;
  const all = { ...params, now: s.now };
  const total = stmt(s.db, `SELECT COUNT(*) FROM (${base})`, 'pluck').get(all) as number;
  const rows = stmt(s.db, `${base} ORDER BY m.severity_rank, m.since DESC, m.id DESC LIMIT @limit OFFSET @offset`).all({
    ...all,
    limit: f.limit ?? 200,
    offset: f.offset ?? 0,
  }) as MergedRow[];
  return { total, items: rows.map(toItem) };
}

/** Unresolved, not snoozed occurrences of the scope by severity. */
export function unresolvedBySeverity(s: Snapshot, scope: ScopeCtx): Record<Severity, number> {
  const { sql, params } = scopeClause(scope);
  const rows = stmt(
    s.db,
    `WITH m AS (${MERGED}) SELECT m.severity, COUNT(*) AS n FROM m WHERE ${sql} AND m.cleared_at IS NULL AND m.status <> 'resolved' AND m.snoozed = 0 GROUP BY m.severity`,
  ).all({ ...params, now: s.now }) as { severity: Severity; n: number }[];
  const out: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const r of rows) out[r.severity] = r.n;
  return out;
}
