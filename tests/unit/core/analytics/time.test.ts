// Calendar arithmetic: local days at +08:00, ISO weeks (year boundaries), months, quarters, custom ranges, the
// previous period of each, and working days.
import { describe, expect, it } from 'vitest';
import {
  dateToDay,
  dayStart,
  dayToDate,
  isoWeekLabel,
  isoWeekToDay,
  localDay,
  periodRange,
  previousRange,
  resolvedPeriod,
  weekday,
  workingDays,
} from '../../../../src/core/analytics/time';
import { at } from './fixture';

describe('local days at +08:00', () => {
  it('puts 23:59:59 and 00:00 local on different days, whatever the UTC date', () => {
    // 2025-06-16 23:59:59 local = 15:59:59Z; 2025-06-17 00:00 local = 16:00Z the same UTC day.
    expect(dayToDate(localDay(at('2025-06-16 23:59:59'), 480))).toBe('2025-06-16');
    expect(dayToDate(localDay(at('2025-06-17 00:00'), 480))).toBe('2025-06-17');
    expect(dayStart(dateToDay('2025-06-17'), 480)).toBe(Date.parse('2025-06-16T16:00:00Z'));
  });

  it('numbers weekdays Monday = 1 … Sunday = 7', () => {
    expect(weekday(dateToDay('2025-06-16'))).toBe(1);
    expect(weekday(dateToDay('2025-06-22'))).toBe(7);
  });
});

describe('periods', () => {
  it('resolves ISO weeks across year boundaries', () => {
    expect(dayToDate(isoWeekToDay('2025-W01'))).toBe('2024-12-30');
    expect(dayToDate(isoWeekToDay('2021-W01'))).toBe('2021-01-04');
    expect(isoWeekLabel(dateToDay('2024-12-31'))).toBe('2025-W01');
    expect(isoWeekLabel(dateToDay('2021-01-03'))).toBe('2020-W53');
    expect(resolvedPeriod(periodRange({ kind: 'week', week: '2025-W25' }))).toEqual({
      kind: 'week',
      label: '2025-W25',
      from: '2025-06-16',
      to: '2025-06-22',
      days: 7,
    });
  });

  it('resolves months, quarters, days and inclusive custom ranges', () => {
    expect(resolvedPeriod(periodRange({ kind: 'month', month: '2024-02' }))).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
      days: 29,
    });
    expect(resolvedPeriod(periodRange({ kind: 'quarter', quarter: '2025-Q4' }))).toMatchObject({
      from: '2025-10-01',
      to: '2025-12-31',
      days: 92,
    });
    expect(resolvedPeriod(periodRange({ kind: 'day', date: '2025-06-18' }))).toMatchObject({
      from: '2025-06-18',
      to: '2025-06-18',
      days: 1,
    });
    expect(resolvedPeriod(periodRange({ kind: 'custom', from: '2025-06-10', to: '2025-06-12' }))).toMatchObject({ days: 3 });
  });

  it('gives the previous week, month, quarter and same-length custom range', () => {
    expect(resolvedPeriod(previousRange(periodRange({ kind: 'week', week: '2025-W01' })))).toMatchObject({
      label: '2024-W52',
      from: '2024-12-23',
    });
    expect(resolvedPeriod(previousRange(periodRange({ kind: 'month', month: '2025-03' })))).toMatchObject({
      label: '2025-02',
      days: 28,
    });
    expect(resolvedPeriod(previousRange(periodRange({ kind: 'quarter', quarter: '2025-Q1' })))).toMatchObject({
      label: '2024-Q4',
      from: '2024-10-01',
    });
    expect(resolvedPeriod(previousRange(periodRange({ kind: 'custom', from: '2025-06-10', to: '2025-06-12' })))).toMatchObject({
      from: '2025-06-07',
      to: '2025-06-09',
    });
  });

  it('counts Monday–Friday working days', () => {
    const w = periodRange({ kind: 'week', week: '2025-W25' });
    expect(workingDays(w.fromDay, w.toDay)).toBe(5);
    expect(workingDays(dateToDay('2025-06-21'), dateToDay('2025-06-23'))).toBe(0);
  });
});
