import { sharedArray } from './matching.snapshot.ts';

/**
 * The index's storage: one posting list per term (the records holding it,
 * in record order, and the term's weighted frequency in each), filled in
 * one pass while the index is first built, then views into one shared
 * segment that a snapshot hands to other threads without a copy.
 */

export type Posting = { docs: Int32Array; tf: Uint16Array; n: number };

/** Posting lists end to end in shared memory: term i's records and frequencies in [offsets[i], offsets[i + 1]). */
export type Segment = { terms: string[]; offsets: Int32Array; docs: Int32Array; tf: Uint16Array };

/** A weighted frequency as a posting stores it: tenths, at most 65,535. */
const storedTf = (w: number) => Math.min(65_535, Math.round(w * 10));

export function grow<T extends Int32Array | Uint16Array | Float32Array | Float64Array | Uint8Array>(a: T, need: number): T {
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
 * term's count. segment() sorts them, by counting, into one shared segment.
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

/** Every term's posting list: a build log while the index is first filled, then views into a shared segment (a list that changes later moves out into its own arrays). */
export class PostingStore {
  private lists = new Map<string, Posting>();
  /** The postings while the index is first filled (until settle()); null after. */
  private log: BuildLog | null = new BuildLog();
  /** The shared segment the posting lists are views into, and whether all still are (a snapshot then shares it as it is). */
  private segment: Segment | null = null;
  private segmentCurrent = false;

  /** A settled store over a segment (an index made from a snapshot). */
  static of(segment: Segment): PostingStore {
    const store = new PostingStore();
    store.log = null;
    store.adopt(segment);
    return store;
  }

  get building() {
    return this.log !== null;
  }

  /** Whether the build log could not number `terms` more new terms (two million in all): the build must end first. */
  full(terms: number) {
    return this.log !== null && this.log.terms.length + terms > BuildLog.MAX_TERMS;
  }

  get(term: string): Posting | undefined {
    return this.lists.get(term);
  }

  /** Record n's terms, appended to their lists; answers the record's length (the sum of its weights). */
  add(n: number, terms: Map<string, number>): number {
    let length = 0;
    const log = this.log;
    for (const [t, w] of terms) {
      length += w;
      if (log) {
        log.add(t, storedTf(w));
        continue;
      }
      let p = this.lists.get(t);
      if (!p) this.lists.set(t, (p = { docs: new Int32Array(2), tf: new Uint16Array(2), n: 0 }));
      if (p.n === p.docs.length) {
        p.docs = grow(p.docs, p.n + 1);
        p.tf = grow(p.tf, p.n + 1);
      }
      p.docs[p.n] = n;
      p.tf[p.n] = storedTf(w);
      p.n++;
    }
    if (log) log.endRecord(n);
    else this.segmentCurrent = false;
    return length;
  }

  /** Ends the first filling: the build's postings sorted into one shared segment, the lists views into it. False when it had ended already. */
  settle(count: number): boolean {
    const log = this.log;
    if (!log) return false;
    this.log = null;
    this.adopt(log.segment(count));
    return true;
  }

  /** The segment every list is a view into: as it is when no list has changed since it was made, otherwise packed anew (and used from then on). */
  shared(): Segment {
    if (!this.segmentCurrent) this.refreeze(null);
    return this.segment!;
  }

  private adopt(segment: Segment) {
    const { terms, offsets, docs, tf } = segment;
    this.lists = new Map();
    for (let i = 0; i < terms.length; i++) {
      const a = offsets[i]!;
      const b = offsets[i + 1]!;
      this.lists.set(terms[i]!, { docs: docs.subarray(a, b), tf: tf.subarray(a, b), n: b - a });
    }
    this.segment = segment;
    this.segmentCurrent = true;
  }

  /** Packs every list into a new segment (records renumbered by `remap`, −1 dropped) and uses it; a snapshot keeps the old one. */
  refreeze(remap: Int32Array | null) {
    let total = 0;
    for (const p of this.lists.values()) {
      if (!remap) total += p.n;
      else for (let i = 0; i < p.n; i++) total += remap[p.docs[i]!]! >= 0 ? 1 : 0;
    }
    const terms: string[] = [];
    const offsets = sharedArray(Int32Array, this.lists.size + 1);
    const docs = sharedArray(Int32Array, total);
    const tf = sharedArray(Uint16Array, total);
    let o = 0;
    for (const [t, p] of this.lists) {
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

  /** Gives back the room lists that grew after the build kept to grow further. */
  trim() {
    for (const p of this.lists.values()) {
      if (p.docs.length > p.n) {
        p.docs = p.docs.slice(0, p.n);
        p.tf = p.tf.slice(0, p.n);
      }
    }
  }

  /** The terms with at least `least` postings, and how many each has. */
  common(least: number): [string, number][] {
    const out: [string, number][] = [];
    for (const [t, p] of this.lists) if (p.n >= least) out.push([t, p.n]);
    return out;
  }

  /** How many terms, and rough bytes of their lists. */
  stats() {
    let bytes = 0;
    for (const p of this.lists.values()) bytes += p.docs.length * 6;
    return { terms: this.lists.size, bytes };
  }
}

/** The first position at or after `from` in a posting list whose record is at least x. */
export function lowerBound(a: Int32Array, n: number, x: number, from: number) {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position at or after `from` whose value is at least x (as lowerBound), by doubling steps first. */
export function gallop(a: Int32Array, n: number, x: number, from: number) {
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
