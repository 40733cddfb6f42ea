import type { RegionTreeDto, Wire } from '@kzt/shared';

/** A Cascader option: the code is the value, the GB/T 2260 name the label (Chinese in both languages: the data has no other). */
export type RegionOption = { value: string; label: string; pinyin?: string; children?: RegionOption[] };

export type RegionIndex = {
  options: RegionOption[];
  /** The codes from the province down to this region (140702 → 140000, 140700, 140702); undefined for a code not in the tree. */
  pathOf: (code: string) => string[] | undefined;
  /** The names of that path (山西省, 晋中市, 榆次区). */
  namesOf: (code: string) => string[] | undefined;
  /** A typed search as the names are written: traditional characters (臺, 濟) to simplified, full-width digits to ASCII, spaces collapsed. */
  normalize: (query: string) => string;
};

type Node = { code: string; name: string; pinyin?: string; children?: Node[] };

/** The picker's options and look-ups, built once from GET /api/regions. */
export function regionIndex(tree: Wire<RegionTreeDto>): RegionIndex {
  const paths = new Map<string, RegionOption[]>();
  const walk = (nodes: Node[], above: RegionOption[]): RegionOption[] =>
    nodes.map((n) => {
      const option: RegionOption = { value: n.code, label: n.name, ...(n.pinyin ? { pinyin: n.pinyin } : {}) };
      const path = [...above, option];
      paths.set(n.code, path);
      if (n.children?.length) option.children = walk(n.children, path);
      return option;
    });
  const options = walk(tree.items, []);
  const traditional = tree.traditional;
  return {
    options,
    pathOf: (code) => paths.get(code)?.map((o) => o.value),
    namesOf: (code) => paths.get(code)?.map((o) => o.label),
    // NFKC: a Chinese input method's full-width digits and letters, and its ideographic space, as plain ones.
    normalize: (query) =>
      [...query.normalize('NFKC')]
        .map((c) => traditional[c] ?? c)
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
  };
}

type PathOption = { value?: unknown; label?: unknown; pinyin?: unknown };
const termsOf = (normalized: string) => normalized.split(' ').filter(Boolean);
/** Latin letters typed (the input method not switched to Chinese) are pinyin: a part of the whole (yuci, jinzhong) or the initials' beginning (ycq, jz). */
const pinyinHits = (term: string, option: PathOption) => {
  if (typeof option.pinyin !== 'string') return false;
  const syllables = option.pinyin.split(' ');
  const t = term.toLowerCase();
  return syllables.join('').includes(t) || (t.length >= 2 && syllables.map((s) => s[0]).join('').startsWith(t));
};
/** A digit term is a code's beginning (1407 → 晋中市 and its counties); latin letters are pinyin; any other term is part of a name. */
const termHits = (term: string, option: PathOption) =>
  /^\d+$/.test(term) ? String(option.value).startsWith(term) : /^[a-z]+$/i.test(term) ? pinyinHits(term, option) : String(option.label).includes(term);

/**
 * Whether a path (province → … → region) answers a normalised search: every
 * term names one of its regions (榆次; 山西 榆次), and a code is matched on the
 * region itself (140702 → 榆次区, not every county of 山西 under 140000).
 */
export function regionMatches(normalized: string, path: PathOption[]): boolean {
  const terms = termsOf(normalized);
  const last = path.at(-1);
  if (!terms.length || !last) return false;
  return terms.every((term) => (/^\d+$/.test(term) ? termHits(term, last) : path.some((o) => termHits(term, o))));
}

/** Search results in the order a person expects: a region whose own name (or code) was typed before what lies under it, then higher levels first, then by code. */
export function regionOrder(normalized: string, a: PathOption[], b: PathOption[]): number {
  const terms = termsOf(normalized);
  const own = (p: PathOption[]) => (terms.some((term) => termHits(term, p.at(-1)!)) ? 0 : 1);
  return own(a) - own(b) || a.length - b.length || String(a.at(-1)?.value).localeCompare(String(b.at(-1)?.value));
}
