import { profileRepository } from '../../src/modules/profiles/profiles.repository.ts';
import type { TestApp } from '../testApp.ts';
import { signedIn, type Row, type World } from './types.ts';

/** A broker profile waiting for review in 晋中 (140700), held by a fresh person. */
async function pendingBroker(t: TestApp) {
  const u = await t.factories.user({ name: '待审经纪人' });
  await profileRepository.upsert(t.database.db, { userId: u.id, kind: 'broker', data: { fields: ['智能制造'] }, status: 'pending', jurisdictionCode: '140700' });
  return u;
}

/** The world's published achievement entrusted by its owner to `outsider`, an approved broker of 晋中. */
async function entrustment(w: World, t: TestApp) {
  await t.factories.approvedProfile(w.users.outsider.id, 'broker');
  const res = await t.api('POST', `/api/achievements/${w.achievements.published}/entrustments`, { token: w.users.owner.token, body: { agentUserId: w.users.outsider.id, note: '委托' } });
  if (res.statusCode !== 201) throw new Error(`entrustment failed: ${res.body}`);
  const list = await t.api('GET', `/api/achievements/${w.achievements.published}/entrustments`, { token: w.users.owner.token });
  return (list.json().items as { id: string; agentUser: { id: string } | null }[]).find((e) => e.agentUser?.id === w.users.outsider.id)!.id;
}

/** The broker (`outsider`) acts on its own entrustment; nobody else does. */
const brokerOnly = (ok: number) => ({ anonymous: 401, outsider: ok, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 });

/** Rows of profile review and the broker's and expert's workbenches. */
export const profilesRows: Row[] = [
  {
    route: 'GET /api/profiles/reviews',
    call: () => ({ method: 'GET', url: '/api/profiles/reviews?status=pending' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 200, localAdmin: 200 },
  },
  {
    route: 'POST /api/profiles/:userId/:kind/review',
    call: async (_w, t) => ({ method: 'POST', url: `/api/profiles/${(await pendingBroker(t)).id}/broker/review`, body: { decision: 'approve' } }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  { route: 'GET /api/me/broker-workbench', call: () => ({ method: 'GET', url: '/api/me/broker-workbench' }), expect: signedIn(200) },
  { route: 'GET /api/me/expert-workbench', call: () => ({ method: 'GET', url: '/api/me/expert-workbench' }), expect: signedIn(200) },
  {
    route: 'POST /api/broker/entrustments/:entrustmentId/follow-ups',
    call: async (w, t) => ({ method: 'POST', url: `/api/broker/entrustments/${await entrustment(w, t)}/follow-ups`, body: { happenedOn: '2026-12-05', content: '电话沟通' } }),
    expect: brokerOnly(201),
  },
  {
    route: 'PUT /api/broker/entrustments/:entrustmentId/commission',
    call: async (w, t) => ({ method: 'PUT', url: `/api/broker/entrustments/${await entrustment(w, t)}/commission`, body: { rateBp: 300 } }),
    expect: brokerOnly(200),
  },
  {
    route: 'GET /api/organizations/:id/broker-commissions',
    call: (w) => ({ method: 'GET', url: `/api/organizations/${w.universityId}/broker-commissions` }),
    expect: { anonymous: 401, outsider: 403, member: 200, owner: 200, foreignAdmin: 403, localAdmin: 403 },
  },
];
