// The drill's evidence column in the UI language: one sentence per rule, built from the evidence facts and
// thresholds core emits (src/core/analytics/rules). Core's `summary` is English for logs; it is shown only when a
// rule's facts are not what this file expects (facts are a loose record, so every field is checked).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Evidence, ExceptionItem, RuleKey } from '../../../../../shared/analytics/exceptions';
import type { FunnelScene } from '../../../../../shared/analytics/scenes';
import { useClient } from '../../../lib/client-context';
import { useFormatters, type Formatters } from '../../../lib/format';
import { useWallFormat, type WallFormat } from '../scenes/format';
import { useLocalName } from '../scenes/region-names';

/** The formatting the sentences need, in the UI locale. */
export interface EvidenceFormat {
  /** A number with at most `digits` decimals. */
  num(value: number, digits?: number): string;
  /** A fraction as a percentage; null (no data) as "—". */
  pct(fraction: number | null): string;
  dateTime(epochMs: number): string;
  list(items: readonly string[]): string;
}

export interface EvidenceContext {
  t: TFunction;
  format: EvidenceFormat;
  /** A stage id as its name in the UI language (the id itself when unknown). */
  stage(stageId: string): string;
  /** A rep id as the drill shows reps: the name, masked in privacy mode, or the id when unknown. */
  rep(repId: string): string;
}

export interface EvidenceText {
  text: string;
  /** False when the facts were missing or malformed and `text` is core's English summary. */
  localized: boolean;
}

type Sentence = (evidence: Evidence, c: EvidenceContext) => string | null;
type Loose = Record<string, unknown>;

const num = (record: Loose, key: string): number | null => {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
const str = (record: Loose, key: string): string | null => {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : null;
};
/** A 0–1 part that may legitimately be null (no data); anything else is malformed (undefined). */
const part = (record: Loose, key: string): number | null | undefined => {
  const value = record[key];
  if (value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/** One decimal, for the text and for choosing the plural form alike (1.04 days is "1 day"). */
const round1 = (n: number) => Math.round(n * 10) / 10;
const days = (c: EvidenceContext, n: number) =>
  c.t('wall.drill.evidence.units.days', { count: round1(n), value: c.format.num(round1(n), 1) });
const hours = (c: EvidenceContext, n: number) =>
  c.t('wall.drill.evidence.units.hours', { count: round1(n), value: c.format.num(round1(n), 1) });
const times = (c: EvidenceContext, n: number) => c.t('wall.drill.evidence.units.times', { count: n, value: c.format.num(n) });
const openLeads = (c: EvidenceContext, n: number) =>
  c.t('wall.drill.evidence.units.openLeads', { count: n, value: c.format.num(n) });

/** Up to three days, elapsed time reads best in hours; longer spans in days (200 hours → 8.3 days). */
const HOURS_SHOWN_UP_TO = 72;
const elapsed = (c: EvidenceContext, h: number) => (h < HOURS_SHOWN_UP_TO ? hours(c, h) : days(c, h / 24));

const stageOverdue: Sentence = ({ facts, thresholds }, c) => {
  const stageId = str(facts, 'stageId');
  const dwell = num(facts, 'dwellDays');
  const overdue = num(facts, 'overdueDays');
  const max = num(thresholds, 'maxDwellDays');
  if (stageId === null || dwell === null || overdue === null || max === null) return null;
  return c.t('wall.drill.evidence.stage_overdue', {
    stage: c.stage(stageId),
    dwell: days(c, dwell),
    max: days(c, max),
    overdue: days(c, overdue),
  });
};

const stageRegression: Sentence = ({ facts, thresholds }, c) => {
  const count = num(facts, 'regressions');
  const from = str(facts, 'lastFrom');
  const to = str(facts, 'lastTo');
  const lookback = num(thresholds, 'lookbackDays');
  if (count === null || from === null || to === null || lookback === null) return null;
  return c.t('wall.drill.evidence.stage_regression', {
    times: times(c, count),
    lookback: days(c, lookback),
    from: c.stage(from),
    to: c.stage(to),
  });
};

const stageFlapping: Sentence = ({ facts, thresholds }, c) => {
  const changes = num(facts, 'changes');
  const window = num(thresholds, 'windowDays');
  const min = num(thresholds, 'minChanges');
  if (changes === null || window === null || min === null) return null;
  return c.t('wall.drill.evidence.stage_flapping', { times: times(c, changes), window: days(c, window), min: c.format.num(min) });
};

const leadUnfollowed: Sentence = ({ facts, thresholds }, c) => {
  const since = num(facts, 'hoursSince');
  const limit = num(thresholds, 'hours');
  if (since === null || limit === null) return null;
  return c.t('wall.drill.evidence.lead_unfollowed_24h', { elapsed: elapsed(c, since), limit: hours(c, limit) });
};

const sleepingLead: Sentence = ({ facts, thresholds }, c) => {
  const idle = num(facts, 'idleDays');
  const limit = num(thresholds, 'days');
  if (idle === null || limit === null) return null;
  return c.t('wall.drill.evidence.sleeping_lead', { idle: days(c, idle), limit: days(c, limit) });
};

const demoNoFeedback: Sentence = ({ facts, thresholds }, c) => {
  const stageId = str(facts, 'stageId');
  const since = num(facts, 'hoursSince');
  const limit = num(thresholds, 'hours');
  if (stageId === null || since === null || limit === null) return null;
  return c.t('wall.drill.evidence.demo_no_feedback_48h', {
    stage: c.stage(stageId),
    elapsed: elapsed(c, since),
    limit: hours(c, limit),
  });
};

/** Field keys of the default pipeline that have a name in the catalogs; other keys are shown as they are. */
const FIELD_KEYS = [
  'contact_name',
  'budget',
  'decision_maker',
  'demo_date',
  'quote_amount',
  'stamped_materials',
  'contract_no',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
const isFieldKey = (key: string): key is FieldKey => (FIELD_KEYS as readonly string[]).includes(key);

const missingFields: Sentence = ({ facts }, c) => {
  const stageId = str(facts, 'stageId');
  const fields = (str(facts, 'missingFields') ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (stageId === null || fields.length === 0) return null;
  const names = fields.map((f) => (isFieldKey(f) ? c.t(`wall.drill.evidence.fields.${f}`) : f));
  return c.t('wall.drill.evidence.missing_required_fields', { stage: c.stage(stageId), fields: c.format.list(names) });
};

const nextStepOverdue: Sentence = ({ facts }, c) => {
  const due = num(facts, 'due');
  const overdue = num(facts, 'overdueHours');
  if (due === null || overdue === null) return null;
  return c.t('wall.drill.evidence.next_step_overdue', { due: c.format.dateTime(due), overdue: elapsed(c, overdue) });
};

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** phi_drop facts: one PHI per local day of the fall (`YYYY-MM-DD` keys) plus the total `dropPct` (in %). */
const phiDrop: Sentence = ({ facts, thresholds }, c) => {
  const dates = Object.keys(facts)
    .filter((key) => DATE_KEY.test(key))
    .sort();
  const values = dates.map((date) => num(facts, date));
  const first = values[0];
  const last = values[values.length - 1];
  const drop = num(facts, 'dropPct');
  const limit = num(thresholds, 'dropPct');
  if (values.length < 2 || values.includes(null) || first == null || last == null || drop === null || limit === null) return null;
  return c.t('wall.drill.evidence.phi_drop', {
    days: days(c, values.length - 1),
    from: c.format.num(first, 1),
    to: c.format.num(last, 1),
    drop: c.format.pct(drop / 100),
    limit: c.format.pct(limit / 100),
  });
};

const dataHealthLow: Sentence = ({ facts, thresholds }, c) => {
  const score = num(facts, 'score');
  const min = num(thresholds, 'minScore');
  const window = num(thresholds, 'windowDays');
  const parts = (['completeness', 'timeLogic', 'attachments'] as const).map((key) => part(facts, key));
  const [completeness, timeLogic, attachments] = parts;
  if (score === null || min === null || window === null || parts.includes(undefined)) return null;
  return c.t('wall.drill.evidence.data_health_low', {
    score: c.format.num(score, 1),
    min: c.format.num(min, 1),
    window: days(c, window),
    completeness: c.format.pct(completeness ?? null),
    timeLogic: c.format.pct(timeLogic ?? null),
    attachments: c.format.pct(attachments ?? null),
  });
};

/** lead_routing has two kinds: a departed rep still holding leads, and a rep starved while a peer is swamped. */
const leadRouting: Sentence = ({ facts, thresholds }, c) => {
  if (facts.kind === 'departed') {
    const held = num(facts, 'openLeads');
    const after = num(facts, 'assignedAfterDeparture');
    if (held === null || after === null) return null;
    return c.t('wall.drill.evidence.lead_routing.departed', { leads: openLeads(c, held), after: c.format.num(after) });
  }
  if (facts.kind === 'starved') {
    const peerId = str(facts, 'peerId');
    const peerBacklog = num(facts, 'peerBacklog');
    const median = num(facts, 'medianBacklog');
    const starvedDays = num(thresholds, 'starvedDays');
    if (peerId === null || peerBacklog === null || median === null || starvedDays === null) return null;
    return c.t('wall.drill.evidence.lead_routing.starved', {
      days: days(c, starvedDays),
      peer: c.rep(peerId),
      peerLeads: openLeads(c, peerBacklog),
      median: c.format.num(median, 1),
    });
  }
  return null;
};

const busyNotEffective: Sentence = ({ facts, thresholds }, c) => {
  const activities = num(facts, 'activities');
  const share = num(facts, 'firstContactShare');
  const window = num(thresholds, 'windowDays');
  const limit = num(thresholds, 'firstContactShare');
  if (activities === null || share === null || window === null || limit === null) return null;
  return c.t('wall.drill.evidence.busy_not_effective', {
    activities: c.t('wall.drill.evidence.units.activities', { count: activities, value: c.format.num(activities) }),
    window: days(c, window),
    share: c.format.pct(share),
    limit: c.format.pct(limit),
  });
};

// A Record over RuleKey: a rule added to the catalog does not compile until it has a sentence.
const SENTENCES: Record<RuleKey, Sentence> = {
  stage_overdue: stageOverdue,
  stage_regression: stageRegression,
  stage_flapping: stageFlapping,
  lead_unfollowed_24h: leadUnfollowed,
  sleeping_lead: sleepingLead,
  demo_no_feedback_48h: demoNoFeedback,
  missing_required_fields: missingFields,
  next_step_overdue: nextStepOverdue,
  phi_drop: phiDrop,
  data_health_low: dataHealthLow,
  lead_routing: leadRouting,
  busy_not_effective: busyNotEffective,
};

/** The item's evidence as one sentence in the UI language, or core's summary when its facts are not usable. */
export function describeEvidence(item: ExceptionItem, c: EvidenceContext): EvidenceText {
  const sentence = (SENTENCES[item.rule] as Sentence | undefined)?.(item.evidence, c) ?? null;
  return sentence === null ? { text: item.evidence.summary, localized: false } : { text: sentence, localized: true };
}

export function evidenceText(item: ExceptionItem, c: EvidenceContext): string {
  return describeEvidence(item, c).text;
}

/** Whether the item's sentence names a stage (so the drill needs stage names). */
export function namesStage(item: ExceptionItem): boolean {
  const { facts } = item.evidence;
  return typeof facts.stageId === 'string' || typeof facts.lastFrom === 'string';
}

/** The evidence formatting from the renderer's formatters: the wall's numbers and percentages, the app's dates. */
export function evidenceFormat(base: Formatters, wall: WallFormat): EvidenceFormat {
  return {
    num: (value, digits = 0) => wall.num(value, digits),
    pct: (fraction) => wall.pct(fraction),
    dateTime: (epochMs) => base.dateTime(new Date(epochMs).toISOString()),
    list: (items) => base.list(items),
  };
}

/**
 * Stage names by id in the UI language, from the funnel scene: the one the wall holds when it has it, else read
 * once — only when a row names a stage. Names only decorate the text (unknown ids show as ids), so a failed read
 * is not reported.
 */
export function useStageNames(known: FunnelScene | undefined, needed: boolean): (stageId: string) => string {
  const client = useClient();
  const local = useLocalName();
  const [fetched, setFetched] = useState<FunnelScene | null>(null);
  const read = needed && !known;

  useEffect(() => {
    if (!read) return;
    let live = true;
    client.call('analytics.funnel', {}).then(
      (funnel) => live && setFetched(funnel),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, read]);

  const stages = (known ?? fetched)?.stages;
  return useMemo(() => {
    const names = new Map(stages?.map((s) => [s.stageId, local(s)]));
    return (stageId: string) => names.get(stageId) ?? stageId;
  }, [stages, local]);
}

/** Evidence text for drill rows, in the UI language, with the given stage and rep labels. */
export function useEvidenceText(
  stage: (stageId: string) => string,
  rep: (repId: string) => string,
): (item: ExceptionItem) => EvidenceText {
  const { t } = useTranslation();
  const base = useFormatters();
  const wall = useWallFormat();
  const format = useMemo(() => evidenceFormat(base, wall), [base, wall]);
  return useCallback((item: ExceptionItem) => describeEvidence(item, { t, format, stage, rep }), [t, format, stage, rep]);
}
