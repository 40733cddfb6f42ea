import { describe, expect, it } from 'vitest';
import { daysBetween, divRoundHalfUp, equityTransferTax, fenToYuan, floorAmount, governmentExit, splitByWeights } from '@kzt/shared';

/** The exact arithmetic of 收益分配 (packages/shared/src/distributions.ts). */
describe('income distribution arithmetic', () => {
  it('rounds half up once, and reaches a floor at the next whole fen', () => {
    expect(divRoundHalfUp(5n, 10n)).toBe(1n);
    expect(divRoundHalfUp(4n, 10n)).toBe(0n);
    expect(divRoundHalfUp(15n, 10n)).toBe(2n);
    expect(floorAmount(100_000_001, 8000)).toBe(80_000_001);
    expect(floorAmount(100_000_000, 8000)).toBe(80_000_000);
    expect(floorAmount(1, 7000)).toBe(1);
    expect(floorAmount(0, 7000)).toBe(0);
  });

  it('splits an amount by weights exactly, the odd fen to the largest remainders', () => {
    expect(splitByWeights(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
    expect(splitByWeights(1, [5000, 5000])).toEqual([1, 0]);
    expect(splitByWeights(80_000_001, [6000, 4000])).toEqual([48_000_001, 32_000_000]);
    expect(splitByWeights(7, [])).toEqual([]);
    const big = splitByWeights(999_999_999_999_999, [1, 1, 1]);
    expect(big.reduce((a, b) => a + b, 0)).toBe(999_999_999_999_999);
  });

  it('writes fen as exact yuan', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(12_345_601)).toBe('123,456.01');
    expect(fenToYuan(-100)).toBe('-1.00');
    expect(fenToYuan(1_000_000_000_000_000)).toBe('10,000,000,000,000.00');
  });

  it('counts actual days across leap years and computes the exit without floating point', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    // 10 万亿元 at 100% for 10 years stays exact (the product exceeds 2^53; BigInt keeps it).
    const huge = governmentExit({ principal: 1_000_000_000_000_000, rateBp: 10_000, investedOn: '2020-01-01', exitOn: '2020-12-31' });
    expect(huge.days).toBe(365);
    expect(huge.interest).toBe(1_000_000_000_000_000);
    expect(governmentExit({ principal: 100, rateBp: 350, investedOn: '2024-01-01', exitOn: '2024-01-01' })).toMatchObject({ days: 0, interest: 0, exitAmount: 100 });
    expect(() => governmentExit({ principal: 100, rateBp: 350, investedOn: '2024-01-02', exitOn: '2024-01-01' })).toThrow(RangeError);
  });

  it('taxes 20% of the gain on an equity transfer, never a loss', () => {
    expect(equityTransferTax({ income: 1_000, technologyCost: 0, cashCost: 0, fees: 0 }).tax).toBe(200);
    expect(equityTransferTax({ income: 3, technologyCost: 0, cashCost: 0, fees: 0 }).tax).toBe(1);
    expect(equityTransferTax({ income: 2, technologyCost: 0, cashCost: 0, fees: 0 }).tax).toBe(0);
    expect(equityTransferTax({ income: 100, technologyCost: 50, cashCost: 50, fees: 10 })).toMatchObject({ taxable: 0, tax: 0, afterTax: 90 });
  });
});
