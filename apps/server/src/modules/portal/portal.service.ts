import { achievementQuery, demandQuery, listingQuery, type SearchKind, type WorkItem } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import type { Actor } from '../../platform/actor.ts';
import { isAnyAdmin } from '../../platform/actor.ts';
import { searchAchievements } from '../achievements/achievements.service.ts';
import { searchDemands } from '../demands/demands.service.ts';
import { searchListings } from '../trading/listings.service.ts';
import { countDealsDone, tradingWorkOf } from '../trading/workbench.service.ts';
import { latestAnnouncements } from '../announcements/announcements.service.ts';
import { listOrganizations } from '../organizations/organizations.service.ts';
import { me } from '../profiles/me.service.ts';
import { myInvitations } from '../matchReviews/matchReviews.service.ts';
import type { Deps } from '../../platform/types.ts';
import { searchContracts } from '../contracts/contracts.service.ts';
import { listEntitlements } from '../policy/policy.service.ts';
import { scoringsAwaiting, searchChallenges } from '../challenges/challenges.service.ts';

/**
 * The portal composes what the modules' services answer; it owns no table.
 * Every list is asked with the viewer as actor, so it holds only what the
 * viewer may see; the response contracts (packages/shared/src/portal.ts)
 * keep only the fields of a card.
 */

const LATEST = 6;

/** Home: live counts and the latest published records as everyone sees them, the latest notices, the site's contact and filing numbers. */
export async function homeOf(db: Db, indexes: Deps['indexes'], config: Pick<Config, 'site'>) {
  const [achievements, demands, listings, open, deals, announcements] = await Promise.all([
    searchAchievements(db, null, achievementQuery.parse({ sort: 'date', pageSize: LATEST }), indexes.achievements),
    searchDemands(db, null, demandQuery.parse({ sort: 'date', pageSize: LATEST }), indexes.demands),
    searchListings(db, null, listingQuery.parse({ status: 'open', pageSize: LATEST })),
    searchListings(db, null, listingQuery.parse({ status: 'open', pageSize: 1 })),
    countDealsDone(db),
    latestAnnouncements(db, LATEST),
  ]);
  return {
    counts: { achievements: achievements.total, demands: demands.total, listings: open.total, deals },
    latest: { achievements: achievements.items, demands: demands.items, listings: listings.items },
    announcements,
    site: config.site,
  };
}

/** One search box over achievements, demands and listings: each module's own search, in the viewer's eyes. */
export async function searchAll(db: Db, indexes: Deps['indexes'], actor: Actor | null, q: { q: string; kind?: SearchKind; page: number; pageSize: number }) {
  const want = (k: SearchKind) => !q.kind || q.kind === k;
  const page = { q: q.q, page: q.page, pageSize: q.pageSize };
  const [achievements, demands, listings] = await Promise.all([
    want('achievements') ? searchAchievements(db, actor, achievementQuery.parse(page), indexes.achievements) : null,
    want('demands') ? searchDemands(db, actor, demandQuery.parse(page), indexes.demands) : null,
    want('listings') ? searchListings(db, actor, listingQuery.parse(page)) : null,
  ]);
  const group = <T>(r: { items: T[]; total: number } | null) => r && { items: r.items, total: r.total };
  return { q: q.q, achievements: group(achievements), demands: group(demands), listings: group(listings) };
}

/**
 * 工作台: what waits for the signed-in person, each with a count and where
 * to act; their records; who they are here (for shortcuts and the broker's
 * and expert's own workbenches).
 */
export async function workbenchOf(db: Db, indexes: Deps['indexes'], actor: Actor) {
  const admin = isAnyAdmin(actor);
  const member = actor.memberships.length > 0;
  const one = { pageSize: 1 };
  const none = { items: [], total: 0 };
  const [profile, orgsPending, achievementsToReview, demandsToReview, listingsToReview, myAchievements, myDemands, staleA, staleD, returnedA, returnedD, draftA, draftD, trading] =
    await Promise.all([
      me(db, actor),
      admin ? listOrganizations(db, actor, { status: 'pending' }, { page: 1, pageSize: 1 }) : none,
      admin ? searchAchievements(db, actor, achievementQuery.parse({ ...one, scope: 'review', status: 'submitted' })) : none,
      admin ? searchDemands(db, actor, demandQuery.parse({ ...one, scope: 'review', status: 'submitted' })) : none,
      admin ? searchListings(db, actor, listingQuery.parse({ ...one, scope: 'review' })) : none,
      member ? searchAchievements(db, actor, achievementQuery.parse({ scope: 'mine', sort: 'date', pageSize: 3 })) : none,
      member ? searchDemands(db, actor, demandQuery.parse({ scope: 'mine', sort: 'date', pageSize: 3 })) : none,
      member ? searchAchievements(db, actor, achievementQuery.parse({ ...one, scope: 'mine', status: 'published', stale: 'true' })) : none,
      member ? searchDemands(db, actor, demandQuery.parse({ ...one, scope: 'mine', status: 'published', stale: 'true' })) : none,
      member ? searchAchievements(db, actor, achievementQuery.parse({ ...one, scope: 'mine', status: 'returned' })) : none,
      member ? searchDemands(db, actor, demandQuery.parse({ ...one, scope: 'mine', status: 'returned' })) : none,
      member ? searchAchievements(db, actor, achievementQuery.parse({ ...one, scope: 'mine', status: 'draft' })) : none,
      member ? searchDemands(db, actor, demandQuery.parse({ ...one, scope: 'mine', status: 'draft' })) : none,
      tradingWorkOf(db, actor),
    ]);
  const approved = (kind: string) => profile.profiles.some((p) => p.kind === kind && ((p as { status?: string }).status ?? 'approved') === 'approved');
  const expert = approved('expert');
  const reviews = expert ? await myInvitations(db, actor) : none;
  const expertReviews = reviews.items.filter((i) => (i as { allowedActions?: string[] }).allowedActions?.includes('submit')).length;
  // Bids waiting for this expert's scores on 揭榜挂帅 panels: one challenge opens its scoring page, several the expert's challenges.
  const scorings = expert ? await scoringsAwaiting(db, actor) : [];
  const scoringLink = scorings.length === 1 ? `/challenges/${scorings[0]!.challengeId}/score` : '/workbench/expert';
  const later = await secondHalfWorkOf(db, actor, admin, member);
  const pendingOrg = actor.memberships.find((m) => m.organizationStatus === 'pending');
  const at = (base: string, firstId: string | null) => (firstId ? `${base}/${firstId}` : base);

  const items: WorkItem[] = [
    { key: 'reviewOrganizations', count: orgsPending.total, link: '/admin/verification' },
    { key: 'reviewAchievements', count: achievementsToReview.total, link: '/admin/achievement-review' },
    { key: 'reviewDemands', count: demandsToReview.total, link: '/admin/demand-review' },
    { key: 'reviewListings', count: listingsToReview.total, link: '/admin/listing-review' },
    { key: 'organizationPending', count: pendingOrg ? 1 : 0, link: pendingOrg ? `/org/${pendingOrg.organizationId}` : '/org' },
    { key: 'invitations', count: profile.invitations.length, link: '/org' },
    { key: 'registrationsToConfirm', count: trading.registrationsToConfirm.count, link: at('/listings', trading.registrationsToConfirm.firstId) },
    { key: 'auctions', count: trading.auctions.count, link: at('/listings', trading.auctions.firstId) },
    { key: 'dealsToSign', count: trading.dealsToSign.count, link: at('/deals', trading.dealsToSign.firstId) },
    { key: 'paymentsDue', count: trading.paymentsDue.count, link: at('/deals', trading.paymentsDue.firstId) },
    { key: 'staleAchievements', count: staleA.total, link: '/me/achievements' },
    { key: 'staleDemands', count: staleD.total, link: '/me/demands' },
    { key: 'returnedRecords', count: returnedA.total + returnedD.total, link: returnedA.total || !returnedD.total ? '/me/achievements' : '/me/demands' },
    { key: 'draftRecords', count: draftA.total + draftD.total, link: draftA.total || !draftD.total ? '/me/achievements' : '/me/demands' },
    { key: 'expertReviews', count: expertReviews, link: '/reviews' },
    { key: 'challengeScorings', count: scorings.reduce((n, x) => n + x.bidsToScore, 0), link: scoringLink },
    // The broker's own workbench lists them; an agency lists them from its listings.
    { key: 'entrustments', count: trading.entrustments, link: approved('broker') ? '/workbench/broker' : '/listings?scope=mine' },
    ...later,
  ];
  const brief = (r: { items: unknown[]; total: number }) => ({
    items: (r.items as { id: string; title: string; status: string; stale: boolean }[]).map((i) => ({ id: i.id, title: i.title, status: i.status, stale: i.stale })),
    total: r.total,
  });
  return {
    user: { id: actor.user.id, name: actor.user.name },
    tasks: items.filter((i) => i.count > 0),
    mine: { achievements: brief(myAchievements), demands: brief(myDemands), listings: trading.listings, deals: trading.deals },
    roles: { admin, member, broker: approved('broker'), expert, verifiedOrganization: actor.memberships.some((m) => m.organizationStatus === 'verified') },
  };
}

/**
 * The second half of the loop: contracts to submit or correct, registrations
 * waiting at the desks the person staffs (or administers), subsidies to apply
 * for, to review and to pay, challenges to review — each asked of its module's
 * own list service (one row each), so the counts are the lists' own totals.
 */
async function secondHalfWorkOf(db: Db, actor: Actor, admin: boolean, member: boolean): Promise<WorkItem[]> {
  const none = { items: [], total: 0 };
  const one = { page: 1, pageSize: 1 } as const;
  const contracts = (scope: 'mine' | 'desk', status: 'draft' | 'returned' | 'submitted') => searchContracts(db, actor, { ...one, scope, status });
  const entitlements = (status: 'granted' | 'returned' | 'applied' | 'approved') => listEntitlements(db, actor, { ...one, status });
  const [drafts, returned, toRegister, toApply, toCorrect, toReview, toPay, challengesToReview] = await Promise.all([
    member ? contracts('mine', 'draft') : none,
    member ? contracts('mine', 'returned') : none,
    // Point staff need not be administrators: the desk is asked of everyone signed in.
    contracts('desk', 'submitted'),
    member ? entitlements('granted') : none,
    member ? entitlements('returned') : none,
    admin ? entitlements('applied') : none,
    admin ? entitlements('approved') : none,
    admin ? searchChallenges(db, actor, { ...one, scope: 'review', status: 'pending_review' }) : none,
  ]);
  return [
    { key: 'contractDrafts', count: drafts.total, link: '/contracts?status=draft' },
    { key: 'contractsReturned', count: returned.total, link: '/contracts?status=returned' },
    { key: 'contractsToRegister', count: toRegister.total, link: '/contracts?scope=desk&status=submitted' },
    // An administrator who is also a member sees the jurisdiction's entitlements in the same list: only members apply.
    { key: 'entitlementsToApply', count: admin ? 0 : toApply.total, link: '/subsidies?tab=mine' },
    // 退回补正: the applicant corrects its documents and submits again.
    { key: 'entitlementsReturned', count: admin ? 0 : toCorrect.total, link: '/subsidies?tab=mine' },
    { key: 'entitlementsToReview', count: toReview.total, link: '/subsidies?tab=queue' },
    { key: 'entitlementsToPay', count: toPay.total, link: '/subsidies?tab=queue' },
    { key: 'challengesToReview', count: challengesToReview.total, link: '/challenges?scope=review&status=pending_review' },
  ];
}
