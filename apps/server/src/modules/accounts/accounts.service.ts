import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { RegisterBody } from '@kzt/shared';
import { LEGAL_VERSIONS, normalizeLogin, sameAsLogin } from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { verificationCodes } from '../../db/schema/index.ts';
import { publish } from '../../platform/events.ts';
import { notify } from '../notifications/notifications.service.ts';
import { accountMessageRequested } from './accounts.events.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { createSession, hasSignedInFrom, loadActor, revokeOtherSessions, revokeSession } from '../../platform/sessions.ts';
import { accountRepository, type UserRow } from './accounts.repository.ts';
import { presentUser } from './accounts.presenter.ts';

/** Sign-in throttling: per account and address together, per account from addresses it never signed in from, per address across accounts. */
export const THROTTLE = {
  windowMs: 60 * 60_000,
  maxDelayMs: 15 * 60_000,
  /** Attempts without delay for one account from one address; then 2 s, 4 s, 8 s … */
  perPair: 5,
  /** For one account from all addresses it has not signed in from before. */
  perAccount: 20,
  /** From one address, across accounts. */
  perIp: 50,
  /** Wrong current passwords when changing the password. */
  perPasswordChange: 5,
};

/** Registration: codes valid 10 minutes, 5 attempts, resent at most every 60 s and 5 times an hour; 30 registrations an hour per client address, then growing delays. */
export const REGISTRATION = {
  codeTtlMs: 10 * 60_000,
  maxAttempts: 5,
  resendAfterMs: 60_000,
  sendsPerHour: 5,
  perIpPerHour: 30,
};

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const codeHash = (id: string, code: string) => sha256(`${id}:${code}`);
const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** a***@example.com, 138****0000: enough for the person to recognise, not to copy. */
export function maskAddress(login: string): string {
  if (login.includes('@')) {
    const [name, domain] = login.split('@') as [string, string];
    return `${name.slice(0, 1)}***@${domain}`;
  }
  return login.length > 7 ? `${login.slice(0, 3)}****${login.slice(-4)}` : '****';
}

const channelOf = (login: string) => (login.includes('@') ? ('email' as const) : ('sms' as const));
const secondsUntil = (at: Date, now = Date.now()) => Math.max(1, Math.ceil((at.getTime() - now) / 1000));

function throttledFor(key: string, retryAt: Date) {
  return new AppError(429, 'too-many-attempts', 'problem.throttled', key, { seconds: secondsUntil(retryAt), minutes: Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 60_000)) });
}

function pendingAnswer(login: string) {
  return {
    status: 'code-sent' as const,
    channel: channelOf(login),
    sentTo: maskAddress(login),
    expiresInSeconds: REGISTRATION.codeTtlMs / 1000,
    resendAfterSeconds: REGISTRATION.resendAfterMs / 1000,
  };
}

/**
 * Step 1 of registration: sends a one-time code to the e-mail or phone. The
 * account exists only once the code is confirmed (confirmRegistration). The
 * answer is the same whether or not the address already has an account; its
 * holder gets a message instead of a code, so nobody learns from here who is
 * registered.
 */
/** A user by normalised login, or undefined (granting a role to an existing account). */
/**
 * Name and contact (e-mail, phone, account status) of these users by id, in
 * one query: how other modules show people without reading the users table.
 */
export async function userContacts(db: Executor, ids: string[]) {
  return new Map((await accountRepository.contacts(db, [...new Set(ids)])).map((u) => [u.id, u]));
}
export type UserContact = NonNullable<ReturnType<Awaited<ReturnType<typeof userContacts>>['get']>>;

/** The names of these users by id, in one query. */
export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  return new Map([...(await userContacts(db, ids))].map(([id, u]) => [id, u.name]));
}

/**
 * Every user's id and name as a subquery named `name`, for a module that
 * filters or orders its own rows by a person's name in one query (the expert
 * pool): it joins this, never the users table.
 */
export const usersTable = <N extends string>(name: N) => accountRepository.asTable(name);

/**
 * Every account's person — id, name, e-mail, phone, platform administrator,
 * verified (`verifiedAt`), status; never the password — as a subquery named
 * `name`: the actor of a request is read from it (profiles' actor source).
 */
export const peopleTable = <N extends string>(name: N) => accountRepository.peopleTable(name);

export const findUserByLogin = (db: Executor, login: string) => accountRepository.byLogin(db, login);

export async function registerUser(db: Db, ctx: RequestContext, input: RegisterBody) {
  const login = input.email ?? input.phone!;
  const ip = await accountRepository.takeAttempt(db, `register:ip:${ctx.ip}`, { free: REGISTRATION.perIpPerHour, windowMs: 60 * 60_000, maxDelayMs: 60 * 60_000 });
  if (!ip.ok) throw throttledFor('problem.registerThrottled', ip.retryAt);
  const passwordHash = await hashPassword(input.password);
  const existing = (input.email && (await accountRepository.byLogin(db, input.email))) || (input.phone && (await accountRepository.byLogin(db, input.phone))) || undefined;
  const now = new Date();
  await db.transaction(async (tx) => {
    await sendRegistrationMessage(tx, ctx, {
      login,
      existing: existing ?? null,
      now,
      data: existing
        ? null
        : { name: input.name, passwordHash, phone: input.email ? (input.phone ?? null) : null, termsVersion: LEGAL_VERSIONS.terms, privacyVersion: LEGAL_VERSIONS.privacy, consentedAt: now.toISOString() },
    });
  });
  return pendingAnswer(login);
}

/** Sends the code again (same throttle as the first send); answers the same for any address. */
export async function resendRegistrationCode(db: Db, ctx: RequestContext, input: { login: string }) {
  const login = normalizeLogin(input.login);
  const row = await accountRepository.codeFor(db, 'register', login);
  if (row && !row.usedAt) {
    const existing = await accountRepository.byLogin(db, login);
    await db.transaction((tx) => sendRegistrationMessage(tx, ctx, { login, existing: existing ?? null, now: new Date(), data: existing ? null : row.data }));
  }
  return pendingAnswer(login);
}

async function sendRegistrationMessage(
  tx: Tx,
  ctx: RequestContext,
  m: { login: string; existing: UserRow | null; now: Date; data: VerificationData | null },
) {
  const prior = await accountRepository.codeFor(tx, 'register', m.login);
  if (prior && !prior.usedAt) {
    const again = prior.sentAt.getTime() + REGISTRATION.resendAfterMs;
    if (again > m.now.getTime()) throw throttledFor('problem.resendThrottled', new Date(again));
    if (prior.sends >= REGISTRATION.sendsPerHour && prior.createdAt.getTime() > m.now.getTime() - 60 * 60_000) {
      throw throttledFor('problem.resendThrottled', new Date(prior.createdAt.getTime() + 60 * 60_000));
    }
  }
  const id = prior?.id ?? randomUUID();
  const code = newCode();
  // For an address that already has an account the stored code is never sent and matches nothing: the answer and the timing stay the same.
  const row = await accountRepository.putCode(tx, {
    id,
    purpose: 'register',
    login: m.login,
    codeHash: codeHash(id, m.existing ? randomBytes(16).toString('hex') : code),
    data: m.data,
    ip: ctx.ip,
    sentAt: m.now,
    expiresAt: new Date(m.now.getTime() + REGISTRATION.codeTtlMs),
  });
  const channel = channelOf(m.login);
  const message = m.existing
    ? {
        kind: 'account.registerExisting',
        subject: '科转通：有人尝试用您的账号注册',
        body: `您好，有人刚刚尝试用 ${m.login} 注册科转通账号。该地址已注册，我们没有新建账号。如果是您本人，请直接登录；忘记密码请联系平台管理员。如不是您本人，无需处理。`,
        // One note an hour per address, however often someone tries.
        dedupeKey: `register-existing:${m.login}:${m.now.toISOString().slice(0, 13)}`,
      }
    : {
        kind: 'account.registerCode',
        subject: '科转通注册验证码',
        body: `您的科转通注册验证码是 ${code}，10 分钟内有效。请勿告诉他人；如非本人操作，请忽略。`,
        dedupeKey: `register-code:${row.id}:${row.sentAt.toISOString()}`,
      };
  await publish(tx, accountMessageRequested, { userId: m.existing?.id ?? null, channel, address: m.login, ...message }, { actorId: null, requestId: ctx.requestId });
  await recordAudit(tx, { ...ctx, actor: null }, {
    action: m.existing ? 'user.register.existingAddress' : 'user.register.codeSent',
    entityType: m.existing ? 'user' : 'verificationCode',
    entityId: m.existing?.id ?? row.id,
    after: { login: maskAddress(m.login), channel, sends: row.sends },
  });
}

type VerificationData = NonNullable<typeof verificationCodes.$inferSelect.data>;

/**
 * Step 2 of registration: the code from the message creates the account,
 * verified, with the consent given at step 1, and signs the person in.
 * A wrong, expired, used or exhausted code changes nothing but the count.
 */
export async function confirmRegistration(db: Db, ctx: RequestContext, input: { login: string; code: string; ttlDays: number; userAgent?: string }) {
  const login = normalizeLogin(input.login);
  const row = await accountRepository.attemptCode(db, 'register', login, REGISTRATION.maxAttempts);
  if (!row) {
    const prior = await accountRepository.codeFor(db, 'register', login);
    throw badRequest('code', prior && !prior.usedAt && prior.attempts >= REGISTRATION.maxAttempts ? 'err.code.tooManyAttempts' : 'err.code.wrong');
  }
  const given = Buffer.from(codeHash(row.id, input.code.trim()));
  if (!row.data || !timingSafeEqual(given, Buffer.from(row.codeHash))) {
    await db.transaction((tx) =>
      recordAudit(tx, { ...ctx, actor: null }, { action: 'user.register.codeWrong', entityType: 'verificationCode', entityId: row.id, after: { login: maskAddress(login), attempts: row.attempts } }),
    );
    throw badRequest('code', row.attempts >= REGISTRATION.maxAttempts ? 'err.code.tooManyAttempts' : 'err.code.wrong');
  }
  const data = row.data;
  try {
    return await db.transaction(async (tx) => {
      if (!(await accountRepository.useCode(tx, row.id))) throw badRequest('code', 'err.code.wrong');
      if (await accountRepository.byLogin(tx, login)) throw badRequest('code', 'err.code.wrong');
      const email = login.includes('@') ? login : null;
      const user = await accountRepository.insert(tx, {
        email,
        phone: email ? (data.phone ?? null) : login,
        name: data.name,
        passwordHash: data.passwordHash,
        verifiedAt: new Date(),
        termsVersion: data.termsVersion,
        privacyVersion: data.privacyVersion,
        consentedAt: new Date(data.consentedAt),
      });
      await recordAudit(tx, { ...ctx, actor: null }, {
        action: 'user.register',
        entityType: 'user',
        entityId: user.id,
        after: { ...presentUser(user), consent: { terms: data.termsVersion, privacy: data.privacyVersion, at: data.consentedAt } },
      });
      const session = await createSession(tx, { userId: user.id, ttlDays: input.ttlDays, ip: ctx.ip, userAgent: input.userAgent });
      return { user, session };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw badRequest('code', 'err.code.wrong');
    throw e;
  }
}

/**
 * Checks a login. Each attempt is counted before the password is checked,
 * atomically in the database, under three keys: this account from this
 * address (5 free attempts, then doubling delays), this account from
 * addresses it never signed in from (20), and this address across accounts
 * (50). Someone guessing from elsewhere therefore slows down themselves, not
 * the owner at their own address. Repeated failures are audited and the
 * owner is told by a notification. Unknown logins cost the same time.
 */
export async function login(db: Db, ctx: RequestContext, input: { login: string; password: string; ttlDays: number; userAgent?: string }) {
  const name = normalizeLogin(input.login);
  const user = await accountRepository.byLogin(db, name);
  const knownAddress = user ? await hasSignedInFrom(db, user.id, ctx.ip) : false;
  const opts = { windowMs: THROTTLE.windowMs, maxDelayMs: THROTTLE.maxDelayMs };
  const keys: { key: string; free: number }[] = [
    { key: `login:${name}|ip:${ctx.ip}`, free: THROTTLE.perPair },
    ...(knownAddress ? [] : [{ key: `login:${name}`, free: THROTTLE.perAccount }]),
    { key: `ip:${ctx.ip}`, free: THROTTLE.perIp },
  ];
  const taken: { key: string; free: number; failures: number }[] = [];
  for (const k of keys) {
    const r = await accountRepository.takeAttempt(db, k.key, { free: k.free, ...opts });
    if (!r.ok) {
      await db.transaction((tx) =>
        recordAudit(tx, { ...ctx, actor: null }, { action: 'user.login.throttled', entityType: 'user', entityId: user?.id ?? `login:${maskAddress(name)}`, after: { login: maskAddress(name), key: k.key.replace(name, maskAddress(name)) } }),
      );
      throw throttledFor('problem.loginDelayed', r.retryAt);
    }
    taken.push({ ...k, failures: r.failures });
  }

  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash(), input.password), false);
  if (!ok || !user || user.status !== 'active') {
    await db.transaction(async (tx) => {
      await recordAudit(tx, { ...ctx, actor: null }, {
        action: 'user.login.fail',
        entityType: 'user',
        entityId: user?.id ?? `login:${maskAddress(name)}`,
        after: { login: maskAddress(name), failures: Math.max(...taken.map((k) => k.failures)) },
      });
      // The owner hears of it once per window, when guessing starts to be slowed down.
      const reached = taken.find((k) => k.key.startsWith('login:') && k.failures === k.free);
      if (user && reached) {
        await notify(tx, {
          userId: user.id,
          kind: 'security.loginFailures',
          dedupeKey: `login-failures:${user.id}:${reached.key === `login:${name}` ? 'any' : ctx.ip}:${new Date().toISOString().slice(0, 13)}`,
          title: '您的账号多次登录失败',
          body: `有人从地址 ${ctx.ip} 多次用错误的密码登录您的账号（最近一次 ${new Date().toISOString()}）。如不是您本人，请尽快修改密码；您从常用地址登录不受影响。`,
          link: '/account',
        });
      }
    });
    throw new AppError(401, 'bad-login', 'problem.badLogin', 'problem.badLogin.detail');
  }
  return db.transaction(async (tx) => {
    for (const k of taken) {
      if (k.key.startsWith('login:')) await accountRepository.clearThrottle(tx, k.key);
      else await accountRepository.refundAttempt(tx, k.key);
    }
    const session = await createSession(tx, { userId: user.id, ttlDays: input.ttlDays, ip: ctx.ip, userAgent: input.userAgent });
    const actor = await loadActor(tx, user, { tokenHash: session.tokenHash, via: 'bearer' });
    await recordAudit(tx, { ...ctx, actor }, { action: 'user.login', entityType: 'user', entityId: user.id });
    return { user, session };
  });
}

export async function logout(db: Db, ctx: RequestContext & { actor: Actor }) {
  await db.transaction(async (tx) => {
    await revokeSession(tx, ctx.actor.session.tokenHash);
    await recordAudit(tx, ctx, { action: 'user.logout', entityType: 'user', entityId: ctx.actor.user.id });
  });
}

/** Changes the password (the current one is required; wrong ones are throttled and audited) and ends every other session of this person. */
export async function changePassword(db: Db, ctx: RequestContext & { actor: Actor }, input: { currentPassword: string; newPassword: string }) {
  const key = `password:${ctx.actor.user.id}`;
  const attempt = await accountRepository.takeAttempt(db, key, { free: THROTTLE.perPasswordChange, windowMs: THROTTLE.windowMs, maxDelayMs: THROTTLE.maxDelayMs });
  if (!attempt.ok) throw throttledFor('problem.passwordThrottled', attempt.retryAt);
  const user = await accountRepository.byId(db, ctx.actor.user.id);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await db.transaction((tx) => recordAudit(tx, ctx, { action: 'user.password.changeRefused', entityType: 'user', entityId: ctx.actor.user.id, after: { failures: attempt.failures } }));
    throw badRequest('currentPassword', 'err.password.wrong');
  }
  if (sameAsLogin(input.newPassword, [user.email, user.phone])) throw badRequest('newPassword', 'err.password.sameAsLogin');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await accountRepository.clearThrottle(tx, key);
    await accountRepository.setPassword(tx, user.id, passwordHash);
    await revokeOtherSessions(tx, user.id, ctx.actor.session.tokenHash);
    await recordAudit(tx, ctx, { action: 'user.password.change', entityType: 'user', entityId: user.id });
  });
}

/** Creates the platform administrator named by KZT_ADMIN_EMAIL / KZT_ADMIN_PASSWORD when that account does not exist yet. */
export async function bootstrapAdmin(db: Db, ctx: RequestContext, email: string, password: string) {
  const login = normalizeLogin(email);
  if (await accountRepository.byLogin(db, login)) return false;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await accountRepository.insert(tx, { email: login, name: '平台管理员', passwordHash, isPlatformAdmin: true, verifiedAt: new Date() });
    await recordAudit(tx, ctx, { action: 'user.bootstrapAdmin', entityType: 'user', entityId: user.id, after: presentUser(user) });
  });
  return true;
}
