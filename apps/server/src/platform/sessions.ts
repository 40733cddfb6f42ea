import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { sessions } from '../db/schema/index.ts';
import type { Actor } from './actor.ts';

export const SESSION_COOKIE = 'kzt_session';
export const CSRF_COOKIE = 'kzt_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The CSRF token is derived from the session, so it is bound to it and needs no storage. */
export function csrfTokenFor(tokenHash: string): string {
  return sha256(`csrf:${tokenHash}`).slice(0, 43);
}

export function csrfMatches(tokenHash: string, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(csrfTokenFor(tokenHash));
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function createSession(
  db: Executor,
  opts: { userId: string; ttlDays: number; ip?: string; userAgent?: string },
): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = sha256(token);
  const expiresAt = new Date(Date.now() + opts.ttlDays * 86400_000);
  await db.insert(sessions).values({
    tokenHash,
    userId: opts.userId,
    expiresAt,
    ip: opts.ip,
    userAgent: opts.userAgent?.slice(0, 300),
  });
  return { token, tokenHash, expiresAt };
}

export const hashToken = sha256;

export async function revokeSession(db: Executor, tokenHash: string) {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeOtherSessions(db: Executor, userId: string, keepTokenHash: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash), isNull(sessions.revokedAt)));
}

/**
 * The person an actor is built from: the account's fields, their memberships
 * (with each organisation's name, type, status and jurisdiction path) and the
 * jurisdictions they administer. Those live in the modules that own them
 * (accounts, organisations, jurisdictions), which the platform never imports:
 * the module above them all (profiles) hands the platform an `ActorSource` at
 * start (`useActorSource`, in the app's and the seeds' composition).
 */
export type ActorPerson = Omit<Actor, 'session'> & { status: string };

export interface ActorSource {
  /**
   * The person whose id `userId` yields (a parameter, or a scalar subquery
   * such as a live session's user), in one query; null when there is none.
   */
  personOf(db: Executor, userId: SQL): Promise<ActorPerson | null>;
}

let source: ActorSource | undefined;

/** Registers who builds actors (once at start; registering the same source again is harmless). */
export function useActorSource(s: ActorSource) {
  source = s;
}

function actorSource(): ActorSource {
  if (!source) throw new Error('no actor source registered: the composition calls useActorSource() at start');
  return source;
}

const withSession = (p: ActorPerson, session: Actor['session']): Actor => ({ user: p.user, memberships: p.memberships, adminOf: p.adminOf, session });

/** The person behind a session token, with their organisations and administered jurisdictions; null when the session is unknown, revoked or expired. */
export async function resolveActor(db: Executor, token: string, via: 'cookie' | 'bearer'): Promise<Actor | null> {
  const tokenHash = sha256(token);
  // One query, not three: every signed-in request starts here. The session's user is a scalar subquery inside the source's query.
  const person = await actorSource().personOf(
    db,
    sql`(select s.user_id from sessions s where s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > ${new Date().toISOString()}::timestamptz)`,
  );
  if (!person || person.status !== 'active') return null;
  return withSession(person, { tokenHash, via });
}

/** The actor of a user by id (a job acting for the person who started it), or null when the user is gone. */
export async function actorOfUser(db: Executor, userId: string, session: Actor['session']): Promise<Actor | null> {
  const person = await actorSource().personOf(db, sql`${userId}::uuid`);
  return person && withSession(person, session);
}

/** The actor of a person known to exist (just signed in, or seeded), in one query. */
export async function loadActor(db: Executor, user: { id: string }, session: Actor['session']): Promise<Actor> {
  const actor = await actorOfUser(db, user.id, session);
  if (!actor) throw new Error(`user ${user.id} not found`);
  return actor;
}

/** True when the person has signed in from this address before (a session was opened from it): the owner's own address. */
export async function hasSignedInFrom(db: Executor, userId: string, ip: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from sessions where user_id = ${userId} and ip = ${ip} limit 1`);
  return rows.length > 0;
}
