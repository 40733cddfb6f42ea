import { describe, expect, it } from 'vitest';
import { TRANSFER_MODES, INDUSTRY_CODES } from '@kzt/shared';
import { achievementFromCsl, demandFromCsl, demandFirmOf, demoAchievement, demoDemand, isTechnology, ownerOf, readCsl, stableHash } from './seedCatalogue.ts';
import { DEMO_ORGS } from './seed.ts';

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

describe('the demo catalogue looks like the field', () => {
  const records = readCsl();
  const now = new Date('2026-11-23T00:00:00Z');
  const tech = records.filter(isTechnology);
  const orgType = new Map(DEMO_ORGS.map((o) => [o.name, o]));

  it('holds only the records that read as technologies: engineering, agriculture, medicine, applied biology and geology, no reviews', () => {
    expect(tech.length).toBeGreaterThan(2500);
    const categories = new Set(tech.map((r) => r.category));
    expect([...categories].sort()).toEqual(['农学', '医学', '工学', '理学']);
    for (const r of tech) {
      if (r.category === '理学') expect(['生物学/生物科学与工程', '地质学/地质资源与地质工程'], r.id).toContain(r.discipline);
      expect(['公共卫生与预防医学', '建筑学'], r.id).not.toContain(r.discipline);
      expect(r.title, r.id).not.toMatch(/综述|进展|现状|浅谈|探讨/);
    }
    // Theory, humanities and social science stay out.
    for (const r of records.filter((x) => ['管理学', '法学', '教育学', '文学', '经济学', '哲学', '历史学', '艺术学', '军事学'].includes(x.category) || x.discipline === '数学')) {
      expect(isTechnology(r), r.id).toBe(false);
    }
  });

  it('prices only developed or mature applied technologies offered for transfer or licence; the rest is 面议', () => {
    const all = tech.map((r) => demoAchievement(r, now));
    const priced = all.filter((a) => a.priceFen !== null);
    for (const a of priced) {
      expect(a.type === 'development' || (a.type === 'applied_research' && a.maturity >= 5), a.externalId).toBe(true);
      expect(a.transferModes.some((m) => m === 'transfer' || m === 'licence' || m === 'use_first_pay_later'), a.externalId).toBe(true);
      expect(Number.isInteger(a.priceFen) && a.priceFen! >= 10 * 10_000 * 100, a.externalId).toBe(true);
    }
    expect(all.filter((a) => a.type === 'basic_research').every((a) => a.priceFen === null)).toBe(true);
    expect(all.filter((a) => a.transferModes.join() === 'joint_development').every((a) => a.priceFen === null)).toBe(true);
    // Both kinds are common: a catalogue of only 面议 (or only prices) would not look like the field.
    expect(priced.length / all.length).toBeGreaterThan(0.2);
    expect(priced.length / all.length).toBeLessThan(0.6);
    // The more mature, the higher the price, on average.
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(avg(priced.filter((a) => a.maturity >= 8).map((a) => a.priceFen!))).toBeGreaterThan(avg(priced.filter((a) => a.maturity <= 5).map((a) => a.priceFen!)));
  });

  it('gives achievements to universities, enterprises and an institute, each a verified demo organisation', () => {
    const owners = tech.map(ownerOf);
    const byType = new Map<string, number>();
    for (const o of owners) {
      const org = orgType.get(o);
      expect(org?.status, o).toBe('verified');
      byType.set(org!.type, (byType.get(org!.type) ?? 0) + 1);
    }
    expect([...byType.keys()].sort()).toEqual(['enterprise', 'rnd_institution', 'university']);
    expect(byType.get('enterprise')!).toBeGreaterThan(200);
    expect(byType.get('rnd_institution')!).toBeGreaterThan(30);
    // Every university the trading floor sells from keeps a catalogue of its own.
    for (const u of DEMO_ORGS.filter((o) => o.type === 'university')) expect(owners.filter((o) => o === u.name).length, u.name).toBeGreaterThan(100);
  });

  it('has demands written by firms of the five regions in varied sentences, budgets, deadlines and cooperation modes', () => {
    const asked = tech.filter((r) => stableHash(r.id) % 12 === 0);
    const ds = asked.map((r) => ({ firm: demandFirmOf(r), ...demoDemand(r, demandFirmOf(r), now) }));
    expect(ds.length).toBeGreaterThan(200);
    // Several firms, in every one of the five regions of the demo.
    const regions = new Set(ds.map((d) => orgType.get(d.firm)!.jurisdictionCode));
    expect([...regions].sort()).toEqual(['140000', '140700', '210100', '371000', '610000']);
    for (const d of ds) expect(orgType.get(d.firm)!.type).toBe('enterprise');
    // Not one template: no two demands open with the same ten characters more than twice, titles vary as much.
    const most = (xs: string[]) => Math.max(...[...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>()).values()]);
    expect(most(ds.map((d) => d.description.slice(0, 10)))).toBeLessThanOrEqual(2);
    expect(most(ds.map((d) => d.title.slice(0, 6)))).toBeLessThanOrEqual(3);
    expect(new Set(ds.map((d) => d.title.replace(/[^\u4e00-\u9fa5]/g, '').slice(-4))).size).toBeGreaterThan(8);
    // Budgets of several sizes, some 面议; deadlines spread over the year ahead; several mixes of cooperation.
    expect(new Set(ds.map((d) => d.budgetMinFen)).size).toBeGreaterThan(6);
    expect(ds.some((d) => d.budgetMinFen === null && d.description.includes('面议'))).toBe(true);
    for (const d of ds.filter((x) => x.budgetMinFen !== null)) expect(d.budgetMaxFen!).toBeGreaterThan(d.budgetMinFen!);
    expect(new Set(ds.map((d) => d.deadline.slice(0, 7))).size).toBeGreaterThan(10);
    for (const d of ds) expect(d.deadline > now.toISOString().slice(0, 10)).toBe(true);
    expect(new Set(ds.map((d) => d.cooperationModes.join())).size).toBeGreaterThan(8);
    for (const d of ds) expect(d.cooperationModes.every((m) => (TRANSFER_MODES as readonly string[]).includes(m))).toBe(true);
  });
});
