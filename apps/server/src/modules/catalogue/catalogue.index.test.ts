import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { unique } from '../../../test/factories.ts';
import { publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { CatalogueIndex, weightedTerms, type IndexedDoc } from './catalogue.index.ts';
import { parseTsvector } from '../../platform/search.ts';

const t = useTestApp();

const doc = (id: string, o: Partial<IndexedDoc> & { a?: string; c?: string } = {}): IndexedDoc => ({
  id,
  organizationId: 'org',
  jurisdictionPath: '140000/140700',
  visible: true,
  secret: false,
  abstract: false,
  stale: false,
  publishedAt: 1,
  updatedAt: 1,
  titleKey: id,
  terms: weightedTerms({ a: o.a, c: o.c }),
  facets: { industry: ['C'] },
  numbers: {},
  flags: {},
  ...o,
});

describe('the in-memory catalogue index', () => {
  it('reads weighted terms from a stored tsvector', () => {
    expect(parseTsvector("'neil':5A 'o':4A '热':7C '电池':2A,6C '锂离子':1A,3A 'x''y':8B")).toEqual(
      new Map([['neil', 1], ['o', 1], ['热', 0.2], ['电池', 1.2], ['锂离子', 2], ["x'y", 0.4]]),
    );
  });

  it('ranks title matches over body matches, needs all words first, then any', () => {
    const ix = new CatalogueIndex();
    ix.upsert(doc('body', { c: '锂离子电池的热管理' }));
    ix.upsert(doc('title', { a: '锂离子电池健康状态' }));
    ix.upsert(doc('other', { a: '海藻多糖' }));
    const q = (q: string) => ix.search(null, { q, sort: 'relevance', filters: [], facetNames: ['industry'], offset: 0, limit: 10 });
    expect(q('锂离子电池').ids).toEqual(['title', 'body']);
    expect(q('锂离子电池 海藻多糖')).toMatchObject({ relaxed: true, total: 3 });
    expect(q('鋰離子電池').ids).toEqual(['title', 'body']);
    expect(q('锂离子电池').facets.industry).toEqual([{ value: 'C', count: 2 }]);
  });

  it('ranks a stale record below a current one however often the current one was changed', () => {
    const ix = new CatalogueIndex();
    ix.upsert(doc('stale', { a: '热管理系统旧成果', stale: true }));
    // Each change leaves the old version's entries in the postings until compaction: more entries than live records.
    for (let i = 0; i < 5; i++) ix.upsert(doc('current', { a: '热管理系统新成果', updatedAt: i }));
    expect(ix.size).toBe(2);
    expect(ix.search(null, { q: '热管理系统', sort: 'relevance', filters: [], facetNames: [], offset: 0, limit: 10 }).ids).toEqual(['current', 'stale']);
  });

  it('replaces changed records, drops withdrawn ones, and hides secret ones from outsiders', () => {
    const ix = new CatalogueIndex();
    ix.upsert(doc('a', { a: '特种钢材' }));
    ix.upsert(doc('s', { a: '特种钢材', secret: true }));
    const q = () => ix.search(null, { q: '特种钢材', sort: 'relevance', filters: [], facetNames: [], offset: 0, limit: 10 }).ids;
    expect(q()).toEqual(['a']);
    ix.upsert(doc('a', { a: '液压阀', updatedAt: 2 }));
    expect(q()).toEqual([]);
    ix.upsert(doc('a', { a: '特种钢材', updatedAt: 3, visible: false }));
    expect(ix.size).toBe(1);
    for (let i = 0; i < 3000; i++) ix.upsert(doc(`n${i % 10}`, { a: '钢材', updatedAt: i }));
    expect(ix.size).toBe(11);
    expect(ix.search(null, { q: '钢材', sort: 'date', filters: [], facetNames: [], offset: 0, limit: 100 }).total).toBe(10);
  });

  it('a second app server on the same database sees writes made through the first (replica catch-up)', async () => {
    const second = await buildApp({ db: t.database.db, config: t.config });
    try {
      const { owner, admin } = await university(t);
      const title = `副本追赶测试成果${unique()}`;
      const before = await second.inject({ method: 'GET', url: `/api/achievements?q=${encodeURIComponent(title)}` });
      expect(before.json().total).toBe(0);
      const id = await publishedAchievement(t, owner, admin, { title });
      const after = (await second.inject({ method: 'GET', url: `/api/achievements?q=${encodeURIComponent(title)}` })).json();
      expect(after.items[0].id).toBe(id);
      await t.api('POST', `/api/achievements/${id}/withdraw`, { token: owner.token, body: {} });
      expect((await second.inject({ method: 'GET', url: `/api/achievements?q=${encodeURIComponent(title)}` })).json().total).toBe(0);
    } finally {
      await second.close();
    }
  });
});
