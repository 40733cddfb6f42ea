import { z } from 'zod';
import { INDUSTRY_CODES } from './catalogue.ts';
import { dateSchema } from './catalogueSchemas.ts';
import { pageQuery } from './schemas.ts';
import {
  FIXED_ACCEPTANCE,
  LICENCE_KINDS,
  LISTING_KINDS,
  LISTING_STATUSES,
  LISTING_TRANSACTIONS,
  OBJECTION_STATUSES,
  PAYMENT_PLANS,
  ROYALTY_PERIODS,
  DEAL_STATUSES,
} from './trading.ts';
import { MONEY_MAX_FEN, PRICE_MAX_FEN } from './tradingMoney.ts';

const text = (max: number) => z.string().trim().min(1, { message: 'err.required' }).max(max);
/** A whole number of fen within [min, max]; a value outside is refused with the range (never clamped). */
const fenIn = (min: number, max: number, range: string) =>
  z.number({ message: 'err.money' }).int({ message: 'err.money' }).min(min, { message: range }).max(max, { message: range });
const fen = fenIn(0, MONEY_MAX_FEN, 'err.money.range');
const positiveFen = fenIn(1, MONEY_MAX_FEN, 'err.money.positive');
/** A price, a bid: 0.01 元 to 100 亿元. */
const priceFen = fenIn(1, PRICE_MAX_FEN, 'err.price.range');
const bp = z.number({ message: 'err.bp' }).int({ message: 'err.bp' }).min(0, { message: 'err.bp' }).max(10_000, { message: 'err.bp' });
const instant = z.iso.datetime({ offset: true, message: 'err.datetime' }).transform((s) => new Date(s));

/** The shortest auction the platform runs. */
export const MIN_AUCTION_SECONDS = 60;

/** Where a registrant remits the deposit (shown to those who register to bid). */
export const depositAccountSchema = z.object({
  bank: text(100),
  accountName: text(100),
  accountNumber: z.string().trim().regex(/^[0-9][0-9 -]{5,40}$/, { message: 'err.account.number' }),
});
export type DepositAccount = z.infer<typeof depositAccountSchema>;

export const auctionTermsSchema = z.object({
  startPrice: priceFen,
  /** Not shown to bidders while bidding runs (disclosed once it has ended); null: no reserve. */
  reservePrice: priceFen.nullable().default(null),
  increment: fenIn(1, PRICE_MAX_FEN, 'err.increment.range'),
  deposit: fenIn(0, PRICE_MAX_FEN, 'err.deposit.range').default(0),
  startsAt: instant,
  endsAt: instant,
  /** The account the deposit is paid into. */
  depositAccount: depositAccountSchema.optional(),
  /** Registrations to bid close then (default: two hours before the scheduled end, at most half the bidding time before it). */
  registrationEndsAt: instant.optional(),
  /** A bid in the last `extendSeconds` moves the end `extendSeconds` later, at most `maxExtensions` times. */
  extendSeconds: z.number().int().min(0).max(3600).default(300),
  maxExtensions: z.number().int().min(0).max(100).default(10),
});
export type AuctionTerms = z.infer<typeof auctionTermsSchema>;

export const licenceTermsSchema = z.object({
  kind: z.enum(LICENCE_KINDS),
  territory: text(200),
  termMonths: z.number().int().min(1).max(600),
  fieldOfUse: text(500),
});
export type LicenceTerms = z.infer<typeof licenceTermsSchema>;

/**
 * How the price is paid. Shares are basis points of the price, so a plan
 * also fits an auction whose price is not known yet; `staged_royalty` adds a
 * royalty (basis points of the licensee's reported revenue) per period.
 */
export const paymentTermsSchema = z
  .object({
    plan: z.enum(PAYMENT_PLANS).default('lump_sum'),
    entryShareBp: bp.default(0),
    instalments: z.array(z.object({ months: z.number().int().min(0).max(600), shareBp: bp })).max(24).default([]),
    royaltyBp: bp.default(0),
    royaltyPeriod: z.enum(ROYALTY_PERIODS).default('year'),
    deferredMonths: z.number().int().min(1).max(120).default(12),
  })
  .superRefine((p, ctx) => {
    if (p.plan !== 'staged_royalty' || !Array.isArray(p.instalments) || typeof p.entryShareBp !== 'number') return;
    const total = p.entryShareBp + p.instalments.reduce((s, i) => s + (Number(i?.shareBp) || 0), 0);
    if (total !== 10_000) ctx.addIssue({ code: 'custom', path: ['instalments'], message: 'err.payment.shares' });
  });
export type PaymentTerms = z.infer<typeof paymentTermsSchema>;

export const createListingBody = z
  .object({
    achievementId: z.uuid(),
    kind: z.enum(LISTING_KINDS),
    transaction: z.enum(LISTING_TRANSACTIONS),
    /** Fen. Fixed: the asking price; negotiated: the agreed price; auction: the start price (auction.startPrice when omitted). */
    price: priceFen.optional(),
    title: text(200).optional(),
    description: z.string().trim().max(5000).default(''),
    /** Acting for the owner under an entrustment (委托): the agency's organisation. */
    agentOrganizationId: z.uuid().optional(),
    /** The published technology demand the listing answers (响应需求); a negotiated listing's buyer must be the organisation that posted it. */
    demandId: z.uuid().optional(),
    fixed: z.object({ acceptance: z.enum(FIXED_ACCEPTANCE).default('first') }).optional(),
    negotiated: z.object({ buyerOrganizationId: z.uuid(), agreedOn: dateSchema.optional() }).optional(),
    auction: auctionTermsSchema.optional(),
    licence: licenceTermsSchema.optional(),
    payment: paymentTermsSchema.optional(),
  })
  .superRefine((v, ctx) => {
    const need = (ok: unknown, path: string, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (v.kind === 'auction') {
      need(v.auction, 'auction', 'err.listing.auctionTerms');
      // Refinements run even when a field failed to parse: look only at what did parse.
      const a = v.auction;
      if (a && a.startsAt instanceof Date && a.endsAt instanceof Date) {
        const span = a.endsAt.getTime() - a.startsAt.getTime();
        if (span <= 0) ctx.addIssue({ code: 'custom', path: ['auction', 'endsAt'], message: 'err.listing.endBeforeStart' });
        else if (span < MIN_AUCTION_SECONDS * 1000) ctx.addIssue({ code: 'custom', path: ['auction', 'endsAt'], message: 'err.listing.auctionWindow' });
        if (a.registrationEndsAt instanceof Date && a.registrationEndsAt.getTime() > a.endsAt.getTime()) {
          ctx.addIssue({ code: 'custom', path: ['auction', 'registrationEndsAt'], message: 'err.listing.registrationAfterEnd' });
        }
      }
      if (a && typeof a.startPrice === 'number') {
        if (typeof a.reservePrice === 'number' && a.reservePrice < a.startPrice) ctx.addIssue({ code: 'custom', path: ['auction', 'reservePrice'], message: 'err.listing.reserveBelowStart' });
        if (typeof a.deposit === 'number' && a.deposit > a.startPrice) ctx.addIssue({ code: 'custom', path: ['auction', 'deposit'], message: 'err.listing.depositAboveStart' });
      }
    } else need(v.price !== undefined, 'price', 'err.listing.price');
    if (v.kind === 'negotiated') need(v.negotiated, 'negotiated', 'err.listing.buyer');
    if (v.transaction === 'licence' || v.transaction === 'use_first_pay_later') need(v.licence, 'licence', 'err.listing.licenceTerms');
    if (v.transaction === 'use_first_pay_later') {
      const plan = v.payment?.plan;
      need(plan === 'staged_royalty' || plan === 'deferred', 'payment', 'err.listing.payLater');
      if (plan === 'staged_royalty' && v.payment!.entryShareBp !== 0) {
        ctx.addIssue({ code: 'custom', path: ['payment', 'entryShareBp'], message: 'err.listing.payLaterEntry' });
      }
    }
    if (v.payment?.plan === 'staged_royalty' && v.transaction !== 'licence' && v.transaction !== 'use_first_pay_later') {
      ctx.addIssue({ code: 'custom', path: ['payment', 'plan'], message: 'err.listing.royaltyLicence' });
    }
  });
export type CreateListingBody = z.infer<typeof createListingBody>;

export const listingReviewBody = z
  .object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(1000).optional() })
  .refine((v) => v.decision === 'approve' || !!v.reason, { message: 'err.reasonRequired', path: ['reason'] });

export const listingWithdrawBody = z.object({ reason: text(1000) });

export const listingQuery = pageQuery.extend({
  kind: z.enum(LISTING_KINDS).optional(),
  transaction: z.enum(LISTING_TRANSACTIONS).optional(),
  status: z.enum(LISTING_STATUSES).optional(),
  industry: z.enum(INDUSTRY_CODES).optional(),
  jurisdictionCode: z.string().regex(/^\d{6}$/, { message: 'err.jurisdictionCode' }).optional(),
  q: z.string().max(200).optional(),
  /** catalogue: open and finished listings everyone sees; mine: my organisations' (as seller or agent); review: the review queue of my jurisdictions. */
  scope: z.enum(['catalogue', 'mine', 'review']).default('catalogue'),
  achievementId: z.uuid().optional(),
});
export type ListingQuery = z.infer<typeof listingQuery>;

export const offerBody = z.object({
  /** Fen; defaults to the listed price. */
  amount: priceFen.optional(),
  message: z.string().trim().max(1000).default(''),
  /** The buying organisation when the caller belongs to several. */
  organizationId: z.uuid().optional(),
});

/** An objection comes from a verified organisation of the caller's (the one named, or their only verified one). */
export const objectionBody = z.object({ reason: text(2000), organizationId: z.uuid().optional() });
/** An administrator marks an objection vexatious (恶意异议): it stays in the record, marked so, and no longer holds up the deal. */
export const objectionVexatiousBody = z.object({ reason: text(1000) });
export const objectionResolveBody = z.object({ decision: z.enum(['upheld', 'dismissed']), resolution: text(2000) });
export const objectionQuery = z.object({ status: z.enum(OBJECTION_STATUSES).optional() });

export const depositBody = z.object({ organizationId: z.uuid(), amount: priceFen, note: z.string().trim().max(500).default('') });

export const bidBody = z.object({
  amount: priceFen,
  /** The bidding organisation when the caller belongs to several. */
  organizationId: z.uuid().optional(),
  /** Required (true) for a bid above BID_CONFIRM_FACTOR times the current minimum, so that no client sends one by a slip. */
  confirmed: z.boolean({ message: 'err.bid.confirmedType' }).optional(),
});

/** Idempotency-Key: what a client sends to make a retried bid safe (8–100 URL-safe characters). */
export const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9._:-]{8,100}$/;

export const dealQuery = pageQuery.extend({
  status: z.enum(DEAL_STATUSES).optional(),
  /** mine: deals of my organisations; jurisdiction: deals in the jurisdictions I administer. */
  scope: z.enum(['mine', 'jurisdiction']).default('mine'),
  /**
   * With scope=mine, the side my organisations stand on: seller — they sell it or act as its entrusted agency
   * (the side that enters and registers its technology contract); buyer — they buy it.
   */
  side: z.enum(['seller', 'buyer']).optional(),
});
export type DealQuery = z.infer<typeof dealQuery>;

export const dealSignBody = z.object({ signedOn: dateSchema, contractNo: z.string().trim().max(100).optional() });
export const dealCancelBody = z.object({ reason: text(1000) });
export const paymentPaidBody = z.object({ amount: positiveFen, paidOn: dateSchema, note: z.string().trim().max(500).default('') });

/** A royalty period: `2027` (a year) or `2027Q1` (a quarter). */
export const revenuePeriodSchema = z.string().regex(/^\d{4}(Q[1-4])?$/, { message: 'err.period' });
export const revenueReportBody = z.object({ period: revenuePeriodSchema, revenue: fen, note: z.string().trim().max(500).default('') });

export const tradingSettingsBody = z.object({
  noticeDays: z.number().int().min(5).max(60),
  signDays: z.number().int().min(1).max(60),
});
export type TradingSettingsBody = z.infer<typeof tradingSettingsBody>;

/** An owner entrusts an achievement's trading to an agency (an organisation) or a broker (a person with a broker profile). */
export const entrustmentBody = z
  .object({ agentOrganizationId: z.uuid().optional(), agentUserId: z.uuid().optional(), note: z.string().trim().max(500).default('') })
  .refine((v) => !!v.agentOrganizationId !== !!v.agentUserId, { message: 'err.entrustment.agent', path: ['agentOrganizationId'] });
