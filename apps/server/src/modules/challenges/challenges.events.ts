import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/**
 * What a challenge announces to the rest of the platform, published in the
 * transaction of the change. The policy engine turns them into entitlements
 * (沈阳's pre-funding on award, 威海's tranches on milestones, a share on
 * acceptance) without reading the challenge tables.
 */
const challengeRef = z.object({
  id: z.uuid(),
  /** jiebang_guashuai | two_way | racing | bounty | crowdsourcing */
  scheme: z.string(),
  /** two_way only: breakthrough | conversion. */
  kind: z.string().nullable().optional(),
  /** Fen: the money the poster put on the challenge, when it named one. */
  bounty: z.number().int().nullable().optional(),
});

/** A challenge was awarded to one bid (or several, for racing and crowdsourcing). */
export const challengeAwarded = defineEvent(
  'challenge.awarded',
  z.object({
    challenge: challengeRef,
    /** The challenge's title (absent in events published before it was added). */
    title: z.string().nullable().optional(),
    /** The posting organisation (null when an administrator posted it for a list). */
    poserOrganizationId: z.uuid().nullable(),
    solverOrganizationIds: z.array(z.uuid()).min(1),
    /** The winning bids with their budgets (fen), in the order of `solverOrganizationIds`. */
    bids: z.array(z.object({ bidId: z.uuid(), organizationId: z.uuid(), budget: z.number().int() })),
    jurisdictionCode: z.string(),
    /** YYYY-MM-DD, Asia/Shanghai. */
    date: z.string(),
  }),
);
export type ChallengeAwarded = z.infer<typeof challengeAwarded.payload>;

/** The poser (or the panel) accepted a milestone of a winning bid. */
export const challengeMilestoneAccepted = defineEvent(
  'challenge.milestoneAccepted',
  z.object({
    challengeId: z.uuid(),
    scheme: z.string(),
    bidId: z.uuid(),
    solverOrganizationId: z.uuid(),
    poserOrganizationId: z.uuid().nullable(),
    /** The milestone's number in its bid (1, 2 …). */
    milestone: z.number().int().min(1),
    /** The milestone's share of the bid, 0–1 (exact: shareBp / 10,000). */
    share: z.number().min(0).max(1),
    shareBp: z.number().int().min(0).max(10_000),
    /** Fen: the bid's budget × share (the last milestone takes the remainder). */
    amount: z.number().int(),
    jurisdictionCode: z.string(),
    date: z.string(),
  }),
);
export type ChallengeMilestoneAccepted = z.infer<typeof challengeMilestoneAccepted.payload>;

/** Every milestone of a winning bid is accepted: the challenge is solved by that team. */
export const challengeAccepted = defineEvent(
  'challenge.accepted',
  z.object({
    challenge: z.object({ id: z.uuid(), scheme: z.string(), kind: z.string().nullable() }),
    poserOrganizationId: z.uuid().nullable(),
    solverOrganizationId: z.uuid(),
    bidId: z.uuid(),
    /** The technology demand the challenge was posted from (it is met), when there is one. */
    demandId: z.uuid().nullable().optional(),
    /** Fen: the amount agreed with the team (its bid's budget). */
    dealAmount: z.number().int(),
    jurisdictionCode: z.string(),
    date: z.string(),
  }),
);
export type ChallengeAccepted = z.infer<typeof challengeAccepted.payload>;

/**
 * The poser or an administrator terminated a challenge (榜单终止): its work stops. The policy engine cancels
 * what the challenge committed and has not paid (a conversion's tranches to come, an advance not yet paid).
 */
export const challengeTerminated = defineEvent(
  'challenge.terminated',
  z.object({
    challenge: z.object({ id: z.uuid(), scheme: z.string() }),
    jurisdictionCode: z.string(),
    /** YYYY-MM-DD, Asia/Shanghai. */
    terminatedOn: z.string(),
    reason: z.string(),
  }),
);
export type ChallengeTerminated = z.infer<typeof challengeTerminated.payload>;

/** A challenge passed review and is on the public board (statistics count it as posted). */
export const challengePublished = defineEvent(
  'challenge.published',
  z.object({ challenge: challengeRef, title: z.string(), jurisdictionCode: z.string(), date: z.string() }),
);
