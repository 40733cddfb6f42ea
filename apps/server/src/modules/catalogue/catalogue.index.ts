import { FIELD_WEIGHTS, indexTokens, queryTokens, titleKey } from '../../platform/search.ts';
import type { Actor } from '../../platform/actor.ts';
import { pathWithin } from '../../platform/actor.ts';
import { shanghaiDay } from '../../db/recordSearch.ts';
import { sightOf, viewerOf, type Viewer } from './catalogue.visibility.ts';

/**
 * An in-memory search index of the published catalogue (one per record
 * type), the fast path of the public catalogue search: BM25 over weighted
 * fields (title and keywords 1.0, tags 0.4, body 0.2), all query words first
 * and any of them when none has all, the exact title first, stale records
 * halved; facet counts and totals computed over the matches in memory.
 *
 * The index is a replica of PostgreSQL: it is built from the database and
 * kept current by reading the rows changed since its last look
 * (`updated_at`), before every search and on a timer, so writes made by this
 * process or any other show up. Lists of one's own records and review queues
 * stay in SQL.
 */

export type IndexedDoc = {
  id: string;
  organizationId: string;
  jurisdictionPath: string;
  /** Published (the only state the catalogue shows). */
  visible: boolean;
  secret: boolean;
  /** 摘要公开: outsiders not granted access see only its open fields (catalogue.visibility.ts). */
  abstract: boolean;
  stale: boolean;
  publishedAt: number;
  /** The row's updated_at: an unchanged row is not indexed again. */
  updatedAt: number;
  titleKey: string;
  /** Token → weighted frequency (title and keywords 1.0, tags 0.4, body 0.2), as in the stored search vector. */
  terms: Map<string, number>;
  /** Facet name → values of the record (several for multi-valued fields). */
  facets: Record<string, string[]>;
  numbers: Record<string, number | null>;
  flags: Record<string, boolean>;
};

/**
 * A filter of the query; `facet` names the facet it narrows, so that facet's
 * counts ignore it. `hidden`: it tests a field an `abstract` record hides, so
 * it excludes such a record for a viewer who may not see the field, whatever
 * its value (catalogue.visibility.ts).
 */
export type DocFilter = { facet?: string; hidden?: boolean; test: (d: IndexedDoc) => boolean };

export type IndexQuery<K extends string = string> = {
  q?: string;
  sort: 'relevance' | 'date';
  filters: DocFilter[];
  facetNames: readonly K[];
  /** Facets of fields an `abstract` record hides: such a record counts in them only for a viewer who sees the field. */
  hiddenFacets?: readonly string[];
  offset: number;
  limit: number;
};

export type IndexResult<K extends string = string> = {
  ids: string[];
  total: number;
  relaxed: boolean;
  /** Every facet named in the query, each with its most frequent values. */
  facets: Record<K, { value: string; count: number }[]>;
};

/** The weighted terms of texts by field, as searchVectorSql stores them (for records not read from the database). */
export function weightedTerms(fields: { a?: string; b?: string; c?: string }): Map<string, number> {
  const terms = new Map<string, number>();
  const weight = { a: FIELD_WEIGHTS.A, b: FIELD_WEIGHTS.B, c: FIELD_WEIGHTS.C };
  for (const field of ['a', 'b', 'c'] as const) {
    for (const t of indexTokens(fields[field] ?? '')) terms.set(t, (terms.get(t) ?? 0) + weight[field]);
  }
  return terms;
}
const K1 = 1.2;
const B = 0.75;

type Posting = { docs: number[]; tf: number[] };

export class CatalogueIndex {
  private docs: (IndexedDoc | null)[] = [];
  private lengths: number[] = [];
  private byId = new Map<string, number>();
  private postings = new Map<string, Posting>();
  private live = 0;
  private totalLength = 0;
  private dead = 0;
  /** Scratch space reused by queries. */
  private score = new Float64Array(0);
  private hits = new Uint8Array(0);

  get size() {
    return this.live;
  }

  /** Whether the index holds this version of the record (or knows it is invisible). */
  isCurrent(id: string, updatedAt: number) {
    const n = this.byId.get(id);
    return n !== undefined && this.docs[n]!.updatedAt === updatedAt;
  }

  /** Adds or replaces a record; an invisible record is removed. */
  upsert(doc: IndexedDoc) {
    this.remove(doc.id);
    if (!doc.visible) return;
    const n = this.docs.length;
    this.docs.push(doc);
    this.byId.set(doc.id, n);
    let length = 0;
    for (const [t, w] of doc.terms) {
      length += w;
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = { docs: [], tf: [] }));
      p.docs.push(n);
      p.tf.push(w);
    }
    // The terms are not needed once they are in the postings.
    doc.terms = new Map();
    this.lengths.push(length);
    this.totalLength += length;
    this.live++;
  }

  remove(id: string) {
    const n = this.byId.get(id);
    if (n === undefined) return;
    this.byId.delete(id);
    this.docs[n] = null;
    this.totalLength -= this.lengths[n]!;
    this.live--;
    this.dead++;
    if (this.dead > 1000 && this.dead > this.live / 4) this.compact();
  }

  /** Drops removed records from the postings. */
  private compact() {
    const remap = new Int32Array(this.docs.length).fill(-1);
    const docs: IndexedDoc[] = [];
    const lengths: number[] = [];
    this.docs.forEach((d, i) => {
      if (!d) return;
      remap[i] = docs.length;
      docs.push(d);
      lengths.push(this.lengths[i]!);
    });
    for (const [t, p] of this.postings) {
      const next: Posting = { docs: [], tf: [] };
      p.docs.forEach((d, i) => {
        if (remap[d]! >= 0) {
          next.docs.push(remap[d]!);
          next.tf.push(p.tf[i]!);
        }
      });
      if (next.docs.length) this.postings.set(t, next);
      else this.postings.delete(t);
    }
    this.docs = docs;
    this.lengths = lengths;
    this.byId = new Map(docs.map((d, i) => [d.id, i]));
    this.dead = 0;
  }

  /** A page of matches as this viewer may see them (an Actor: its organisations' grants not counted; pass a Viewer for those). */
  search<K extends string>(who: Viewer | Actor | null, query: IndexQuery<K>): IndexResult<K> {
    const n = this.docs.length;
    if (this.score.length < n) {
      this.score = new Float64Array(Math.max(n, this.score.length * 2));
      this.hits = new Uint8Array(this.score.length);
    }
    const tokens = query.q ? queryTokens(query.q) : [];
    const viewer = who && 'orgIds' in who ? who : viewerOf(who);
    // One projection per viewer: a secret record is not there, an abstract one's hidden fields neither filter nor count.
    const mayRead = (d: IndexedDoc) => !d.secret || sightOf(viewer, d) !== 'none';
    const seesAll = (d: IndexedDoc) => !d.abstract || sightOf(viewer, d) === 'full';
    const hiddenFacets = new Set(query.hiddenFacets ?? []);

    let candidates: number[];
    let relaxed = false;
    const touched: number[] = [];
    if (tokens.length) {
      const avg = this.live ? this.totalLength / this.live : 1;
      const used = tokens.map((t) => this.postings.get(t));
      // A posting list keeps a removed record's entries until compaction, so its length
      // counts against every slot, removed ones too (live records alone could be fewer
      // than a term's entries: the idf would turn negative and a stale record's halving lift it).
      const slots = this.docs.length;
      for (const p of used) {
        if (!p) continue;
        const idf = Math.log(1 + (slots - p.docs.length + 0.5) / (p.docs.length + 0.5));
        for (let i = 0; i < p.docs.length; i++) {
          const d = p.docs[i]!;
          if (!this.docs[d]) continue;
          if (this.hits[d] === 0) touched.push(d);
          this.hits[d]! += 1;
          const tf = p.tf[i]!;
          this.score[d]! += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[d]!) / avg));
        }
      }
      const key = titleKey(query.q!);
      const all = touched.filter((d) => this.hits[d] === tokens.length);
      candidates = all.length ? all : touched;
      relaxed = all.length === 0 && touched.length > 0;
      for (const d of candidates) {
        const doc = this.docs[d]!;
        if (doc.stale) this.score[d]! *= 0.5;
        if (doc.titleKey === key) this.score[d]! += 1000;
      }
    } else {
      candidates = [];
      for (let d = 0; d < n; d++) if (this.docs[d]) candidates.push(d);
    }

    // Filters and facets: a record counts in a facet when it passes every filter but that facet's own.
    const counts: Record<string, Map<string, number>> = Object.fromEntries(query.facetNames.map((f) => [f, new Map()]));
    const passing: number[] = [];
    const count = (facet: string, doc: IndexedDoc, full: boolean) => {
      const m = counts[facet];
      if (!m || (!full && hiddenFacets.has(facet))) return;
      for (const v of new Set(doc.facets[facet] ?? [])) m.set(v, (m.get(v) ?? 0) + 1);
    };
    for (const d of candidates) {
      const doc = this.docs[d]!;
      if (!mayRead(doc)) continue;
      const full = seesAll(doc);
      let failed: DocFilter | undefined;
      let failures = 0;
      for (const f of query.filters) {
        if ((f.hidden && !full) || !f.test(doc)) {
          failed = f;
          if (++failures > 1) break;
        }
      }
      if (failures === 0) {
        passing.push(d);
        for (const facet of query.facetNames) count(facet, doc, full);
      } else if (failures === 1 && failed!.facet) count(failed!.facet, doc, full);
    }

    const byDate = (x: number, y: number) => this.docs[y]!.publishedAt - this.docs[x]!.publishedAt || (this.docs[x]!.id < this.docs[y]!.id ? -1 : 1);
    const order =
      tokens.length && query.sort === 'relevance'
        ? (x: number, y: number) => this.score[y]! - this.score[x]! || byDate(x, y)
        : query.sort === 'relevance'
          ? (x: number, y: number) => Number(this.docs[x]!.stale) - Number(this.docs[y]!.stale) || byDate(x, y)
          : byDate;
    const page = topK(passing, query.offset + query.limit, order).slice(query.offset);
    const ids = page.map((d) => this.docs[d]!.id);

    for (const d of touched) {
      this.score[d] = 0;
      this.hits[d] = 0;
    }
    // `counts` has one entry per facet the query names.
    const facets = Object.fromEntries(
      Object.entries(counts).map(([f, m]) => [
        f,
        [...m.entries()]
          .map(([value, c]) => ({ value, count: c }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
          .slice(0, 30),
      ]),
    ) as Record<K, { value: string; count: number }[]>;
    return { ids, total: passing.length, relaxed, facets };
  }
}

/** The first k items in `order`, without sorting everything when k is small. */
function topK(items: number[], k: number, order: (a: number, b: number) => number): number[] {
  if (items.length <= k * 4) return items.sort(order).slice(0, k);
  const best: number[] = [];
  for (const x of items) {
    if (best.length < k) {
      best.push(x);
      if (best.length === k) best.sort(order);
    } else if (order(x, best[k - 1]!) < 0) {
      let i = k - 1;
      while (i > 0 && order(x, best[i - 1]!) < 0) i--;
      best.splice(i, 0, x);
      best.pop();
    }
  }
  return best.length < k ? best.sort(order) : best;
}

/** The filters both catalogues share, as their SQL paths apply them. */
export function commonDocFilters(q: {
  status?: string;
  industry?: string[];
  ownerType?: string[];
  jurisdictionPath?: string;
  publishedFrom?: string;
  publishedTo?: string;
  stale?: 'true' | 'false';
}): DocFilter[] {
  const f: DocFilter[] = [];
  if (q.status && q.status !== 'published') f.push({ test: () => false });
  // ownerType is hidden in an abstract record (catalogue.visibility.ts HIDDEN_SEARCH_FIELDS, both types).
  f.push(...inFacet('industry', q.industry), ...inFacet('ownerType', q.ownerType, true));
  if (q.jurisdictionPath) f.push({ test: (d) => pathWithin(d.jurisdictionPath, q.jurisdictionPath!) });
  if (q.publishedFrom) {
    const from = shanghaiDay(q.publishedFrom).getTime();
    f.push({ test: (d) => d.publishedAt >= from });
  }
  if (q.publishedTo) {
    const to = shanghaiDay(q.publishedTo, true).getTime();
    f.push({ test: (d) => d.publishedAt <= to });
  }
  if (q.stale) f.push({ test: (d) => d.stale === (q.stale === 'true') });
  return f;
}

/** A record passes when one of its values of the facet is among `values` (no filter without values). */
export function inFacet(facet: string, values?: string[], hidden = false): DocFilter[] {
  return values?.length ? [{ facet, hidden, test: (d) => d.facets[facet]!.some((v) => values.includes(v)) }] : [];
}
