import { describe, expect, it } from 'vitest';
import { percentToBp, yuanToFen } from '../../web/src/lib/money.ts';

/** The web's 元 and % text fields (lib/money.ts): read exactly, never rounded or clamped into another amount. */
describe('amounts and rates typed as text', () => {
  it('元 become whole fen, with commas and a Chinese keyboard’s digits read alike', () => {
    expect(yuanToFen('1234.5')).toBe(123_450);
    expect(yuanToFen(' 1,234.56 ')).toBe(123_456);
    expect(yuanToFen('１２３４．５')).toBe(123_450);
    expect(yuanToFen('1，000')).toBe(100_000);
    expect(yuanToFen('0')).toBe(0);
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
