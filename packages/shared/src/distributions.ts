import { z } from 'zod';
import { dateSchema } from './catalogueSchemas.ts';
import { MONEY_MAX_FEN } from './tradingMoney.ts';

/**
 * 收益分配 (issue 15, PRODUCT.md capability 7): distribution plans of money
 * received by universities, institutes and R&D institutions, the statutory
 * floors, government investment exits and the tax on a later equity
 * transfer. Amounts are integer fen; every computation here is exact, and
 * the one rounding rule is `divRoundHalfUp` below.
 */

export const DISTRIBUTION_ROLES = ['completer', 'contributor', 'unit', 'agency', 'broker', 'government'] as const;
export type DistributionRole = (typeof DISTRIBUTION_ROLES)[number];
export const SHARE_FORMS = ['cash', 'equity'] as const;
export type ShareForm = (typeof SHARE_FORMS)[number];
/**
 * What the plan states about the conversion: the completers convert it
 * themselves (陕西 ≥ 80%), it was listed or auctioned after two years
 * unconverted (≥ 70% to completers and contributors), or neither.
 */
export const DISTRIBUTION_BASES = ['self_conversion', 'listed_after_unconverted', 'other'] as const;
export type DistributionBasis = (typeof DISTRIBUTION_BASES)[number];
/** Sellers whose received payments are distributed. */
export const DISTRIBUTING_ENTITY_TYPES = ['university', 'institute', 'rnd_institution'] as const;

export const DISTRIBUTION_ROLE_LABELS: Record<DistributionRole, { zh: string; en: string }> = {
  completer: { zh: '成果完成人', en: 'Completer' },
  contributor: { zh: '转化贡献人员', en: 'Contributor' },
  unit: { zh: '单位', en: 'Unit' },
  agency: { zh: '服务机构', en: 'Agency' },
  broker: { zh: '技术经纪人', en: 'Broker' },
  government: { zh: '政府投资', en: 'Government investment' },
};
export const SHARE_FORM_LABELS: Record<ShareForm, { zh: string; en: string }> = {
  cash: { zh: '现金', en: 'Cash' },
  equity: { zh: '股权', en: 'Equity' },
};
export const DISTRIBUTION_BASIS_LABELS: Record<DistributionBasis, { zh: string; en: string }> = {
  self_conversion: { zh: '成果完成人自行转化', en: 'Converted by the completers themselves' },
  listed_after_unconverted: { zh: '两年未转化后挂牌交易或拍卖', en: 'Listed or auctioned after two years unconverted' },
  other: { zh: '其他方式转化', en: 'Other conversion' },
};

/** The personal income tax rate on a transfer of equity (财产转让所得, 000 item 26), in basis points. */
export const EQUITY_TRANSFER_TAX_BP = 2000;

// ---- exact arithmetic

/**
 * THE rounding rule of this module: a non-negative quotient rounded half up
 * to the whole fen (0.5 fen → 1 fen). Used for interest and tax; floors are
 * met when the shares reach the floor rounded up (`divCeil`), since a floor
 * is "not less than".
 */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}
export function divCeil(n: bigint, d: bigint): bigint {
  return (n + d - 1n) / d;
}

/** The smallest amount of fen that reaches `bp` basis points of `net`. */
export function floorAmount(net: number, bp: number): number {
  return Number(divCeil(BigInt(net) * BigInt(bp), 10_000n));
}

/** Exact 元 with two decimals and thousands separators: 12345601 → "123,456.01". */
export function fenToYuan(fen: number): string {
  const neg = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${yuan}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * Splits `total` fen by weights (e.g. completers' shares in hundredths of a
 * percent) exactly: each gets the floor of its part, the fen left over go
 * one each to the largest remainders (earlier first on a tie). The parts add
 * up to `total`.
 */
export function splitByWeights(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (sum === 0n) return weights.map(() => 0);
  const parts = weights.map((w) => ({ q: (BigInt(total) * BigInt(w)) / sum, r: (BigInt(total) * BigInt(w)) % sum }));
  let left = BigInt(total) - parts.reduce((a, p) => a + p.q, 0n);
  const order = parts.map((p, i) => ({ i, r: p.r })).sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const o of order) {
    if (left <= 0n) break;
    parts[o.i]!.q += 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p.q));
}

/** Days from `from` to `to` (YYYY-MM-DD), actual calendar days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * 沈阳 (003 item 3): government investment takes no management, no vote, no
 * dividend, and exits at principal plus interest at the bank rate for the
 * holding period; the appreciation goes to the achievement's owners.
 * Simple interest, day count actual/365: interest = principal × rateBp ×
 * days / (10000 × 365), rounded half up to the fen (`divRoundHalfUp`).
 */
export function governmentExit(input: { principal: number; rateBp: number; investedOn: string; exitOn: string; valueAtExit?: number | null }) {
  const days = daysBetween(input.investedOn, input.exitOn);
  if (days < 0) throw new RangeError('exit before investment');
  const interest = Number(divRoundHalfUp(BigInt(input.principal) * BigInt(input.rateBp) * BigInt(days), 10_000n * 365n));
  const exitAmount = input.principal + interest;
  const valueAtExit = input.valueAtExit ?? null;
  return {
    principal: input.principal,
    rateBp: input.rateBp,
    investedOn: input.investedOn,
    exitOn: input.exitOn,
    days,
    interest,
    exitAmount,
    valueAtExit,
    appreciationToOwners: valueAtExit === null ? null : valueAtExit - exitAmount,
  };
}

/**
 * 000 item 26: on a transfer of equity the completer pays 20% on (income −
 * acquisition cost − reasonable fees); nothing when that is not positive.
 * The acquisition cost is that of the 技术股 (often 0 under deferred
 * taxation) plus the 现金股 paid in. Rounded half up to the fen.
 */
export function equityTransferTax(input: { income: number; technologyCost: number; cashCost: number; fees: number }) {
  const acquisitionCost = input.technologyCost + input.cashCost;
  const gain = input.income - acquisitionCost - input.fees;
  const taxable = Math.max(0, gain);
  const tax = Number(divRoundHalfUp(BigInt(taxable) * BigInt(EQUITY_TRANSFER_TAX_BP), 10_000n));
  return { income: input.income, technologyCost: input.technologyCost, cashCost: input.cashCost, acquisitionCost, fees: input.fees, taxable, rateBp: EQUITY_TRANSFER_TAX_BP, tax, afterTax: input.income - input.fees - tax };
}

// ---- requests

const text = (max: number) => z.string().trim().min(1, { message: 'err.required' }).max(max);
const fenIn = (min: number, key: string) => z.number({ message: 'err.money' }).int({ message: 'err.money' }).min(min, { message: key }).max(MONEY_MAX_FEN, { message: key });
const fen = fenIn(0, 'err.money.range');
const positiveFen = fenIn(1, 'err.money.positive');

export const distributionShareInput = z.object({
  beneficiary: text(100),
  /** The platform user this share is for, when the beneficiary has an account. */
  userId: z.uuid().nullish(),
  organization: z.string().trim().max(200).nullish(),
  role: z.enum(DISTRIBUTION_ROLES, { message: 'err.distribution.role' }),
  /** Fen of the net income: for `form: equity` the 技术股 (technology shares granted for the achievement). */
  amount: positiveFen,
  form: z.enum(SHARE_FORMS, { message: 'err.distribution.form' }),
  /**
   * Fen the beneficiary pays in for 现金股 (shares bought in cash beside the 技术股), for `form: equity` only: not
   * part of the income distributed (it does not count towards the net income), and the cash part of the shares'
   * acquisition cost on a later transfer.
   */
  cashShares: fen.default(0),
});
export type DistributionShareInput = z.infer<typeof distributionShareInput>;

export const distributionCostInput = z.object({ item: text(100), amount: positiveFen });

export const distributionPlanBody = z.object({
  paymentId: z.uuid(),
  /** Omitted: the basis the platform knows (listed after two years unconverted, traded here), else `other`. */
  basis: z.enum(DISTRIBUTION_BASES, { message: 'err.distribution.basis' }).optional(),
  costs: z.array(distributionCostInput).max(50).default([]),
  shares: z.array(distributionShareInput).min(1, { message: 'err.distribution.noShares' }).max(200),
});
export type DistributionPlanBody = z.input<typeof distributionPlanBody>;

export const distributionProposalQuery = z.object({
  paymentId: z.uuid(),
  basis: z.enum(DISTRIBUTION_BASES, { message: 'err.distribution.basis' }).optional(),
  /** Total costs stated on the plan to come, in fen. */
  costs: z.coerce.number({ message: 'err.money' }).int({ message: 'err.money' }).min(0, { message: 'err.money.range' }).max(MONEY_MAX_FEN, { message: 'err.money.range' }).default(0),
});

export const distributionContractParams = z.object({ id: z.uuid() });

export const governmentExitBody = z
  .object({
    principal: positiveFen,
    /** The bank rate for the holding period, basis points per year (350 = 3.50%). */
    rateBp: z.number({ message: 'err.bp' }).int({ message: 'err.bp' }).min(0, { message: 'err.bp' }).max(10_000, { message: 'err.bp' }),
    investedOn: dateSchema,
    exitOn: dateSchema,
    /** What the government's stake is worth at exit, when known: the rest goes to the owners. */
    valueAtExit: fen.nullish(),
  })
  .refine((b) => b.exitOn >= b.investedOn, { path: ['exitOn'], message: 'err.distribution.exitBeforeInvestment' });

export const equityTaxBody = z.object({
  income: fen,
  /** Acquisition cost of the 技术股 (technology shares). */
  technologyCost: fen.default(0),
  /** Acquisition cost of the 现金股 (shares paid in cash). */
  cashCost: fen.default(0),
  /** Reasonable taxes and fees of the transfer. */
  fees: fen.default(0),
});

export const distributionOrganizationParams = z.object({ id: z.uuid() });

// ---- responses

export const distributionFloorDto = z.object({
  id: z.string(),
  jurisdictionCode: z.string(),
  basis: z.string(),
  roles: z.array(z.string()),
  minBp: z.number().int(),
  source: z.object({ file: z.string(), item: z.string(), quote: z.string() }),
});
export type DistributionFloorDto = z.infer<typeof distributionFloorDto>;

/**
 * An equity share's parts (技术股 + 现金股) and the estimate of the tax on a later transfer at the value the plan gives
 * them (000 item 26): income = technology + cash shares, acquisition cost = the 技术股's (0: granted for the
 * achievement, taxed on transfer under deferral) + the 现金股 paid in, tax = (income − cost − fees) × 20%.
 */
export const shareEquityDto = z.object({
  technologyShares: z.number().int(),
  cashShares: z.number().int(),
  total: z.number().int(),
  acquisitionCost: z.number().int(),
  transferTax: z.number().int(),
});
export type ShareEquityDto = z.infer<typeof shareEquityDto>;

/** The equity parts of a share (null for cash): see `shareEquityDto`. */
export function shareEquity(s: { form: string; amount: number; cashShares: number }): ShareEquityDto | null {
  if (s.form !== 'equity') return null;
  const t = equityTransferTax({ income: s.amount + s.cashShares, technologyCost: 0, cashCost: s.cashShares, fees: 0 });
  return { technologyShares: s.amount, cashShares: s.cashShares, total: s.amount + s.cashShares, acquisitionCost: t.acquisitionCost, transferTax: t.tax };
}

export const distributionShareDto = z.object({
  beneficiary: z.string(),
  userId: z.string().nullable(),
  organization: z.string().nullable(),
  role: z.string(),
  amount: z.number().int(),
  form: z.string(),
  cashShares: z.number().int(),
  equity: shareEquityDto.nullable(),
});

export const floorCheckDto = z.object({ floorId: z.string(), jurisdictionCode: z.string(), minBp: z.number().int(), required: z.number().int(), actual: z.number().int() });

export const distributionPlanDto = z.object({
  id: z.uuid(),
  contractId: z.uuid(),
  paymentId: z.uuid(),
  basis: z.string(),
  received: z.number().int(),
  costs: z.array(z.object({ item: z.string(), amount: z.number().int() })),
  netIncome: z.number().int(),
  floorChecks: z.array(floorCheckDto),
  shares: z.array(distributionShareDto),
  createdBy: z.uuid(),
  createdAt: z.date(),
});
export type DistributionPlanDto = z.infer<typeof distributionPlanDto>;

export const distributionReceiptDto = z.object({ paymentId: z.uuid(), paidOn: z.string(), amount: z.number().int(), planId: z.uuid().nullable() });

export const contractDistributionsDto = z.object({
  contract: z.object({
    id: z.uuid(),
    title: z.string(),
    kind: z.string(),
    signedOn: z.string(),
    seller: z.object({ organizationId: z.string().nullable(), name: z.string(), region: z.string(), entityType: z.string() }),
    buyerName: z.string(),
    dealId: z.string().nullable(),
    achievementIds: z.array(z.string()),
    terminatedOn: z.string().nullable(),
  }),
  receipts: z.array(distributionReceiptDto),
  plans: z.array(distributionPlanDto),
  floors: z.array(distributionFloorDto),
  canPlan: z.boolean(),
});
export type ContractDistributionsDto = z.infer<typeof contractDistributionsDto>;

export const distributionProposalDto = z.object({
  paymentId: z.uuid(),
  basis: z.string(),
  received: z.number().int(),
  costs: z.number().int(),
  netIncome: z.number().int(),
  floors: z.array(distributionFloorDto),
  shares: z.array(distributionShareDto),
  /**
   * Why no completer is proposed and the net income went to the unit whole
   * (null when completers are proposed): the contract names no achievement,
   * its achievements name no completer, or no floor applies to the basis.
   * `note` says it, and what to do, in the caller's language.
   */
  unitOnly: z.enum(['noAchievement', 'noCompleters', 'noFloor']).nullable(),
  note: z.string().nullable(),
});
export type DistributionProposalDto = z.infer<typeof distributionProposalDto>;

export const governmentExitDto = z.object({
  principal: z.number().int(),
  rateBp: z.number().int(),
  investedOn: z.string(),
  exitOn: z.string(),
  days: z.number().int(),
  interest: z.number().int(),
  exitAmount: z.number().int(),
  valueAtExit: z.number().int().nullable(),
  appreciationToOwners: z.number().int().nullable(),
});
export type GovernmentExitDto = z.infer<typeof governmentExitDto>;

export const equityTaxDto = z.object({
  income: z.number().int(),
  technologyCost: z.number().int(),
  cashCost: z.number().int(),
  acquisitionCost: z.number().int(),
  fees: z.number().int(),
  taxable: z.number().int(),
  rateBp: z.number().int(),
  tax: z.number().int(),
  afterTax: z.number().int(),
});
export type EquityTaxDto = z.infer<typeof equityTaxDto>;

export const statementLineDto = z.object({
  planId: z.uuid(),
  contractId: z.uuid(),
  contractTitle: z.string(),
  seller: z.string(),
  paidOn: z.string(),
  year: z.number().int(),
  beneficiary: z.string(),
  role: z.string(),
  form: z.string(),
  amount: z.number().int(),
  equity: shareEquityDto.nullable(),
});
export const distributionStatementDto = z.object({
  items: z.array(statementLineDto),
  byYear: z.array(z.object({ year: z.number().int(), cash: z.number().int(), equity: z.number().int(), total: z.number().int() })),
  total: z.number().int(),
});
export type DistributionStatementDto = z.infer<typeof distributionStatementDto>;
