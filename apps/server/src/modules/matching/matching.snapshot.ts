import type { DocView, MatchSide } from './matching.engine.types.ts';
import type { Related } from './matching.terms.ts';

/**
 * A match index as other threads read it (matching.parallel.ts): the
 * index's shared segment of postings (MatchIndex.snapshot), the per-record
 * views as typed columns in shared memory, and what little else is copied
 * when the snapshot is posted to a worker (term and record ids, the related
 * terms). A snapshot does not change: records added or
 * removed later go to the index that made it, not to its snapshots.
 */
export type IndexSnapshot = {
  side: MatchSide;
  count: number;
  live: number;
  normMean: number;
  /** Term i's postings are docs/tf[offsets[i], offsets[i + 1]). */
  terms: string[];
  offsets: Int32Array;
  docs: Int32Array;
  tf: Uint16Array;
  /** Each record's BM25 length normalisation, −1 once removed. */
  norms: Float32Array;
  ids: string[];
  columns: ColumnData;
  related: [string, Related[]][];
  /** The common terms of the side queries come from (matching.engine.common.ts), or null. */
  askers: { records: number; entries: [string, number][] } | null;
};

type TypedArrayType<T> = { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

/** A typed array of n elements (at least one) in shared memory. */
export function sharedArray<T>(Type: TypedArrayType<T>, n: number): T {
  return new Type(new SharedArrayBuffer(Type.BYTES_PER_ELEMENT * Math.max(1, n)));
}

type ColumnData = {
  /** Organisation ids, jurisdiction paths, industries and mode sets, each record pointing into them (−1: none). */
  strings: string[];
  modeSets: string[][];
  organization: Int32Array;
  path: Int32Array;
  industry: Int32Array;
  modes: Int32Array;
  /** bit 0 present, 1 secret, 2 stale, 3 abstract. */
  flags: Uint8Array;
  /** Maturity and the wanted range (0: none). */
  small: Int8Array;
  /** publishedAt, priceFen, budgetMinFen, budgetMaxFen (NaN: none). */
  numbers: Float64Array;
};

const PRESENT = 1;
const SECRET = 2;
const STALE = 4;
const ABSTRACT = 8;
const orNull = (x: number) => (Number.isNaN(x) ? null : x);

/** The records' views as typed columns, about 50 bytes a record, read back one record at a time. */
export class DocColumns {
  constructor(private readonly c: ColumnData) {}

  static of(views: readonly (DocView | null)[], count: number): ColumnData {
    const strings: string[] = [];
    const stringNo = new Map<string, number>();
    const str = (s: string | null) => {
      if (s == null) return -1;
      let i = stringNo.get(s);
      if (i === undefined) stringNo.set(s, (i = strings.push(s) - 1));
      return i;
    };
    const modeSets: string[][] = [];
    const setNo = new Map<string, number>();
    const c: ColumnData = {
      strings,
      modeSets,
      organization: sharedArray(Int32Array, count),
      path: sharedArray(Int32Array, count),
      industry: sharedArray(Int32Array, count),
      modes: sharedArray(Int32Array, count),
      flags: sharedArray(Uint8Array, count),
      small: sharedArray(Int8Array, 3 * count),
      numbers: sharedArray(Float64Array, 4 * count),
    };
    for (let n = 0; n < count; n++) {
      const v = views[n];
      if (!v) continue;
      c.flags[n] = PRESENT | (v.secret ? SECRET : 0) | (v.stale ? STALE : 0) | (v.abstract ? ABSTRACT : 0);
      c.organization[n] = str(v.organizationId);
      c.path[n] = str(v.jurisdictionPath);
      c.industry[n] = str(v.industry);
      const key = v.modes.join('\u0001');
      let m = setNo.get(key);
      if (m === undefined) setNo.set(key, (m = modeSets.push([...v.modes]) - 1));
      c.modes[n] = m;
      c.small[3 * n] = v.maturity ?? 0;
      c.small[3 * n + 1] = v.wanted?.min ?? 0;
      c.small[3 * n + 2] = v.wanted?.max ?? 0;
      c.numbers[4 * n] = v.publishedAt;
      c.numbers[4 * n + 1] = v.priceFen ?? NaN;
      c.numbers[4 * n + 2] = v.budgetMinFen ?? NaN;
      c.numbers[4 * n + 3] = v.budgetMaxFen ?? NaN;
    }
    return c;
  }

  /** Record n's view as the index that made the snapshot held it (null if removed). */
  view(n: number, id: string): DocView | null {
    const c = this.c;
    const flags = c.flags[n]!;
    if (!(flags & PRESENT)) return null;
    const s = (i: number) => (i < 0 ? null : c.strings[i]!);
    const min = c.small[3 * n + 1]!;
    return {
      id,
      organizationId: s(c.organization[n]!) ?? '',
      jurisdictionPath: s(c.path[n]!) ?? '',
      secret: (flags & SECRET) !== 0,
      // A snapshot does not keep an abstract demand's open range (wantedOpen): projected for an outsider, it wants no range.
      abstract: (flags & ABSTRACT) !== 0 || undefined,
      stale: (flags & STALE) !== 0,
      publishedAt: c.numbers[4 * n]!,
      industry: s(c.industry[n]!),
      maturity: c.small[3 * n] || null,
      modes: c.modeSets[c.modes[n]!]!,
      priceFen: orNull(c.numbers[4 * n + 1]!),
      budgetMinFen: orNull(c.numbers[4 * n + 2]!),
      budgetMaxFen: orNull(c.numbers[4 * n + 3]!),
      wanted: min ? { min, max: c.small[3 * n + 2]! } : null,
    };
  }
}
