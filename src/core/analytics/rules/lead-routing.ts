// lead_routing, per rep: (a) a departed rep still holds open leads (critical; the evidence counts those assigned
// after the departure), or (b) an active rep (hired ≥ N days ago) got no new lead for N days while a peer of the
// same region holds an open-lead backlog > factor × the region's median (and ≥ a minimum). Region-wide by nature:
// re-evaluating one rep re-evaluates every rep of its region.
import type { Snapshot } from '../snapshot';
import { openLead } from '../sql';
import { DAY_MS } from '../time';
import { type Finding, type Rule, evidence, finding, round1 } from './types';
import { stmt } from '../statements';

interface RepLoad {
  id: string;
  regionId: string;
  status: string;
  hiredAt: number;
  departedAt: number | null;
  backlog: number;
  afterDeparture: number;
  lastLeadAt: number | null;
}

// Open backlogs come from the small per-rep lead cells, each rep's latest recent assignment from one probe of the
// (assigned_rep_id, assigned_at, region_id) index on leads, and — for departed reps holding leads — the count
// assigned after they left from the lead-state index: index reads only.
const LOADS = `
  WITH open AS (
    SELECT rep_id AS rep, SUM(open) AS n FROM analytics_lead_cells
    WHERE region_id IN (SELECT value FROM json_each(@regions)) GROUP BY rep_id)
  SELECT r.id, r.region_id AS regionId, r.status, r.hired_at AS hiredAt, r.departed_at AS departedAt,
    COALESCE(open.n, 0) AS backlog,
    (SELECT l.assigned_at FROM leads l INDEXED BY idx_leads_rep_assigned
      WHERE l.assigned_rep_id = r.id AND l.assigned_at > @since AND l.region_id IN (SELECT value FROM json_each(@regions))
      ORDER BY l.assigned_at DESC LIMIT 1) AS lastLeadAt,
    CASE WHEN r.status = 'departed' AND open.n > 0 THEN (
      SELECT COUNT(*) FROM analytics_lead_state l INDEXED BY idx_analytics_lead_state_open
      WHERE l.region_id = r.region_id AND ${openLead('l')} AND l.assigned_rep_id = r.id AND l.assigned_at > r.departed_at)
    ELSE 0 END AS afterDeparture
  FROM reps r LEFT JOIN open ON open.rep = r.id
  WHERE r.region_id IN (SELECT value FROM json_each(@regions)) ORDER BY r.id`;

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return 0;
  return ((v[Math.floor((v.length - 1) / 2)] as number) + (v[Math.ceil((v.length - 1) / 2)] as number)) / 2;
}

function departedFinding(rep: RepLoad): Finding {
  return finding('lead_routing', 'rep', {
    subjectId: rep.id,
    regionId: rep.regionId,
    severity: 'critical',
    since: rep.departedAt ?? 0,
    evidence: evidence(
      `Departed rep holds ${rep.backlog} open leads (${rep.afterDeparture} assigned after leaving)`,
      { kind: 'departed', openLeads: rep.backlog, assignedAfterDeparture: rep.afterDeparture, departedAt: rep.departedAt },
      {},
      [{ table: 'reps', id: rep.id }],
    ),
  });
}

function starvedFindings(s: Snapshot, regionId: string, reps: RepLoad[]): Finding[] {
  const days = s.thresholds.get('lead_routing', 'starvedDays', { regionId });
  const factor = s.thresholds.get('lead_routing', 'backlogFactor', { regionId });
  const minPeer = s.thresholds.get('lead_routing', 'minPeerBacklog', { regionId });
  const eligible = reps.filter((r) => r.status === 'active' && r.hiredAt <= s.now - days * DAY_MS);
  const med = median(eligible.map((r) => r.backlog));
  const peer = [...eligible].sort((a, b) => b.backlog - a.backlog)[0];
  if (!peer || peer.backlog <= factor * med || peer.backlog < minPeer) return [];
  return eligible
    .filter((r) => r.lastLeadAt === null || r.lastLeadAt <= s.now - days * DAY_MS)
    .map((r) =>
      finding('lead_routing', 'rep', {
        subjectId: r.id,
        regionId,
        severity: 'warning',
        since: (r.lastLeadAt ?? r.hiredAt) + days * DAY_MS,
        evidence: evidence(
          `No new lead for ${days}+ d while ${peer.id} holds ${peer.backlog} open leads (median ${med})`,
          {
            kind: 'starved',
            lastLeadAt: r.lastLeadAt,
            backlog: r.backlog,
            peerId: peer.id,
            peerBacklog: peer.backlog,
            medianBacklog: round1(med),
          },
          { starvedDays: days, backlogFactor: factor, minPeerBacklog: minPeer },
          [{ table: 'reps', id: r.id }],
        ),
      }),
    );
}

export const leadRouting: Rule = {
  key: 'lead_routing',
  evaluate(s, target) {
    const regions = target.all ? s.regions.map((r) => r.id) : [...new Set([...target.regions, ...repRegions(s, target.reps)])];
    const maxDays = Math.max(...regions.map((id) => s.thresholds.get('lead_routing', 'starvedDays', { regionId: id })), 0);
    const loads = stmt(s.db, LOADS).all({ regions: JSON.stringify(regions), since: s.now - maxDays * DAY_MS }) as RepLoad[];
    const departed = loads.filter((r) => r.status === 'departed' && r.backlog > 0).map(departedFinding);
    const starved = regions.flatMap((id) =>
      starvedFindings(
        s,
        id,
        loads.filter((r) => r.regionId === id),
      ),
    );
    return { findings: [...departed, ...starved], evaluated: target.all ? 'all' : loads.map((r) => r.id) };
  },
};

function repRegions(s: Snapshot, reps: string[]): string[] {
  if (reps.length === 0) return [];
  return stmt(s.db, 'SELECT DISTINCT region_id FROM reps WHERE id IN (SELECT value FROM json_each(?))', 'pluck').all(
    JSON.stringify(reps),
  ) as string[];
}
