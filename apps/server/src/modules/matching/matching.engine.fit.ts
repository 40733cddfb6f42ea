import type { DocView, MatchQuery, MatchReason } from './matching.engine.types.ts';

/**
 * The fit step: how well a record fits the query beyond its words. Each
 * rule of the table judges one aspect and names an outcome; the outcome's
 * bonus (from the table) adds to the multiplier, and the rule may say why.
 * Freshness then multiplies. MAX_FIT, the most any record can get, is
 * computed from the same table, so match() can skip the fit step for
 * candidates that could not make the first places whatever they fit.
 */

const DAY = 86_400_000;

type Rule<O extends string> = {
  /** Each outcome's bonus to the multiplier. */
  bonus: Record<O, number>;
  /** The outcome for a pair (null: the rule does not apply); pushes the reason a person reads when `reasons` is given. */
  judge: (q: MatchQuery, d: DocView, reasons: MatchReason[] | null) => O | null;
};

const rule = <O extends string>(r: Rule<O>) => r as unknown as Rule<string>;

const industry = rule<'same'>({
  bonus: { same: 0.1 },
  judge(q, d, reasons) {
    if (!q.industry || !d.industry || q.industry !== d.industry) return null;
    reasons?.push({ kind: 'industry', fit: 'good', values: { industry: d.industry } });
    return 'same';
  },
});

/** Maturity against the stage the demand is at (whichever side the demand is). */
const maturity = rule<'good' | 'weak' | 'poor'>({
  bonus: { good: 0.06, weak: -0.03, poor: -0.1 },
  judge(q, d, reasons) {
    const wanted = q.side === 'demand' ? q.wanted : d.wanted;
    const level = q.side === 'demand' ? d.maturity : q.maturity;
    if (!wanted || !level) return null;
    const below = wanted.min - level;
    const f = below <= 0 && level <= wanted.max ? 'good' : below > 2 ? 'poor' : 'weak';
    reasons?.push({ kind: 'maturity', fit: f, values: { maturity: level, min: wanted.min, max: wanted.max } });
    return f;
  },
});

const mode = rule<'shared' | 'none'>({
  bonus: { shared: 0.05, none: -0.03 },
  judge(q, d, reasons) {
    if (!q.modes.length || !d.modes.length) return null;
    const common = q.modes.filter((m) => d.modes.includes(m));
    if (!common.length) return 'none';
    reasons?.push({ kind: 'mode', fit: 'good', terms: common });
    return 'shared';
  },
});

const budget = rule<'good' | 'weak' | 'poor'>({
  bonus: { good: 0.05, weak: 0, poor: -0.06 },
  judge(q, d, reasons) {
    const price = q.side === 'demand' ? d.priceFen : q.priceFen;
    const budgetMax = q.side === 'demand' ? q.budgetMaxFen : d.budgetMaxFen;
    const budgetMin = q.side === 'demand' ? q.budgetMinFen : d.budgetMinFen;
    if (price == null || budgetMax == null) return null;
    const f = price <= budgetMax ? 'good' : price <= budgetMax * 1.5 ? 'weak' : 'poor';
    reasons?.push({ kind: 'budget', fit: f, values: { price, budgetMin, budgetMax } });
    return f;
  },
});

/** Local conversion: the same city, or else the same province. */
const region = rule<'city' | 'province'>({
  bonus: { city: 0.06, province: 0.04 },
  judge(q, d, reasons) {
    if (!q.jurisdictionPath || !d.jurisdictionPath) return null;
    const a = q.jurisdictionPath.split('/');
    const b = d.jurisdictionPath.split('/');
    if (a.length > 1 && b.length > 1 && a[1] === b[1]) {
      reasons?.push({ kind: 'region', fit: 'good', values: { level: 'city', code: b[1]! } });
      return 'city';
    }
    if (a[0] === b[0]) {
      reasons?.push({ kind: 'region', fit: 'good', values: { level: 'province', code: b[0]! } });
      return 'province';
    }
    return null;
  },
});

/** The rules whose bonuses add up, in this order. */
export const FIT_RULES = { industry, maturity, mode, budget, region } as const;

/** Freshness multiplies what the rules give: a stale record sinks, one published within 30 days rises a little. */
export const FRESHNESS = { stale: 0.8, fresh: 1.02 } as const;

const RULES = Object.values(FIT_RULES);

/** No record fits better than this: every rule at its best outcome (none below nothing), and the best freshness. */
export const MAX_FIT = RULES.reduce((sum, r) => sum + Math.max(0, ...Object.values(r.bonus)), 1) * Math.max(1, ...Object.values(FRESHNESS)) + 1e-9;

export type Fit = { multiplier: number; reasons: MatchReason[] };
export const NO_FIT: Fit = { multiplier: 1, reasons: [] };

/** How well a record fits the query beyond its words: each aspect that applies adds a reason to `reasons` (null: the multiplier only). */
export function fitOf(q: MatchQuery, d: DocView, now: number, reasons: MatchReason[] | null): Fit {
  let bonus = 0;
  for (const r of RULES) {
    const outcome = r.judge(q, d, reasons);
    if (outcome !== null) bonus += r.bonus[outcome]!;
  }
  let multiplier = 1 + bonus;
  if (d.stale) {
    multiplier *= FRESHNESS.stale;
    reasons?.push({ kind: 'stale', fit: 'weak' });
  } else if (d.publishedAt && now - d.publishedAt < 30 * DAY) {
    multiplier *= FRESHNESS.fresh;
    reasons?.push({ kind: 'fresh', fit: 'good', values: { days: Math.max(0, Math.floor((now - d.publishedAt) / DAY)) } });
  }
  return { multiplier, reasons: reasons ?? [] };
}
