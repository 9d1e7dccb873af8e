// The drill's evidence sentences: for every rule (both lead_routing kinds) the exact en and zh-CN text built from
// a hand-built item's facts and thresholds, stage names in the UI language, the peer rep masked in privacy mode,
// and core's English summary when a rule's facts are missing or malformed.
import { describe, expect, it } from 'vitest';
import { RULE_KEYS, type Evidence, type ExceptionItem, type RuleKey } from '../../../../src/shared/analytics/exceptions';
import type { Locale } from '../../../../src/shared/domain/settings';
import { createI18n } from '../../../../src/renderer/src/i18n/create-i18n';
import { createFormatters } from '../../../../src/renderer/src/lib/format';
import { createWallFormat } from '../../../../src/renderer/src/features/war-room/scenes/format';
import { shownName } from '../../../../src/renderer/src/features/war-room/scenes/privacy';
import {
  describeEvidence,
  evidenceFormat,
  evidenceText,
  namesStage,
  type EvidenceContext,
} from '../../../../src/renderer/src/features/war-room/wall/evidence-text';
import { exceptionItem } from './fixtures';

// Dates are shown in local time: pin the zone (the directors' own) so the expected text is exact.
process.env.TZ = 'Asia/Shanghai';

const STAGES: Record<string, { name: string; nameEn: string }> = {
  'st-demo': { name: '方案演示', nameEn: 'Solution demo' },
  'st-quote': { name: '报价谈判', nameEn: 'Quote & negotiation' },
};
const REPS: Record<string, string> = { 'rep-1': '张伟', 'rep-2': 'Li Wei' };

/** What the drill passes: the UI language's t and formatters, stage names by id, reps as the drill shows them. */
function context(locale: Locale, privacy = false): EvidenceContext {
  const i18n = createI18n(locale);
  return {
    t: i18n.getFixedT(locale),
    format: evidenceFormat(
      createFormatters(locale),
      createWallFormat(locale, (value) => value, '—'),
    ),
    stage: (id) => {
      const stage = STAGES[id];
      if (!stage) return id;
      return locale === 'en' ? stage.nameEn : stage.name;
    },
    rep: (id) => {
      const name = REPS[id];
      return name ? shownName(name, privacy) : id;
    },
  };
}

function item(rule: RuleKey, evidence: Partial<Evidence>): ExceptionItem {
  return exceptionItem({
    key: `${rule}:subject-1`,
    rule,
    subjectType: 'deal',
    subjectId: 'subject-1',
    evidence: { summary: `core summary of ${rule}`, facts: {}, thresholds: {}, rows: [], ...evidence },
  });
}

const ENTERED = Date.parse('2026-10-10T02:00:00Z');

interface Case {
  name: string;
  item: ExceptionItem;
  en: string;
  zh: string;
}

const CASES: Case[] = [
  {
    name: 'stage_overdue',
    item: item('stage_overdue', {
      facts: { stageId: 'st-demo', enteredAt: ENTERED, dwellDays: 23.5, overdueDays: 9.5, ownerRepId: 'rep-1' },
      thresholds: { maxDwellDays: 14, criticalFactor: 2 },
    }),
    en: 'In stage “Solution demo” for 23.5 days, limit 14 days (9.5 days over)',
    zh: '在「方案演示」阶段已停留 23.5 天，上限 14 天（超出 9.5 天）',
  },
  {
    name: 'stage_regression',
    item: item('stage_regression', {
      facts: { regressions: 2, lastFrom: 'st-quote', lastTo: 'st-demo', lastAt: ENTERED },
      thresholds: { lookbackDays: 90 },
    }),
    en: 'Moved back 2 times in the last 90 days, most recently from “Quote & negotiation” to “Solution demo”',
    zh: '近 90 天内回退 2 次，最近一次从「报价谈判」退回「方案演示」',
  },
  {
    name: 'stage_regression (once)',
    item: item('stage_regression', {
      facts: { regressions: 1, lastFrom: 'st-quote', lastTo: 'st-demo', lastAt: ENTERED },
      thresholds: { lookbackDays: 1 },
    }),
    en: 'Moved back once in the last 1 day, most recently from “Quote & negotiation” to “Solution demo”',
    zh: '近 1 天内回退 1 次，最近一次从「报价谈判」退回「方案演示」', // Chinese has no singular form
  },
  {
    name: 'stage_flapping',
    item: item('stage_flapping', {
      facts: { changes: 6, lastAt: ENTERED },
      thresholds: { minChanges: 5, windowDays: 7, lookbackDays: 30 },
    }),
    en: 'Stage changed 6 times within 7 days (threshold 5)',
    zh: '7 天内阶段变更 6 次（阈值 5 次）',
  },
  {
    name: 'lead_unfollowed_24h',
    item: item('lead_unfollowed_24h', {
      facts: { assignedAt: ENTERED, hoursSince: 30.5, repId: 'rep-1', repStatus: 'active', escalateTo: 'rep-9' },
      thresholds: { hours: 24 },
    }),
    en: 'Assigned 30.5 hours ago and not followed up yet (limit 24 hours)',
    zh: '分配已 30.5 小时，仍未跟进（时限 24 小时）',
  },
  {
    name: 'sleeping_lead',
    item: item('sleeping_lead', {
      facts: { lastActivityAt: ENTERED, idleDays: 16.2, repId: 'rep-2' },
      thresholds: { days: 14 },
    }),
    en: 'No activity for 16.2 days (limit 14 days)',
    zh: '已 16.2 天没有任何跟进动态（上限 14 天）',
  },
  {
    name: 'demo_no_feedback_48h',
    item: item('demo_no_feedback_48h', {
      facts: { stageId: 'st-demo', enteredAt: ENTERED, hoursSince: 60, feedbackAt: null, ownerRepId: 'rep-1' },
      thresholds: { hours: 48 },
    }),
    en: 'Entered “Solution demo” 60 hours ago, no customer feedback within 48 hours',
    zh: '进入「方案演示」已 60 小时，48 小时内未收到客户反馈',
  },
  {
    name: 'missing_required_fields',
    item: item('missing_required_fields', {
      facts: { stageId: 'st-demo', missingFields: 'budget,demo_date', missingCount: 2, ownerRepId: 'rep-1' },
    }),
    en: 'Required in “Solution demo” but empty: budget and demo date',
    zh: '「方案演示」阶段的必填项未填写：预算和演示日期',
  },
  {
    name: 'missing_required_fields (a field key without a catalog name is shown as it is)',
    item: item('missing_required_fields', {
      facts: { stageId: 'st-quote', missingFields: 'quote_amount,po_number', missingCount: 2, ownerRepId: 'rep-1' },
    }),
    en: 'Required in “Quote & negotiation” but empty: quote amount and po_number',
    zh: '「报价谈判」阶段的必填项未填写：报价金额和po_number',
  },
  {
    name: 'next_step_overdue (long overdue spans in days)',
    item: item('next_step_overdue', {
      facts: { due: Date.parse('2026-11-01T01:00:00Z'), overdueHours: 200, activityId: 'act-1' },
      thresholds: { graceHours: 0 },
    }),
    en: 'The promised next step was due Nov 1, 2026, 9:00 AM: 8.3 days overdue, nothing logged since',
    zh: '承诺的下一步应于 2026年11月1日 09:00 完成，已逾期 8.3 天，此后没有任何记录',
  },
  {
    name: 'phi_drop',
    item: item('phi_drop', {
      // Keys in no particular order: the sentence reads the days in date order.
      facts: { '2026-11-01': 63.2, dropPct: 19.3, '2026-10-30': 72, '2026-11-02': 58.1, '2026-10-31': 68.5 },
      thresholds: { days: 3, dropPct: 15 },
    }),
    en: 'PHI fell 3 days in a row, from 72 to 58.1 (down 19%, threshold 15%)',
    zh: '过程健康度连续 3 天下滑，从 72 降至 58.1（累计下降 19%，阈值 15%）',
  },
  {
    name: 'data_health_low',
    item: item('data_health_low', {
      facts: { score: 62.4, completeness: 0.7, timeLogic: 0.55, attachments: null, records: 40 },
      thresholds: { minScore: 80, windowDays: 28, minRecords: 5 },
    }),
    en: 'Data health 62.4 over the last 28 days, below 80 (fields 70%, timing 55%, files —)',
    zh: '近 28 天数据健康分 62.4，低于 80（字段完整 70%，时间合理 55%，附件齐全 —）',
  },
  {
    name: 'lead_routing, departed',
    item: item('lead_routing', {
      facts: { kind: 'departed', openLeads: 6, assignedAfterDeparture: 2, departedAt: ENTERED },
    }),
    en: 'Has left but still holds 6 open leads, 2 of them assigned after leaving',
    zh: '已离职，名下仍有 6 条未关闭线索，其中 2 条是离职后分配的',
  },
  {
    name: 'lead_routing, starved',
    item: item('lead_routing', {
      facts: { kind: 'starved', lastLeadAt: null, backlog: 1, peerId: 'rep-2', peerBacklog: 14, medianBacklog: 4.5 },
      thresholds: { starvedDays: 7, backlogFactor: 2, minPeerBacklog: 3 },
    }),
    en: 'No new lead for 7 days or more while Li Wei holds 14 open leads (region median 4.5)',
    zh: '已 7 天以上未分到新线索，而 Li Wei 名下积压 14 条未关闭线索（区域中位数 4.5）',
  },
  {
    name: 'busy_not_effective',
    item: item('busy_not_effective', {
      facts: { activities: 42, firstContact: 36, firstContactShare: 0.857, advances: 0 },
      thresholds: { windowDays: 14, firstContactShare: 0.8, minActivities: 10 },
    }),
    en: '42 activities in the last 14 days, 86% of them first contacts (threshold 80%), no deal advanced',
    zh: '近 14 天共 42 条跟进记录，其中首次接触占 86%（阈值 80%），没有商机推进',
  },
];

// Some ICU versions put a narrow no-break space before AM/PM.
const plainSpaces = (text: string) => text.replace(/\u202f/g, ' ');

describe('evidence sentences', () => {
  it('covers every rule of the catalog', () => {
    expect(new Set(CASES.map((c) => c.item.rule))).toEqual(new Set(RULE_KEYS));
  });

  it.each(CASES)('$name in English', ({ item: subject, en }) => {
    const shown = describeEvidence(subject, context('en'));
    expect(plainSpaces(shown.text)).toBe(en);
    expect(shown.localized).toBe(true);
  });

  it.each(CASES)('$name in Chinese', ({ item: subject, zh }) => {
    const shown = describeEvidence(subject, context('zh-CN'));
    expect(plainSpaces(shown.text)).toBe(zh);
    expect(shown.localized).toBe(true);
  });

  it('an unknown stage id is shown as the id', () => {
    const unknown = item('stage_overdue', {
      facts: { stageId: 'st-custom', dwellDays: 1, overdueDays: 0.5, ownerRepId: 'rep-1' },
      thresholds: { maxDwellDays: 0.5 },
    });
    expect(evidenceText(unknown, context('en'))).toBe('In stage “st-custom” for 1 day, limit 0.5 days (0.5 days over)');
  });

  it('elapsed hours from three days on read as days', () => {
    const late = item('lead_unfollowed_24h', { facts: { hoursSince: 80 }, thresholds: { hours: 24 } });
    expect(evidenceText(late, context('en'))).toBe('Assigned 3.3 days ago and not followed up yet (limit 24 hours)');
    expect(evidenceText(late, context('zh-CN'))).toBe('分配已 3.3 天，仍未跟进（时限 24 小时）');
  });
});

describe('privacy', () => {
  const starved = (peerId: string) =>
    item('lead_routing', {
      facts: { kind: 'starved', lastLeadAt: null, backlog: 0, peerId, peerBacklog: 9, medianBacklog: 3 },
      thresholds: { starvedDays: 7 },
    });

  it('masks the peer rep of a starved lead_routing like the drill masks reps', () => {
    expect(evidenceText(starved('rep-2'), context('en', true))).toBe(
      'No new lead for 7 days or more while L. W. holds 9 open leads (region median 3)',
    );
    expect(evidenceText(starved('rep-1'), context('zh-CN', true))).toBe(
      '已 7 天以上未分到新线索，而 张* 名下积压 9 条未关闭线索（区域中位数 3）',
    );
    expect(evidenceText(starved('rep-1'), context('zh-CN', false))).toContain('而 张伟 名下');
  });

  it('an unknown peer shows its id (an id is not a name)', () => {
    expect(evidenceText(starved('rep-77'), context('en', true))).toContain('while rep-77 holds');
  });
});

describe('fallback to the summary', () => {
  it.each(RULE_KEYS)('%s without facts shows core summary', (rule) => {
    const bare = item(rule, {});
    const shown = describeEvidence(bare, context('zh-CN'));
    expect(shown).toEqual({ text: `core summary of ${rule}`, localized: false });
  });

  const MALFORMED: [string, ExceptionItem][] = [
    [
      'a number where a stage id belongs',
      item('stage_overdue', { facts: { stageId: 42, dwellDays: 20, overdueDays: 6 }, thresholds: { maxDwellDays: 14 } }),
    ],
    ['a string where a number belongs', item('sleeping_lead', { facts: { idleDays: '16.2' }, thresholds: { days: 14 } })],
    ['a threshold missing', item('stage_flapping', { facts: { changes: 6 }, thresholds: { windowDays: 7 } })],
    [
      'a regression without a target stage',
      item('stage_regression', {
        facts: { regressions: 1, lastFrom: 'st-quote', lastTo: null },
        thresholds: { lookbackDays: 90 },
      }),
    ],
    ['an empty field list', item('missing_required_fields', { facts: { stageId: 'st-demo', missingFields: '' } })],
    ['a single PHI day', item('phi_drop', { facts: { '2026-11-01': 60, dropPct: 20 }, thresholds: { dropPct: 15 } })],
    [
      'a PHI day without a value',
      item('phi_drop', { facts: { '2026-10-31': 70, '2026-11-01': null, dropPct: 20 }, thresholds: { dropPct: 15 } }),
    ],
    [
      'a data health part that is not a ratio',
      item('data_health_low', {
        facts: { score: 60, completeness: 'high', timeLogic: 0.5, attachments: 0.5 },
        thresholds: { minScore: 80, windowDays: 28 },
      }),
    ],
    ['a lead_routing kind this UI does not know', item('lead_routing', { facts: { kind: 'overloaded', openLeads: 3 } })],
    ['a departed rep without counts', item('lead_routing', { facts: { kind: 'departed', openLeads: 3 } })],
    [
      'a starved rep without a peer',
      item('lead_routing', { facts: { kind: 'starved', peerBacklog: 9, medianBacklog: 3 }, thresholds: { starvedDays: 7 } }),
    ],
    ['a non-finite number', item('busy_not_effective', { facts: { activities: Number.NaN, firstContactShare: 0.9 } })],
  ];

  it.each(MALFORMED)('%s shows core summary', (_, malformed) => {
    expect(describeEvidence(malformed, context('en'))).toEqual({
      text: `core summary of ${malformed.rule}`,
      localized: false,
    });
  });
});

describe('namesStage', () => {
  it('tells which rows need stage names', () => {
    expect(namesStage(item('stage_overdue', { facts: { stageId: 'st-demo' } }))).toBe(true);
    expect(namesStage(item('stage_regression', { facts: { lastFrom: 'st-quote' } }))).toBe(true);
    expect(namesStage(item('sleeping_lead', { facts: { idleDays: 3 } }))).toBe(false);
  });
});
