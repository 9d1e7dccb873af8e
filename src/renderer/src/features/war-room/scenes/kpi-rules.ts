// Which exception rules explain each headline figure: drilling into a KPI tile lists the exceptions that move it
// (e.g. win rate ← regressions, flapping, demos without feedback). Keys follow HEADLINE_KEYS of the core.
import type { RuleKey } from '../../../../../shared/analytics/exceptions';
import type { HeadlineKey } from '../../../../../shared/analytics/metrics';

export const KPI_RULES: Record<HeadlineKey, readonly RuleKey[]> = {
  wonAmount: ['stage_overdue', 'stage_regression', 'demo_no_feedback_48h', 'next_step_overdue'],
  attainmentRevenue: ['stage_overdue', 'stage_regression', 'demo_no_feedback_48h', 'next_step_overdue'],
  winRate: ['stage_regression', 'stage_flapping', 'demo_no_feedback_48h'],
  pipelineCoverage: ['sleeping_lead', 'stage_overdue', 'lead_unfollowed_24h'],
  newDeals: ['lead_unfollowed_24h', 'sleeping_lead', 'lead_routing'],
  effectiveFollowUpsPerRepDay: ['busy_not_effective', 'next_step_overdue'],
  highValueRatio: ['busy_not_effective', 'demo_no_feedback_48h'],
  phi: ['phi_drop', 'demo_no_feedback_48h', 'missing_required_fields', 'lead_unfollowed_24h'],
  dataHealth: ['data_health_low', 'missing_required_fields'],
  leadResponseWithin24h: ['lead_unfollowed_24h', 'lead_routing'],
  stageOverdueRate: ['stage_overdue'],
};
