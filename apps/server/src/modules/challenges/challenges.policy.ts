import { MULTI_WINNER_SCHEMES, PUBLIC_CHALLENGE_STATUSES, type ChallengeScheme } from '@kzt/shared';
import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';
import type { BidRow, ChallengeRow, ObjectionRow, PanelRow, ScoreRow } from './challenges.repository.ts';

/** What the policy needs besides the challenge: its bids, panel and scores, and the time. */
export type ChallengeState = { bids: BidRow[]; panel: PanelRow[]; scores: ScoreRow[]; objections: ObjectionRow[]; now: Date; expert: boolean; conflictDeclared: boolean };

/**
 * The caller's standing on a challenge: the poster (a member of the posting
 * organisation, or the administrator who posted without one), an
 * administrator of its jurisdiction, a member of the panel, a bidder, a
 * winning team.
 */
export function challengeRoles(actor: Actor | null, c: ChallengeRow, s: Pick<ChallengeState, 'bids' | 'panel'>) {
  const admin = administers(actor, c.jurisdictionPath);
  const poser = !!actor && (c.organizationId ? !!membershipIn(actor, c.organizationId) : c.postedBy === actor.user.id);
  const panel = !!actor && s.panel.some((p) => p.expertId === actor.user.id);
  const ownBids = actor ? s.bids.filter((b) => !!membershipIn(actor, b.organizationId)) : [];
  const winning = ownBids.filter((b) => b.outcome === 'won');
  return { admin, poser, panel, ownBids, winning };
}
export type ChallengeRoles = ReturnType<typeof challengeRoles>;

/** On the public board: a public status, and published once (a challenge withdrawn while in review never was). */
export const isPublic = (c: Pick<ChallengeRow, 'status' | 'publishedAt'>) => (PUBLIC_CHALLENGE_STATUSES as readonly string[]).includes(c.status) && !!c.publishedAt;
/** Termination with a reason at any time before completion (in review: the poser withdraws it). */
export const terminable = (c: Pick<ChallengeRow, 'status'>) => ['pending_review', 'published', 'notice', 'awarded'].includes(c.status);
export const biddingOpen = (c: Pick<ChallengeRow, 'status' | 'deadline'>, now: Date) => c.status === 'published' && c.deadline.getTime() > now.getTime();
export const multiWinner = (scheme: string) => MULTI_WINNER_SCHEMES.includes(scheme as ChallengeScheme);

/** The caller's verified organisations that may still bid: not the poster's, not bid already. */
export function biddableOrganizations(actor: Actor | null, c: ChallengeRow, bids: BidRow[]) {
  if (!actor) return [];
  return actor.memberships.filter((m) => m.organizationStatus === 'verified' && m.organizationId !== c.organizationId && !bids.some((b) => b.organizationId === m.organizationId));
}

/** The award is in its notice period and objections are still taken. */
export const noticeOpen = (c: Pick<ChallengeRow, 'status' | 'noticeEndsAt'>, now: Date) => c.status === 'notice' && !!c.noticeEndsAt && c.noticeEndsAt.getTime() > now.getTime();

/** The caller's verified organisations that may object to the award in notice: not a winner, none with an objection pending. */
export function objectingOrganizations(actor: Actor | null, c: ChallengeRow, s: Pick<ChallengeState, 'bids' | 'objections' | 'now'>) {
  if (!actor || !noticeOpen(c, s.now)) return [];
  return actor.memberships.filter(
    (m) => m.organizationStatus === 'verified' && !s.bids.some((b) => b.outcome === 'won' && b.organizationId === m.organizationId) && !s.objections.some((o) => o.status === 'pending' && o.organizationId === m.organizationId),
  );
}

/** Scores still missing: one per panel member and bid that passed the check. */
export function missingScores(s: Pick<ChallengeState, 'bids' | 'panel' | 'scores'>) {
  const scored = new Set(s.scores.map((x) => `${x.bidId}:${x.expertId}`));
  const bids = s.bids.filter((b) => b.checkStatus === 'passed');
  return bids.reduce((n, b) => n + s.panel.filter((p) => !scored.has(`${b.id}:${p.expertId}`)).length, 0);
}

export function challengePolicy(actor: Actor | null, c: ChallengeRow, s: ChallengeState) {
  const r = challengeRoles(actor, c, s);
  const published = c.status === 'published';
  const afterDeadline = c.deadline.getTime() <= s.now.getTime();
  const hasPassed = s.bids.some((b) => b.checkStatus === 'passed');
  const awarded = c.status === 'awarded';
  return {
    read: isPublic(c) || r.poser || r.admin || r.panel || r.ownBids.length > 0,
    review: r.admin && c.status === 'pending_review',
    bid: biddingOpen(c, s.now) && biddableOrganizations(actor, c, s.bids).length > 0,
    checkBids: r.admin && published && s.bids.some((b) => b.checkStatus === 'pending'),
    setPanel: r.admin && published && s.scores.length === 0,
    declareConflict: !!actor && s.expert && published && !r.panel && !s.conflictDeclared,
    score: r.panel && published && afterDeadline,
    award: (r.admin || r.poser) && published && afterDeadline && s.panel.length > 0 && hasPassed && !s.bids.some((b) => b.checkStatus === 'pending') && missingScores(s) === 0,
    reportMilestone: awarded && r.winning.length > 0,
    decideMilestone: awarded && (r.poser || r.panel),
    stageGate: c.scheme === 'racing' && awarded && (r.admin || r.panel) && s.bids.filter((b) => b.outcome === 'won').length > 1,
    object: objectingOrganizations(actor, c, s).length > 0,
    resolveObjections: r.admin && c.status === 'notice' && s.objections.some((o) => o.status === 'pending'),
    terminate: (r.admin || r.poser) && terminable(c),
    /** The challenge's workbook (bids, scores as the caller sees them, milestones, payments): administrators of its jurisdiction and the poser. */
    export: r.admin || r.poser,
    /** Bids, panel, every score: administrators; the poster once bidding has closed; the panel. */
    seeAllBids: r.admin || r.panel || (r.poser && afterDeadline),
  };
}
export type ChallengePolicy = ReturnType<typeof challengePolicy>;

/** The acts the web shows as buttons. */
export const challengeActions = (p: ChallengePolicy) =>
  (['review', 'bid', 'checkBids', 'setPanel', 'declareConflict', 'score', 'award', 'reportMilestone', 'decideMilestone', 'stageGate', 'object', 'resolveObjections', 'terminate', 'export'] as const).filter((k) => p[k]);
