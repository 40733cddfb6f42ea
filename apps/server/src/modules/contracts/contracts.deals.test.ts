import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { shanghaiToday, REVIEW_CHECKLIST } from '@kzt/shared';
import { and } from 'drizzle-orm';
import { contracts, deals, domainEvents, notifications } from '../../db/schema/index.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { attachSignedContract } from '../../../test/contractDocuments.ts';
import { fixedBody, liveListing, tradingWorld } from '../../../test/tradingFixtures.ts';
import { platformRunner } from '../../runner.ts';

const t = useTestApp();
const quiet = { error: () => {} };
const runJobs = () => platformRunner(t.database.db, quiet, t.app.deps).runDue(new Date(Date.now() + 5000));

describe('a signed deal', () => {
  it('prefills a draft contract for its seller (once), and each payment marked paid is carried over as received', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    const buyer = w.buyers[0]!;
    const listingId = await liveListing(t, w.owner, w.admin, fixedBody(w.achievementId));
    await t.api('POST', `/api/listings/${listingId}/offers`, { token: buyer.user.token, body: {} });
    const dealId = (await t.api('GET', `/api/listings/${listingId}`, { token: w.owner.token })).json().deal.id as string;
    // Before signing, a contract cannot be drawn from the deal.
    expect((await t.api('POST', '/api/contracts', { token: w.owner.token, body: { dealId } })).json()).toMatchObject({ status: 422, errors: [{ path: 'dealId' }] });
    await t.api('POST', `/api/deals/${dealId}/confirm`, { token: w.owner.token });
    await t.api('POST', `/api/deals/${dealId}/confirm`, { token: buyer.user.token });
    const today = shanghaiToday();
    const signed = (await t.api('POST', `/api/deals/${dealId}/sign`, { token: w.owner.token, body: { signedOn: today, contractNo: 'JZ-2026-007' } })).json();
    expect(signed.status).toBe('signed');

    await runJobs();
    await runJobs();
    const rows = await t.database.db.select().from(contracts).where(eq(contracts.dealId, dealId));
    expect(rows).toHaveLength(1);
    const id = rows[0]!.id;
    const draft = (await t.api('GET', `/api/contracts/${id}`, { token: w.owner.token })).json();
    expect(draft).toMatchObject({
      status: 'draft',
      kind: 'transfer',
      contractNo: 'JZ-2026-007',
      signedOn: today,
      seller: { organizationId: w.universityId, region: '140700', entityType: 'university' },
      buyer: { organizationId: buyer.orgId, region: '140700', entityType: 'enterprise' },
      contractAmount: 30_000_000,
      technologyAmount: 30_000_000,
      achievementIds: [w.achievementId],
      // The achievement's industry (the trading fixture's achievement is 制造业).
      industry: 'C',
      schedule: [{ amount: 30_000_000, dueOn: signed.payments[0].dueOn }],
    });
    // The buyer sees it too; asking again for the deal's contract answers the same one.
    expect((await t.api('GET', `/api/contracts/${id}`, { token: buyer.user.token })).statusCode).toBe(200);
    // The deal page finds its contract by the deal, for either party; someone else finds nothing.
    for (const token of [w.owner.token, buyer.user.token]) {
      expect((await t.api('GET', `/api/contracts?dealId=${dealId}`, { token })).json()).toMatchObject({ total: 1, items: [{ id }] });
    }
    expect((await t.api('GET', `/api/contracts?dealId=${dealId}`, { token: (await t.factories.user()).token })).json().total).toBe(0);
    expect((await t.api('GET', `/api/contracts?dealId=${listingId}`, { token: w.owner.token })).json().total).toBe(0);
    const again = await t.api('POST', '/api/contracts', { token: w.owner.token, body: { dealId } });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    expect((await t.api('POST', '/api/contracts', { token: buyer.user.token, body: { dealId } })).statusCode).toBe(403);
    // The wizard lists the deals the caller may draw a contract from: the seller's side (side=seller), never the buyer's.
    const listed = async (token: string, side: string) => (await t.api('GET', `/api/deals?status=signed&side=${side}`, { token })).json().items.map((x: { id: string }) => x.id);
    expect(await listed(w.owner.token, 'seller')).toContain(dealId);
    expect(await listed(buyer.user.token, 'seller')).not.toContain(dealId);
    expect(await listed(buyer.user.token, 'buyer')).toContain(dealId);
    expect(await listed(w.owner.token, 'buyer')).not.toContain(dealId);

    await t.api('POST', `/api/deals/${dealId}/payments/${signed.payments[0].id}/paid`, { token: w.owner.token, body: { amount: 30_000_000, paidOn: today } });
    await runJobs();
    await runJobs();
    const paid = (await t.api('GET', `/api/contracts/${id}`, { token: w.owner.token })).json();
    expect(paid.payments).toEqual([expect.objectContaining({ source: 'deal', amount: 30_000_000, paidOn: today, confirmedAt: expect.any(String) })]);
    expect(paid.totals).toMatchObject({ confirmed: 30_000_000, outstanding: 0 });
    const confirmedEvents = (await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'contract.paymentConfirmed'))).filter((e) => (e.payload as { contractId: string }).contractId === id);
    expect(confirmedEvents).toHaveLength(1);
    // Delivered again (at least once), nothing is doubled.
    await runJobs();
    expect((await t.api('GET', `/api/contracts/${id}`, { token: w.owner.token })).json().payments).toHaveLength(1);
  });
});

describe('a royalty of 先使用后付费 carried over from the deal', () => {
  it('raises the registered contract’s amounts in force by what goes beyond them, with a history entry, the totals and the desk told: never silently beyond', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    const buyer = w.buyers[0]!;
    const staff = await t.factories.user();
    const point = (await t.api('POST', '/api/jurisdictions/140700/registration-points', { token: w.admin.token, body: { code: '77', name: '晋中市登记点77', staffUserIds: [staff.id] } })).json();
    const listingId = await liveListing(
      t,
      w.owner,
      w.admin,
      fixedBody(w.achievementId, {
        transaction: 'use_first_pay_later',
        price: 20_000_000,
        licence: { kind: 'non_exclusive', territory: '山西省', termMonths: 36, fieldOfUse: '煤矿机械' },
        payment: { plan: 'staged_royalty', entryShareBp: 0, instalments: [{ months: 12, shareBp: 5000 }, { months: 24, shareBp: 5000 }], royaltyBp: 250, royaltyPeriod: 'year' },
      }),
    );
    await t.api('POST', `/api/listings/${listingId}/offers`, { token: buyer.user.token, body: {} });
    const dealId = (await t.api('GET', `/api/listings/${listingId}`, { token: w.owner.token })).json().deal.id as string;
    await t.api('POST', `/api/deals/${dealId}/confirm`, { token: w.owner.token });
    await t.api('POST', `/api/deals/${dealId}/confirm`, { token: buyer.user.token });
    const today = shanghaiToday();
    const signed = (await t.api('POST', `/api/deals/${dealId}/sign`, { token: w.owner.token, body: { signedOn: today } })).json();
    const id = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: { dealId } })).json().id as string;
    const path = `/api/contracts/${id}`;
    expect((await t.api('PATCH', path, { token: w.owner.token, body: { subkind: 'patent', expectedInvestment: 0, expectedOutput: 0 } })).statusCode).toBe(200);
    await attachSignedContract(t, w.owner.token, id);
    expect((await t.api('POST', `${path}/submit`, { token: w.owner.token, body: { pointId: point.id } })).json().status).toBe('submitted');
    const registered = (await t.api('POST', `${path}/review`, { token: staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).json();
    expect(registered).toMatchObject({ status: 'registered', contractAmount: 20_000_000, certifiedAmount: 20_000_000 });
    const year = registered.registeredOn.slice(0, 4);
    const totals = async () => (await t.api('GET', `/api/jurisdictions/140700/contract-totals?year=${year}`, { token: w.admin.token })).json().all;
    const before = await totals();

    // Both instalments paid: the contract amount is reached, nothing raised.
    for (const p of signed.payments) await t.api('POST', `/api/deals/${dealId}/payments/${p.id}/paid`, { token: w.owner.token, body: { amount: p.amount, paidOn: today } });
    await runJobs();
    await runJobs();
    expect((await t.api('GET', path, { token: w.owner.token })).json()).toMatchObject({ totals: { confirmed: 20_000_000, outstanding: 0 }, effective: { contractAmount: 20_000_000 } });

    // A royalty on 2025's sales (the licence is made to have begun in 2025): 2.5% of 480 万元 = 12 万元 on top of the price.
    await t.database.db.update(deals).set({ signedOn: '2025-01-01' }).where(eq(deals.id, dealId));
    const royalty = (await t.api('POST', `/api/deals/${dealId}/revenue-reports`, { token: buyer.user.token, body: { period: '2025', revenue: 480_000_000 } })).json().payments.at(-1);
    expect(royalty).toMatchObject({ kind: 'royalty', amount: 12_000_000 });
    await t.api('POST', `/api/deals/${dealId}/payments/${royalty.id}/paid`, { token: w.owner.token, body: { amount: 12_000_000, paidOn: today } });
    await runJobs();
    await runJobs();
    const raised = (await t.api('GET', path, { token: w.owner.token })).json();
    // The registered row stays; the figures in force rise by the royalty, so the confirmed payments never exceed them.
    expect(raised).toMatchObject({ contractAmount: 20_000_000, technologyAmount: 20_000_000, effective: { contractAmount: 32_000_000, technologyAmount: 32_000_000, certifiedAmount: 20_000_000 } });
    expect(raised.totals).toMatchObject({ confirmed: 32_000_000, outstanding: 0 });
    expect(raised.history.at(-1)).toMatchObject({ kind: 'royalty', before: { contractAmount: 20_000_000 }, after: { contractAmount: 32_000_000, technologyAmount: 32_000_000 } });
    expect(raised.history.at(-1).reason).toContain('先使用后付费提成（2025）');
    const after = await totals();
    expect(after).toMatchObject({ count: before.count, contractAmount: before.contractAmount + 12_000_000, technologyAmount: before.technologyAmount + 12_000_000, certifiedAmount: before.certifiedAmount });
    // The statistics are told the figures in force (contract.amended), so the dashboard rises with the totals.
    const amendedEvents = (await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'contract.amended'))).map((e) => e.payload as { contractId: string; contractAmount: number; technologyAmount: number });
    expect(amendedEvents.filter((e) => e.contractId === id)).toEqual([expect.objectContaining({ contractAmount: 32_000_000, technologyAmount: 32_000_000 })]);
    // The registration point's staff are told (to certify the added part on an amendment), and the seller too.
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, staff.id), eq(notifications.kind, 'contract.royaltyRaise.desk')));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(registered.registrationNumber);
    expect(await t.database.db.select().from(notifications).where(and(eq(notifications.organizationId, w.universityId), eq(notifications.kind, 'contract.royaltyRaise')))).toHaveLength(1);
    // Delivered again, nothing is doubled.
    await runJobs();
    expect((await t.api('GET', path, { token: w.owner.token })).json().history.filter((h: { kind: string }) => h.kind === 'royalty')).toHaveLength(1);
    // Terminated, the totals give back the figures in force.
    await t.api('POST', `${path}/terminate`, { token: w.owner.token, body: { reason: '许可期满前解除' } });
    expect(await totals()).toMatchObject({ count: before.count - 1, contractAmount: before.contractAmount - 20_000_000, technologyAmount: before.technologyAmount - 20_000_000 });
  });
});
