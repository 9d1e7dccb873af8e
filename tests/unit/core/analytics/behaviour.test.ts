// Behaviour metrics on a hand-built week: effective follow-ups (customer kinds, distinct customer per rep per local
// day, +08:00 day boundary, lead-only touches), rep working days (departed and new reps) and the high-value ratio.
import { beforeAll, describe, expect, it } from 'vitest';
import { overviewScene, repActivity } from '../../../../src/core/analytics';
import { EMPTY_REGION, Fixture, NOW, REGION, at, week25 } from './fixture';

const o = { now: NOW };
const scope = { regionIds: [REGION] };

describe('behaviour metrics (week 2025-W25, Mon 06-16 … Sun 06-22)', () => {
  const f = new Fixture();
  const repA = f.rep({ id: 'rp-a' });
  f.rep({ id: 'rp-b', status: 'departed', departed_at: at('2025-06-17 12:00') }); // Mon + Tue
  f.rep({ id: 'rp-c', hired_at: at('2025-06-19 09:00') }); // Thu + Fri
  const act = (occurred: string, kind: string, extra: Record<string, unknown> = {}) =>
    f.activity({ rep_id: repA, occurred_at: at(occurred), kind, ...extra });

  beforeAll(() => {
    act('2025-06-16 10:00', 'visit', { account_id: 'ac-1', tags: ['技术演示'] }); // Mon: ac-1
    act('2025-06-16 14:00', 'call', { account_id: 'ac-1' }); // same customer, same day
    act('2025-06-16 15:00', 'check-in', { account_id: 'ac-2' }); // not a customer interaction kind
    act('2025-06-16 23:30', 'wechat', { account_id: 'ac-3', tags: ['决策人确认', '需求挖掘'] }); // Mon: ac-3
    act('2025-06-17 00:30', 'wechat', { account_id: 'ac-3' }); // Tue local (Mon 16:30 UTC): ac-3 again, new day
    act('2025-06-17 09:00', 'email', { account_id: 'ac-4' }); // email is not an effective kind
    act('2025-06-17 10:00', 'call', { lead_id: 'ld-1' }); // a lead without an account is its own customer
    act('2025-06-15 10:00', 'visit', { account_id: 'ac-9', tags: ['技术演示'] }); // Sunday before: outside the week
  });

  it('counts distinct customers per rep per local day over rep working days', () => {
    const k = overviewScene(f.db, scope, week25, o).kpis.behaviour;
    // Mon: ac-1, ac-3; Tue: ac-3, lead ld-1 → 4. Working days: A 5, B 2 (left Tue), C 2 (hired Thu) → 9.
    expect(k.effectiveFollowUpsPerRepDay).toEqual({ value: 4 / 9, num: 4, den: 9 });
    expect(k.activities).toBe(7);
    // 技术演示 on one activity, 决策人确认 on another, of 7.
    expect(k.highValueRatio).toEqual({ value: 2 / 7, num: 2, den: 7 });
  });

  it('gives each rep their own figures, departed and new reps included', () => {
    const rows = repActivity(f.db, scope, week25, o).rows;
    const byId = new Map(rows.map((r) => [r.repId, r]));
    expect(byId.get('rp-a')?.effectiveFollowUpsPerDay).toEqual({ value: 4 / 5, num: 4, den: 5 });
    expect(byId.get('rp-b')?.effectiveFollowUpsPerDay).toEqual({ value: 0, num: 0, den: 2 });
    expect(byId.get('rp-c')?.effectiveFollowUpsPerDay).toEqual({ value: 0, num: 0, den: 2 });
    expect(byId.get('rp-c')?.highValueRatio.value).toBeNull();
  });

  it('moves an activity to the local day it happened on', () => {
    const tuesday = overviewScene(f.db, scope, { kind: 'day', date: '2025-06-17' }, o).kpis.behaviour;
    // ac-3 at 00:30 and ld-1; working days: A, B (left Tue 12:00) → 2.
    expect(tuesday.effectiveFollowUpsPerRepDay).toEqual({ value: 1, num: 2, den: 2 });
  });

  it('says "no data" (null), never NaN, for an empty region', () => {
    const k = overviewScene(f.db, { regionIds: [EMPTY_REGION] }, week25, o).kpis;
    expect(k.behaviour.effectiveFollowUpsPerRepDay).toEqual({ value: null, num: 0, den: 0 });
    expect(k.behaviour.highValueRatio.value).toBeNull();
    expect(k.phi.value).toBeNull();
    expect(k.dataHealth.value).toBeNull();
    expect(JSON.stringify(k)).not.toContain('NaN');
  });

  it('uses calendar days for a weekend day (it has no working day)', () => {
    const sunday = overviewScene(f.db, scope, { kind: 'day', date: '2025-06-15' }, o).kpis.behaviour;
    // Sunday 06-15: ac-9 by A; reps employed that day: A, B → 2 rep-days.
    expect(sunday.effectiveFollowUpsPerRepDay).toEqual({ value: 0.5, num: 1, den: 2 });
  });
});
