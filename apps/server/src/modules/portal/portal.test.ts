import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '@kzt/shared';
import { useTestApp } from '../../../test/testApp.ts';
import { attachSignedContract } from '../../../test/contractDocuments.ts';
import { unique, type TestUser } from '../../../test/factories.ts';
import { achievementBody, demandBody, publishedAchievement } from '../../../test/catalogueFixtures.ts';
import { auctionBody, fixedBody, liveListing, tradingWorld } from '../../../test/tradingFixtures.ts';
import { deliverEvents } from '../../../test/registration.ts';
import { multipartFile, tinyPdf } from '../../../test/matrix/attachments.rows.ts';

const t = useTestApp();
const tag = `瀚${unique()}`;
let w: Awaited<ReturnType<typeof tradingWorld>>;
const ids: Record<string, string> = {};
let plain: TestUser;

type Card = { id: string } & Record<string, unknown>;
const idsOf = (items: Card[]) => items.map((i) => i.id);
const HIDDEN = ['price', 'completers', 'keywords', 'ip', 'budgetMin', 'budgetMax', 'benefits'];

beforeAll(async () => {
  w = await tradingWorld(t, { buyers: 2, achievement: { title: `量子点荧光探针制备技术${tag}` } });
  ids.public = w.achievementId;
  ids.abstract = await publishedAchievement(t, w.owner, w.admin, { title: `摘要公开的钙钛矿电池封装${tag}`, confidentiality: 'abstract', price: 12_345_600 });
  ids.secret = await publishedAchievement(t, w.owner, w.admin, { title: `保密的军工材料配方${tag}`, confidentiality: 'secret' });
  ids.fixed = await publishedAchievement(t, w.owner, w.admin, { title: `液压阀体快速检测装置${tag}` });
  // A draft and a submitted record: the owner's drafts, the administrator's review queue.
  await t.api('POST', '/api/achievements', { token: w.owner.token, body: achievementBody({ title: `草稿成果${tag}` }) });
  const submitted = await t.api('POST', '/api/achievements', { token: w.owner.token, body: achievementBody({ title: `待审成果${tag}` }) });
  await t.api('POST', `/api/achievements/${submitted.json().id}/submit`, { token: w.owner.token });

  const buyer = w.buyers[0]!;
  const d = await t.api('POST', '/api/demands', { token: buyer.user.token, body: demandBody({ title: `荧光探针检测需求${tag}`, organizationId: buyer.orgId }) });
  expect(d.statusCode, d.body).toBe(201);
  ids.demand = d.json().id;
  await t.api('POST', `/api/demands/${ids.demand}/submit`, { token: buyer.user.token });
  expect((await t.api('POST', `/api/demands/${ids.demand}/review`, { token: w.admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);

  ids.auction = await liveListing(t, w.owner, w.admin, auctionBody(ids.public));
  const reg = await t.api('POST', `/api/listings/${ids.auction}/registrations`, { token: buyer.user.token, body: { organizationId: buyer.orgId, note: '已汇款' } });
  expect(reg.statusCode, reg.body).toBe(201);
  ids.fixedListing = await liveListing(t, w.owner, w.admin, fixedBody(ids.fixed));
  const offer = await t.api('POST', `/api/listings/${ids.fixedListing}/offers`, { token: w.buyers[1]!.user.token, body: {} });
  expect(offer.statusCode, offer.body).toBe(201);
  ids.deal = (await t.api('GET', '/api/deals', { token: w.buyers[1]!.user.token })).json().items[0].id;
  plain = await t.factories.user();
});

describe('GET /api/home', () => {
  it('counts what is published, open and dealt, shows the latest records as anyone sees them, and the footer’s filing numbers', async () => {
    const res = await t.api('GET', '/api/home');
    expect(res.statusCode, res.body).toBe(200);
    const home = res.json();
    // public, abstract and the sold one; never the secret one.
    expect(home.counts).toEqual({ achievements: 3, demands: 1, listings: 1, deals: 1 });
    expect(idsOf(home.latest.achievements)).toEqual(expect.arrayContaining([ids.public, ids.abstract, ids.fixed]));
    expect(idsOf(home.latest.achievements)).not.toContain(ids.secret);
    expect(idsOf(home.latest.demands)).toEqual([ids.demand]);
    expect(idsOf(home.latest.listings)).toEqual([ids.auction]);
    for (const card of [...home.latest.achievements, ...home.latest.demands]) for (const k of HIDDEN) expect(card, k).not.toHaveProperty(k);
    expect(home.site.icp).toMatch(/ICP备/);
  });
});

describe('GET /api/search', () => {
  const search = (q: string, token?: string, extra = '') => t.api('GET', `/api/search?q=${encodeURIComponent(q)}${extra}`, { token });

  it('one box finds achievements, demands and listings, grouped by kind', async () => {
    const res = await search('荧光探针');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(idsOf(r.achievements.items)).toContain(ids.public);
    expect(idsOf(r.demands.items)).toContain(ids.demand);
    expect(idsOf(r.listings.items)).toContain(ids.auction);
  });

  it('shows only what the viewer may see: a secret record only to its owner, an abstract one without its hidden fields', async () => {
    for (const token of [undefined, plain.token, w.buyers[0]!.user.token]) {
      const r = (await search(tag, token)).json();
      expect(idsOf(r.achievements.items)).not.toContain(ids.secret);
      const abstract = r.achievements.items.find((i: Card) => i.id === ids.abstract);
      expect(abstract.title).toContain('钙钛矿');
      for (const k of HIDDEN) expect(abstract, k).not.toHaveProperty(k);
      expect(JSON.stringify(r)).not.toContain('12345600');
    }
    const owner = (await search(tag, w.owner.token, '&kind=achievements&pageSize=20')).json();
    expect(idsOf(owner.achievements.items)).toContain(ids.secret);
    expect(owner.demands).toBeNull();
  });

  it('an empty query is refused at the field', async () => {
    const res = await search('  ');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'q', message: '此项为必填项' }]);
  });
});

describe('GET /api/me/workbench', () => {
  const bench = async (u: TestUser) => {
    const res = await t.api('GET', '/api/me/workbench', { token: u.token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { tasks: { key: string; count: number; link: string }[]; mine: Record<string, { total: number; items?: Card[] }>; roles: Record<string, boolean> };
  };
  const task = (b: Awaited<ReturnType<typeof bench>>, key: string) => b.tasks.find((x) => x.key === key);

  it('is for signed-in people only', async () => {
    expect((await t.api('GET', '/api/me/workbench')).statusCode).toBe(401);
  });

  it('the administrator sees the reviews waiting in the jurisdiction, each with its page', async () => {
    const b = await bench(w.admin);
    expect(task(b, 'reviewAchievements')).toEqual({ key: 'reviewAchievements', count: 1, link: '/admin/achievement-review' });
    expect(b.roles.admin).toBe(true);
    // A foreign administrator sees none of 晋中's.
    expect(task(await bench(await t.factories.admin('371000')), 'reviewAchievements')).toBeUndefined();
  });

  it('the seller sees the registration to confirm and the deal to sign, their drafts and their records', async () => {
    const b = await bench(w.owner);
    expect(task(b, 'registrationsToConfirm')).toEqual({ key: 'registrationsToConfirm', count: 1, link: `/listings/${ids.auction}` });
    expect(task(b, 'dealsToSign')).toEqual({ key: 'dealsToSign', count: 1, link: `/deals/${ids.deal}` });
    expect(task(b, 'draftRecords')?.count).toBe(1);
    expect(b.mine.achievements!.total).toBe(6);
    expect(b.mine.listings!.total).toBe(2);
    expect(b.roles).toMatchObject({ admin: false, member: true, verifiedOrganization: true });
  });

  it('the buyers see the auction they registered for and the deal they must sign', async () => {
    expect(task(await bench(w.buyers[0]!.user), 'auctions')).toEqual({ key: 'auctions', count: 1, link: `/listings/${ids.auction}` });
    expect(task(await bench(w.buyers[1]!.user), 'dealsToSign')).toEqual({ key: 'dealsToSign', count: 1, link: `/deals/${ids.deal}` });
  });

  it('a firm awaiting verification is told so; a broker sees the achievement entrusted to them and the link to the broker workbench', async () => {
    const founder = await t.factories.user();
    const pending = await t.factories.organization(founder, { status: 'pending', jurisdictionCode: '140700' });
    expect(task(await bench(founder), 'organizationPending')).toEqual({ key: 'organizationPending', count: 1, link: `/org/${pending.id}` });

    const broker = await t.factories.user({ name: '技术经纪人' });
    await t.factories.approvedProfile(broker.id, 'broker', '140700', { title: '技术经理人', fields: ['新材料'] });
    const entrusted = await t.api('POST', `/api/achievements/${ids.abstract}/entrustments`, { token: w.owner.token, body: { agentUserId: broker.id, note: '委托代理挂牌' } });
    expect(entrusted.statusCode, entrusted.body).toBe(201);
    const b = await bench(broker);
    expect(task(b, 'entrustments')).toEqual({ key: 'entrustments', count: 1, link: '/workbench/broker' });
    expect(b.roles.broker).toBe(true);
  });

  it('the licensee of a signed 先使用后付费 licence sees the instalments it has to pay; the licensor does not, and nobody has it left to sign', async () => {
    const x = await tradingWorld(t, { buyers: 1, achievement: { title: `先使用后付费的成果${tag}` } });
    const buyer = x.buyers[0]!.user;
    const listing = await liveListing(t, x.owner, x.admin, fixedBody(x.achievementId, {
      transaction: 'use_first_pay_later',
      price: 20_000_000,
      licence: { kind: 'non_exclusive', territory: '山西省', termMonths: 36, fieldOfUse: '煤矿机械' },
      payment: { plan: 'staged_royalty', entryShareBp: 0, instalments: [{ months: 12, shareBp: 5000 }, { months: 24, shareBp: 5000 }], royaltyBp: 250, royaltyPeriod: 'year' },
    }));
    expect((await t.api('POST', `/api/listings/${listing}/offers`, { token: buyer.token, body: {} })).statusCode).toBe(201);
    const dealId = (await t.api('GET', `/api/listings/${listing}`, { token: x.owner.token })).json().deal.id as string;
    expect(task(await bench(buyer), 'dealsToSign')).toEqual({ key: 'dealsToSign', count: 1, link: `/deals/${dealId}` });
    await t.api('POST', `/api/deals/${dealId}/confirm`, { token: x.owner.token });
    await t.api('POST', `/api/deals/${dealId}/confirm`, { token: buyer.token });
    const signed = await t.api('POST', `/api/deals/${dealId}/sign`, { token: x.owner.token, body: { signedOn: shanghaiToday() } });
    expect(signed.statusCode, signed.body).toBe(200);

    const b = await bench(buyer);
    expect(task(b, 'paymentsDue')).toEqual({ key: 'paymentsDue', count: 2, link: `/deals/${dealId}` });
    expect(task(b, 'dealsToSign')).toBeUndefined();
    const seller = await bench(x.owner);
    expect(task(seller, 'paymentsDue')).toBeUndefined();
    expect(task(seller, 'dealsToSign')).toBeUndefined();
  });

  it('someone without an organisation has nothing waiting and no records', async () => {
    const b = await bench(plain);
    expect(b.tasks).toEqual([]);
    expect(b.roles).toMatchObject({ member: false, admin: false, broker: false, expert: false });
  });
});

describe('GET /api/me/workbench: contracts, subsidies and challenges', () => {
  const tasks = async (u: TestUser) => {
    const res = await t.api('GET', '/api/me/workbench', { token: u.token });
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries((res.json().tasks as { key: string; count: number; link: string }[]).map((x) => [x.key, x]));
  };

  it('a contract waits for its seller until submitted, then at the desk of its point; once registered the subsidy waits for the university and then for the administrator', async () => {
    const owner = await t.factories.user();
    const university = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700' });
    const buyerOwner = await t.factories.user();
    const buyer = await t.factories.organization(buyerOwner, { type: 'enterprise', jurisdictionCode: '140700' });
    const admin = await t.factories.admin('140700');
    const staff = await t.factories.user();
    const point = await t.api('POST', '/api/jurisdictions/140700/registration-points', { token: admin.token, body: { code: '77', name: '晋中市工作台登记点', staffUserIds: [staff.id] } });
    expect(point.statusCode, point.body).toBe(201);
    const today = shanghaiToday();
    const created = await t.api('POST', '/api/contracts', {
      token: owner.token,
      body: {
        kind: 'transfer', subkind: 'patent', title: `一种煤矸石综合利用方法专利权转让合同${tag}`, signedOn: today, validUntil: `${Number(today.slice(0, 4)) + 1}-12-31`,
        seller: { organizationId: university.id }, buyer: { organizationId: buyer.id },
        contractAmount: 100_000_00, technologyAmount: 100_000_00, deductions: [], payments: [{ dueOn: today, amount: 100_000_00 }],
        expectedInvestment: 0, expectedOutput: 0,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;

    expect((await tasks(owner)).contractDrafts).toEqual({ key: 'contractDrafts', count: 1, link: '/contracts?status=draft' });
    expect((await tasks(staff)).contractsToRegister).toBeUndefined();

    await attachSignedContract(t, owner.token, id);
    expect((await t.api('POST', `/api/contracts/${id}/submit`, { token: owner.token, body: { pointId: point.json().id } })).statusCode).toBe(200);
    expect((await tasks(owner)).contractDrafts).toBeUndefined();
    // The point's staff and the jurisdiction's administrators act at the desk; a stranger has nothing there.
    expect((await tasks(staff)).contractsToRegister).toEqual({ key: 'contractsToRegister', count: 1, link: '/contracts?scope=desk&status=submitted' });
    expect((await tasks(admin)).contractsToRegister?.count).toBe(1);
    expect((await tasks(plain)).contractsToRegister).toBeUndefined();

    const reviewed = await t.api('POST', `/api/contracts/${id}/review`, { token: staff.token, body: { decision: 'register', checklist: ['kindIdentified', 'technologyAmountJustified', 'signaturesAttached'] } });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    await deliverEvents(t);
    expect((await tasks(staff)).contractsToRegister).toBeUndefined();
    // 晋中 000-13: a university's output used in 晋中 gets up to 15 %: it waits for the university to apply.
    const toApply = (await tasks(owner)).entitlementsToApply;
    expect(toApply).toMatchObject({ link: '/subsidies?tab=mine' });
    expect(toApply!.count).toBeGreaterThanOrEqual(1);
    expect((await tasks(buyerOwner)).entitlementsToApply).toBeUndefined();

    const mine = (await t.api('GET', '/api/entitlements', { token: owner.token })).json().items as { id: string; requiredDocuments: string[] }[];
    const documents = [];
    for (const name of mine[0]!.requiredDocuments) {
      const { body, headers } = multipartFile(`${name}.pdf`, tinyPdf(name));
      const up = await t.api('POST', `/api/entitlements/${mine[0]!.id}/attachments`, { token: owner.token, body, headers });
      expect(up.statusCode, up.body).toBe(201);
      documents.push({ name, attachmentId: up.json().id as string });
    }
    const applied = await t.api('POST', `/api/entitlements/${mine[0]!.id}/apply`, { token: owner.token, body: { note: '申报', documents } });
    expect(applied.statusCode, applied.body).toBe(200);
    expect((await tasks(admin)).entitlementsToReview?.count).toBeGreaterThanOrEqual(1);
  });

  it('a challenge posted in 晋中 waits for 晋中’s administrators, not for another region’s', async () => {
    const posterOwner = await t.factories.user();
    const org = await t.factories.organization(posterOwner, { type: 'enterprise', jurisdictionCode: '140700' });
    const admin = await t.factories.admin('140700');
    const before = (await tasks(admin)).challengesToReview?.count ?? 0;
    const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const posted = await t.api('POST', '/api/challenges', {
      token: posterOwner.token,
      body: { scheme: 'jiebang_guashuai', title: `高精度减速器寿命提升攻关${tag}`, description: '现有减速器寿命不足 5000 小时，需提升至 20000 小时。', organizationId: org.id, bounty: 300_000_000, deadline, requirements: '三年内完成样机验证' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    expect((await tasks(admin)).challengesToReview).toEqual({ key: 'challengesToReview', count: before + 1, link: '/challenges?scope=review&status=pending_review' });
    expect((await tasks(await t.factories.admin('371000'))).challengesToReview?.count ?? 0).toBe(0);
  });
});
