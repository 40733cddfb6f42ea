import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test/testApp.ts';

// The demo as `npm start` seeds it: every demo role of issue 12 has work on first login.
const t = useTestApp({ seed: 'demo' });

const login = async (email: string) => (await t.api('POST', '/api/auth/login', { body: { login: email, password: 'Demo@2026' } })).json().token as string;

describe('the demo broker and expert', () => {
  it('are approved by their jurisdictions and find work waiting; a pending broker fills 晋中’s queue', async () => {
    const broker = (await t.api('GET', '/api/me/broker-workbench', { token: await login('broker@kzt.demo') })).json();
    expect(broker.profile).toMatchObject({ status: 'approved', jurisdiction: { code: '610000' } });
    expect(broker.deals).toHaveLength(1);
    expect(broker.deals[0]).toMatchObject({ status: 'active', client: { name: '秦岭大学' }, commission: { rateBp: 300, amountFen: null } });
    expect(broker.deals[0].followUps).toHaveLength(1);

    const expert = (await t.api('GET', '/api/me/expert-workbench', { token: await login('expert@kzt.demo') })).json();
    expect(expert.profile).toMatchObject({ status: 'approved', jurisdiction: { code: '140000' } });
    expect(expert.due).toHaveLength(1);
    expect(expert.due[0].allowedActions).toContain('submit');

    const queue = (await t.api('GET', '/api/profiles/reviews?status=pending', { token: await login('jinzhong.admin@kzt.demo') })).json();
    expect(queue.items.map((p: { user: { login: string } }) => p.user.login)).toEqual(['broker2@kzt.demo']);
    // 陕西's administrator has no pending profile of 晋中 to decide.
    expect((await t.api('GET', '/api/profiles/reviews?status=pending', { token: await login('shaanxi.admin@kzt.demo') })).json().items).toEqual([]);
  });
});

describe('the demo organisation awaiting verification', () => {
  it('has sent its business licence, which 晋中’s administrator opens and then approves the organisation', async () => {
    const owner = await login('pending@newco.demo');
    const me = (await t.api('GET', '/api/me', { token: owner })).json();
    const orgId = me.organizations.find((o: { name: string; status: string }) => o.name === '晋中新材料科技有限公司' && o.status === 'pending').id as string;
    const admin = await login('jinzhong.admin@kzt.demo');
    const licence = await t.api('GET', `/api/organizations/${orgId}/licence`, { token: admin });
    expect(licence.statusCode, licence.body).toBe(200);
    const file = await t.api('GET', `/api/organizations/${orgId}/licence/content`, { token: admin });
    expect(file.statusCode).toBe(200);
    expect(file.body.startsWith('%PDF-')).toBe(true);
    const approved = await t.api('POST', `/api/organizations/${orgId}/verify`, { token: admin, body: { decision: 'approve' } });
    expect(approved.statusCode, approved.body).toBe(200);
  });
});
