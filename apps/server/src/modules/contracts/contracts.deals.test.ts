import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { shanghaiToday } from '@kzt/shared';
import { contracts, domainEvents } from '../../db/schema/index.ts';
import { useTestApp } from '../../../test/testApp.ts';
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
