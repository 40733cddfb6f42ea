import type { UnitTerms } from './matching.engine.query.ts';
import { gallop, type Posting } from './matching.engine.store.ts';

/**
 * Lexical scoring: BM25 over the records' weighted terms. Rare terms are
 * scored over their whole posting lists, term at a time within blocks of
 * records; the best candidates by them are chosen with a histogram of the
 * scores; common terms are then added to those candidates only, by
 * galloping search in their lists.
 */

export const K1 = 1.2;
export const B = 0.75;

/**
 * BM25 idf of a term with n entries among `slots` records. A posting list
 * keeps a removed record's entries until compaction, so both counts include
 * removed records: against the live records alone a term's entries could
 * outnumber them and the idf turn negative.
 */
export const idfOf = (slots: number, n: number) => Math.log(1 + (slots - n + 0.5) / (n + 0.5));

/** A query scores at most this many postings in full; longer lists only add to the records found. */
export const FULL_POSTINGS = 250_000;

/** A record's BM25 length normalisation k1·(1 − b + b·length/mean). */
export const normOf = (length: number, mean: number) => K1 * (1 - B + (B * length) / mean);

/** A query term in an index: its weight in the query, its rarity, its postings, and the query term it is related to (expansion). */
export type QTerm = { term: string; weight: number; idf: number; p: Posting; via?: string };

/** The most a term adds to a record's score (as its frequency grows without bound). */
export const termWeight = (q: QTerm) => q.weight * q.idf * (K1 + 1);

/** The most the query's terms add up to: the lexical share of a record is its score over this. */
export function maxLexical(qterms: readonly QTerm[]) {
  let max = 0;
  for (const q of qterms) max += termWeight(q);
  return max;
}

/** The rarest terms, up to FULL_POSTINGS postings (at least two terms), are scored over their whole lists; the rest only for the candidates. */
export function splitByBudget(qterms: QTerm[]) {
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

const HISTOGRAM_BINS = 4096;

/** Buffers a query's scoring pass reuses: the records it touched and their scores, and the histogram. */
export class ScoreBuffers {
  touched = new Int32Array(0);
  values = new Float32Array(0);
  readonly histogram = new Int32Array(HISTOGRAM_BINS);

  ensure(need: number) {
    if (this.touched.length < need) {
      this.touched = new Int32Array(Math.max(need, this.touched.length * 2));
      this.values = new Float32Array(this.touched.length);
    }
  }
}

/**
 * Scores the `full` terms over their whole lists into `acc` (two floats a
 * record: [2n] the running score, [2n+1] the length normalisation, −1 once
 * removed). Term at a time within blocks of records, so that the block's
 * accumulators stay in the core's cache while every term adds to them (each
 * record still adds its terms in the same order: the same float sums); then
 * the block's touched scores are gathered into `buf` and their accumulators
 * reset for the next query. Answers how many records were touched and the
 * range of their scores.
 */
export function scoreInBlocks(full: readonly QTerm[], acc: Float32Array, count: number, block: number, buf: ScoreBuffers) {
  let need = 1;
  for (const q of full) need += q.p.n;
  buf.ensure(need);
  const touched = buf.touched;
  const values = buf.values;
  let nTouched = 0;
  let min = Infinity;
  let max = -Infinity;
  const weights = full.map(termWeight);
  const cursors = new Int32Array(full.length);
  for (let lo = 0; lo < count; lo += block) {
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
  return { nTouched, min, max };
}

/** Adds the common terms to the candidates (`pool`, records; `lexical`, their scores so far), each looked up by galloping from the last position found. */
export function addToCandidates(later: readonly QTerm[], pool: readonly number[], lexical: Float64Array, acc: Float32Array) {
  if (!later.length) return;
  // Positions in the pool in record order.
  const order = Array.from(pool.keys()).sort((a, b) => pool[a]! - pool[b]!);
  for (const q of later) {
    const w = termWeight(q);
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

/** A record covering a share c of a unit's characters (by the unit's tokens it holds) has the unit in part: the unit's terms count c² of their score. */
const PARTIAL_POWER = 2;
/** With several units, a record's score is multiplied by ((units held whole + 1) / (units + 1))²: one that has both terms asked for comes before one that has one of them twice. */
const WHOLE_POWER = 2;

function bits(x: number) {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/**
 * Coordination of the candidates' scores with the query's units (the terms
 * as typed): each unit's terms are looked up in each candidate's postings
 * (galloping, the candidates in record order), a unit held in part counts
 * in part, and units held whole lift a record over others. `docs` are the
 * candidates (records), `lexical` their scores so far, changed in place.
 */
export function coordinate(units: readonly UnitTerms[], qterms: readonly QTerm[], docs: readonly number[], lexical: Float64Array, acc: Float32Array) {
  if (!units.length || !docs.length) return;
  const order = Array.from(docs.keys()).sort((a, b) => docs[a]! - docs[b]!);
  const terms = units.flatMap((u) => u.terms);
  const width = terms.length;
  const score = new Float64Array(docs.length * width);
  const held = new Uint8Array(docs.length * width);
  terms.forEach((i, k) => {
    const q = qterms[i]!;
    const w = termWeight(q);
    let from = 0;
    for (const j of order) {
      const d = docs[j]!;
      const at = gallop(q.p.docs, q.p.n, d, from);
      from = at;
      if (at < q.p.n && q.p.docs[at] === d) {
        const f = q.p.tf[at]! / 10;
        score[j * width + k] = (w * f) / (f + acc[2 * d + 1]!);
        held[j * width + k] = 1;
      }
    }
  });
  for (let j = 0; j < docs.length; j++) {
    let sum = lexical[j]!;
    let whole = 0;
    let k = 0;
    for (const u of units) {
      let s = 0;
      let covered = 0;
      for (let t = 0; t < u.terms.length; t++, k++) {
        s += score[j * width + k]!;
        if (held[j * width + k]) covered |= u.masks[t]!;
      }
      if (covered === u.all) whole++;
      else sum -= s * (1 - Math.pow(bits(covered) / bits(u.all), PARTIAL_POWER));
    }
    if (units.length > 1) sum *= Math.pow((whole + 1) / (units.length + 1), WHOLE_POWER);
    lexical[j] = sum;
  }
}

/**
 * Scores of the given records (sorted), each query term looked up in each
 * record's postings: in match()'s order and precision (the scanned terms
 * summed in 32 bits, as its accumulators are), so the scores agree exactly.
 */
export function scoreRecords(qterms: QTerm[], docs: readonly number[], acc: Float32Array): Float64Array {
  const { full, later } = splitByBudget(qterms);
  const lexical = new Float64Array(docs.length);
  for (const [terms, round] of [[full, Math.fround], [later, (x: number) => x]] as const) {
    for (const q of terms) {
      const w = termWeight(q);
      let from = 0;
      docs.forEach((d, j) => {
        const i = gallop(q.p.docs, q.p.n, d, from);
        from = i;
        if (i < q.p.n && q.p.docs[i] === d) {
          const f = q.p.tf[i]! / 10;
          lexical[j] = round(lexical[j]! + (w * f) / (f + acc[2 * d + 1]!));
        }
      });
    }
  }
  return lexical;
}

/**
 * The positions of the k highest of `count` scores (which lie in [min, max]), without sorting them
 * all: those at least the k-th highest, in order (sorted and cut to k when
 * more than 2k tie), found with a histogram of the scores — two passes in
 * order and a sort of the one bin holding the k-th score. Sorting every
 * score was four fifths of a query at a million records.
 */
export function topByHistogram(count: number, values: Float32Array, k: number, hist: Int32Array, min: number, max: number): number[] {
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
