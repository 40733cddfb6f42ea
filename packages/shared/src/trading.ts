/**
 * Trading (交易): listings (挂牌), negotiated prices with a public notice
 * period (协议定价公示), English auctions (竞价拍卖), licences incl.
 * 先使用后付费, and the deals they end in. Shared by server and web.
 */

type Label = { zh: string; en: string };

export const LISTING_KINDS = ['fixed', 'negotiated', 'auction'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];
export const LISTING_KIND_LABELS: Record<ListingKind, Label> = {
  fixed: { zh: '挂牌转让', en: 'Fixed price' },
  negotiated: { zh: '协议定价公示', en: 'Negotiated, publicly noticed' },
  auction: { zh: '竞价拍卖', en: 'Auction' },
};

export const LISTING_TRANSACTIONS = ['transfer', 'licence', 'equity', 'use_first_pay_later'] as const;
export type ListingTransaction = (typeof LISTING_TRANSACTIONS)[number];
export const LISTING_TRANSACTION_LABELS: Record<ListingTransaction, Label> = {
  transfer: { zh: '转让', en: 'Transfer' },
  licence: { zh: '许可', en: 'Licence' },
  equity: { zh: '作价入股', en: 'Equity' },
  use_first_pay_later: { zh: '先使用后付费', en: 'Use first, pay later' },
};

/**
 * Stored status of a listing. An open auction's phase (upcoming, bidding,
 * ended) and a negotiated listing's (notice, held by objections) follow
 * from its times and are given as `phase`.
 */
export const LISTING_STATUSES = ['pending_review', 'rejected', 'open', 'sold', 'failed', 'withdrawn', 'cancelled'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const LISTING_STATUS_LABELS: Record<ListingStatus, Label> = {
  pending_review: { zh: '待审核', en: 'Awaiting review' },
  rejected: { zh: '未通过', en: 'Rejected' },
  open: { zh: '挂牌中', en: 'Open' },
  sold: { zh: '已成交', en: 'Sold' },
  failed: { zh: '流拍', en: 'Failed' },
  withdrawn: { zh: '已撤牌', en: 'Withdrawn' },
  cancelled: { zh: '已终止', en: 'Cancelled' },
};

export const LISTING_PHASES = ['review', 'open', 'upcoming', 'bidding', 'ended', 'notice', 'held', 'closed'] as const;
export type ListingPhase = (typeof LISTING_PHASES)[number];
export const LISTING_PHASE_LABELS: Record<ListingPhase, Label> = {
  review: { zh: '待审核', en: 'Awaiting review' },
  open: { zh: '挂牌中', en: 'Open' },
  upcoming: { zh: '即将开拍', en: 'Upcoming' },
  bidding: { zh: '竞价中', en: 'Bidding' },
  ended: { zh: '已截止，结果确认中', en: 'Ended, result pending' },
  notice: { zh: '公示中', en: 'In notice period' },
  held: { zh: '公示期满，异议处理中', en: 'Notice over, objections pending' },
  closed: { zh: '已结束', en: 'Closed' },
};

/** When a fixed-price listing sells: to the first verified buyer who accepts, or to the offer the owner chooses. */
export const FIXED_ACCEPTANCE = ['first', 'choose'] as const;
export type FixedAcceptance = (typeof FIXED_ACCEPTANCE)[number];

export const LICENCE_KINDS = ['exclusive', 'sole', 'non_exclusive'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];
export const LICENCE_KIND_LABELS: Record<LicenceKind, Label> = {
  exclusive: { zh: '独占许可', en: 'Exclusive' },
  sole: { zh: '排他许可', en: 'Sole' },
  non_exclusive: { zh: '普通许可', en: 'Non-exclusive' },
};

/**
 * How the price is paid. `lump_sum`: all at signing. `staged_royalty`
 * (先使用后付费): an entry fee (often zero), instalments months after
 * signing, and a royalty on the licensee's reported revenue. `deferred`:
 * the whole price some months after signing.
 */
export const PAYMENT_PLANS = ['lump_sum', 'staged_royalty', 'deferred'] as const;
export type PaymentPlan = (typeof PAYMENT_PLANS)[number];
export const PAYMENT_PLAN_LABELS: Record<PaymentPlan, Label> = {
  lump_sum: { zh: '一次性支付', en: 'Lump sum' },
  staged_royalty: { zh: '入门费＋分期＋销售提成', en: 'Entry fee, instalments and royalty' },
  deferred: { zh: '延期支付', en: 'Deferred payment' },
};

export const ROYALTY_PERIODS = ['quarter', 'year'] as const;
export type RoyaltyPeriod = (typeof ROYALTY_PERIODS)[number];

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, Label> = {
  open: { zh: '待处理', en: 'Open' },
  upheld: { zh: '异议成立', en: 'Upheld' },
  dismissed: { zh: '异议不成立', en: 'Dismissed' },
};

export const OFFER_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** held (paid, confirmed) → applied (the winner's, to the price) | released (to be refunded) | forfeited (the winner did not sign). */
export const DEPOSIT_STATUSES = ['held', 'applied', 'released', 'forfeited'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];
export const DEPOSIT_STATUS_LABELS: Record<DepositStatus, Label> = {
  held: { zh: '已缴纳', en: 'Held' },
  applied: { zh: '已抵作价款', en: 'Applied to the price' },
  released: { zh: '应退还', en: 'To be returned' },
  forfeited: { zh: '已罚没', en: 'Forfeited' },
};

/** Where a deal comes from. */
export const DEAL_SOURCES = ['offer', 'notice', 'auction', 'second_bidder'] as const;
export type DealSource = (typeof DEAL_SOURCES)[number];
export const DEAL_SOURCE_LABELS: Record<DealSource, Label> = {
  offer: { zh: '挂牌摘牌', en: 'Accepted offer' },
  notice: { zh: '协议定价公示期满', en: 'Clean notice period' },
  auction: { zh: '竞价成交', en: 'Auction won' },
  second_bidder: { zh: '竞得人违约，次高出价人递补', en: 'Offered to the second bidder' },
};

/** pending (both parties confirm) → confirmed → signed (payment schedule runs) → completed; or cancelled with a reason. */
export const DEAL_STATUSES = ['pending', 'confirmed', 'signed', 'completed', 'cancelled'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];
export const DEAL_STATUS_LABELS: Record<DealStatus, Label> = {
  pending: { zh: '待双方确认', en: 'Awaiting confirmation' },
  confirmed: { zh: '待签约', en: 'Awaiting signature' },
  signed: { zh: '履约中', en: 'In performance' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const PAYMENT_KINDS = ['entry', 'instalment', 'royalty', 'lump_sum', 'deferred'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_KIND_LABELS: Record<PaymentKind, Label> = {
  entry: { zh: '入门费', en: 'Entry fee' },
  instalment: { zh: '分期款', en: 'Instalment' },
  royalty: { zh: '销售提成', en: 'Royalty' },
  lump_sum: { zh: '一次性价款', en: 'Lump sum' },
  deferred: { zh: '延期价款', en: 'Deferred payment' },
};

/** due (not yet due or due today) → paid, or overdue once its date has passed unpaid. */
export const PAYMENT_STATUSES = ['due', 'overdue', 'paid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, Label> = {
  due: { zh: '待支付', en: 'Due' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  paid: { zh: '已支付', en: 'Paid' },
};

/** Defaults a jurisdiction may change (trading settings). */
export const DEFAULT_NOTICE_DAYS = 15;
export const DEFAULT_SIGN_DAYS = 10;

/**
 * The rounding rule for money computed from a rate (royalties, premiums):
 * basis points of an amount in fen, rounded half up to the fen. Written
 * once, here.
 */
export function applyBasisPoints(amountFen: number, bp: number): number {
  // In integers all the way: a revenue of 10 billion yuan times 10,000 is beyond a double's exact range.
  return Number((BigInt(amountFen) * BigInt(bp) + BigInt(5000)) / BigInt(10000));
}

/** The bidder label the public sees: 竞买人1, 竞买人2… in the order of their first bid. */
export function bidderLabel(n: number, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'zh' ? `竞买人${n}` : `Bidder ${n}`;
}
