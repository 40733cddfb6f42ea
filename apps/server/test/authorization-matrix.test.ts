import type { RecordStatus } from '@kzt/shared';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './testApp.ts';
import { PASSWORD, unique, uniqueCreditCode } from './factories.ts';
import { organizationRepository } from '../src/modules/organizations/organizations.repository.ts';
import { achievementRepository } from '../src/modules/achievements/achievements.repository.ts';
import { catalogueRepository } from '../src/modules/catalogue/catalogue.repository.ts';
import { demandRepository } from '../src/modules/demands/demands.repository.ts';
import { notifications } from '../src/db/schema/index.ts';
import { achievementBody, demandBody } from './catalogueFixtures.ts';
import { ACTORS, adminRoute, all, orgRoute, signedIn, type Row, type World } from './matrix/types.ts';
import { extraRows } from './matrix/index.ts';

/**
 * Every route, called by each kind of caller, against a pending organisation
 * in 晋中 (140700). The expected status says who may and how the others are
 * refused: 401 unauthenticated, 403 not allowed, 404 not visible to them.
 */
const t = useTestApp();

async function world(): Promise<World> {
  const f = t.factories;
  const owner = await f.user();
  const org = await f.organization(owner, { status: 'pending', jurisdictionCode: '140700' });
  // Its verification request carries the business licence (issue 12), so an administrator may approve it.
  await organizationRepository.update(t.database.db, org.id, { licenceSha256: '0'.repeat(64), licenceFileName: '营业执照.pdf', licenceMime: 'application/pdf', licenceSize: 1, licenceUploadedAt: new Date() });
  const member = await f.member(org.id);
  const other = await f.member(org.id);
  const outsider = await f.user();
  await f.organization(outsider, { status: 'verified', jurisdictionCode: '140700' });
  const foreignAdmin = await f.admin('371000');
  const localAdmin = await f.admin('140700');
  const deputy = await f.admin('140700');
  const inv = await organizationRepository.insertInvitation(t.database.db, { organizationId: org.id, login: `third${unique()}@example.cn`, role: 'member', invitedBy: owner.id });
  const uni = await f.organization(owner, { status: 'verified', type: 'university', jurisdictionCode: '140700' });
  await organizationRepository.addMember(t.database.db, { organizationId: uni.id, userId: member.id, role: 'member' });
  const achievement = async (status: RecordStatus, confidentiality = 'public') => {
    const { price, ...body } = achievementBody({ confidentiality });
    const row = await achievementRepository.insert(t.database.db, {
      ...(body as object),
      title: body.title,
      type: body.type,
      industry: body.industry,
      maturity: body.maturity,
      priceFen: price as number,
      organizationId: uni.id,
      jurisdictionCode: '140700',
      jurisdictionPath: '140000/140700',
      ownerType: 'university',
      createdBy: owner.id,
      status,
      publishedAt: status === 'published' ? new Date() : null,
      confirmedAt: status === 'published' ? new Date() : null,
    });
    return row.id;
  };
  const achievements = {
    draft: await achievement('draft'),
    submitted: await achievement('submitted'),
    published: await achievement('published'),
    abstract: await achievement('published', 'abstract'),
  };
  const demand = async (status: RecordStatus, confidentiality = 'public') => {
    const { budgetMin, budgetMax, ...body } = demandBody({ confidentiality });
    const row = await demandRepository.insert(t.database.db, {
      ...(body as object),
      title: body.title,
      industry: body.industry,
      budgetMinFen: budgetMin as number,
      budgetMaxFen: budgetMax as number,
      organizationId: uni.id,
      jurisdictionCode: '140700',
      jurisdictionPath: '140000/140700',
      ownerType: 'university',
      createdBy: owner.id,
      status,
      publishedAt: status === 'published' ? new Date() : null,
    });
    return row.id;
  };
  const demands = {
    draft: await demand('draft'),
    submitted: await demand('submitted'),
    published: await demand('published'),
    abstract: await demand('published', 'abstract'),
  };
  const third = await f.user();
  const thirdOrg = await f.organization(third);
  const request = (recordType: 'achievement' | 'demand', recordId: string) =>
    catalogueRepository.insertAccessRequest(t.database.db, { recordType, recordId, organizationId: thirdOrg.id, requestedBy: third.id, reason: '了解' });
  const access = await request('achievement', achievements.abstract);
  const demandAccess = await request('demand', demands.abstract);
  const notified = await t.database.db.insert(notifications).values({ organizationId: uni.id, kind: 'test', dedupeKey: `test:${unique()}`, title: '测试通知' }).returning();
  return {
    users: { outsider, member, owner, foreignAdmin, localAdmin },
    orgId: org.id,
    universityId: uni.id,
    invitationId: inv.id,
    otherMemberId: other.id,
    deputyAdminId: deputy.id,
    achievements,
    demands,
    accessRequestId: access.id,
    demandAccessRequestId: demandAccess.id,
    notificationId: notified[0]!.id,
  };
}

const ROWS: Row[] = [
  { route: 'GET /api/health', call: () => ({ method: 'GET', url: '/api/health' }), expect: all(200) },
  { route: 'GET /api/openapi.json', call: () => ({ method: 'GET', url: '/api/openapi.json' }), expect: all(200) },
  { route: 'POST /api/auth/register', call: () => ({ method: 'POST', url: '/api/auth/register', body: { email: `m${unique()}@example.cn`, password: PASSWORD, name: '矩阵', acceptTerms: true, acceptPrivacy: true } }), expect: all(202) },
  { route: 'POST /api/auth/login', call: (w) => ({ method: 'POST', url: '/api/auth/login', body: { login: w.users.owner.email, password: PASSWORD } }), expect: all(200) },
  { route: 'GET /api/session', call: () => ({ method: 'GET', url: '/api/session' }), expect: all(200) },
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
  { route: 'POST /api/organizations/:id/verify', call: (w) => ({ method: 'POST', url: `/api/organizations/${w.orgId}/verify`, body: { decision: 'approve' } }), expect: orgRoute(403, 403, 200) },
  { route: 'GET /api/organizations/:id/members', call: (w) => ({ method: 'GET', url: `/api/organizations/${w.orgId}/members` }), expect: orgRoute(200, 200, 200) },
  { route: 'POST /api/organizations/:id/invitations', call: (w) => ({ method: 'POST', url: `/api/organizations/${w.orgId}/invitations`, body: { login: `inv${unique()}@example.cn` } }), expect: orgRoute(403, 201, 403) },
  { route: 'DELETE /api/organizations/:id/invitations/:invitationId', call: (w) => ({ method: 'DELETE', url: `/api/organizations/${w.orgId}/invitations/${w.invitationId}` }), expect: orgRoute(403, 204, 403) },
  { route: 'DELETE /api/organizations/:id/members/:userId', call: (w) => ({ method: 'DELETE', url: `/api/organizations/${w.orgId}/members/${w.otherMemberId}` }), expect: orgRoute(403, 204, 403) },
  { route: 'POST /api/invitations/:id/accept', call: (w) => ({ method: 'POST', url: `/api/invitations/${w.invitationId}/accept` }), expect: signedIn(404) },
  { route: 'POST /api/invitations/:id/decline', call: (w) => ({ method: 'POST', url: `/api/invitations/${w.invitationId}/decline` }), expect: signedIn(404) },
  { route: 'GET /api/audit', call: () => ({ method: 'GET', url: '/api/audit' }), expect: { ...adminRoute(200), foreignAdmin: 200 } },
  { route: 'GET /api/audit/verify', call: () => ({ method: 'GET', url: '/api/audit/verify' }), expect: { ...adminRoute(200), foreignAdmin: 200 } },
  { route: 'GET /api/achievements', call: () => ({ method: 'GET', url: '/api/achievements' }), expect: all(200) },
  { route: 'POST /api/achievements', call: () => ({ method: 'POST', url: '/api/achievements', body: achievementBody() }), expect: { anonymous: 401, outsider: 201, member: 201, owner: 201, foreignAdmin: 400, localAdmin: 400 } },
  { route: 'GET /api/achievements/:id', call: (w) => ({ method: 'GET', url: `/api/achievements/${w.achievements.submitted}` }), expect: { ...orgRoute(200, 200, 200), anonymous: 404 } },
  { route: 'PATCH /api/achievements/:id', call: (w) => ({ method: 'PATCH', url: `/api/achievements/${w.achievements.draft}`, body: { maturity: 7 } }), expect: orgRoute(200, 200, 403) },
  { route: 'POST /api/achievements/:id/submit', call: (w) => ({ method: 'POST', url: `/api/achievements/${w.achievements.draft}/submit` }), expect: orgRoute(200, 200, 403) },
  { route: 'POST /api/achievements/:id/review', call: (w) => ({ method: 'POST', url: `/api/achievements/${w.achievements.submitted}/review`, body: { decision: 'approve' } }), expect: orgRoute(403, 403, 200) },
  { route: 'POST /api/achievements/:id/withdraw', call: (w) => ({ method: 'POST', url: `/api/achievements/${w.achievements.published}/withdraw`, body: {} }), expect: { ...orgRoute(200, 200, 403), outsider: 403, foreignAdmin: 403 } },
  { route: 'POST /api/achievements/:id/confirm', call: (w) => ({ method: 'POST', url: `/api/achievements/${w.achievements.published}/confirm` }), expect: { ...orgRoute(200, 200, 403), outsider: 403, foreignAdmin: 403 } },
  { route: 'GET /api/achievements/:id/versions', call: (w) => ({ method: 'GET', url: `/api/achievements/${w.achievements.published}/versions` }), expect: { ...orgRoute(200, 200, 200), outsider: 403, foreignAdmin: 403 } },
  { route: 'POST /api/achievements/:id/conversions', call: (w) => ({ method: 'POST', url: `/api/achievements/${w.achievements.published}/conversions`, body: { kind: 'transferred', date: '2026-01-05', counterparty: '某企业' } }), expect: { ...orgRoute(201, 201, 403), outsider: 403, foreignAdmin: 403 } },
  { route: 'PUT /api/achievements/:id/followups/:year', call: (w) => ({ method: 'PUT', url: `/api/achievements/${w.achievements.published}/followups/2026`, body: { status: 'in_progress' } }), expect: { ...orgRoute(200, 200, 403), outsider: 403, foreignAdmin: 403 } },
  { route: 'GET /api/achievements/:id/access-requests', call: (w) => ({ method: 'GET', url: `/api/achievements/${w.achievements.abstract}/access-requests` }), expect: { ...orgRoute(200, 200, 200), outsider: 200, foreignAdmin: 200 } },
  { route: 'POST /api/achievements/:id/access-requests', call: (w) => ({ method: 'POST', url: `/api/achievements/${w.achievements.abstract}/access-requests`, body: { reason: '洽谈' } }), expect: { anonymous: 401, outsider: 201, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 } },
  { route: 'POST /api/achievements/access-requests/:id/decision', call: (w) => ({ method: 'POST', url: `/api/achievements/access-requests/${w.accessRequestId}/decision`, body: { decision: 'approve' } }), expect: { ...orgRoute(200, 200, 403), outsider: 403, foreignAdmin: 403 } },
  { route: 'GET /api/demands', call: () => ({ method: 'GET', url: '/api/demands' }), expect: all(200) },
  { route: 'POST /api/demands', call: () => ({ method: 'POST', url: '/api/demands', body: demandBody() }), expect: { anonymous: 401, outsider: 201, member: 201, owner: 201, foreignAdmin: 400, localAdmin: 400 } },
  { route: 'GET /api/demands/:id', call: (w) => ({ method: 'GET', url: `/api/demands/${w.demands.submitted}` }), expect: { ...orgRoute(200, 200, 200), anonymous: 404 } },
  { route: 'PATCH /api/demands/:id', call: (w) => ({ method: 'PATCH', url: `/api/demands/${w.demands.draft}`, body: { budgetMin: 1000 } }), expect: orgRoute(200, 200, 403) },
  { route: 'POST /api/demands/:id/submit', call: (w) => ({ method: 'POST', url: `/api/demands/${w.demands.draft}/submit` }), expect: orgRoute(200, 200, 403) },
  { route: 'POST /api/demands/:id/review', call: (w) => ({ method: 'POST', url: `/api/demands/${w.demands.submitted}/review`, body: { decision: 'approve' } }), expect: orgRoute(403, 403, 200) },
  { route: 'POST /api/demands/:id/withdraw', call: (w) => ({ method: 'POST', url: `/api/demands/${w.demands.published}/withdraw`, body: {} }), expect: { ...orgRoute(200, 200, 403), outsider: 403, foreignAdmin: 403 } },
  { route: 'POST /api/demands/:id/confirm', call: (w) => ({ method: 'POST', url: `/api/demands/${w.demands.published}/confirm` }), expect: { ...orgRoute(200, 200, 403), outsider: 403, foreignAdmin: 403 } },
  { route: 'GET /api/demands/:id/versions', call: (w) => ({ method: 'GET', url: `/api/demands/${w.demands.published}/versions` }), expect: { ...orgRoute(200, 200, 200), outsider: 403, foreignAdmin: 403 } },
  { route: 'GET /api/demands/:id/access-requests', call: (w) => ({ method: 'GET', url: `/api/demands/${w.demands.abstract}/access-requests` }), expect: { ...orgRoute(200, 200, 200), outsider: 200, foreignAdmin: 200 } },
  { route: 'POST /api/demands/:id/access-requests', call: (w) => ({ method: 'POST', url: `/api/demands/${w.demands.abstract}/access-requests`, body: { reason: '洽谈' } }), expect: { anonymous: 401, outsider: 201, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 } },
  { route: 'POST /api/demands/access-requests/:id/decision', call: (w) => ({ method: 'POST', url: `/api/demands/access-requests/${w.demandAccessRequestId}/decision`, body: { decision: 'approve' } }), expect: { ...orgRoute(200, 200, 403), outsider: 403, foreignAdmin: 403 } },
  { route: 'GET /api/notifications', call: () => ({ method: 'GET', url: '/api/notifications' }), expect: signedIn(200) },
  { route: 'POST /api/notifications/:id/read', call: (w) => ({ method: 'POST', url: `/api/notifications/${w.notificationId}/read` }), expect: { anonymous: 401, outsider: 404, member: 204, owner: 204, foreignAdmin: 404, localAdmin: 404 } },
  { route: 'POST /api/notifications/read-all', call: () => ({ method: 'POST', url: '/api/notifications/read-all' }), expect: signedIn(200) },
  { route: 'GET /api/jurisdictions/:code/catalogue-settings', call: () => ({ method: 'GET', url: '/api/jurisdictions/140700/catalogue-settings' }), expect: adminRoute(200) },
  { route: 'PUT /api/jurisdictions/:code/catalogue-settings', call: () => ({ method: 'PUT', url: '/api/jurisdictions/140700/catalogue-settings', body: { staleAfterMonths: 12 } }), expect: adminRoute(200) },
  { route: 'POST /api/admin/catalogue/sweep', call: () => ({ method: 'POST', url: '/api/admin/catalogue/sweep' }), expect: adminRoute(403) },
  { route: 'POST /api/auth/logout', call: () => ({ method: 'POST', url: '/api/auth/logout' }), expect: signedIn(204) },
];

const ALL_ROWS = [...ROWS, ...extraRows];

describe('authorization matrix', () => {
  for (const row of ALL_ROWS) {
    it(row.route, async () => {
      const got: Record<string, number> = {};
      // A read changes nothing, and neither does a refused write: callers share one world until a write
      // succeeds, and the caller after it gets a fresh one. (A refusal that changed the world would show
      // as a different answer for a later caller than the row expects.)
      const reads = row.route.startsWith('GET ');
      let shared: World | undefined;
      for (const actor of ACTORS) {
        const w = (shared ??= await world());
        const { method, url, body, headers } = await row.call(w, t);
        const token = actor === 'anonymous' ? undefined : w.users[actor].token;
        const res = await t.api(method, url, { token, body, headers });
        got[actor] = res.statusCode;
        if (!reads && res.statusCode < 400) shared = undefined;
        if (res.statusCode >= 400) expect(res.headers['content-type'], `${row.route} as ${actor}`).toContain('application/problem+json');
      }
      expect(got).toEqual(row.expect);
    });
  }

  it('lets a platform administrator run the catalogue sweep', async () => {
    const root = await t.factories.user({ platformAdmin: true });
    const res = await t.api('POST', '/api/admin/catalogue/sweep', { token: root.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ staleAchievements: expect.any(Number), staleDemands: expect.any(Number), unconverted: expect.any(Number) });
  });

  it('covers every API route the app declares', () => {
    const declared = new Set<string>();
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const method of Object.keys(ops)) declared.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    declared.add('GET /api/openapi.json');
    const covered = new Set(ALL_ROWS.map((r) => r.route));
    expect([...declared].filter((r) => !covered.has(r))).toEqual([]);
  });
});
