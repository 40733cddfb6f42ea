import type { ProfileKind, RegisterBody } from '@kzt/shared';
import { normalizeLogin } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { allowed } from '../../platform/policy.ts';
import { createSession, loadActor, revokeOtherSessions, revokeSession } from '../../platform/sessions.ts';
import { accountRepository } from './accounts.repository.ts';
import { platformPolicy } from './accounts.policy.ts';
import { presentMe, presentProfile, presentUser } from './accounts.presenter.ts';
import { settleProfileReview } from './profiles.service.ts';

export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perLogin: 5,
  perIp: 50,
};

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
};

export async function registerUser(db: Db, ctx: RequestContext, input: RegisterBody & { ttlDays: number; userAgent?: string }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      for (const [field, value] of [['email', input.email], ['phone', input.phone]] as const) {
        if (value && (await accountRepository.byLogin(tx, value))) throw conflict(field, 'err.login.taken');
      }
      const user = await accountRepository.insert(tx, {
        email: input.email ?? null,
        phone: input.phone ?? null,
        name: input.name,
        passwordHash,
      });
      await recordAudit(tx, { ...ctx, actor: null }, {
        action: 'user.register',
        entityType: 'user',
        entityId: user.id,
        after: presentUser(user),
      });
      const session = await createSession(tx, { userId: user.id, ttlDays: input.ttlDays, ip: ctx.ip, userAgent: input.userAgent });
      return { user, session };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(input.email ? 'email' : 'phone', 'err.login.taken');
    throw e;
  }
}

/**
 * Checks a login. Failures count per login name and per client address in the
 * database; past the limit both the wrong and the right password get 429 until
 * the lock ends. Unknown logins cost the same time as known ones.
 */
export async function login(db: Db, ctx: RequestContext, input: { login: string; password: string; ttlDays: number; userAgent?: string }) {
  const name = normalizeLogin(input.login);
  const keys = [`login:${name}`, `ip:${ctx.ip}`];
  const now = Date.now();
  const locked = (await accountRepository.throttleRows(db, keys)).find((r) => r.lockedUntil && r.lockedUntil.getTime() > now);
  if (locked) throw throttled(locked.lockedUntil!.getTime() - now);

  const user = await accountRepository.byLogin(db, name);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  if (!ok || !user || user.status !== 'active') {
    await db.transaction(async (tx) => {
      const [byLogin, byIp] = [await accountRepository.countFailure(tx, keys[0]!, THROTTLE.windowMs), await accountRepository.countFailure(tx, keys[1]!, THROTTLE.windowMs)];
      const until = new Date(now + THROTTLE.lockMs);
      if (byLogin >= THROTTLE.perLogin) await accountRepository.lock(tx, keys[0]!, until);
      if (byIp >= THROTTLE.perIp) await accountRepository.lock(tx, keys[1]!, until);
    });
    throw new AppError(401, 'bad-login', 'problem.badLogin', 'problem.badLogin.detail');
  }
  return db.transaction(async (tx) => {
    await accountRepository.clearThrottle(tx, keys[0]!);
    const session = await createSession(tx, { userId: user.id, ttlDays: input.ttlDays, ip: ctx.ip, userAgent: input.userAgent });
    const actor = await loadActor(tx, user, { tokenHash: session.tokenHash, via: 'bearer' });
    await recordAudit(tx, { ...ctx, actor }, { action: 'user.login', entityType: 'user', entityId: user.id });
    return { user, session };
  });
}

function throttled(msLeft: number) {
  return new AppError(429, 'too-many-attempts', 'problem.throttled', 'problem.throttled.detail', {
    minutes: Math.max(1, Math.ceil(msLeft / 60_000)),
  });
}

export async function logout(db: Db, ctx: RequestContext & { actor: Actor }) {
  await db.transaction(async (tx) => {
    await revokeSession(tx, ctx.actor.session.tokenHash);
    await recordAudit(tx, ctx, { action: 'user.logout', entityType: 'user', entityId: ctx.actor.user.id });
  });
}

/** Changes the password and ends every other session of this person. */
export async function changePassword(db: Db, ctx: RequestContext & { actor: Actor }, input: { currentPassword: string; newPassword: string }) {
  const user = await accountRepository.byId(db, ctx.actor.user.id);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) throw badRequest('currentPassword', 'err.password.wrong');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await accountRepository.setPassword(tx, user.id, passwordHash);
    await revokeOtherSessions(tx, user.id, ctx.actor.session.tokenHash);
    await recordAudit(tx, ctx, { action: 'user.password.change', entityType: 'user', entityId: user.id });
  });
}

export async function me(db: Db, actor: Actor) {
  const logins = [actor.user.email, actor.user.phone].filter((v): v is string => !!v);
  const [profiles, invitations] = await Promise.all([
    accountRepository.profilesOf(db, actor.user.id),
    accountRepository.pendingInvitationsFor(db, logins),
  ]);
  return presentMe(actor, { profiles, invitations, allowedActions: allowed(platformPolicy(actor)).sort() });
}

export async function saveProfile(
  db: Db,
  ctx: RequestContext & { actor: Actor },
  kind: ProfileKind,
  input: { organizationId?: string; title?: string; fields: string[]; bio?: string; certificateNo?: string; jurisdictionCode?: string },
) {
  if (input.organizationId && !membershipIn(ctx.actor, input.organizationId)) throw badRequest('organizationId', 'err.profile.organization');
  return db.transaction(async (tx) => {
    const before = await accountRepository.profile(tx, ctx.actor.user.id, kind);
    const row = await accountRepository.upsertProfile(tx, {
      userId: ctx.actor.user.id,
      kind,
      organizationId: input.organizationId ?? null,
      data: { title: input.title, fields: input.fields, bio: input.bio, certificateNo: input.certificateNo },
    }).then((saved) => settleProfileReview(tx, ctx.actor, saved, before, input.jurisdictionCode));
    await recordAudit(tx, ctx, {
      action: before ? 'profile.update' : 'profile.create',
      entityType: 'profile',
      entityId: row.id,
      organizationId: row.organizationId,
      before: before ? presentProfile(before) : null,
      after: presentProfile(row),
    });
    return presentProfile(row);
  });
}

export async function deleteProfile(db: Db, ctx: RequestContext & { actor: Actor }, kind: ProfileKind) {
  await db.transaction(async (tx) => {
    const row = await accountRepository.deleteProfile(tx, ctx.actor.user.id, kind);
    if (!row) throw notFound('profile');
    await recordAudit(tx, ctx, { action: 'profile.delete', entityType: 'profile', entityId: row.id, before: presentProfile(row) });
  });
}

/** Creates the platform administrator named by KZT_ADMIN_EMAIL / KZT_ADMIN_PASSWORD when that account does not exist yet. */
export async function bootstrapAdmin(db: Db, ctx: RequestContext, email: string, password: string) {
  const login = normalizeLogin(email);
  if (await accountRepository.byLogin(db, login)) return false;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await accountRepository.insert(tx, { email: login, name: '平台管理员', passwordHash, isPlatformAdmin: true });
    await recordAudit(tx, ctx, { action: 'user.bootstrapAdmin', entityType: 'user', entityId: user.id, after: presentUser(user) });
  });
  return true;
}
