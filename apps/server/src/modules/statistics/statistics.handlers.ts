import { shanghaiToday, regionChain } from '@kzt/shared';
import { z } from 'zod';
import type { Db, Executor } from '../../db/client.ts';
import { onEvent, type EventDefinition } from '../../platform/events.ts';
import { achievementIndustries } from '../achievements/achievements.service.ts';
import { achievementPublished, demandPublished } from '../catalogue/catalogue.events.ts';
import { contractAmended, contractRegistered, contractTerminated } from '../contracts/contracts.events.ts';
import { organizationVerified } from '../organizations/organizations.events.ts';
import { entitlementApproved, entitlementPaid } from '../policy/policy.events.ts';
import { challengeAccepted, challengeAwarded, challengePublished } from '../challenges/challenges.events.ts';
import { achievementConverted } from '../achievements/achievements.events.ts';
import { matchesPushed } from '../push/push.events.ts';
import { matchAnswered } from '../matching/matching.events.ts';
import { dealSigned } from '../trading/deals.events.ts';
import { classifyContract } from './statistics.regions.ts';
import { liveCausesBy, publishedAs, recordCauses, recordFacts, restateFactsOf, reverseFactsOf, withdrawCausesOf, type Cause } from './statistics.service.ts';

/** The facts a registered contract is counted by (what converted achievements and met demands count stays as registered). */
const CONTRACT_METRICS = ['contract', 'contract.industry', 'contract.local', 'contract.output', 'contract.input'] as const;

type Fact = Parameters<typeof recordFacts>[1][number];
const inTx = async (db: Db, facts: Fact[]) => {
  await db.transaction((tx) => recordFacts(tx, facts));
};

/**
 * `contract.registered` as the statistics read it: with the contract's
 * industry (the same GB/T 4754 section codes achievements use) when the
 * contracts module sends it — events published before it did, and a
 * contracts module that does not yet, have none.
 */
const registeredContract = {
  type: contractRegistered.type,
  payload: z.intersection(contractRegistered.payload, z.object({ industry: z.string().nullable().optional() })),
} satisfies EventDefinition<unknown>;

/**
 * A contract's industry: the one it was registered with, else its
 * achievements' (the first that has one) as the achievements module holds
 * them, else as they were published, else unknown ('', 未分类).
 */
async function contractIndustry(tx: Executor, p: { industry?: string | null; achievementIds: string[] }) {
  if (p.industry) return p.industry;
  if (!p.achievementIds.length) return '';
  const industries = await achievementIndustries(tx, p.achievementIds);
  const held = p.achievementIds.map((id) => industries.get(id)).find(Boolean);
  if (held) return held;
  const published = await publishedAs(tx, 'achievement.published', p.achievementIds);
  return p.achievementIds.map((id) => published.get(id)?.kind).find(Boolean) ?? '';
}

/** A demand met by something (a challenge, a deal, a contract): counted in the demand's own jurisdictions and industry when the statistics saw it published, else where what met it was. */
async function demandMet(tx: Executor, demandIds: string[], by: Omit<Cause, 'metric' | 'sourceType' | 'sourceId' | 'kind'>): Promise<Cause[]> {
  const demands = await publishedAs(tx, 'demand.published', demandIds);
  return demandIds.map((id) => ({ ...by, metric: 'demand.met', sourceType: 'demand', sourceId: id, kind: demands.get(id)?.kind ?? '', jurisdictions: demands.get(id)?.jurisdictions ?? by.jurisdictions }));
}

/**
 * Statistics follow the platform's domain events into their own read model:
 * each event is a fact counted once (its metric and source id are its key),
 * so a redelivered event counts nothing twice.
 */
export const statisticsHandlers = [
  onEvent('statistics.countAchievement', achievementPublished, (db, e) =>
    inTx(db, [{ metric: 'achievement.published', sourceType: 'achievement', sourceId: e.payload.recordId, day: shanghaiToday(new Date(e.payload.changedAt)), kind: e.payload.industry ?? '', jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  onEvent('statistics.countDemand', demandPublished, (db, e) =>
    inTx(db, [{ metric: 'demand.published', sourceType: 'demand', sourceId: e.payload.recordId, day: shanghaiToday(new Date(e.payload.changedAt)), kind: e.payload.industry ?? '', jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  onEvent('statistics.countDeal', dealSigned, (db, e) => {
    const p = e.payload;
    return db.transaction(async (tx) => {
      await recordFacts(tx, [{ metric: 'deal', sourceType: 'deal', sourceId: p.dealId, day: p.signedOn, kind: p.source, amount: p.amountFen, amount2: p.listPriceFen ?? 0, jurisdictions: regionChain(p.jurisdictionCode) }]);
      // A deal made from a demand meets it.
      if (p.demandId) await recordCauses(tx, await demandMet(tx, [p.demandId], { causeId: p.dealId, day: p.signedOn, label: `平台成交${p.contractNo ? ` ${p.contractNo}` : ''}`, amount: p.amountFen, jurisdictions: regionChain(p.jurisdictionCode) }));
    });
  }),
  onEvent('statistics.countOrganization', organizationVerified, (db, e) =>
    inTx(db, [{ metric: 'organization.verified', sourceType: 'organization', sourceId: e.payload.organizationId, day: shanghaiToday(e.occurredAt), kind: e.payload.type, label: e.payload.name, jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  onEvent('statistics.countContract', registeredContract, (db, e) => {
    const p = e.payload;
    const label = `${p.registrationNumber} ${p.title}`;
    const parties = {
      sellerKey: p.seller.organizationId ?? p.seller.name,
      sellerName: p.seller.name,
      buyerKey: p.buyer.organizationId ?? p.buyer.name,
      buyerName: p.buyer.name,
      sellerRegion: p.seller.region,
      buyerRegion: p.buyer.region,
    };
    const base = { sourceType: 'contract', sourceId: p.contractId, day: p.registeredOn, kind: p.kind, label, amount: p.contractAmount, amount2: p.technologyAmount, ...parties };
    const flow = classifyContract(p.seller.region, p.buyer.region);
    return db.transaction(async (tx) => {
      await recordFacts(tx, [
        { ...base, metric: 'contract', jurisdictions: regionChain(p.jurisdictionCode) },
        { ...base, metric: 'contract.industry', kind: await contractIndustry(tx, p), jurisdictions: regionChain(p.jurisdictionCode) },
        { ...base, metric: 'contract.local', jurisdictions: flow.local },
        { ...base, metric: 'contract.output', jurisdictions: flow.output },
        { ...base, metric: 'contract.input', jurisdictions: flow.input },
      ]);
      // The achievements the contract carries are converted by it (each counted once, in the seller's regions), in their industry as published.
      const achievements = await publishedAs(tx, 'achievement.published', p.achievementIds);
      const conversions = p.achievementIds.map((id) => ({ metric: 'achievement.converted', sourceType: 'achievement', sourceId: id, causeId: p.contractId, day: p.registeredOn, kind: achievements.get(id)?.kind ?? '', label: `登记合同 ${label}`, amount: p.contractAmount, amount2: 0, jurisdictions: regionChain(p.seller.region), ...parties }));
      // A contract registered from a deal made from a demand meets that demand too (it stays met while the deal or any other cause holds).
      const demandIds = p.dealId ? (await liveCausesBy(tx, 'demand.met', p.dealId)).map((c) => c.subjectId) : [];
      const met = await demandMet(tx, demandIds, { causeId: p.contractId, day: p.registeredOn, label: `登记合同 ${label}`, amount: p.contractAmount, jurisdictions: regionChain(p.jurisdictionCode) });
      await recordCauses(tx, [...conversions, ...met]);
    });
  }),
  onEvent('statistics.countAchievementConverted', achievementConverted, (db, e) =>
    db.transaction((tx) =>
      recordCauses(tx, [{ metric: 'achievement.converted', sourceType: 'achievement', sourceId: e.payload.achievementId, causeId: e.payload.conversionId, day: e.payload.date, kind: e.payload.industry, label: e.payload.title, amount: e.payload.amountFen ?? 0, jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
    ),
  ),
  onEvent('statistics.countMatchesPushed', matchesPushed, (db, e) =>
    inTx(
      db,
      e.payload.pushes.map((x) => ({ metric: 'match.pushed', sourceType: e.payload.recordType, sourceId: x.pushId, day: e.payload.date, kind: e.payload.industry, label: e.payload.title, jurisdictions: regionChain(e.payload.jurisdictionCode) })),
    ),
  ),
  onEvent('statistics.countMatchAnswered', matchAnswered, (db, e) =>
    inTx(db, [{ metric: 'match.answered', sourceType: 'matchFeedback', sourceId: e.payload.feedbackId, day: e.payload.date, kind: e.payload.verdict, jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  onEvent('statistics.countChallengeCompleted', challengeAccepted, async (db, e) => {
    const p = e.payload;
    await db.transaction(async (tx) => {
      await recordFacts(tx, [{ metric: 'challenge.completed', sourceType: 'challenge', sourceId: p.challenge.id, day: p.date, kind: p.challenge.scheme, amount: p.dealAmount, jurisdictions: regionChain(p.jurisdictionCode) }]);
      if (p.demandId) await recordCauses(tx, await demandMet(tx, [p.demandId], { causeId: p.challenge.id, day: p.date, label: '揭榜挂帅榜单通过验收', amount: p.dealAmount, jurisdictions: regionChain(p.jurisdictionCode) }));
    });
  }),
  onEvent('statistics.countSubsidyCommitted', entitlementApproved, (db, e) =>
    inTx(db, [{ metric: 'subsidy.committed', sourceType: 'entitlement', sourceId: e.payload.entitlementId, day: e.payload.on, kind: e.payload.budgetLine, label: e.payload.rule, amount: e.payload.amount, jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  onEvent('statistics.countSubsidyPaid', entitlementPaid, (db, e) =>
    inTx(db, [{ metric: 'subsidy.paid', sourceType: 'entitlement', sourceId: e.payload.entitlementId, day: e.payload.on, kind: e.payload.budgetLine, label: e.payload.rule, amount: e.payload.amount, jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  onEvent('statistics.countChallengePosted', challengePublished, (db, e) =>
    inTx(db, [{ metric: 'challenge.posted', sourceType: 'challenge', sourceId: e.payload.challenge.id, day: e.payload.date, kind: e.payload.challenge.scheme, label: e.payload.title, amount: e.payload.challenge.bounty ?? 0, jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  onEvent('statistics.countChallengeAwarded', challengeAwarded, (db, e) =>
    inTx(db, [{ metric: 'challenge.awarded', sourceType: 'challenge', sourceId: e.payload.challenge.id, day: e.payload.date, kind: e.payload.challenge.scheme, amount: e.payload.bids.reduce((s, b) => s + b.budget, 0), jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  // An amended contract is counted with its figures in force (contract amount; technology amount for the flows), as the contracts' yearly totals are.
  onEvent('statistics.restateContract', contractAmended, (db, e) =>
    db.transaction((tx) => restateFactsOf(tx, e.payload.contractId, CONTRACT_METRICS, { amount: e.payload.contractAmount, amount2: e.payload.technologyAmount }, e.occurredAt)),
  ),
  // A terminated contract leaves the figures of its registration period, and what it converted or met stays counted only if something else still causes it.
  onEvent('statistics.uncountContract', contractTerminated, (db, e) =>
    db.transaction(async (tx) => {
      await reverseFactsOf(tx, e.payload.contractId);
      await withdrawCausesOf(tx, e.payload.contractId);
    }),
  ),
];
