import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/client.ts';
import { jurisdictionAdmins, jurisdictions, memberships, organizations, sessions, users } from '../db/schema/index.ts';
import type { Actor } from './actor.ts';
import type { MemberRole, OrganizationStatus, OrganizationType } from '@kzt/shared';

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

/** The person behind a session token, with their organisations and administered jurisdictions; null when the session is unknown, revoked or expired. */
export async function resolveActor(db: Executor, token: string, via: 'cookie' | 'bearer'): Promise<Actor | null> {
  const tokenHash = sha256(token);
  // One query, not three: every signed-in request starts here.
  const [row] = await queryRows<{
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
    is_platform_admin: boolean;
    verified: boolean;
    status: string;
    memberships: Actor['memberships'];
    admin_of: Actor['adminOf'];
  }>(
    db,
    sql`select u.id, u.name, u.email, u.phone, u.is_platform_admin, u.verified_at is not null as verified, u.status,
          coalesce((select json_agg(json_build_object('organizationId', m.organization_id, 'role', m.role, 'organizationName', o.name,
                                                      'organizationType', o.type, 'organizationStatus', o.status, 'jurisdictionPath', j.path) order by m.created_at)
                    from memberships m join organizations o on o.id = m.organization_id join jurisdictions j on j.code = o.jurisdiction_code
                    where m.user_id = u.id), '[]'::json) as memberships,
          coalesce((select json_agg(json_build_object('code', j.code, 'name', j.name, 'path', j.path) order by j.path)
                    from jurisdiction_admins a join jurisdictions j on j.code = a.jurisdiction_code
                    where a.user_id = u.id), '[]'::json) as admin_of
        from sessions s join users u on u.id = s.user_id
        where s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > ${new Date().toISOString()}::timestamptz`,
  );
  if (!row || row.status !== 'active') return null;
  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  return {
    user: { id: row.id, name: row.name, email: row.email, phone: row.phone, isPlatformAdmin: row.is_platform_admin, verified: !!row.verified },
    memberships: json(row.memberships),
    adminOf: json(row.admin_of),
    session: { tokenHash, via },
  };
}

/** The actor of a user by id (a job acting for the person who started it), or null when the user is gone. */
export async function actorOfUser(db: Executor, userId: string, session: Actor['session']): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user ? loadActor(db, user, session) : null;
}

export async function loadActor(
  db: Executor,
  user: typeof users.$inferSelect,
  session: Actor['session'],
): Promise<Actor> {
  const [mems, admins] = await Promise.all([
    db
      .select({
        organizationId: memberships.organizationId,
        role: memberships.role,
        organizationName: organizations.name,
        organizationType: organizations.type,
        organizationStatus: organizations.status,
        jurisdictionPath: jurisdictions.path,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .innerJoin(jurisdictions, eq(jurisdictions.code, organizations.jurisdictionCode))
      .where(eq(memberships.userId, user.id))
      .orderBy(memberships.createdAt),
    db
      .select({ code: jurisdictions.code, name: jurisdictions.name, path: jurisdictions.path })
      .from(jurisdictionAdmins)
      .innerJoin(jurisdictions, eq(jurisdictions.code, jurisdictionAdmins.jurisdictionCode))
      .where(eq(jurisdictionAdmins.userId, user.id))
      .orderBy(jurisdictions.path),
  ]);
  return {
    user: { id: user.id, name: user.name, email: user.email, phone: user.phone, isPlatformAdmin: user.isPlatformAdmin, verified: !!user.verifiedAt },
    memberships: mems.map((m) => ({
      ...m,
      role: m.role as MemberRole,
      organizationType: m.organizationType as OrganizationType,
      organizationStatus: m.organizationStatus as OrganizationStatus,
    })),
    adminOf: admins,
    session,
  };
}

/** True when the person has signed in from this address before (a session was opened from it): the owner's own address. */
export async function hasSignedInFrom(db: Executor, userId: string, ip: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from sessions where user_id = ${userId} and ip = ${ip} limit 1`);
  return rows.length > 0;
}
