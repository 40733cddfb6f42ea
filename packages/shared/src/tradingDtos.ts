import { z } from 'zod';
import { OBJECTION_STATUSES } from './trading.ts';

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
  auction: z.object({ currentPrice: z.number().nullable(), bidCount: z.number(), endsAt: instantOut.nullable(), extensions: z.number(), nextMinimum: z.number() }),
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

const orgName = z.object({ id: z.string(), name: z.string().nullable() });
const fen = z.number().nullable();

/** The auction part of a listing: what everyone sees live; the reserve only for the seller's side until bidding ends. */
export const listingAuctionDto = z.object({
  startPrice: z.number(),
  currentPrice: fen,
  nextMinimum: fen,
  increment: fen,
  deposit: fen,
  startsAt: instantOut.nullable(),
  endsAt: instantOut.nullable(),
  scheduledEndsAt: instantOut.nullable(),
  extendSeconds: z.number().nullable(),
  maxExtensions: z.number().nullable(),
  extensions: z.number(),
  bidCount: z.number(),
  hasReserve: z.boolean(),
  reserveMet: z.boolean().nullable(),
  reservePrice: fen,
  registrationEndsAt: instantOut.nullable(),
  depositAccount: z.unknown(),
  leading: z.boolean(),
});

/** A listing as the caller may see it; `serverTime` lets a browser's countdown correct its own clock. */
export const listingDto = z.object({
  id: z.string(),
  achievement: z.object({ id: z.string() }),
  title: z.string(),
  description: z.string().nullable(),
  kind: z.string(),
  transaction: z.string(),
  status: z.string(),
  phase: z.string(),
  organization: orgName,
  agent: orgName.nullable(),
  /** The technology demand the listing answers (响应需求), when the seller named one. */
  demandId: z.string().nullable(),
  jurisdictionCode: z.string(),
  industry: z.string().nullable(),
  price: z.number(),
  finalPrice: fen,
  fixed: z.object({ acceptance: z.string().nullable() }).nullable(),
  negotiated: z
    .object({ buyer: orgName.nullable(), agreedOn: z.string().nullable(), noticeDays: z.number().nullable(), noticeEndsAt: instantOut.nullable(), openObjections: z.number() })
    .nullable(),
  auction: listingAuctionDto.nullable(),
  licence: z.unknown(),
  payment: z.unknown(),
  signDays: z.number().nullable(),
  listedAt: instantOut.nullable(),
  closedAt: instantOut.nullable(),
  closeReason: z.string().nullable(),
  reviewReason: z.string().nullable(),
  deal: z.object({ id: z.string(), status: z.string() }).nullable(),
  createdAt: instantOut,
  version: z.number(),
  serverTime: instantOut,
  allowedActions: z.array(z.string()),
});
export type ListingDetailDto = z.infer<typeof listingDto>;

export const listingSummaryDto = z.object({
  id: z.string(),
  achievementId: z.string(),
  title: z.string(),
  kind: z.string(),
  transaction: z.string(),
  status: z.string(),
  phase: z.string(),
  organization: orgName,
  jurisdictionCode: z.string(),
  industry: z.string().nullable(),
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
});
export const listingPageDto = z.object({
  items: z.array(listingSummaryDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  serverTime: instantOut,
});

export const offerDto = z.object({ id: z.string(), organization: orgName, amount: fen, message: z.string().nullable(), status: z.string(), createdAt: instantOut, decidedAt: instantOut.nullable() });
export const offerListDto = z.object({ items: z.array(offerDto), allowedActions: z.array(z.string()) });

export const depositListDto = z.object({
  items: z.array(z.object({ id: z.string(), organization: orgName, amount: z.number(), status: z.string(), note: z.string().nullable(), recordedAt: instantOut })),
  required: z.number(),
  /** all: every organisation's (the seller's side, administrators); own: the caller's organisations' only. */
  scope: z.string(),
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
    kind: z.string(),
    transaction: z.string(),
    status: z.string(),
    price: z.number(),
    finalPrice: fen,
    listedAt: instantOut.nullable(),
    closedAt: instantOut.nullable(),
    jurisdictionCode: z.string(),
  }),
  events: z.array(z.object({ seq: z.number(), at: instantOut, kind: z.string(), text: z.string(), data: z.unknown(), hash: z.string(), prevHash: z.string() })),
  verified: z.object({ ok: z.boolean(), events: z.number(), of: z.number(), firstBrokenSeq: z.number().nullable(), reason: z.string().nullable(), checkedAt: instantOut }),
});

export const comparableListDto = z.object({
  items: z.array(
    z.object({
      listing: z.object({ id: z.string(), title: z.string(), kind: z.string(), transaction: z.string(), industry: z.string().nullable(), jurisdictionCode: z.string() }),
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
      industry: z.string().nullable(),
      auctions: z.number(),
      averagePremiumBp: z.number(),
      medianPremiumBp: z.number(),
      totalStartPrice: z.number(),
      totalFinalPrice: z.number(),
    }),
  ),
});

/** A jurisdiction's notice period and signing deadline (days); `from` names where they come from when inherited. */
export const tradingSettingsDto = z.object({ jurisdictionCode: z.string(), noticeDays: z.number(), signDays: z.number(), inherited: z.boolean(), from: z.unknown() });

// ---- deals

export const paymentDto = z.object({
  id: z.string(),
  seq: z.number(),
  kind: z.string(),
  dueOn: z.string().nullable(),
  amount: z.number(),
  period: z.string().nullable(),
  revenue: fen,
  status: z.string(),
  paid: fen,
  paidOn: z.string().nullable(),
  note: z.string().nullable(),
});

export const dealSummaryDto = z.object({
  id: z.string(),
  listing: z.object({ id: z.string(), title: z.string().nullable(), kind: z.string().nullable() }),
  achievement: z.object({ id: z.string(), title: z.string().nullable() }),
  seller: orgName,
  buyer: orgName,
  agent: orgName.nullable(),
  source: z.string(),
  transaction: z.string(),
  amount: z.number(),
  status: z.string(),
  signDeadline: instantOut.nullable(),
  signedOn: z.string().nullable(),
  createdAt: instantOut,
});
export const dealPageDto = z.object({ items: z.array(dealSummaryDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A deal as its parties and administrators see it: everything contract registration starts from. */
export const dealDto = dealSummaryDto.extend({
  licence: z.unknown(),
  payment: z.unknown(),
  confirmations: z.object({ seller: instantOut.nullable(), buyer: instantOut.nullable() }),
  contractNo: z.string().nullable(),
  completedAt: instantOut.nullable(),
  cancelledAt: instantOut.nullable(),
  cancelReason: z.string().nullable(),
  payments: z.array(paymentDto),
  totals: z.object({ scheduled: z.number(), paid: z.number(), outstanding: z.number(), overdue: z.number() }),
  allowedActions: z.array(z.string()),
});
export type DealDto = z.infer<typeof dealDto>;
