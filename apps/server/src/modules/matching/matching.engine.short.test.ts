import { describe, expect, it } from 'vitest';
import { queryTokens } from '../../platform/search.ts';
import { FIT_RULES, FRESHNESS, MAX_FIT, fitOf } from './matching.engine.fit.ts';
import { phrasesOf, unitsOf } from './matching.engine.query.ts';
import { MatchIndex, TermCounts, achievementQuery, demandQuery, demandTerms, recordTerms, type MatchDoc } from './matching.engine.ts';

/** The demands people type: a bare term, a few terms, keywords only, boilerplate sentences (issue 14). */

function doc(id: string, title: string, body = '', extra: Partial<MatchDoc> = {}): MatchDoc {
  return {
    id,
    organizationId: `org-${id}`,
    jurisdictionPath: '',
    secret: false,
    stale: false,
    publishedAt: 0,
    industry: null,
    maturity: null,
    modes: [],
    priceFen: null,
    budgetMinFen: null,
    budgetMaxFen: null,
    wanted: null,
    terms: recordTerms(title, '', body),
    head: () => queryTokens(title),
    ...extra,
  };
}

function index(records: [string, string, string][]) {
  const ix = new MatchIndex('achievement');
  for (const [id, title, body] of records) ix.upsert(doc(id, title, body));
  return ix;
}

const fillers: [string, string, string][] = [
  ['f1', '钢材轧制', '钢材'],
  ['f2', '铝合金铸造', '铝合金'],
  ['f3', '水泥基材料', '水泥'],
  ['f4', '高分子合成', '合成'],
];

describe('a term typed alone', () => {
  it('ranks the record holding the whole term before one holding a part of it often', () => {
    const ix = index([['whole', '界面反应研究', '研究了金属基复合材料的界面。'], ['part', '复合材料层合板', '复合材料层合板的复合材料力学。'], ...fillers]);
    const hits = ix.match(demandQuery({ title: '金属基复合材料' }), { limit: 3, now: 0 });
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual(['whole', 'part']);
  });

  it('names the term whole in the reasons, never its fragments or single characters', () => {
    const ix = index([['whole', '金属基复合材料的界面反应', '金属基复合材料'], ['gangue', '煤矸石充填材料配比试验', '以煤矸石为基料的充填材料，复合外加剂，材料强度。'], ...fillers]);
    const hits = ix.match(demandQuery({ title: '金属基复合材料' }), { limit: 6, now: 0 });
    const terms = (id: string) => hits.find((h) => h.id === id)?.reasons.find((r) => r.kind === 'terms')?.terms ?? [];
    expect(terms('whole')).toEqual(['金属基复合材料']);
    for (const h of hits) for (const t of h.reasons.flatMap((r) => r.terms ?? [])) expect(['基', '材料', '复合', '比', '结构']).not.toContain(t);
    // The record that only shares parts of the term scores far below the one that holds it.
    expect(hits[0]!.id).toBe('whole');
    expect(hits.find((h) => h.id === 'gangue')?.score ?? 0).toBeLessThan(hits[0]!.score / 2);
  });

  it('reads the words standing together in a description as one phrase for the reasons', () => {
    expect(phrasesOf('我公司希望引进金属基复合材料方面的成熟技术，与高校合作。').map((p) => p.norm)).toEqual(['金属基复合材料']);
    const ix = index([['whole', '界面反应研究', '研究了金属基复合材料的界面。'], ['part', '复合材料层合板', '复合材料层合板的复合材料力学。'], ...fillers]);
    const hits = ix.match(demandQuery({ title: '技术需求', description: '我公司希望引进金属基复合材料方面的成熟技术。' }), { limit: 2, now: 0 });
    expect(hits[0]!.reasons.find((r) => r.kind === 'terms')!.terms).toEqual(['金属基复合材料']);
    expect(hits[1]!.reasons.flatMap((r) => r.terms ?? [])).not.toContain('金属基复合材料');
    // The other way round: an achievement's summary against the demands.
    const demands = new MatchIndex('demand');
    const demandRecords: [string, string, string][] = [['d1', '界面反应难题', '我公司的金属基复合材料界面结合差。'], ...fillers];
    for (const [id, title, body] of demandRecords) demands.upsert(doc(id, title, body));
    const [first] = demands.match(achievementQuery({ title: '界面改性工艺', summary: '本成果提出金属基复合材料的界面改性方法。' }), { limit: 1, now: 0 });
    expect(first!.reasons.find((r) => r.kind === 'terms')!.terms).toContain('金属基复合材料');
  });

  it('never names numbers, units or two-letter fragments as shared keywords', () => {
    const ix = index([['cell', '150mAh锂电池正极材料比容量', 'ux 150 mah 比 结构'], ...fillers]);
    const hits = ix.match(demandQuery({ title: '锂电池正极材料', description: '容量150mAh，比能量高，结构稳定，UX良好。' }), { limit: 1, now: 0 });
    const shown = hits[0]!.reasons.flatMap((r) => r.terms ?? []);
    expect(shown.length).toBeGreaterThan(0);
    for (const t of shown) expect(t).not.toMatch(/^(\d+|mah|ux|比|150mah)$/i);
  });
});

describe('terms typed together', () => {
  it('reads spaces, commas, 顿号, conjunctions, traditional and full-width characters as the same terms', () => {
    const same = ['城市道路、景观设计', '城市道路 景观设计', '城市道路，景观设计', '城市道路,景观设计', '城市道路和景观设计', '城市道路　景观设计', '城市道路；景觀設計', '城市道路/景观设计'];
    for (const typed of same) expect(unitsOf(typed).map((u) => u.norm)).toEqual(['城市道路', '景观设计']);
    // A conjunction inside a word, or a joiner inside a term, does not split it.
    expect(unitsOf('饱和溶液').map((u) => u.norm)).toEqual(['饱和溶液']);
    expect(unitsOf('土-结构相互作用').map((u) => u.norm)).toEqual(['土-结构相互作用']);
    // Generic words around a term are not part of it.
    expect(unitsOf('寻求智能控制相关技术').map((u) => u.text)).toEqual(['智能控制']);
    expect(unitsOf('BP神经网络 与 遗传算法').map((u) => u.text)).toEqual(['BP神经网络', '遗传算法']);
  });

  it('ranks a record holding both terms first, and says so with both terms', () => {
    const ix = index([['both', '道路绿化的生态设计', '本文讨论城市道路与景观设计的结合。'], ['one', '城市道路交通组织', '城市道路网络中城市道路交叉口的城市道路通行能力。'], ...fillers]);
    for (const d of [{ title: '城市道路 景观设计' }, { title: '技术需求', keywords: ['城市道路', '景观设计'] }, { title: '城市道路、景觀設計' }]) {
      const [first] = ix.match(demandQuery(d), { limit: 2, now: 0 });
      expect(first!.id).toBe('both');
      expect(first!.reasons.find((r) => r.kind === 'terms')!.terms).toEqual(expect.arrayContaining(['城市道路']));
      expect(first!.reasons.find((r) => r.kind === 'terms')!.terms!.some((t) => /景[观觀]设计|景觀設計/.test(t))).toBe(true);
    }
  });
});

describe('boilerplate every demand carries', () => {
  const records: [string, string, string][] = [['campus', '高校科研团队建设与产学研模式', '高校'], ['robot', '焊接机器人轨迹规划', '焊接机器人']];
  for (let i = 0; i < 30; i++) records.push([`w${i}`, `焊接工艺${i}号研究`, '焊接'], [`r${i}`, `机器人控制${i}`, '机器人']);
  const demands = Array.from({ length: 200 }, (_, i) => ({ title: `需求${i}`, description: `我公司希望与高校、科研院所开展合作，引进相关技术${i}。` }));
  const asked = { title: '技术需求', description: '我公司希望与高校、科研院所开展合作，引进焊接机器人技术。' };

  it('weighs little the words most demands share, learned from the demands', () => {
    const ix = index(records);
    ix.askers = TermCounts.of(demands.map(demandTerms));
    expect(ix.match(demandQuery(asked), { limit: 1, now: 0 })[0]!.id).toBe('robot');
    // A few demands teach nothing: the same words then weigh in full.
    const few = index(records);
    few.askers = TermCounts.of(demands.slice(0, 3).map(demandTerms));
    expect(few.match(demandQuery(asked), { limit: 2, now: 0 }).map((h) => h.id)).toContain('campus');
  });

  it('posts what it learned to the threads of a batch', () => {
    const ix = index(records);
    ix.askers = TermCounts.of(demands.map(demandTerms));
    const copy = MatchIndex.fromSnapshot(ix.snapshot());
    expect(copy.match(demandQuery(asked), { limit: 3, now: 0 })).toEqual(ix.match(demandQuery(asked), { limit: 3, now: 0 }));
  });

  it('learns from the other side’s index in the app', () => {
    const ix = index(records);
    const demandIndex = new MatchIndex('demand');
    demands.forEach((d, i) => demandIndex.upsert({ ...doc(`d${i}`, d.title), terms: recordTerms(d.title, '', d.description) }));
    ix.askers = demandIndex;
    expect(ix.match(demandQuery(asked), { limit: 1, now: 0 })[0]!.id).toBe('robot');
  });
});

describe('the score shown', () => {
  it('counts the evidence: two terms held whole score more than one, a lone shared word little', () => {
    const ix = index([['both', '道路绿化的生态设计', '本文讨论城市道路与景观设计的结合。'], ['one', '城市道路交通组织', '城市道路网络'], ...fillers]);
    const [both] = ix.match(demandQuery({ title: '城市道路 景观设计' }), { limit: 1, now: 0 });
    const [alone] = ix.match(demandQuery({ title: '城市道路' }), { limit: 1, now: 0 });
    const weak = ix.match(demandQuery({ title: '城市道路 景观设计' }), { limit: 3, now: 0 }).find((h) => h.id === 'one')!;
    expect(both!.score).toBeGreaterThan(alone!.score);
    expect(weak.score).toBeLessThan(both!.score / 2);
    for (const h of [both!, alone!, weak]) expect(h.score).toBeGreaterThanOrEqual(1), expect(h.score).toBeLessThanOrEqual(99);
  });
});

describe('the fit rules', () => {
  it('have their maximum computed from the table, reached by a record fitting in every way', () => {
    const best = Object.values(FIT_RULES).reduce((s, r) => s + Math.max(...Object.values(r.bonus as Record<string, number>)), 1) * FRESHNESS.fresh;
    expect(MAX_FIT).toBeCloseTo(best, 7);
    expect(MAX_FIT).toBeGreaterThan(best);
    const now = 1.79e12;
    const q = { ...demandQuery({ title: 'x', description: '希望引进可直接量产的技术', industry: 'C', jurisdictionPath: '140000/140700', budgetMaxFen: 50_000_000, cooperationModes: ['licence'] }) };
    const d = doc('a', 'x', '', { industry: 'C', maturity: 8, modes: ['licence'], priceFen: 1_000_000, jurisdictionPath: '140000/140700', publishedAt: now - 1000 });
    const fit = fitOf(q, d, now, []);
    expect(fit.multiplier).toBeCloseTo(MAX_FIT, 8);
    expect(fit.multiplier).toBeLessThanOrEqual(MAX_FIT);
    expect(fit.reasons.map((r) => r.kind)).toEqual(['industry', 'maturity', 'mode', 'budget', 'region', 'fresh']);
  });
});
