import { fromBasisPoints, type ChallengeDto } from '@kzt/shared';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn, pathWithin } from '../../platform/actor.ts';
import type { BidRow, ChallengeListRow, ChallengeRow, MilestoneRow, ObjectionRow, ScoreRow, TimelineRow } from './challenges.repository.ts';
import { biddableOrganizations, biddingOpen, challengeActions, challengeRoles, objectingOrganizations, type ChallengePolicy, type ChallengeState } from './challenges.policy.ts';
import { milestoneAmounts, pointsOf, trimmedResult } from './challenges.scoring.ts';

export function presentChallengeSummary(c: ChallengeListRow, now: Date) {
  return {
    id: c.id,
    scheme: c.scheme as ChallengeDto['scheme'],
    kind: c.kind as ChallengeDto['kind'],
    title: c.title,
    organization: c.organizationId ? { id: c.organizationId, name: c.organizationName } : null,
    jurisdiction: { code: c.jurisdictionCode, name: c.jurisdictionName },
    bounty: c.bountyFen,
    deadline: c.deadline,
    status: c.status as ChallengeDto['status'],
    biddingOpen: biddingOpen(c, now),
    bidCount: c.bidCount,
    publishedAt: c.publishedAt,
    createdAt: c.createdAt,
  };
}

/** What the caller may see of one bid's scores. */
type ScoreView = { all: boolean; names: boolean };

function scoreView(actor: Actor | null, c: ChallengeRow, bid: BidRow, s: ChallengeState, roles: ReturnType<typeof challengeRoles>): ScoreView | null {
  if (roles.admin) return { all: true, names: true };
  const own = !!actor && !!membershipIn(actor, bid.organizationId);
  if (c.awardedAt && (own || roles.poser || roles.panel)) return { all: true, names: false };
  if (roles.panel) {
    const scoredBy = new Set(s.scores.filter((x) => x.bidId === bid.id).map((x) => x.expertId));
    return { all: s.panel.every((p) => scoredBy.has(p.expertId)), names: false };
  }
  return null;
}

export function presentBid(actor: Actor | null, c: ChallengeRow, bid: BidRow, s: ChallengeState, policy: ChallengePolicy) {
  const roles = challengeRoles(actor, c, s);
  const mine = !!actor && !!membershipIn(actor, bid.organizationId);
  const view = scoreView(actor, c, bid, s, roles);
  const own = s.scores.filter((x) => x.bidId === bid.id);
  const names = new Map(s.panel.map((p, i) => [p.expertId, { name: p.expertName, n: i + 1 }]));
  const shown = view ? own.filter((x) => view.all || x.expertId === actor?.user.id) : null;
  const presentScore = (x: ScoreRow) => ({
    expert: view?.names || x.expertId === actor?.user.id ? (names.get(x.expertId)?.name ?? '') : `专家 ${names.get(x.expertId)?.n ?? ''}`.trim(),
    mine: x.expertId === actor?.user.id,
    scores: x.scores,
    weighted: pointsOf(x.weightedBp),
    comment: x.comment,
    scoredAt: x.createdAt,
  });
  const scoredByMe = own.some((x) => x.expertId === actor?.user.id);
  const actions = [
    ...(roles.admin && c.status === 'published' && bid.checkStatus === 'pending' ? ['check'] : []),
    ...(policy.score && bid.checkStatus === 'passed' && !scoredByMe ? ['score'] : []),
  ];
  return {
    id: bid.id,
    challengeId: bid.challengeId,
    organization: { id: bid.organizationId, name: bid.organizationName },
    team: bid.team,
    plan: bid.plan,
    budget: bid.budgetFen,
    milestones: bid.milestones.map((m, i) => ({ n: i + 1, title: m.title, dueOn: m.dueOn, share: fromBasisPoints(m.shareBp), deliverable: m.deliverable })),
    check: { status: bid.checkStatus as 'pending' | 'passed' | 'failed', reason: bid.checkReason },
    outcome: { status: bid.outcome as 'pending' | 'won' | 'not_chosen' | 'failed_check' | 'terminated' | 'ended', reason: bid.outcomeReason },
    scores: shown ? shown.map(presentScore) : null,
    result: view?.all ? trimmedResult(own.map((x) => x.weightedBp), s.panel.length) : null,
    mine,
    createdAt: bid.createdAt,
    allowedActions: actions,
  };
}

/** An objection without any person named; the organisation only for administrators and the objector. */
export function presentObjection(actor: Actor | null, o: ObjectionRow, roles: Pick<ReturnType<typeof challengeRoles>, 'admin'>, c: Pick<ChallengeRow, 'status'>) {
  const mine = !!actor && !!membershipIn(actor, o.organizationId);
  return {
    id: o.id,
    organization: roles.admin || mine ? { id: o.organizationId, name: o.organizationName } : null,
    reason: o.reason,
    status: o.status as 'pending' | 'upheld' | 'dismissed' | 'closed',
    resolution: o.resolution,
    createdAt: o.createdAt,
    resolvedAt: o.resolvedAt,
    mine,
    allowedActions: roles.admin && o.status === 'pending' && c.status === 'notice' ? ['resolve'] : [],
  };
}

export function presentMilestone(actor: Actor | null, c: ChallengeRow, m: MilestoneRow, bid: BidRow, roles: ReturnType<typeof challengeRoles>, today: string) {
  const overdue = (m.status === 'pending' || m.status === 'returned') && m.dueOn < today;
  const team = !!actor && !!membershipIn(actor, bid.organizationId) && bid.outcome === 'won';
  const live = c.status === 'awarded';
  return {
    bidId: m.bidId,
    organization: { id: bid.organizationId, name: bid.organizationName },
    n: m.n,
    title: m.title,
    dueOn: m.dueOn,
    share: fromBasisPoints(m.shareBp),
    amount: m.amountFen,
    deliverable: m.deliverable,
    status: (overdue ? 'overdue' : m.status) as 'pending' | 'reported' | 'accepted' | 'returned' | 'overdue' | 'stopped',
    reportNote: m.reportNote,
    attachmentIds: m.attachmentIds,
    reportedAt: m.reportedAt,
    decidedAt: m.decidedAt,
    decisionNote: m.decisionNote,
    allowedActions: [
      ...(live && team && m.status !== 'reported' && m.status !== 'accepted' ? ['report'] : []),
      ...(live && (roles.poser || roles.panel) && m.status === 'reported' ? ['accept', 'return'] : []),
    ],
  };
}

/** A firm on the list: a member of a verified organisation of the challenge's region or below. */
const onTheList = (actor: Actor | null, c: Pick<ChallengeRow, 'jurisdictionPath'>) =>
  !!actor && actor.memberships.some((m) => m.organizationStatus === 'verified' && pathWithin(m.jurisdictionPath, c.jurisdictionPath));

/**
 * The results the caller may see. 悬赏: each accepted solution (its final
 * milestone's report) for the platform's participants and the firms on the
 * list, never the public. 研发众包: the submissions (reported or accepted
 * milestones) for the poser, the panel, the administrators and each team its
 * own; accepted ones for everyone when the poser allowed it.
 */
export function presentResults(actor: Actor | null, c: ChallengeRow, s: Pick<ChallengeState, 'bids'> & { milestones: MilestoneRow[] }, roles: ReturnType<typeof challengeRoles>) {
  const byId = new Map(s.bids.map((b) => [b.id, b]));
  const entry = (m: MilestoneRow) => {
    const b = byId.get(m.bidId)!;
    return { bidId: m.bidId, organization: { id: b.organizationId, name: b.organizationName }, n: m.n, title: m.title, status: m.status as 'reported' | 'accepted', reportNote: m.reportNote, attachmentIds: m.attachmentIds, reportedAt: m.reportedAt, decidedAt: m.decidedAt };
  };
  const insider = roles.admin || roles.poser || roles.panel;
  const own = (m: MilestoneRow) => roles.ownBids.some((b) => b.id === m.bidId);
  if (c.scheme === 'bounty') {
    const solved = s.bids.filter((b) => b.outcome === 'won').filter((b) => {
      const ms = s.milestones.filter((m) => m.bidId === b.id);
      return ms.length > 0 && ms.every((m) => m.status === 'accepted');
    });
    const finals = solved.map((b) => s.milestones.filter((m) => m.bidId === b.id).reduce((a, m) => (m.n > a.n ? m : a)));
    return finals.filter((m) => insider || own(m) || onTheList(actor, c)).map(entry);
  }
  if (c.scheme === 'crowdsourcing') {
    return s.milestones
      .filter((m) => m.status === 'reported' || m.status === 'accepted')
      .filter((m) => insider || own(m) || (m.status === 'accepted' && c.resultsPublic))
      .map(entry);
  }
  return [];
}

/** The milestone rows a winning bid starts with: its plan, with amounts that add up to its budget. */
export function milestoneRowsOf(c: ChallengeRow, bid: BidRow) {
  const amounts = milestoneAmounts(bid.budgetFen, bid.milestones.map((m) => m.shareBp));
  return bid.milestones.map((m, i) => ({ challengeId: c.id, bidId: bid.id, n: i + 1, title: m.title, dueOn: m.dueOn, shareBp: m.shareBp, amountFen: amounts[i]!, deliverable: m.deliverable }));
}

export function presentChallenge(
  actor: Actor | null,
  c: ChallengeRow,
  s: ChallengeState & { milestones: MilestoneRow[]; timeline: TimelineRow[] },
  policy: ChallengePolicy,
  today: string,
) {
  const roles = challengeRoles(actor, c, s);
  const participant = roles.admin || roles.poser || roles.panel || roles.ownBids.length > 0;
  const bids = policy.seeAllBids ? s.bids : roles.ownBids;
  const byId = new Map(s.bids.map((b) => [b.id, b]));
  const winners = s.bids.filter((b) => b.outcome === 'won');
  const milestones = s.milestones.filter((m) => roles.admin || roles.poser || roles.panel || roles.ownBids.some((b) => b.id === m.bidId && (b.outcome === 'won' || b.outcome === 'ended')));
  const resultOf = (b: BidRow) => trimmedResult(s.scores.filter((x) => x.bidId === b.id).map((x) => x.weightedBp), s.panel.length).mean;
  return {
    ...presentChallengeSummary({ ...c, bidCount: s.bids.length }, s.now),
    description: c.description,
    requirements: c.requirements,
    demandId: c.demandId,
    achievementId: c.achievementId,
    criteria: c.criteria.map((k) => ({ key: k.key, name: k.name, weight: fromBasisPoints(k.weightBp) })),
    reviewReason: roles.admin || roles.poser ? c.reviewReason : null,
    awardedAt: c.awardedAt,
    awardNote: c.awardNote,
    notice: c.noticeEndsAt ? { endsAt: c.noticeEndsAt, final: !!c.finalAt, finalAt: c.finalAt } : null,
    objections: s.objections.map((o) => presentObjection(actor, o, roles, c)),
    resultsPublic: c.resultsPublic,
    results: presentResults(actor, c, s, roles),
    objectingOrganizations: objectingOrganizations(actor, c, s).map((m) => ({ id: m.organizationId, name: m.organizationName })),
    terminatedAt: c.terminatedAt,
    terminationReason: c.terminationReason,
    winners: winners.map((b) => ({ bidId: b.id, organization: { id: b.organizationId, name: b.organizationName }, budget: b.budgetFen, mean: resultOf(b) })),
    panel: roles.admin || roles.poser || roles.panel
      ? s.panel.map((p) => {
          const scored = new Set(s.scores.filter((x) => x.expertId === p.expertId).map((x) => x.bidId));
          return { id: p.expertId, name: p.expertName, scoredAll: s.bids.filter((b) => b.checkStatus === 'passed').every((b) => scored.has(b.id)) };
        })
      : null,
    bids: bids.map((b) => presentBid(actor, c, b, s, policy)),
    milestones: milestones.map((m) => presentMilestone(actor, c, m, byId.get(m.bidId)!, roles, today)),
    timeline: s.timeline.filter((e) => e.visibility === 'public' || participant).map((e) => ({ at: e.at, kind: e.kind, text: e.text })),
    biddableOrganizations: biddingOpen(c, s.now) ? biddableOrganizations(actor, c, s.bids).map((m) => ({ id: m.organizationId, name: m.organizationName })) : [],
    allowedActions: challengeActions(policy),
  };
}
