import { FIELD_WEIGHTS, indexTokens } from '../../platform/search.ts';
import { idfOf, type QTerm } from './matching.engine.bm25.ts';
import type { Posting } from './matching.engine.store.ts';
import type { MatchQuery } from './matching.engine.types.ts';
import { ROLE_WEIGHT, describeIntent, wantedMaturity } from './matching.intent.ts';
import type { RelatedTerms } from './matching.terms.ts';

/**
 * Query building: a record's weighted terms as the index stores them, a
 * demand or an achievement turned into a query (its terms weighted by the
 * field and, for a demand's description, by what each sentence is for), and
 * the query's terms in an index, expanded with related terms.
 */

const MAX_QUERY_TERMS = 48;
const EXPAND_FROM = 12;
const EXPAND_PER_TERM = 3;
const EXPAND_WEIGHT = 0.15;

/** Weighted terms of a record's fields, as the stored search vector weighs them (title and keywords A, tags B, body C). */
export function recordTerms(head: string, tags: string, body: string): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (text: string, w: number) => {
    for (const t of indexTokens(text)) terms.set(t, (terms.get(t) ?? 0) + w);
  };
  add(head, FIELD_WEIGHTS.A);
  add(tags, FIELD_WEIGHTS.B);
  add(body, FIELD_WEIGHTS.C);
  return terms;
}

type QueryFields = {
  id?: string;
  organizationId?: string | null;
  jurisdictionPath?: string | null;
  title: string;
  keywords?: readonly string[];
  industry?: string | null;
};

const phrasesOf = (keywords: readonly string[] | undefined) => (keywords ?? []).map((text) => ({ text, tokens: [...new Set(indexTokens(text))] }));

/** Words every demand or summary uses to ask or to describe, which say nothing about the technology. */
const GENERIC = new Set(
  '技术 需要 希望 需求 公司 我公司 本公司 企业 单位 合作 引进 实现 解决 问题 目前 现有 提高 提升 降低 相关 方面 上述 以上 能够 进一步 开展 寻求 寻找 急需 我们 项目 产品 存在 具有 具备 要求 指标 先进 条件 工作 不 无 有 能 可 要 好 用 新 高 低 大 小 多'.split(' '),
);

/** Query terms of a text at a weight, capped so a long text does not drown the title. */
function addTerms(terms: Map<string, number>, text: string, weight: number) {
  for (const t of indexTokens(text)) if (!GENERIC.has(t)) terms.set(t, Math.min(3, (terms.get(t) ?? 0) + weight));
}

/** A demand as a query for achievements: title and keywords in full, each sentence of the description by its role. */
export function demandQuery(d: QueryFields & { description?: string; cooperationModes?: readonly string[]; budgetMinFen?: number | null; budgetMaxFen?: number | null }): MatchQuery {
  const terms = new Map<string, number>();
  addTerms(terms, [d.title, ...(d.keywords ?? [])].join(' '), 1);
  for (const s of describeIntent(d.description ?? '')) addTerms(terms, s.text, ROLE_WEIGHT[s.role]);
  return {
    side: 'demand',
    id: d.id,
    phrases: phrasesOf(d.keywords),
    organizationId: d.organizationId ?? null,
    jurisdictionPath: d.jurisdictionPath ?? null,
    terms,
    industry: d.industry ?? null,
    maturity: null,
    wanted: wantedMaturity(`${d.title} ${d.description ?? ''}`, d.cooperationModes ?? []),
    modes: d.cooperationModes ?? [],
    priceFen: null,
    budgetMinFen: d.budgetMinFen ?? null,
    budgetMaxFen: d.budgetMaxFen ?? null,
  };
}

/** An achievement as a query for demands. */
export function achievementQuery(a: QueryFields & { summary?: string; maturity?: number | null; transferModes?: readonly string[]; priceFen?: number | null }): MatchQuery {
  const terms = new Map<string, number>();
  addTerms(terms, [a.title, ...(a.keywords ?? [])].join(' '), 1);
  addTerms(terms, a.summary ?? '', 0.3);
  return {
    side: 'achievement',
    id: a.id,
    phrases: phrasesOf(a.keywords),
    organizationId: a.organizationId ?? null,
    jurisdictionPath: a.jurisdictionPath ?? null,
    terms,
    industry: a.industry ?? null,
    maturity: a.maturity ?? null,
    wanted: null,
    modes: a.transferModes ?? [],
    priceFen: a.priceFen ?? null,
    budgetMinFen: null,
    budgetMaxFen: null,
  };
}

/** What the query's terms are looked up in: an index's posting lists, its record slots and its related terms. */
export type TermSource = { get(term: string): Posting | undefined; slots: number; related: RelatedTerms };

/** The query's terms in an index, most important first, with related terms added at a discount. */
export function queryTerms(query: MatchQuery, index: TermSource, expand: boolean): QTerm[] {
  const qterms: QTerm[] = [];
  for (const [term, weight] of query.terms) {
    const p = index.get(term);
    if (p) qterms.push({ term, weight, idf: idfOf(index.slots, p.n), p });
  }
  qterms.sort((a, b) => b.weight * b.idf - a.weight * a.idf);
  qterms.length = Math.min(qterms.length, MAX_QUERY_TERMS);
  if (expand) {
    const have = new Set(query.terms.keys());
    const extra: QTerm[] = [];
    for (const q of qterms.slice(0, EXPAND_FROM)) {
      let added = 0;
      for (const r of index.related.of(q.term)) {
        if (added >= EXPAND_PER_TERM) break;
        if (have.has(r.term)) continue;
        const p = index.get(r.term);
        if (!p) continue;
        have.add(r.term);
        extra.push({ term: r.term, weight: q.weight * EXPAND_WEIGHT * r.strength, idf: idfOf(index.slots, p.n), p, via: q.term });
        added++;
      }
    }
    qterms.push(...extra);
  }
  return qterms;
}
