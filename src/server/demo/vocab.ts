// The demo world's vocabulary: regions and cities, the default pipeline, tags, segments, Chinese names and the
// phrases reps write. Enumerations (kind, segment, source, status) are English keys; what people type is Chinese.
import type { Random } from './random';

export interface RegionDef {
  key: string;
  name: string;
  nameEn: string;
  cities: readonly string[];
}

export const NATIONAL_REGION = { id: 'rg-national', name: '全国', nameEn: 'National' } as const;

/** Regions in generation order; `demo` uses the first five, `M` and `L` all ten. */
export const REGION_DEFS: readonly RegionDef[] = [
  { key: 'east', name: '华东', nameEn: 'East China', cities: ['上海', '杭州', '南京', '苏州', '宁波', '合肥', '无锡', '温州'] },
  { key: 'south', name: '华南', nameEn: 'South China', cities: ['广州', '深圳', '东莞', '佛山', '厦门', '福州', '南宁', '海口'] },
  {
    key: 'north',
    name: '华北',
    nameEn: 'North China',
    cities: ['石家庄', '太原', '呼和浩特', '保定', '唐山', '大同', '廊坊', '包头'],
  },
  {
    key: 'southwest',
    name: '西南',
    nameEn: 'Southwest China',
    cities: ['昆明', '贵阳', '遵义', '曲靖', '大理', '玉溪', '六盘水', '拉萨'],
  },
  {
    key: 'central',
    name: '华中',
    nameEn: 'Central China',
    cities: ['武汉', '长沙', '郑州', '南昌', '宜昌', '洛阳', '株洲', '九江'],
  },
  {
    key: 'northwest',
    name: '西北',
    nameEn: 'Northwest China',
    cities: ['西安', '兰州', '银川', '西宁', '乌鲁木齐', '宝鸡', '咸阳', '天水'],
  },
  {
    key: 'northeast',
    name: '东北',
    nameEn: 'Northeast China',
    cities: ['沈阳', '长春', '哈尔滨', '大连', '吉林', '鞍山', '齐齐哈尔', '营口'],
  },
  { key: 'west', name: '华西', nameEn: 'West China', cities: ['绵阳', '德阳', '南充', '宜宾', '乐山', '泸州', '自贡', '攀枝花'] },
  { key: 'jingjin', name: '京津', nameEn: 'Beijing-Tianjin', cities: ['北京', '天津'] },
  {
    key: 'chuanyu',
    name: '川渝',
    nameEn: 'Sichuan-Chongqing',
    cities: ['成都', '重庆', '眉山', '遂宁', '内江', '万州', '涪陵', '资阳'],
  },
];

export interface ChecklistItem {
  key: string;
  name: string;
  name_en: string;
}

export interface StageDef {
  id: string;
  ordinal: number;
  name: string;
  nameEn: string;
  maxDwellDays: number;
  requiredFields: readonly string[];
  checklist: readonly ChecklistItem[];
}

const item = (key: string, name: string, nameEn: string): ChecklistItem => ({ key, name, name_en: nameEn });

/**
 * The default pipeline (DOMAIN.md). Required fields accumulate stage by stage. Note the 方案演示 checklist has no
 * "stamped materials" step although 报价谈判 requires them: the gap behind the planted Friday regressions.
 */
export const STAGES: readonly StageDef[] = [
  {
    id: 'st-initial',
    ordinal: 1,
    name: '初步接触',
    nameEn: 'Initial contact',
    maxDwellDays: 14,
    requiredFields: ['contact_name'],
    checklist: [
      item('confirm_contact', '确认联系人', 'Confirm the contact person'),
      item('background', '了解客户背景', 'Research the customer'),
    ],
  },
  {
    id: 'st-needs',
    ordinal: 2,
    name: '需求确认',
    nameEn: 'Needs confirmed',
    maxDwellDays: 21,
    requiredFields: ['contact_name', 'budget', 'decision_maker'],
    checklist: [
      item('needs_survey', '需求调研', 'Survey the needs'),
      item('confirm_budget', '确认预算', 'Confirm the budget'),
      item('decision_maker', '确认决策人', 'Identify the decision maker'),
    ],
  },
  {
    id: 'st-demo',
    ordinal: 3,
    name: '方案演示',
    nameEn: 'Solution demo',
    maxDwellDays: 14,
    requiredFields: ['contact_name', 'budget', 'decision_maker', 'demo_date'],
    checklist: [
      item('prepare_demo', '准备演示方案', 'Prepare the demo'),
      item('deliver_demo', '完成方案演示', 'Deliver the demo'),
      item('feedback_48h', '48小时内收集客户反馈', 'Collect customer feedback within 48 h'),
    ],
  },
  {
    id: 'st-quote',
    ordinal: 4,
    name: '报价谈判',
    nameEn: 'Quote & negotiation',
    maxDwellDays: 21,
    requiredFields: ['contact_name', 'budget', 'decision_maker', 'demo_date', 'quote_amount', 'stamped_materials'],
    checklist: [
      item('submit_quote', '提交报价单', 'Submit the quote'),
      item('stamped_materials', '提交盖章材料', 'Submit stamped materials'),
      item('negotiate', '商务谈判', 'Negotiate terms'),
    ],
  },
  {
    id: 'st-contract',
    ordinal: 5,
    name: '合同签署',
    nameEn: 'Contract',
    maxDwellDays: 14,
    requiredFields: ['contact_name', 'budget', 'decision_maker', 'demo_date', 'quote_amount', 'stamped_materials', 'contract_no'],
    checklist: [
      item('contract_review', '合同审批', 'Contract approval'),
      item('sign', '签署合同', 'Sign the contract'),
      item('payment_plan', '确认回款计划', 'Agree the payment plan'),
    ],
  },
];

/** Stage definition by ordinal (1–5). */
export function stageAt(ordinal: number): StageDef {
  const stage = STAGES[ordinal - 1];
  if (!stage) throw new Error(`no stage ${ordinal}`);
  return stage;
}

/** The six activity tags of DOMAIN.md, as reps write them. */
export const TAGS = {
  firstContact: '首次接触',
  needsDiscovery: '需求挖掘',
  techDemo: '技术演示',
  priceNegotiation: '价格谈判',
  decisionMaker: '决策人确认',
  customerFeedback: '客户反馈',
} as const;

export type ActivityKind = 'visit' | 'call' | 'wechat' | 'demo' | 'quote' | 'check-in' | 'email';
export type Segment = 'hospital' | 'school' | 'education_bureau' | 'factory' | 'dealer';
export const SEGMENTS: readonly Segment[] = ['hospital', 'school', 'education_bureau', 'factory', 'dealer'];
export type Tier = 'A' | 'B' | 'C';

export type LeadSource = 'web_form' | 'live_stream' | 'wechat' | 'phone' | 'referral' | 'trade_show';
export const LEAD_SOURCES: readonly LeadSource[] = ['web_form', 'live_stream', 'wechat', 'phone', 'referral', 'trade_show'];
export const LEAD_SOURCE_WEIGHTS = [0.3, 0.15, 0.2, 0.15, 0.12, 0.08];

export const LOST_REASONS = ['预算冻结', '选择竞品', '需求取消', '价格过高', '决策延期', '并入集团统一采购'] as const;
export const LOST_REASON_WEIGHTS = [0.22, 0.26, 0.12, 0.2, 0.14, 0.06];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈'.split('');
const GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '晓东',
  '海燕',
  '建华',
  '志强',
  '文杰',
  '婷婷',
  '子轩',
  '雨萱',
  '浩然',
  '欣怡',
  '俊杰',
  '思远',
  '嘉怡',
  '宇航',
  '梓涵',
  '一鸣',
  '佳琪',
  '明轩',
  '若曦',
  '晨阳',
  '诗涵',
  '博文',
  '雅静',
  '天佑',
  '梦瑶',
  '泽宇',
  '立新',
  '建国',
  '红梅',
  '春燕',
  '志刚',
  '海峰',
  '丽华',
  '国华',
  '秀兰',
  '桂芳',
  '振宇',
  '晓燕',
  '文静',
  '鹏飞',
];

export function surname(rng: Random): string {
  return rng.pick(SURNAMES);
}

/** A Chinese full name: surname + one- or two-character given name. */
export function personName(rng: Random): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

const CN_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一 … 10 → 十 (team and hospital numbering). */
export function cnNumber(n: number): string {
  return CN_DIGITS[(n - 1) % 10] ?? String(n);
}

const DISTRICTS = ['东城', '西城', '高新', '经开', '滨江', '新城', '城南', '城北', '江北', '南湖', '临港', '开发'];
const BRANDS = [
  '宏达',
  '华信',
  '鑫源',
  '永泰',
  '恒通',
  '金石',
  '瑞丰',
  '天成',
  '兴业',
  '盛世',
  '博远',
  '正泰',
  '远航',
  '嘉禾',
  '新锐',
  '中科',
];
const INDUSTRIES = ['机械', '电子', '化工', '纺织', '汽车配件', '食品', '精密仪器', '新材料'];

/** A plausible customer name of the segment, e.g. 杭州市第三人民医院, 苏州高新区教育局, 宁波宏达机械厂. */
export function accountName(rng: Random, segment: Segment, city: string): string {
  const district = rng.pick(DISTRICTS);
  const brand = rng.pick(BRANDS);
  switch (segment) {
    case 'hospital':
      return rng.pick([
        `${city}市第${cnNumber(rng.int(1, 9))}人民医院`,
        `${city}市中医院`,
        `${city}${district}区人民医院`,
        `${city}市妇幼保健院`,
        `${city}市中心医院`,
        `${city}医科大学附属第${cnNumber(rng.int(1, 4))}医院`,
      ]);
    case 'school':
      return rng.pick([
        `${city}市第${rng.int(1, 40)}中学`,
        `${city}${district}区实验小学`,
        `${city}外国语学校`,
        `${city}职业技术学院`,
        `${city}市第${rng.int(1, 30)}小学`,
      ]);
    case 'education_bureau':
      return rng.pick([
        `${city}市教育局`,
        `${city}${district}区教育局`,
        `${city}市教育装备中心`,
        `${city}${district}区教师发展中心`,
      ]);
    case 'factory':
      return rng.pick([`${city}${brand}机械厂`, `${brand}${rng.pick(INDUSTRIES)}（${city}）有限公司`, `${city}${brand}电子厂`]);
    case 'dealer':
      return rng.pick([`${city}${brand}科技贸易有限公司`, `${brand}商贸（${city}）有限公司`, `${city}${brand}系统集成有限公司`]);
  }
}

const DECISION_TITLES: Record<Segment, readonly string[]> = {
  hospital: ['院长', '副院长', '信息科主任', '设备科主任'],
  school: ['校长', '副校长', '信息中心主任'],
  education_bureau: ['局长', '副局长', '装备科科长', '电教馆馆长'],
  factory: ['厂长', '总经理', '生产总监', 'IT经理'],
  dealer: ['总经理', '采购经理'],
};

export function decisionMaker(rng: Random, segment: Segment): string {
  return surname(rng) + rng.pick(DECISION_TITLES[segment]);
}

export const PRODUCT_LINES: Record<Segment, readonly string[]> = {
  hospital: ['医疗信息化', '医疗信息化', '数据平台'],
  school: ['智慧校园', '智慧校园', '数据平台'],
  education_bureau: ['智慧校园', '教育云平台'],
  factory: ['工业物联网', '工业物联网', '数据平台'],
  dealer: ['智慧校园', '工业物联网', '云服务'],
};

/** Median deal size (CNY) per segment; tiers scale it. */
export const AMOUNT_MEDIAN: Record<Segment, number> = {
  hospital: 420_000,
  school: 160_000,
  education_bureau: 780_000,
  factory: 300_000,
  dealer: 120_000,
};
export const TIER_FACTOR: Record<Tier, number> = { A: 1.8, B: 1, C: 0.55 };

const SUMMARIES: Record<string, readonly string[]> = {
  [TAGS.firstContact]: [
    '首次电话联系，介绍公司及产品',
    '添加微信，发送产品资料',
    '首次拜访，了解客户基本情况',
    '回复线索咨询，约定沟通时间',
  ],
  [TAGS.needsDiscovery]: ['沟通现有系统痛点，整理需求清单', '与信息科讨论建设需求', '现场调研业务流程', '确认项目范围与时间计划'],
  [TAGS.techDemo]: ['完成产品方案演示', '远程演示系统功能，客户反应积极', '现场演示并答疑', '针对客户场景做定制化演示'],
  [TAGS.priceNegotiation]: ['提交报价单，沟通折扣空间', '商务谈判，客户希望分期付款', '确认报价及付款条件', '与采购部门沟通价格'],
  [TAGS.decisionMaker]: ['拜访分管领导，确认决策流程', '与决策人会面，明确采购时间表', '确认最终决策人及审批链'],
  [TAGS.customerFeedback]: [
    '收集演示后客户反馈，整体满意',
    '客户反馈需补充案例材料',
    '电话回访，客户对方案基本认可',
    '客户提出两项功能修改意见',
  ],
};

/** What a rep writes for an activity tagged `tag`. */
export function summaryFor(rng: Random, tag: string): string {
  return rng.pick(SUMMARIES[tag] ?? SUMMARIES[TAGS.needsDiscovery] ?? ['跟进客户']);
}

const NEXT_STEPS: readonly (readonly string[])[] = [
  ['发送公司介绍资料', '约定上门拜访时间', '确认对接联系人'],
  ['整理需求清单并确认', '约见决策人', '确认预算范围'],
  ['安排技术演示', '发送演示材料', '收集演示反馈'],
  ['跟进报价反馈', '提交盖章材料', '确认付款条件'],
  ['推进合同审批', '确认合同条款', '安排签约'],
];

/** A promised next step fitting the deal's stage (1–5). */
export function nextStepFor(rng: Random, stage: number): string {
  return rng.pick(NEXT_STEPS[Math.min(Math.max(stage, 1), 5) - 1] ?? ['电话回访']);
}

export const DURATION_RANGE: Record<ActivityKind, readonly [number, number]> = {
  visit: [30, 120],
  call: [3, 25],
  wechat: [2, 15],
  demo: [45, 120],
  quote: [20, 60],
  'check-in': [5, 20],
  email: [5, 15],
};

/** Demos and quotes need their material attached (data health); other kinds sometimes carry a photo or file. */
export const ATTACHMENT_REQUIRED: ReadonlySet<ActivityKind> = new Set<ActivityKind>(['demo', 'quote']);
export const ATTACHMENT_CHANCE: Record<ActivityKind, number> = {
  visit: 0.4,
  call: 0.05,
  wechat: 0.1,
  demo: 1,
  quote: 1,
  'check-in': 0.6,
  email: 0.3,
};
