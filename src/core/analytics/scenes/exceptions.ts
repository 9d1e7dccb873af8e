// Exception scenes: the wall's board (unresolved counts by rule and region, newest critical ones), the drill-down
// list with filters, and one exception's detail (its occurrences, the subject row and the subject's timeline).
import type { ExceptionDetail, ExceptionFilter, ExceptionList, RuleKey } from '../../../shared/analytics/exceptions';
import type { Scope } from '../../../shared/analytics/period';
import type { ExceptionsBoard } from '../../../shared/analytics/scenes';
import { MERGED, type MergedRow, queryExceptions, scopeClause, toItem } from '../rules/states';
import type { Snapshot } from '../snapshot';
import { publicScope, resolveScope } from '../scope';
import { subjectRow, subjectTimeline } from './subject';
import { stmt } from '../statements';

export function exceptionsBoard(s: Snapshot, scope: Scope | undefined, newest = 10): ExceptionsBoard {
  const ctx = resolveScope(s.db, s.regions, scope);
  const { sql, params } = scopeClause(ctx);
  const counts = stmt(
    s.db,
    `WITH m AS (${MERGED}) SELECT m.rule, m.region_id AS regionId, TOTAL(m.status = 'open') AS open, TOTAL(m.status = 'acknowledged') AS acknowledged
       FROM m WHERE ${sql} AND m.cleared_at IS NULL AND m.status <> 'resolved' AND m.snoozed = 0 GROUP BY m.rule, m.region_id ORDER BY m.rule, m.region_id`,
  ).all({ ...params, now: s.now }) as { rule: RuleKey; regionId: string; open: number; acknowledged: number }[];
  const critical = queryExceptions(s, ctx, { severities: ['critical'], limit: newest });
  return {
    asOf: s.asOf,
    scope: publicScope(ctx),
    counts,
    totals: {
      open: counts.reduce((n, c) => n + c.open, 0),
      acknowledged: counts.reduce((n, c) => n + c.acknowledged, 0),
      critical: critical.total,
    },
    newestCritical: critical.items,
  };
}

export function listExceptions(s: Snapshot, filter: ExceptionFilter = {}): ExceptionList {
  const ctx = resolveScope(s.db, s.regions, filter.scope);
  return { asOf: s.asOf, ...queryExceptions(s, ctx, filter) };
}

/** null when no occurrence of `key` exists. */
export function exceptionDetail(s: Snapshot, key: string): ExceptionDetail | null {
  const rows = stmt(s.db, `WITH m AS (${MERGED}) SELECT * FROM m WHERE m.key = @key ORDER BY m.id DESC`).all({
    key,
    now: s.now,
  }) as MergedRow[];
  const [current, ...history] = rows.map(toItem);
  if (!current) return null;
  return {
    asOf: s.asOf,
    current,
    history,
    subject: subjectRow(s, current.subjectType, current.subjectId),
    timeline: subjectTimeline(s, current.subjectType, current.subjectId),
  };
}
