// Lead rules: lead_unfollowed_24h at exactly 24 h (escalating to the manager), sleeping_lead at exactly 14 days, and
// lead_routing (open leads on a departed rep; an active rep starved for 7 days while a peer is overloaded).
import { describe, expect, it } from 'vitest';
import { DAY, Fixture, HOUR, NOW, at } from './fixture';
import { fired, live } from './rules-helpers';

describe('lead_unfollowed_24h', () => {
  it('fires for open assigned leads still untouched more than 24 h after assignment', () => {
    const f = new Fixture();
    f.rep({ id: 'rp-a', manager_id: 'rp-boss' });
    f.lead({ id: 'ld-24h', assigned_rep_id: 'rp-a', assigned_at: NOW - 24 * HOUR, status: 'new' });
    f.lead({ id: 'ld-late', assigned_rep_id: 'rp-a', assigned_at: NOW - 24 * HOUR - 1000, status: 'new' });
    f.lead({ id: 'ld-touched', assigned_rep_id: 'rp-a', assigned_at: NOW - 30 * HOUR, first_touch_at: NOW - 29 * HOUR });
    f.lead({ id: 'ld-unassigned', created_at: NOW - 3 * DAY, status: 'new' });
    f.lead({ id: 'ld-closed', assigned_rep_id: 'rp-a', assigned_at: NOW - 3 * DAY, status: 'disqualified' });
    expect(fired(f.db, 'lead_unfollowed_24h', NOW)).toEqual(['ld-late']);
    const item = live(f.db, 'lead_unfollowed_24h', NOW)[0];
    expect(item?.severity).toBe('critical');
    expect(item?.evidence.facts.escalateTo).toBe('rp-boss');
  });
});

describe('sleeping_lead', () => {
  it('fires for open leads without any sign of life for 14 days or more', () => {
    const f = new Fixture();
    const touched = (id: string, lastActivity: number | null, extra: Record<string, unknown> = {}) => {
      f.lead({ id, assigned_rep_id: 'rp-a', assigned_at: NOW - 40 * DAY, first_touch_at: NOW - 39 * DAY, ...extra });
      if (lastActivity !== null) f.activity({ lead_id: id, occurred_at: lastActivity });
    };
    touched('ld-14d', NOW - 14 * DAY);
    touched('ld-13d', NOW - 14 * DAY + 60_000);
    touched('ld-never', null); // last sign: its first touch 39 days ago
    touched('ld-converted', null, { status: 'converted' });
    f.lead({ id: 'ld-fresh', assigned_rep_id: 'rp-a', assigned_at: NOW - 2 * DAY, status: 'new' });
    expect(fired(f.db, 'sleeping_lead', NOW)).toEqual(['ld-14d', 'ld-never']);
  });
});

describe('lead_routing', () => {
  it('fires for a departed rep who still holds open leads', () => {
    const f = new Fixture();
    f.rep({ id: 'rp-gone', status: 'departed', departed_at: NOW - 30 * DAY });
    f.rep({ id: 'rp-gone-clean', status: 'departed', departed_at: NOW - 30 * DAY });
    f.lead({ assigned_rep_id: 'rp-gone', assigned_at: NOW - 7 * DAY, status: 'new' });
    f.lead({ assigned_rep_id: 'rp-gone-clean', assigned_at: NOW - 40 * DAY, status: 'disqualified' });
    expect(fired(f.db, 'lead_routing', NOW)).toEqual(['rp-gone']);
    const item = live(f.db, 'lead_routing', NOW)[0];
    expect(item?.severity).toBe('critical');
    expect(item?.evidence.facts).toMatchObject({ kind: 'departed', openLeads: 1, assignedAfterDeparture: 1 });
  });

  it('fires for a rep starved for 7 days while a peer holds more than twice the median backlog', () => {
    const f = new Fixture();
    for (const id of ['rp-a', 'rp-b', 'rp-c', 'rp-d']) f.rep({ id, hired_at: at('2024-01-01 09:00') });
    f.rep({ id: 'rp-new', hired_at: NOW - 3 * DAY }); // too new to be starved
    const give = (rep: string, n: number, assignedAt: number) => {
      for (let i = 0; i < n; i++) f.lead({ assigned_rep_id: rep, assigned_at: assignedAt, first_touch_at: assignedAt + HOUR });
    };
    give('rp-a', 9, NOW - DAY); // backlog 9
    give('rp-b', 2, NOW - 2 * DAY);
    give('rp-c', 2, NOW - 7 * DAY); // exactly 7 days ago: starved
    give('rp-d', 1, NOW - 7 * DAY + 60_000); // within 7 days: fine
    // Backlogs a 9, b 2, c 2, d 1 → median 2; 9 > 2 × 2.
    expect(fired(f.db, 'lead_routing', NOW)).toEqual(['rp-c']);
    expect(live(f.db, 'lead_routing', NOW)[0]?.evidence.facts).toMatchObject({
      kind: 'starved',
      peerId: 'rp-a',
      peerBacklog: 9,
      medianBacklog: 2,
    });
  });
});
