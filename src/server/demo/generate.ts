// The deterministic demo data generator: streams batches of positional rows (TABLES column order) for regions, stages,
// reps, accounts, leads, deals, stage changes, activities and targets. Rows are made one rep at a time and at most a
// few thousand wait in buffers, so scale L (~2M activities) streams in bounded memory.
//
// Order guarantee: every row's parents (region, rep, account, lead, deal, manager) are in an earlier batch, or earlier
// in the same batch for reps → manager. Tables interleave (one region after another), they are not contiguous.
import type { TableName } from '../../shared/sync/tables';
import { type DemoPlan, type RegionPlan, buildPlan } from './plan';
import { accountRow, buildAccounts, generateRepData, repRow } from './rep-data';
import { targetRows } from './targets';
import { CHINA_UTC_OFFSET_MIN } from './time';
import type { DemoBatch, DemoOptions } from './types';
import { NATIONAL_REGION, STAGES } from './vocab';

export type { DemoBatch, DemoOptions, DemoScale } from './types';

/** No batch is larger than this. */
export const MAX_BATCH_ROWS = 5000;

/** Parents before children: a batch of one table is only emitted after the buffered rows of the tables before it. */
const TABLE_ORDER: readonly TableName[] = [
  'regions',
  'stages',
  'reps',
  'accounts',
  'leads',
  'deals',
  'stage_changes',
  'activities',
  'targets',
];

class BatchWriter {
  private readonly buffers: unknown[][][] = TABLE_ORDER.map(() => []);

  push(table: TableName, rows: readonly unknown[][]): void {
    const buffer = this.buffers[TABLE_ORDER.indexOf(table)] as unknown[][];
    for (const row of rows) buffer.push(row);
  }

  /** Emits full buffers, each preceded by every buffer before it in TABLE_ORDER; `all` empties everything. */
  *drain(all: boolean): Generator<DemoBatch> {
    let upTo = all ? TABLE_ORDER.length - 1 : -1;
    if (!all) this.buffers.forEach((buffer, i) => buffer.length >= MAX_BATCH_ROWS && (upTo = i));
    for (let i = 0; i <= upTo; i++) {
      const rows = this.buffers[i] as unknown[][];
      if (rows.length === 0) continue;
      this.buffers[i] = [];
      const table = TABLE_ORDER[i] as TableName;
      for (let offset = 0; offset < rows.length; offset += MAX_BATCH_ROWS)
        yield { table, rows: rows.slice(offset, offset + MAX_BATCH_ROWS) };
    }
  }
}

export function regionRows(plan: DemoPlan): unknown[][] {
  const national = NATIONAL_REGION.id;
  return [
    [national, national, NATIONAL_REGION.name, NATIONAL_REGION.nameEn, null, CHINA_UTC_OFFSET_MIN],
    ...plan.regions.map((r) => [r.id, r.id, r.name, r.nameEn, national, CHINA_UTC_OFFSET_MIN]),
  ];
}

export function stageRows(): unknown[][] {
  return STAGES.map((s) => [
    s.id,
    s.ordinal,
    s.name,
    s.nameEn,
    s.maxDwellDays,
    [...s.requiredFields],
    s.checklist.map((c) => ({ ...c })),
  ]);
}

function* regionBatches(plan: DemoPlan, region: RegionPlan, writer: BatchWriter): Generator<DemoBatch> {
  const accounts = buildAccounts(plan, region);
  writer.push(
    'reps',
    region.reps.map((rep) => repRow(rep)),
  );
  writer.push(
    'accounts',
    [...accounts.all, ...accounts.reserved].map((account) => accountRow(region, account)),
  );
  for (const rep of region.reps) {
    const data = generateRepData(plan, region, rep, accounts);
    writer.push('leads', data.leads);
    writer.push('deals', data.deals);
    writer.push('stage_changes', data.stageChanges);
    writer.push('activities', data.activities);
    yield* writer.drain(false);
  }
  writer.push('targets', targetRows(plan, region));
  yield* writer.drain(false);
}

/**
 * Streams the demo dataset for `options` (plants default to true). Deterministic: the same options give the same
 * batches. Single pass: iterate it once (call again for a second pass).
 */
export function* generateDemo(options: DemoOptions): Generator<DemoBatch, void, undefined> {
  const plan = buildPlan(options);
  yield { table: 'regions', rows: regionRows(plan) };
  yield { table: 'stages', rows: stageRows() };
  const writer = new BatchWriter();
  for (const region of plan.regions) yield* regionBatches(plan, region, writer);
  yield* writer.drain(true);
}
