import { describe, expect, it } from 'vitest';
import { TRANSFER_MODES, INDUSTRY_CODES } from '@kzt/shared';
import { achievementFromCsl, demandFromCsl, readCsl } from './seedCatalogue.ts';

describe('the demo catalogue derived from CSL', () => {
  const records = readCsl();
  const now = new Date('2026-11-23T00:00:00Z');

  it('reads all 4,758 records', () => {
    expect(records).toHaveLength(4758);
  });

  it('derives valid fields for every record: known modes and industries, prices ≥ 0, dates in the past', () => {
    for (const r of records) {
      const a = achievementFromCsl(r, now);
      expect(a.transferModes.every((m) => (TRANSFER_MODES as readonly string[]).includes(m)), r.id).toBe(true);
      expect(INDUSTRY_CODES).toContain(a.industry);
      expect(a.maturity).toBeGreaterThanOrEqual(1);
      expect(a.maturity).toBeLessThanOrEqual(9);
      if (a.priceFen !== null) expect(a.priceFen, r.id).toBeGreaterThan(0);
      expect(a.publishedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(a.confirmedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      const d = demandFromCsl(r, now);
      expect(d.budgetMinFen).toBeGreaterThan(0);
      expect(d.budgetMaxFen).toBeGreaterThan(d.budgetMinFen);
      expect(d.deadline > now.toISOString().slice(0, 10)).toBe(true);
      expect(d.publishedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });
});
