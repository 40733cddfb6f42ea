import { DEMAND_FACETS, type DemandQuery } from '@kzt/shared';
import { parseTsvector } from '../../platform/search.ts';
import type { NotIndexed } from '../../db/recordSearch.ts';
import { commonDocFilters, inFacet, type DocFilter, type IndexedDoc } from '../catalogue/catalogue.index.ts';
import { confidentialityFlags, hiddenWhenAbstract } from '../catalogue/catalogue.visibility.ts';
import type { DemandRow } from './demands.repository.ts';

/** The facets of the list (shared with its response schema, `demandPageDto`). */
export { DEMAND_FACETS };
/** The facets an `abstract` demand hides from outsiders (they do not count it there). */
export const DEMAND_HIDDEN_FACETS = DEMAND_FACETS.filter((f) => hiddenWhenAbstract('demand', f));
const hidden = (field: string) => hiddenWhenAbstract('demand', field);

export function demandDoc(r: Omit<DemandRow, NotIndexed>): IndexedDoc {
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
    facets: { industry: [r.industry], ownerType: [r.ownerType], cooperationMode: r.cooperationModes, commonProblem: [String(r.commonProblem)] },
    numbers: { budgetMin: r.budgetMinFen, budgetMax: r.budgetMaxFen },
    flags: {},
  };
}

/** The catalogue filters of a query, as the SQL path applies them (demands.repository filterConditions). */
export function demandDocFilters(q: DemandQuery & { jurisdictionPath?: string }): DocFilter[] {
  const f = [...commonDocFilters(q), ...inFacet('cooperationMode', q.cooperationMode, hidden('cooperationMode'))];
  if (q.commonProblem) f.push({ facet: 'commonProblem', hidden: hidden('commonProblem'), test: (d) => d.facets.commonProblem![0] === q.commonProblem });
  // A demand fits a budget range when its own range overlaps it.
  // A budget filter never tests a budget the viewer may not see: such a demand is left out, whatever its budget.
  if (q.budgetMin !== undefined) f.push({ hidden: hidden('budget'), test: (d) => (d.numbers.budgetMax ?? d.numbers.budgetMin ?? -1) >= q.budgetMin! });
  if (q.budgetMax !== undefined) f.push({ hidden: hidden('budget'), test: (d) => (d.numbers.budgetMin ?? d.numbers.budgetMax ?? Infinity) <= q.budgetMax! });
  return f;
}
