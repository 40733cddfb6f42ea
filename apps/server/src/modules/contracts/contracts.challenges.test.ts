import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { shanghaiToday } from '@kzt/shared';
import { auditEvents, contracts } from '../../db/schema/index.ts';
import { publish } from '../../platform/events.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { platformRunner } from '../../runner.ts';
import { challengeAwarded, type ChallengeAwarded } from '../challenges/challenges.events.ts';
import { addDays } from './contracts.classify.ts';

const t = useTestApp();
const quiet = { error: () => {} };
const runJobs = () => platformRunner(t.database.db, quiet, t.app.deps).runDue(new Date(Date.now() + 5000));
const award = (payload: ChallengeAwarded) => t.database.db.transaction((tx) => publish(tx, challengeAwarded, payload));

describe('a challenge award', () => {
  it('prefills one draft development contract per winning bid (solver sells, poser buys), once', async () => {
    const poserOwner = await t.factories.user();
    const poser = await t.factories.organization(poserOwner, { type: 'enterprise', jurisdictionCode: '210100' });
    const solverOwner = await t.factories.user();
    const solver = await t.factories.organization(solverOwner, { type: 'university', jurisdictionCode: '140700' });
    const otherOwner = await t.factories.user();
    const other = await t.factories.organization(otherOwner, { type: 'institute', jurisdictionCode: '371000' });
    const today = shanghaiToday();
    const challengeId = randomUUID();
    const bids = [
      { bidId: randomUUID(), organizationId: solver.id, budget: 2_500_000_00 },
      { bidId: randomUUID(), organizationId: other.id, budget: 1_200_000_00 },
    ];
    const payload: ChallengeAwarded = {
      challenge: { id: challengeId, scheme: 'racing', kind: null, bounty: 5_000_000_00 },
      title: '高寒地区光伏组件除冰技术',
      poserOrganizationId: poser.id,
      solverOrganizationIds: bids.map((b) => b.organizationId),
      bids,
      jurisdictionCode: '210100',
      date: today,
    };
    await award(payload);
    await runJobs();

    const mine = (await t.api('GET', '/api/contracts?scope=mine', { token: solverOwner.token })).json();
    expect(mine.items).toHaveLength(1);
    const draft = (await t.api('GET', `/api/contracts/${mine.items[0].id}`, { token: solverOwner.token })).json();
    expect(draft).toMatchObject({
      status: 'draft',
      kind: 'development',
      subkind: 'commissioned',
      title: '「高寒地区光伏组件除冰技术」技术开发（委托）合同',
      signedOn: today,
      validUntil: addDays(today, 365),
      seller: { organizationId: solver.id, region: '140700', entityType: 'university' },
      buyer: { organizationId: poser.id, region: '210100', entityType: 'enterprise' },
      contractAmount: 2_500_000_00,
      technologyAmount: 2_500_000_00,
      deductions: [],
    });
    expect(draft.allowedActions).toEqual(expect.arrayContaining(['update', 'submit']));
    // The poser sees both drafts as their buyer; the second solver has its own.
    const poserList = (await t.api('GET', '/api/contracts?scope=mine', { token: poserOwner.token })).json();
    expect(poserList.items.map((c: { id: string }) => c.id).sort()).toHaveLength(2);
    const second = (await t.api('GET', '/api/contracts?scope=mine', { token: otherOwner.token })).json();
    expect(second.items).toEqual([expect.objectContaining({ contractAmount: 1_200_000_00 })]);
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'contract.prefillFromChallenge'));
    expect(audits.filter((a) => (a.after as { challengeId: string }).challengeId === challengeId)).toHaveLength(2);

    // Delivered again (or announced twice), nothing is doubled.
    await award(payload);
    await runJobs();
    for (const b of bids) expect(await t.database.db.select().from(contracts).where(eq(contracts.challengeBidId, b.bidId))).toHaveLength(1);
  });

  it('makes nothing when the challenge has no poser organisation, and names an untitled one generically', async () => {
    const solverOwner = await t.factories.user();
    const solver = await t.factories.organization(solverOwner, { type: 'institute', jurisdictionCode: '140700' });
    const posterOwner = await t.factories.user();
    const poser = await t.factories.organization(posterOwner, { type: 'enterprise', jurisdictionCode: '140700' });
    const noPoser = randomUUID();
    const base = { challenge: { id: randomUUID(), scheme: 'jiebang_guashuai', kind: null, bounty: null }, solverOrganizationIds: [solver.id], jurisdictionCode: '140700', date: shanghaiToday() };
    await award({ ...base, poserOrganizationId: null, bids: [{ bidId: noPoser, organizationId: solver.id, budget: 100_000_00 }] });
    const untitled = randomUUID();
    await award({ ...base, poserOrganizationId: poser.id, bids: [{ bidId: untitled, organizationId: solver.id, budget: 300_000_00 }] });
    await runJobs();
    expect(await t.database.db.select().from(contracts).where(eq(contracts.challengeBidId, noPoser))).toHaveLength(0);
    const [row] = await t.database.db.select().from(contracts).where(eq(contracts.challengeBidId, untitled));
    expect(row).toMatchObject({ title: '技术开发（委托）合同（揭榜中标）', contractAmount: 300_000_00, sellerOrganizationId: solver.id, buyerOrganizationId: poser.id });
  });
});
