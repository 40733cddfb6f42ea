import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../test/testApp.ts';
import { PASSWORD, unique } from '../../../test/factories.ts';
import { seed } from '../../seed.ts';
import { loadConfig } from '../../config.ts';
import { queryRows } from '../../db/client.ts';

const t = useTestApp();

const register = (body: object, headers: Record<string, string> = {}) => t.api('POST', '/api/auth/register', { body, headers });
const login = (loginName: string, password: string, headers: Record<string, string> = {}) =>
  t.api('POST', '/api/auth/login', { body: { login: loginName, password }, headers });
const cookiesOf = (res: { cookies: { name: string; value: string }[] }) => Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));

describe('registration', () => {
  it('creates an account, signs it in and answers 201', async () => {
    const email = `new${unique()}@example.cn`;
    const res = await register({ email: ` ${email.toUpperCase()} `, password: 'a-long-password', name: '新用户' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ email, name: '新用户', isPlatformAdmin: false });
    expect(body.user.passwordHash).toBeUndefined();
    const me = await t.api('GET', '/api/me', { token: body.token });
    expect(me.json().user.email).toBe(email);
    const session = res.cookies.find((c) => c.name === 'kzt_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
  });

  it('accepts a phone number instead of an e-mail and normalises +86', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const res = await register({ phone: `+86 ${phone}`, password: 'a-long-password', name: '手机用户' });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.phone).toBe(phone);
    expect((await login(phone, 'a-long-password')).statusCode).toBe(200);
  });

  it('refuses a duplicate with 409 and keeps the first account', async () => {
    const email = `dup${unique()}@example.cn`;
    expect((await register({ email, password: 'first-password', name: '甲' })).statusCode).toBe(201);
    const again = await register({ email, password: 'second-password', name: '乙' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toMatchObject({ path: 'email', message: '该账号已注册' });
    expect((await login(email, 'first-password')).statusCode).toBe(200);
    expect((await login(email, 'second-password')).statusCode).toBe(401);
  });

  it('names each field at fault in Chinese', async () => {
    const res = await register({ email: 'not-an-email', password: 'short', name: '' });
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
    const res = await register({ password: 'a-long-password', name: '无账号' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'email', message: '请填写邮箱或手机号' }]);
  });

  it('stores injection strings verbatim', async () => {
    const name = `<script>alert(1)</script>'; drop table users; --`;
    const res = await register({ email: `inj${unique()}@example.cn`, password: 'a-long-password', name });
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

  it('throttles repeated failures, even when the right password follows', async () => {
    const u = await t.factories.user();
    for (let i = 0; i < 5; i++) expect((await login(u.email, `wrong-${i}`)).statusCode).toBe(401);
    const locked = await login(u.email, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().detail).toMatch(/分钟后再试/);
    // Another account from the same address is not locked by this one's failures.
    const other = await t.factories.user();
    expect((await login(other.email, PASSWORD)).statusCode).toBe(200);
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
