// Lead first response of a period by lead source and by rep: leads assigned, touched, the share touched within the
// region's threshold (24 h by default; untouched leads count as late) and the median hours to the first touch.
import type { LeadResponseBreakdown } from '../../../shared/analytics/breakdowns';
import type { Period, Scope } from '../../../shared/analytics/period';
import { type LeadResponseRow, leadResponse } from '../metrics/lead-response';
import { sceneCtx } from '../scenes/common';
import type { Snapshot } from '../snapshot';
import { ratio } from '../sql';

const row = (r: LeadResponseRow): LeadResponseBreakdown['bySource'][number] => ({
  key: r.key,
  assigned: r.assigned,
  touched: r.touched,
  within: ratio(r.onTime, r.assigned),
  medianHours: r.medianHours,
});

export function leadResponseBreakdown(s: Snapshot, scope: Scope | undefined, period: Period): LeadResponseBreakdown {
  const ctx = sceneCtx(s, scope, period);
  return {
    ...ctx.header,
    bySource: leadResponse(s, ctx.scope, ctx.range, 'source').map(row),
    byRep: leadResponse(s, ctx.scope, ctx.range, 'rep').map(row),
  };
}
