// The small reference tables analytics reads once per snapshot: regions (with their DST-free offsets) and stages
// (order, max dwell, required fields, and which stage is the demo stage whose feedback is a timed key action).
import type { Db } from '../db/open';
import { stmt } from './statements';

export interface RegionInfo {
  id: string;
  name: string;
  nameEn: string;
  parentId: string | null;
  offsetMin: number;
}

export interface StageInfo {
  id: string;
  ordinal: number;
  name: string;
  nameEn: string;
  maxDwellDays: number;
  requiredFields: string[];
  /** The demo stage: its checklist has the feedback_48h key action (or it is named 方案演示). */
  isDemo: boolean;
}

export const DEMO_STAGE_NAME = '方案演示';
export const FEEDBACK_CHECKLIST_KEY = 'feedback_48h';

function jsonArray(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

export function loadRegions(db: Db): RegionInfo[] {
  const rows = stmt(db, 'SELECT id, name, name_en, parent_id, utc_offset_min FROM regions ORDER BY id').all() as {
    id: string;
    name: string;
    name_en: string;
    parent_id: string | null;
    utc_offset_min: number;
  }[];
  return rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.name_en, parentId: r.parent_id, offsetMin: r.utc_offset_min }));
}

export function loadStages(db: Db): StageInfo[] {
  const rows = stmt(
    db,
    'SELECT id, ordinal, name, name_en, max_dwell_days, required_fields, checklist FROM stages ORDER BY ordinal',
  ).all() as {
    id: string;
    ordinal: number;
    name: string;
    name_en: string;
    max_dwell_days: number;
    required_fields: string;
    checklist: string;
  }[];
  return rows.map((r) => {
    const checklist = jsonArray(r.checklist);
    const hasFeedback = checklist.some(
      (c) => typeof c === 'object' && c !== null && (c as { key?: unknown }).key === FEEDBACK_CHECKLIST_KEY,
    );
    return {
      id: r.id,
      ordinal: r.ordinal,
      name: r.name,
      nameEn: r.name_en,
      maxDwellDays: r.max_dwell_days,
      requiredFields: jsonArray(r.required_fields).filter((f): f is string => typeof f === 'string'),
      isDemo: hasFeedback || r.name === DEMO_STAGE_NAME,
    };
  });
}

export function demoStageIds(stages: readonly StageInfo[]): string[] {
  return stages.filter((s) => s.isDemo).map((s) => s.id);
}
