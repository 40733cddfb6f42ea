import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../db/client.ts';
import { FIELD_WEIGHTS, highlight, indexTokens, parseTsvector, queryTokens, tsQueryText } from './search.ts';

describe('Chinese search tokens', () => {
  it('segments Chinese, keeps Latin technical terms, drops punctuation and stop words', () => {
    expect(queryTokens('基于深度学习的锂离子电池健康状态估计')).toEqual(['深度', '学习', '锂离子', '电池', '健康', '状态', '估计']);
    expect(queryTokens('5G 与 PLC、CRISPR！')).toEqual(['5g', 'plc', 'crispr']);
    expect(queryTokens('！！！😀😀')).toEqual([]);
    expect(queryTokens('')).toEqual([]);
  });

  it('treats traditional, simplified, full width and half width alike', () => {
    expect(queryTokens('科技成果轉化')).toEqual(queryTokens('科技成果转化'));
    expect(indexTokens('ＰＬＣ控制')).toEqual(indexTokens('PLC控制'));
  });

  it('indexes the parts of long words too', () => {
    expect(indexTokens('锂离子电池')).toEqual(expect.arrayContaining(['离子', '锂离子', '电池']));
  });

  it('builds a tsquery that quotes every token', () => {
    expect(tsQueryText("电池 o'neil")).toBe("'电池' & 'o' & 'neil'");
    expect(tsQueryText('电池 热管理', 'any')).toBe("'电池' | '热' | '管理'");
    expect(tsQueryText('。，')).toBeNull();
  });

  it('marks hits on the original text, traditional included', () => {
    const segs = highlight('鋰離子電池的熱管理', '锂离子电池');
    expect(segs).toEqual([
      { text: '鋰離子電池', hit: true },
      { text: '的熱管理', hit: false },
    ]);
  });
});

describe('stored search vectors', () => {
  it('reads back the weighted terms of what PostgreSQL stores, quotes, backslashes and all', async () => {
    const database = await openDatabase({ url: process.env.DATABASE_URL });
    try {
      const head = ['锂离子', '电池', "o'neil", 'a\\b', '电池', "''", 'x:1a'];
      const body = ['电池', '热', 'c,d'];
      const [row] = await queryRows<{ v: string }>(
        database.db,
        sql`select (setweight(to_tsvector('simple', ${head.join(' ')}), 'A') || setweight(to_tsvector('simple', 'tag'), 'B') || setweight(to_tsvector('simple', ${body.join(' ')}), 'C') || to_tsvector('simple', 'plain'))::text as v`,
      );
      const terms = parseTsvector(row!.v);
      // Whatever PostgreSQL made of the words (it splits on punctuation too), every lexeme carries the sum of its fields' weights.
      const [lexemes] = await queryRows<{ a: string[]; c: string[] }>(
        database.db,
        sql`select tsvector_to_array(to_tsvector('simple', ${head.join(' ')})) as a, tsvector_to_array(to_tsvector('simple', ${body.join(' ')})) as c`,
      );
      expect(terms.get('电池')).toBeCloseTo(2 * FIELD_WEIGHTS.A + FIELD_WEIGHTS.C);
      expect(terms.get('tag')).toBe(FIELD_WEIGHTS.B);
      expect(terms.get('plain')).toBe(FIELD_WEIGHTS.D);
      expect([...terms.keys()].sort()).toEqual([...new Set([...lexemes!.a, ...lexemes!.c, 'tag', 'plain'])].sort());
      // Lexemes with quotes and backslashes, as PostgreSQL prints them.
      expect(parseTsvector("'o''neil':3A 'a\\\\b':4A,9C '''''':6A 'x':1")).toEqual(
        new Map([["o'neil", 1], ['a\\b', 1.2], ["''", 1], ['x', 0.2]]),
      );
      expect(parseTsvector('')).toEqual(new Map());
    } finally {
      await database.close();
    }
  });
});
