import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique, type TestUser } from '../../../test/factories.ts';
import { achievementBody, demandBody, publishedAchievement } from '../../../test/catalogueFixtures.ts';
import { auctionBody, fixedBody, liveListing, placeBid } from '../../../test/tradingFixtures.ts';
import { listings } from '../../db/schema/index.ts';
import { platformRunner } from '../../runner.ts';
import { closeAuction } from '../trading/auctions.service.ts';

/**
 * Issue 11, "hidden fields recoverable from outside", in matching, pushes and
 * comparables: a secret record never shows up in another's matches (no id, no
 * score), a match filter never tests a field the caller cannot see, and an
 * abstract record's hidden keywords are named in no reason anyone else reads.
 */
const t = useTestApp();
const quiet = { error: () => {} };
const runJobs = () => platformRunner(t.database.db, quiet, t.app.deps).runDue(new Date(Date.now() + 5000));

/** A keyword only the abstract records hold (never in their titles or summaries). */
const HIDDEN = '阀体密封面';
const PRICE = 40_000_000;

let owner: TestUser;
let admin: TestUser;
let sme: TestUser;
let demand: string;
const ids: Record<string, string> = {};

type Item = { id: string | null; anonymous: boolean; score: number; reasons: { kind: string; text: string }[]; record: { restricted: boolean } | null };
const matches = async (query = '', token = sme.token) => {
  const res = await t.api('GET', `/api/demands/${demand}/matches?limit=50${query}`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return { items: res.json().items as Item[], body: res.body };
};
const idsOf = (items: Item[]) => items.map((i) => i.id);

async function publishedDemand(who: TestUser, body: Record<string, unknown>) {
  const created = await t.api('POST', '/api/demands', { token: who.token, body: demandBody(body) });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  await t.api('POST', `/api/demands/${id}/submit`, { token: who.token });
  expect((await t.api('POST', `/api/demands/${id}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  owner = await t.factories.user({ name: '成果负责人' });
  await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700' });
  admin = await t.factories.admin('140700');
  sme = await t.factories.user({ name: '企业负责人' });
  await t.factories.organization(sme, { type: 'enterprise', status: 'verified', jurisdictionCode: '140700' });
  demand = await publishedDemand(sme, {
    title: '液压阀体铸件气孔缺陷机器视觉在线检测',
    description: `需要一套基于机器视觉的液压阀体铸件气孔缺陷在线检测方案，并检测${HIDDEN}划伤，检出率不低于 99%。`,
    keywords: ['机器视觉', '缺陷检测', '铸件', HIDDEN],
    budgetMin: 10_000_000,
    budgetMax: 90_000_000,
    cooperationModes: ['licence', 'equity'],
  });
  const subject = { summary: '采用工业相机与卷积神经网络，对液压阀体铸件的气孔缺陷进行在线检测，检出率 99.5%。', maturity: 7 };
  ids.secret = await publishedAchievement(t, owner, admin, { title: '铸件气孔缺陷机器视觉检测保密工艺', keywords: ['机器视觉', '缺陷检测', '铸件'], confidentiality: 'secret', price: PRICE, transferModes: ['licence'], ...subject });
  ids.abstract = await publishedAchievement(t, owner, admin, { title: '铸件气孔缺陷机器视觉检测仪', keywords: ['机器视觉', HIDDEN], confidentiality: 'abstract', price: PRICE, transferModes: ['equity'], ...subject });
  ids.public = await publishedAchievement(t, owner, admin, { title: '铸件气孔缺陷机器视觉检测系统', keywords: ['机器视觉', '缺陷检测'], price: PRICE, transferModes: ['licence'], ...subject });
});

describe('a secret record in others’ matches', () => {
  it('is not there at all — no anonymous entry, no id, no score — whatever the filters', async () => {
    const filters = ['', `&priceMax=${PRICE}`, `&priceMax=${PRICE - 1}`, '&maturityMin=7', '&transferMode=licence', '&jurisdictionCode=140700', '&jurisdictionCode=371000'];
    for (const f of filters) {
      const { items, body } = await matches(f);
      expect(items.filter((i) => i.anonymous || !i.id), f).toEqual([]);
      expect(body, f).not.toContain(ids.secret);
      expect(body, f).not.toContain('保密工艺');
    }
    const orgs = await t.api('GET', `/api/demands/${demand}/matches/organizations?limit=50`, { token: sme.token });
    expect(orgs.statusCode).toBe(200);
    expect(orgs.body).not.toContain(ids.secret);
    // Anonymous callers neither.
    expect((await t.api('GET', `/api/demands/${demand}/matches?limit=50`)).body).not.toContain(ids.secret);
    // Feedback on its id is answered as on a missing record, so the id cannot be probed either.
    const feedback = (targetId: string) => t.api('POST', '/api/match-feedback', { token: sme.token, body: { sourceType: 'demand', sourceId: demand, targetId, verdict: 'interested' } });
    const missing = await feedback('00000000-0000-4000-8000-000000000000');
    const secret = await feedback(ids.secret!);
    expect(secret.statusCode).toBe(missing.statusCode);
    expect(secret.json().detail).toBe(missing.json().detail);
  });

  it('is shown to those who may read it, and their filters test it', async () => {
    expect(idsOf((await matches('', admin.token)).items)).toContain(ids.secret);
    expect(idsOf((await matches(`&priceMax=${PRICE - 1}`, admin.token)).items)).not.toContain(ids.secret);
    expect(idsOf((await matches(`&priceMax=${PRICE}`, admin.token)).items)).toContain(ids.secret);
  });
});

describe('an abstract record in others’ matches', () => {
  it('is matched by its open fields, but no filter on its hidden price or modes tests it', async () => {
    expect(idsOf((await matches()).items)).toEqual(expect.arrayContaining([ids.abstract, ids.public]));
    // Bisecting the price: left out on both sides of it, while the public one answers to its own price.
    for (const f of [`&priceMax=${PRICE}`, `&priceMax=${PRICE - 1}`, '&priceMax=1000000000000']) expect(idsOf((await matches(f)).items), f).not.toContain(ids.abstract);
    expect(idsOf((await matches(`&priceMax=${PRICE}`)).items)).toContain(ids.public);
    expect(idsOf((await matches('&transferMode=equity')).items)).not.toContain(ids.abstract);
    // Maturity is open: its filter still finds it.
    expect(idsOf((await matches('&maturityMin=7')).items)).toContain(ids.abstract);
    // Reasons name neither its modes nor its price, nor its hidden keyword.
    const item = (await matches()).items.find((i) => i.id === ids.abstract)!;
    expect(item.record!.restricted).toBe(true);
    expect(item.reasons.map((r) => r.kind)).not.toEqual(expect.arrayContaining(['budget']));
    expect(item.reasons.map((r) => r.kind)).not.toContain('mode');
  });

  it('is filtered by its fields once the caller’s organisation is granted access', async () => {
    const req = await t.api('POST', `/api/achievements/${ids.abstract}/access-requests`, { token: sme.token, body: { reason: '拟洽谈' } });
    expect(req.statusCode, req.body).toBe(201);
    expect((await t.api('POST', `/api/achievements/access-requests/${req.json().id}/decision`, { token: owner.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    expect(idsOf((await matches(`&priceMax=${PRICE}`)).items)).toContain(ids.abstract);
    expect(idsOf((await matches(`&priceMax=${PRICE - 1}`)).items)).not.toContain(ids.abstract);
    expect(idsOf((await matches('&transferMode=equity')).items)).toContain(ids.abstract);
  });
});

describe('an abstract record’s hidden keywords', () => {
  it('are named in no push: neither in match reasons to others nor as a subscription keyword', async () => {
    const subscriber = await t.factories.user({ name: '订阅者' });
    await t.factories.organization(subscriber, { type: 'enterprise', jurisdictionCode: '140700' });
    const sub = await t.api('POST', '/api/subscriptions', { token: subscriber.token, body: { name: '密封面检测', recordType: 'achievement', keywords: [HIDDEN] } });
    expect(sub.statusCode, sub.body).toBe(201);
    // A second enterprise with the same demand, published before the abstract achievement is: the achievement's push reaches it.
    const other = await t.factories.user({ name: '另一企业' });
    await t.factories.organization(other, { type: 'enterprise', jurisdictionCode: '140700' });
    await publishedDemand(other, { title: `液压阀体${HIDDEN}缺陷机器视觉检测`, description: `需要基于机器视觉检测液压阀体铸件的气孔与${HIDDEN}缺陷。`, keywords: ['机器视觉', HIDDEN] });
    await runJobs();
    const hidden = await publishedAchievement(t, owner, admin, {
      ...achievementBody(),
      title: `液压阀体铸件机器视觉检测装置${unique()}`,
      summary: '基于机器视觉的液压阀体铸件缺陷在线检测装置。',
      keywords: ['机器视觉', HIDDEN],
      industryTags: [],
      confidentiality: 'abstract',
    });
    await runJobs();
    for (const who of [other, subscriber]) {
      const res = await t.api('GET', '/api/pushes?pageSize=100', { token: who.token });
      expect(res.statusCode, res.body).toBe(200);
      const pushed = (res.json().items as { record: { id: string }; reasons: { text: string }[] }[]).filter((p) => p.record.id === hidden);
      expect(JSON.stringify(pushed), who.name).not.toContain(HIDDEN);
    }
    // The subscriber's only hook was the hidden keyword: nothing was pushed to them.
    const subscriberPushes = (await t.api('GET', '/api/pushes?pageSize=100', { token: subscriber.token })).json().items as { record: { id: string } }[];
    expect(subscriberPushes.map((p) => p.record.id)).not.toContain(hidden);
  });

  it('are named in no comparable deal’s reasons for an outsider', async () => {
    const buyers: TestUser[] = [];
    for (let i = 0; i < 2; i++) {
      const u = await t.factories.user({ name: `竞买人${i}` });
      await t.factories.organization(u, { type: 'enterprise', jurisdictionCode: '140700', name: `竞买企业${unique()}` });
      buyers.push(u);
    }
    // A sold achievement on the hidden keyword, and a listing of an abstract achievement holding it hidden.
    const sold = await publishedAchievement(t, owner, admin, { title: `${HIDDEN}视觉检测方法`, keywords: [HIDDEN], summary: `液压阀体${HIDDEN}缺陷的视觉检测。` });
    const auction = await liveListing(t, owner, admin, auctionBody(sold, { reservePrice: null, deposit: 0 }));
    await placeBid(t, buyers[0]!.token, auction, 10_000_000);
    await placeBid(t, buyers[1]!.token, auction, 12_000_000);
    await t.database.db.update(listings).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(listings.id, auction));
    await closeAuction(t.database.db, auction);
    const listed = await publishedAchievement(t, owner, admin, { title: '液压阀体视觉检测装置', keywords: [HIDDEN], summary: '液压阀体的视觉检测。', confidentiality: 'abstract' });
    const listing = await liveListing(t, owner, admin, fixedBody(listed));
    const anon = await t.api('GET', `/api/listings/${listing}/comparables`);
    expect(anon.statusCode, anon.body).toBe(200);
    // The sale may be found by the words the outsider sees (液压阀体、视觉检测 of its summary); its own public title
    // names the keyword, but no reason, and nothing else of the answer, does.
    for (const item of anon.json().items as { listing: { id: string; title: string }; reasons: string[] }[]) {
      expect(item.listing.id).toBe(auction);
      expect(JSON.stringify({ ...item, listing: { ...item.listing, title: '' } })).not.toContain(HIDDEN);
    }
    // Its owner asks with every keyword.
    const own = await t.api('GET', `/api/listings/${listing}/comparables`, { token: owner.token });
    expect(own.body).toContain(HIDDEN);
  });
});
