import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test/testApp.ts';

// The demo data as `npm start` seeds it: every demo role finds something to do on first login.
const t = useTestApp({ seed: 'demo' });

const login = async (email: string) => (await t.api('POST', '/api/auth/login', { body: { login: email, password: 'Demo@2026' } })).json().token as string;

describe('first login in the demo', () => {
  it('each regional administrator has an achievement or a demand waiting for review', async () => {
    for (const email of ['shanxi.admin@kzt.demo', 'jinzhong.admin@kzt.demo', 'shaanxi.admin@kzt.demo', 'shenyang.admin@kzt.demo', 'weihai.admin@kzt.demo']) {
      const token = await login(email);
      const waiting = (await t.api('GET', `/api/achievements?scope=review&status=submitted`, { token })).json().total + (await t.api('GET', `/api/demands?scope=review&status=submitted`, { token })).json().total;
      expect(waiting, email).toBeGreaterThan(0);
    }
  });

  it('universities have a firm’s 洽谈 awaiting their answer; firms have answers to read and saved items, one withdrawn', async () => {
    for (const email of ['tto@tyut.demo', 'tto@qinling.demo']) {
      const inbox = (await t.api('GET', '/api/conversations?side=owner', { token: await login(email) })).json().items;
      expect(inbox.some((c: { lastSide: string; unread: boolean }) => c.lastSide === 'asker' && c.unread), email).toBe(true);
    }
    for (const email of ['weihai.sme@whbio.demo', 'tto@lhkj.demo']) {
      const mine = (await t.api('GET', '/api/conversations?side=asker', { token: await login(email) })).json().items;
      expect(mine.some((c: { lastSide: string; unread: boolean }) => c.lastSide === 'owner' && c.unread), email).toBe(true);
    }
    const sme = await login('sme@jzsme.demo');
    const saved = (await t.api('GET', '/api/favourites', { token: sme })).json().items as { recordType: string; status: string | null; available: boolean }[];
    expect(saved.map((f) => f.recordType).sort()).toEqual(['achievement', 'achievement', 'listing']);
    expect(saved.filter((f) => !f.available).map((f) => f.status)).toEqual(['withdrawn']);
  });

  it('the catalogue has only technologies, some of enterprises and the institute, and demands of firms in the five regions', async () => {
    const achievements = (await t.api('GET', '/api/achievements?pageSize=1')).json();
    expect(achievements.total).toBeGreaterThan(2500);
    const demands = (await t.api('GET', '/api/demands?pageSize=100')).json();
    expect(demands.total).toBeGreaterThan(200);
    const firms = new Set(demands.items.map((d: { organization: { name: string } }) => d.organization.name));
    expect(firms.size).toBeGreaterThanOrEqual(4);
  });
});
