/**
 * Words the asking side shares. Nearly every demand says 希望、合作、引进、
 * 高校、技术难题 in some wording; those words tell nothing about which
 * achievement fits, however rare they are among achievements. How common a
 * term is among the records queries come from (the demands, for matching
 * achievements) is counted from those records themselves — the platform's
 * demand index, or the demands of a batch — and a query term weighs less the
 * more of them use it. A handful of records teaches nothing: the count is
 * taken over PRIOR_RECORDS more records than there are.
 */

/** How many records of the asking side use a term. */
export interface TermShares {
  /** Records counted (removed ones included where the counts include them). */
  readonly records: number;
  df(term: string): number;
}

/** At or below this share of the asking records a term weighs in full. */
const RARE_SHARE = 0.01;
/** At or above this share it does not weigh at all; log-linearly between. */
const COMMON_SHARE = 0.2;
/** Records added to the count, so that a term of 1 demand in 10 is not taken for boilerplate. */
const PRIOR_RECORDS = 50;

/** A term's share among the asking records, with the prior. */
const shareOf = (shares: TermShares, term: string) => shares.df(term) / (shares.records + PRIOR_RECORDS);

/** How much a query term weighs for being common among the asking records: 1 (rare) … 0 (boilerplate). */
export function askWeight(shares: TermShares | null, term: string): number {
  if (!shares) return 1;
  const share = shareOf(shares, term);
  if (share <= RARE_SHARE) return 1;
  if (share >= COMMON_SHARE) return 0;
  return Math.log(COMMON_SHARE / share) / Math.log(COMMON_SHARE / RARE_SHARE);
}

/** The fewest records a term must be used by to weigh less than in full, for this many records. */
export const commonFrom = (records: number) => Math.floor(RARE_SHARE * (records + PRIOR_RECORDS)) + 1;

/** Counted terms: of texts (a batch's demands), or the common ones of an index (to post to another thread). */
export class TermCounts implements TermShares {
  private constructor(
    private readonly table: Map<string, number>,
    readonly records: number,
  ) {}

  static empty() {
    return new TermCounts(new Map(), 0);
  }

  /** Each record's distinct terms counted once. */
  static of(records: Iterable<Iterable<string>>): TermCounts {
    const counts = TermCounts.empty();
    for (const terms of records) counts.add(terms);
    return counts;
  }

  /** Counts one more record's terms (each distinct term once). */
  add(terms: Iterable<string>) {
    (this as { records: number }).records++;
    for (const t of new Set(terms)) this.table.set(t, (this.table.get(t) ?? 0) + 1);
  }

  static fromEntries(records: number, entries: [string, number][]) {
    return new TermCounts(new Map(entries), records);
  }

  df(term: string) {
    return this.table.get(term) ?? 0;
  }

  /** The terms that weigh less than in full (the rest need not be posted). */
  entries(): [string, number][] {
    const from = commonFrom(this.records);
    return [...this.table].filter(([, n]) => n >= from);
  }
}
