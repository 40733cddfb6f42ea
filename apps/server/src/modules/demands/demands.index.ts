import type { DemandQuery } from '@kzt/shared';
import { parseTsvector } from '../../platform/search.ts';
import type { NotIndexed } from '../catalogue/catalogue.repository.ts';
import { commonDocFilters, inFacet, type DocFilter, type IndexedDoc } from '../catalogue/catalogue.index.ts';
import type { DemandRow } from './demands.repository.ts';

export const DEMAND_FACETS = ['industry', 'ownerType', 'cooperationMode', 'commonProblem'];

export function demandDoc(r: Omit<DemandRow, NotIndexed>): IndexedDoc {
  return {
    id: r.id,
    organizationId: r.organizationId,
    jurisdictionPath: r.jurisdictionPath,
    visible: r.status === 'published',
    secret: r.confidentiality === 'secret',
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
  const f = [...commonDocFilters(q), ...inFacet('cooperationMode', q.cooperationMode)];
  if (q.commonProblem) f.push({ facet: 'commonProblem', test: (d) => d.facets.commonProblem![0] === q.commonProblem });
  // A demand fits a budget range when its own range overlaps it.
  if (q.budgetMin !== undefined) f.push({ test: (d) => (d.numbers.budgetMax ?? d.numbers.budgetMin ?? -1) >= q.budgetMin! });
  if (q.budgetMax !== undefined) f.push({ test: (d) => (d.numbers.budgetMin ?? d.numbers.budgetMax ?? Infinity) <= q.budgetMax! });
  return f;
}
