import { describe, expect, it } from 'vitest';
import { queryTokens } from '../../platform/search.ts';
import { industryOf, readCsl, stableHash } from '../../seedCatalogue.ts';
import { demandQuery, MatchIndex, recordTerms, type MatchDoc } from './matching.engine.ts';
import { batchLine, batchLines, type BatchDemand } from './matching.parallel.ts';

const csl = readCsl().slice(0, 3000);

function docOf(r: (typeof csl)[number], n: number): MatchDoc {
  const head = `${r.title} ${r.keywords.join(' ')}`;
  const h = stableHash(r.id);
  return {
    id: r.id,
    organizationId: `org-${h % 7}`,
    jurisdictionPath: h % 2 ? '140000/140100' : '370000/371000',
    secret: h % 11 === 0,
    stale: h % 13 === 0,
    publishedAt: 1_760_000_000_000 + n * 60_000,
    industry: industryOf(r.discipline),
    maturity: (h % 9) + 1,
    modes: h % 3 ? ['licence'] : ['transfer', 'joint_development'],
    priceFen: h % 5 ? (h % 1000) * 100_000 : null,
    budgetMinFen: null,
    budgetMaxFen: null,
    wanted: null,
    terms: recordTerms(head, '', r.abstract),
    head: () => queryTokens(head),
  };
}

function built() {
  const index = new MatchIndex('achievement');
  csl.forEach((r, n) => index.upsert(docOf(r, n)));
  index.learnRelated();
  index.trim();
  return index;
}

/** Demands made of other records' keywords and sentences, some with an organisation, a budget or modes. */
const demands: BatchDemand[] = readCsl()
  .slice(3000, 3150)
  .map((r, i) => ({
    id: `d${i}`,
    title: r.keywords.slice(0, 2).join('') || r.title,
    description: r.abstract.slice(0, 120),
    keywords: r.keywords,
    industry: i % 2 ? industryOf(r.discipline) : null,
    organizationId: i % 3 ? null : `org-${i % 7}`,
    jurisdictionPath: i % 4 ? null : '140000/140100',
    cooperationModes: i % 5 ? [] : ['licence'],
    budgetMaxFen: i % 6 ? null : 50_000_000,
  }));

async function all(lines: AsyncIterable<string>) {
  const out: string[] = [];
  for await (const l of lines) out.push(l);
  return out;
}

describe('batch matching on every core', () => {
  it('gives, in the demands’ order, exactly the lines one thread gives', async () => {
    const index = built();
    const one = demands.map((d) => batchLine(index, d, 10, 'zh'));
    expect(one.filter((l) => JSON.parse(l).matches.length > 0).length).toBeGreaterThan(demands.length * 0.9);
    // Small chunks so that both threads take many of them and answers come back out of order.
    const two = await all(batchLines(index, demands, { top: 10, lang: 'zh', threads: 2, chunk: 3 }));
    expect(two).toEqual(one);
    expect(two.map((l) => JSON.parse(l).demand)).toEqual(demands.map((d) => d.id));
    // A demand's own organisation is left out, also in the workers.
    for (const [i, l] of two.entries()) {
      const own = demands[i]!.organizationId;
      if (own) for (const m of JSON.parse(l).matches) expect(docOf(csl.find((r) => r.id === m.achievement)!, 0).organizationId).not.toBe(own);
    }
    const three = await all(batchLines(index, demands, { top: 5, lang: 'en', threads: 3, chunk: 7 }));
    expect(three).toEqual(demands.map((d) => batchLine(index, d, 5, 'en')));
  });

  it('ranks the same whether its postings were built in one pass or record by record', () => {
    const bulk = built();
    const oneByOne = new MatchIndex('achievement');
    oneByOne.upsert(docOf(csl[0]!, 0));
    oneByOne.trim();
    csl.slice(1).forEach((r, n) => oneByOne.upsert(docOf(r, n + 1)));
    oneByOne.learnRelated();
    oneByOne.trim();
    const query = (d: BatchDemand) => demandQuery({ ...d, id: undefined });
    expect(demands.map((d) => oneByOne.match(query(d), { limit: 10 }))).toEqual(demands.map((d) => bulk.match(query(d), { limit: 10 })));
    expect(oneByOne.stats()).toEqual(bulk.stats());
  });

  it('leaves a snapshot as it was while its index changes, and the index ranks its changes', () => {
    const index = built();
    const snapshot = index.snapshot();
    expect(snapshot.docs.buffer).toBeInstanceOf(SharedArrayBuffer);
    // Nothing changed: the next snapshot shares the same segment, no copy.
    expect(index.snapshot().docs.buffer).toBe(snapshot.docs.buffer);
    const frozen = MatchIndex.fromSnapshot(snapshot);
    const query = (d: BatchDemand) => demandQuery({ ...d, id: undefined });
    const before = demands.slice(0, 30).map((d) => index.match(query(d), { limit: 10 }));
    expect(demands.slice(0, 30).map((d) => frozen.match(query(d), { limit: 10 }))).toEqual(before);

    // The index changes: a new record with a word of its own, and 1,100 records removed, which compacts the postings.
    const first = docOf(csl[0]!, 0);
    index.upsert({ ...first, id: 'new', terms: recordTerms(`${csl[0]!.title} 测试zqxvkwpe`, '', ''), head: () => [] });
    // A snapshot taken now holds the new record.
    const marker = { id: 'm', title: '测试zqxvkwpe' };
    const secondSnapshot = index.snapshot();
    expect(secondSnapshot.docs.buffer).not.toBe(snapshot.docs.buffer);
    const second = MatchIndex.fromSnapshot(secondSnapshot);
    const secondBefore = demands.slice(0, 30).map((d) => index.match(query(d), { limit: 10 }));
    expect(second.match(query(marker), { limit: 3 })[0]!.id).toBe('new');
    expect(demands.slice(0, 30).map((d) => second.match(query(d), { limit: 10 }))).toEqual(secondBefore);
    for (const r of csl.slice(1, 1101)) index.remove(r.id);
    expect(index.size).toBe(1901);
    expect(index.match(query(marker), { limit: 3 })[0]!.id).toBe('new');
    const after = index.match(query(demands[0]!), { limit: 10 }).map((h) => h.id);
    expect(after.some((id) => csl.slice(1, 1101).some((r) => r.id === id))).toBe(false);

    // The snapshot still holds every record it had, and not the new one.
    expect(frozen.match(query(marker), { limit: 3 }).map((h) => h.id)).not.toContain('new');
    expect(demands.slice(0, 30).map((d) => frozen.match(query(d), { limit: 10 }))).toEqual(before);
    expect(demands.slice(0, 30).map((d) => second.match(query(d), { limit: 10 }))).toEqual(secondBefore);
    // And a snapshot of the compacted index ranks as it does.
    const third = MatchIndex.fromSnapshot(index.snapshot());
    expect(demands.slice(0, 30).map((d) => third.match(query(d), { limit: 10 }))).toEqual(demands.slice(0, 30).map((d) => index.match(query(d), { limit: 10 })));
    expect(() => frozen.upsert(first)).toThrow(/read-only/);
  });
});
