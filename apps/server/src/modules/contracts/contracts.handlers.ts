import { onEvent } from '../../platform/events.ts';
import { systemContext } from '../../platform/context.ts';
import { challengeAwarded } from '../challenges/challenges.events.ts';
import { dealPaymentMarked, dealSigned } from '../trading/deals.events.ts';
import { carryOverDealPayment, prefillContractFromChallenge, prefillContractFromDeal } from './contracts.service.ts';

/**
 * A signed deal becomes a draft technology contract of its seller, prefilled
 * with everything the deal knows; each payment its seller marks paid is
 * carried over as a confirmed payment. A challenge award makes one draft
 * technology development contract per winning bid (solver sells, poser buys;
 * nothing when an administrator posted the challenge without a poser). All are
 * idempotent: one contract per deal or bid, one payment per deal payment.
 */
export const contractsHandlers = [
  onEvent('contracts.prefillFromDeal', dealSigned, async (db, e) => {
    const p = e.payload;
    await prefillContractFromDeal(db, { ...systemContext(`event:${e.id}`), now: e.occurredAt }, {
      dealId: p.dealId,
      sellerOrganizationId: p.sellerOrganizationId,
      buyerOrganizationId: p.buyerOrganizationId,
      agentOrganizationId: p.agentOrganizationId,
      achievementId: p.achievementId,
      transaction: p.transaction,
      amountFen: p.amountFen,
      signedOn: p.signedOn,
      contractNo: p.contractNo,
      schedule: p.payments.map((x) => ({ dueOn: x.dueOn, amount: x.amountFen })),
    });
  }),
  onEvent('contracts.carryOverDealPayment', dealPaymentMarked, async (db, e) => {
    const p = e.payload;
    const carried = await carryOverDealPayment(db, systemContext(`event:${e.id}`), { dealId: p.dealId, paymentId: p.paymentId, paidOn: p.paidOn, amount: p.amountFen, note: p.note, kind: p.kind, period: p.period });
    // The deal's draft is made by the other handler: until it exists, this delivery is retried.
    if (!carried) throw new Error(`the contract of deal ${p.dealId} does not exist yet`);
  }),
  onEvent('contracts.prefillFromChallenge', challengeAwarded, async (db, e) => {
    const p = e.payload;
    if (!p.poserOrganizationId) return;
    for (const b of p.bids) {
      await prefillContractFromChallenge(db, { ...systemContext(`event:${e.id}`), now: e.occurredAt }, {
        challengeId: p.challenge.id,
        bidId: b.bidId,
        title: p.title ?? null,
        poserOrganizationId: p.poserOrganizationId,
        solverOrganizationId: b.organizationId,
        budget: b.budget,
        awardedOn: p.date,
      });
    }
  }),
];
