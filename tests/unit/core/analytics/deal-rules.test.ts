// Deal rules on hand-built deals: stage_overdue at exactly max dwell, per-stage and per-region overrides;
// missing_required_fields; demo_no_feedback_48h at exactly 48 h; next_step_overdue on deals, leads and accounts.
import { describe, expect, it } from 'vitest';
import { setThresholdOverride } from '../../../../src/core/analytics';
import { DAY, Fixture, HOUR, NOW } from './fixture';
import { fired, live } from './rules-helpers';

describe('stage_overdue', () => {
  it('fires only past the stage max dwell (14 d for 初步接触), for open deals', () => {
    const f = new Fixture();
    f.dealPath([['st-initial', NOW - 14 * DAY]], { id: 'dl-exact' });
    f.dealPath([['st-initial', NOW - 14 * DAY - 1000]], { id: 'dl-late' });
    f.dealPath([['st-initial', NOW - 40 * DAY]], { id: 'dl-won', status: 'won', closed_at: NOW - DAY });
    f.dealPath([['st-initial', NOW - 40 * DAY]], { id: 'dl-very-late' });
    expect(fired(f.db, 'stage_overdue', NOW)).toEqual(['dl-late', 'dl-very-late']);
    const items = new Map(live(f.db, 'stage_overdue', NOW).map((i) => [i.subjectId, i]));
    expect(items.get('dl-very-late')?.severity).toBe('critical'); // > 2 × max dwell
    expect(items.get('dl-late')?.evidence.thresholds.maxDwellDays).toBe(14);
    expect(items.get('dl-late')?.since).toBe(NOW - 1000);
  });

  it('takes per-stage and per-region overrides', () => {
    const f = new Fixture();
    f.dealPath([['st-initial', NOW - 10 * DAY]], { id: 'dl-10d' });
    expect(fired(f.db, 'stage_overdue', NOW)).toEqual([]);
    setThresholdOverride(f.db, { rule: 'stage_overdue', param: 'maxDwellDays', stageId: 'st-initial', value: 7 }, NOW);
    expect(fired(f.db, 'stage_overdue', NOW)).toEqual(['dl-10d']);
    setThresholdOverride(
      f.db,
      { rule: 'stage_overdue', param: 'maxDwellDays', regionId: 'rg-east', stageId: 'st-initial', value: 12 },
      NOW,
    );
    expect(fired(f.db, 'stage_overdue', NOW)).toEqual([]);
  });
});

describe('missing_required_fields', () => {
  it('fires for open deals lacking a field their current stage requires (absent, null or empty)', () => {
    const f = new Fixture();
    f.dealPath([['st-needs', NOW - DAY]], { id: 'dl-ok', fields: { contact_name: 'a', budget: 1 } });
    f.dealPath([['st-needs', NOW - DAY]], { id: 'dl-absent', fields: { contact_name: 'a' } });
    f.dealPath([['st-needs', NOW - DAY]], { id: 'dl-null', fields: { contact_name: 'a', budget: null } });
    f.dealPath([['st-needs', NOW - DAY]], { id: 'dl-lost', fields: {}, status: 'lost', closed_at: NOW - HOUR });
    expect(fired(f.db, 'missing_required_fields', NOW)).toEqual(['dl-absent', 'dl-null']);
    expect(live(f.db, 'missing_required_fields', NOW)[0]?.evidence.facts.missingFields).toBe('budget');
  });
});

describe('demo_no_feedback_48h', () => {
  const setup = () => {
    const f = new Fixture();
    const demo = (id: string, entered: number, feedbackAt: number | null, tag = '客户反馈') => {
      f.dealPath(
        [
          ['st-needs', entered - 5 * DAY],
          ['st-demo', entered],
        ],
        { id, fields: { contact_name: 'a', budget: 1, demo_date: 'x' } },
      );
      if (feedbackAt !== null) f.activity({ deal_id: id, kind: 'call', tags: [tag], occurred_at: feedbackAt });
    };
    const entered = NOW - 72 * HOUR;
    demo('dl-on-time', entered, entered + 48 * HOUR); // exactly 48 h
    demo('dl-late-feedback', entered, entered + 48 * HOUR + 1000);
    demo('dl-none', entered, null);
    demo('dl-other-tag', entered, entered + HOUR, '需求挖掘');
    demo('dl-young', NOW - 47 * HOUR, null); // not yet 48 h in the stage
    demo('dl-just-due', NOW - 48 * HOUR, null); // exactly 48 h in the stage, nothing logged
    return f;
  };

  it('fires when no 客户反馈 followed within 48 h of entering the demo stage', () => {
    expect(fired(setup().db, 'demo_no_feedback_48h', NOW)).toEqual([
      'dl-just-due',
      'dl-late-feedback',
      'dl-none',
      'dl-other-tag',
    ]);
  });
});

describe('next_step_overdue', () => {
  it('fires when the latest activity of a deal, lead or account promised a step now past due', () => {
    const f = new Fixture();
    const deal = f.dealPath([['st-needs', NOW - 5 * DAY]], { id: 'dl-stale', fields: { contact_name: 'a', budget: 1 } });
    f.activity({ deal_id: deal, occurred_at: NOW - 3 * DAY, next_step: '约见决策人', next_step_due: NOW - HOUR });
    const kept = f.dealPath([['st-needs', NOW - 5 * DAY]], { id: 'dl-kept', fields: { contact_name: 'a', budget: 1 } });
    f.activity({ deal_id: kept, occurred_at: NOW - 3 * DAY, next_step: '约见决策人', next_step_due: NOW - HOUR });
    f.activity({ deal_id: kept, occurred_at: NOW - 2 * HOUR }); // a later activity keeps the promise
    const future = f.dealPath([['st-needs', NOW - 5 * DAY]], { id: 'dl-future', fields: { contact_name: 'a', budget: 1 } });
    f.activity({ deal_id: future, occurred_at: NOW - DAY, next_step: 'x', next_step_due: NOW + HOUR });
    const lead = f.lead({ id: 'ld-stale', assigned_at: NOW - 9 * DAY, first_touch_at: NOW - 8 * DAY });
    f.activity({ lead_id: lead, occurred_at: NOW - 8 * DAY, next_step: '回电', next_step_due: NOW - DAY });
    f.activity({
      account_id: 'ac-stale',
      occurred_at: NOW - 6 * DAY,
      kind: 'check-in',
      next_step: '回访',
      next_step_due: NOW - 2 * DAY,
    });
    f.activity({ account_id: 'ac-stale', deal_id: kept, occurred_at: NOW - HOUR }); // on a deal: not account-only
    expect(fired(f.db, 'next_step_overdue', NOW)).toEqual(['ac-stale', 'dl-stale', 'ld-stale']);
    const types = live(f.db, 'next_step_overdue', NOW)
      .map((i) => i.subjectType)
      .sort();
    expect(types).toEqual(['account', 'deal', 'lead']);
  });
});
