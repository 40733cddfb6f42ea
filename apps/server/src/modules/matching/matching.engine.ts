import { FIELD_WEIGHTS, indexTokens } from '../../platform/search.ts';
import { ROLE_WEIGHT, describeIntent, wantedMaturity } from './matching.intent.ts';
import { DocColumns, sharedArray, type IndexSnapshot } from './matching.snapshot.ts';
import { RelatedTerms } from './matching.terms.ts';

/**
 * The matching engine: no database, no HTTP. It holds the records of one
 * side (achievements, or demands) and ranks them for a record of the other
 * side. The app server keeps one per side as a replica of PostgreSQL
 * (matching.indexes.ts); `npx kzt match-batch` fills one from JSON lines.
 *
 * Ranking, in two steps:
 * 1. Lexical candidates: BM25 over the record's weighted terms (title and
 *    keywords 1, tags 0.4, body 0.2) for a query whose terms are weighted by
 *    the source's fields and, for a demand, by what each sentence is for
 *    (goal / problem / background, matching.intent.ts), expanded with related
 *    terms learned from the catalogue (matching.terms.ts). Common terms
 *    only score records the rarer terms found (a MaxScore-like cut), so a
 *    query costs little even at a million records.
 * 2. Fit: industry, maturity against the stage the demand is at, transfer
 *    mode, price against budget, region (local conversion), freshness and
 *    people's feedback adjust the lexical score; each adjustment that
 *    applies is a reason the person reads.
 */

export type MatchSide = 'achievement' | 'demand';

export type MatchDoc = {
  id: string;
  organizationId: string;
  jurisdictionPath: string;
  secret: boolean;
  stale: boolean;
  /** ms since the epoch; 0 when unknown. */
  publishedAt: number;
  /** GB/T 4754 section. */
  industry: string | null;
  /** Achievements: TRL 1–9. */
  maturity: number | null;
  /** Achievements: transfer modes; demands: cooperation modes. */
  modes: readonly string[];
  priceFen: number | null;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  /** Token → weighted frequency, as the search vector holds it. */
  terms: Map<string, number>;
  /** Demands: the maturity range wanted (matching.intent.ts wantedMaturity). */
  wanted: { min: number; max: number } | null;
  /** Title and keyword terms, from which related terms are learned (read only for the records sampled). */
  head: () => string[];
};

/** The record matches are looked for, turned into a query. */
export type MatchQuery = {
  side: MatchSide;
  id?: string;
  organizationId?: string | null;
  jurisdictionPath?: string | null;
  /** Term → weight in the query (1 for title and keywords). */
  terms: Map<string, number>;
  /** The source's keywords with their tokens: a keyword all of whose tokens are shared is named whole in the reasons. */
  phrases?: { text: string; tokens: string[] }[];
  industry: string | null;
  maturity: number | null;
  /** For a demand: the maturity range it is after. */
  wanted: { min: number; max: number } | null;
  modes: readonly string[];
  priceFen: number | null;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
};

/** What a record looks like to a filter and to the fit step. */
export type DocView = Omit<MatchDoc, 'terms' | 'head'>;

export type ReasonKind = 'terms' | 'related' | 'industry' | 'maturity' | 'mode' | 'budget' | 'region' | 'fresh' | 'stale' | 'feedback';
export type MatchReason = {
  kind: ReasonKind;
  /** Shared terms (terms), or related terms found (related, with `via` the query's terms they came from). */
  terms?: string[];
  via?: string[];
  /** good | weak | poor: how well the aspect fits. */
  fit?: 'good' | 'weak' | 'poor';
  /** Numbers the text names: maturity, wanted range, price, budget… */
  values?: Record<string, number | string | null>;
};

export type MatchHit = {
  id: string;
  /** 1–99, for people. */
  score: number;
  /** The ranking value (lexical × fit). */
  rank: number;
  reasons: MatchReason[];
  doc: DocView;
};

export type MatchOptions = {
  limit: number;
  /** Records the caller may not get (filters of the request, own organisation…). */
  filter?: (d: DocView) => boolean;
  /** Record id → multiplier from people's feedback (0 removes the record). */
  feedback?: Map<string, number>;
  /** Record id → reasons about feedback to show. */
  feedbackReasons?: Map<string, MatchReason>;
  /** Expand the query with related terms (default on). */
  expand?: boolean;
  /** Use the fit step (default on); off ranks by text alone. */
  fit?: boolean;
  now?: number;
};

const K1 = 1.2;
const B = 0.75;

/**
 * BM25 idf of a term with n entries among `slots` records. A posting list
 * keeps a removed record's entries until compaction, so both counts include
 * removed records: against the live records alone a term's entries could
 * outnumber them and the idf turn negative.
 */
const idfOf = (slots: number, n: number) => Math.log(1 + (slots - n + 0.5) / (n + 0.5));
/** A query scores at most this many postings in full; longer lists only add to the records found. */
const FULL_POSTINGS = 250_000;
const MAX_QUERY_TERMS = 48;
const EXPAND_FROM = 12;
const EXPAND_PER_TERM = 3;
const EXPAND_WEIGHT = 0.15;
/** Length normalisation is computed again for every record once the mean length has moved this much. */
const RENORM_DRIFT = 0.01;
const DAY = 86_400_000;

type Posting = { docs: Int32Array; tf: Uint16Array; n: number };
/** A query term in an index: its weight in the query, its rarity, its postings, and the query term it is related to (expansion). */
type QTerm = { term: string; weight: number; idf: number; p: Posting; via?: string };

function grow<T extends Int32Array | Uint16Array | Float32Array | Float64Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 16));
  next.set(a);
  return next;
}

/**
 * The postings of an index being built, in the order records came: each
 * record's (term number, frequency) pairs packed into one 32-bit entry
 * (21 bits term, 11 bits frequency; a larger frequency kept aside), end to
 * end in chunks of 16M entries; each record's end in `ends`, and every
 * term's count. settle() sorts them, by counting, into one shared segment.
 * Nothing is allocated per list while building, so the build does not
 * scatter a million small growing arrays over the heap (appending to those
 * was two thirds of a build at a million records, mostly cache misses), and
 * the chunks are large enough to be mapped on their own and given back to
 * the system whole.
 */
class BuildLog {
  static readonly MAX_TERMS = 1 << 21;
  private static readonly SHIFT = 24;
  private static readonly BIG_TF = (1 << 11) - 1;
  readonly termNo = new Map<string, number>();
  readonly terms: string[] = [];
  df = new Int32Array(1024);
  ends = new Int32Array(1024);
  private chunks: Uint32Array[] = [];
  private bigTf = new Map<number, number>();
  size = 0;

  add(term: string, tf: number) {
    let t = this.termNo.get(term);
    if (t === undefined) {
      t = this.terms.push(term) - 1;
      this.termNo.set(term, t);
      this.df = grow(this.df, t + 1);
    }
    this.df[t]!++;
    const c = this.size >>> BuildLog.SHIFT;
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(1 << BuildLog.SHIFT));
    if (tf >= BuildLog.BIG_TF) this.bigTf.set(this.size, tf);
    this.chunks[c]![this.size & ((1 << BuildLog.SHIFT) - 1)] = ((t << 11) | Math.min(tf, BuildLog.BIG_TF)) >>> 0;
    this.size++;
  }

  endRecord(n: number) {
    this.ends = grow(this.ends, n + 1);
    this.ends[n] = this.size;
  }

  /** Every term's list, records in order, in one segment: term i's in [offsets[i], offsets[i + 1]). */
  segment(count: number): Segment {
    const T = this.terms.length;
    const offsets = sharedArray(Int32Array, T + 1);
    for (let t = 0; t < T; t++) offsets[t + 1] = offsets[t]! + this.df[t]!;
    const docs = sharedArray(Int32Array, this.size);
    const tf = sharedArray(Uint16Array, this.size);
    const at = offsets.slice(0, T);
    const mask = (1 << BuildLog.SHIFT) - 1;
    let e = 0;
    for (let n = 0; n < count; n++) {
      for (const end = this.ends[n]!; e < end; e++) {
        const x = this.chunks[e >>> BuildLog.SHIFT]![e & mask]!;
        const i = at[x >>> 11]!++;
        docs[i] = n;
        const f = x & BuildLog.BIG_TF;
        tf[i] = f === BuildLog.BIG_TF ? this.bigTf.get(e)! : f;
      }
    }
    return { terms: this.terms, offsets, docs, tf };
  }
}

/** Posting lists end to end in shared memory: term i's records and frequencies in [offsets[i], offsets[i + 1]). */
type Segment = { terms: string[]; offsets: Int32Array; docs: Int32Array; tf: Uint16Array };

/** Reservoir sampling needs a repeatable random source. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLE = 60_000;

export class MatchIndex {
  related = RelatedTerms.empty();
  private postings = new Map<string, Posting>();
  private byId = new Map<string, number>();
  private ids: string[] = [];
  private views: (DocView | null)[] = [];
  private lengths = new Float32Array(0);
  /**
   * Two floats per record, side by side so that scoring a posting touches one
   * cache line: [2n] the record's score during a query (0 otherwise), [2n+1]
   * its BM25 length normalisation k1·(1 − b + b·length/mean), or −1 once
   * removed. At a million records the separate arrays this replaced cost
   * three cache misses a posting.
   */
  private acc = new Float32Array(0);
  /** The mean length the normalisations were computed with. */
  private normMean = 0;
  private count = 0;
  private live = 0;
  private dead = 0;
  private totalLength = 0;
  private updatedAt = new Map<string, number>();
  private sample: string[][] = [];
  private seen = 0;
  private random = mulberry32(20261123);
  private touched = new Int32Array(0);
  private values = new Float32Array(0);
  private histogram = new Int32Array(HISTOGRAM_BINS);
  /** Records a block of the scoring pass holds: 32,768 accumulators are 256 KB, within a core's L2 cache. */
  blockSize = 32_768;
  /** The records as typed columns, in an index made from a snapshot (which is read-only); null otherwise. */
  private columns: DocColumns | null = null;
  /** The postings while the index is first filled (until settle()); null after. */
  private building: BuildLog | null = new BuildLog();
  /** The shared segment the posting lists are views into, and whether all still are (a snapshot then shares it as it is). */
  private segment: Segment | null = null;
  private segmentCurrent = false;

  constructor(readonly side: MatchSide) {}

  /**
   * The index for other threads (matching.parallel.ts): the shared segment
   * its posting lists are views into — as it is, when no list has changed
   * since it was made (the lists a change touches move out of it, so the
   * segment itself never changes); otherwise the lists are first packed into
   * a new segment, which this index then uses too — and the records' views
   * as typed columns.
   */
  snapshot(): IndexSnapshot {
    this.settle();
    this.renormalise();
    if (!this.segmentCurrent) this.refreeze(null);
    const { terms, offsets, docs, tf } = this.segment!;
    const norms = sharedArray(Float32Array, this.count);
    for (let n = 0; n < this.count; n++) norms[n] = this.acc[2 * n + 1]!;
    return {
      side: this.side,
      count: this.count,
      live: this.live,
      normMean: this.normMean,
      terms,
      offsets,
      docs,
      tf,
      norms,
      ids: this.ids.slice(0, this.count),
      columns: DocColumns.of(this.views, this.count),
      related: this.related.entries(),
    };
  }

  /** A read-only index over a snapshot (in a worker thread): match() ranks exactly as the index that made it did then. */
  static fromSnapshot(s: IndexSnapshot): MatchIndex {
    const index = new MatchIndex(s.side);
    index.building = null;
    for (let i = 0; i < s.terms.length; i++) {
      const a = s.offsets[i]!;
      const b = s.offsets[i + 1]!;
      index.postings.set(s.terms[i]!, { docs: s.docs.subarray(a, b), tf: s.tf.subarray(a, b), n: b - a });
    }
    index.ids = s.ids;
    index.columns = new DocColumns(s.columns);
    index.count = s.count;
    index.live = s.live;
    index.normMean = s.normMean;
    index.acc = new Float32Array(2 * s.count);
    for (let n = 0; n < s.count; n++) index.acc[2 * n + 1] = s.norms[n]!;
    index.related = RelatedTerms.fromEntries(s.related);
    return index;
  }

  private view(d: number): DocView | null {
    return this.columns ? this.columns.view(d, this.ids[d]!) : this.views[d]!;
  }

  private writable() {
    if (this.columns) throw new Error('an index made from a snapshot is read-only');
  }

  get size() {
    return this.live;
  }

  /** Inverse document frequency of a term in this index (0 for a term it does not hold). */
  idf(term: string) {
    this.settle();
    const p = this.postings.get(term);
    return p ? idfOf(this.count, p.n) : 0;
  }

  /** Whether the index already holds this version of a record. */
  isCurrent(id: string, updatedAt: number) {
    return this.updatedAt.get(id) === updatedAt;
  }

  /** Adds or replaces a record. */
  upsert(doc: MatchDoc, updatedAt = 0) {
    this.writable();
    // A log that could not number this record's terms ends the build here (two million terms).
    if (this.building && this.building.terms.length + doc.terms.size > BuildLog.MAX_TERMS) this.settle();
    this.remove(doc.id);
    const n = this.count++;
    this.ids[n] = doc.id;
    this.byId.set(doc.id, n);
    this.updatedAt.set(doc.id, updatedAt);
    const { terms: _terms, head, ...view } = doc;
    this.views[n] = view;
    this.lengths = grow(this.lengths, n + 1);
    this.acc = grow(this.acc, 2 * (n + 1));
    let length = 0;
    const log = this.building;
    for (const [t, w] of doc.terms) {
      length += w;
      if (log) {
        log.add(t, Math.min(65_535, Math.round(w * 10)));
        continue;
      }
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = { docs: new Int32Array(2), tf: new Uint16Array(2), n: 0 }));
      if (p.n === p.docs.length) {
        p.docs = grow(p.docs, p.n + 1);
        p.tf = grow(p.tf, p.n + 1);
      }
      p.docs[p.n] = n;
      p.tf[p.n] = Math.min(65_535, Math.round(w * 10));
      p.n++;
    }
    if (log) log.endRecord(n);
    else this.segmentCurrent = false;
    this.lengths[n] = length;
    this.totalLength += length;
    this.live++;
    if (this.normMean === 0) this.normMean = this.totalLength / this.live;
    this.acc[2 * n + 1] = this.normOf(length);
    // A sample of head texts (reservoir) to learn related terms from.
    this.seen++;
    if (this.sample.length < SAMPLE) this.sample.push(head());
    else {
      const j = Math.floor(this.random() * this.seen);
      if (j < SAMPLE) this.sample[j] = head();
    }
  }

  remove(id: string) {
    this.writable();
    const n = this.byId.get(id);
    if (n === undefined) return;
    this.byId.delete(id);
    this.updatedAt.delete(id);
    this.acc[2 * n + 1] = -1;
    this.views[n] = null;
    this.totalLength -= this.lengths[n]!;
    this.live--;
    this.dead++;
    if (!this.building && this.dead > 1000 && this.dead > this.live / 4) this.compact();
  }

  /** Ends the first filling: the build's postings sorted into one shared segment, the lists views into it. */
  private settle() {
    const log = this.building;
    if (!log) return;
    this.building = null;
    this.adopt(log.segment(this.count));
    if (this.dead > 1000 && this.dead > this.live / 4) this.compact();
  }

  private adopt(segment: Segment) {
    const { terms, offsets, docs, tf } = segment;
    this.postings = new Map();
    for (let i = 0; i < terms.length; i++) {
      const a = offsets[i]!;
      const b = offsets[i + 1]!;
      this.postings.set(terms[i]!, { docs: docs.subarray(a, b), tf: tf.subarray(a, b), n: b - a });
    }
    this.segment = segment;
    this.segmentCurrent = true;
  }

  /** Packs every list into a new segment (records renumbered by `remap`, −1 dropped) and uses it; a snapshot keeps the old one. */
  private refreeze(remap: Int32Array | null) {
    let total = 0;
    for (const p of this.postings.values()) {
      if (!remap) total += p.n;
      else for (let i = 0; i < p.n; i++) total += remap[p.docs[i]!]! >= 0 ? 1 : 0;
    }
    const terms: string[] = [];
    const offsets = sharedArray(Int32Array, this.postings.size + 1);
    const docs = sharedArray(Int32Array, total);
    const tf = sharedArray(Uint16Array, total);
    let o = 0;
    for (const [t, p] of this.postings) {
      const start = o;
      if (!remap) {
        docs.set(p.docs.subarray(0, p.n), o);
        tf.set(p.tf.subarray(0, p.n), o);
        o += p.n;
      } else {
        for (let i = 0; i < p.n; i++) {
          const to = remap[p.docs[i]!]!;
          if (to < 0) continue;
          docs[o] = to;
          tf[o] = p.tf[i]!;
          o++;
        }
      }
      if (o === start) continue;
      offsets[terms.length] = start;
      terms.push(t);
    }
    offsets[terms.length] = o;
    this.adopt({ terms, offsets: offsets.subarray(0, terms.length + 1), docs, tf });
  }

  private normOf(length: number) {
    return K1 * (1 - B + (B * length) / this.normMean);
  }

  /** Normalisations of every record again, when records added and removed have moved the mean length. */
  private renormalise() {
    if (this.columns) return;
    const mean = this.totalLength / Math.max(1, this.live);
    if (Math.abs(mean - this.normMean) <= RENORM_DRIFT * this.normMean) return;
    this.normMean = mean;
    const acc = this.acc;
    for (let n = 0; n < this.count; n++) if (acc[2 * n + 1]! >= 0) acc[2 * n + 1] = this.normOf(this.lengths[n]!);
  }

  /** Learns related terms again from the sample of records (after a build, and now and then). */
  learnRelated() {
    this.related = RelatedTerms.learn(this.sample, this.sample.length);
  }

  /** Gives back the room the posting lists kept to grow (a quarter of them after a build); later additions grow them again. */
  trim() {
    this.settle();
    for (const p of this.postings.values()) {
      if (p.docs.length > p.n) {
        p.docs = p.docs.slice(0, p.n);
        p.tf = p.tf.slice(0, p.n);
      }
    }
  }

  /** Rough bytes held by the postings and per-record arrays (for the benchmark's report). */
  stats() {
    this.settle();
    let postings = 0;
    for (const p of this.postings.values()) postings += p.docs.length * 6;
    return { records: this.live, terms: this.postings.size, postingBytes: postings };
  }

  private compact() {
    const remap = new Int32Array(this.count).fill(-1);
    let m = 0;
    for (let i = 0; i < this.count; i++) if (this.acc[2 * i + 1]! >= 0) remap[i] = m++;
    // Into a new segment, not in place: a snapshot may be reading the old one.
    this.refreeze(remap);
    const ids: string[] = [];
    const views: (DocView | null)[] = [];
    const lengths = new Float32Array(m);
    const acc = new Float32Array(2 * m);
    for (let i = 0; i < this.count; i++) {
      const to = remap[i]!;
      if (to < 0) continue;
      ids[to] = this.ids[i]!;
      views[to] = this.views[i]!;
      lengths[to] = this.lengths[i]!;
      acc[2 * to + 1] = this.acc[2 * i + 1]!;
    }
    this.ids = ids;
    this.views = views;
    this.lengths = lengths;
    this.acc = acc;
    this.count = m;
    this.byId = new Map(ids.map((id, i) => [id, i]));
    this.dead = 0;
  }

  /** Ranks this index's records for a query (a record of the other side). */
  match(query: MatchQuery, opts: MatchOptions): MatchHit[] {
    if (this.live === 0 || opts.limit <= 0) return [];
    this.settle();
    this.renormalise();

    const qterms = this.queryTerms(query, opts.expand !== false);
    if (!qterms.length) return [];

    // Rare terms are scored over their whole lists; common ones only where the rare ones found something.
    const { full, later } = splitByBudget(qterms);

    const acc = this.acc;
    // The records touched and their scores, in buffers kept between queries.
    let need = 1;
    for (const q of full) need += q.p.n;
    if (this.touched.length < need) {
      this.touched = new Int32Array(Math.max(need, this.touched.length * 2));
      this.values = new Float32Array(this.touched.length);
    }
    const touched = this.touched;
    const values = this.values;
    let nTouched = 0;
    let min = Infinity;
    let max = -Infinity;
    // Term at a time within blocks of records, so that the block's accumulators stay in the core's cache while
    // every term adds to them (each record still adds its terms in the same order: the same float sums), and
    // then the block's touched scores are gathered and their accumulators reset for the next query.
    const weights = full.map((q) => q.weight * q.idf * (K1 + 1));
    const cursors = new Int32Array(full.length);
    const block = this.blockSize;
    for (let lo = 0; lo < this.count; lo += block) {
      const hi = lo + block;
      const first = nTouched;
      for (let t = 0; t < full.length; t++) {
        const w = weights[t]!;
        const { docs, tf, n } = full[t]!.p;
        let i = cursors[t]!;
        for (; i < n; i++) {
          const d = docs[i]!;
          if (d >= hi) break;
          const norm = acc[2 * d + 1]!;
          if (norm < 0) continue;
          const f = tf[i]! / 10;
          const s = acc[2 * d]!;
          touched[nTouched] = d;
          nTouched += s === 0 ? 1 : 0;
          acc[2 * d] = s + (w * f) / (f + norm);
        }
        cursors[t] = i;
      }
      for (let i = first; i < nTouched; i++) {
        const d = touched[i]!;
        const v = acc[2 * d]!;
        values[i] = v;
        acc[2 * d] = 0;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }

    // Candidates: the best by the rare terms, then the common terms added by looking them up.
    const poolSize = Math.max(300, opts.limit * 20);
    const chosen = topByHistogram(nTouched, values, poolSize * 3, this.histogram, min, max);
    const pool = chosen.map((i) => touched[i]!);
    const lexical = Float64Array.from(chosen, (i) => values[i]!);
    if (later.length) {
      // Positions in the pool in record order, each looked up by galloping from the last position found.
      const order = Array.from(pool.keys()).sort((a, b) => pool[a]! - pool[b]!);
      for (const q of later) {
        const w = q.weight * q.idf * (K1 + 1);
        let from = 0;
        for (const j of order) {
          const d = pool[j]!;
          const i = gallop(q.p.docs, q.p.n, d, from);
          from = i;
          if (i < q.p.n && q.p.docs[i] === d) {
            const f = q.p.tf[i]! / 10;
            lexical[j] = lexical[j]! + (w * f) / (f + acc[2 * d + 1]!);
          }
        }
      }
    }
    let maxLexical = 0;
    for (const q of qterms) maxLexical += q.weight * q.idf * (K1 + 1);

    const now = opts.now ?? Date.now();
    // The fit step only for candidates that can still make the first `limit`: in order of
    // lexical score, stopping once even the largest fit and feedback could not lift one past the limit-th.
    let maxFeedback = 1;
    if (opts.feedback) for (const v of opts.feedback.values()) if (v > maxFeedback) maxFeedback = v;
    const bound = (opts.fit === false ? 1 : MAX_FIT) * maxFeedback;
    const order = Array.from(pool.keys()).sort((a, b) => lexical[b]! - lexical[a]!);
    const ids = this.ids;
    const before = (a: { d: number; rank: number }, b: { d: number; rank: number }) => b.rank - a.rank || (ids[a.d]! < ids[b.d]! ? -1 : 1);
    const best: { d: number; rank: number; s: number }[] = [];
    for (const j of order) {
      const s = lexical[j]! / maxLexical;
      if (best.length === opts.limit && s * bound < best[opts.limit - 1]!.rank) break;
      const d = pool[j]!;
      const view = this.view(d)!;
      if (opts.filter && !opts.filter(view)) continue;
      if (query.id && view.id === query.id) continue;
      const fb = opts.feedback?.get(view.id) ?? 1;
      if (fb === 0) continue;
      const multiplier = opts.fit === false ? 1 : fitOf(query, view, now, null).multiplier;
      const item = { d, s, rank: s * multiplier * fb };
      if (best.length === opts.limit && before(item, best[opts.limit - 1]!) >= 0) continue;
      let k = best.length;
      while (k > 0 && before(item, best[k - 1]!) < 0) k--;
      best.splice(k, 0, item);
      if (best.length > opts.limit) best.pop();
    }

    return best.map(({ d, rank, s }) => this.hit(d, rank, s, qterms, query, opts, now));
  }

  /** The query's terms in this index, most important first, with related terms added at a discount. */
  private queryTerms(query: MatchQuery, expand: boolean): QTerm[] {
    const qterms: QTerm[] = [];
    for (const [term, weight] of query.terms) {
      const p = this.postings.get(term);
      if (p) qterms.push({ term, weight, idf: idfOf(this.count, p.n), p });
    }
    qterms.sort((a, b) => b.weight * b.idf - a.weight * a.idf);
    qterms.length = Math.min(qterms.length, MAX_QUERY_TERMS);
    if (expand) {
      const have = new Set(query.terms.keys());
      const extra: QTerm[] = [];
      for (const q of qterms.slice(0, EXPAND_FROM)) {
        let added = 0;
        for (const r of this.related.of(q.term)) {
          if (added >= EXPAND_PER_TERM) break;
          if (have.has(r.term)) continue;
          const p = this.postings.get(r.term);
          if (!p) continue;
          have.add(r.term);
          extra.push({ term: r.term, weight: q.weight * EXPAND_WEIGHT * r.strength, idf: idfOf(this.count, p.n), p, via: q.term });
          added++;
        }
      }
      qterms.push(...extra);
    }
    return qterms;
  }

  /** A ranked record with its reasons: the terms it shares with the query, related terms, and the fit. */
  private hit(d: number, rank: number, s: number, qterms: QTerm[], query: MatchQuery, opts: MatchOptions, now: number): MatchHit {
    const view = this.view(d)!;
    const fit = opts.fit === false ? NO_FIT : fitOf(query, view, now, []);
    const reasons: MatchReason[] = [];
    const shared: string[] = [];
    const related: string[] = [];
    const via: string[] = [];
    for (const q of qterms) {
      const i = lowerBound(q.p.docs, q.p.n, d, 0);
      if (i < q.p.n && q.p.docs[i] === d) {
        if (q.via) {
          related.push(q.term);
          if (!via.includes(q.via)) via.push(q.via);
        } else shared.push(q.term);
      }
    }
    if (shared.length) reasons.push({ kind: 'terms', terms: namedTerms(shared, query.phrases ?? []).slice(0, 6) });
    if (related.length) reasons.push({ kind: 'related', terms: related.slice(0, 4), via: via.slice(0, 4) });
    reasons.push(...fit.reasons);
    const fbReason = opts.feedbackReasons?.get(view.id);
    if (fbReason) reasons.push(fbReason);
    const score = Math.max(1, Math.min(99, Math.round(100 * (1 - Math.exp(-4 * s)) * Math.min(1.25, fit.multiplier))));
    return { id: view.id, score, rank, reasons, doc: view };
  }

  /**
   * Ranks only the given records (by id) for a query — a few thousand at
   * most, e.g. the achievements that sold, for comparable deals — with the
   * same scores and reasons as match(): each query term is looked up in
   * each record's postings instead of scanning the lists.
   */
  matchAmong(query: MatchQuery, ids: readonly string[], opts: MatchOptions): MatchHit[] {
    if (this.live === 0 || opts.limit <= 0 || !ids.length) return [];
    this.settle();
    this.renormalise();
    const qterms = this.queryTerms(query, opts.expand !== false);
    if (!qterms.length) return [];
    const docs = [...new Set(ids)]
      .map((id) => this.byId.get(id))
      .filter((d): d is number => d !== undefined)
      .sort((a, b) => a - b);
    // The terms in match()'s order and precision (the scanned ones summed in 32 bits, as its accumulators are), so scores agree exactly.
    const { full, later } = splitByBudget(qterms);
    const lexical = new Float64Array(docs.length);
    for (const [terms, round] of [[full, Math.fround], [later, (x: number) => x]] as const) {
      for (const q of terms) {
        const w = q.weight * q.idf * (K1 + 1);
        let from = 0;
        docs.forEach((d, j) => {
          const i = gallop(q.p.docs, q.p.n, d, from);
          from = i;
          if (i < q.p.n && q.p.docs[i] === d) {
            const f = q.p.tf[i]! / 10;
            lexical[j] = round(lexical[j]! + (w * f) / (f + this.acc[2 * d + 1]!));
          }
        });
      }
    }
    let maxLexical = 0;
    for (const q of qterms) maxLexical += q.weight * q.idf * (K1 + 1);
    const now = opts.now ?? Date.now();
    const ranked: { d: number; rank: number; s: number }[] = [];
    docs.forEach((d, j) => {
      const view = this.view(d)!;
      if (lexical[j] === 0 || (opts.filter && !opts.filter(view)) || (query.id && view.id === query.id)) return;
      const fb = opts.feedback?.get(view.id) ?? 1;
      if (fb === 0) return;
      const s = lexical[j]! / maxLexical;
      const multiplier = opts.fit === false ? 1 : fitOf(query, view, now, null).multiplier;
      ranked.push({ d, s, rank: s * multiplier * fb });
    });
    ranked.sort((a, b) => b.rank - a.rank || (this.ids[a.d]! < this.ids[b.d]! ? -1 : 1));
    return ranked.slice(0, opts.limit).map(({ d, rank, s }) => this.hit(d, rank, s, qterms, query, opts, now));
  }
}

/** The rarest terms, up to FULL_POSTINGS postings (at least two terms), are scored over their whole lists; the rest only for the candidates. */
function splitByBudget(qterms: QTerm[]) {
  const full: QTerm[] = [];
  const later: QTerm[] = [];
  let budget = 0;
  for (const q of [...qterms].sort((a, b) => a.p.n - b.p.n)) {
    if (full.length < 2 || budget + q.p.n <= FULL_POSTINGS) {
      full.push(q);
      budget += q.p.n;
    } else later.push(q);
  }
  return { full, later };
}

/** Shared terms as a person reads them: a keyword whose every token is shared named whole, then the other terms, longer words before their parts. */
function namedTerms(shared: string[], phrases: { text: string; tokens: string[] }[]) {
  const have = new Set(shared);
  const whole = phrases.filter((p) => p.tokens.length > 0 && p.tokens.every((t) => have.has(t)));
  const covered = new Set(whole.flatMap((p) => p.tokens));
  return [...new Set(whole.map((p) => p.text)), ...dropParts(shared.filter((t) => !covered.has(t)))];
}

/** Shared terms as a person reads them: the longer word instead of its parts. */
function dropParts(terms: string[]) {
  return terms.filter((t) => !terms.some((o) => o !== t && o.length > t.length && o.includes(t)));
}

function lowerBound(a: Int32Array, n: number, x: number, from: number) {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const HISTOGRAM_BINS = 4096;

/**
 * The positions of the k highest of `count` scores (which lie in [min, max]), without sorting them
 * all: those at least the k-th highest, in order (sorted and cut to k when
 * more than 2k tie), found with a histogram of the scores — two passes in
 * order and a sort of the one bin holding the k-th score. Sorting every
 * score was four fifths of a query at a million records.
 */
function topByHistogram(count: number, values: Float32Array, k: number, hist: Int32Array, min: number, max: number): number[] {
  if (count <= k) return Array.from({ length: count }, (_, i) => i);
  let threshold = max;
  if (max > min) {
    hist.fill(0);
    const scale = (hist.length - 1) / (max - min);
    for (let i = 0; i < count; i++) hist[((values[i]! - min) * scale) | 0]!++;
    let above = 0;
    let bin = hist.length - 1;
    for (; bin > 0; bin--) {
      if (above + hist[bin]! >= k) break;
      above += hist[bin]!;
    }
    const inBin = new Float32Array(hist[bin]!);
    let m = 0;
    for (let i = 0; i < count; i++) {
      const v = values[i]!;
      if ((((v - min) * scale) | 0) === bin) inBin[m++] = v;
    }
    inBin.sort();
    threshold = inBin[m - (k - above)]!;
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (values[i]! >= threshold) out.push(i);
  return out.length > k * 2 ? out.sort((a, b) => values[b]! - values[a]! || a - b).slice(0, k) : out;
}

/** The first position at or after `from` whose value is at least x (as lowerBound), by doubling steps first. */
function gallop(a: Int32Array, n: number, x: number, from: number) {
  let step = 1;
  let lo = from;
  while (lo + step < n && a[lo + step]! < x) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(n, lo + step + 1);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Fit = { multiplier: number; reasons: MatchReason[] };
const NO_FIT: Fit = { multiplier: 1, reasons: [] };

/** No record fits better than this (every bonus of fitOf, and fresh): the bound that lets match() skip the fit step. Keep it with fitOf. */
const MAX_FIT = (1 + 0.1 + 0.06 + 0.05 + 0.05 + 0.06) * 1.02 + 1e-9;

/** How well a record fits the query beyond its words: each aspect that applies adds a reason to `reasons` (null: the multiplier only). */
function fitOf(q: MatchQuery, d: DocView, now: number, reasons: MatchReason[] | null): Fit {
  let bonus = 0;
  if (q.industry && d.industry) {
    if (q.industry === d.industry) {
      bonus += 0.1;
      reasons?.push({ kind: 'industry', fit: 'good', values: { industry: d.industry } });
    }
  }
  // Maturity against the stage the demand is at (whichever side the demand is).
  const wanted = q.side === 'demand' ? q.wanted : d.wanted;
  const maturity = q.side === 'demand' ? d.maturity : q.maturity;
  if (wanted && maturity) {
    const below = wanted.min - maturity;
    const f = below <= 0 && maturity <= wanted.max ? 'good' : below > 2 ? 'poor' : 'weak';
    bonus += f === 'good' ? 0.06 : f === 'poor' ? -0.1 : -0.03;
    reasons?.push({ kind: 'maturity', fit: f, values: { maturity, min: wanted.min, max: wanted.max } });
  }
  if (q.modes.length && d.modes.length) {
    const common = q.modes.filter((m) => d.modes.includes(m));
    if (common.length) {
      bonus += 0.05;
      reasons?.push({ kind: 'mode', fit: 'good', terms: common });
    } else bonus -= 0.03;
  }
  const price = q.side === 'demand' ? d.priceFen : q.priceFen;
  const budgetMax = q.side === 'demand' ? q.budgetMaxFen : d.budgetMaxFen;
  const budgetMin = q.side === 'demand' ? q.budgetMinFen : d.budgetMinFen;
  if (price != null && budgetMax != null) {
    const f = price <= budgetMax ? 'good' : price <= budgetMax * 1.5 ? 'weak' : 'poor';
    bonus += f === 'good' ? 0.05 : f === 'poor' ? -0.06 : 0;
    reasons?.push({ kind: 'budget', fit: f, values: { price, budgetMin, budgetMax } });
  }
  if (q.jurisdictionPath && d.jurisdictionPath) {
    const a = q.jurisdictionPath.split('/');
    const b = d.jurisdictionPath.split('/');
    if (a.length > 1 && b.length > 1 && a[1] === b[1]) {
      bonus += 0.06;
      reasons?.push({ kind: 'region', fit: 'good', values: { level: 'city', code: b[1]! } });
    } else if (a[0] === b[0]) {
      bonus += 0.04;
      reasons?.push({ kind: 'region', fit: 'good', values: { level: 'province', code: b[0]! } });
    }
  }
  let multiplier = 1 + bonus;
  if (d.stale) {
    multiplier *= 0.8;
    reasons?.push({ kind: 'stale', fit: 'weak' });
  } else if (d.publishedAt && now - d.publishedAt < 30 * DAY) {
    multiplier *= 1.02;
    reasons?.push({ kind: 'fresh', fit: 'good', values: { days: Math.max(0, Math.floor((now - d.publishedAt) / DAY)) } });
  }
  return { multiplier, reasons: reasons ?? [] };
}

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
