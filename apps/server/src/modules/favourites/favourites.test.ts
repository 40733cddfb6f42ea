import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { achievementBody, demandBody, publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { fixedBody, liveListing } from '../../../test/tradingFixtures.ts';
import { auditEvents } from '../../db/schema/index.ts';

const t = useTestApp();

const save = (token: string, type: string, id: string) => t.api('PUT', `/api/favourites/${type}/${id}`, { token });
const mine = async (token: string, query = '') => (await t.api('GET', `/api/favourites${query}`, { token })).json();

describe('收藏 (saved items)', () => {
  it('a firm saves an achievement, a demand and a listing, finds them in 我的收藏 newest first, and unsaves one', async () => {
    const { owner, admin } = await university(t);
    const title = `高强度耐腐蚀钢${Date.now()}`;
    const achievementId = await publishedAchievement(t, owner, admin, { title });
    const listingId = await liveListing(t, owner, admin, fixedBody(achievementId));
    const demand = await t.api('POST', '/api/demands', { token: owner.token, body: demandBody() });
    const demandId = demand.json().id;
    await t.api('POST', `/api/demands/${demandId}/submit`, { token: owner.token });
    await t.api('POST', `/api/demands/${demandId}/review`, { token: admin.token, body: { decision: 'approve' } });

    const firm = await t.factories.user();
    for (const [type, id] of [['achievement', achievementId], ['demand', demandId], ['listing', listingId]] as const) {
      const res = await save(firm.token, type, id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ saved: true });
    }
    // Saving twice is one save.
    expect((await save(firm.token, 'achievement', achievementId)).statusCode).toBe(200);

    const list = await mine(firm.token);
    expect(list.total).toBe(3);
    expect(list.items.map((f: { recordType: string }) => f.recordType)).toEqual(['listing', 'demand', 'achievement']);
    expect(list.items[2]).toMatchObject({ recordId: achievementId, title, status: 'published', available: true });
    expect(list.items[0]).toMatchObject({ recordId: listingId, status: 'open', available: true });

    // The record page asks whether it is saved.
    expect((await mine(firm.token, `?recordType=achievement&recordId=${achievementId}`)).total).toBe(1);
    expect((await mine(firm.token, `?recordType=demand&recordId=${achievementId}`)).total).toBe(0);

    expect((await t.api('DELETE', `/api/favourites/demand/${demandId}`, { token: firm.token })).json()).toEqual({ saved: false });
    expect((await mine(firm.token)).total).toBe(2);
    // Another person's list is their own.
    expect((await mine(owner.token)).total).toBe(0);

    const trail = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, achievementId), eq(auditEvents.action, 'favourite.add')));
    expect(trail).toHaveLength(1);
    expect((await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, demandId), eq(auditEvents.action, 'favourite.remove')))).length).toBe(1);
  });

  it('a saved achievement that its owner withdraws shows as withdrawn under the title it was saved with', async () => {
    const { owner, admin } = await university(t);
    const title = `海洋多糖提取工艺${Date.now()}`;
    const achievementId = await publishedAchievement(t, owner, admin, { title });
    const firm = await t.factories.user();
    await save(firm.token, 'achievement', achievementId);
    const withdrawn = await t.api('POST', `/api/achievements/${achievementId}/withdraw`, { token: owner.token, body: { reason: '成果已独占许可，暂停对外推广' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    // The firm may no longer read it…
    expect((await t.api('GET', `/api/achievements/${achievementId}`, { token: firm.token })).statusCode).toBe(404);
    // …but its saved item says what happened.
    expect((await mine(firm.token)).items).toEqual([expect.objectContaining({ recordId: achievementId, title, status: 'withdrawn', available: false })]);
    // And can still be removed.
    expect((await t.api('DELETE', `/api/favourites/achievement/${achievementId}`, { token: firm.token })).statusCode).toBe(200);
    expect((await mine(firm.token)).total).toBe(0);
  });

  it('what one may not see cannot be saved; signed-out callers are asked to sign in', async () => {
    const { owner, admin } = await university(t);
    const secretId = await publishedAchievement(t, owner, admin, { confidentiality: 'secret' });
    const draft = await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody() });
    const firm = await t.factories.user();
    for (const id of [secretId, draft.json().id, '00000000-0000-4000-8000-000000000000']) {
      const res = await save(firm.token, 'achievement', id);
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toBe('科技成果不存在或您无权查看。');
    }
    expect((await save(firm.token, 'contract', secretId)).statusCode).toBe(400);
    expect((await t.api('PUT', `/api/favourites/achievement/${secretId}`)).statusCode).toBe(401);
    expect((await mine(firm.token)).total).toBe(0);
  });
});
