// Rep rules: data_health_low (score < 80 over 28 days, with enough records; active reps only) and
// busy_not_effective (≥ 10 activities in 14 days, ≥ 80 % 首次接触, no deal advanced or won).
import { describe, expect, it } from 'vitest';
import { DAY, Fixture, HOUR, NOW } from './fixture';
import { fired, live } from './rules-helpers';

describe('data_health_low', () => {
  const logs = (f: Fixture, rep: string, good: number, bad: number) => {
    for (let i = 0; i < good; i++) f.activity({ rep_id: rep, occurred_at: NOW - (i + 1) * DAY });
    for (let i = 0; i < bad; i++) f.activity({ rep_id: rep, occurred_at: NOW - (i + 1) * DAY - HOUR, summary: '' });
  };

  it('fires below 80 (4 healthy of 5 is exactly 80: silent)', () => {
    const f = new Fixture();
    for (const id of ['rp-80', 'rp-75', 'rp-few', 'rp-gone']) f.rep({ id });
    f.rep({ id: 'rp-gone', status: 'departed', departed_at: NOW - DAY });
    logs(f, 'rp-80', 4, 1);
    logs(f, 'rp-75', 6, 2);
    logs(f, 'rp-few', 1, 3); // 4 records: fewer than the 5 needed to judge
    logs(f, 'rp-gone', 0, 6);
    expect(fired(f.db, 'data_health_low', NOW)).toEqual(['rp-75']);
    expect(live(f.db, 'data_health_low', NOW)[0]?.evidence.facts).toMatchObject({ score: 75, completeness: 0.75, records: 8 });
  });

  it('ignores what is older than the 28-day window', () => {
    const f = new Fixture();
    f.rep({ id: 'rp-old' });
    for (let i = 0; i < 6; i++) f.activity({ rep_id: 'rp-old', occurred_at: NOW - 40 * DAY, summary: '' });
    for (let i = 0; i < 5; i++) f.activity({ rep_id: 'rp-old', occurred_at: NOW - 2 * DAY });
    expect(fired(f.db, 'data_health_low', NOW)).toEqual([]);
  });
});

describe('busy_not_effective', () => {
  const calls = (f: Fixture, rep: string, first: number, other: number) => {
    for (let i = 0; i < first; i++)
      f.activity({ rep_id: rep, kind: 'call', tags: ['首次接触'], occurred_at: NOW - (i % 13) * DAY - HOUR });
    for (let i = 0; i < other; i++) f.activity({ rep_id: rep, occurred_at: NOW - (i % 13) * DAY - 2 * HOUR });
  };

  it('fires at ≥ 80 % first contacts over ≥ 10 activities with no advance', () => {
    const f = new Fixture();
    for (const id of ['rp-busy', 'rp-79', 'rp-9', 'rp-advancing']) f.rep({ id });
    calls(f, 'rp-busy', 8, 2); // exactly 80 %
    calls(f, 'rp-79', 15, 4); // 78.9 %
    calls(f, 'rp-9', 9, 0); // only 9 activities
    calls(f, 'rp-advancing', 10, 0);
    f.dealPath(
      [
        ['st-initial', NOW - 20 * DAY],
        ['st-needs', NOW - 3 * DAY],
      ],
      { owner_rep_id: 'rp-advancing' },
    );
    expect(fired(f.db, 'busy_not_effective', NOW)).toEqual(['rp-busy']);
  });
});
