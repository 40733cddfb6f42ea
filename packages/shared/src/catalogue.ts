/**
 * Vocabularies of the catalogue (achievements 科技成果 and demands 技术需求),
 * shared by server and web.
 */

export const ACHIEVEMENT_TYPES = ['basic_research', 'applied_research', 'development', 'soft_science'] as const;
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number];
export const ACHIEVEMENT_TYPE_LABELS: Record<AchievementType, { zh: string; en: string }> = {
  basic_research: { zh: '基础研究', en: 'Basic research' },
  applied_research: { zh: '应用研究', en: 'Applied research' },
  development: { zh: '技术开发与产业化', en: 'Development and industrialisation' },
  soft_science: { zh: '软科学', en: 'Soft science' },
};

/** GB/T 4754-2017 门类 (sections). */
export const INDUSTRY_SECTIONS = {
  A: { zh: '农、林、牧、渔业', en: 'Agriculture, forestry, animal husbandry and fishery' },
  B: { zh: '采矿业', en: 'Mining' },
  C: { zh: '制造业', en: 'Manufacturing' },
  D: { zh: '电力、热力、燃气及水生产和供应业', en: 'Electricity, heat, gas and water' },
  E: { zh: '建筑业', en: 'Construction' },
  F: { zh: '批发和零售业', en: 'Wholesale and retail' },
  G: { zh: '交通运输、仓储和邮政业', en: 'Transport, storage and post' },
  H: { zh: '住宿和餐饮业', en: 'Accommodation and catering' },
  I: { zh: '信息传输、软件和信息技术服务业', en: 'Information transmission, software and IT services' },
  J: { zh: '金融业', en: 'Finance' },
  K: { zh: '房地产业', en: 'Real estate' },
  L: { zh: '租赁和商务服务业', en: 'Leasing and business services' },
  M: { zh: '科学研究和技术服务业', en: 'Scientific research and technical services' },
  N: { zh: '水利、环境和公共设施管理业', en: 'Water, environment and public facilities' },
  O: { zh: '居民服务、修理和其他服务业', en: 'Resident, repair and other services' },
  P: { zh: '教育', en: 'Education' },
  Q: { zh: '卫生和社会工作', en: 'Health and social work' },
  R: { zh: '文化、体育和娱乐业', en: 'Culture, sports and entertainment' },
  S: { zh: '公共管理、社会保障和社会组织', en: 'Public administration and social organisations' },
  T: { zh: '国际组织', en: 'International organisations' },
} as const;
export type IndustrySection = keyof typeof INDUSTRY_SECTIONS;
export const INDUSTRY_CODES = Object.keys(INDUSTRY_SECTIONS) as IndustrySection[];

/** Priority industries named in the regions' plans, used as tags beside the section. */
export const PRIORITY_INDUSTRIES = [
  '新能源汽车', '特种钢材', '现代医药', '新材料', '高端装备制造', '智能制造', '新一代信息技术', '节能环保',
  '新能源', '生物技术', '现代农业', '海洋经济', '煤基产业', '航空航天', '集成电路', '数字经济',
] as const;

/** Maturity 1–9 (technology readiness), with the Chinese stage a person recognises. */
export const MATURITY_LEVELS: Record<number, { zh: string; en: string; stage: { zh: string; en: string } }> = {
  1: { zh: '基本原理提出', en: 'Basic principles observed', stage: { zh: '实验室', en: 'Laboratory' } },
  2: { zh: '技术概念形成', en: 'Technology concept formulated', stage: { zh: '实验室', en: 'Laboratory' } },
  3: { zh: '关键功能实验室验证', en: 'Proof of concept in the lab', stage: { zh: '实验室', en: 'Laboratory' } },
  4: { zh: '小试样品', en: 'Bench-scale validation', stage: { zh: '小试', en: 'Bench scale' } },
  5: { zh: '中试环境验证', en: 'Pilot validation in a relevant environment', stage: { zh: '中试', en: 'Pilot' } },
  6: { zh: '工程样机/中试完成', en: 'Engineering prototype / pilot complete', stage: { zh: '中试', en: 'Pilot' } },
  7: { zh: '小批量试制', en: 'Small-batch trial production', stage: { zh: '小批量', en: 'Small batch' } },
  8: { zh: '批量生产验证', en: 'Volume production qualified', stage: { zh: '小批量', en: 'Small batch' } },
  9: { zh: '规模化产业化', en: 'Industrialised at scale', stage: { zh: '产业化', en: 'Industrialised' } },
};

export const TRANSFER_MODES = ['transfer', 'licence', 'equity', 'joint_development', 'use_first_pay_later'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];
export const TRANSFER_MODE_LABELS: Record<TransferMode, { zh: string; en: string }> = {
  transfer: { zh: '转让', en: 'Transfer' },
  licence: { zh: '许可', en: 'Licence' },
  equity: { zh: '作价入股', en: 'Equity' },
  joint_development: { zh: '合作开发', en: 'Joint development' },
  use_first_pay_later: { zh: '先使用后付费', en: 'Use first, pay later' },
};

export const CONFIDENTIALITY_LEVELS = ['public', 'abstract', 'secret'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];
export const CONFIDENTIALITY_LABELS: Record<Confidentiality, { zh: string; en: string }> = {
  public: { zh: '公开', en: 'Public' },
  abstract: { zh: '摘要公开', en: 'Abstract only' },
  secret: { zh: '保密', en: 'Secret' },
};

export const IP_KINDS = ['invention_patent', 'utility_model', 'design_patent', 'software_copyright', 'ic_layout', 'plant_variety', 'other'] as const;
export const IP_KIND_LABELS: Record<(typeof IP_KINDS)[number], { zh: string; en: string }> = {
  invention_patent: { zh: '发明专利', en: 'Invention patent' },
  utility_model: { zh: '实用新型专利', en: 'Utility model' },
  design_patent: { zh: '外观设计专利', en: 'Design patent' },
  software_copyright: { zh: '软件著作权', en: 'Software copyright' },
  ic_layout: { zh: '集成电路布图设计', en: 'IC layout design' },
  plant_variety: { zh: '植物新品种', en: 'Plant variety' },
  other: { zh: '其他', en: 'Other' },
};
export const IP_STATUSES = ['filed', 'granted', 'expired'] as const;
export const IP_STATUS_LABELS: Record<(typeof IP_STATUSES)[number], { zh: string; en: string }> = {
  filed: { zh: '已申请', en: 'Filed' },
  granted: { zh: '已授权', en: 'Granted' },
  expired: { zh: '已失效', en: 'Expired' },
};

/** Lifecycle shared by achievements and demands. */
export const RECORD_STATUSES = ['draft', 'submitted', 'published', 'returned', 'withdrawn'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export const RECORD_STATUS_LABELS: Record<RecordStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Submitted' },
  published: { zh: '已发布', en: 'Published' },
  returned: { zh: '已退回', en: 'Returned' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
/**
 * A record's status as stored: also `importing` while an import's rows are
 * invisible (no list, page or reader sees them; they become drafts when the
 * import commits). Server-only: a response's status is a `RecordStatus`.
 */
export type StoredRecordStatus = RecordStatus | 'importing';
/** The actions a record's `allowedActions` may name. */
export const RECORD_ACTIONS = ['update', 'submit', 'review', 'withdraw', 'confirm', 'requestAccess', 'manageAccess', 'track', 'viewHistory'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];
/** Which commands each status allows. */
export const RECORD_TRANSITIONS: Record<'submit' | 'review' | 'withdraw' | 'edit', readonly RecordStatus[]> = {
  submit: ['draft', 'returned', 'withdrawn'],
  review: ['submitted'],
  withdraw: ['submitted', 'published'],
  edit: ['draft', 'returned', 'withdrawn', 'published'],
};

export const CONVERSION_KINDS = ['transferred', 'licensed', 'equity', 'self_implemented'] as const;
export type ConversionKind = (typeof CONVERSION_KINDS)[number];
export const CONVERSION_KIND_LABELS: Record<ConversionKind, { zh: string; en: string }> = {
  transferred: { zh: '转让', en: 'Transferred' },
  licensed: { zh: '许可', en: 'Licensed' },
  equity: { zh: '作价入股', en: 'Equity' },
  self_implemented: { zh: '自行实施', en: 'Self-implemented' },
};

/** The yearly follow-up of an achievement's conversion. */
export const FOLLOWUP_STATUSES = ['not_started', 'in_progress', 'converted', 'stopped'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** Money is integer fen; shown as 元 or 万元. */
/** One formatter for every amount: creating one per call (toLocaleString) is slow where many amounts are shown. */
const AMOUNT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

export function formatFen(fen: number | null | undefined, lang: 'zh' | 'en' = 'zh'): string {
  if (fen === null || fen === undefined) return lang === 'zh' ? '面议' : 'Negotiable';
  const yuan = fen / 100;
  // English keeps the Chinese unit's size, named in English: 50 × 10k yuan (50 万元).
  if (yuan >= 10_000) return lang === 'en' ? `${AMOUNT.format(yuan / 10_000)} × 10k yuan` : `${AMOUNT.format(yuan / 10_000)} 万元`;
  return lang === 'en' ? `${AMOUNT.format(yuan)} yuan` : `${AMOUNT.format(yuan)} 元`;
}
