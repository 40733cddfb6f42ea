import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique, type TestUser } from '../../../test/factories.ts';
import { demandBody, publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { searchAchievements } from '../achievements/achievements.service.ts';
import { searchDemands } from '../demands/demands.service.ts';
import { presentAchievement } from '../achievements/achievements.presenter.ts';
import { presentDemand } from '../demands/demands.presenter.ts';
import { recordPolicy } from './catalogue.policy.ts';
import { OPEN_FIELDS } from './catalogue.visibility.ts';
import type { AchievementWithOrg } from '../achievements/achievements.repository.ts';
import type { DemandWithOrg } from '../demands/demands.repository.ts';
import type { AchievementQuery, DemandQuery } from '@kzt/shared';

/**
 * Issue 11, "hidden fields recoverable from outside": an `abstract` record's
 * hidden fields (price, type, transfer modes, owner type; a demand's budget
 * and cooperation modes) must not be read back through the catalogue's
 * filters or facets by someone who may not see them.
 */
const t = useTestApp();
const tag = unique();
const PRICE = 37_000_000;
const ids: Record<string, string> = {};
let owner: TestUser;
let buyer: TestUser;
let demandOwner: TestUser;

type Facets = Record<string, { value: string; count: number }[]>;
type Page = { items: { id: string }[]; total: number; facets: Facets };
const get = async (path: string, query: string, token?: string) => {
  const res = await t.api('GET', `/api/${path}?pageSize=50&q=${encodeURIComponent(tag)}&${query}`, token ? { token } : {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};
const idsOf = (p: Page) => p.items.map((i) => i.id).sort();
const count = (f: Facets, facet: string, value: string) => f[facet]?.find((x) => x.value === value)?.count ?? 0;

async function grant(path: 'achievements' | 'demands', id: string, requester: TestUser, decider: TestUser) {
  const req = await t.api('POST', `/api/${path}/${id}/access-requests`, { token: requester.token, body: { reason: '拟洽谈合作' } });
  expect(req.statusCode, req.body).toBe(201);
  const decided = await t.api('POST', `/api/${path}/access-requests/${req.json().id}/decision`, { token: decider.token, body: { decision: 'approve' } });
  expect(decided.statusCode, decided.body).toBe(200);
}

beforeAll(async () => {
  const u = await university(t);
  owner = u.owner;
  ids.abstract = await publishedAchievement(t, u.owner, u.admin, {
    title: `摘要公开价格成果${tag}`,
    confidentiality: 'abstract',
    price: PRICE,
    type: 'basic_research',
    transferModes: ['equity'],
  });
  ids.public = await publishedAchievement(t, u.owner, u.admin, { title: `公开价格成果${tag}`, price: 80_000_000, type: 'development', transferModes: ['transfer'] });

  demandOwner = await t.factories.user();
  await t.factories.organization(demandOwner, { type: 'enterprise', jurisdictionCode: '140700' });
  for (const [key, body] of [
    ['abstractDemand', { title: `摘要公开预算需求${tag}`, confidentiality: 'abstract', budgetMin: 30_000_000, budgetMax: 30_000_000, cooperationModes: ['equity'] }],
    ['publicDemand', { title: `公开预算需求${tag}`, budgetMin: 90_000_000, budgetMax: 90_000_000, cooperationModes: ['transfer'] }],
  ] as const) {
    const created = await t.api('POST', '/api/demands', { token: demandOwner.token, body: demandBody(body) });
    expect(created.statusCode, created.body).toBe(201);
    ids[key] = created.json().id;
    await t.api('POST', `/api/demands/${ids[key]}/submit`, { token: demandOwner.token });
    expect((await t.api('POST', `/api/demands/${ids[key]}/review`, { token: u.admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
  }

  buyer = await t.factories.user();
  await t.factories.organization(buyer, { type: 'enterprise', status: 'verified', jurisdictionCode: '140700' });
});

describe('an abstract achievement’s price, type and modes stay hidden from outsiders', () => {
  it('is found by its open fields', async () => {
    expect(idsOf(await get('achievements', ''))).toEqual([ids.abstract, ids.public].sort());
  });

  it('bisecting the price gives nothing: a price filter leaves it out on both sides of its price', async () => {
    for (const token of [undefined, buyer.token]) {
      for (const range of [`priceMax=${PRICE - 1}`, `priceMax=${PRICE}`, `priceMin=${PRICE}`, `priceMin=${PRICE + 1}`, `priceMin=0&priceMax=${10 ** 12}`]) {
        const page = await get('achievements', range, token);
        expect(page.items.map((i) => i.id), range).not.toContain(ids.abstract);
      }
      // The same count either side of the hidden price; the public record still answers to its own.
      expect((await get('achievements', `priceMax=${PRICE}`, token)).total).toBe((await get('achievements', `priceMax=${PRICE - 1}`, token)).total);
      expect(idsOf(await get('achievements', `priceMin=79000000`, token))).toEqual([ids.public]);
    }
  });

  it('filters on type and transfer mode leave it out, and facets do not count its hidden fields', async () => {
    expect(idsOf(await get('achievements', 'transferMode=equity'))).toEqual([]);
    expect(idsOf(await get('achievements', 'type=basic_research'))).toEqual([]);
    const { facets } = await get('achievements', '');
    expect(count(facets, 'transferMode', 'equity')).toBe(0);
    expect(count(facets, 'type', 'basic_research')).toBe(0);
    expect(count(facets, 'ownerType', 'university')).toBe(1);
    // Open fields still count it.
    expect(count(facets, 'industry', 'C')).toBe(2);
    expect(count(facets, 'maturity', '6')).toBe(2);
  });

  it('its owner, administrators and an organisation granted access filter and count it by its fields', async () => {
    for (const token of [owner.token]) {
      expect(idsOf(await get('achievements', `priceMin=${PRICE}&priceMax=${PRICE}`, token))).toEqual([ids.abstract]);
      expect(idsOf(await get('achievements', 'transferMode=equity', token))).toEqual([ids.abstract]);
      expect(count((await get('achievements', '', token)).facets, 'type', 'basic_research')).toBe(1);
    }
    await grant('achievements', ids.abstract!, buyer, owner);
    expect(idsOf(await get('achievements', `priceMin=${PRICE}&priceMax=${PRICE}`, buyer.token))).toEqual([ids.abstract]);
    expect(count((await get('achievements', '', buyer.token)).facets, 'transferMode', 'equity')).toBe(1);
    // Anyone else still cannot.
    expect(idsOf(await get('achievements', `priceMin=${PRICE}&priceMax=${PRICE}`))).toEqual([]);
  });

  it('the SQL search path (no index) applies the same projection', async () => {
    const q = (extra: Partial<AchievementQuery>) => ({ q: tag, page: 1, pageSize: 50, sort: 'relevance', scope: 'catalogue', ...extra }) as AchievementQuery;
    const anon = await searchAchievements(t.database.db, null, q({ priceMax: PRICE }));
    expect(anon.items.map((i) => i.id)).toEqual([]);
    const { facets } = await searchAchievements(t.database.db, null, q({}));
    expect(facets.transferMode?.find((x) => x.value === 'equity')).toBeUndefined();
    expect(facets.transferMode?.find((x) => x.value === 'transfer')?.count).toBe(1);
    expect(facets.industry?.find((x) => x.value === 'C')?.count).toBe(2);
    const own = await searchAchievements(t.database.db, null, q({ scope: 'mine' }));
    expect(own.items).toEqual([]);
  });
});

describe('an abstract demand’s budget and cooperation modes stay hidden from outsiders', () => {
  it('budget and cooperation-mode filters leave it out for outsiders, and facets do not count its modes', async () => {
    expect(idsOf(await get('demands', ''))).toEqual([ids.abstractDemand, ids.publicDemand].sort());
    for (const range of ['budgetMax=29999999', 'budgetMax=30000000', 'budgetMin=30000000', 'budgetMin=30000001']) {
      expect((await get('demands', range)).items.map((i) => i.id), range).not.toContain(ids.abstractDemand);
    }
    expect(idsOf(await get('demands', 'cooperationMode=equity'))).toEqual([]);
    const { facets } = await get('demands', '');
    expect(count(facets, 'cooperationMode', 'equity')).toBe(0);
    expect(count(facets, 'cooperationMode', 'transfer')).toBe(1);
    expect(count(facets, 'industry', 'C')).toBe(2);
  });

  it('its owner and a granted organisation still filter by them; the SQL path agrees', async () => {
    expect(idsOf(await get('demands', 'budgetMax=30000000', demandOwner.token))).toEqual([ids.abstractDemand]);
    expect(idsOf(await get('demands', 'budgetMax=30000000', buyer.token))).toEqual([]);
    await grant('demands', ids.abstractDemand!, buyer, demandOwner);
    expect(idsOf(await get('demands', 'budgetMax=30000000', buyer.token))).toEqual([ids.abstractDemand]);
    const q = { q: tag, page: 1, pageSize: 50, sort: 'relevance', scope: 'catalogue', cooperationMode: ['equity'] } as unknown as DemandQuery;
    expect((await searchDemands(t.database.db, null, q)).items).toEqual([]);
  });
});

describe('the projection is one', () => {
  it('an abstract record’s presentation to an outsider holds only the open fields', () => {
    const policy = recordPolicy(null, { organizationId: 'o', jurisdictionPath: '140000', status: 'published', confidentiality: 'abstract' });
    const a = presentAchievement({ id: 'x', organizationId: 'o', organizationName: 'n', maturity: 6 } as AchievementWithOrg, policy);
    const d = presentDemand({ id: 'x', organizationId: 'o', organizationName: 'n' } as DemandWithOrg, policy);
    const extra = ['restricted', 'allowedActions'];
    expect(Object.keys(a).filter((k) => !extra.includes(k)).sort()).toEqual([...OPEN_FIELDS.achievement].sort());
    expect(Object.keys(d).filter((k) => !extra.includes(k)).sort()).toEqual([...OPEN_FIELDS.demand].sort());
  });
});
