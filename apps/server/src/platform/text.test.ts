import { describe, expect, it } from 'vitest';
import { containsPattern, normalizeText } from './text.ts';

describe('normalizeText', () => {
  it('treats traditional and simplified alike', () => {
    expect(normalizeText('科技成果轉化')).toBe('科技成果转化');
    expect(normalizeText('瀋陽市科學技術局')).toBe('沈阳市科学技术局');
    expect(normalizeText('威海市促進科技成果轉移轉化')).toBe(normalizeText('威海市促进科技成果转移转化'));
  });

  it('turns full-width letters, digits and spaces into half-width, lower case', () => {
    expect(normalizeText('ＡＢＣ１２３　５Ｇ')).toBe('abc123 5g');
  });
});

describe('containsPattern', () => {
  it('escapes LIKE’s wildcards and its escape character, anywhere or as a prefix', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
    expect(containsPattern('contracts._', 'start')).toBe('contracts.\\_%');
  });
});
