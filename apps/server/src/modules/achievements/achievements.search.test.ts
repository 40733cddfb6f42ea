import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique } from '../../../test/factories.ts';
import { publishedAchievement, university } from '../../../test/catalogueFixtures.ts';

const t = useTestApp();
const tag = unique();
const ids: Record<string, string> = {};

type Item = { id: string; title: string; highlight?: { title: { text: string; hit: boolean }[] } };
const search = async (query: string) => {
  const res = await t.api('GET', `/api/achievements?pageSize=50&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number; relaxed: boolean; facets: Record<string, { value: string; count: number }[]> };
};

beforeAll(async () => {
  const { owner, admin } = await university(t);
  const weihaiOwner = await t.factories.user();
  await t.factories.organization(weihaiOwner, { type: 'institute', jurisdictionCode: '371000' });
  const weihaiAdmin = await t.factories.admin('371000');
  ids.battery = await publishedAchievement(t, owner, admin, {
    title: `锂离子电池健康状态估计方法${tag}`,
    summary: '基于电化学阻抗谱的电池健康状态在线估计。',
    keywords: ['锂离子电池', '健康状态'],
    industry: 'C',
    maturity: 4,
    transferModes: ['licence'],
  });
  ids.thermal = await publishedAchievement(t, owner, admin, {
    title: `动力电池包热管理系统${tag}`,
    summary: '一种液冷板结构，降低锂离子电池包最高温度 8℃。',
    keywords: ['热管理', '新能源汽车'],
    industry: 'C',
    maturity: 7,
    transferModes: ['transfer'],
  });
  ids.seaweed = await publishedAchievement(t, weihaiOwner, weihaiAdmin, {
    title: `海藻多糖提取工艺${tag}`,
    summary: '从海带中提取褐藻多糖，纯度达 95%，可用于功能食品。',
    keywords: ['海藻多糖', '功能食品'],
    industry: 'Q',
    maturity: 5,
    transferModes: ['licence', 'equity'],
  });
});

describe('catalogue search', () => {
  it('finds by Chinese words and ranks the title match above a body match', async () => {
    const r = await search(`q=${encodeURIComponent('锂离子电池')}`);
    const mine = r.items.filter((i) => Object.values(ids).includes(i.id)).map((i) => i.id);
    expect(mine).toEqual([ids.battery, ids.thermal]);
  });

  it('treats traditional and simplified alike, and full width like half width', async () => {
    const trad = await search(`q=${encodeURIComponent('鋰離子電池健康狀態')}`);
    expect(trad.items[0]!.id).toBe(ids.battery);
    const full = await search(`q=${encodeURIComponent(`海藻多糖提取工艺${tag}`.replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)))}`);
    expect(full.items[0]!.id).toBe(ids.seaweed);
  });

  it('puts the exact title first', async () => {
    const r = await search(`q=${encodeURIComponent(`动力电池包热管理系统${tag}`)}`);
    expect(r.items[0]!.id).toBe(ids.thermal);
  });

  it('highlights the matched words', async () => {
    const r = await search(`q=${encodeURIComponent('热管理')}`);
    const item = r.items.find((i) => i.id === ids.thermal)!;
    expect(item.highlight!.title.filter((s) => s.hit).map((s) => s.text)).toContain('热管理');
  });

  it('filters by industry, maturity range, transfer mode and jurisdiction subtree, with facet counts', async () => {
    const q = `q=${encodeURIComponent(tag)}`;
    expect((await search(`${q}&industry=Q`)).items.map((i) => i.id)).toEqual([ids.seaweed]);
    expect((await search(`${q}&maturityMin=5&maturityMax=7`)).items.map((i) => i.id).sort()).toEqual([ids.thermal, ids.seaweed].sort());
    expect((await search(`${q}&transferMode=equity`)).items.map((i) => i.id)).toEqual([ids.seaweed]);
    expect((await search(`${q}&jurisdictionCode=140000`)).items.map((i) => i.id).sort()).toEqual([ids.battery, ids.thermal].sort());
    const r = await search(`${q}&industry=C`);
    expect(r.total).toBe(2);
    // A facet counts under the other filters but not its own: industry still shows Q.
    expect(r.facets.industry).toEqual(expect.arrayContaining([{ value: 'C', count: 2 }, { value: 'Q', count: 1 }]));
    expect(r.facets.transferMode).toEqual(expect.arrayContaining([{ value: 'licence', count: 1 }, { value: 'transfer', count: 1 }]));
  });

  it('falls back to any word when no record has them all', async () => {
    const r = await search(`q=${encodeURIComponent(`海藻多糖 锂离子电池 ${tag}不存在的词`)}`);
    expect(r.relaxed).toBe(true);
    expect(r.items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.seaweed, ids.battery]));
  });

  it('handles empty, punctuation-only, emoji, very long and Latin-term queries without error', async () => {
    for (const q of ['', '！！！', '😀🔋', 'x'.repeat(200), '5G PLC CRISPR', "'; drop table achievements; --"]) {
      const res = await t.api('GET', `/api/achievements?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
    }
    expect((await t.api('GET', `/api/achievements?q=${'x'.repeat(201)}`)).statusCode).toBe(400);
  });

  it('sorts by date and refuses inverted ranges', async () => {
    const r = await search(`q=${encodeURIComponent(tag)}&sort=date`);
    expect(r.items[0]!.id).toBe(ids.seaweed);
    const bad = await t.api('GET', '/api/achievements?maturityMin=7&maturityMax=3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toEqual({ path: 'maturityMax', message: '范围下限不能高于上限' });
  });
});
