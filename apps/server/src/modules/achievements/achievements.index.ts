import { ACHIEVEMENT_FACETS, type AchievementQuery } from '@kzt/shared';
import { parseTsvector } from '../../platform/search.ts';
import type { NotIndexed } from '../../db/recordSearch.ts';
import { commonDocFilters, inFacet, type DocFilter, type IndexedDoc } from '../catalogue/catalogue.index.ts';
import { confidentialityFlags, hiddenWhenAbstract } from '../catalogue/catalogue.visibility.ts';
import type { AchievementRow } from './achievements.repository.ts';

/** The facets of the list (shared with its response schema, `achievementPageDto`). */
export { ACHIEVEMENT_FACETS };
/** The facets an `abstract` achievement hides from outsiders (they do not count it there). */
export const ACHIEVEMENT_HIDDEN_FACETS = ACHIEVEMENT_FACETS.filter((f) => hiddenWhenAbstract('achievement', f));
const hidden = (field: string) => hiddenWhenAbstract('achievement', field);

/** An achievement as the search index holds it: its tokens are those of the stored search vector (so an `abstract` one is found only by what everyone may see). */
export function achievementDoc(r: Omit<AchievementRow, NotIndexed>): IndexedDoc {
  return {
    id: r.id,
    organizationId: r.organizationId,
    jurisdictionPath: r.jurisdictionPath,
    visible: r.status === 'published',
    ...confidentialityFlags(r.confidentiality),
    stale: r.stale,
    publishedAt: r.publishedAt?.getTime() ?? 0,
    updatedAt: r.updatedAt.getTime(),
    titleKey: r.searchTitle,
    terms: parseTsvector(r.searchVector ?? ''),
    facets: { industry: [r.industry], type: [r.type], maturity: [String(r.maturity)], ownerType: [r.ownerType], transferMode: r.transferModes },
    numbers: { maturity: r.maturity, price: r.priceFen },
    flags: { unconverted: !!r.unconvertedFlaggedAt && !r.converted },
  };
}

/** The catalogue filters of a query, as the SQL path applies them (achievements.repository filterConditions). */
export function achievementDocFilters(q: AchievementQuery & { jurisdictionPath?: string }): DocFilter[] {
  const f = [...commonDocFilters(q), ...inFacet('type', q.type, hidden('type')), ...inFacet('transferMode', q.transferMode, hidden('transferMode'))];
  if (q.maturityMin || q.maturityMax) {
    const lo = q.maturityMin ?? 1;
    const hi = q.maturityMax ?? 9;
    f.push({ facet: 'maturity', hidden: hidden('maturity'), test: (d) => d.numbers.maturity! >= lo && d.numbers.maturity! <= hi });
  }
  // A price filter never tests a price the viewer may not see: such a record is left out, whatever its price.
  if (q.priceMin !== undefined) f.push({ hidden: hidden('price'), test: (d) => d.numbers.price != null && d.numbers.price >= q.priceMin! });
  if (q.priceMax !== undefined) f.push({ hidden: hidden('price'), test: (d) => d.numbers.price != null && d.numbers.price <= q.priceMax! });
  if (q.unconverted === 'true') f.push({ hidden: hidden('unconverted'), test: (d) => d.flags.unconverted! });
  return f;
}
