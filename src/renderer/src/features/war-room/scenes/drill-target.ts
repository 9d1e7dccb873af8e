// What a wall tile drills into: the exception list behind its number, as an `exceptions.list` filter plus the
// catalog key of the drill view's title. Tiles carry it as JSON in data-drill; the shell parses it back here.
import { z } from 'zod';
import {
  exceptionFilterSchema,
  type ExceptionFilter,
  type ExceptionItem,
  type ExceptionStatus,
  type RuleKey,
  type Severity,
} from '../../../../../shared/analytics/exceptions';
import type { ResolvedScope, Scope } from '../../../../../shared/analytics/period';

export const drillTargetSchema = z.strictObject({
  kind: z.literal('exceptions'),
  filter: exceptionFilterSchema,
  /** An i18n key (wallScenes.drill.*) for the drill view's heading. */
  titleKey: z.string().min(1),
  /** Already localized values for the title's placeholders (names masked in privacy mode). */
  titleParams: z.record(z.string(), z.string()).optional(),
  /**
   * Narrows the list further on evidence facts the filter cannot express (e.g. `{ stageId }` for a stage's
   * overdue deals). Apply with `matchesDrill`; a shell that ignores it shows a superset, never fewer rows.
   */
  factsMatch: z.record(z.string(), z.string()).optional(),
});
export type DrillTarget = z.infer<typeof drillTargetSchema>;

export interface DrillOptions {
  rules?: readonly RuleKey[];
  severities?: readonly Severity[];
  statuses?: readonly ExceptionStatus[];
  subjectIds?: readonly string[];
  scope?: Scope;
  titleParams?: Record<string, string>;
  factsMatch?: Record<string, string>;
}

/** A drill into the unresolved exceptions matching `options`. */
export function exceptionsDrill(titleKey: string, options: DrillOptions = {}): DrillTarget {
  const filter: ExceptionFilter = {};
  if (options.scope) filter.scope = options.scope;
  if (options.rules) filter.rules = [...options.rules];
  if (options.severities) filter.severities = [...options.severities];
  if (options.statuses) filter.statuses = [...options.statuses];
  if (options.subjectIds) filter.subjectIds = [...options.subjectIds];
  const target: DrillTarget = { kind: 'exceptions', filter, titleKey };
  if (options.titleParams) target.titleParams = options.titleParams;
  if (options.factsMatch) target.factsMatch = options.factsMatch;
  return target;
}

/**
 * The scope a scene's figures cover, as an API scope, optionally narrowed to some regions or reps. Why pass it
 * along: a scene shown for part of the director's regions must not drill into the other regions' exceptions.
 */
export function drillScope(resolved: ResolvedScope, narrow: { regionIds?: string[]; repIds?: string[] } = {}): Scope {
  const scope: Scope = { regionIds: narrow.regionIds ?? [...resolved.regionIds] };
  const repIds = narrow.repIds ?? resolved.repIds;
  if (repIds) scope.repIds = [...repIds];
  return scope;
}

export function serializeDrill(target: DrillTarget): string {
  return JSON.stringify(target);
}

/** The DrillTarget in a data-drill attribute, or null when it is missing or not a valid target. */
export function parseDrill(json: string | null | undefined): DrillTarget | null {
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = drillTargetSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Whether an exception belongs in the drill view (the API filter already applied; this checks `factsMatch`). */
export function matchesDrill(target: DrillTarget, item: ExceptionItem): boolean {
  if (!target.factsMatch) return true;
  return Object.entries(target.factsMatch).every(([fact, value]) => String(item.evidence.facts[fact] ?? '') === value);
}
