import { describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { useTestApp } from '../../../test/testApp.ts';
import { auditEvents } from '../../db/schema/index.ts';

const t = useTestApp();

const auditOf = async (id: string) =>
  (await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(desc(auditEvents.seq))).map((e) => ({ action: e.action, actorId: e.actorId }));

describe('通知公告 announcements', () => {
  it('an administrator posts a notice for their jurisdiction; everyone, signed in or not, reads it; the act is audited', async () => {
    const admin = await t.factories.admin('140700');
    const res = await t.api('POST', '/api/announcements', { token: admin.token, body: { title: '关于开展2027年度技术合同登记的通知', body: '各有关单位：请于3月底前完成登记。', jurisdictionCode: '140700' } });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ title: '关于开展2027年度技术合同登记的通知', jurisdiction: { code: '140700', name: '晋中市' }, allowedActions: ['update', 'withdraw'] });

    const list = await t.api('GET', '/api/announcements');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(a.id);
    expect(list.json().canCreate).toBe(false);
    const detail = await t.api('GET', `/api/announcements/${a.id}`);
    expect(detail.json()).toMatchObject({ body: '各有关单位：请于3月底前完成登记。', allowedActions: [] });
    expect(await auditOf(a.id)).toEqual([{ action: 'announcement.publish', actorId: admin.id }]);
  });

  it('only administrators post; an administrator only for the jurisdictions they administer, the whole platform only a platform administrator', async () => {
    const user = await t.factories.user();
    const body = { title: '通知', body: '内容', jurisdictionCode: '140700' };
    expect((await t.api('POST', '/api/announcements', { body })).statusCode).toBe(401);
    expect((await t.api('POST', '/api/announcements', { token: user.token, body })).statusCode).toBe(403);

    const weihai = await t.factories.admin('371000');
    const foreign = await t.api('POST', '/api/announcements', { token: weihai.token, body });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([{ path: 'jurisdictionCode', message: '只能为您管理的辖区发布公告' }]);
    const platformWide = await t.api('POST', '/api/announcements', { token: weihai.token, body: { title: '通知', body: '内容' } });
    expect(platformWide.statusCode).toBe(400);
    expect(platformWide.json().errors[0].path).toBe('jurisdictionCode');

    const root = await t.factories.user({ platformAdmin: true });
    const ok = await t.api('POST', '/api/announcements', { token: root.token, body: { title: '平台升级公告', body: '今晚维护。', pinned: true } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ jurisdiction: null, pinned: true });
    // Pinned first.
    expect((await t.api('GET', '/api/announcements')).json().items[0].id).toBe(ok.json().id);
  });

  it('an empty title is refused at the field and nothing is stored', async () => {
    const admin = await t.factories.admin('140700');
    const before = (await t.api('GET', '/api/announcements')).json().total;
    const res = await t.api('POST', '/api/announcements', { token: admin.token, body: { title: '  ', body: '内容', jurisdictionCode: '140700' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'title', message: '此项为必填项' }]);
    expect((await t.api('GET', '/api/announcements')).json().total).toBe(before);
  });

  it('its jurisdiction’s administrator edits and withdraws it; a withdrawn notice is no longer shown but stays in the audit trail', async () => {
    const admin = await t.factories.admin('140700');
    const shanxi = await t.factories.admin('140000');
    const weihai = await t.factories.admin('371000');
    const id = (await t.api('POST', '/api/announcements', { token: admin.token, body: { title: '旧标题', body: '内容', jurisdictionCode: '140700' } })).json().id;

    expect((await t.api('PATCH', `/api/announcements/${id}`, { token: weihai.token, body: { title: '篡改' } })).statusCode).toBe(403);
    const edited = await t.api('PATCH', `/api/announcements/${id}`, { token: shanxi.token, body: { title: '新标题' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().title).toBe('新标题');

    expect((await t.api('DELETE', `/api/announcements/${id}`, { token: weihai.token })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/announcements/${id}`, { token: admin.token })).statusCode).toBe(204);
    expect((await t.api('GET', `/api/announcements/${id}`)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/announcements')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['announcement.withdraw', 'announcement.update', 'announcement.publish']);
  });
});
