// Exception lifecycle: open → acknowledged (owner, note, snooze; a replicated exception_states row) → resolved when
// the condition clears (auto) or by hand (manual); a recurrence is a new occurrence that old acknowledgements do not
// cover. Incremental re-evaluation touches only the subjects of the changed rows.
import { describe, expect, it } from 'vitest';
import {
  exceptionDetail,
  exceptionStatePayload,
  exceptionsBoard,
  listExceptions,
  reevaluateChanges,
  scanExceptions,
} from '../../../../src/core/analytics';
import { Fixture, HOUR, NOW, REGION } from './fixture';

const KEY = 'lead_unfollowed_24h:ld-1';
const MIN = 60_000;

function setup(): Fixture {
  const f = new Fixture();
  f.rep({ id: 'rp-a' });
  f.lead({ id: 'ld-1', assigned_rep_id: 'rp-a', assigned_at: NOW - 30 * HOUR, status: 'new' });
  f.lead({ id: 'ld-2', assigned_rep_id: 'rp-a', assigned_at: NOW - 30 * HOUR, status: 'new' });
  return f;
}

const item = (f: Fixture, now: number, key = KEY) =>
  listExceptions(
    f.db,
    { subjectIds: [key.split(':')[1] as string], statuses: ['open', 'acknowledged', 'resolved'], includeSnoozed: true },
    { now },
  ).items.find((i) => i.key === key);
const touch = (f: Fixture, at: number | null) => f.db.prepare("UPDATE leads SET first_touch_at = ? WHERE id = 'ld-1'").run(at);

describe('exception lifecycle', () => {
  it('opens, is acknowledged with owner, note and snooze, and resolves itself when the condition clears', () => {
    const f = setup();
    scanExceptions(f.db, { now: NOW });
    expect(item(f, NOW)).toMatchObject({
      key: KEY,
      status: 'open',
      severity: 'critical',
      since: NOW - 6 * HOUR,
      resolution: null,
    });

    const row = exceptionStatePayload(
      f.db,
      KEY,
      { status: 'acknowledged', owner: 'rp-boss', note: '已电话提醒', snoozedUntil: NOW + 2 * HOUR },
      { user: 'u-1', now: NOW + MIN },
    );
    expect(row).toEqual({
      id: KEY,
      region_id: REGION,
      status: 'acknowledged',
      owner: 'rp-boss',
      note: '已电话提醒',
      snoozed_until: NOW + 2 * HOUR,
      updated_at: NOW + MIN,
      updated_by: 'u-1',
    });
    f.insert('exception_states', row);
    expect(item(f, NOW + 2 * MIN)).toMatchObject({ status: 'acknowledged', owner: 'rp-boss', note: '已电话提醒', snoozed: true });
    // Snoozed: hidden from the default list and the board; back once the snooze ends.
    expect(listExceptions(f.db, {}, { now: NOW + 2 * MIN }).items.map((i) => i.key)).toEqual(['lead_unfollowed_24h:ld-2']);
    expect(exceptionsBoard(f.db, {}, { now: NOW + 2 * MIN }).totals).toEqual({ open: 1, acknowledged: 0, critical: 1 });
    expect(item(f, NOW + 3 * HOUR)?.snoozed).toBe(false);

    touch(f, NOW + HOUR);
    const report = reevaluateChanges(f.db, { leads: ['ld-1'] }, { now: NOW + HOUR });
    expect(report.cleared).toBe(1);
    expect(item(f, NOW + HOUR)).toMatchObject({ status: 'resolved', resolution: 'auto', resolvedAt: NOW + HOUR });
  });

  it('re-fires as a new occurrence that the old acknowledgement does not cover', () => {
    const f = setup();
    scanExceptions(f.db, { now: NOW });
    f.exceptionState(KEY, { status: 'acknowledged', updated_at: NOW + MIN });
    touch(f, NOW + HOUR);
    scanExceptions(f.db, { now: NOW + HOUR });
    touch(f, null); // the touch is corrected away: the lead is untouched again
    scanExceptions(f.db, { now: NOW + 2 * HOUR });
    const current = item(f, NOW + 2 * HOUR);
    expect(current?.status).toBe('open');
    const detail = exceptionDetail(f.db, KEY, { now: NOW + 2 * HOUR });
    expect(detail?.current.occurrenceId).toBe(current?.occurrenceId);
    expect(detail?.history.map((h) => [h.status, h.resolution])).toEqual([['resolved', 'auto']]);
    expect(detail?.subject).toMatchObject({ id: 'ld-1', status: 'new' });
    // A new acknowledgement, written after the recurrence, applies again.
    f.exceptionState(KEY, { status: 'acknowledged', updated_at: NOW + 2 * HOUR + MIN });
    expect(item(f, NOW + 3 * HOUR)?.status).toBe('acknowledged');
  });

  it('can be resolved by hand while the condition still holds, and stays resolved', () => {
    const f = setup();
    scanExceptions(f.db, { now: NOW });
    f.exceptionState(KEY, { status: 'resolved', note: '客户已取消', updated_at: NOW + MIN });
    scanExceptions(f.db, { now: NOW + HOUR });
    expect(item(f, NOW + HOUR)).toMatchObject({ status: 'resolved', resolution: 'manual', resolvedAt: NOW + MIN });
    touch(f, NOW + 2 * HOUR);
    scanExceptions(f.db, { now: NOW + 2 * HOUR });
    expect(item(f, NOW + 2 * HOUR)).toMatchObject({ status: 'resolved', resolution: 'manual' });
  });
});

describe('incremental re-evaluation', () => {
  it('re-evaluates only the subjects of the changed rows', () => {
    const f = setup();
    scanExceptions(f.db, { now: NOW });
    // Both leads get touched, but the sync reports only an activity on ld-1.
    f.db.prepare('UPDATE leads SET first_touch_at = ?').run(NOW + MIN);
    const activity = f.activity({ lead_id: 'ld-1', rep_id: 'rp-a', occurred_at: NOW + MIN });
    const report = reevaluateChanges(f.db, { activities: [activity] }, { now: NOW + HOUR });
    expect(report).toMatchObject({ cleared: 1, opened: 0 });
    expect(item(f, NOW + HOUR)?.status).toBe('resolved');
    expect(item(f, NOW + HOUR, 'lead_unfollowed_24h:ld-2')?.status).toBe('open');
    // The next full scan catches the rest.
    expect(scanExceptions(f.db, { now: NOW + HOUR }).cleared).toBe(1);
  });

  it('refuses to build an acknowledgement for a key that never fired', () => {
    expect(() =>
      exceptionStatePayload(setup().db, 'stage_overdue:nope', { status: 'acknowledged' }, { user: 'u', now: NOW }),
    ).toThrow(/No exception/);
  });
});
