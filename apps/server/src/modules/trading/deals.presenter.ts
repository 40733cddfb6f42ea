import type { DealAction } from '@kzt/shared';
import type { PaymentRow } from './deals.repository.ts';
import type { DealWithNames } from './deals.names.ts';

export function presentPayment(p: PaymentRow, today: string) {
  return {
    id: p.id,
    seq: p.seq,
    kind: p.kind,
    dueOn: p.dueOn,
    amount: p.amountFen,
    period: p.period,
    revenue: p.revenueFen,
    // Overdue as of today even before the daily sweep has marked it.
    status: p.status === 'due' && p.dueOn < today ? 'overdue' : p.status,
    paid: p.paidFen,
    paidOn: p.paidOn,
    note: p.note,
  };
}

/** A deal in lists: parties, price, status. */
export function presentDealSummary(d: DealWithNames) {
  return {
    id: d.id,
    listing: { id: d.listingId, title: d.listingTitle, kind: d.listingKind },
    achievement: { id: d.achievementId, title: d.achievementTitle },
    seller: { id: d.sellerOrganizationId, name: d.sellerName },
    buyer: { id: d.buyerOrganizationId, name: d.buyerName },
    agent: d.agentOrganizationId ? { id: d.agentOrganizationId, name: d.agentName ?? '' } : null,
    source: d.source,
    transaction: d.transaction,
    amount: d.amountFen,
    status: d.status,
    signDeadline: d.signDeadline,
    signedOn: d.signedOn,
    createdAt: d.createdAt,
  };
}

/** A deal as its parties and administrators see it: everything contract registration will start from. */
export function presentDeal(d: DealWithNames, payments: PaymentRow[], allowedActions: DealAction[], today: string) {
  const shown = payments.map((p) => presentPayment(p, today));
  const sum = (f: (p: ReturnType<typeof presentPayment>) => boolean, v: (p: ReturnType<typeof presentPayment>) => number) => shown.filter(f).reduce((s, p) => s + v(p), 0);
  return {
    ...presentDealSummary(d),
    licence: d.licence,
    payment: d.payment,
    confirmations: { seller: d.sellerConfirmedAt, buyer: d.buyerConfirmedAt },
    contractNo: d.contractNo,
    completedAt: d.completedAt,
    cancelledAt: d.cancelledAt,
    cancelReason: d.cancelReason,
    payments: shown,
    totals: {
      scheduled: sum(() => true, (p) => p.amount),
      paid: sum((p) => p.status === 'paid', (p) => p.paid ?? 0),
      outstanding: sum((p) => p.status !== 'paid', (p) => p.amount),
      overdue: sum((p) => p.status === 'overdue', (p) => p.amount),
    },
    allowedActions,
  };
}
