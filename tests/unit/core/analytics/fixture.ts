// Test helper: a small hand-built replica. One region at UTC+08:00 (plus an empty one), the default five-stage
// pipeline, and builders that insert rows by column name with sensible defaults, so each test states only what it
// checks. `at('2025-06-16 10:00')` is a local (+08:00) time; times in the replica are epoch ms UTC.
import type Database from 'better-sqlite3';
import { openReplica } from '../../../../src/core/db/open';
import { TABLES, type TableName } from '../../../../src/shared/sync/tables';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const REGION = 'rg-east';
export const EMPTY_REGION = 'rg-empty';
/** Wednesday 2025-06-18 11:30 local: the fixtures' "now". */
export const NOW = at('2025-06-18 11:30');

/** Epoch ms of a local time at +08:00 ('YYYY-MM-DD HH:MM[:SS]'). */
export function at(local: string): number {
  return Date.parse(`${local.replace(' ', 'T')}${local.length === 16 ? ':00' : ''}+08:00`);
}

export const STAGE_IDS = ['st-initial', 'st-needs', 'st-demo', 'st-quote', 'st-contract'] as const;
const STAGES = [
  ['st-initial', 1, '初步接触', 'Initial contact', 14, ['contact_name'], []],
  ['st-needs', 2, '需求确认', 'Needs confirmed', 21, ['contact_name', 'budget'], []],
  [
    'st-demo',
    3,
    '方案演示',
    'Solution demo',
    14,
    ['contact_name', 'budget', 'demo_date'],
    [{ key: 'feedback_48h', name: '48小时内收集客户反馈', name_en: 'Feedback' }],
  ],
  ['st-quote', 4, '报价谈判', 'Quote', 21, ['contact_name', 'budget', 'demo_date', 'quote_amount'], []],
  ['st-contract', 5, '合同签署', 'Contract', 14, ['contact_name', 'contract_no'], []],
] as const;

type Row = Record<string, unknown>;

export class Fixture {
  readonly db: Database.Database;
  private seq = 0;

  constructor() {
    this.db = openReplica(':memory:');
    this.insert('regions', {
      id: REGION,
      region_id: REGION,
      name: '华东',
      name_en: 'East',
      parent_id: null,
      utc_offset_min: 480,
    });
    this.insert('regions', {
      id: EMPTY_REGION,
      region_id: EMPTY_REGION,
      name: '空',
      name_en: 'Empty',
      parent_id: null,
      utc_offset_min: 480,
    });
    for (const [id, ordinal, name, nameEn, maxDwell, required, checklist] of STAGES) {
      this.insert('stages', {
        id,
        ordinal,
        name,
        name_en: nameEn,
        max_dwell_days: maxDwell,
        required_fields: required,
        checklist,
      });
    }
  }

  /** Insert one row; json values are stored as JSON text, booleans as 0/1, missing nullable columns as NULL. */
  insert(table: TableName, row: Row): string {
    const cols = TABLES[table].columns;
    const values = cols.map((c) => {
      const v = row[c.name];
      if (v !== null && typeof v === 'object') return JSON.stringify(v);
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v ?? null;
    });
    this.db
      .prepare(
        `INSERT OR REPLACE INTO ${table} (${cols.map((c) => c.name).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      )
      .run(values);
    return String(row.id);
  }

  private id(prefix: string): string {
    return `${prefix}-${++this.seq}`;
  }

  rep(o: Row = {}): string {
    return this.insert('reps', {
      id: this.id('rp'),
      region_id: REGION,
      name: '王伟',
      team: '一组',
      manager_id: 'rp-boss',
      status: 'active',
      hired_at: at('2024-01-01 09:00'),
      departed_at: null,
      ...o,
    });
  }

  account(o: Row = {}): string {
    return this.insert('accounts', { id: this.id('ac'), region_id: REGION, name: '客户', segment: 'hospital', tier: 'B', ...o });
  }

  lead(o: Row = {}): string {
    return this.insert('leads', {
      id: this.id('ld'),
      region_id: REGION,
      source: 'web_form',
      created_at: at('2025-06-16 09:00'),
      assigned_rep_id: null,
      assigned_at: null,
      first_touch_at: null,
      score: 60,
      grade: 'B',
      status: 'working',
      account_id: null,
      ...o,
    });
  }

  deal(o: Row = {}): string {
    return this.insert('deals', {
      id: this.id('dl'),
      region_id: REGION,
      account_id: 'ac-x',
      owner_rep_id: 'rp-x',
      stage_id: 'st-initial',
      amount: 100_000,
      currency: 'CNY',
      product_line: '数据平台',
      expected_close: null,
      created_at: at('2025-06-01 10:00'),
      stage_entered_at: at('2025-06-01 10:00'),
      status: 'open',
      lost_reason: null,
      closed_at: null,
      fields: { contact_name: '李娜' },
      ...o,
    });
  }

  stageChange(dealId: string, from: string | null, to: string, when: number, o: Row = {}): string {
    return this.insert('stage_changes', {
      id: this.id('sc'),
      region_id: REGION,
      deal_id: dealId,
      from_stage_id: from,
      to_stage_id: to,
      changed_at: when,
      changed_by: 'rp-x',
      ...o,
    });
  }

  /** A deal created in stage 1 at `path[0][1]` and moved through every [stage, time] of `path`; the deal row ends in the last stage. */
  dealPath(path: readonly (readonly [string, number])[], o: Row = {}): string {
    const [first, ...rest] = path;
    if (!first) throw new Error('empty path');
    const last = path[path.length - 1] ?? first;
    const id = this.deal({ stage_id: last[0], created_at: first[1], stage_entered_at: last[1], ...o });
    this.stageChange(id, null, first[0], first[1], { changed_by: o.owner_rep_id ?? 'rp-x' });
    rest.forEach(([stage, when], i) =>
      this.stageChange(id, (path[i] as readonly [string, number])[0], stage, when, { changed_by: o.owner_rep_id ?? 'rp-x' }),
    );
    return id;
  }

  activity(o: Row = {}): string {
    const occurred = (o.occurred_at as number | undefined) ?? at('2025-06-16 10:00');
    return this.insert('activities', {
      id: this.id('av'),
      region_id: REGION,
      rep_id: 'rp-x',
      deal_id: null,
      lead_id: null,
      account_id: null,
      kind: 'visit',
      occurred_at: occurred,
      logged_at: occurred + 10 * 60_000,
      duration_min: 30,
      tags: ['需求挖掘'],
      summary: '拜访客户',
      has_attachment: 0,
      next_step: null,
      next_step_due: null,
      ...o,
    });
  }

  target(o: Row): string {
    return this.insert('targets', {
      id: this.id('tg'),
      region_id: REGION,
      rep_id: null,
      period: 'week',
      period_start: '2025-06-16',
      metric: 'revenue',
      value: 1_000_000,
      ...o,
    });
  }

  exceptionState(key: string, o: Row): void {
    this.insert('exception_states', {
      id: key,
      region_id: REGION,
      status: 'acknowledged',
      owner: null,
      note: null,
      snoozed_until: null,
      updated_at: NOW,
      updated_by: 'u-1',
      ...o,
    });
  }

  setCheckpoint(cursor: number, time: number): void {
    this.db.prepare('UPDATE sync_state SET cursor = ?, last_synced_at = ? WHERE id = 1').run(cursor, time);
  }
}

export const week25 = { kind: 'week', week: '2025-W25' } as const;
export const day = (date: string) => ({ kind: 'day', date }) as const;
