import { shanghaiToday, regionChain } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import { onEvent } from '../../platform/events.ts';
import { achievementPublished, demandPublished } from '../catalogue/catalogue.events.ts';
import { contractRegistered, contractTerminated } from '../contracts/contracts.events.ts';
import { organizationVerified } from '../organizations/organizations.events.ts';
import { entitlementApproved, entitlementPaid } from '../policy/policy.events.ts';
import { challengeAccepted, challengeAwarded, challengePublished } from '../challenges/challenges.events.ts';
import { achievementConverted } from '../achievements/achievements.events.ts';
import { matchesPushed } from '../push/push.events.ts';
import { matchAnswered } from '../matching/matching.events.ts';
import { dealSigned } from '../trading/deals.events.ts';
import { classifyContract } from './statistics.regions.ts';
import { industriesOf, recordFacts, reverseFactsOf } from './statistics.service.ts';

type Fact = Parameters<typeof recordFacts>[1][number];
const inTx = async (db: Db, facts: Fact[]) => {
  await db.transaction((tx) => recordFacts(tx, facts));
};

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
  onEvent('statistics.countDeal', dealSigned, (db, e) =>
    inTx(db, [{ metric: 'deal', sourceType: 'deal', sourceId: e.payload.dealId, day: e.payload.signedOn, kind: e.payload.source, amount: e.payload.amountFen, amount2: e.payload.listPriceFen ?? 0, jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  onEvent('statistics.countOrganization', organizationVerified, (db, e) =>
    inTx(db, [{ metric: 'organization.verified', sourceType: 'organization', sourceId: e.payload.organizationId, day: shanghaiToday(e.occurredAt), kind: e.payload.type, label: e.payload.name, jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
  ),
  onEvent('statistics.countContract', contractRegistered, (db, e) => {
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
      // The achievements the contract carries are converted (counted once each, in the seller's regions), in their industry as published.
      const industries = await industriesOf(tx, 'achievement.published', p.achievementIds);
      await recordFacts(tx, [
        { ...base, metric: 'contract', jurisdictions: regionChain(p.jurisdictionCode) },
        { ...base, metric: 'contract.local', jurisdictions: flow.local },
        { ...base, metric: 'contract.output', jurisdictions: flow.output },
        { ...base, metric: 'contract.input', jurisdictions: flow.input },
        ...p.achievementIds.map((id) => ({ metric: 'achievement.converted', sourceType: 'achievement', sourceId: id, day: p.registeredOn, kind: industries.get(id) ?? '', label: `登记合同 ${label}`, amount: p.contractAmount, jurisdictions: regionChain(p.seller.region), ...parties })),
      ]);
    });
  }),
  onEvent('statistics.countAchievementConverted', achievementConverted, (db, e) =>
    inTx(db, [{ metric: 'achievement.converted', sourceType: 'achievement', sourceId: e.payload.achievementId, day: e.payload.date, kind: e.payload.industry, label: e.payload.title, amount: e.payload.amountFen ?? 0, jurisdictions: regionChain(e.payload.jurisdictionCode) }]),
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
      const industries = p.demandId ? await industriesOf(tx, 'demand.published', [p.demandId]) : new Map<string, string>();
      await recordFacts(tx, [
        { metric: 'challenge.completed', sourceType: 'challenge', sourceId: p.challenge.id, day: p.date, kind: p.challenge.scheme, amount: p.dealAmount, jurisdictions: regionChain(p.jurisdictionCode) },
        ...(p.demandId ? [{ metric: 'demand.met', sourceType: 'demand', sourceId: p.demandId, day: p.date, kind: industries.get(p.demandId) ?? '', label: '揭榜挂帅榜单通过验收', amount: p.dealAmount, jurisdictions: regionChain(p.jurisdictionCode) }] : []),
      ]);
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
  onEvent('statistics.uncountContract', contractTerminated, (db, e) => db.transaction((tx) => reverseFactsOf(tx, e.payload.contractId))),
];
