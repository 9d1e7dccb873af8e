// phi_drop: PHI fell on each of 3 consecutive days and by more than 15 % in total, ending today or yesterday.
import { describe, expect, it } from 'vitest';
import { fellAt } from '../../../../src/core/analytics/rules/phi-drop';
import { DAY, Fixture, NOW, at } from './fixture';
import { fired, live } from './rules-helpers';

describe('fellAt', () => {
  it('needs a strict fall every day and more than the total drop', () => {
    expect(fellAt([100, 90, 80, 70], 3, 3, 15)).toBe(true); // −30 %
    expect(fellAt([100, 95, 90, 85], 3, 3, 15)).toBe(false); // exactly −15 %: not more
    expect(fellAt([100, 90, 90, 70], 3, 3, 15)).toBe(false); // a flat day breaks the run
    expect(fellAt([100, null, 80, 70], 3, 3, 15)).toBe(false); // a day without data breaks it too
    expect(fellAt([90, 80, 70], 2, 3, 15)).toBe(false); // not enough days
  });
});

describe('phi_drop', () => {
  /** Day d (0 = 4 days ago … 4 = today): `late` of 4 leads assigned that morning never touched. */
  const region = (lateByDay: number[]) => {
    const f = new Fixture();
    lateByDay.forEach((late, d) => {
      const assigned = at('2025-06-14 09:00') + d * DAY;
      for (let i = 0; i < 4; i++)
        f.lead({ assigned_rep_id: 'rp-x', assigned_at: assigned, first_touch_at: i < late ? null : assigned + 60_000 });
    });
    return f;
  };

  it('fires for a region whose PHI fell three days running by more than 15 %', () => {
    // Response part only: 100, 75, 50, 25 over Sat–Tue, and Wed (today) back up.
    const f = region([0, 1, 2, 3, 0]);
    expect(fired(f.db, 'phi_drop', NOW)).toEqual(['rg-east']);
    expect(live(f.db, 'phi_drop', NOW)[0]?.evidence.facts).toMatchObject({ '2025-06-14': 100, '2025-06-17': 25, dropPct: 75 });
  });

  it('is silent for a two-day fall or a fall that ended before yesterday', () => {
    expect(fired(region([0, 0, 1, 2, 2]).db, 'phi_drop', NOW)).toEqual([]);
    expect(fired(region([0, 1, 2, 3, 3]).db, 'phi_drop', NOW + DAY)).toEqual([]);
  });
});
