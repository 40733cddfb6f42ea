import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { shanghaiToday } from '@kzt/shared';
import { conversionEvents, deals, domainEvents, notifications } from '../../db/schema/index.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { fixedBody, liveListing, tradingWorld } from '../../../test/tradingFixtures.ts';
import { demandBody } from '../../../test/catalogueFixtures.ts';
import { addDays, addMonths, paymentSchedule, periodBounds, royaltyFor } from './deals.schedule.ts';
import { sweepPayments } from './deals.service.ts';

const t = useTestApp();

describe('payment schedules', () => {
  it('add up to the price exactly, fall due by the plan, and put the remainder of rounding on the last payment', () => {
    expect(paymentSchedule(10_000_001, { plan: 'staged_royalty', entryShareBp: 0, instalments: [{ months: 12, shareBp: 3333 }, { months: 6, shareBp: 3333 }, { months: 24, shareBp: 3334 }], royaltyBp: 300, royaltyPeriod: 'year', deferredMonths: 12 }, '2026-01-31')).toEqual([
      { kind: 'instalment', dueOn: '2026-07-31', amountFen: 3_333_000 },
      { kind: 'instalment', dueOn: '2027-01-31', amountFen: 3_333_000 },
      { kind: 'instalment', dueOn: '2028-01-31', amountFen: 3_334_001 },
    ]);
    expect(paymentSchedule(5_000_000, null, '2026-12-01')).toEqual([{ kind: 'lump_sum', dueOn: '2026-12-31', amountFen: 5_000_000 }]);
    expect(paymentSchedule(5_000_000, { plan: 'deferred', entryShareBp: 0, instalments: [], royaltyBp: 0, royaltyPeriod: 'year', deferredMonths: 18 }, '2026-08-31')).toEqual([{ kind: 'deferred', dueOn: '2028-02-29', amountFen: 5_000_000 }]);
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(periodBounds('2027Q4')).toEqual({ from: '2027-10-01', to: '2027-12-31' });
    // 3% of 1,234,567.89 元, half up to the fen.
    expect(royaltyFor(123_456_789, 300, '2027Q1')).toEqual({ amountFen: 3_703_704, dueOn: '2027-04-30' });
    expect(royaltyFor(1e13, 9999, '2027').amountFen).toBe(9_999_000_000_000);
  });
});

/** A sold fixed-price listing: the deal between the world's university and its first buyer. */
async function soldDeal(body: Record<string, unknown> = {}) {
  const w = await tradingWorld(t, { buyers: 2 });
  const id = await liveListing(t, w.owner, w.admin, fixedBody(w.achievementId, body));
  await t.api('POST', `/api/listings/${id}/offers`, { token: w.buyers[0]!.user.token, body: {} });
  const dealId = (await t.api('GET', `/api/listings/${id}`, { token: w.owner.token })).json().deal.id as string;
  return { ...w, listingId: id, dealId, buyer: w.buyers[0]!, outsider: w.buyers[1]! };
}

describe('a deal', () => {
  it('is confirmed by both parties, signed, paid and completed, and records the conversion on the achievement', async () => {
    const d = await soldDeal();
    const path = `/api/deals/${d.dealId}`;
    expect((await t.api('GET', path, { token: d.outsider.user.token })).statusCode).toBe(404);
    expect((await t.api('POST', `${path}/sign`, { token: d.owner.token, body: { signedOn: shanghaiToday() } })).json()).toMatchObject({ status: 409, detail: '双方均确认后方可登记签约，已签约或已结束的成交不能再签' });
    const one = (await t.api('POST', `${path}/confirm`, { token: d.owner.token })).json();
    expect(one).toMatchObject({ status: 'pending', confirmations: { seller: expect.any(String), buyer: null } });
    expect((await t.api('POST', `${path}/confirm`, { token: d.owner.token })).statusCode).toBe(409);
    expect((await t.api('POST', `${path}/confirm`, { token: d.outsider.user.token })).statusCode).toBe(404);
    const both = (await t.api('POST', `${path}/confirm`, { token: d.buyer.user.token })).json();
    expect(both.status).toBe('confirmed');
    expect((await t.api('POST', `${path}/sign`, { token: d.buyer.user.token, body: { signedOn: '2099-01-01' } })).json().errors[0]).toMatchObject({ path: 'signedOn' });
    const signedOn = shanghaiToday();
    const signed = (await t.api('POST', `${path}/sign`, { token: d.buyer.user.token, body: { signedOn, contractNo: 'HT-2026-001' } })).json();
    expect(signed).toMatchObject({ status: 'signed', signedOn, contractNo: 'HT-2026-001', totals: { scheduled: 30_000_000, paid: 0, outstanding: 30_000_000 } });
    expect(signed.payments).toEqual([expect.objectContaining({ kind: 'lump_sum', dueOn: addDays(signedOn, 30), amount: 30_000_000, status: 'due' })]);
    expect(signed.allowedActions).not.toContain('complete');

    const conversions = await t.database.db.select().from(conversionEvents).where(eq(conversionEvents.achievementId, d.achievementId));
    expect(conversions).toEqual([expect.objectContaining({ kind: 'transferred', amountFen: 30_000_000, date: signedOn })]);
    expect((await t.api('GET', `/api/achievements/${d.achievementId}`)).json().converted).toBe(true);

    const payment = signed.payments[0].id;
    expect((await t.api('POST', `${path}/payments/${payment}/paid`, { token: d.buyer.user.token, body: { amount: 30_000_000, paidOn: signedOn } })).statusCode).toBe(403);
    const short = await t.api('POST', `${path}/payments/${payment}/paid`, { token: d.owner.token, body: { amount: 1_000, paidOn: signedOn } });
    expect(short.json().errors[0]).toMatchObject({ path: 'amount', message: '登记金额不能少于应付金额 30 万元' });
    const paid = (await t.api('POST', `${path}/payments/${payment}/paid`, { token: d.owner.token, body: { amount: 30_000_000, paidOn: signedOn } })).json();
    expect(paid).toMatchObject({ status: 'completed', totals: { paid: 30_000_000, outstanding: 0 } });
    const kinds = (await t.api('GET', `/api/listings/${d.listingId}/record`)).json().events.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(-4)).toEqual(['dealCreated', 'dealConfirmed', 'dealSigned', 'dealCompleted']);
    expect((await t.api('POST', `${path}/cancel`, { token: d.owner.token, body: { reason: '反悔' } })).statusCode).toBe(409);
  });

  it('under 先使用后付费 has no entry fee, staged payments, and royalties on the revenue the licensee reports', async () => {
    const d = await soldDeal({
      transaction: 'use_first_pay_later',
      price: 20_000_000,
      licence: { kind: 'non_exclusive', territory: '山西省', termMonths: 36, fieldOfUse: '煤矿机械' },
      payment: { plan: 'staged_royalty', entryShareBp: 0, instalments: [{ months: 12, shareBp: 5000 }, { months: 24, shareBp: 5000 }], royaltyBp: 250, royaltyPeriod: 'year' },
    });
    const path = `/api/deals/${d.dealId}`;
    await t.api('POST', `${path}/confirm`, { token: d.owner.token });
    await t.api('POST', `${path}/confirm`, { token: d.buyer.user.token });
    // A contract is never signed before its deal: this one is made to have been agreed early in 2025.
    expect((await t.api('POST', `${path}/sign`, { token: d.owner.token, body: { signedOn: '2025-03-01' } })).json().errors[0].path).toBe('signedOn');
    await t.database.db.update(deals).set({ createdAt: new Date('2025-02-20T02:00:00Z') }).where(eq(deals.id, d.dealId));
    const signed = (await t.api('POST', `${path}/sign`, { token: d.owner.token, body: { signedOn: '2025-03-01' } })).json();
    expect(signed.payments.map((p: { kind: string; dueOn: string; amount: number }) => [p.kind, p.dueOn, p.amount])).toEqual([
      ['instalment', '2026-03-01', 10_000_000],
      ['instalment', '2027-03-01', 10_000_000],
    ]);
    expect(signed.allowedActions).not.toContain('reportRevenue');
    expect((await t.api('GET', path, { token: d.buyer.user.token })).json().allowedActions).toContain('reportRevenue');
    // The first instalment's date has passed: it shows overdue at once.
    expect(signed.payments[0].status).toBe('overdue');
    expect((await t.api('POST', `${path}/revenue-reports`, { token: d.owner.token, body: { period: '2025', revenue: 100 } })).statusCode).toBe(403);
    expect((await t.api('POST', `${path}/revenue-reports`, { token: d.buyer.user.token, body: { period: '2099', revenue: 100 } })).json().errors[0].path).toBe('period');
    expect((await t.api('POST', `${path}/revenue-reports`, { token: d.buyer.user.token, body: { period: '2020', revenue: 100 } })).json().errors[0].message).toBe('该期间不在许可期限内');
    expect((await t.api('POST', `${path}/revenue-reports`, { token: d.buyer.user.token, body: { period: '25Q1', revenue: 100 } })).statusCode).toBe(400);
    const reported = await t.api('POST', `${path}/revenue-reports`, { token: d.buyer.user.token, body: { period: '2025', revenue: 480_000_000 } });
    expect(reported.statusCode).toBe(201);
    expect(reported.json().payments.at(-1)).toMatchObject({ kind: 'royalty', period: '2025', revenue: 480_000_000, amount: 12_000_000, dueOn: '2026-01-30' });
    expect((await t.api('POST', `${path}/revenue-reports`, { token: d.buyer.user.token, body: { period: '2025', revenue: 1 } })).statusCode).toBe(409);
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.organizationId, d.universityId), eq(notifications.kind, 'deal.revenue')));
    expect(told[0]!.title).toBe('被许可方已报告 2025 销售收入 480 万元，应付提成 12 万元');
  });

  it('reminds the payer of a payment due within a week once, and tells both parties once when it is overdue', async () => {
    const d = await soldDeal();
    const path = `/api/deals/${d.dealId}`;
    await t.api('POST', `${path}/confirm`, { token: d.owner.token });
    await t.api('POST', `${path}/confirm`, { token: d.buyer.user.token });
    const signedOn = shanghaiToday();
    await t.api('POST', `${path}/sign`, { token: d.owner.token, body: { signedOn } });
    const kinds = async (org: string) => (await t.database.db.select().from(notifications).where(eq(notifications.organizationId, org))).map((n) => n.kind).filter((k) => k.startsWith('deal.payment'));
    // 25 days on, the lump sum (due in 30) is 5 days off: one reminder, however often the sweep runs.
    const soon = new Date(Date.now() + 25 * 86_400_000);
    await sweepPayments(t.database.db, soon);
    await sweepPayments(t.database.db, soon);
    expect(await kinds(d.buyer.orgId)).toEqual(['deal.payment.due']);
    expect(await kinds(d.universityId)).toEqual([]);
    const late = new Date(Date.now() + 40 * 86_400_000);
    await sweepPayments(t.database.db, late);
    await sweepPayments(t.database.db, late);
    expect((await kinds(d.buyer.orgId)).sort()).toEqual(['deal.payment.due', 'deal.payment.overdue']);
    expect(await kinds(d.universityId)).toEqual(['deal.payment.overdue']);
    expect((await t.api('GET', path, { token: d.owner.token })).json().totals.overdue).toBe(30_000_000);
  });

  it('can be cancelled by a party with a reason, and lists for the parties and the jurisdiction', async () => {
    const d = await soldDeal();
    expect((await t.api('GET', '/api/deals', { token: d.buyer.user.token })).json().items.map((x: { id: string }) => x.id)).toContain(d.dealId);
    expect((await t.api('GET', '/api/deals', { token: d.outsider.user.token })).json().items.map((x: { id: string }) => x.id)).not.toContain(d.dealId);
    expect((await t.api('GET', '/api/deals?scope=jurisdiction', { token: d.admin.token })).json().items.map((x: { id: string }) => x.id)).toContain(d.dealId);
    expect((await t.api('POST', `/api/deals/${d.dealId}/cancel`, { token: d.buyer.user.token, body: {} })).statusCode).toBe(400);
    const cancelled = (await t.api('POST', `/api/deals/${d.dealId}/cancel`, { token: d.buyer.user.token, body: { reason: '资金安排变化' } })).json();
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '资金安排变化' });
    expect((await t.api('POST', `/api/deals/${d.dealId}/confirm`, { token: d.owner.token })).statusCode).toBe(409);
    // The listing has not sold after all, and the achievement may be listed again.
    expect((await t.api('GET', `/api/listings/${d.listingId}`)).json()).toMatchObject({ status: 'failed', closeReason: 'deal_cancelled', finalPrice: null });
    expect((await t.api('GET', `/api/listings/${d.listingId}/record`)).json().events.at(-1).text).toBe('未成交：成交已取消');
    expect((await t.api('POST', '/api/listings', { token: d.owner.token, body: fixedBody(d.achievementId) })).statusCode).toBe(201);
  });
});

describe('a listing that answers a demand (响应需求)', () => {
  it('names a published demand; a deal with the organisation that posted it is signed as meeting it, a deal with anyone else is not', async () => {
    const w = await tradingWorld(t, { buyers: 2 });
    const [poster, other] = w.buyers as [(typeof w.buyers)[number], (typeof w.buyers)[number]];
    const created = await t.api('POST', '/api/demands', { token: poster.user.token, body: demandBody() });
    const demandId = created.json().id as string;
    // A draft is the poster's own: to the seller it does not exist yet.
    const early = await t.api('POST', '/api/listings', { token: w.owner.token, body: fixedBody(w.achievementId, { demandId }) });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toMatchObject({ path: 'demandId', message: '没有找到这项技术需求，或您无权查看' });
    await t.api('POST', `/api/demands/${demandId}/submit`, { token: poster.user.token });
    expect((await t.api('POST', `/api/demands/${demandId}/review`, { token: w.admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    // A negotiated price answering the demand is agreed with the organisation that posted it.
    const wrongBuyer = await t.api('POST', '/api/listings', {
      token: w.owner.token,
      body: { achievementId: w.achievementId, kind: 'negotiated', transaction: 'transfer', price: 1_000_000, demandId, negotiated: { buyerOrganizationId: other.orgId } },
    });
    expect(wrongBuyer.json().errors[0]).toMatchObject({ path: 'demandId', message: '协议定价的受让方须是发布该需求的单位' });
    expect((await t.api('GET', `/api/listings?scope=mine&achievementId=${w.achievementId}`, { token: w.owner.token })).json().total).toBe(0);

    const signedDealOf = async (buyer: { user: { token: string } }) => {
      const id = await liveListing(t, w.owner, w.admin, fixedBody(w.achievementId, { demandId }));
      expect((await t.api('GET', `/api/listings/${id}`)).json().demandId).toBe(demandId);
      await t.api('POST', `/api/listings/${id}/offers`, { token: buyer.user.token, body: {} });
      const dealId = (await t.api('GET', `/api/listings/${id}`, { token: w.owner.token })).json().deal.id as string;
      await t.api('POST', `/api/deals/${dealId}/confirm`, { token: w.owner.token });
      await t.api('POST', `/api/deals/${dealId}/confirm`, { token: buyer.user.token });
      expect((await t.api('POST', `/api/deals/${dealId}/sign`, { token: w.owner.token, body: { signedOn: shanghaiToday() } })).statusCode).toBe(200);
      const [event] = await t.database.db.select().from(domainEvents).where(and(eq(domainEvents.type, 'deal.signed'), sql`${domainEvents.payload}->>'dealId' = ${dealId}`));
      return event!.payload as { demandId?: string | null };
    };
    // Bought by another firm: the demand is not met by it.
    expect((await signedDealOf(other)).demandId).toBeNull();
    expect((await signedDealOf(poster)).demandId).toBe(demandId);
  });
});
