import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../test/testApp.ts';
import { PASSWORD, unique } from '../../../test/factories.ts';
import { seed } from '../../seed.ts';
import { loadConfig } from '../../config.ts';
import { queryRows } from '../../db/client.ts';
import { LEGAL_VERSIONS } from '@kzt/shared';
import { CONSENT, codeFor, messagesTo, registerVerified } from '../../../test/registration.ts';

const t = useTestApp();

const register = (body: object, headers: Record<string, string> = {}) => t.api('POST', '/api/auth/register', { body, headers });
const login = (loginName: string, password: string, headers: Record<string, string> = {}) =>
  t.api('POST', '/api/auth/login', { body: { login: loginName, password }, headers });
const cookiesOf = (res: { cookies: { name: string; value: string }[] }) => Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));

describe('registration', () => {
  it('sends a code and creates the account, signed in, only when the code is confirmed', async () => {
    const email = `new${unique()}@example.cn`;
    const res = await register({ email: ` ${email.toUpperCase()} `, password: 'a-long-password', name: '新用户', ...CONSENT });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'code-sent', channel: 'email', sentTo: `${email[0]}***@example.cn`, expiresInSeconds: 600, resendAfterSeconds: 60 });
    // Before the code, there is no account: the password does not sign in.
    expect((await login(email, 'a-long-password')).statusCode).toBe(401);
    const code = await codeFor(t, email);
    expect(code).toMatch(/^\d{6}$/);
    // Only the code's hash is stored.
    const [stored] = await queryRows<{ code_hash: string }>(t.database.db, sql`select code_hash from verification_codes where login = ${email}`);
    expect(stored!.code_hash).not.toContain(code!);
    const ok = await t.api('POST', '/api/auth/register/verify', { body: { login: email, code } });
    expect(ok.statusCode).toBe(201);
    const body = ok.json();
    expect(body.user).toMatchObject({ email, name: '新用户', isPlatformAdmin: false, verified: true });
    expect(body.user.passwordHash).toBeUndefined();
    const me = await t.api('GET', '/api/me', { token: body.token });
    expect(me.json().user.email).toBe(email);
    const session = ok.cookies.find((c) => c.name === 'kzt_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    // A code is used once.
    expect((await t.api('POST', '/api/auth/register/verify', { body: { login: email, code } })).statusCode).toBe(400);
  });

  it('refuses a wrong code, and after five wrong codes even the right one', async () => {
    const email = `otp${unique()}@example.cn`;
    expect((await register({ email, password: 'a-long-password', name: '试码', ...CONSENT })).statusCode).toBe(202);
    const code = (await codeFor(t, email))!;
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await t.api('POST', '/api/auth/register/verify', { body: { login: email, code: wrong } });
    expect(first.statusCode).toBe(400);
    expect(first.json().errors).toEqual([{ path: 'code', message: '验证码不正确或已过期，请检查后重试，或重新获取验证码' }]);
    for (let i = 0; i < 4; i++) await t.api('POST', '/api/auth/register/verify', { body: { login: email, code: wrong } });
    const late = await t.api('POST', '/api/auth/register/verify', { body: { login: email, code } });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0].message).toBe('验证码输错次数过多，请重新获取验证码');
    expect((await login(email, 'a-long-password')).statusCode).toBe(401);
  });

  it('refuses an expired code', async () => {
    const email = `exp${unique()}@example.cn`;
    await register({ email, password: 'a-long-password', name: '过期', ...CONSENT });
    const code = (await codeFor(t, email))!;
    await t.database.db.execute(sql`update verification_codes set expires_at = now() - interval '1 second' where login = ${email}`);
    expect((await t.api('POST', '/api/auth/register/verify', { body: { login: email, code } })).statusCode).toBe(400);
  });

  it('throttles resending the code', async () => {
    const email = `resend${unique()}@example.cn`;
    await register({ email, password: 'a-long-password', name: '重发', ...CONSENT });
    const again = await t.api('POST', '/api/auth/register/resend', { body: { login: email } });
    expect(again.statusCode).toBe(429);
    expect(again.json().detail).toMatch(/秒后再重新获取/);
  });

  it('accepts a phone number instead of an e-mail and normalises +86; the code goes by SMS', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const first = await register({ phone: `+86 ${phone}`, password: 'a-long-password', name: '手机用户', ...CONSENT });
    expect(first.json()).toMatchObject({ channel: 'sms', sentTo: `${phone.slice(0, 3)}****${phone.slice(-4)}` });
    const res = await t.api('POST', '/api/auth/register/verify', { body: { login: phone, code: await codeFor(t, phone) } });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.phone).toBe(phone);
    expect((await login(phone, 'a-long-password')).statusCode).toBe(200);
  });

  it('reads a phone number, a code and an address typed with a Chinese input method’s full-width digits as the plain ones', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const wide = (s: string) => s.replace(/[0-9+@.a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const first = await register({ phone: `${wide('+86')}\u3000${wide(phone)}`, password: 'a-long-password', name: '全角用户', ...CONSENT });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ channel: 'sms', sentTo: `${phone.slice(0, 3)}****${phone.slice(-4)}` });
    const code = (await codeFor(t, phone))!;
    // The login named in full-width and the code in full-width with a space: the same account, the same code.
    const res = await t.api('POST', '/api/auth/register/verify', { body: { login: wide(phone), code: `${wide(code.slice(0, 3))} ${wide(code.slice(3))}` } });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.phone).toBe(phone);
    expect((await login(wide(phone), 'a-long-password')).statusCode).toBe(200);
    // Full-width letters of an address read alike at registration and at sign-in.
    const email = `wide${unique()}@example.cn`;
    expect((await register({ email: wide(email), password: 'a-long-password', name: '全角邮箱', ...CONSENT })).statusCode).toBe(202);
    expect((await t.api('POST', '/api/auth/register/verify', { body: { login: wide(email), code: await codeFor(t, email) } })).json().user.email).toBe(email);
    expect((await login(wide(email), 'a-long-password')).statusCode).toBe(200);
    // What is no code even so is still refused, naming the field.
    const bad = await t.api('POST', '/api/auth/register/verify', { body: { login: phone, code: '12345' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('code');
  });

  it('answers the same for a registered address, tells its holder instead, and keeps the account', async () => {
    const email = `dup${unique()}@example.cn`;
    expect((await registerVerified(t, { email, password: 'first-password', name: '甲' })).statusCode).toBe(201);
    const fresh = `fresh${unique()}@example.cn`;
    const again = await register({ email, password: 'second-password', name: '乙', ...CONSENT });
    const other = await register({ email: fresh, password: 'second-password', name: '乙', ...CONSENT });
    expect(again.statusCode).toBe(202);
    expect(other.statusCode).toBe(202);
    const shape = (b: { sentTo: string }) => ({ ...b, sentTo: b.sentTo.replace(/^.\*\*\*@/, '') });
    expect(shape(again.json())).toEqual(shape(other.json()));
    const messages = await messagesTo(t, email);
    expect(messages[0]).toMatchObject({ kind: 'account.registerExisting' });
    // No six-digit code in it (the address itself, which may hold digits, left aside).
    expect(messages[0]!.body.replace(email, '')).not.toMatch(/\d{6}/);
    // No code works for the existing address; the first account keeps its password.
    for (const code of ['000000', '123456']) expect((await t.api('POST', '/api/auth/register/verify', { body: { login: email, code } })).statusCode).toBe(400);
    expect((await login(email, 'first-password')).statusCode).toBe(200);
    expect((await login(email, 'second-password')).statusCode).toBe(401);
  });

  it('refuses weak passwords with a message at the password field', async () => {
    const cases: [string, string][] = [
      ['12345678', '这是最常被猜中的密码之一，请换一个'],
      ['Password', '这是最常被猜中的密码之一，请换一个'],
      ['aaaaaaaaaa', '密码不能是重复或连续的字符（如 11111111、abcdefgh）'],
      ['abcdefghij', '密码不能是重复或连续的字符（如 11111111、abcdefgh）'],
      ['onlyletterspassword', '密码须包含字母、数字、符号中的至少两类'],
      ['short1', '密码至少需要 8 个字符'],
    ];
    for (const [password, message] of cases) {
      const res = await register({ email: `weak${unique()}@example.cn`, password, name: '弱', ...CONSENT });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().errors, password).toEqual([{ path: 'password', message }]);
    }
    const same = await register({ email: 'same.as.login@example.cn', password: 'same.as.login@example.cn', name: '同', ...CONSENT });
    expect(same.json().errors).toEqual([{ path: 'password', message: '密码不能与邮箱或手机号相同' }]);
  });

  it('asks consent to the user agreement and the privacy policy, and keeps its versions and time', async () => {
    const email = `consent${unique()}@example.cn`;
    const without = await register({ email, password: 'a-long-password', name: '同意' });
    expect(without.statusCode).toBe(400);
    expect(without.json().errors).toEqual([
      { path: 'acceptTerms', message: '请阅读并同意《用户协议》' },
      { path: 'acceptPrivacy', message: '请阅读并同意《隐私政策》（个人信息处理规则）' },
    ]);
    const half = await register({ email, password: 'a-long-password', name: '同意', acceptTerms: true, acceptPrivacy: false });
    expect(half.json().errors).toEqual([{ path: 'acceptPrivacy', message: '请阅读并同意《隐私政策》（个人信息处理规则）' }]);
    const before = Date.now();
    expect((await registerVerified(t, { email, password: 'a-long-password', name: '同意' })).statusCode).toBe(201);
    const [u] = await queryRows<{ terms_version: string; privacy_version: string; consented_at: string }>(
      t.database.db,
      sql`select terms_version, privacy_version, consented_at from users where email = ${email}`,
    );
    expect(u).toMatchObject({ terms_version: LEGAL_VERSIONS.terms, privacy_version: LEGAL_VERSIONS.privacy });
    expect(new Date(u!.consented_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('throttles registrations from one address', async () => {
    const from = (i: number) => t.app.inject({ method: 'POST', url: '/api/auth/register', remoteAddress: '10.9.9.9', payload: { email: `flood${i}${unique()}@example.cn`, password: 'a-long-password', name: '洪', ...CONSENT } });
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await from(i)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 202)).toBe(true);
    expect(codes.slice(30)).toEqual([429, 429]);
  });

  it('names each field at fault in Chinese', async () => {
    const res = await register({ email: 'not-an-email', password: 'short', name: '', ...CONSENT });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const errors = res.json().errors as { path: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'email', message: '邮箱格式不正确' },
        { path: 'password', message: '密码至少需要 8 个字符' },
        { path: 'name', message: '此项为必填项' },
      ]),
    );
  });

  it('needs an e-mail or a phone', async () => {
    const res = await register({ password: 'a-long-password', name: '无账号', ...CONSENT });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'email', message: '请填写邮箱或手机号' }]);
  });

  it('stores injection strings verbatim', async () => {
    const name = `<script>alert(1)</script>'; drop table users; --`;
    const res = await registerVerified(t, { email: `inj${unique()}@example.cn`, password: 'a-long-password', name });
    expect(res.statusCode).toBe(201);
    expect((await t.api('GET', '/api/me', { token: res.json().token })).json().user.name).toBe(name);
    const [count] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from users`);
    expect(count!.n).toBeGreaterThan(1);
  });
});

describe('login', () => {
  it('returns a token that works as a Bearer token, and sets the session cookies', async () => {
    const u = await t.factories.user();
    const res = await login(u.email, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(typeof res.json().token).toBe('string');
    expect(Object.keys(cookiesOf(res))).toEqual(expect.arrayContaining(['kzt_session', 'kzt_csrf']));
    expect((await t.api('GET', '/api/me', { token: res.json().token })).statusCode).toBe(200);
  });

  it('gives one generic 401 for an unknown login and for a wrong password', async () => {
    const u = await t.factories.user();
    const wrong = await login(u.email, 'not-the-password');
    const unknown = await login(`nobody${unique()}@example.cn`, 'whatever-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().title).toBe('账号或密码错误');
    expect(unknown.json().title).toBe(wrong.json().title);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect((await login(u.email, 'x', { 'accept-language': 'en-US,en' })).json().title).toBe('Wrong login or password');
  });

  it('slows down repeated failures from one address, even when the right password follows', async () => {
    const u = await t.factories.user();
    for (let i = 0; i < 5; i++) expect((await login(u.email, `wrong-${i}`)).statusCode).toBe(401);
    const delayed = await login(u.email, PASSWORD);
    expect(delayed.statusCode).toBe(429);
    expect(delayed.json().detail).toMatch(/^登录失败次数较多，为保护账号，请 \d+ 秒后再试。$/);
    // Another account from the same address is not slowed by this one's failures.
    const other = await t.factories.user();
    expect((await login(other.email, PASSWORD)).statusCode).toBe(200);
  });

  it('cannot be forced on the owner: guesses from elsewhere do not slow the owner at their own address', async () => {
    const u = await t.factories.user();
    const from = (ip: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { login: u.email, password } });
    expect((await from('10.1.1.1', PASSWORD)).statusCode).toBe(200); // the owner's own address
    const attacker: number[] = [];
    for (let i = 0; i < 12; i++) attacker.push((await from('10.6.6.6', `guess-${i}`)).statusCode);
    expect(attacker.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(attacker.slice(5).every((c) => c === 429)).toBe(true);
    expect((await from('10.1.1.1', PASSWORD)).statusCode).toBe(200);
  });

  it('counts parallel attempts exactly: of 20 at once, 5 are checked and 15 wait', async () => {
    const u = await t.factories.user();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(u.email, `parallel-${i}`)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
  });

  it('audits failed logins and tells the owner of repeated failures', async () => {
    const u = await t.factories.user();
    for (let i = 0; i < 5; i++) await login(u.email, `wrong-${i}`);
    const [fails] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'user.login.fail' and entity_id = ${u.id}`);
    expect(fails!.n).toBe(5);
    const list = (await t.api('GET', '/api/notifications', { token: u.token })).json();
    expect(list.items).toEqual([expect.objectContaining({ kind: 'security.loginFailures', title: '您的账号多次登录失败' })]);
  });

  it('answers 401 for a revoked, expired or made-up token', async () => {
    const u = await t.factories.user();
    expect((await t.api('GET', '/api/me', { token: 'made-up-token' })).statusCode).toBe(401);
    await t.database.db.execute(sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${u.id}`);
    const expired = await t.api('GET', '/api/me', { token: u.token });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().title).toBe('请先登录');
  });
});

describe('sessions', () => {
  it('logout ends the session', async () => {
    const u = await t.factories.user();
    expect((await t.api('POST', '/api/auth/logout', { token: u.token })).statusCode).toBe(204);
    expect((await t.api('GET', '/api/me', { token: u.token })).statusCode).toBe(401);
  });

  it('a password change ends every other session and keeps the current one', async () => {
    const u = await t.factories.user();
    const other = (await login(u.email, PASSWORD)).json().token;
    const res = await t.api('POST', '/api/auth/password', { token: u.token, body: { currentPassword: PASSWORD, newPassword: 'brand-new-password' } });
    expect(res.statusCode).toBe(204);
    expect((await t.api('GET', '/api/me', { token: u.token })).statusCode).toBe(200);
    expect((await t.api('GET', '/api/me', { token: other })).statusCode).toBe(401);
    expect((await login(u.email, PASSWORD)).statusCode).toBe(401);
    expect((await login(u.email, 'brand-new-password')).statusCode).toBe(200);
  });

  it('refuses a password change with the wrong current password', async () => {
    const u = await t.factories.user();
    const res = await t.api('POST', '/api/auth/password', { token: u.token, body: { currentPassword: 'wrong-one', newPassword: 'brand-new-password' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'currentPassword', message: '当前密码不正确' }]);
    expect((await login(u.email, PASSWORD)).statusCode).toBe(200);
  });

  it('throttles wrong current passwords and audits them', async () => {
    const u = await t.factories.user();
    for (let i = 0; i < 5; i++) {
      expect((await t.api('POST', '/api/auth/password', { token: u.token, body: { currentPassword: `wrong-${i}`, newPassword: 'brand-new-password' } })).statusCode).toBe(400);
    }
    const sixth = await t.api('POST', '/api/auth/password', { token: u.token, body: { currentPassword: PASSWORD, newPassword: 'brand-new-password' } });
    expect(sixth.statusCode).toBe(429);
    expect((await login(u.email, PASSWORD)).statusCode).toBe(200);
    const [refused] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'user.password.changeRefused' and entity_id = ${u.id}`);
    expect(refused!.n).toBe(5);
  });

  it('protects cookie-authenticated writes against CSRF', async () => {
    const u = await t.factories.user();
    const res = await login(u.email, PASSWORD);
    const c = cookiesOf(res);
    const cookie = `kzt_session=${c.kzt_session}`;
    const body = { name: '某单位', type: 'enterprise', creditCode: '91350100M000100Y43', jurisdictionCode: '140700' };
    const without = await t.api('POST', '/api/organizations', { body, headers: { cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().type).toBe('/api/problems/csrf');
    const forged = await t.api('POST', '/api/organizations', { body, headers: { cookie, 'x-csrf-token': 'forged' } });
    expect(forged.statusCode).toBe(403);
    const [refused] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'security.csrfRefused' and actor_id = ${u.id}`);
    expect(refused!.n).toBe(2);
    const ok = await t.api('POST', '/api/organizations', { body, headers: { cookie, 'x-csrf-token': c.kzt_csrf! } });
    expect(ok.statusCode).toBe(201);
    // Reads with the cookie need no token.
    expect((await t.api('GET', '/api/me', { headers: { cookie } })).statusCode).toBe(200);
  });
});

describe('/api/me', () => {
  it('lists organisations, roles, administered jurisdictions and allowed actions', async () => {
    const admin = await t.factories.admin('140700');
    const me = (await t.api('GET', '/api/me', { token: admin.token })).json();
    expect(me.adminOf).toEqual([{ code: '140700', name: '晋中市' }]);
    expect(me.roles).toContain('jurisdiction_admin');
    expect(me.allowedActions).toEqual(expect.arrayContaining(['admin.verify', 'audit.read']));

    const owner = await t.factories.user();
    const org = await t.factories.organization(owner, { type: 'university' });
    const ownerMe = (await t.api('GET', '/api/me', { token: owner.token })).json();
    expect(ownerMe.organizations).toEqual([expect.objectContaining({ id: org.id, role: 'owner', type: 'university', status: 'verified', jurisdictionCode: '140700' })]);
    expect(ownerMe.roles).toEqual(expect.arrayContaining(['org_owner', 'university']));
    expect(ownerMe.allowedActions).not.toContain('admin.verify');
  });

  it('is 401 for anonymous callers; /api/session answers them with me: null', async () => {
    expect((await t.api('GET', '/api/me')).statusCode).toBe(401);
    const anon = await t.api('GET', '/api/session');
    expect(anon.statusCode).toBe(200);
    expect(anon.json()).toEqual({ me: null });
    const u = await t.factories.user();
    expect((await t.api('GET', '/api/session', { token: u.token })).json().me.user.id).toBe(u.id);
  });
});

describe('person profiles', () => {
  it('attaches researcher, broker and expert profiles to a user', async () => {
    const u = await t.factories.user();
    const org = await t.factories.organization(u, { type: 'university' });
    const put = await t.api('PUT', '/api/me/profiles/expert', { token: u.token, body: { organizationId: org.id, title: '研究员', fields: ['新材料'] } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ kind: 'expert', organizationId: org.id, title: '研究员', fields: ['新材料'] });
    await t.api('PUT', '/api/me/profiles/broker', { token: u.token, body: { fields: [], certificateNo: 'JJR-2026-001' } });
    const me = (await t.api('GET', '/api/me', { token: u.token })).json();
    expect(me.profiles.map((p: { kind: string }) => p.kind)).toEqual(['broker', 'expert']);
    // A claimed profile is no role until an administrator of its jurisdiction approves it.
    expect(me.profiles.map((p: { status: string }) => p.status)).toEqual(['pending', 'pending']);
    expect(me.roles).not.toContain('broker');
    await t.factories.approvedProfile(u.id, 'broker');
    await t.factories.approvedProfile(u.id, 'expert');
    expect((await t.api('GET', '/api/me', { token: u.token })).json().roles).toEqual(expect.arrayContaining(['broker', 'expert']));
    expect((await t.api('DELETE', '/api/me/profiles/broker', { token: u.token })).statusCode).toBe(204);
    expect((await t.api('DELETE', '/api/me/profiles/broker', { token: u.token })).statusCode).toBe(404);
  });

  it('refuses linking an organisation the person does not belong to, and unknown kinds', async () => {
    const u = await t.factories.user();
    const stranger = await t.factories.user();
    const org = await t.factories.organization(stranger);
    const res = await t.api('PUT', '/api/me/profiles/researcher', { token: u.token, body: { organizationId: org.id, fields: [] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('organizationId');
    expect((await t.api('PUT', '/api/me/profiles/astronaut', { token: u.token, body: { fields: [] } })).statusCode).toBe(400);
  });
});

describe('bootstrap administrator', () => {
  it('creates the configured platform administrator once', async () => {
    const email = `boot${unique()}@example.cn`;
    const config = { ...loadConfig({ NODE_ENV: 'production', KZT_ADMIN_EMAIL: email, KZT_ADMIN_PASSWORD: 'bootstrap-pass-1' }) };
    await seed(t.database.db, config, () => {});
    await seed(t.database.db, { ...config, adminPassword: 'another-password' }, () => {});
    const res = await login(email, 'bootstrap-pass-1');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.isPlatformAdmin).toBe(true);
    // Production seeds no demo accounts: no known password exists.
    expect((await login('admin@kzt.demo', 'Demo@2026')).statusCode).toBe(401);
  });
});
