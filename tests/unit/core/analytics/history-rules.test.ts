// stage_regression (any move to an earlier stage within 90 days) and stage_flapping (≥ 5 moves in any 7 days within
// the 30-day look-back; the deal's creation is not a move), with their boundaries.
import { describe, expect, it } from 'vitest';
import { DAY, Fixture, NOW } from './fixture';
import { fired, live } from './rules-helpers';

describe('stage_regression', () => {
  it('fires for deals that moved back within the look-back, skipped stages are no regression', () => {
    const f = new Fixture();
    f.dealPath(
      [
        ['st-initial', NOW - 30 * DAY],
        ['st-quote', NOW - 20 * DAY],
        ['st-demo', NOW - 10 * DAY],
      ],
      { id: 'dl-back' },
    );
    f.dealPath(
      [
        ['st-initial', NOW - 30 * DAY],
        ['st-demo', NOW - 20 * DAY],
      ],
      { id: 'dl-skip' },
    );
    f.dealPath(
      [
        ['st-initial', NOW - 120 * DAY],
        ['st-quote', NOW - 110 * DAY],
        ['st-needs', NOW - 91 * DAY],
      ],
      { id: 'dl-old' },
    );
    f.dealPath(
      [
        ['st-quote', NOW - 60 * DAY],
        ['st-demo', NOW - 50 * DAY],
        ['st-quote', NOW - 40 * DAY],
      ],
      { id: 'dl-won', status: 'won', closed_at: NOW - DAY },
    );
    expect(fired(f.db, 'stage_regression', NOW)).toEqual(['dl-back', 'dl-won']);
    const back = live(f.db, 'stage_regression', NOW).find((i) => i.subjectId === 'dl-back');
    expect(back?.evidence.facts).toMatchObject({
      regressions: 1,
      lastFrom: 'st-quote',
      lastTo: 'st-demo',
      lastAt: NOW - 10 * DAY,
    });
  });
});

describe('stage_flapping', () => {
  const moves = (id: string, times: number[]) => {
    const f = new Fixture();
    const stages = ['st-demo', 'st-quote'];
    f.dealPath([['st-needs', NOW - 25 * DAY], ...times.map((t, i): [string, number] => [stages[i % 2] as string, t])], { id });
    return f;
  };

  it('fires at 5 moves inside 7 days (exactly 7 days apart included)', () => {
    const f = moves('dl-flap', [NOW - 8 * DAY, NOW - 5 * DAY, NOW - 3 * DAY, NOW - 2 * DAY, NOW - DAY]); // first to last: 7 d
    expect(fired(f.db, 'stage_flapping', NOW)).toEqual(['dl-flap']);
    expect(live(f.db, 'stage_flapping', NOW)[0]?.evidence.facts.changes).toBe(5);
  });

  it('stays silent at 4 moves, or 5 spread over more than 7 days', () => {
    expect(fired(moves('dl-4', [NOW - 5 * DAY, NOW - 3 * DAY, NOW - 2 * DAY, NOW - DAY]).db, 'stage_flapping', NOW)).toEqual([]);
    const spread = moves('dl-spread', [NOW - 8 * DAY - 1000, NOW - 5 * DAY, NOW - 3 * DAY, NOW - 2 * DAY, NOW - DAY]); // 7 d + 1 s
    expect(fired(spread.db, 'stage_flapping', NOW)).toEqual([]);
  });
});
