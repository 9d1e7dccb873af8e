// Checks and normalizes positional rows before they are written, so the entity table and the change-log text
// hold the same canonical values (numbers as numbers, booleans as 0/1, json as values, dates as 'YYYY-MM-DD').
import { TABLES, type Column, type TableName } from '../../shared/sync/tables';

export class RowError extends Error {}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' naming a real day from year 1 on (Date.parse would accept Feb 30; PostgreSQL would then throw). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_RE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// PostgreSQL text cannot hold NUL, and lone UTF-16 surrogates cannot be encoded as UTF-8: either would make the
// database throw, so they are rejected here as bad input.
const UNSTORABLE = /\0|\p{Cs}/u;

/** True when PostgreSQL can store `text` as is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

function normalizeCell(col: Column, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (col.nullable) return null;
    throw new RowError(`${col.name} is required`);
  }
  switch (col.type) {
    case 'text':
      if (typeof value === 'string' && isStorableText(value)) return value;
      break;
    case 'int':
    case 'ts':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      break;
    case 'real':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      break;
    case 'bool':
      if (value === 0 || value === 1) return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      break;
    case 'date':
      if (typeof value === 'string' && isCalendarDate(value)) return value;
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
      break;
    case 'json': {
      const parsed = typeof value === 'string' ? parseJson(value) : value;
      if (typeof parsed === 'object' && parsed !== null && isStorableJson(parsed)) return parsed;
      break;
    }
  }
  throw new RowError(`${col.name} must be ${col.type}`);
}

const MAX_JSON_DEPTH = 32;

/** True when every string and key inside a JSON value is storable text (and it is not absurdly deep). */
export function isStorableJson(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) return value.every((inner) => isStorableJson(inner, depth + 1));
  return Object.entries(value).every(([key, inner]) => isStorableText(key) && isStorableJson(inner, depth + 1));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Returns the canonical copy of `row`; throws RowError naming the table, row and column on a bad value. */
export function normalizeRow(table: TableName, row: readonly unknown[]): unknown[] {
  const columns = TABLES[table].columns;
  if (row.length !== columns.length) throw new RowError(`${table}: a row has ${row.length} values, expected ${columns.length}`);
  const out = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i] as Column;
    try {
      out[i] = normalizeCell(col, row[i]);
    } catch (err) {
      if (err instanceof RowError) throw new RowError(`${table} ${String(row[0])}: ${err.message}`);
      throw err;
    }
  }
  return out;
}
