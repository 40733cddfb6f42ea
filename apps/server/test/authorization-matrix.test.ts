import { describe, expect, it } from 'vitest';
import { useTestApp } from './testApp.ts';
import { PASSWORD, unique, uniqueCreditCode, type TestUser } from './factories.ts';
import { organizationRepository } from '../src/modules/organizations/organizations.repository.ts';

/**
 * Every route, called by each kind of caller, against a pending organisation
 * in 晋中 (140700). The expected status says who may and how the others are
 * refused: 401 unauthenticated, 403 not allowed, 404 not visible to them.
 */
const t = useTestApp();

const ACTORS = ['anonymous', 'outsider', 'member', 'owner', 'foreignAdmin', 'localAdmin'] as const;
type ActorName = (typeof ACTORS)[number];

type World = {
  users: Record<Exclude<ActorName, 'anonymous'>, TestUser>;
  orgId: string;
  invitationId: string;
  otherMemberId: string;
  deputyAdminId: string;
};

async function world(): Promise<World> {
  const f = t.factories;
  const owner = await f.user();
  const org = await f.organization(owner, { status: 'pending', jurisdictionCode: '140700' });
  const member = await f.member(org.id);
  const other = await f.member(org.id);
  const outsider = await f.user();
  await f.organization(outsider, { status: 'verified', jurisdictionCode: '140700' });
  const foreignAdmin = await f.admin('371000');
  const localAdmin = await f.admin('140700');
  const deputy = await f.admin('140700');
  const inv = await organizationRepository.insertInvitation(t.database.db, { organizationId: org.id, login: `third${unique()}@example.cn`, role: 'member', invitedBy: owner.id });
  return { users: { outsider, member, owner, foreignAdmin, localAdmin }, orgId: org.id, invitationId: inv.id, otherMemberId: other.id, deputyAdminId: deputy.id };
}

type Row = {
  route: string;
  call: (w: World) => { method: string; url: string; body?: unknown };
  expect: Record<ActorName, number>;
};

const all = (s: number): Record<ActorName, number> => ({ anonymous: s, outsider: s, member: s, owner: s, foreignAdmin: s, localAdmin: s });
const signedIn = (s: number) => ({ ...all(s), anonymous: 401 });
const orgRoute = (member: number, owner: number, localAdmin: number) => ({ anonymous: 401, outsider: 404, member, owner, foreignAdmin: 404, localAdmin });
const adminRoute = (ok: number) => ({ anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: ok });

const ROWS: Row[] = [
  { route: 'GET /api/health', call: () => ({ method: 'GET', url: '/api/health' }), expect: all(200) },
  { route: 'GET /api/openapi.json', call: () => ({ method: 'GET', url: '/api/openapi.json' }), expect: all(200) },
  { route: 'POST /api/auth/register', call: () => ({ method: 'POST', url: '/api/auth/register', body: { email: `m${unique()}@example.cn`, password: PASSWORD, name: '矩阵' } }), expect: all(201) },
  { route: 'POST /api/auth/login', call: (w) => ({ method: 'POST', url: '/api/auth/login', body: { login: w.users.owner.email, password: PASSWORD } }), expect: all(200) },
  { route: 'GET /api/me', call: () => ({ method: 'GET', url: '/api/me' }), expect: signedIn(200) },
  { route: 'PUT /api/me/profiles/:kind', call: () => ({ method: 'PUT', url: '/api/me/profiles/expert', body: { fields: ['新材料'] } }), expect: signedIn(200) },
  { route: 'DELETE /api/me/profiles/:kind', call: () => ({ method: 'DELETE', url: '/api/me/profiles/broker' }), expect: signedIn(404) },
  { route: 'POST /api/auth/password', call: () => ({ method: 'POST', url: '/api/auth/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD } }), expect: signedIn(204) },
  { route: 'GET /api/jurisdictions', call: () => ({ method: 'GET', url: '/api/jurisdictions' }), expect: all(200) },
  { route: 'POST /api/jurisdictions', call: () => ({ method: 'POST', url: '/api/jurisdictions', body: { code: `1407${String(10 + Math.floor(Math.random() * 89))}`, name: '测试县', parentCode: '140700' } }), expect: adminRoute(201) },
  { route: 'GET /api/jurisdictions/:code/admins', call: () => ({ method: 'GET', url: '/api/jurisdictions/140700/admins' }), expect: adminRoute(200) },
  { route: 'POST /api/jurisdictions/:code/admins', call: (w) => ({ method: 'POST', url: '/api/jurisdictions/140700/admins', body: { login: w.users.outsider.email } }), expect: adminRoute(201) },
  { route: 'DELETE /api/jurisdictions/:code/admins/:userId', call: (w) => ({ method: 'DELETE', url: `/api/jurisdictions/140700/admins/${w.deputyAdminId}` }), expect: adminRoute(204) },
  { route: 'POST /api/organizations', call: () => ({ method: 'POST', url: '/api/organizations', body: { name: '矩阵企业', type: 'enterprise', creditCode: uniqueCreditCode(), jurisdictionCode: '140700' } }), expect: signedIn(201) },
  { route: 'GET /api/organizations', call: () => ({ method: 'GET', url: '/api/organizations' }), expect: all(200) },
  { route: 'GET /api/organizations/:id', call: (w) => ({ method: 'GET', url: `/api/organizations/${w.orgId}` }), expect: { ...orgRoute(200, 200, 200), anonymous: 404 } },
  { route: 'PATCH /api/organizations/:id', call: (w) => ({ method: 'PATCH', url: `/api/organizations/${w.orgId}`, body: { address: '新地址' } }), expect: orgRoute(403, 200, 200) },
  { route: 'POST /api/organizations/:id/verify', call: (w) => ({ method: 'POST', url: `/api/organizations/${w.orgId}/verify`, body: { decision: 'approve' } }), expect: orgRoute(403, 200, 200) },
  { route: 'GET /api/organizations/:id/members', call: (w) => ({ method: 'GET', url: `/api/organizations/${w.orgId}/members` }), expect: orgRoute(200, 200, 200) },
  { route: 'POST /api/organizations/:id/invitations', call: (w) => ({ method: 'POST', url: `/api/organizations/${w.orgId}/invitations`, body: { login: `inv${unique()}@example.cn` } }), expect: orgRoute(403, 201, 403) },
  { route: 'DELETE /api/organizations/:id/invitations/:invitationId', call: (w) => ({ method: 'DELETE', url: `/api/organizations/${w.orgId}/invitations/${w.invitationId}` }), expect: orgRoute(403, 204, 403) },
  { route: 'DELETE /api/organizations/:id/members/:userId', call: (w) => ({ method: 'DELETE', url: `/api/organizations/${w.orgId}/members/${w.otherMemberId}` }), expect: orgRoute(403, 204, 403) },
  { route: 'POST /api/invitations/:id/accept', call: (w) => ({ method: 'POST', url: `/api/invitations/${w.invitationId}/accept` }), expect: signedIn(404) },
  { route: 'POST /api/invitations/:id/decline', call: (w) => ({ method: 'POST', url: `/api/invitations/${w.invitationId}/decline` }), expect: signedIn(404) },
  { route: 'GET /api/audit', call: () => ({ method: 'GET', url: '/api/audit' }), expect: { ...adminRoute(200), foreignAdmin: 200 } },
  { route: 'GET /api/audit/verify', call: () => ({ method: 'GET', url: '/api/audit/verify' }), expect: { ...adminRoute(200), foreignAdmin: 200 } },
  { route: 'POST /api/auth/logout', call: () => ({ method: 'POST', url: '/api/auth/logout' }), expect: signedIn(204) },
];

describe('authorization matrix', () => {
  for (const row of ROWS) {
    it(row.route, async () => {
      const got: Record<string, number> = {};
      for (const actor of ACTORS) {
        const w = await world();
        const { method, url, body } = row.call(w);
        const token = actor === 'anonymous' ? undefined : w.users[actor].token;
        const res = await t.api(method, url, { token, body });
        got[actor] = res.statusCode;
        if (res.statusCode >= 400) expect(res.headers['content-type'], `${row.route} as ${actor}`).toContain('application/problem+json');
      }
      expect(got).toEqual(row.expect);
    });
  }

  it('covers every API route the app declares', () => {
    const declared = new Set<string>();
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const method of Object.keys(ops)) declared.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    declared.add('GET /api/openapi.json');
    const covered = new Set(ROWS.map((r) => r.route));
    expect([...declared].filter((r) => !covered.has(r))).toEqual([]);
  });
});
