import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../test/testApp.ts';
import { unique } from '../../../test/factories.ts';
import { demandBody, publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { nextSweepAt, sweepCatalogue } from './freshness.service.ts';

const t = useTestApp();
const MONTH = 30 * 86400_000;

async function age(table: 'achievements' | 'demands', id: string, monthsConfirmed: number, monthsPublished = monthsConfirmed) {
  const confirmed = new Date(Date.now() - monthsConfirmed * MONTH).toISOString();
  const published = new Date(Date.now() - monthsPublished * MONTH).toISOString();
  await t.database.db.execute(sql`update ${sql.identifier(table)} set confirmed_at = ${confirmed}::timestamptz, published_at = ${published}::timestamptz where id = ${id}`);
}

describe('freshness and the two-year rule', () => {
  it('marks a record unconfirmed for 12 months stale, reminds its owner once, ranks it lower, and one click makes it fresh', async () => {
    const { owner, admin } = await university(t);
    const tag = unique();
    const old = await publishedAchievement(t, owner, admin, { title: `热管理系统旧成果${tag}` });
    const fresh = await publishedAchievement(t, owner, admin, { title: `热管理系统新成果${tag}` });
    await age('achievements', old, 13);
    await age('achievements', fresh, 11);
    const first = await sweepCatalogue(t.database.db);
    expect(first.staleAchievements).toBeGreaterThanOrEqual(1);
    await sweepCatalogue(t.database.db);

    expect((await t.api('GET', `/api/achievements/${old}`)).json().stale).toBe(true);
    expect((await t.api('GET', `/api/achievements/${fresh}`)).json().stale).toBe(false);
    const notes = (await t.api('GET', '/api/notifications', { token: owner.token })).json();
    const reminders = notes.items.filter((n: { kind: string; body: string }) => n.kind === 'catalogue.digest' && n.body.includes(`热管理系统旧成果${tag}`));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].body).not.toContain(`热管理系统新成果${tag}`);
    expect(notes.unreadAction).toBeGreaterThanOrEqual(1);

    const ranked = (await t.api('GET', `/api/achievements?q=${encodeURIComponent(`热管理系统${tag}`)}`)).json().items.map((x: { id: string }) => x.id);
    expect(ranked.indexOf(fresh)).toBeLessThan(ranked.indexOf(old));
    expect((await t.api('GET', `/api/achievements?stale=true&scope=mine&pageSize=100`, { token: owner.token })).json().items.map((x: { id: string }) => x.id)).toContain(old);

    expect((await t.api('POST', `/api/achievements/${old}/confirm`, { token: owner.token })).json().stale).toBe(false);
    expect((await t.api('POST', `/api/notifications/${reminders[0].id}/read`, { token: owner.token })).statusCode).toBe(204);
    expect((await t.api('POST', `/api/notifications/${reminders[0].id}/read`, { token: owner.token })).statusCode).toBe(204);
    const stranger = await t.factories.user();
    expect((await t.api('POST', `/api/notifications/${reminders[0].id}/read`, { token: stranger.token })).statusCode).toBe(404);
  });

  it('applies a jurisdiction’s own period to its subtree', async () => {
    const { owner, admin } = await university(t);
    const id = await publishedAchievement(t, owner, admin);
    await age('achievements', id, 7);
    await sweepCatalogue(t.database.db);
    expect((await t.api('GET', `/api/achievements/${id}`)).json().stale).toBe(false);
    const shanxi = await t.factories.admin('140000');
    const weihai = await t.factories.admin('371000');
    expect((await t.api('PUT', '/api/jurisdictions/140000/catalogue-settings', { token: weihai.token, body: { staleAfterMonths: 6 } })).statusCode).toBe(403);
    expect((await t.api('PUT', '/api/jurisdictions/140000/catalogue-settings', { token: shanxi.token, body: { staleAfterMonths: 0 } })).statusCode).toBe(400);
    const saved = await t.api('PUT', '/api/jurisdictions/140000/catalogue-settings', { token: shanxi.token, body: { staleAfterMonths: 6 } });
    expect(saved.json()).toEqual({ jurisdictionCode: '140000', staleAfterMonths: 6, inherited: false });
    await sweepCatalogue(t.database.db);
    expect((await t.api('GET', `/api/achievements/${id}`)).json().stale).toBe(true);
  });

  it('flags achievements published two years without conversion in 陕西 and reminds the owner; a converted one is not flagged', async () => {
    const owner = await t.factories.user({ name: '成果负责人' });
    await t.factories.organization(owner, { type: 'university', jurisdictionCode: '610000' });
    const admin = await t.factories.admin('610000');
    const idle = await publishedAchievement(t, owner, admin);
    const sold = await publishedAchievement(t, owner, admin);
    await age('achievements', idle, 1, 25);
    await age('achievements', sold, 1, 25);
    await t.api('POST', `/api/achievements/${sold}/conversions`, { token: owner.token, body: { kind: 'transferred', date: '2025-05-01', counterparty: '某企业', amount: 1_000_000 } });
    await sweepCatalogue(t.database.db);
    expect((await t.api('GET', `/api/achievements/${idle}`, { token: owner.token })).json().unconvertedFlaggedAt).not.toBeNull();
    expect((await t.api('GET', `/api/achievements/${sold}`, { token: owner.token })).json().unconvertedFlaggedAt).toBeNull();
    const list = (await t.api('GET', '/api/achievements?scope=review&unconverted=true&pageSize=100', { token: admin.token })).json().items.map((x: { id: string }) => x.id);
    expect(list).toContain(idle);
    expect(list).not.toContain(sold);
    const notes = (await t.api('GET', '/api/notifications?pageSize=100', { token: owner.token })).json().items;
    const digests = notes.filter((n: { kind: string }) => n.kind === 'catalogue.digest');
    expect(digests).toHaveLength(1);
    expect(digests[0].body).toContain('按照陕西省的规定，发布满 2 年未转化');
  });

  it('makes demands stale too', async () => {
    const owner = await t.factories.user();
    await t.factories.organization(owner);
    const admin = await t.factories.admin('140700');
    const id = (await t.api('POST', '/api/demands', { token: owner.token, body: demandBody() })).json().id;
    await t.api('POST', `/api/demands/${id}/submit`, { token: owner.token });
    await t.api('POST', `/api/demands/${id}/review`, { token: admin.token, body: { decision: 'approve' } });
    await age('demands', id, 14);
    await sweepCatalogue(t.database.db);
    expect((await t.api('GET', `/api/demands/${id}`)).json().stale).toBe(true);
  });

  it('runs daily at 02:00 Asia/Shanghai', () => {
    expect(nextSweepAt(new Date('2026-11-23T10:00:00Z')).toISOString()).toBe('2026-11-23T18:00:00.000Z');
    expect(nextSweepAt(new Date('2026-11-23T17:00:00Z')).toISOString()).toBe('2026-11-23T18:00:00.000Z');
    expect(nextSweepAt(new Date('2026-11-23T19:00:00Z')).toISOString()).toBe('2026-11-24T18:00:00.000Z');
  });
});
