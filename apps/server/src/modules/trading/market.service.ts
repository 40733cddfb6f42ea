import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Lang } from '../../platform/i18n.ts';
import type { Deps } from '../../platform/types.ts';
import { subtreeFilter, viewerFor } from '../catalogue/catalogue.service.ts';
import { confidentialityFlags, sightOf } from '../catalogue/catalogue.visibility.ts';
import { matchProjection } from '../matching/matching.service.ts';
import { achievementQuery } from '../matching/matching.engine.ts';
import { reasonText } from '../matching/matching.presenter.ts';
import { authorizeListing } from './listings.access.ts';
import { listingRepository as repo } from './listings.repository.ts';
import { achievementForListing } from '../achievements/achievements.service.ts';

/**
 * Price discovery: what similar achievements sold for and how their prices
 * were formed, and per industry the premium auctions achieved over their
 * start prices.
 */

/** At most this many comparable deals per listing. */
const COMPARABLES = 8;
/** A sale is comparable from this similarity (1–99) on: below it the two share a stray word, not a subject. */
export const MIN_SIMILARITY = 15;

/**
 * Comparable deals: achievements that sold through a listing, ranked by the
 * matching engine's similarity to this listing's achievement (its own
 * title, keywords and summary as the query), each with its latest sale.
 */
export async function comparables(db: Db, deps: Pick<Deps, 'matching'>, actor: Actor | null, id: string, lang: Lang = 'zh') {
  const { listing: l } = await authorizeListing(db, actor, id);
  const a = await achievementForListing(db, l.achievementId);
  const sold = (await repo.soldAchievementIds(db)).filter((x) => x !== l.achievementId);
  if (!a || !sold.length) return { items: [] };
  const [viewer] = await Promise.all([viewerFor(db, actor, 'achievement'), deps.matching.catchUp()]);
  // The achievement asks as the caller sees it: an abstract one's hidden keywords neither rank nor name (共同关键词) a comparable for an outsider.
  const full = sightOf(viewer, { ...a, ...confidentialityFlags(a.confidentiality) }) === 'full';
  const query = achievementQuery({ id: a.id, title: a.title, keywords: full ? a.keywords : [], summary: a.summary, industry: a.industry, maturity: a.maturity, priceFen: a.priceFen });
  // Only public records are compared: a secret achievement's sale says nothing to the public; the others as the caller may see them.
  const hits = deps.matching.achievements.matchAmong(query, sold, { limit: COMPARABLES, project: matchProjection(viewer), filter: (v) => !v.secret });
  const similar = hits.filter((h) => h.score >= MIN_SIMILARITY);
  if (!similar.length) return { items: [] };
  const sales = await repo.soldListings(db, { achievementIds: similar.map((h) => h.id), excludeListingId: l.id, limit: COMPARABLES * 4 });
  const latest = new Map<string, (typeof sales)[number]>();
  for (const s of sales) if (!latest.has(s.achievementId)) latest.set(s.achievementId, s);
  return {
    items: similar.flatMap((h) => {
      const s = latest.get(h.id);
      if (!s) return [];
      return [
        {
          listing: { id: s.id, title: s.title, kind: s.kind, transaction: s.transaction, industry: s.industry, jurisdictionCode: s.jurisdictionCode },
          startPrice: s.priceFen,
          finalPrice: s.finalPriceFen,
          premiumBp: s.kind === 'auction' && s.priceFen > 0 && s.finalPriceFen != null ? Math.round(((s.finalPriceFen - s.priceFen) * 10_000) / s.priceFen) : null,
          bids: s.bidCount,
          closedAt: s.closedAt,
          similarity: h.score,
          reasons: h.reasons.filter((r) => r.kind === 'terms' || r.kind === 'industry').map((r) => reasonText(r, lang)),
        },
      ];
    }),
  };
}

/** Per industry (GB/T 4754 section), over the auctions that sold: how many, and the mean and median premium over the start price. */
export async function auctionPremiums(db: Db, jurisdictionCode?: string) {
  const subtree = await subtreeFilter(db, jurisdictionCode);
  const rows = await repo.auctionPremiums(db, subtree);
  return {
    items: rows.map((r) => ({
      industry: r.industry,
      auctions: r.auctions,
      averagePremiumBp: Number(r.avg_bp),
      medianPremiumBp: Number(r.median_bp),
      totalStartPrice: Number(r.total_start),
      totalFinalPrice: Number(r.total_final),
    })),
  };
}
