import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { sql, type SQL } from 'drizzle-orm';
import { normalizeText } from './text.ts';

/**
 * Chinese search: text is normalised (simplified, half-width, lower case),
 * segmented with jieba, and handed to PostgreSQL as space-separated tokens
 * for the `simple` configuration, which then only splits on the spaces.
 */
let jieba: Jieba | undefined;
const cutter = () => (jieba ??= Jieba.withDict(dict));

/** Tokens that carry no meaning for search. */
const STOP = new Set(
  '的 了 和 与 及 或 在 对 为 是 以 于 等 中 其 该 本 之 将 从 而 并 被 把 由 上 下 一种 一个 基于 进行 通过 采用 利用 研究 方法 分析 结果 表明 提出 我们 可以 具有 不同 以及 这些 这种 主要 及其'.split(' '),
);

const isWord = (t: string) => /[\p{L}\p{N}]/u.test(t);

/** Index tokens: search-mode segmentation (also yields the parts of long words) of the normalised text. */
export function indexTokens(raw: string): string[] {
  const text = normalizeText(raw);
  if (!text) return [];
  return cutter()
    .cutForSearch(text, true)
    .map((t) => t.trim())
    .filter((t) => t && isWord(t) && !STOP.has(t));
}

/** Query tokens: precise segmentation, stop words dropped, duplicates removed, at most 32. */
export function queryTokens(raw: string): string[] {
  const text = normalizeText(raw.slice(0, 500));
  if (!text) return [];
  const tokens = cutter()
    .cut(text, true)
    .map((t) => t.trim())
    .filter((t) => t && isWord(t) && !STOP.has(t));
  return [...new Set(tokens)].slice(0, 32);
}

/**
 * The normalised text in precise mode, every piece kept (words, and
 * punctuation and spaces as their own pieces): for splitting what someone
 * typed into the terms they meant (matching.engine.query.ts).
 */
export function preciseCut(raw: string): string[] {
  const text = normalizeText(raw);
  return text ? cutter().cut(text, true) : [];
}

/** Whether a token of preciseCut is a word (not punctuation or space) that search keeps (not a stop word). */
export const isSearchWord = (t: string) => isWord(t) && !STOP.has(t);

const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A weighted tsvector from fields: A for title and keywords, B for tags, C for body text. */
export function searchVectorSql(fields: { a: string[]; b?: string[]; c?: string[] }): SQL {
  const part = (texts: string[] | undefined, weight: 'A' | 'B' | 'C') =>
    sql`setweight(to_tsvector('simple', ${texts && texts.length ? indexTokens(texts.join(' ')).join(' ') : ''}), ${weight})`;
  return sql`(${part(fields.a, 'A')} || ${part(fields.b, 'B')} || ${part(fields.c, 'C')})`;
}

/** Field weights of the search vector (A title and keywords, B tags, C and D body), shared by ranking everywhere. */
export const FIELD_WEIGHTS = { A: 1, B: 0.4, C: 0.2, D: 0.2 } as const;

/**
 * Weighted term frequencies from a stored tsvector's text form
 * (`'锂离子':1A,3A '电池':2A,6C`): the in-memory index reads the tokens
 * PostgreSQL already holds instead of segmenting the text again.
 */
export function parseTsvector(text: string): Map<string, number> {
  // A hand-written scanner: at a million rows a regular expression with a
  // replace and a split per lexeme took a third of the matching index's build.
  const terms = new Map<string, number>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && text.charCodeAt(i) !== QUOTE) i++;
    if (i >= n) break;
    i++;
    let lexeme = '';
    let start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) !== QUOTE) break;
        lexeme += `${text.slice(start, i)}'`;
        i += 2;
        start = i;
      } else if (c === BACKSLASH) {
        lexeme += text.slice(start, i) + text.charAt(i + 1);
        i += 2;
        start = i;
      } else i++;
    }
    lexeme += text.slice(start, i);
    i++;
    let w = 0;
    if (text.charCodeAt(i) === COLON) {
      i++;
      for (;;) {
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
        const c = text.charCodeAt(i);
        if (c >= 65 && c <= 68) {
          w += WEIGHT_OF[c - 65]!;
          i++;
        } else w += FIELD_WEIGHTS.D;
        if (text.charCodeAt(i) !== COMMA) break;
        i++;
      }
    }
    terms.set(lexeme, (terms.get(lexeme) ?? 0) + (w || FIELD_WEIGHTS.D));
  }
  return terms;
}

const QUOTE = 39;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const WEIGHT_OF = [FIELD_WEIGHTS.A, FIELD_WEIGHTS.B, FIELD_WEIGHTS.C, FIELD_WEIGHTS.D];

/**
 * The tsquery for a user's query, or null when nothing searchable is left.
 * `all`: every token must match (what a catalogue user expects first);
 * `any`: one is enough (the fallback when nothing has them all; ranking
 * rewards the records that match more).
 */
export function tsQueryText(raw: string, mode: 'all' | 'any' = 'all'): string | null {
  const tokens = queryTokens(raw);
  return tokens.length ? tokens.map(lexeme).join(mode === 'all' ? ' & ' : ' | ') : null;
}

/** Normalised title used for "exact title first". */
export const titleKey = (title: string) => normalizeText(title).replace(/[\s\p{P}]/gu, '');

export type Segment = { text: string; hit: boolean };

/**
 * Marks the query's tokens in a text. Normalisation keeps positions for
 * nearly all characters, so hits found in the normalised text map back onto
 * the original; `maxLength` cuts a snippet around the first hit.
 */
export function highlight(original: string, raw: string, maxLength?: number): Segment[] {
  const tokens = queryTokens(raw).sort((a, b) => b.length - a.length);
  let text = original;
  let norm = normalizeText(original);
  if (norm.length !== original.length) norm = original.toLowerCase();
  if (maxLength && text.length > maxLength) {
    const first = Math.min(...tokens.map((t) => norm.indexOf(t)).filter((i) => i >= 0), Number.MAX_SAFE_INTEGER);
    const start = first === Number.MAX_SAFE_INTEGER ? 0 : Math.max(0, first - Math.floor(maxLength / 4));
    text = (start > 0 ? '…' : '') + text.slice(start, start + maxLength) + (start + maxLength < original.length ? '…' : '');
    norm = (start > 0 ? '…' : '') + norm.slice(start, start + maxLength) + (start + maxLength < original.length ? '…' : '');
  }
  const hit = new Array<boolean>(text.length).fill(false);
  for (const t of tokens) {
    if (!t) continue;
    for (let i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + t.length)) hit.fill(true, i, i + t.length);
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out.at(-1);
    if (last && last.hit === hit[i]) last.text += text[i];
    else out.push({ text: text[i]!, hit: hit[i]! });
  }
  return out;
}
