import { describe, expect, it } from 'vitest';
import { highlight, indexTokens, queryTokens, tsQueryText } from './search.ts';

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
