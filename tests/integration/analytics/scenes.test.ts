// Every facade result on a demo dataset is plain data that satisfies its shared zod schema (what the API will
// validate), carries the checkpoint it was read at, and contains no NaN or Infinity.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as analytics from '../../../src/core/analytics';
import * as schemas from '../../../src/shared/analytics';
import { WEDNESDAY, demoReplica } from './demo-replica';

const db = demoReplica({ scale: 'demo', seed: 7, now: WEDNESDAY, plants: true });
const o = { now: WEDNESDAY };
const week = { kind: 'week', week: '2025-W25' } as const;
const scope = {};
analytics.scanExceptions(db, o);
const someKey = analytics.listExceptions(db, {}, o).items[0]?.key ?? '';

const CASES: [string, () => unknown, z.ZodType][] = [
  ['overview', () => analytics.overviewScene(db, scope, week, o), schemas.overviewSceneSchema],
  ['funnel', () => analytics.funnelScene(db, scope, week, o), schemas.funnelSceneSchema],
  ['region ranking', () => analytics.regionRanking(db, scope, week, o), schemas.regionRankingSchema],
  [
    'rep activity',
    () => analytics.repActivity(db, { regionIds: ['rg-east'], teams: ['华东一组'] }, week, o),
    schemas.repActivitySceneSchema,
  ],
  ['trends', () => analytics.trends12w(db, scope, undefined, o), schemas.trendsSceneSchema],
  ['exceptions board', () => analytics.exceptionsBoard(db, scope, o), schemas.exceptionsBoardSchema],
  ['exception list', () => analytics.listExceptions(db, { rules: ['stage_regression'] }, o), schemas.exceptionListSchema],
  ['exception detail', () => analytics.exceptionDetail(db, someKey, o), schemas.exceptionDetailSchema],
  [
    'regressions',
    () => analytics.regressionBreakdown(db, scope, { kind: 'quarter', quarter: '2025-Q2' }, o),
    schemas.regressionBreakdownSchema,
  ],
  ['overdue', () => analytics.overdueBreakdown(db, scope, o), schemas.overdueBreakdownSchema],
  ['lead response', () => analytics.leadResponseBreakdown(db, scope, week, o), schemas.leadResponseBreakdownSchema],
  ['phi series', () => analytics.phiSeries(db, scope, week, o), schemas.phiSeriesSchema],
  ['data health series', () => analytics.dataHealthSeries(db, scope, week, o), schemas.dataHealthSeriesSchema],
];

describe('analytics facade on demo data', () => {
  it.each(CASES)('%s matches its schema', (_name, run, schema) => {
    const result = run();
    expect(schema.safeParse(result).error?.issues ?? []).toEqual([]);
    expect((result as { asOf: unknown }).asOf).toEqual({ checkpointId: '1', time: WEDNESDAY });
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('ranks every region and trends twelve weeks', () => {
    expect(analytics.regionRanking(db, scope, week, o).rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    const weeks = analytics.trends12w(db, scope, undefined, o).weeks;
    expect(weeks).toHaveLength(12);
    expect(weeks[11]?.week).toBe('2025-W25');
  });
});
