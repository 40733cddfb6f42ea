import { profileRepository } from '../../src/modules/profiles/profiles.repository.ts';
import { achievementRepository } from '../../src/modules/achievements/achievements.repository.ts';
import { matchReviewRepository } from '../../src/modules/matchReviews/matchReviews.repository.ts';
import { achievementBody } from '../catalogueFixtures.ts';
import type { TestApp } from '../testApp.ts';
import { adminRoute, signedIn, type Row, type World } from './types.ts';

/**
 * An open review of the world's published demand and achievement (both of
 * the university of `member` and `owner`), asked by the administrator of
 * 140700, with `outsider` as its invited expert.
 */
async function review(w: World, t: TestApp) {
  const db = t.database.db;
  await profileRepository.upsert(db, { userId: w.users.outsider.id, kind: 'expert', data: { fields: ['智能制造'] }, status: 'approved', jurisdictionCode: '140700' });
  const row = await matchReviewRepository.insertReview(db, { demandId: w.demands.published, achievementId: w.achievements.published, requestedBy: w.users.localAdmin.id, status: 'open' });
  await matchReviewRepository.insertExperts(db, row.id, [w.users.outsider.id]);
  return row.id;
}

/** A published secret achievement of another organisation in 晋中 (140700). */
async function secretAchievement(w: World, t: TestApp) {
  const org = await t.factories.organization(w.users.outsider, { type: 'university', jurisdictionCode: '140700' });
  const { price, ...body } = achievementBody({ confidentiality: 'secret' });
  const row = await achievementRepository.insert(t.database.db, {
    ...(body as object),
    title: body.title,
    type: body.type,
    industry: body.industry,
    maturity: body.maturity,
    priceFen: price as number,
    organizationId: org.id,
    jurisdictionCode: '140700',
    jurisdictionPath: '140000/140700',
    ownerType: 'university',
    createdBy: w.users.outsider.id,
    status: 'published',
    publishedAt: new Date(),
    confirmedAt: new Date(),
  });
  return row.id;
}

/** An open inquiry by `member`, for the university's published demand, about a secret achievement in 140700. */
async function inquiry(w: World, t: TestApp) {
  const targetId = await secretAchievement(w, t);
  const row = await matchReviewRepository.insertInquiry(t.database.db, {
    sourceType: 'demand',
    sourceId: w.demands.published,
    targetType: 'achievement',
    targetId,
    jurisdictionPath: '140000/140700',
    requestedBy: w.users.member.id,
    organizationId: w.universityId,
    message: '想了解转让条件',
  });
  return row!.id;
}

/** A route on a review: the invited expert (`outsider`) answers; the parties and the requester see it; others do not. */
const expertRoute = (expert: number, party: number, requester: number) => ({ anonymous: 401, outsider: expert, member: party, owner: party, foreignAdmin: 404, localAdmin: requester });

/** Rows of the matchReviews module's routes. */
export const matchReviewsRows: Row[] = [
  {
    route: 'POST /api/match-reviews',
    call: async (w, t) => {
      const expert = await t.factories.user();
      await profileRepository.upsert(t.database.db, { userId: expert.id, kind: 'expert', data: { fields: ['新材料'] }, status: 'approved', jurisdictionCode: '140700' });
      return { method: 'POST', url: '/api/match-reviews', body: { demandId: w.demands.published, achievementId: w.achievements.published, expertUserIds: [expert.id], note: '请论证' } };
    },
    expect: adminRoute(201),
  },
  {
    route: 'GET /api/match-reviews',
    call: (w) => ({ method: 'GET', url: `/api/match-reviews?demandId=${w.demands.published}&achievementId=${w.achievements.published}` }),
    expect: { anonymous: 401, outsider: 403, member: 200, owner: 200, foreignAdmin: 403, localAdmin: 200 },
  },
  { route: 'GET /api/match-reviews/mine', call: () => ({ method: 'GET', url: '/api/match-reviews/mine' }), expect: signedIn(200) },
  {
    route: 'POST /api/match-reviews/:id/opinions',
    call: async (w, t) => ({ method: 'POST', url: `/api/match-reviews/${await review(w, t)}/opinions`, body: { score: 4, opinion: 'recommend', comment: '可以对接' } }),
    expect: expertRoute(200, 403, 403),
  },
  { route: 'POST /api/match-reviews/:id/decline', call: async (w, t) => ({ method: 'POST', url: `/api/match-reviews/${await review(w, t)}/decline` }), expect: expertRoute(200, 403, 403) },
  { route: 'POST /api/match-reviews/:id/close', call: async (w, t) => ({ method: 'POST', url: `/api/match-reviews/${await review(w, t)}/close` }), expect: expertRoute(403, 403, 200) },
  {
    route: 'POST /api/match-inquiries',
    call: async (w, t) => ({ method: 'POST', url: '/api/match-inquiries', body: { sourceType: 'demand', sourceId: w.demands.published, ref: await secretAchievement(w, t), message: '想了解转让条件' } }),
    expect: { anonymous: 401, outsider: 403, member: 201, owner: 201, foreignAdmin: 403, localAdmin: 403 },
  },
  { route: 'GET /api/match-inquiries', call: () => ({ method: 'GET', url: '/api/match-inquiries' }), expect: signedIn(200) },
  {
    route: 'POST /api/match-inquiries/:id/answer',
    call: async (w, t) => ({ method: 'POST', url: `/api/match-inquiries/${await inquiry(w, t)}/answer`, body: { answer: '已转告成果方' } }),
    expect: { anonymous: 401, outsider: 404, member: 403, owner: 404, foreignAdmin: 404, localAdmin: 200 },
  },
];
