import { z } from 'zod';
import { CHALLENGE_KINDS, CHALLENGE_SCHEMES } from './challenges.ts';
import { CONTRACT_KINDS } from './contracts.ts';

/**
 * Policy rules and subsidies (奖补): the events the engine computes from, the
 * rule packs, the lines it answers, and the platform's entitlements. The
 * event types, their fields and the answer's fields are a public contract
 * (issue 16): `npx kzt subsidies`, `POST /api/policy/trial` and the server
 * all speak it.
 */

export const PARTY_TYPES = ['enterprise', 'university', 'institute', 'rnd_institution', 'agency', 'individual', 'government', 'other'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

const fen = z.number({ message: 'err.policy.amount' }).int({ message: 'err.policy.amount' }).nonnegative({ message: 'err.policy.amount' });
/** A day of the calendar, YYYY-MM-DD: the pattern, then the day itself (2025-02-30 and 2025-13-01 are refused). */
export function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
const day = z
  .string({ message: 'err.policy.date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'err.policy.date' })
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isCalendarDay(s), { message: 'err.policy.dateInvalid' });
const region = z.string().regex(/^\d{6}$/, { message: 'err.policy.region' });

export const policyParty = z.object({
  id: z.string().min(1),
  type: z.enum(PARTY_TYPES),
  region,
  /** 事业单位 (a public institution). */
  publicInstitution: z.boolean().optional(),
  /** 早期、初创期. */
  earlyStage: z.boolean().optional(),
  /** Rated through the credit platform (科融信增信评估). */
  creditRated: z.boolean().optional(),
});
export type PolicyParty = z.infer<typeof policyParty>;

export const EVALUATION_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;

const base = { id: z.string().min(1), date: day, jurisdiction: region };
const contractRef = z.object({ id: z.string().min(1), kind: z.string().min(1) });

export const policyEvent = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...base,
      type: z.literal('contract_registered'),
      contract: contractRef.extend({ contractAmount: fen, technologyAmount: fen }),
      seller: policyParty,
      buyer: policyParty,
      agency: policyParty.nullish(),
    }),
    z.object({ ...base, type: z.literal('contract_payment'), contract: contractRef, seller: policyParty, buyer: policyParty, agency: policyParty.nullish(), amount: fen }),
    z.object({ ...base, type: z.literal('agency_income'), agency: policyParty, contract: contractRef, netIncome: fen, convertedIn: region }),
    z.object({ ...base, type: z.literal('agency_recognised'), agency: policyParty, level: z.enum(['provincial', 'national']), amount: fen.optional() }),
    z.object({
      ...base,
      type: z.literal('agency_evaluation'),
      agency: policyParty,
      year: z.number().int().min(2000).max(2100),
      scheme: z.enum(['city', 'provincial']),
      grade: z.enum(EVALUATION_GRADES),
      amount: fen.optional(),
      /** How many agencies the year's evaluation of this scheme rated (参评机构数): the base of a share of grades (晋中 优良率 ≤ 30%). */
      cohort: z.number({ message: 'err.policy.cohort' }).int({ message: 'err.policy.cohort' }).positive({ message: 'err.policy.cohort' }).optional(),
    }),
    z.object({
      ...base,
      type: z.literal('challenge_awarded'),
      challenge: z.object({ id: z.string().min(1), scheme: z.enum(CHALLENGE_SCHEMES), kind: z.enum(CHALLENGE_KINDS).optional(), bounty: fen.optional() }),
      poser: policyParty,
      solver: policyParty,
      contract: contractRef.extend({ contractAmount: fen }).optional(),
    }),
    z.object({
      ...base,
      type: z.literal('challenge_milestone'),
      challenge: z.object({ id: z.string().min(1) }),
      /** The contract (a winning bid's) the award named, when it named one: which commitment of the challenge the tranche is of. */
      contract: z.object({ id: z.string().min(1) }).optional(),
      milestone: z.string().min(1),
      share: z.number().min(0, { message: 'err.policy.share' }).max(1, { message: 'err.policy.share' }),
    }),
    z.object({
      ...base,
      type: z.literal('challenge_accepted'),
      challenge: z.object({ id: z.string().min(1), scheme: z.enum(CHALLENGE_SCHEMES), kind: z.enum(CHALLENGE_KINDS) }),
      poser: policyParty,
      solver: policyParty,
      dealAmount: fen,
    }),
    z.object({ ...base, type: z.literal('loan_registered'), loan: z.object({ id: z.string().min(1), principal: fen }), borrower: policyParty, lender: z.string().min(1) }),
    z.object({ ...base, type: z.literal('loan_default'), loan: z.object({ id: z.string().min(1) }), borrower: policyParty, badPrincipal: fen }),
    z.object({ ...base, type: z.literal('loan_interest'), loan: z.object({ id: z.string().min(1) }), borrower: policyParty, interest: fen }),
    /** Principal repaid on a loan in the risk pool: the firm's covered balance goes down by it (威海 004-15, ≤ 2,000 万元 a firm). */
    z.object({ ...base, type: z.literal('loan_repaid'), loan: z.object({ id: z.string().min(1) }), borrower: policyParty, principalRepaid: fen }),
    z.object({ ...base, type: z.literal('researcher_income'), researcher: policyParty, localFiscalContribution: fen }),
    z.object({ ...base, type: z.literal('evaluated_award'), scheme: z.string().min(1), beneficiary: policyParty, amount: fen, level: z.string().optional() }),
    /** An agency enters a jurisdiction's cultivation pool (入库培育, 晋中 000-20): its yearly evaluations are rewarded during the pool term. */
    z.object({ ...base, type: z.literal('agency_pooled'), agency: policyParty }),
    /**
     * A government stake in a locally converted achievement exits (沈阳 003-3): the government takes back its
     * principal with interest at the bank rate of the period, and the appreciation above that goes to the owner.
     */
    z.object({
      ...base,
      type: z.literal('stake_exit'),
      stake: z.object({ id: z.string().min(1), principal: fen, investedOn: day }),
      owner: policyParty,
      /** What the government's stake is worth (sold for) at the exit. */
      exitValue: fen,
      /** The bank's annual rate of the period (同期银行利率), basis points. */
      bankRateBp: z.number({ message: 'err.policy.bankRate' }).int({ message: 'err.policy.bankRate' }).min(0, { message: 'err.policy.bankRate' }).max(10_000, { message: 'err.policy.bankRate' }),
    }),
  ],
  { error: () => ({ message: 'err.policy.eventType' }) },
);
export type PolicyEvent = z.infer<typeof policyEvent>;
export type PolicyEventType = PolicyEvent['type'];
export const POLICY_EVENT_TYPES = [
  'contract_registered',
  'contract_payment',
  'agency_income',
  'agency_recognised',
  'agency_evaluation',
  'challenge_awarded',
  'challenge_milestone',
  'challenge_accepted',
  'loan_registered',
  'loan_default',
  'loan_interest',
  'loan_repaid',
  'researcher_income',
  'evaluated_award',
  'agency_pooled',
  'stake_exit',
] as const satisfies readonly PolicyEventType[];

/* ---------- rules ---------- */

export const RULE_KINDS = ['subsidy', 'income_floor', 'provision'] as const;
export const RULE_MODES = ['computed', 'evaluated'] as const;
export const BENEFICIARY_ROLES = ['seller', 'buyer', 'agency', 'poser', 'solver', 'borrower', 'researcher', 'beneficiary', 'owner'] as const;

export const ruleSource = z.object({ file: z.string().min(1), item: z.string().min(1), quote: z.string().min(1) });
export type RuleSource = z.infer<typeof ruleSource>;

/**
 * The policy documents the seeded rules quote (`source.file`), by the title a
 * reader knows them by: a page names the document, never the file it was
 * loaded from. A file not listed here (a rule an administrator wrote) is shown
 * as written.
 */
export const POLICY_DOCUMENTS: Record<string, { zh: string; en: string }> = {
  '000_79a178f1be444f1e.txt': { zh: '《晋中市加快推动科技成果转化三年行动方案（征求意见稿）》', en: 'Jinzhong three-year action plan for faster conversion of research results (draft)' },
  '001_32505f33bba03b1a.txt': { zh: '山西省科技成果转化行动方案（2022 年）', en: 'Shanxi action plan for the conversion of research results' },
  '002_9de4a09c2f9ce9e4.txt': { zh: '《陕西省促进科技成果转移转化行动方案》', en: 'Shaanxi action plan for the transfer and conversion of research results' },
  '003_6b2531b79955df62.txt': { zh: '《沈阳市促进科技成果本地转化行动方案》', en: 'Shenyang action plan for local conversion of research results' },
  '004_a2c5bfed3da1a70b.txt': { zh: '《威海市关于促进科技成果转化的若干措施（试行）（征求意见稿）》', en: 'Weihai measures to promote the conversion of research results (trial, draft)' },
};
/** The title of the document a rule quotes (POLICY_DOCUMENTS), or the source as written. */
export const policyDocumentTitle = (file: string, lang: 'zh' | 'en' = 'zh') => POLICY_DOCUMENTS[file]?.[lang] ?? file;

const capFen = z.number().int({ message: 'err.policy.cap' }).min(0, { message: 'err.policy.cap' });

export const policyRule = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'err.policy.ruleId' }),
  title: z.string().min(1),
  kind: z.enum(RULE_KINDS),
  mode: z.enum(RULE_MODES),
  source: ruleSource,
  /** The event type that starts it (null: data only — income floors and provisions). */
  trigger: z.enum(POLICY_EVENT_TYPES).nullable(),
  /** Who gets the money: a role of the event's parties. */
  beneficiary: z.enum(BENEFICIARY_ROLES).nullable(),
  /** Selects the events the rule is about without refusing the others (a scheme, a challenge kind). */
  selector: z
    .object({
      scheme: z.array(z.string()).optional(),
      challengeKind: z.array(z.string()).optional(),
      evaluationScheme: z.array(z.string()).optional(),
      level: z.array(z.string()).optional(),
    })
    .strict()
    .default({}),
  conditions: z
    .object({
      beneficiaryTypes: z.array(z.enum(PARTY_TYPES)).optional(),
      /** Types that qualify only with publicInstitution (事业单位性质的新型研发机构). */
      publicInstitutionTypes: z.array(z.enum(PARTY_TYPES)).optional(),
      sellerTypes: z.array(z.enum(PARTY_TYPES)).optional(),
      buyerTypes: z.array(z.enum(PARTY_TYPES)).optional(),
      /** Roles whose region must lie in the rule's jurisdiction. */
      localRoles: z.array(z.enum(BENEFICIARY_ROLES)).optional(),
      contractKinds: z.array(z.string()).optional(),
      grades: z.array(z.enum(EVALUATION_GRADES)).optional(),
      /** The agency's deal converted in the jurisdiction (convertedIn). */
      convertedLocally: z.boolean().optional(),
      /** Requires an agency party on the event. */
      agencyPresent: z.boolean().optional(),
      /** Requires the loan to be in the risk pool. */
      loanInPool: z.boolean().optional(),
      /** Requires the agency to be in the cultivation pool (agency_pooled) for the evaluation's year (晋中 000-20). */
      agencyInPool: z.boolean().optional(),
    })
    .strict()
    .default({}),
  /** The event field the rate applies to; `decided` is the amount an evaluation decided, `fixed` the rule's own amount. */
  base: z.enum(['technologyAmount', 'contractAmount', 'paymentAmount', 'netIncome', 'bounty', 'dealAmount', 'badPrincipal', 'interest', 'localFiscalContribution', 'stakeAppreciation', 'decided', 'fixed', 'none']),
  /** Basis points (1500 = 15%). */
  rateBp: z.number().int({ message: 'err.policy.rate' }).min(0, { message: 'err.policy.rate' }).max(10_000, { message: 'err.policy.rate' }),
  /** A higher rate for beneficiaries with all these flags (90% for early-stage, credit-rated firms). */
  rateBpWithFlags: z
    .object({ flags: z.array(z.enum(['publicInstitution', 'earlyStage', 'creditRated'])), rateBp: z.number().int({ message: 'err.policy.rate' }).min(0, { message: 'err.policy.rate' }).max(10_000, { message: 'err.policy.rate' }) })
    .strict()
    .optional(),
  /** The fixed amount (fen) of `base: fixed`, or by grade / level. */
  fixedAmount: capFen.optional(),
  fixedByValue: z.record(z.string(), capFen).optional(),
  /** Smallest award (陕西 500,000–1,000,000). */
  minAmount: capFen.optional(),
  /** Per item (project, contract, challenge, loan). */
  itemCap: capFen.optional(),
  itemCapByValue: z.record(z.string(), capFen).optional(),
  /** Per beneficiary per calendar year. */
  yearlyCap: capFen.optional(),
  /** Per beneficiary, all years together (贴息 ≤500,000 a firm; 首次认定 once). */
  totalCap: capFen.optional(),
  /** The risk pool's covered balance per firm. */
  balanceCap: capFen.optional(),
  /** A pool's term in years (晋中 000-20: 入库机构培育有效期3年): the evaluations of the entry year and the years after it, this many in all. */
  poolTermYears: z.number({ message: 'err.policy.poolTerm' }).int({ message: 'err.policy.poolTerm' }).min(1, { message: 'err.policy.poolTerm' }).max(10, { message: 'err.policy.poolTerm' }).optional(),
  /** Money of the same group (across jurisdictions) is not stacked within a year: the higher is paid, never both. */
  noStackingGroup: z.string().optional(),
  /**
   * At most this share of a year's evaluations (of the schemes the rule
   * selects, in its jurisdiction) may carry these grades: 晋中 000-20
   * "优良率不超过30%". An evaluation beyond it is refused, with the count.
   */
  gradeShare: z
    .object({ grades: z.array(z.enum(EVALUATION_GRADES)).min(1), maxBp: z.number().int({ message: 'err.policy.rate' }).min(0, { message: 'err.policy.rate' }).max(10_000, { message: 'err.policy.rate' }) })
    .strict()
    .optional(),
  /** Commitment fixed at award, paid in milestone tranches. */
  committed: z.boolean().optional(),
  budgetLine: z.string().min(1),
  /** The documents (申报材料) an application under this rule must carry, by name; the engine's default by trigger where absent. */
  documents: z.array(z.string().trim().min(1).max(60)).max(10).optional(),
  /** income_floor: the share (basis points) that must reach completers. */
  floorBp: z.number().int().min(0).max(10_000).optional(),
  floorCase: z.enum(['self_conversion', 'unconverted_two_years']).optional(),
  /** A provision: why the engine does not compute it (shown to officials with the source). */
  note: z.string().trim().min(1).max(500).optional(),
})
  // A field the engine does not know (a mistyped `yearlyCaps`) is refused, never silently dropped: a cap lost to a typo would over-pay.
  .strict();
export type PolicyRule = z.infer<typeof policyRule>;
export type PolicyRuleInput = z.input<typeof policyRule>;

/** The documents (申报材料) an application must carry when a rule names none: by the event that starts it. */
export const DEFAULT_DOCUMENTS: Record<PolicyEventType, string[]> = {
  contract_registered: ['技术合同登记证明'],
  contract_payment: ['技术合同登记证明', '付款（到账）凭证'],
  agency_income: ['技术转移服务合同', '技术转移净收入证明'],
  agency_recognised: ['认定文件'],
  agency_evaluation: ['绩效评价结果通知'],
  challenge_awarded: ['揭榜任务书（合同）'],
  challenge_milestone: ['里程碑验收报告'],
  challenge_accepted: ['验收报告', '成交付款凭证'],
  loan_registered: ['贷款合同'],
  loan_default: ['贷款合同', '不良贷款认定材料'],
  loan_interest: ['贷款合同', '利息支付凭证'],
  loan_repaid: ['还款凭证'],
  researcher_income: ['现金收入及纳税证明'],
  evaluated_award: ['评审结果通知'],
  agency_pooled: ['入库培育通知'],
  stake_exit: ['政府投资退出协议', '股权价值评估报告'],
};
/** What an application under `rule` must carry. */
export function requiredDocumentsOf(rule: Pick<PolicyRule, 'documents' | 'trigger'>): string[] {
  return rule.documents ?? (rule.trigger ? DEFAULT_DOCUMENTS[rule.trigger] : []);
}

export const packVersionBody = z.object({
  version: z.string().min(1).max(40),
  name: z.string().min(1).max(100),
  validFrom: day,
  validTo: day.nullable().default(null),
  rules: z.array(policyRule).min(1),
});
export type PackVersionBody = z.input<typeof packVersionBody>;

export const packVersion = packVersionBody.extend({ jurisdiction: region });
export type PackVersion = z.infer<typeof packVersion>;

/* ---------- the engine's answer ---------- */

export const capBit = z.object({ kind: z.enum(['item', 'yearly', 'total', 'group', 'balance', 'commitment', 'decided']), limit: z.number().int() });
export const entitlementLine = z.object({
  beneficiary: z.string(),
  rule: z.string(),
  amount: z.number().int(),
  committed: z.number().int().optional(),
  base: z.number().int(),
  /** Basis points. */
  rate: z.number().int(),
  cap: capBit.optional(),
  source: ruleSource,
  explanation: z.string(),
});
export type EntitlementLine = z.infer<typeof entitlementLine>;
export const refusalLine = z.object({ beneficiary: z.string().optional(), rule: z.string(), reason: z.string() });
export type RefusalLine = z.infer<typeof refusalLine>;
/**
 * Money another level granted (a provincial evaluation's award) that the
 * engine recorded in the ledger of a no-stacking group, so this level pays
 * only the rest; nothing is payable because of it.
 */
export const recordedLine = z.object({ beneficiary: z.string(), rule: z.string(), group: z.string(), year: z.number().int(), amount: z.number().int(), explanation: z.string() });
export type RecordedLine = z.infer<typeof recordedLine>;
export const subsidyLine = z.object({ event: z.string(), entitlements: z.array(entitlementLine), refusals: z.array(refusalLine), recorded: z.array(recordedLine).optional() });
export type SubsidyLine = z.infer<typeof subsidyLine>;

/* ---------- routes ---------- */

export const policyRulesQuery = z.object({ jurisdiction: region.optional() });
export const policyRuleDto = policyRule.extend({ jurisdiction: z.string() });
/** A budget line's name for people (预算科目名称), Chinese and English; the code stays beside it. */
export const budgetLineName = z.object({ zh: z.string(), en: z.string() });
export type BudgetLineName = z.infer<typeof budgetLineName>;
export const packVersionDto = z.object({
  id: z.string(),
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
  /** The names of the budget lines its rules spend from, by code. */
  budgetLines: z.record(z.string(), budgetLineName),
  /** A quote written in traditional characters read in simplified ones, by rule id (absent when the quote is simplified already). */
  quotesSimplified: z.record(z.string(), z.string()),
  version: z.string(),
  name: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  rules: z.array(policyRule),
});
export type PackVersionDto = z.infer<typeof packVersionDto>;
export const policyRulesResponse = z.object({ packs: z.array(packVersionDto) });
export type PolicyRulesResponse = z.infer<typeof policyRulesResponse>;
export const packVersionParams = z.object({ jurisdiction: region });

/** The trial takes events as written (unknown types are answered with a refusal, not a 422). */
export const policyTrialBody = z.object({ events: z.array(z.unknown()).min(1).max(2000) });
/** An event an administrator records (validated by the engine, which names the field at fault). */
export const policyEventBody = z.object({ event: z.record(z.string(), z.unknown()) });
export const policyTrialResponse = z.object({ lines: z.array(subsidyLine) });
export type PolicyTrialResponse = z.infer<typeof policyTrialResponse>;

/**
 * granted (待申报) → applied (已申报) → approved (已批准) → paid (已拨付);
 * applied → returned (退回补正: the applicant corrects its documents and
 * submits again) → applied …; applied → rejected (不予支持: final for the
 * entitlement, with the reason); cancelled when its cause is withdrawn.
 */
export const ENTITLEMENT_STATUSES = ['granted', 'applied', 'returned', 'approved', 'rejected', 'paid', 'cancelled'] as const;
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];
/** Where the applicant may still change its application's documents (draft and returned for correction). */
export const EDITABLE_ENTITLEMENT_STATUSES = ['granted', 'returned'] as const satisfies readonly EntitlementStatus[];

/** One step of an application's history: each submission with the documents it carried, each decision with its reason. */
export const ENTITLEMENT_HISTORY_ACTIONS = ['apply', 'resubmit', 'approve', 'return', 'reject', 'pay', 'cancel'] as const;
export const entitlementHistoryEntry = z.object({
  action: z.enum(ENTITLEMENT_HISTORY_ACTIONS),
  at: z.string(),
  /** The applicant's note, the reviewer's reason, or the payment's reference. */
  text: z.string().nullable(),
  documents: z.array(z.object({ name: z.string(), attachmentId: z.string() })),
  /** The amount paid (拨付) or, for a decision, the amount it concerned (fen). */
  amount: z.number().int().nullable(),
});
export type EntitlementHistoryEntry = z.infer<typeof entitlementHistoryEntry>;

export const entitlementDto = z.object({
  id: z.string(),
  rule: z.string(),
  ruleTitle: z.string(),
  event: z.string(),
  beneficiary: z.string(),
  beneficiaryName: z.string().nullable(),
  /**
   * The platform organisation the beneficiary is or belongs to (a researcher's reward, `researcher:<orgId>:<name>`,
   * belongs to the university that applies for it); null when it is none of the platform's.
   */
  beneficiaryOrganizationId: z.string().nullable(),
  amount: z.number().int(),
  committed: z.number().int().nullable(),
  status: z.enum(ENTITLEMENT_STATUSES),
  jurisdiction: z.string(),
  budgetLine: z.string(),
  budgetLineName: budgetLineName,
  year: z.number().int(),
  explanation: z.string(),
  source: ruleSource,
  contractId: z.string().nullable(),
  reason: z.string().nullable(),
  applicationNote: z.string().nullable(),
  paidAmount: z.number().int().nullable(),
  /** The documents an application must carry (申报材料), and those it carried. */
  requiredDocuments: z.array(z.string()),
  documents: z.array(z.object({ name: z.string(), attachmentId: z.string() })),
  /** Every submission and decision, oldest first. */
  history: z.array(entitlementHistoryEntry),
  createdAt: z.union([z.date(), z.string()]),
});
export type EntitlementDto = z.infer<typeof entitlementDto>;
export const entitlementsQuery = z.object({
  status: z.enum(ENTITLEMENT_STATUSES).optional(),
  /** `mine`: only those of the caller's organisations (my entitlements); `administered`: only those of the jurisdictions the caller administers (the queue). Both when absent. */
  scope: z.enum(['mine', 'administered']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { message: 'err.pageSize' }).default(20),
});
export const entitlementsResponse = z.object({ items: z.array(entitlementDto), total: z.number().int() });
export type EntitlementsResponse = z.infer<typeof entitlementsResponse>;
export const entitlementParams = z.object({ id: z.uuid() });
/** A document of an application: the name the rule asks for and the file uploaded to the entitlement (POST /api/entitlements/:id/attachments). */
export const entitlementDocument = z.object({ name: z.string().trim().min(1).max(60), attachmentId: z.uuid() });
export const entitlementApplyBody = z.object({ note: z.string().trim().min(1).max(1000), documents: z.array(entitlementDocument).max(20).default([]) });
/** A file uploaded for an entitlement's application. */
export const entitlementFileDto = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
  createdAt: z.union([z.date(), z.string()]),
  /** Whether the caller may delete it now (the applicant, while the application is editable and no submission carried it). */
  canDelete: z.boolean().optional(),
  /** The submission (1, 2, …) that first carried it; a submitted file is kept as the record. */
  submittedIn: z.number().int().nullable().optional(),
});
export type EntitlementFileDto = z.infer<typeof entitlementFileDto>;
export const entitlementFilesResponse = z.object({ items: z.array(entitlementFileDto) });
export const entitlementFileParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
/** approve (批准), return (退回补正: the applicant corrects and resubmits) or reject (不予支持: final); return and reject state the reason. */
export const entitlementReviewBody = z
  .object({ decision: z.enum(['approve', 'return', 'reject']), reason: z.string().trim().max(500).optional() })
  .refine((v) => v.decision === 'approve' || (v.reason !== undefined && v.reason.length > 0), { message: 'err.reasonRequired', path: ['reason'] });
export const entitlementPaymentBody = z.object({ amount: fen, paidOn: day, reference: z.string().trim().min(1).max(100) });

export const budgetBody = z.object({ jurisdiction: region, budgetLine: z.string().min(1).max(60), year: z.number().int().min(2000).max(2100), amount: fen });
export const budgetDto = budgetBody.extend({ budgetLineName: budgetLineName, used: z.number().int() });
export const budgetsResponse = z.object({ items: z.array(budgetDto) });
export type BudgetDto = z.infer<typeof budgetDto>;

/* ---------- the ledger (奖补台账) ---------- */

/**
 * The sums of a ledger view (fen): `committed` what is owed because of events (应得: granted, applied, returned,
 * approved and paid entitlements); `pledged` the commitments fixed at awards and paid by tranches (承诺额, each
 * tranche counted in `committed` as it comes); `approved` what was approved (paid ones at what was paid);
 * `paid` what was paid (拨付); `cancelled` what a withdrawn cause cancelled; `toRecover` what was paid before
 * it was cancelled (须追回).
 */
export const ledgerSums = z.object({
  committed: z.number().int(),
  pledged: z.number().int(),
  approved: z.number().int(),
  paid: z.number().int(),
  cancelled: z.number().int(),
  toRecover: z.number().int(),
  count: z.number().int(),
});
export type LedgerSums = z.infer<typeof ledgerSums>;
export const ledgerQuery = z.object({
  /** Calendar year of the events (a yearly cap's year); all years when absent. */
  year: z.coerce.number({ message: 'err.policy.year' }).int({ message: 'err.policy.year' }).min(2000, { message: 'err.policy.year' }).max(2100, { message: 'err.policy.year' }).optional(),
  /** One jurisdiction the caller administers (and below it); all of theirs when absent. */
  jurisdiction: region.optional(),
  /** The detail of one beneficiary (its key, as `byBeneficiary` names it). */
  beneficiary: z.string().trim().min(1).max(200).optional(),
  /** The detail of one budget line. */
  budgetLine: z.string().trim().min(1).max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { message: 'err.pageSize' }).default(20),
});
export const ledgerExportQuery = ledgerQuery.pick({ year: true, jurisdiction: true });
export const ledgerBeneficiary = ledgerSums.extend({ beneficiary: z.string(), beneficiaryName: z.string().nullable(), beneficiaryOrganizationId: z.string().nullable() });
export const ledgerBudgetLine = ledgerSums.extend({
  jurisdiction: z.string(),
  budgetLine: z.string(),
  budgetLineName: budgetLineName,
  year: z.number().int(),
  /** The year's budget of the line (null: none set). */
  budget: z.number().int().nullable(),
});
export const ledgerResponse = z.object({
  year: z.number().int().nullable(),
  totals: ledgerSums,
  byBeneficiary: z.array(ledgerBeneficiary),
  byBudgetLine: z.array(ledgerBudgetLine),
  /** The entitlements behind the sums (of the beneficiary or budget line asked for), newest first, paged. */
  items: z.array(entitlementDto),
  total: z.number().int(),
});
export type LedgerResponse = z.infer<typeof ledgerResponse>;

/* ---------- what administrators record (登记事项) ---------- */

/** The facts administrators record in forms, each raising its event into the engine. */
export const POLICY_RECORD_KINDS = ['agency_pooled', 'agency_evaluation', 'agency_recognised', 'agency_income', 'loan_registered', 'loan_default', 'loan_interest', 'loan_repaid', 'evaluated_award', 'researcher_income', 'stake_exit'] as const;
export type PolicyRecordKind = (typeof POLICY_RECORD_KINDS)[number];

const positiveFen = z.number({ message: 'err.policy.positiveAmount' }).int({ message: 'err.policy.positiveAmount' }).positive({ message: 'err.policy.positiveAmount' });
const recordBase = { jurisdiction: region, date: day };
const organizationId = z.uuid({ message: 'err.policy.organization' });
const loanId = z.string().trim().min(1, { message: 'err.policy.loanId' }).max(60, { message: 'err.policy.loanId' });

export const policyRecordBody = z.discriminatedUnion(
  'kind',
  [
    z.object({
      ...recordBase,
      kind: z.literal('agency_evaluation'),
      organizationId,
      year: z.number({ message: 'err.policy.year' }).int({ message: 'err.policy.year' }).min(2000, { message: 'err.policy.year' }).max(2100, { message: 'err.policy.year' }),
      scheme: z.enum(['city', 'provincial']),
      grade: z.enum(EVALUATION_GRADES),
      /** What the evaluation decided (最高… awards), or what a provincial scheme granted. */
      amount: positiveFen.optional(),
      cohort: z.number({ message: 'err.policy.cohort' }).int({ message: 'err.policy.cohort' }).positive({ message: 'err.policy.cohort' }).optional(),
    }),
    /** 入库培育 (晋中 000-20): the agency's evaluations are rewarded during its pool term. */
    z.object({ ...recordBase, kind: z.literal('agency_pooled'), organizationId }),
    /** 沈阳 003-3: a government stake exits; the owner (organizationId) gets the appreciation above principal + bank interest. */
    z.object({
      ...recordBase,
      kind: z.literal('stake_exit'),
      organizationId,
      stakeId: z.string().trim().min(1, { message: 'err.policy.stakeId' }).max(60, { message: 'err.policy.stakeId' }),
      principal: positiveFen,
      investedOn: day,
      exitValue: fen,
      bankRateBp: z.number({ message: 'err.policy.bankRate' }).int({ message: 'err.policy.bankRate' }).min(0, { message: 'err.policy.bankRate' }).max(10_000, { message: 'err.policy.bankRate' }),
    }),
    z.object({ ...recordBase, kind: z.literal('agency_recognised'), organizationId, level: z.enum(['provincial', 'national']), amount: positiveFen.optional() }),
    /** 晋中 000-20: an agency's net transfer income from one deal (the contract it served), and where the achievement was converted. */
    z.object({
      ...recordBase,
      kind: z.literal('agency_income'),
      organizationId,
      contractNumber: z.string().trim().min(1, { message: 'err.policy.contractNumber' }).max(60, { message: 'err.policy.contractNumber' }),
      contractKind: z.enum(CONTRACT_KINDS, { message: 'err.policy.contractKind' }),
      netIncome: positiveFen,
      convertedIn: region,
    }),
    z.object({
      ...recordBase,
      kind: z.literal('loan_registered'),
      organizationId,
      loanId,
      principal: positiveFen,
      lender: z.string().trim().min(1, { message: 'err.policy.lender' }).max(100, { message: 'err.policy.lender' }),
      earlyStage: z.boolean().default(false),
      creditRated: z.boolean().default(false),
    }),
    z.object({ ...recordBase, kind: z.literal('loan_default'), loanId, badPrincipal: positiveFen }),
    z.object({ ...recordBase, kind: z.literal('loan_interest'), loanId, interest: positiveFen }),
    /** Principal repaid: the borrower's balance in the risk pool goes down (the borrower is the loan's). */
    z.object({ ...recordBase, kind: z.literal('loan_repaid'), loanId, principalRepaid: positiveFen }),
    z.object({ ...recordBase, kind: z.literal('evaluated_award'), organizationId, scheme: z.string().trim().min(1).max(60), amount: positiveFen, level: z.string().trim().min(1).max(40).optional() }),
    z.object({
      ...recordBase,
      kind: z.literal('researcher_income'),
      /** The researcher's university or institute, whose members apply for the reward on the researcher's behalf. */
      organizationId,
      researcherName: z.string().trim().min(1, { message: 'err.policy.researcher' }).max(40, { message: 'err.policy.researcher' }),
      localFiscalContribution: positiveFen,
    }),
  ],
  { error: () => ({ message: 'err.policy.recordKind' }) },
);
export type PolicyRecordBody = z.input<typeof policyRecordBody>;

export const policyRecordDto = z.object({
  id: z.string(),
  kind: z.enum([...POLICY_RECORD_KINDS, ...POLICY_EVENT_TYPES.filter((t) => !(POLICY_RECORD_KINDS as readonly string[]).includes(t))]),
  jurisdiction: z.string(),
  date: z.string(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  /** What the record is about: a loan's number, an award's scheme, a researcher's name, an evaluation's year. */
  subject: z.string(),
  facts: z.record(z.string(), z.unknown()),
  /** What the engine made of it: entitlements and refusals. */
  line: subsidyLine,
  recordedAt: z.union([z.date(), z.string()]),
});
export type PolicyRecordDto = z.infer<typeof policyRecordDto>;
export const policyRecordsQuery = z.object({
  kind: z.enum(POLICY_EVENT_TYPES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { message: 'err.pageSize' }).default(20),
});
export const policyRecordsResponse = z.object({ items: z.array(policyRecordDto), total: z.number().int() });
