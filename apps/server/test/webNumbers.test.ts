import { describe, expect, it } from 'vitest';
import { parseTypedNumber, plainText } from '../../web/src/lib/numbers.ts';
import { typedMoneyIn } from '../../web/src/lib/money.ts';

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
  it('an amount typed with its own unit is that amount in the field’s unit; a plain number is in the field’s unit; nothing finer than a fen', () => {
    expect(typedMoneyIn('80', '万')).toBe(80);
    expect(typedMoneyIn('80万', '万')).toBe(80);
    expect(typedMoneyIn('80 万元', '万')).toBe(80);
    expect(typedMoneyIn('１．５亿', '万')).toBe(15000);
    expect(typedMoneyIn('1.5亿元', '元')).toBe(150_000_000);
    expect(typedMoneyIn('80万', '元')).toBe(800_000);
    expect(typedMoneyIn('3000元', '万')).toBe(0.3);
    expect(typedMoneyIn('12.34元', '元')).toBe(12.34);
    expect(typedMoneyIn('1,200万', '万')).toBe(1200);
    expect(typedMoneyIn('', '万')).toBeNull();
    expect(typedMoneyIn('12.345元', '元')).toBeNaN();
    expect(typedMoneyIn('-5万', '万')).toBeNaN();
    expect(typedMoneyIn('八十万', '万')).toBeNaN();
    expect(typedMoneyIn('80千', '万')).toBeNaN();
  });
});
