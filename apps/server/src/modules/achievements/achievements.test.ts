import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique } from '../../../test/factories.ts';
import { achievementBody, publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { sql } from 'drizzle-orm';

const t = useTestApp();

describe('achievement lifecycle', () => {
  it('draft → submitted → published, visible in the catalogue only once published', async () => {
    const { owner, admin } = await university(t);
    const title = `锂离子电池健康状态估计${unique()}`;
    const created = await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody({ title }) });
    expect(created.statusCode).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ status: 'draft', title, price: 50_000_000, maturityStage: '中试', version: 1 });
    expect(a.allowedActions).toEqual(expect.arrayContaining(['update', 'submit']));
    expect((await t.api('GET', `/api/achievements/${a.id}`)).statusCode).toBe(404);

    expect((await t.api('POST', `/api/achievements/${a.id}/submit`, { token: owner.token })).json().status).toBe('submitted');
    const queue = (await t.api('GET', '/api/achievements?scope=review&status=submitted', { token: admin.token })).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(a.id);

    const published = await t.api('POST', `/api/achievements/${a.id}/review`, { token: admin.token, body: { decision: 'approve' } });
    expect(published.json()).toMatchObject({ status: 'published' });
    const pub = (await t.api('GET', `/api/achievements/${a.id}`)).json();
    expect(pub).toMatchObject({ status: 'published', title, restricted: false });
    expect(pub.allowedActions).toEqual([]);
  });

  it('an administrator returns with a reason the owner sees; a re-submission follows', async () => {
    const { owner, admin } = await university(t);
    const id = (await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody() })).json().id;
    await t.api('POST', `/api/achievements/${id}/submit`, { token: owner.token });
    const noReason = await t.api('POST', `/api/achievements/${id}/review`, { token: admin.token, body: { decision: 'return' } });
    expect(noReason.statusCode).toBe(400);
    const returned = await t.api('POST', `/api/achievements/${id}/review`, { token: admin.token, body: { decision: 'return', reason: '请补充专利证书号' } });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewReason: '请补充专利证书号' });
    expect((await t.api('GET', `/api/achievements/${id}`, { token: owner.token })).json().reviewReason).toBe('请补充专利证书号');
    expect((await t.api('POST', `/api/achievements/${id}/submit`, { token: owner.token })).json().status).toBe('submitted');
  });

  it('a reviewer from another jurisdiction and a non-member editor are refused, nothing changes', async () => {
    const { owner, admin } = await university(t);
    const id = (await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody() })).json().id;
    await t.api('POST', `/api/achievements/${id}/submit`, { token: owner.token });
    const weihai = await t.factories.admin('371000');
    expect((await t.api('POST', `/api/achievements/${id}/review`, { token: weihai.token, body: { decision: 'approve' } })).statusCode).toBe(404);
    const member = await t.factories.user();
    expect((await t.api('POST', `/api/achievements/${id}/review`, { token: owner.token, body: { decision: 'approve' } })).statusCode).toBe(403);
    expect((await t.api('PATCH', `/api/achievements/${id}`, { token: member.token, body: { title: '篡改' } })).statusCode).toBe(404);
    await t.api('POST', `/api/achievements/${id}/review`, { token: admin.token, body: { decision: 'approve' } });
    const stranger = await t.factories.user();
    expect((await t.api('PATCH', `/api/achievements/${id}`, { token: stranger.token, body: { title: '篡改' } })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/achievements/${id}`)).json().title).toBe(achievementBody().title);
    // Reviewing twice is a state conflict.
    expect((await t.api('POST', `/api/achievements/${id}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(409);
  });

  it('every change to a published achievement is kept as a version', async () => {
    const { owner, admin } = await university(t);
    const id = await publishedAchievement(t, owner, admin);
    await t.api('PATCH', `/api/achievements/${id}`, { token: owner.token, body: { maturity: 7 } });
    await t.api('PATCH', `/api/achievements/${id}`, { token: owner.token, body: { price: '面议' } });
    const now = (await t.api('GET', `/api/achievements/${id}`, { token: owner.token })).json();
    expect(now).toMatchObject({ status: 'published', version: 3, maturity: 7, price: null, priceNegotiable: true });
    // A partial change leaves every other field as it was.
    expect(now).toMatchObject({ keywords: achievementBody().keywords, completers: achievementBody().completers, ip: achievementBody().ip, title: achievementBody().title });
    const versions = (await t.api('GET', `/api/achievements/${id}/versions`, { token: owner.token })).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions.items[2].snapshot).toMatchObject({ maturity: 6, price: 50_000_000 });
    expect(versions.items[1].snapshot).toMatchObject({ maturity: 7, price: 50_000_000 });
    expect((await t.api('GET', `/api/achievements/${id}/versions`)).statusCode).toBe(401);
  });

  it('withdrawn records leave the catalogue', async () => {
    const { owner, admin } = await university(t);
    const id = await publishedAchievement(t, owner, admin);
    expect((await t.api('POST', `/api/achievements/${id}/withdraw`, { token: owner.token, body: { reason: '已转让' } })).json().status).toBe('withdrawn');
    expect((await t.api('GET', `/api/achievements/${id}`)).statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it('refuses shares not summing to 100, maturity out of range, negative or float prices, with the field at fault', async () => {
    const { owner } = await university(t);
    const post = (body: Record<string, unknown>) => t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody(body) });
    const shares = await post({ completers: [{ name: '甲', share: 60 }, { name: '乙', share: 30 }] });
    expect(shares.statusCode).toBe(400);
    expect(shares.json().errors).toEqual([{ path: 'completers', message: '完成人份额合计必须为 100%' }]);
    expect((await post({ completers: [{ name: '甲', share: 33.33 }, { name: '乙', share: 33.33 }, { name: '丙', share: 33.34 }] })).statusCode).toBe(201);
    expect((await post({ maturity: 10 })).json().errors).toEqual([{ path: 'maturity', message: '成熟度应为 1–9 的整数' }]);
    expect((await post({ maturity: 0 })).json().errors[0].path).toBe('maturity');
    expect((await post({ price: -1 })).json().errors).toEqual([{ path: 'price', message: '金额应为以“分”为单位的非负整数' }]);
    expect((await post({ price: 12.5 })).json().errors[0].path).toBe('price');
    expect((await post({ industry: 'Z' })).json().errors[0].path).toBe('industry');
    expect((await post({ transferModes: ['gift'] })).json().errors[0].path).toBe('transferModes.0');
  });

  it('a person without an organisation cannot register achievements', async () => {
    const u = await t.factories.user();
    const res = await t.api('POST', '/api/achievements', { token: u.token, body: achievementBody() });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'organizationId', message: '请先加入或申请一个单位' }]);
  });

  it('a pending organisation keeps drafts but cannot submit', async () => {
    const owner = await t.factories.user();
    await t.factories.organization(owner, { status: 'pending', type: 'university' });
    const created = (await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody() })).json();
    const id = created.id;
    // The draft does not offer 提交审核 to a pending organisation (the page says why), but may be edited.
    expect(created.allowedActions).toContain('update');
    expect(created.allowedActions).not.toContain('submit');
    expect((await t.api('GET', `/api/achievements/${id}`, { token: owner.token })).json().allowedActions).not.toContain('submit');
    const res = await t.api('POST', `/api/achievements/${id}/submit`, { token: owner.token });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('单位尚未通过认证');
  });
});

describe('confidentiality', () => {
  it('abstract shows title, summary, industry and maturity to all; the rest after an approved access request', async () => {
    const { owner, admin } = await university(t);
    const id = await publishedAchievement(t, owner, admin, { confidentiality: 'abstract', title: `摘要公开成果${unique()}` });
    const anon = (await t.api('GET', `/api/achievements/${id}`)).json();
    expect(anon).toMatchObject({ restricted: true, industry: 'C', maturity: 6 });
    expect(anon.price).toBeUndefined();
    expect(anon.completers).toBeUndefined();
    expect(anon.ip).toBeUndefined();
    expect(anon.keywords).toBeUndefined();

    const buyer = await t.factories.user();
    await t.factories.organization(buyer, { type: 'enterprise', status: 'verified' });
    const before = (await t.api('GET', `/api/achievements/${id}`, { token: buyer.token })).json();
    expect(before.allowedActions).toContain('requestAccess');
    const req = await t.api('POST', `/api/achievements/${id}/access-requests`, { token: buyer.token, body: { reason: '拟洽谈许可' } });
    expect(req.statusCode).toBe(201);
    expect((await t.api('POST', `/api/achievements/${id}/access-requests`, { token: buyer.token, body: { reason: '再次' } })).statusCode).toBe(409);

    // The buyer cannot decide their own request; the owner declines with a reason, then a new request is approved.
    expect((await t.api('POST', `/api/achievements/access-requests/${req.json().id}/decision`, { token: buyer.token, body: { decision: 'approve' } })).statusCode).toBe(403);
    const list = (await t.api('GET', `/api/achievements/${id}/access-requests`, { token: owner.token })).json();
    expect(list.items).toEqual([expect.objectContaining({ id: req.json().id, status: 'pending', reason: '拟洽谈许可' })]);
    expect((await t.api('POST', `/api/achievements/access-requests/${req.json().id}/decision`, { token: owner.token, body: { decision: 'approve' } })).json().status).toBe('approved');

    const after = (await t.api('GET', `/api/achievements/${id}`, { token: buyer.token })).json();
    expect(after).toMatchObject({ restricted: false, price: 50_000_000 });
    expect(after.completers).toHaveLength(2);
    // Other outsiders still see the abstract only, in lists too.
    const other = await t.factories.user();
    expect((await t.api('GET', `/api/achievements/${id}`, { token: other.token })).json().restricted).toBe(true);
    const listed = (await t.api('GET', `/api/achievements?q=${encodeURIComponent(anon.title)}`)).json().items.find((x: { id: string }) => x.id === id);
    expect(listed.restricted).toBe(true);
    expect(listed.price).toBeUndefined();
  });

  it('a declined request needs a reason', async () => {
    const { owner, admin } = await university(t);
    const id = await publishedAchievement(t, owner, admin, { confidentiality: 'abstract' });
    const buyer = await t.factories.user();
    await t.factories.organization(buyer);
    const req = (await t.api('POST', `/api/achievements/${id}/access-requests`, { token: buyer.token, body: { reason: '了解' } })).json();
    expect((await t.api('POST', `/api/achievements/access-requests/${req.id}/decision`, { token: owner.token, body: { decision: 'decline' } })).statusCode).toBe(400);
    const declined = await t.api('POST', `/api/achievements/access-requests/${req.id}/decision`, { token: owner.token, body: { decision: 'decline', reason: '正在与他方洽谈' } });
    expect(declined.json()).toMatchObject({ status: 'declined', responseReason: '正在与他方洽谈' });
    expect((await t.api('GET', `/api/achievements/${id}`, { token: buyer.token })).json().restricted).toBe(true);
  });

  it('secret shows nothing outside the owner and administrators', async () => {
    const { owner, admin } = await university(t);
    const title = `保密成果${unique()}`;
    const id = await publishedAchievement(t, owner, admin, { confidentiality: 'secret', title });
    expect((await t.api('GET', `/api/achievements/${id}`)).statusCode).toBe(404);
    const stranger = await t.factories.user();
    expect((await t.api('GET', `/api/achievements/${id}`, { token: stranger.token })).statusCode).toBe(404);
    const ids = async (token?: string) => ((await t.api('GET', `/api/achievements?pageSize=100&q=${encodeURIComponent(title)}`, { token })).json().items as { id: string }[]).map((x) => x.id);
    expect(await ids()).not.toContain(id);
    expect(await ids(stranger.token)).not.toContain(id);
    expect((await ids(owner.token))[0]).toBe(id);
    expect((await t.api('GET', `/api/achievements/${id}`, { token: admin.token })).json().restricted).toBe(false);
  });
});

describe('conversion tracking', () => {
  it('records conversion events and yearly follow-ups for the owner', async () => {
    const { owner, admin } = await university(t);
    const id = await publishedAchievement(t, owner, admin);
    const ev = await t.api('POST', `/api/achievements/${id}/conversions`, { token: owner.token, body: { kind: 'licensed', date: '2026-10-01', counterparty: '晋中智造装备有限公司', amount: 30_000_000 } });
    expect(ev.statusCode).toBe(201);
    const f = await t.api('PUT', `/api/achievements/${id}/followups/2026`, { token: owner.token, body: { status: 'in_progress', revenue: 120_000_000, note: '已完成小批量试产' } });
    expect(f.json()).toMatchObject({ year: 2026, status: 'in_progress', revenue: 120_000_000 });
    const detail = (await t.api('GET', `/api/achievements/${id}`, { token: owner.token })).json();
    expect(detail.converted).toBe(true);
    expect(detail.conversions).toEqual([expect.objectContaining({ kind: 'licensed', amount: 30_000_000, counterparty: '晋中智造装备有限公司' })]);
    expect(detail.followups).toEqual([expect.objectContaining({ year: 2026, note: '已完成小批量试产' })]);
    const stranger = await t.factories.user();
    expect((await t.api('POST', `/api/achievements/${id}/conversions`, { token: stranger.token, body: { kind: 'licensed', date: '2026-10-01', counterparty: 'x' } })).statusCode).toBe(403);
  });
});

describe('completers', () => {
  it('keep the account a completer is known by for the owner; other readers see name, organisation and share only', async () => {
    const { owner, admin } = await university(t);
    const id = await publishedAchievement(t, owner, admin, { completers: [{ name: '李慧', organization: '太行理工大学', userId: owner.id, share: 100 }] });
    const mine = (await t.api('GET', `/api/achievements/${id}`, { token: owner.token })).json();
    expect(mine.completers).toEqual([expect.objectContaining({ name: '李慧', userId: owner.id, share: 100 })]);
    for (const token of [undefined, (await t.factories.user()).token]) {
      const seen = (await t.api('GET', `/api/achievements/${id}`, { token })).json();
      expect(seen.completers).toEqual([expect.objectContaining({ name: '李慧', share: 100 })]);
      expect(seen.completers[0]).not.toHaveProperty('userId');
    }
  });

  it('a completer named as exactly one member of the owning organisation gets that account, on create and on update', async () => {
    const { owner, org, admin } = await university(t);
    const li = await t.factories.member(org.id, 'member', { name: '李慧' });
    await t.factories.member(org.id, 'member', { name: '周平' });
    await t.factories.member(org.id, 'member', { name: '周平' });
    // A user of that name outside the organisation is not linked.
    await t.factories.user({ name: '王强' });
    const id = await publishedAchievement(t, owner, admin, {
      completers: [{ name: '李 慧', share: 40 }, { name: '周平', share: 30 }, { name: '王强', share: 20 }, { name: '陈一', userId: owner.id, share: 10 }],
    });
    const created = (await t.api('GET', `/api/achievements/${id}`, { token: owner.token })).json();
    expect(created.completers.map((c: { userId?: string }) => c.userId)).toEqual([li.id, undefined, undefined, owner.id]);
    // Another organisation stated: someone else of the same name.
    const patched = await t.api('PATCH', `/api/achievements/${id}`, { token: owner.token, body: { completers: [{ name: '李慧', organization: '别的大学', share: 50 }, { name: '李慧', share: 50 }] } });
    expect(patched.statusCode).toBe(200);
    const after = (await t.api('GET', `/api/achievements/${id}`, { token: owner.token })).json();
    expect(after.completers).toEqual([{ name: '李慧', organization: '别的大学', share: 50 }, { name: '李慧', share: 50, userId: li.id }]);
    // Hidden from other readers still.
    expect((await t.api('GET', `/api/achievements/${id}`)).json().completers.every((c: object) => !('userId' in c))).toBe(true);
  });
});

describe('completer accounts given directly', () => {
  it('must be active members of the owning organisation: a stranger, another organisation’s member or a disabled account is refused at the completer’s field, nothing stored changes', async () => {
    const { owner, org } = await university(t);
    const li = await t.factories.member(org.id, 'member', { name: '李慧' });
    const stranger = await t.factories.user({ name: '王强' });
    const elsewhere = await t.factories.organization(await t.factories.user());
    const other = await t.factories.member(elsewhere.id, 'member', { name: '赵敏' });
    const disabled = await t.factories.member(org.id, 'member', { name: '钱多' });
    await t.database.db.execute(sql`update users set status = 'disabled' where id = ${disabled.id}`);

    for (const [i, userId] of [[1, stranger.id], [1, other.id], [1, disabled.id]] as const) {
      const refused = await t.api('POST', '/api/achievements', {
        token: owner.token,
        body: achievementBody({ completers: [{ name: '李慧', userId: li.id, share: 50 }, { name: '某人', userId, share: 50 }] }),
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors).toEqual([{ path: `completers.${i}.userId`, message: expect.stringContaining('本单位在册成员') }]);
    }
    expect((await t.api('GET', '/api/achievements?scope=mine', { token: owner.token })).json().total).toBe(0);

    const id = (await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody({ completers: [{ name: '李慧', userId: li.id, share: 100 }] }) })).json().id;
    const patched = await t.api('PATCH', `/api/achievements/${id}`, { token: owner.token, body: { title: '改过的标题', completers: [{ name: '李慧', userId: li.id, share: 60 }, { name: '王强', userId: stranger.id, share: 40 }] } });
    expect(patched.statusCode).toBe(422);
    expect(patched.json().errors).toEqual([{ path: 'completers.1.userId', message: expect.any(String) }]);
    const kept = (await t.api('GET', `/api/achievements/${id}`, { token: owner.token })).json();
    expect(kept.title).toBe(achievementBody().title);
    expect(kept.completers).toEqual([{ name: '李慧', userId: li.id, share: 100 }]);
  });

  it('an account already on the record stays after its member left; adding it anew is refused', async () => {
    const { owner, org } = await university(t);
    const li = await t.factories.member(org.id, 'member', { name: '李慧' });
    const id = (await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody({ completers: [{ name: '李慧', userId: li.id, share: 100 }] }) })).json().id;
    expect((await t.api('DELETE', `/api/organizations/${org.id}/members/${li.id}`, { token: owner.token })).statusCode).toBe(204);
    const edited = await t.api('PATCH', `/api/achievements/${id}`, { token: owner.token, body: { completers: [{ name: '李慧', userId: li.id, share: 70 }, { name: '周平', share: 30 }] } });
    expect(edited.statusCode).toBe(200);
    const fresh = await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody({ completers: [{ name: '李慧', userId: li.id, share: 100 }] }) });
    expect(fresh.statusCode).toBe(422);
    expect(fresh.json().errors[0].path).toBe('completers.0.userId');
  });
});
