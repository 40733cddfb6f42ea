import { z } from 'zod';
import { INDUSTRY_CODES } from './catalogue.ts';
import {
  DEAL_SOURCES,
  DEAL_STATUSES,
  DEPOSIT_STATUSES,
  FIXED_ACCEPTANCE,
  LISTING_KINDS,
  LISTING_PHASES,
  LISTING_STATUSES,
  LISTING_TRANSACTIONS,
  OBJECTION_STATUSES,
  OFFER_STATUSES,
  PAYMENT_KINDS,
  PAYMENT_STATUSES,
} from './trading.ts';
import { licenceTermsSchema, paymentTermsSchema } from './tradingSchemas.ts';
import { AUCTION_TERM_WARNINGS } from './tradingMoney.ts';

/** Response contracts of trading routes (the zod serializer enforces them: no field outside leaves the server). */

const instantOut = z.union([z.date(), z.string()]);
const ref = z.object({ id: z.string(), name: z.string().nullable() });

export const placedBidDto = z.object({
  id: z.string(),
  seq: z.number(),
  amount: z.number(),
  at: instantOut,
  extended: z.boolean(),
  endsAt: instantOut,
  auction: z.object({ currentPrice: z.number(), bidCount: z.number(), endsAt: instantOut, extensions: z.number(), nextMinimum: z.number() }),
});

export const entrustmentDto = z.object({
  id: z.string(),
  agentOrganization: ref.nullable(),
  agentUser: ref.nullable(),
  note: z.string(),
  status: z.enum(['active', 'pending']),
  createdAt: instantOut,
  confirmedAt: instantOut.nullable(),
  allowedActions: z.array(z.enum(['confirm', 'revoke'])),
});

export const entrustmentListDto = z.object({ items: z.array(entrustmentDto), allowedActions: z.array(z.enum(['manage', 'propose'])) });

export const objectionDto = z.object({
  id: z.string(),
  objector: z.string(),
  /** Who objected: administrators and the objector only. */
  user: z.object({ id: z.string() }).nullable(),
  mine: z.boolean(),
  reason: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  resolution: z.string().nullable(),
  resolvedAt: instantOut.nullable(),
  vexatious: z.boolean(),
  vexatiousReason: z.string().nullable(),
  createdAt: instantOut,
  allowedActions: z.array(z.enum(['resolve', 'markVexatious'])),
});
export const objectionListDto = z.object({ items: z.array(objectionDto) });
export const lodgedObjectionDto = z.object({ id: z.string(), reason: z.string(), status: z.enum(OBJECTION_STATUSES), createdAt: instantOut });

// ---- listings

const orgName = z.object({ id: z.string(), name: z.string() });
const fen = z.number().nullable();
const listingKind = z.enum(LISTING_KINDS);
const listingTransaction = z.enum(LISTING_TRANSACTIONS);
const listingStatus = z.enum(LISTING_STATUSES);
const listingPhase = z.enum(LISTING_PHASES);
const industry = z.enum(INDUSTRY_CODES);

/** What a caller may do with a listing (the buttons the web shows). */
export const LISTING_ACTIONS = ['review', 'withdraw', 'offer', 'chooseOffer', 'object', 'resolveObjection', 'recordDeposit', 'bid', 'register'] as const;
/** What a party or an administrator may do with a deal. */
export const DEAL_ACTIONS = ['confirm', 'sign', 'recordPayment', 'reportRevenue', 'complete', 'cancel'] as const;
export type ListingAction = (typeof LISTING_ACTIONS)[number];
export type DealAction = (typeof DEAL_ACTIONS)[number];

/** The auction part of a listing: what everyone sees live; the reserve only for the seller's side until bidding ends. */
export const listingAuctionDto = z.object({
  startPrice: z.number(),
  /** The start price until the first bid. */
  currentPrice: z.number(),
  nextMinimum: z.number(),
  increment: z.number(),
  deposit: z.number(),
  startsAt: instantOut,
  endsAt: instantOut,
  scheduledEndsAt: instantOut,
  extendSeconds: z.number(),
  maxExtensions: z.number(),
  extensions: z.number(),
  bidCount: z.number(),
  hasReserve: z.boolean(),
  reserveMet: z.boolean().nullable(),
  reservePrice: fen,
  registrationEndsAt: instantOut,
  depositAccount: z.object({ bank: z.string(), accountName: z.string(), accountNumber: z.string() }).nullable(),
  leading: z.boolean(),
});

/** A listing as the caller may see it; `serverTime` lets a browser's countdown correct its own clock. */
export const listingDto = z.object({
  id: z.string(),
  achievement: z.object({ id: z.string() }),
  title: z.string(),
  description: z.string(),
  kind: listingKind,
  transaction: listingTransaction,
  status: listingStatus,
  phase: listingPhase,
  organization: orgName,
  agent: orgName.nullable(),
  /** The technology demand the listing answers (响应需求), when the seller named one. */
  demandId: z.string().nullable(),
  jurisdictionCode: z.string(),
  industry,
  price: z.number(),
  finalPrice: fen,
  fixed: z.object({ acceptance: z.enum(FIXED_ACCEPTANCE).nullable() }).nullable(),
  negotiated: z
    .object({ buyer: orgName.nullable(), agreedOn: z.string().nullable(), noticeDays: z.number().nullable(), noticeEndsAt: instantOut.nullable(), openObjections: z.number() })
    .nullable(),
  auction: listingAuctionDto.nullable(),
  licence: licenceTermsSchema.nullable(),
  payment: paymentTermsSchema.nullable(),
  signDays: z.number(),
  listedAt: instantOut.nullable(),
  closedAt: instantOut.nullable(),
  closeReason: z.string().nullable(),
  reviewReason: z.string().nullable(),
  deal: z.object({ id: z.string(), status: z.enum(DEAL_STATUSES) }).nullable(),
  createdAt: instantOut,
  version: z.number(),
  serverTime: instantOut,
  allowedActions: z.array(z.enum(LISTING_ACTIONS)),
});
export type ListingDetailDto = z.infer<typeof listingDto>;

export const listingSummaryDto = z.object({
  id: z.string(),
  achievementId: z.string(),
  title: z.string(),
  kind: listingKind,
  transaction: listingTransaction,
  status: listingStatus,
  phase: listingPhase,
  organization: orgName,
  jurisdictionCode: z.string(),
  industry,
  price: z.number(),
  currentPrice: fen,
  finalPrice: fen,
  bidCount: z.number(),
  startsAt: instantOut.nullable(),
  endsAt: instantOut.nullable(),
  noticeEndsAt: instantOut.nullable(),
  listedAt: instantOut.nullable(),
  closedAt: instantOut.nullable(),
  /** The review queue: the price against comparable deals. */
  priceCheck: z.object({ comparables: z.number(), medianPrice: fen, ratioBp: z.number().nullable(), flag: z.enum(['high', 'low']).nullable() }).optional(),
  /** The review queue, auctions: the increment and deposit terms to look at before approving (auctionTermWarnings), with the increment itself. */
  termsCheck: z.object({ increment: z.number().int(), deposit: z.number().int(), warnings: z.array(z.enum(AUCTION_TERM_WARNINGS)) }).optional(),
});
export const listingPageDto = z.object({
  items: z.array(listingSummaryDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  serverTime: instantOut,
});

export const offerDto = z.object({ id: z.string(), organization: orgName, amount: fen, message: z.string().nullable(), status: z.enum(OFFER_STATUSES), createdAt: instantOut, decidedAt: instantOut.nullable() });
export const offerListDto = z.object({ items: z.array(offerDto), allowedActions: z.array(z.enum(['accept'])) });

export const depositListDto = z.object({
  items: z.array(z.object({ id: z.string(), organization: orgName, amount: z.number(), status: z.enum(DEPOSIT_STATUSES), note: z.string().nullable(), recordedAt: instantOut })),
  required: z.number(),
  /** all: every organisation's (the seller's side, administrators); own: the caller's organisations' only. */
  scope: z.enum(['all', 'own']),
});

/** Bids in time order: the public sees 竞买人N, the seller's side and administrators the organisations. */
export const bidListDto = z.object({
  items: z.array(
    z.object({
      seq: z.number(),
      bidder: z.string(),
      organization: orgName.nullable(),
      mine: z.boolean(),
      amount: z.number(),
      at: instantOut,
      extended: z.boolean(),
      endsAt: instantOut.nullable(),
    }),
  ),
});

/** The price-forming record of a listing with its hash chain checked. */
export const priceRecordDto = z.object({
  listing: z.object({
    id: z.string(),
    title: z.string(),
    kind: listingKind,
    transaction: listingTransaction,
    status: listingStatus,
    price: z.number(),
    finalPrice: fen,
    listedAt: instantOut.nullable(),
    closedAt: instantOut.nullable(),
    jurisdictionCode: z.string(),
  }),
  events: z.array(z.object({ seq: z.number(), at: instantOut, kind: z.string(), text: z.string(), data: z.record(z.string(), z.unknown()), hash: z.string(), prevHash: z.string().nullable() })),
  verified: z.object({ ok: z.boolean(), events: z.number(), of: z.number(), firstBrokenSeq: z.number().nullable(), reason: z.string().nullable(), checkedAt: instantOut }),
});

export const comparableListDto = z.object({
  items: z.array(
    z.object({
      listing: z.object({ id: z.string(), title: z.string(), kind: listingKind, transaction: listingTransaction, industry, jurisdictionCode: z.string() }),
      startPrice: z.number(),
      finalPrice: fen,
      premiumBp: z.number().nullable(),
      bids: z.number(),
      closedAt: instantOut.nullable(),
      similarity: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
});

export const auctionPremiumListDto = z.object({
  items: z.array(
    z.object({
      industry,
      auctions: z.number(),
      averagePremiumBp: z.number(),
      medianPremiumBp: z.number(),
      totalStartPrice: z.number(),
      totalFinalPrice: z.number(),
    }),
  ),
});

/** A jurisdiction's notice period and signing deadline (days); `from` names where they come from when inherited. */
export const tradingSettingsDto = z.object({ jurisdictionCode: z.string(), noticeDays: z.number(), signDays: z.number(), inherited: z.boolean(), from: z.string().nullable() });

// ---- deals

export const paymentDto = z.object({
  id: z.string(),
  seq: z.number(),
  kind: z.enum(PAYMENT_KINDS),
  dueOn: z.string().nullable(),
  amount: z.number(),
  period: z.string().nullable(),
  revenue: fen,
  status: z.enum(PAYMENT_STATUSES),
  paid: fen,
  paidOn: z.string().nullable(),
  note: z.string().nullable(),
});

export const dealSummaryDto = z.object({
  id: z.string(),
  listing: z.object({ id: z.string(), title: z.string(), kind: listingKind }),
  achievement: z.object({ id: z.string(), title: z.string() }),
  seller: orgName,
  buyer: orgName,
  agent: orgName.nullable(),
  source: z.enum(DEAL_SOURCES),
  transaction: listingTransaction,
  amount: z.number(),
  status: z.enum(DEAL_STATUSES),
  signDeadline: instantOut.nullable(),
  signedOn: z.string().nullable(),
  createdAt: instantOut,
});
export const dealPageDto = z.object({ items: z.array(dealSummaryDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A deal as its parties and administrators see it: everything contract registration starts from. */
export const dealDto = dealSummaryDto.extend({
  licence: licenceTermsSchema.nullable(),
  payment: paymentTermsSchema.nullable(),
  confirmations: z.object({ seller: instantOut.nullable(), buyer: instantOut.nullable() }),
  contractNo: z.string().nullable(),
  completedAt: instantOut.nullable(),
  cancelledAt: instantOut.nullable(),
  cancelReason: z.string().nullable(),
  payments: z.array(paymentDto),
  totals: z.object({ scheduled: z.number(), paid: z.number(), outstanding: z.number(), overdue: z.number() }),
  allowedActions: z.array(z.enum(DEAL_ACTIONS)),
});
export type DealDto = z.infer<typeof dealDto>;
