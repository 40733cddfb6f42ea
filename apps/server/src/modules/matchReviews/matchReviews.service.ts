import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n.ts';
import { recordPolicy } from '../catalogue/catalogue.policy.ts';
import { notify } from '../notifications/notifications.service.ts';
import { approvedExperts, approvedProfile } from '../profiles/profiles.service.ts';
import { named } from './matchReviews.names.ts';
import { matchReviewRepository as repo, type RecordSummary, type ReviewRow } from './matchReviews.repository.ts';
import { pairPolicy, reviewPolicy, type ReviewPolicy, type Standing } from './matchReviews.policy.ts';
import { presentInvitation, presentReview } from './matchReviews.presenter.ts';
import type { CreateReviewBody, OpinionBody, ReviewPairQuery } from './matchReviews.schemas.ts';

type Signed = RequestContext & { actor: Actor };

export type ReviewSummary = { count: number; submitted: number; averageScore: number | null; recommend: number; notRecommend: number };

const pairKey = (demandId: string, achievementId: string) => `${demandId}:${achievementId}`;

/**
 * Expert-confirmation summaries of proposed matches, keyed `${demandId}:${achievementId}`
 * (pairs without a review are absent). Over every review of a pair, open or
 * closed: `count` experts asked (those who declined left out), `submitted`
 * opinions given, their `averageScore` (one decimal), and how many of them
 * recommend or advise against the match.
 */
export async function reviewSummaries(db: Executor, pairs: { demandId: string; achievementId: string }[]): Promise<Map<string, ReviewSummary>> {
  const out = new Map<string, ReviewSummary>();
  if (!pairs.length) return out;
  const wanted = new Set(pairs.map((p) => pairKey(p.demandId, p.achievementId)));
  const rows = await repo.summaries(db, [...new Set(pairs.map((p) => p.demandId))], [...new Set(pairs.map((p) => p.achievementId))]);
  for (const r of rows) {
    const key = pairKey(r.demandId, r.achievementId);
    if (!wanted.has(key)) continue;
    out.set(key, {
      count: r.count,
      submitted: r.submitted,
      averageScore: r.averageScore == null ? null : Math.round(Number(r.averageScore) * 10) / 10,
      recommend: r.recommend,
      notRecommend: r.notRecommend,
    });
  }
  return out;
}

export const standingOf = async (db: Executor, actor: Actor): Promise<Standing> => {
  const [broker, expert] = await Promise.all([approvedProfile(db, actor.user.id, 'broker'), approvedProfile(db, actor.user.id, 'expert')]);
  return { brokerPath: broker?.path ?? null, expert: !!expert };
};

/** Both records of a pair, or 404 when one does not exist. */
async function pairOf(db: Executor, demandId: string, achievementId: string) {
  const [[demand], [achievement]] = await Promise.all([named.records(db, 'demand', [demandId]), named.records(db, 'achievement', [achievementId])]);
  if (!demand) throw notFound('demand');
  if (!achievement) throw notFound('achievement');
  return { demand, achievement };
}

/** A pair the actor may read both records of (404 otherwise, as the catalogue answers). */
async function readablePair(db: Executor, actor: Actor, demandId: string, achievementId: string) {
  const pair = await pairOf(db, demandId, achievementId);
  if (!recordPolicy(actor, pair.demand).read) throw notFound('demand');
  if (!recordPolicy(actor, pair.achievement).read) throw notFound('achievement');
  return pair;
}

/**
 * Loads a review and what its policy needs: 404 when the actor is neither on
 * its requesting side nor one of its experts.
 */
async function authorizeReview(db: Executor, actor: Actor, id: string, opts: { lock?: boolean } = {}) {
  const review = await named.review(db, id, opts);
  if (!review) throw notFound('matchReview');
  const pair = await pairOf(db, review.demandId, review.achievementId);
  const standing = await standingOf(db, actor);
  const invitation = await repo.invitation(db, review.id, actor.user.id, opts);
  const policy = reviewPolicy(actor, review, pair, standing, invitation);
  if (!policy.read) throw notFound('matchReview');
  return { review, pair, standing, invitation, policy };
}

const auditOf = (review: Pick<ReviewRow, 'id'>, pair: { demand: RecordSummary }) => ({
  entityType: 'matchReview',
  entityId: review.id,
  jurisdictionCode: pair.demand.jurisdictionCode,
});

/** Asks experts to assess a proposed match; experts of either party's organisation are left out and reported. */
export async function createReview(db: Db, ctx: Signed, body: CreateReviewBody) {
  const expertIds = [...new Set(body.expertUserIds)];
  const { id, excluded } = await db.transaction(async (tx) => {
    const pair = await readablePair(tx, ctx.actor, body.demandId, body.achievementId);
    if (!pairPolicy(ctx.actor, pair, await standingOf(tx, ctx.actor)).request) throw forbidden();
    if (pair.demand.status !== 'published' || pair.achievement.status !== 'published') throw invalidState('err.matchReview.notPublished');

    const people = new Map((await approvedExperts(tx, expertIds)).map((c) => [c.id, c]));
    const notExperts = body.expertUserIds.flatMap((userId, i) => (people.has(userId) ? [] : [{ path: `expertUserIds.${i}`, key: 'err.matchReview.notExpert' }]));
    if (notExperts.length) throw new AppError(422, 'not-experts', 'problem.matchReview.experts', 'err.matchReview.notExpert', {}, notExperts);

    const parties = new Set([...people.values()].filter((e) => e.organizationIds.includes(pair.demand.organizationId) || e.organizationIds.includes(pair.achievement.organizationId)).map((e) => e.id));
    const invited = expertIds.filter((userId) => !parties.has(userId));
    const left = expertIds.filter((userId) => parties.has(userId));
    if (!invited.length) {
      throw new AppError(422, 'no-experts-left', 'problem.matchReview.experts', 'err.matchReview.noneLeft', {}, [{ path: 'expertUserIds', key: 'err.matchReview.noneLeft' }]);
    }

    const review = await repo.insertReview(tx, {
      demandId: pair.demand.id,
      achievementId: pair.achievement.id,
      requestedBy: ctx.actor.user.id,
      note: body.note,
      status: 'open',
    });
    await repo.insertExperts(tx, review.id, invited);
    for (const userId of invited) {
      await notify(tx, {
        userId,
        kind: 'matchReview.invited',
        dedupeKey: `matchReview.invited:${review.id}:${userId}`,
        title: '邀请您参与专家论证',
        body: `${ctx.actor.user.name}请您论证技术需求「${pair.demand.title}」与科技成果「${pair.achievement.title}」的匹配。${body.note ? `说明：${body.note}` : ''}`,
        link: '/reviews',
      });
    }
    await recordAudit(tx, ctx, {
      ...auditOf(review, pair),
      action: 'matchReview.create',
      after: { demandId: review.demandId, achievementId: review.achievementId, experts: invited, excluded: left, note: review.note },
    });
    return { id: review.id, excluded: left.map((userId) => ({ id: userId, name: people.get(userId)!.name })) };
  });
  const review = await getReview(db, ctx.actor, id);
  return {
    ...review,
    excluded: excluded.map((user) => ({
      user,
      reason: 'sameOrganization',
      message: t('matchReview.excluded.sameOrganization', ctx.lang),
    })),
  };
}

/** One review, as its requesting side or one of its experts sees it. */
export async function getReview(db: Executor, actor: Actor, id: string) {
  const { review, policy } = await authorizeReview(db, actor, id);
  return presentReview(review, review.requesterName, await named.expertsOf(db, [id]), policy, actor.user.id);
}

/** The reviews of a pair with every expert's opinion, for the requesting side and the two parties. */
export async function reviewsOfPair(db: Db, actor: Actor, q: ReviewPairQuery) {
  const pair = await readablePair(db, actor, q.demandId, q.achievementId);
  const standing = await standingOf(db, actor);
  if (!pairPolicy(actor, pair, standing).read) throw forbidden();
  const rows = await named.reviewsOfPair(db, pair.demand.id, pair.achievement.id);
  const experts = await named.expertsOf(db, rows.map((r) => r.review.id));
  const summary = (await reviewSummaries(db, [{ demandId: pair.demand.id, achievementId: pair.achievement.id }])).get(pairKey(pair.demand.id, pair.achievement.id)) ?? null;
  return {
    demand: { id: pair.demand.id, title: pair.demand.title },
    achievement: { id: pair.achievement.id, title: pair.achievement.title },
    summary,
    items: rows.map((r) => {
      const own = experts.filter((e) => e.reviewId === r.review.id);
      const mine = own.find((e) => e.expertUserId === actor.user.id);
      return presentReview(r.review, r.requesterName, own, reviewPolicy(actor, r.review, pair, standing, mine), actor.user.id);
    }),
  };
}

/** The caller's invitations as an expert, newest first, with both records' titles. */
export async function myInvitations(db: Db, actor: Actor) {
  const rows = await named.invitationsOf(db, actor.user.id);
  const [demands, achievements] = await Promise.all([
    named.records(db, 'demand', [...new Set(rows.map((r) => r.review.demandId))]),
    named.records(db, 'achievement', [...new Set(rows.map((r) => r.review.achievementId))]),
  ]);
  const d = new Map(demands.map((r) => [r.id, r]));
  const a = new Map(achievements.map((r) => [r.id, r]));
  const standing = await standingOf(db, actor);
  const items = rows.flatMap((r) => {
    const demand = d.get(r.review.demandId);
    const achievement = a.get(r.review.achievementId);
    if (!demand || !achievement) return [];
    const policy = reviewPolicy(actor, r.review, { demand, achievement }, standing, r.invitation);
    return [presentInvitation(r, demand, achievement, policy)];
  });
  return { items, total: items.length };
}

/** Why an invited expert may not answer now: 403 when not invited, 409 when answered, declined or closed. */
function refuseAnswer(review: ReviewRow, invitation: { status: string } | undefined, policy: ReviewPolicy, action: 'submit' | 'decline') {
  if (policy[action]) return;
  if (!invitation) throw forbidden();
  if (action === 'submit' && invitation.status === 'invited' && review.status === 'open') throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.expert.notApproved');
  if (invitation.status === 'submitted') throw new AppError(409, 'already-submitted', 'problem.conflict', 'err.matchReview.submitted');
  if (review.status !== 'open') throw invalidState('err.matchReview.closed');
  throw invalidState('err.matchReview.declined');
}

/** An invited expert's opinion, once. The requester is told. */
export async function submitOpinion(db: Db, ctx: Signed, id: string, body: OpinionBody) {
  await db.transaction(async (tx) => {
    const { review, pair, invitation, policy } = await authorizeReview(tx, ctx.actor, id, { lock: true });
    refuseAnswer(review, invitation, policy, 'submit');
    const after = await repo.updateInvitation(tx, id, ctx.actor.user.id, {
      status: 'submitted',
      score: body.score,
      opinion: body.opinion,
      comment: body.comment,
      submittedAt: new Date(),
    });
    await notify(tx, {
      userId: review.requestedBy,
      kind: 'matchReview.opinion',
      dedupeKey: `matchReview.opinion:${id}:${ctx.actor.user.id}`,
      title: '专家已提交论证意见',
      body: `${ctx.actor.user.name}已就「${pair.demand.title}」与「${pair.achievement.title}」的匹配提交论证意见。`,
      link: `/demands/${pair.demand.id}`,
    });
    await recordAudit(tx, ctx, {
      ...auditOf(review, pair),
      action: 'matchReview.opinion',
      before: { status: invitation!.status },
      after: { status: after.status, score: after.score, opinion: after.opinion, comment: after.comment },
    });
  });
  return getReview(db, ctx.actor, id);
}

/** An invited expert declines. */
export async function declineReview(db: Db, ctx: Signed, id: string) {
  await db.transaction(async (tx) => {
    const { review, pair, invitation, policy } = await authorizeReview(tx, ctx.actor, id, { lock: true });
    refuseAnswer(review, invitation, policy, 'decline');
    await repo.updateInvitation(tx, id, ctx.actor.user.id, { status: 'declined' });
    await recordAudit(tx, ctx, { ...auditOf(review, pair), action: 'matchReview.decline', before: { status: invitation!.status }, after: { status: 'declined' } });
  });
  return getReview(db, ctx.actor, id);
}

/** The requester or an administrator of either record closes a review. */
export async function closeReview(db: Db, ctx: Signed, id: string) {
  await db.transaction(async (tx) => {
    const { review, pair, standing, policy } = await authorizeReview(tx, ctx.actor, id, { lock: true });
    if (!policy.close) {
      const mayClose = reviewPolicy(ctx.actor, { ...review, status: 'open' }, pair, standing, undefined).close;
      throw mayClose ? invalidState('err.matchReview.closed') : forbidden();
    }
    const after = await repo.updateReview(tx, id, { status: 'closed', closedAt: new Date() });
    await recordAudit(tx, ctx, { ...auditOf(review, pair), action: 'matchReview.close', before: { status: review.status }, after: { status: after.status } });
  });
  return getReview(db, ctx.actor, id);
}
