import type { TestApp } from '../testApp.ts';
import type { TestUser } from '../factories.ts';

/**
 * The authorization matrix (test/authorization-matrix.test.ts) calls every
 * route as each kind of caller. Modules add their rows in files of this
 * folder (listed in ./index.ts).
 */
export const ACTORS = ['anonymous', 'outsider', 'member', 'owner', 'foreignAdmin', 'localAdmin'] as const;
export type ActorName = (typeof ACTORS)[number];

/**
 * A fresh world per call: a pending organisation in 晋中 (140700) of `owner`
 * with `member`; a verified university in 140700 of the same two people
 * (`universityId`) holding achievements and demands in several states; an
 * `outsider` with a verified enterprise of their own; administrators of
 * 威海 (`foreignAdmin`) and of 晋中 (`localAdmin`).
 */
export type World = {
  users: Record<Exclude<ActorName, 'anonymous'>, TestUser>;
  orgId: string;
  universityId: string;
  invitationId: string;
  otherMemberId: string;
  deputyAdminId: string;
  achievements: Record<'draft' | 'submitted' | 'published' | 'abstract', string>;
  demands: Record<'draft' | 'submitted' | 'published' | 'abstract', string>;
  accessRequestId: string;
  demandAccessRequestId: string;
  /** A notification addressed to the university of the owner and member. */
  notificationId: string;
};

export type Call = { method: string; url: string; body?: unknown; headers?: Record<string, string> };

export type Row = {
  /** `METHOD /api/path/:param` exactly as declared. */
  route: string;
  call: (w: World, t: TestApp) => Call | Promise<Call>;
  expect: Record<ActorName, number>;
};

export const all = (s: number): Record<ActorName, number> => ({ anonymous: s, outsider: s, member: s, owner: s, foreignAdmin: s, localAdmin: s });
export const signedIn = (s: number) => ({ ...all(s), anonymous: 401 });
/** A route on a record of the world's organisation (or university): who is a member, who administers 140700. */
export const orgRoute = (member: number, owner: number, localAdmin: number) => ({ anonymous: 401, outsider: 404, member, owner, foreignAdmin: 404, localAdmin });
/** A route for administrators of 140700. */
export const adminRoute = (ok: number) => ({ anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: ok });
