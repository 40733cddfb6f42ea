/**
 * The search-vector tokens of corpus records (bench/corpus.ts), computed fast
 * enough to load a million rows. indexTokens (OpenCC + jieba) of a whole
 * recombined abstract costs about 0.3 ms; here each CSL record part the
 * recombination takes (a record's first two abstract sentences, its middle
 * two, its last one; each keyword) is cut once and reused by every row that
 * takes it. jieba cuts a text block by block — a block is a run of Chinese
 * characters, Latin letters, digits and `+#&._%-` — so a part's tokens are
 * reused only up to its first and after its last other character; the
 * blocks where two parts meet (and the title, new in every row) are cut per
 * row. The result equals indexTokens of the whole text: `--verify` in
 * load.ts checks it on a sample.
 */
import { indexTokens } from '../../apps/server/src/platform/search.ts';
import { stableHash } from '../../apps/server/src/seedCatalogue.ts';
import { sentences, type CslRecord } from '../corpus.ts';

/** Characters jieba keeps inside one block (jieba-rs RE_HAN_DEFAULT), tested after full-width → half-width as normalizeText does. */
const BLOCK = /[\p{Script=Han}a-zA-Z0-9+#&._%\-]/u;
const inBlock = (c: string) => BLOCK.test(c.replace(/[\uFF01-\uFF5E]/g, (x) => String.fromCharCode(x.charCodeAt(0) - 0xfee0)));

type Part = { head: string; middle: string[]; tail: string; allBlock: boolean; raw: string };

export class CorpusTokens {
  private parts = new Map<string, Part>();
  private words = new Map<string, string[]>();
  private split = new Map<number, string[]>();
  constructor(private readonly records: CslRecord[]) {}

  private word(text: string) {
    let t = this.words.get(text);
    if (!t) this.words.set(text, (t = indexTokens(text)));
    return t;
  }

  private part(key: string, raw: string): Part {
    let p = this.parts.get(key);
    if (p) return p;
    const chars = [...raw];
    let first = -1;
    let last = -1;
    for (let k = 0; k < chars.length; k++) {
      if (!inBlock(chars[k]!)) {
        if (first < 0) first = k;
        last = k;
      }
    }
    p =
      first < 0
        ? { head: '', middle: [], tail: '', allBlock: true, raw }
        : { head: chars.slice(0, first).join(''), middle: indexTokens(chars.slice(first, last + 1).join('')), tail: chars.slice(last + 1).join(''), allBlock: false, raw };
    this.parts.set(key, p);
    return p;
  }

  private sentencesOf(j: number) {
    let s = this.split.get(j);
    if (!s) this.split.set(j, (s = sentences(this.records[j]!.abstract)));
    return s;
  }

  /** indexTokens of `[title, ...keywords].join(' ')`: the title cut per row, each keyword once. */
  head(title: string, keywords: readonly string[]): string[] {
    const out = indexTokens(title);
    for (const k of keywords) out.push(...this.word(k));
    return out;
  }

  /** indexTokens of short texts joined by spaces (tags). */
  joined(texts: readonly string[]): string[] {
    return texts.flatMap((t) => this.word(t));
  }

  /** indexTokens of corpus record i's abstract (corpus.ts recombine), from cached parts. */
  abstract(i: number, abstract: string): string[] {
    const n = this.records.length;
    if (i < n) return this.word(abstract);
    const a = i % n;
    const b = stableHash(`b${i}`) % n;
    const c = stableHash(`c${i}`) % n;
    const parts = [
      this.part(`a${a}`, this.sentencesOf(a).slice(0, 2).join('')),
      this.part(`b${b}`, this.sentencesOf(b).slice(1, 3).join('')),
      this.part(`c${c}`, this.sentencesOf(c).slice(-1).join('')),
    ];
    const out: string[] = [];
    let pending = '';
    for (const p of parts) {
      if (p.allBlock) {
        pending += p.raw;
        continue;
      }
      pending += p.head;
      if (pending) out.push(...indexTokens(pending));
      out.push(...p.middle);
      pending = p.tail;
    }
    if (pending) out.push(...indexTokens(pending));
    return out;
  }
}
