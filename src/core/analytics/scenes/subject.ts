// The subject of an exception for its drill-down: the row itself (scalar columns) and its timeline — stage changes
// and activities, newest first — read through the subject's own indexes.
import type { ExceptionDetail, SubjectType } from '../../../shared/analytics/exceptions';
import type { Snapshot } from '../snapshot';
import { stmt } from '../statements';

const TABLE: Record<SubjectType, string> = { deal: 'deals', lead: 'leads', rep: 'reps', region: 'regions', account: 'accounts' };
const TIMELINE_LIMIT = 200;

type Scalar = string | number | null;

export function subjectRow(s: Snapshot, type: SubjectType, id: string): Record<string, Scalar> | null {
  const row = stmt(s.db, `SELECT * FROM ${TABLE[type]} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) return null;
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'string' || typeof v === 'number' ? v : v === null ? null : String(v)]),
  );
}

const ACTIVITY = `SELECT occurred_at AS at, 'activity' AS kind, id, kind || ': ' || summary AS text FROM activities`;
const TIMELINES: Partial<Record<SubjectType, string>> = {
  deal: `${ACTIVITY} WHERE deal_id = @id UNION ALL
    SELECT changed_at, 'stage_change', id, COALESCE(from_stage_id, '∅') || ' → ' || to_stage_id FROM stage_changes WHERE deal_id = @id`,
  lead: `${ACTIVITY} WHERE lead_id = @id UNION ALL
    SELECT assigned_at, 'lead', id, 'assigned to ' || COALESCE(assigned_rep_id, '?') FROM leads WHERE id = @id AND assigned_at IS NOT NULL`,
  rep: `SELECT * FROM (${ACTIVITY} WHERE rep_id = @id ORDER BY occurred_at DESC LIMIT ${TIMELINE_LIMIT})`,
  account: `${ACTIVITY} WHERE account_id = @id AND deal_id IS NULL AND lead_id IS NULL`,
};

export function subjectTimeline(s: Snapshot, type: SubjectType, id: string): ExceptionDetail['timeline'] {
  const sql = TIMELINES[type];
  if (!sql) return [];
  return stmt(s.db, `SELECT * FROM (${sql}) ORDER BY at DESC LIMIT ${TIMELINE_LIMIT}`).all({ id }) as ExceptionDetail['timeline'];
}
