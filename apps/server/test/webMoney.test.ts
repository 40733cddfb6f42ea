import { describe, expect, it } from 'vitest';
import { formatFenReadable } from '@kzt/shared';
import { percentToBp, wanToFen, yuanToFen } from '../../web/src/lib/money.ts';

/** The web's 元 and % text fields (lib/money.ts): read exactly, never rounded or clamped into another amount. */
describe('amounts and rates typed as text', () => {
  it('元 become whole fen, with commas and a Chinese keyboard’s digits read alike', () => {
    expect(yuanToFen('1234.5')).toBe(123_450);
    expect(yuanToFen(' 1,234.56 ')).toBe(123_456);
    expect(yuanToFen('１２３４．５')).toBe(123_450);
    expect(yuanToFen('1，000')).toBe(100_000);
    expect(yuanToFen('0')).toBe(0);
  });
  it('万元 become whole fen (a plan’s 10 亿元 is 100000 万元), full-width digits alike; words, units typed in and a fraction of a fen are refused', () => {
    expect(wanToFen('100000')).toBe(100_000_000 * 100 * 10);
    expect(wanToFen('１００，０００')).toBe(1_000_000_000 * 100);
    expect(wanToFen('2.5')).toBe(2_500_000);
    expect(wanToFen('0.000001')).toBe(1);
    expect(wanToFen('0')).toBe(0);
    // 10亿 once saved as 10 元: a unit typed in the field is no amount.
    expect(wanToFen('10亿')).toBeNull();
    expect(wanToFen('10万')).toBeNull();
    expect(wanToFen('0.0000001')).toBeNull();
    expect(wanToFen('-1')).toBeNull();
    expect(wanToFen('')).toBeNull();
  });
  it('an amount with a third decimal, a sign or words is refused, not rounded', () => {
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('十万')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(undefined)).toBeNull();
  });
  it('percent becomes basis points exactly, keeping its sign for the caller to judge', () => {
    expect(percentToBp('3')).toBe(300);
    expect(percentToBp('2.5')).toBe(250);
    expect(percentToBp('０．０１')).toBe(1);
    expect(percentToBp('-1.5')).toBe(-150);
    expect(percentToBp('2.555')).toBeNull();
    expect(percentToBp('三')).toBeNull();
  });
});

describe('amounts shown as a person reads them (formatFenReadable)', () => {
  it('says 万元 only when it is exact, and the exact 元 otherwise', () => {
    expect(formatFenReadable(30_000_000)).toBe('30 万元');
    expect(formatFenReadable(150_000_000)).toBe('150 万元');
    expect(formatFenReadable(1_230_000)).toBe('1.23 万元');
    expect(formatFenReadable(1_234_567)).toBe('12,345.67 元');
    expect(formatFenReadable(500_000)).toBe('5,000.00 元');
    expect(formatFenReadable(30_000_000, 'en')).toBe('30 × 10k yuan');
  });
});
