import { BP_ONE } from '@kzt/shared';
import type { StoredCriterion } from '../../db/schema/challenges.ts';

/**
 * The arithmetic of scoring and paying, in integers. A weighted score is
 * Σ score × weight (basis points), so 0–1,000,000 for 0–100 points; it is
 * turned into points with two decimals, half up, only when shown.
 */

export const weightedBp = (criteria: StoredCriterion[], scores: Record<string, number>) => criteria.reduce((s, c) => s + (scores[c.key] ?? 0) * c.weightBp, 0);

/** `sum / (count × 10,000)` points, half up to the hundredth, in exact integer arithmetic. */
export function pointsOf(sum: number, count = 1): number {
  const hundredths = Math.floor((2 * sum + count * 100) / (2 * count * 100));
  return hundredths / 100;
}

/**
 * The panel's result for one bid: the mean of the weighted scores with the
 * highest and the lowest dropped when three or more experts scored, and the
 * spread (lowest and highest of all).
 */
export function trimmedResult(weighted: number[], experts: number) {
  if (!weighted.length) return { experts, scored: 0, mean: null, spread: null };
  const sorted = [...weighted].sort((a, b) => a - b);
  const kept = sorted.length >= 3 ? sorted.slice(1, -1) : sorted;
  const sum = kept.reduce((s, w) => s + w, 0);
  return { experts, scored: weighted.length, mean: pointsOf(sum, kept.length), spread: { min: pointsOf(sorted[0]!), max: pointsOf(sorted[sorted.length - 1]!) } };
}

/**
 * The amount of each milestone: budget × share, rounded down to the fen,
 * the last taking what is left so the milestones add up to the budget.
 */
export function milestoneAmounts(budgetFen: number, sharesBp: number[]): number[] {
  const budget = BigInt(budgetFen);
  const out: number[] = [];
  let given = 0n;
  sharesBp.forEach((bp, i) => {
    const amount = i === sharesBp.length - 1 ? budget - given : (budget * BigInt(bp)) / BigInt(BP_ONE);
    given += amount;
    out.push(Number(amount));
  });
  return out;
}
