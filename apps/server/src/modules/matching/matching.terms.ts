/**
 * Related terms learned from the platform's own records: two terms are
 * related when they are named together (in titles and keywords) far more
 * often than chance would have it (normalised pointwise mutual information).
 * "锂电池" learns "正极材料" and "电解液" from the achievements that name
 * both; nobody types a thesaurus. Parts of one another (锂离子 / 锂离子电池)
 * are not counted: the index already finds those.
 */

export type Related = { term: string; strength: number };

export type RelatedOptions = {
  /** Fewest records naming both terms. */
  minPair?: number;
  /** Lowest NPMI kept (0 is independence, 1 always together). */
  minNpmi?: number;
  /** Related terms kept per term. */
  perTerm?: number;
  /** Terms named in more than this share of records are too general to learn from or to expand to. */
  maxShare?: number;
  /** At most this many records are read (evenly spread), which bounds the learning time on a large catalogue. */
  sample?: number;
};

export class RelatedTerms {
  private constructor(private readonly table: Map<string, Related[]>) {}

  static empty() {
    return new RelatedTerms(new Map());
  }

  /**
   * Learns from each record's head terms (title and keyword tokens). `records`
   * is walked once; `count` lets the sample be spread over a large catalogue.
   */
  static learn(records: Iterable<string[]>, count: number, opts: RelatedOptions = {}): RelatedTerms {
    const minPair = opts.minPair ?? 4;
    const minNpmi = opts.minNpmi ?? 0.25;
    const perTerm = opts.perTerm ?? 5;
    const maxShare = opts.maxShare ?? 0.05;
    const step = Math.max(1, Math.floor(count / (opts.sample ?? 60_000)));
    const ids = new Map<string, number>();
    const names: string[] = [];
    const df: number[] = [];
    const pairs = new Map<number, number>();
    let n = 0;
    let i = 0;
    for (const terms of records) {
      if (i++ % step !== 0) continue;
      n++;
      const set: number[] = [];
      for (const t of new Set(terms)) {
        let id = ids.get(t);
        if (id === undefined) {
          id = names.length;
          ids.set(t, id);
          names.push(t);
          df.push(0);
        }
        df[id]!++;
        set.push(id);
      }
      set.sort((a, b) => a - b);
      const m = Math.min(set.length, 16);
      for (let x = 0; x < m; x++)
        for (let y = x + 1; y < m; y++) {
          // Term ids stay below 2^26 for any catalogue this runs on; the key packs the pair into one number.
          const key = set[x]! * 67_108_864 + set[y]!;
          pairs.set(key, (pairs.get(key) ?? 0) + 1);
        }
    }
    const table = new Map<string, Related[]>();
    if (n < 20) return new RelatedTerms(table);
    const tooCommon = n * maxShare;
    const add = (a: number, b: number, strength: number) => {
      const name = names[a]!;
      const list = table.get(name) ?? [];
      list.push({ term: names[b]!, strength });
      table.set(name, list);
    };
    for (const [key, c] of pairs) {
      if (c < minPair) continue;
      const a = Math.floor(key / 67_108_864);
      const b = key % 67_108_864;
      if (df[a]! > tooCommon || df[b]! > tooCommon) continue;
      const na = names[a]!;
      const nb = names[b]!;
      if (na.includes(nb) || nb.includes(na)) continue;
      const pab = c / n;
      const npmi = Math.log(pab / ((df[a]! / n) * (df[b]! / n))) / -Math.log(pab);
      if (npmi < minNpmi) continue;
      add(a, b, npmi);
      add(b, a, npmi);
    }
    for (const [t, list] of table) table.set(t, list.sort((x, y) => y.strength - x.strength).slice(0, perTerm));
    return new RelatedTerms(table);
  }

  /** The table, to post to another thread (fromEntries makes it again). */
  entries(): [string, Related[]][] {
    return [...this.table];
  }

  static fromEntries(entries: [string, Related[]][]) {
    return new RelatedTerms(new Map(entries));
  }

  of(term: string): readonly Related[] {
    return this.table.get(term) ?? [];
  }

  get size() {
    return this.table.size;
  }
}
