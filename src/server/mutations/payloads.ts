// What each mutation type may carry: its payload is a row of the target table as an object keyed by column
// name (TABLES), validated here per column type plus the few enums. Fields the server stamps are optional.
import { z } from 'zod';
import type { MutationType } from '../../shared/sync/protocol';
import { TABLES, type Column, type TableName } from '../../shared/sync/tables';
import { isCalendarDate, isStorableJson, isStorableText } from '../store/row-codec';

export const MUTATION_TABLE = {
  'annotation.create': 'annotations',
  'action_item.upsert': 'action_items',
  'exception_state.set': 'exception_states',
} as const satisfies Record<MutationType, TableName>;

const MAX_TEXT = 10_000;
const MAX_TS = 8_640_000_000_000_000; // the largest valid JS Date

const text = (max = MAX_TEXT) => z.string().max(max).refine(isStorableText, 'contains NUL or an unpaired surrogate');
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');

function columnSchema(col: Column): z.ZodType {
  switch (col.type) {
    case 'text':
      return text();
    case 'int':
      return z
        .number()
        .int()
        .min(-(2 ** 53) + 1)
        .max(2 ** 53 - 1);
    case 'ts':
      return z.number().int().min(0).max(MAX_TS);
    case 'real':
      return z.number().min(-1e15).max(1e15);
    case 'date':
      return date;
    case 'bool':
      return z.union([z.literal(0), z.literal(1), z.boolean()]);
    case 'json':
      return z
        .unknown()
        .refine(
          (value) => typeof value === 'object' && value !== null && isStorableJson(value),
          'expected a JSON array or object',
        );
  }
}

/** Per-column overrides: ids, enums and lengths that the column type alone does not say. */
const OVERRIDES: Partial<Record<TableName, Record<string, z.ZodType>>> = {
  annotations: {
    id: z.uuid(),
    region_id: text(128).min(1),
    subject_type: z.enum(['rep', 'deal', 'activity', 'exception']),
    subject_id: text(256).min(1),
    flag: text(64).nullable().optional(),
  },
  action_items: {
    id: z.uuid(),
    region_id: text(128).min(1),
    title: text(500).min(1),
    status: z.enum(['open', 'done', 'dropped']),
  },
  exception_states: {
    id: text(256).min(1), // the exception key (rule + subject), computed by the client
    region_id: text(128).min(1),
    status: z.enum(['open', 'acknowledged', 'resolved']),
  },
};

/** Columns the server fills in when absent (author/updated_by are always the caller; times default to now). */
const SERVER_STAMPED: Record<string, true> = { author: true, updated_by: true, created_at: true, updated_at: true };

function payloadSchema(table: TableName): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const col of TABLES[table].columns) {
    let schema = OVERRIDES[table]?.[col.name] ?? columnSchema(col);
    if (col.nullable) schema = schema.nullable().optional();
    else if (SERVER_STAMPED[col.name]) schema = schema.optional();
    shape[col.name] = schema;
  }
  return z.strictObject(shape) as z.ZodType<Record<string, unknown>>;
}

export const PAYLOAD_SCHEMAS: Record<MutationType, z.ZodType<Record<string, unknown>>> = {
  'annotation.create': payloadSchema('annotations'),
  'action_item.upsert': payloadSchema('action_items'),
  'exception_state.set': payloadSchema('exception_states'),
};
