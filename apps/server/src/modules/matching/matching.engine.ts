import { addToCandidates, coordinate, idfOf, maxLexical, normOf, scoreInBlocks, scoreRecords, splitByBudget, topByHistogram, ScoreBuffers, type QTerm } from './matching.engine.bm25.ts';
import { evidenceOf, heldBy, namedShares, scoresInOrder, shownScore, termReasons } from './matching.engine.explain.ts';
import { MAX_FIT, NO_FIT, fitOf } from './matching.engine.fit.ts';
import type { TermShares } from './matching.engine.common.ts';
import { TermCounts, commonFrom } from './matching.engine.common.ts';
import { phraseTerms, queryTerms, type UnitTerms } from './matching.engine.query.ts';
import { PostingStore, grow, type Posting } from './matching.engine.store.ts';
import type { DocView, MatchDoc, MatchHit, MatchOptions, MatchQuery, MatchSide } from './matching.engine.types.ts';
import { DocColumns, sharedArray, type IndexSnapshot } from './matching.snapshot.ts';
import { RelatedTerms } from './matching.terms.ts';

export type { DocView, MatchDoc, MatchHit, MatchOptions, MatchQuery, MatchReason, MatchSide, ReasonKind } from './matching.engine.types.ts';
export { achievementQuery, demandQuery, demandTerms, recordTerms } from './matching.engine.query.ts';
export { TermCounts, type TermShares } from './matching.engine.common.ts';
export { scoresInOrder } from './matching.engine.explain.ts';

/**
 * The matching engine: no database, no HTTP. It holds the records of one
 * side (achievements, or demands) and ranks them for a record of the other
 * side. The app server keeps one per side as a replica of PostgreSQL
 * (matching.indexes.ts); `npx kzt match-batch` fills one from JSON lines.
 *
 * Ranking, in two steps:
 * 1. Lexical candidates: BM25 (matching.engine.bm25.ts) over the record's
 *    weighted terms (title and keywords 1, tags 0.4, body 0.2) for a query
 *    whose terms are weighted by the source's fields and, for a demand, by
 *    what each sentence is for (goal / problem / background,
 *    matching.intent.ts), expanded with related terms learned from the
 *    catalogue (matching.terms.ts; query building: matching.engine.query.ts).
 *    Common terms only score records the rarer terms found (a MaxScore-like
 *    cut), so a query costs little even at a million records.
 * 2. Fit (matching.engine.fit.ts): industry, maturity against the stage the
 *    demand is at, transfer mode, price against budget, region (local
 *    conversion), freshness and people's feedback adjust the lexical score;
 *    each adjustment that applies is a reason the person reads
 *    (matching.engine.explain.ts).
 *
 * This class keeps the records (ids, views, lengths) beside the posting
 * lists (matching.engine.store.ts) and runs the two steps.
 */

/** Length normalisation is computed again for every record once the mean length has moved this much. */
const RENORM_DRIFT = 0.01;

/** The asking side's common terms as counts another thread can be given (the rest weigh in full there too). */
function askerCounts(askers: TermShares): { records: number; entries: [string, number][] } {
  if (askers instanceof TermCounts) return { records: askers.records, entries: askers.entries() };
  if (askers instanceof MatchIndex) return { records: askers.records, entries: askers.commonTerms(commonFrom(askers.records)) };
  throw new Error('unknown asking side');
}

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

export class MatchIndex implements TermShares {
  related = RelatedTerms.empty();
  /**
   * How common terms are among the records this index's queries come from
   * (the other side: the demand index for the achievement index, the
   * demands of a batch): their common words weigh little in a query
   * (matching.engine.common.ts). None: every term weighs in full.
   */
  askers: TermShares | null = null;
  private postings = new PostingStore();
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
  private buffers = new ScoreBuffers();
  /** Records a block of the scoring pass holds: 32,768 accumulators are 256 KB, within a core's L2 cache. */
  blockSize = 32_768;
  /** The records as typed columns, in an index made from a snapshot (which is read-only); null otherwise. */
  private columns: DocColumns | null = null;

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
    const { terms, offsets, docs, tf } = this.postings.shared();
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
      askers: this.askers ? askerCounts(this.askers) : null,
    };
  }

  /** A read-only index over a snapshot (in a worker thread): match() ranks exactly as the index that made it did then. */
  static fromSnapshot(s: IndexSnapshot): MatchIndex {
    const index = new MatchIndex(s.side);
    index.postings = PostingStore.of(s);
    index.ids = s.ids;
    index.columns = new DocColumns(s.columns);
    index.count = s.count;
    index.live = s.live;
    index.normMean = s.normMean;
    index.acc = new Float32Array(2 * s.count);
    for (let n = 0; n < s.count; n++) index.acc[2 * n + 1] = s.norms[n]!;
    index.related = RelatedTerms.fromEntries(s.related);
    index.askers = s.askers && TermCounts.fromEntries(s.askers.records, s.askers.entries);
    return index;
  }

  private view(d: number): DocView | null {
    return this.columns ? this.columns.view(d, this.ids[d]!) : this.views[d]!;
  }

  /** Record d as the caller sees it (`opts.project`), null when they may not see it. */
  private viewFor(d: number, opts: MatchOptions): DocView | null {
    const view = this.view(d);
    return view && opts.project ? opts.project(view) : view;
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

  /** Records counted by df() (removed ones whose entries remain included), as TermShares: this index as the asking side of the other. */
  get records() {
    this.settle();
    return this.count;
  }

  /** How many records hold a term (TermShares). */
  df(term: string) {
    this.settle();
    return this.postings.get(term)?.n ?? 0;
  }

  /** The terms held by at least `least` records, with their counts. */
  commonTerms(least: number): [string, number][] {
    this.settle();
    return this.postings.common(least);
  }

  /** Whether the index already holds this version of a record. */
  isCurrent(id: string, updatedAt: number) {
    return this.updatedAt.get(id) === updatedAt;
  }

  /** Adds or replaces a record. */
  upsert(doc: MatchDoc, updatedAt = 0) {
    this.writable();
    // A log that could not number this record's terms ends the build here.
    if (this.postings.full(doc.terms.size)) this.settle();
    this.remove(doc.id);
    const n = this.count++;
    this.ids[n] = doc.id;
    this.byId.set(doc.id, n);
    this.updatedAt.set(doc.id, updatedAt);
    const { terms: _terms, head, ...view } = doc;
    this.views[n] = view;
    this.lengths = grow(this.lengths, n + 1);
    this.acc = grow(this.acc, 2 * (n + 1));
    const length = this.postings.add(n, doc.terms);
    this.lengths[n] = length;
    this.totalLength += length;
    this.live++;
    if (this.normMean === 0) this.normMean = this.totalLength / this.live;
    this.acc[2 * n + 1] = normOf(length, this.normMean);
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
    if (!this.postings.building && this.dead > 1000 && this.dead > this.live / 4) this.compact();
  }

  /** Ends the first filling (the postings settle into their shared segment). */
  private settle() {
    if (!this.postings.settle(this.count)) return;
    if (this.dead > 1000 && this.dead > this.live / 4) this.compact();
  }

  /** Normalisations of every record again, when records added and removed have moved the mean length. */
  private renormalise() {
    if (this.columns) return;
    const mean = this.totalLength / Math.max(1, this.live);
    if (Math.abs(mean - this.normMean) <= RENORM_DRIFT * this.normMean) return;
    this.normMean = mean;
    const acc = this.acc;
    for (let n = 0; n < this.count; n++) if (acc[2 * n + 1]! >= 0) acc[2 * n + 1] = normOf(this.lengths[n]!, mean);
  }

  /** Learns related terms again from the sample of records (after a build, and now and then). */
  learnRelated() {
    this.related = RelatedTerms.learn(this.sample, this.sample.length);
  }

  /** Gives back the room the posting lists kept to grow (a quarter of them after a build); later additions grow them again. */
  trim() {
    this.settle();
    this.postings.trim();
  }

  /** Rough bytes held by the postings and per-record arrays (for the benchmark's report). */
  stats() {
    this.settle();
    const { terms, bytes } = this.postings.stats();
    return { records: this.live, terms, postingBytes: bytes };
  }

  private compact() {
    const remap = new Int32Array(this.count).fill(-1);
    let m = 0;
    for (let i = 0; i < this.count; i++) if (this.acc[2 * i + 1]! >= 0) remap[i] = m++;
    // Into a new segment, not in place: a snapshot may be reading the old one.
    this.postings.refreeze(remap);
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

  /** The query's terms and units as this index holds them (matching.engine.query.ts). */
  private terms(query: MatchQuery, expand: boolean): { qterms: QTerm[]; units: UnitTerms[] } {
    const postings = this.postings;
    return queryTerms(query, { get: (t: string): Posting | undefined => postings.get(t), slots: this.count, related: this.related, askers: this.askers }, expand);
  }

  /** Ranks this index's records for a query (a record of the other side). */
  match(query: MatchQuery, opts: MatchOptions): MatchHit[] {
    if (this.live === 0 || opts.limit <= 0) return [];
    this.settle();
    this.renormalise();

    const { qterms, units } = this.terms(query, opts.expand !== false);
    if (!qterms.length) return [];

    // Rare terms are scored over their whole lists; common ones only where the rare ones found something.
    const { full, later } = splitByBudget(qterms);
    const acc = this.acc;
    const { nTouched, min, max } = scoreInBlocks(full, acc, this.count, this.blockSize, this.buffers);

    // Candidates: the best by the rare terms, then the common terms added by looking them up.
    const poolSize = Math.max(300, opts.limit * 20);
    const { touched, values, histogram } = this.buffers;
    const chosen = topByHistogram(nTouched, values, poolSize * 3, histogram, min, max);
    const pool = chosen.map((i) => touched[i]!);
    const lexical = Float64Array.from(chosen, (i) => values[i]!);
    addToCandidates(later, pool, lexical, acc);
    coordinate(units, qterms, pool, lexical, acc);
    const most = maxLexical(qterms);

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
      const s = lexical[j]! / most;
      if (best.length === opts.limit && s * bound < best[opts.limit - 1]!.rank) break;
      const d = pool[j]!;
      const view = this.viewFor(d, opts);
      if (!view || (opts.filter && !opts.filter(view))) continue;
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

    return scoresInOrder(best.map(({ d, rank, s }) => this.hit(d, rank, s, most, qterms, units, query, opts, now)));
  }

  /** The description's phrases in this index, for the query being matched (the same for each of its hits). */
  private phraseCache: { qterms: QTerm[]; phrases: UnitTerms[] } | null = null;
  private phrasesIn(query: MatchQuery, qterms: QTerm[]): UnitTerms[] {
    if (!query.phrases?.length) return [];
    if (this.phraseCache?.qterms !== qterms) this.phraseCache = { qterms, phrases: phraseTerms(query.phrases, qterms, this.askers) };
    return this.phraseCache.phrases;
  }

  /** The description's runs of naming words in this index (for the score shown), the same for each hit of a query. */
  private runCache: { qterms: QTerm[]; runs: UnitTerms[] } | null = null;
  private runsIn(query: MatchQuery, qterms: QTerm[]): UnitTerms[] {
    if (!query.runs?.length) return [];
    if (this.runCache?.qterms !== qterms) this.runCache = { qterms, runs: phraseTerms(query.runs, qterms, this.askers) };
    return this.runCache.runs;
  }

  /** A ranked record with its reasons: the terms it shares with the query, related terms, and the fit. */
  private hit(d: number, rank: number, s: number, most: number, qterms: QTerm[], units: UnitTerms[], query: MatchQuery, opts: MatchOptions, now: number): MatchHit {
    const view = this.viewFor(d, opts)!;
    const fit = opts.fit === false ? NO_FIT : fitOf(query, view, now, []);
    const phrases = this.phrasesIn(query, qterms);
    const explained = { qterms, units, phrases, words: query.words ?? null, slots: this.count, askers: this.askers };
    const held = heldBy(d, qterms);
    const reasons = termReasons(held, explained);
    // The lexical score in units of the largest idf the index can give, so that it means the same at 5,000 records as at a million.
    const features = { share: s, lexical: (s * most) / Math.log(1 + this.count), evidence: evidenceOf(held, explained), ...namedShares(held, qterms, units, this.runsIn(query, qterms)) };
    reasons.push(...fit.reasons);
    const fbReason = opts.feedbackReasons?.get(view.id);
    if (fbReason) reasons.push(fbReason);
    const score = shownScore(features, fit.multiplier);
    return { id: view.id, score, calibrated: score, rank, features, reasons, doc: view };
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
    const { qterms, units } = this.terms(query, opts.expand !== false);
    if (!qterms.length) return [];
    const docs = [...new Set(ids)]
      .map((id) => this.byId.get(id))
      .filter((d): d is number => d !== undefined)
      .sort((a, b) => a - b);
    const lexical = scoreRecords(qterms, docs, this.acc);
    coordinate(units, qterms, docs, lexical, this.acc);
    const most = maxLexical(qterms);
    const now = opts.now ?? Date.now();
    const ranked: { d: number; rank: number; s: number }[] = [];
    docs.forEach((d, j) => {
      const view = this.viewFor(d, opts);
      if (!view || lexical[j] === 0 || (opts.filter && !opts.filter(view)) || (query.id && view.id === query.id)) return;
      const fb = opts.feedback?.get(view.id) ?? 1;
      if (fb === 0) return;
      const s = lexical[j]! / most;
      const multiplier = opts.fit === false ? 1 : fitOf(query, view, now, null).multiplier;
      ranked.push({ d, s, rank: s * multiplier * fb });
    });
    ranked.sort((a, b) => b.rank - a.rank || (this.ids[a.d]! < this.ids[b.d]! ? -1 : 1));
    return scoresInOrder(ranked.slice(0, opts.limit).map(({ d, rank, s }) => this.hit(d, rank, s, most, qterms, units, query, opts, now)));
  }
}
