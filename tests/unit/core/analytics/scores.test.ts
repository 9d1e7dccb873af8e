// PHI per region per local day with its three parts (demo feedback at exactly 48 h, action quality, lead response,
// configurable weights) and the data health score per rep (records passing every check; 28-day window per day).
import { beforeAll, describe, expect, it } from 'vitest';
import { dataHealthSeries, overviewScene, phiSeries, setThresholdOverride } from '../../../../src/core/analytics';
import { Fixture, HOUR, NOW, REGION, at, day, week25 } from './fixture';

const o = { now: NOW };
const scope = { regionIds: [REGION] };

describe('PHI of a region-day (Monday 2025-06-16)', () => {
  const f = new Fixture();
  beforeAll(() => {
    f.rep({ id: 'rp-x' });
    const demo = (entered: string, feedbackAfterMs: number | null) => {
      const id = f.dealPath([
        ['st-initial', at('2025-06-01 10:00')],
        ['st-demo', at(entered)],
      ]);
      if (feedbackAfterMs !== null)
        f.activity({ deal_id: id, kind: 'call', tags: ['客户反馈'], occurred_at: at(entered) + feedbackAfterMs });
    };
    demo('2025-06-16 10:00', 48 * HOUR); // exactly 48 h: on time
    demo('2025-06-16 11:00', 48 * HOUR + 1000); // late
    demo('2025-06-16 23:30', null); // none yet (counts against the day until it comes)
    f.activity({ occurred_at: at('2025-06-16 09:00') }); // well-formed
    f.activity({ occurred_at: at('2025-06-16 09:30'), summary: ' ' }); // blank summary
    f.activity({ occurred_at: at('2025-06-16 10:30'), kind: 'demo', tags: ['技术演示'], has_attachment: 0 }); // no material
    f.activity({ occurred_at: at('2025-06-16 11:30'), logged_at: at('2025-06-16 11:30') + 49 * HOUR }); // logged > 48 h later
    f.activity({ occurred_at: at('2025-06-16 12:30'), has_attachment: 1 }); // well-formed
    f.lead({ assigned_rep_id: 'rp-x', assigned_at: at('2025-06-16 10:00'), first_touch_at: at('2025-06-16 11:00') });
    f.lead({ assigned_rep_id: 'rp-x', assigned_at: at('2025-06-16 15:00'), status: 'new' });
  });

  it('averages key actions, quality and response', () => {
    const point = phiSeries(f.db, scope, day('2025-06-16'), o).points[0];
    expect(point?.phi.parts).toEqual({
      keyActions: { value: 1 / 3, num: 1, den: 3 },
      quality: { value: 2 / 5, num: 2, den: 5 },
      response: { value: 1 / 2, num: 1, den: 2 },
    });
    expect(point?.phi.value).toBeCloseTo((100 * (1 / 3 + 2 / 5 + 1 / 2)) / 3, 10);
  });

  it('leaves parts without data out of the mean, and a day without any data at null', () => {
    const points = phiSeries(f.db, scope, { kind: 'custom', from: '2025-06-17', to: '2025-06-18' }, o).points;
    // 06-18 has the two feedback calls (well-formed activities) only: quality 2/2, no demos, no leads.
    expect(points.map((p) => p.phi.value)).toEqual([null, 100]);
  });

  it('weights the parts as configured', () => {
    const g = new Fixture();
    g.lead({ assigned_rep_id: 'rp-x', assigned_at: at('2025-06-16 10:00'), first_touch_at: at('2025-06-16 11:00') });
    g.activity({ occurred_at: at('2025-06-16 09:30'), summary: '' });
    setThresholdOverride(g.db, { rule: 'phi', param: 'weightResponse', value: 3 }, NOW);
    // quality 0 (weight 1), response 1 (weight 3) → 75.
    expect(phiSeries(g.db, scope, day('2025-06-16'), o).points[0]?.phi.value).toBeCloseTo(75, 10);
  });
});

describe('data health', () => {
  const f = new Fixture();
  beforeAll(() => {
    f.rep({ id: 'rp-h' });
    const a = (o2: Record<string, unknown>) => f.activity({ rep_id: 'rp-h', occurred_at: at('2025-06-16 10:00'), ...o2 });
    a({}); // healthy
    a({ summary: '' }); // incomplete
    a({ kind: 'demo', tags: ['技术演示'], has_attachment: 0 }); // attachment missing
    a({ logged_at: at('2025-06-16 10:00') + 49 * HOUR }); // logged too late
    a({ logged_at: NOW + HOUR }); // logged in the future
    const deal = f.dealPath(
      [
        ['st-initial', at('2025-06-10 10:00')],
        ['st-needs', at('2025-06-16 10:00')],
      ],
      { owner_rep_id: 'rp-h' },
    );
    f.stageChange(deal, 'st-initial', 'st-demo', at('2025-06-16 12:00'), { changed_by: 'rp-h' }); // from ≠ previous to: invalid
  });

  it('scores the share of records that pass every check, with the failing part visible', () => {
    const h = overviewScene(f.db, scope, week25, o).kpis.dataHealth;
    // Week: 5 activities (1 healthy) + 2 stage changes (1 valid) → 2 / 7.
    expect(h.value).toBeCloseTo((100 * 2) / 7, 10);
    expect(h.parts).toEqual({
      completeness: { value: 4 / 5, num: 4, den: 5 },
      timeLogic: { value: 4 / 7, num: 4, den: 7 },
      attachments: { value: 0, num: 0, den: 1 },
    });
  });

  it('gives each rep-day the score of the 28 days ending that day', () => {
    const series = dataHealthSeries(f.db, scope, { kind: 'custom', from: '2025-06-09', to: '2025-06-16' }, o).points;
    const byDate = new Map(series.map((p) => [p.date, p.score.value]));
    expect(byDate.get('2025-06-09')).toBeNull(); // nothing yet
    expect(byDate.get('2025-06-10')).toBe(100); // the deal's creation
    expect(byDate.get('2025-06-16')).toBeCloseTo((100 * 3) / 8, 10);
  });
});
