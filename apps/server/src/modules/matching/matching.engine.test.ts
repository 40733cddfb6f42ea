import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { queryTokens } from '../../platform/search.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { demandBody, publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { achievementQuery, demandQuery, MatchIndex, recordTerms, scoresInOrder, type MatchDoc } from './matching.engine.ts';
import { describeIntent, sentenceRole, wantedMaturity } from './matching.intent.ts';
import { RelatedTerms } from './matching.terms.ts';

const t = useTestApp();

function doc(id: string, title: string, body = '', extra: Partial<MatchDoc> = {}): MatchDoc {
  return {
    id,
    organizationId: `org-${id}`,
    jurisdictionPath: '140000/140700',
    secret: false,
    stale: false,
    publishedAt: 0,
    industry: 'C',
    maturity: 6,
    modes: ['licence'],
    priceFen: null,
    budgetMinFen: null,
    budgetMaxFen: null,
    wanted: null,
    terms: recordTerms(title, '', body),
    head: () => queryTokens(title),
    ...extra,
  };
}

describe('the intent model', () => {
  it('tells background, problem and goal sentences apart', () => {
    expect(sentenceRole('我公司成立于2005年，位于晋中市，主营液压件。')).toBe('background');
    expect(sentenceRole('现有铸件气孔检测依靠人工，效率低、漏检多。')).toBe('problem');
    expect(sentenceRole('希望引进机器视觉在线检测技术。')).toBe('goal');
    expect(describeIntent('我公司是一家高新技术企业。需要降低能耗。').map((s) => s.role)).toEqual(['background', 'goal']);
    // A product name with an aim word in it stays background; asking beside a background cue is a goal.
    expect(sentenceRole('公司主营高效节能电机的研制及应用等产品。')).toBe('background');
    expect(sentenceRole('公司主营液压件，需要铸件缺陷检测技术。')).toBe('goal');
    // Only asking for a partner names no technology.
    expect(sentenceRole('希望与高校合作解决上述问题。')).toBe('plain');
    // 模拟 is not 拟 (intends to).
    expect(sentenceRole('采用数值模拟方法分析流场。')).toBe('plain');
    // A '.' after a Chinese character ends a sentence, one between digits does not.
    expect(describeIntent('精度达到0.5毫米.希望提高效率').map((s) => s.text)).toEqual(['精度达到0.5毫米.', '希望提高效率']);
    // Nor a full-width point between (full-width or plain) digits; one after a word still ends a sentence.
    expect(describeIntent('要求變形小於０．５ｍｍ。希望採用激光焊').map((s) => s.text)).toEqual(['要求變形小於０．５ｍｍ。', '希望採用激光焊']);
    expect(describeIntent('误差0．5mm以内．希望提高效率').map((s) => s.text)).toEqual(['误差0．5mm以内．', '希望提高效率']);
  });

  it('reads the stage a demand is at', () => {
    expect(wantedMaturity('希望引进可直接量产的成熟技术', [])).toEqual({ min: 7, max: 9 });
    // Any stage will do: no range (a 1–9 range would be shown as asked for and praise every record for fitting it).
    expect(wantedMaturity('寻求联合攻关', ['joint_development'])).toBeNull();
    expect(wantedMaturity('高强度钢焊接变形控制', ['joint_development'])).toBeNull();
    expect(wantedMaturity('寻求联合攻关', ['licence'])).toBeNull();
    expect(wantedMaturity('铸件检测', ['licence'])).toEqual({ min: 6, max: 9 });
    expect(wantedMaturity('铸件检测', [])).toBeNull();
  });

  it('lets the company’s own products not outrank what it asks for', () => {
    const ix = new MatchIndex('achievement');
    ix.upsert(doc('hydraulic', '高压液压泵密封结构设计'));
    ix.upsert(doc('vision', '铸件气孔机器视觉检测'));
    const q = demandQuery({ title: '技术需求', description: '我公司成立于2005年，主营高压液压泵、液压密封件。铸件气孔检测依靠人工，效率低。希望引进机器视觉检测技术。' });
    expect(ix.match(q, { limit: 2 })[0]!.id).toBe('vision');
  });
});

describe('related terms', () => {
  it('are learned from records naming two terms together, not from parts of one word', () => {
    const records: string[][] = [];
    for (let i = 0; i < 400; i++) records.push(i % 40 === 1 ? ['锂电池', '正极材料', `x${i}`] : [`y${i}`, `z${i}`]);
    for (let i = 0; i < 10; i++) records.push(['锂离子', '锂离子电池']);
    const related = RelatedTerms.learn(records, records.length, { minPair: 3 });
    expect(related.of('锂电池').map((r) => r.term)).toContain('正极材料');
    expect(related.of('锂离子').map((r) => r.term)).not.toContain('锂离子电池');
  });
});

describe('the index', () => {
  it('replaces, removes and compacts records without losing the others', () => {
    const ix = new MatchIndex('achievement');
    for (let i = 0; i < 3000; i++) ix.upsert(doc(`a${i % 1500}`, i % 2 ? '特种钢材轧制' : '水稻栽培'));
    expect(ix.size).toBe(1500);
    for (let i = 0; i < 1400; i++) ix.remove(`a${i}`);
    expect(ix.size).toBe(100);
    const hits = ix.match(demandQuery({ title: '特种钢材' }), { limit: 200 });
    expect(hits.length).toBe(50);
    expect(new Set(hits.map((h) => h.id)).size).toBe(50);
  });

  it('keeps a stale record below a current one however often the current one was changed', () => {
    const ix = new MatchIndex('achievement');
    ix.upsert(doc('stale', '特种钢材轧制工艺', '', { stale: true }));
    // Every change leaves the old version's entries in the posting lists until compaction: more entries than live records.
    for (let i = 0; i < 20; i++) ix.upsert(doc('current', '特种钢材轧制工艺'), i);
    expect(ix.size).toBe(2);
    const hits = ix.match(demandQuery({ title: '特种钢材轧制工艺' }), { limit: 2 });
    expect(hits.map((h) => h.id)).toEqual(['current', 'stale']);
    expect(hits[1]!.score).toBeGreaterThan(0);
    expect(ix.idf('钢材')).toBeGreaterThan(0);
  });

  it('scores the same built in one pass as record by record, a very frequent term too', () => {
    const records = [
      doc('often', '特种钢材', '轧制'.repeat(1100)),
      doc('title', '特种钢材轧制工艺'),
      doc('other', '水稻栽培', '轧制'),
    ];
    const bulk = new MatchIndex('achievement');
    for (const r of records) bulk.upsert(r);
    const oneByOne = new MatchIndex('achievement');
    oneByOne.upsert(doc('first', '海藻多糖'));
    oneByOne.trim();
    for (const r of records) oneByOne.upsert(r);
    bulk.upsert(doc('first', '海藻多糖'));
    const q = demandQuery({ title: '钢材轧制' });
    const scores = (ix: MatchIndex) => ix.match(q, { limit: 5 }).map((h) => [h.id, h.score]);
    expect(scores(bulk)).toEqual(scores(oneByOne));
    expect(scores(bulk).map(([id]) => id).sort()).toEqual(['often', 'other', 'title']);
  });

  it('weighs industry, maturity, budget and region, and says so', () => {
    const ix = new MatchIndex('achievement');
    ix.upsert(doc('near', '铸件缺陷检测', '', { maturity: 8, priceFen: 10_000_000, jurisdictionPath: '140000/140700' }));
    ix.upsert(doc('far', '铸件缺陷检测', '', { maturity: 3, priceFen: 900_000_000, jurisdictionPath: '370000/371000', industry: 'M' }));
    const q = demandQuery({ title: '铸件缺陷检测', description: '希望引进可直接量产的技术', industry: 'C', jurisdictionPath: '140000/140700', budgetMaxFen: 50_000_000, cooperationModes: ['licence'] });
    const [first, second] = ix.match(q, { limit: 2 });
    expect(first!.id).toBe('near');
    expect(first!.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['industry', 'maturity', 'budget', 'region', 'mode']));
    expect(second!.reasons.find((r) => r.kind === 'maturity')!.fit).toBe('poor');
    expect(second!.reasons.find((r) => r.kind === 'budget')!.fit).toBe('poor');
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('matches achievements to demands the other way round', () => {
    const ix = new MatchIndex('demand');
    ix.upsert(doc('d1', '寻求铸件缺陷在线检测技术', '', { maturity: null, wanted: { min: 6, max: 9 }, budgetMaxFen: 50_000_000 }));
    ix.upsert(doc('d2', '水稻高产栽培'));
    const hits = ix.match(achievementQuery({ title: '铸件缺陷机器视觉检测', maturity: 7, priceFen: 30_000_000 }), { limit: 5 });
    expect(hits.map((h) => h.id)).toEqual(['d1']);
    expect(hits[0]!.reasons.find((r) => r.kind === 'budget')!.fit).toBe('good');
  });

  it('returns as its first k exactly the first k of the whole ranking, with fit, feedback and a filter', () => {
    // Enough records sharing words that the candidate pool (900 for a limit of 10) and the fit-step cut both apply.
    const words = ['铸件', '缺陷', '检测', '机器视觉', '液压', '密封', '轧制', '热处理', '焊接', '涂层', '传感器', '控制'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const ix = new MatchIndex('achievement');
    for (let i = 0; i < 2500; i++) {
      const title = words.filter(() => random() < 0.3).join('');
      ix.upsert(doc(`a${i}`, title || '水稻', words[i % words.length]!, {
        maturity: 1 + (i % 9),
        industry: i % 3 ? 'C' : 'M',
        priceFen: (i % 7) * 10_000_000,
        jurisdictionPath: i % 4 ? '140000/140700' : '370000/371000',
        publishedAt: i % 5 ? 0 : 1.79e12 - 86_400_000,
        stale: i % 11 === 0,
      }));
    }
    const feedback = new Map([['a3', 0], ['a10', 1.15], ['a17', 0.7]]);
    const filter = (v: { maturity: number | null }) => v.maturity !== 2;
    const query = demandQuery({ title: '铸件缺陷机器视觉检测', description: '希望引进可直接量产的技术', industry: 'C', jurisdictionPath: '140000/140700', budgetMaxFen: 30_000_000, cooperationModes: ['licence'] });
    const all = ix.match(query, { limit: 2500, feedback, filter, now: 1.79e12 });
    expect(all.length).toBeGreaterThan(1000);
    for (const limit of [1, 10, 30]) {
      const top = ix.match(query, { limit, feedback, filter, now: 1.79e12 });
      expect(top).toEqual(all.slice(0, limit));
    }
    // Scored in many blocks of records (at a million records there are 31), the ranking is the same to the last bit.
    ix.blockSize = 97;
    expect(ix.match(query, { limit: 2500, feedback, filter, now: 1.79e12 })).toEqual(all);
    // Ranking only some records gives them the same scores, reasons and order as the whole ranking does (the score shown
    // capped down their own list, not the whole one's).
    const some = ['a1', 'a5', 'a10', 'a17', 'a3', 'a2400', 'a999', 'nonexistent'];
    const among = ix.matchAmong(query, some, { limit: 5, feedback, filter, now: 1.79e12 });
    expect(among.length).toBeGreaterThan(2);
    expect(among).toEqual(scoresInOrder(all.filter((h) => some.includes(h.id)).slice(0, 5).map((h) => ({ ...h }))));
    for (let i = 1; i < all.length; i++) expect(all[i]!.score).toBeLessThanOrEqual(Math.min(all[i - 1]!.score, all[i]!.calibrated));
  });

  it('answers empty, punctuation-only and emoji queries with nothing rather than failing', () => {
    const ix = new MatchIndex('achievement');
    ix.upsert(doc('a', '铸件缺陷检测'));
    for (const title of ['', '。，！？', '🚀🔥', ' '.repeat(100)]) expect(ix.match(demandQuery({ title }), { limit: 10 })).toEqual([]);
    expect(ix.match(demandQuery({ title: 'PLC 5G CRISPR' }), { limit: 10 })).toEqual([]);
  });
});

describe('more than one app server', () => {
  it('a second app server on the same database matches a record published through the first', async () => {
    const second = await buildApp({ db: t.database.db, config: t.config });
    try {
      const { owner, admin } = await university(t);
      const sme = await t.factories.user();
      await t.factories.organization(sme, { jurisdictionCode: '140700' });
      const demand = (await t.api('POST', '/api/demands', { token: sme.token, body: demandBody() })).json().id;
      await t.api('POST', `/api/demands/${demand}/submit`, { token: sme.token });
      await t.api('POST', `/api/demands/${demand}/review`, { token: admin.token, body: { decision: 'approve' } });
      const url = `/api/demands/${demand}/matches`;
      const id = await publishedAchievement(t, owner, admin, { title: '液压阀体铸件气孔机器视觉检测', keywords: ['机器视觉', '铸件'] });
      const seen = (await second.inject({ method: 'GET', url, headers: { authorization: `Bearer ${sme.token}` } })).json();
      expect(seen.items.map((i: { id: string }) => i.id)).toContain(id);
      await t.api('POST', `/api/achievements/${id}/withdraw`, { token: owner.token, body: {} });
      const gone = (await second.inject({ method: 'GET', url, headers: { authorization: `Bearer ${sme.token}` } })).json();
      expect(gone.items.map((i: { id: string }) => i.id)).not.toContain(id);
    } finally {
      await second.close();
    }
  });
});
