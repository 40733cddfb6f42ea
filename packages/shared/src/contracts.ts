import { z } from 'zod';
import { INDUSTRY_CODES } from './catalogue.ts';
import { dateSchema } from './catalogueSchemas.ts';
import { pageQuery } from './schemas.ts';
import { MONEY_MAX_FEN } from './tradingMoney.ts';

/**
 * Technology contracts (技术合同认定登记): the contract a seller enters (or a
 * signed deal prefills), its registration at a registration point (登记点),
 * payments, amendments and termination. Shared by server and web.
 */

export const CONTRACT_KINDS = ['development', 'transfer', 'licence', 'consulting', 'service'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const CONTRACT_SUBKINDS: Record<ContractKind, readonly string[]> = {
  development: ['commissioned', 'cooperative'],
  transfer: ['patent', 'patent_application', 'technical_secret', 'software', 'other'],
  licence: ['patent', 'technical_secret', 'software', 'other'],
  consulting: [],
  service: ['general', 'training', 'intermediary'],
};
export const CONTRACT_KIND_LABELS: Record<ContractKind, { zh: string; en: string }> = {
  development: { zh: '技术开发', en: 'Development' },
  transfer: { zh: '技术转让', en: 'Transfer' },
  licence: { zh: '技术许可', en: 'Licence' },
  consulting: { zh: '技术咨询', en: 'Consulting' },
  service: { zh: '技术服务', en: 'Service' },
};
export const CONTRACT_SUBKIND_LABELS: Record<string, { zh: string; en: string }> = {
  commissioned: { zh: '委托开发', en: 'Commissioned' },
  cooperative: { zh: '合作开发', en: 'Cooperative' },
  patent: { zh: '专利权', en: 'Patent' },
  patent_application: { zh: '专利申请权', en: 'Patent application' },
  technical_secret: { zh: '技术秘密', en: 'Technical secret' },
  software: { zh: '计算机软件', en: 'Software' },
  other: { zh: '其他', en: 'Other' },
  general: { zh: '一般技术服务', en: 'General service' },
  training: { zh: '技术培训', en: 'Training' },
  intermediary: { zh: '技术中介', en: 'Intermediary' },
};
export const ENTITY_TYPES = ['enterprise', 'university', 'institute', 'rnd_institution', 'government', 'individual', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export const ENTITY_TYPE_LABELS: Record<EntityType, { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  university: { zh: '高等院校', en: 'University' },
  institute: { zh: '科研院所', en: 'Research institute' },
  rnd_institution: { zh: '新型研发机构', en: 'R&D institution' },
  government: { zh: '机关', en: 'Government' },
  individual: { zh: '个人', en: 'Individual' },
  other: { zh: '其他', en: 'Other' },
};
export const CONTRACT_STATUSES = ['draft', 'submitted', 'returned', 'registered', 'refused', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Submitted' },
  returned: { zh: '退回修改', en: 'Returned' },
  registered: { zh: '已登记', en: 'Registered' },
  refused: { zh: '未予登记', en: 'Refused' },
  terminated: { zh: '已终止', en: 'Terminated' },
};
export const REVIEW_DECISIONS = ['register', 'refuse', 'return'] as const;
/** The registration desk's checklist (审核要点). */
export const REVIEW_CHECKLIST = ['kindIdentified', 'technologyAmountJustified', 'signaturesAttached'] as const;
export const REVIEW_CHECKLIST_LABELS: Record<(typeof REVIEW_CHECKLIST)[number], { zh: string; en: string }> = {
  kindIdentified: { zh: '合同类别认定正确', en: 'Kind correctly identified' },
  technologyAmountJustified: { zh: '技术交易额核定有据', en: 'Technology amount justified' },
  signaturesAttached: { zh: '签章齐全、合同文本已上传', en: 'Signatures and scan attached' },
};
/** A jurisdiction's default registration window after signing (days). */
export const DEFAULT_REGISTRATION_WINDOW_DAYS = 30;

/** A whole number of fen ≥ 0 (never rounded or clamped: anything else is refused). */
const fen = z.number({ message: 'err.money' }).int({ message: 'err.money' }).min(0, { message: 'err.money' }).max(MONEY_MAX_FEN, { message: 'err.money.range' });
const positiveFen = z.number({ message: 'err.money' }).int({ message: 'err.money' }).min(1, { message: 'err.money.positive' }).max(MONEY_MAX_FEN, { message: 'err.money.range' });
const text = (max: number) => z.string().trim().min(1, { message: 'err.required' }).max(max);
const regionCode = z.string().regex(/^\d{6}$/, { message: 'err.contract.region' });

export const contractPartyInput = z.union([
  z.object({ organizationId: z.uuid() }).strict(),
  z
    .object({
      name: text(200),
      creditCode: z.string().trim().max(30).default(''),
      region: regionCode,
      entityType: z.enum(ENTITY_TYPES),
    })
    .strict(),
], { message: 'err.contract.party' });
export type ContractPartyInput = z.infer<typeof contractPartyInput>;

const contractFields = {
  kind: z.enum(CONTRACT_KINDS),
  subkind: z.string().max(40).nullable().default(null),
  title: text(300),
  /** The platform's industry code (as achievements have); prefilled from the achievement or the deal, and stated in `contract.registered`. */
  industry: z.enum(INDUSTRY_CODES, { message: 'err.contract.industry' }).nullable().default(null),
  contractNo: z.string().trim().max(100).nullable().default(null),
  signedOn: dateSchema,
  validUntil: dateSchema,
  seller: contractPartyInput,
  buyer: contractPartyInput,
  agency: contractPartyInput.nullable().default(null),
  broker: z.string().trim().max(100).nullable().default(null),
  contractAmount: fen,
  technologyAmount: fen,
  deductions: z.array(z.object({ item: text(100), amount: fen })).max(50).default([]),
  expectedInvestment: fen.nullable().default(null),
  expectedOutput: fen.nullable().default(null),
  achievementIds: z.array(z.uuid()).max(20).default([]),
  ipItems: z.array(text(200)).max(50).default([]),
  payments: z.array(z.object({ dueOn: dateSchema, amount: positiveFen })).max(120).default([]),
};

/** A new contract: by hand, or prefilled from a signed deal (`dealId`, the other fields then optional). */
export const createContractBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.undefined().optional(), dealId: z.uuid() }).strict(),
  z.object({ ...contractFields, dealId: z.uuid().nullable().default(null) }),
]);
export type CreateContractBody = z.infer<typeof createContractBody>;
/** Corrections to a draft or returned contract (every field optional). */
export const updateContractBody = z.object({
  kind: z.enum(CONTRACT_KINDS).optional(),
  subkind: z.string().max(40).nullable().optional(),
  title: text(300).optional(),
  industry: z.enum(INDUSTRY_CODES, { message: 'err.contract.industry' }).nullable().optional(),
  contractNo: z.string().trim().max(100).nullable().optional(),
  signedOn: dateSchema.optional(),
  validUntil: dateSchema.optional(),
  seller: contractPartyInput.optional(),
  buyer: contractPartyInput.optional(),
  agency: contractPartyInput.nullable().optional(),
  broker: z.string().trim().max(100).nullable().optional(),
  contractAmount: fen.optional(),
  technologyAmount: fen.optional(),
  deductions: z.array(z.object({ item: text(100), amount: fen })).max(50).optional(),
  expectedInvestment: fen.nullable().optional(),
  expectedOutput: fen.nullable().optional(),
  achievementIds: z.array(z.uuid()).max(20).optional(),
  ipItems: z.array(text(200)).max(50).optional(),
  payments: z.array(z.object({ dueOn: dateSchema, amount: positiveFen })).max(120).optional(),
});
export type UpdateContractBody = z.infer<typeof updateContractBody>;

export const contractQuery = pageQuery.extend({
  scope: z.enum(['mine', 'jurisdiction', 'desk']).default('mine'),
  kind: z.enum(CONTRACT_KINDS).optional(),
  status: z.enum(CONTRACT_STATUSES).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  /** A party's name (part of) or organisation id. */
  party: z.string().trim().max(100).optional(),
  /** The contract entered from this deal (the deal page links to it). */
  dealId: z.uuid().optional(),
});
export type ContractQuery = z.infer<typeof contractQuery>;

export const submitContractBody = z.object({ pointId: z.uuid() });
export const reviewContractBody = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  reason: z.string().trim().max(1000).default(''),
  certifiedAmount: fen.optional(),
  checklist: z.array(z.enum(REVIEW_CHECKLIST)).default([]),
  /**
   * The desk's word that this contract is a new one although a terminated registered contract has the same
   * parties, kind, amounts and signing date (or number): without it, registering such a copy is refused.
   */
  newAfterTermination: z.boolean().default(false),
});
export type ReviewContractBody = z.infer<typeof reviewContractBody>;
export const contractPaymentBody = z.object({ paidOn: dateSchema, amount: positiveFen, note: z.string().trim().max(500).default('') });
export const amendContractBody = z.object({
  reason: text(1000),
  contractAmount: fen.optional(),
  technologyAmount: fen.optional(),
  deductions: z.array(z.object({ item: text(100), amount: fen })).max(50).optional(),
  validUntil: dateSchema.optional(),
  certifiedAmount: fen.optional(),
});
export type AmendContractBody = z.infer<typeof amendContractBody>;
export const terminateContractBody = z.object({ reason: text(1000), terminatedOn: dateSchema.optional() });

export const registrationPointBody = z.object({
  code: z.string().regex(/^\d{2}$/, { message: 'err.point.code' }),
  name: text(100),
  address: z.string().trim().max(300).default(''),
  staffUserIds: z.array(z.uuid()).max(50).default([]),
});
/** The point's staff, by user id (replaces the list). */
export const registrationPointStaffBody = z.object({ staffUserIds: z.array(z.uuid({ message: 'err.point.staffId' })).max(50) });
export const registrationSettingsBody = z.object({ windowDays: z.number().int().min(1).max(365) });
export const jurisdictionCodeParams = z.object({ code: z.string().regex(/^\d{6}$/) });
export const registrationNumberParams = z.object({ number: z.string().regex(/^\d{4}-\d{6}-\d{2}-\d{6,12}$/, { message: 'err.registration.number' }) });

// ---- responses

const instantOut = z.union([z.date(), z.string()]);
export const contractPartyDto = z.object({
  organizationId: z.string().nullable(),
  name: z.string(),
  creditCode: z.string(),
  region: z.string(),
  /** The region's GB/T 2260 name (榆次区, 威海市), null for a code not known. */
  regionName: z.string().nullable(),
  entityType: z.string(),
});
export const contractClassificationDto = z.object({
  jurisdictionCode: z.string(),
  /** Its name (山西省, 环翠区), null for a code not known. */
  jurisdictionName: z.string().nullable(),
  /** 本地吸纳: the buyer is inside. */
  absorbed: z.boolean(),
  /** 输出: the seller inside, the buyer outside. */
  output: z.boolean(),
  /** 输入 (吸纳外地): the buyer inside, the seller outside. */
  input: z.boolean(),
});
/**
 * A document of a contract: the signed contract (签章合同文本, PDF or scanned images), or one an amendment carries.
 * Confidential: served at its own `url` to those who read the contract only, never on the public verification.
 */
export const contractDocumentDto = z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), url: z.string(), createdAt: instantOut, allowedActions: z.array(z.enum(['delete'])) });
export type ContractDocumentDto = z.infer<typeof contractDocumentDto>;
export const contractPaymentDto = z.object({
  id: z.string(),
  paidOn: z.string(),
  amount: z.number(),
  note: z.string(),
  source: z.string(),
  confirmedAt: instantOut.nullable(),
  /** Receipts (PDF or images) attached by the buyer or the seller. */
  receipts: z.array(contractDocumentDto),
  allowedActions: z.array(z.enum(['confirm', 'addReceipt'])),
});
export const contractHistoryDto = z.object({
  id: z.string(),
  kind: z.string(),
  reason: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  at: instantOut,
  /** An amendment's own documents (the amended contract or supplementary agreement). */
  documents: z.array(contractDocumentDto),
  allowedActions: z.array(z.enum(['addDocument'])),
});
const figures = z.object({ contractAmount: z.number(), technologyAmount: z.number(), deductions: z.array(z.object({ item: z.string(), amount: z.number() })), validUntil: z.string(), certifiedAmount: z.number().nullable() });
export const contractSummaryDto = z.object({
  id: z.string(),
  kind: z.enum(CONTRACT_KINDS),
  subkind: z.string().nullable(),
  title: z.string(),
  industry: z.string().nullable(),
  contractNo: z.string().nullable(),
  signedOn: z.string(),
  seller: contractPartyDto,
  buyer: contractPartyDto,
  contractAmount: z.number(),
  technologyAmount: z.number(),
  status: z.enum(CONTRACT_STATUSES),
  registrationNumber: z.string().nullable(),
  certifiedAmount: z.number().nullable(),
  dealId: z.string().nullable(),
  createdAt: instantOut,
  /** How many files of the signed contract are attached (the desk's queue shows one waiting without any). */
  documentCount: z.number(),
});
export const contractDto = contractSummaryDto.extend({
  validUntil: z.string(),
  agency: contractPartyDto.nullable(),
  broker: z.string().nullable(),
  deductions: z.array(z.object({ item: z.string(), amount: z.number() })),
  expectedInvestment: z.number().nullable(),
  expectedOutput: z.number().nullable(),
  achievementIds: z.array(z.string()),
  /** The achievements named, with their titles (null for one no longer on the platform). */
  achievements: z.array(z.object({ id: z.string(), title: z.string().nullable() })),
  ipItems: z.array(z.string()),
  schedule: z.array(z.object({ dueOn: z.string(), amount: z.number() })),
  point: z.object({ id: z.string(), name: z.string(), jurisdictionCode: z.string() }).nullable(),
  submittedAt: instantOut.nullable(),
  registeredOn: z.string().nullable(),
  certifiedReason: z.string().nullable(),
  reviewReason: z.string().nullable(),
  checklist: z.array(z.string()),
  /** The signed contract (PDF or scanned images) the seller attached: the desk registers none without one. */
  documents: z.array(contractDocumentDto),
  terminatedOn: z.string().nullable(),
  terminationReason: z.string().nullable(),
  /** The figures in force: the registered ones as amended (the registered row itself is never edited). */
  effective: figures,
  payments: z.array(contractPaymentDto),
  /**
   * Fen: `recorded` every payment the buyer recorded (or carried over from a deal), `confirmed` those the seller
   * confirmed as received (实际到账, what subsidies count), `unconfirmed` recorded but awaiting the seller's
   * confirmation; `outstanding` the contract amount in force not yet confirmed.
   */
  totals: z.object({
    scheduled: z.number(),
    recorded: z.number(),
    confirmed: z.number(),
    unconfirmed: z.number(),
    recordedCount: z.number(),
    confirmedCount: z.number(),
    outstanding: z.number(),
  }),
  history: z.array(contractHistoryDto),
  /**
   * Terminated registered contracts this one copies (same seller and the same parties, kind, amounts and signing
   * date, or the same contract number): shown to the seller's side and the desk, which registers the copy only
   * with `newAfterTermination`.
   */
  terminatedCopies: z.array(z.object({ id: z.string(), title: z.string(), registrationNumber: z.string().nullable(), terminatedOn: z.string().nullable() })),
  classification: z.array(contractClassificationDto),
  allowedActions: z.array(z.enum(['update', 'submit', 'review', 'recordPayment', 'amend', 'terminate', 'certify', 'addDocument'])),
});
export type ContractDto = z.infer<typeof contractDto>;
export type ContractSummaryDto = z.infer<typeof contractSummaryDto>;
export const contractListDto = z.object({
  items: z.array(contractSummaryDto),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** The lists the caller may open: `desk` for those who staff a registration point or administer a jurisdiction with one, `jurisdiction` for administrators. */
  scopes: z.array(z.enum(['mine', 'desk', 'jurisdiction'])),
});

export const registrationPointDto = z.object({
  id: z.string(),
  jurisdictionCode: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  staffUserIds: z.array(z.string()),
  /** The staff's names (accounts that exist). */
  staff: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: instantOut,
});
export const registrationPointListDto = z.object({ items: z.array(registrationPointDto), windowDays: z.number(), allowedActions: z.array(z.enum(['manage'])) });
export type RegistrationPointDto = z.infer<typeof registrationPointDto>;
export const registrationSettingsDto = z.object({ jurisdictionCode: z.string(), windowDays: z.number() });

/** What anyone may read of a registration: nothing confidential (no parties' figures beyond the certified amount). */
export const publicRegistrationDto = z.object({
  registrationNumber: z.string(),
  kind: z.enum(CONTRACT_KINDS),
  registeredOn: z.string(),
  point: z.object({ name: z.string(), jurisdictionCode: z.string() }),
  certifiedAmount: z.number(),
  status: z.enum(['registered', 'terminated']),
});
export type PublicRegistrationDto = z.infer<typeof publicRegistrationDto>;

export const contractTotalsQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100) });
const kindTotals = z.object({
  kind: z.string(),
  count: z.number(),
  contractAmount: z.number(),
  technologyAmount: z.number(),
  certifiedAmount: z.number(),
  absorbedCount: z.number(),
  absorbedAmount: z.number(),
  outputCount: z.number(),
  outputAmount: z.number(),
  inputCount: z.number(),
  inputAmount: z.number(),
});
/** A jurisdiction's registered contracts of a year: by kind, in all, and the money its sellers received in the year. */
export const contractTotalsDto = z.object({
  jurisdictionCode: z.string(),
  year: z.number(),
  byKind: z.array(kindTotals),
  all: kindTotals,
  received: z.object({ count: z.number(), amount: z.number() }),
});
export type ContractTotalsDto = z.infer<typeof contractTotalsDto>;

// ---- import from Excel (contracts signed off the platform)

export const contractImportQuery = z.object({
  /** true: check and report only (nothing stored); false: import the rows that pass. */
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The organisation the contracts are for (the seller when a row leaves the seller blank); default the actor's first verified one. */
  organizationId: z.uuid().optional(),
});
/** One finding of the check: the file's row number, the column header, the API field, a sentence. */
export const contractImportReportEntry = z.object({ row: z.number(), column: z.string(), field: z.string(), message: z.string() });
/**
 * An import of contracts (kept as an import of the imports module): `checking` while a large file is checked by a
 * job, `validated` once its report is ready (the dry run), then `queued`, `importing` (progress in processedRows),
 * `done` or `failed`; a failed one may be `discarded` (its hidden rows deleted). Poll `GET /api/contracts/imports/:id` until it is no longer checking, queued or importing.
 */
export const contractImportDto = z.object({
  id: z.string(),
  status: z.enum(['checking', 'validated', 'queued', 'importing', 'done', 'failed', 'discarded']),
  /** True until the import of the rows is asked for. */
  dryRun: z.boolean(),
  organizationId: z.string().nullable(),
  fileName: z.string(),
  totalRows: z.number(),
  validRows: z.number(),
  processedRows: z.number(),
  createdRows: z.number(),
  /** Rows that passed the dry run but were refused when imported (a number entered meanwhile). */
  duplicateRows: z.number(),
  report: z.array(contractImportReportEntry),
  reportTruncated: z.boolean(),
  preview: z.array(
    z.object({
      row: z.number(),
      title: z.string(),
      kind: z.enum(CONTRACT_KINDS),
      contractNo: z.string().nullable(),
      signedOn: z.string(),
      seller: z.string(),
      buyer: z.string(),
      contractAmount: z.number(),
      technologyAmount: z.number(),
    }),
  ),
  /** The first drafts the import created (empty for a dry run). */
  created: z.array(z.object({ row: z.number(), id: z.string(), title: z.string() })),
  error: z.string().nullable(),
  createdAt: instantOut,
  finishedAt: instantOut.nullable(),
  allowedActions: z.array(z.enum(['run', 'discard'])),
});
export const contractImportIdParams = z.object({ id: z.uuid() });
export type ContractImportDto = z.infer<typeof contractImportDto>;

// ---- payments per party and year (what 威海's subsidies use: amounts actually paid / received in the year)

export const paymentTotalsQuery = pageQuery.extend({
  year: z.coerce.number().int().min(1990).max(2100),
  /** One organisation (its members, or administrators of its region); without it: my organisations, or (administrators) the organisations of my jurisdictions. */
  party: z.uuid().optional(),
  /** Only registered contracts (or registered and since terminated), which is what subsidies count; false: every contract. */
  registeredOnly: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export const paymentTotalsDto = z.object({
  year: z.number(),
  registeredOnly: z.boolean(),
  items: z.array(
    z.object({
      organizationId: z.string(),
      name: z.string(),
      /** Fen paid as buyer in the year (recorded by the buyer), and of that what the seller confirmed and what still awaits confirmation. */
      paid: z.number(),
      paidConfirmed: z.number(),
      paidUnconfirmed: z.number(),
      /** Fen received as seller in the year (confirmed receipts, 实际到账: what subsidies count). */
      received: z.number(),
      /** Fen buyers recorded as paid to this seller in the year that the seller has not confirmed yet (not counted as received). */
      receivedUnconfirmed: z.number(),
      contracts: z.number(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type PaymentTotalsDto = z.infer<typeof paymentTotalsDto>;
