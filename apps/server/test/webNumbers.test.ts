import { describe, expect, it } from 'vitest';
import { parseTypedNumber, plainText } from '../../web/src/lib/numbers.ts';

/** The web's amount, percent and period fields read what a Chinese keyboard types (lib/numbers.ts). */
describe('numbers as people type them', () => {
  it('full-width digits, signs and points are the same number as plain ones', () => {
    expect(parseTypedNumber('１２３')).toBe(123);
    expect(parseTypedNumber('１２３．５')).toBe(123.5);
    expect(parseTypedNumber('12。5')).toBe(12.5);
    expect(parseTypedNumber('－１００')).toBe(-100);
  });
  it('thousands separators and spaces are dropped; empty is null; junk is NaN for the rules to refuse', () => {
    expect(parseTypedNumber('1,234,567')).toBe(1234567);
    expect(parseTypedNumber('1，234')).toBe(1234);
    expect(parseTypedNumber(' 1 234 ')).toBe(1234);
    expect(parseTypedNumber('')).toBeNull();
    expect(parseTypedNumber(undefined)).toBeNull();
    expect(parseTypedNumber('十万')).toBeNaN();
    expect(parseTypedNumber('12a')).toBeNaN();
  });
  it('a period typed in full-width letters and digits is made plain', () => {
    expect(plainText('２０２７Ｑ１')).toBe('2027Q1');
    expect(plainText('2027q1')).toBe('2027q1');
    expect(plainText(undefined)).toBeUndefined();
  });
});
