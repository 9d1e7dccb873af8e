// The query string of GET /v1/changes, validated: after, limit, regions, until, held.
import { z } from 'zod';
import { isStorableText } from '../store/row-codec';

export const DEFAULT_PAGE_LIMIT = 5_000;
export const MAX_PAGE_LIMIT = 10_000;

const seq = z
  .string()
  .regex(/^(0|[1-9]\d{0,15})$/, 'expected a non-negative integer')
  .transform(Number)
  .refine(Number.isSafeInteger, 'too large');

/** A comma-separated list of region ids; the empty string is the empty list. */
const regionList = z
  .string()
  .max(8_192)
  .transform((value) => (value === '' ? [] : value.split(',')))
  .refine(
    (ids) => ids.every((id) => id.length > 0 && id.length <= 128 && isStorableText(id)),
    'expected comma-separated region ids',
  )
  .transform((ids) => [...new Set(ids)]);

export const changesQuerySchema = z.strictObject({
  after: seq.default(0),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,4}$/, `expected an integer from 1 to ${MAX_PAGE_LIMIT}`)
    .transform(Number)
    .refine((n) => n <= MAX_PAGE_LIMIT, `at most ${MAX_PAGE_LIMIT}`)
    .default(DEFAULT_PAGE_LIMIT),
  /** Backfill: only these granted regions (global tables are then left out). */
  regions: regionList.optional(),
  /** Backfill: include changes up to and including this seq only. */
  until: seq.optional(),
  /** Regions the client holds; the reply's scope diff is computed against it. Absent: no diff. */
  held: regionList.optional(),
});

export type ChangesQuery = z.output<typeof changesQuerySchema>;
