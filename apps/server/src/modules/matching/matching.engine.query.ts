import { FIELD_WEIGHTS, indexTokens, isSearchWord, preciseCut } from '../../platform/search.ts';
import { normalizeText } from '../../platform/text.ts';
import { idfOf, type QTerm } from './matching.engine.bm25.ts';
import type { Posting } from './matching.engine.store.ts';
import { askWeight, type TermShares } from './matching.engine.common.ts';
import type { MatchQuery, QueryUnit } from './matching.engine.types.ts';
import { ROLE_WEIGHT, describeIntent, wantedMaturity } from './matching.intent.ts';
import type { RelatedTerms } from './matching.terms.ts';

/**
 * Query building: a record's weighted terms as the index stores them, a
 * demand or an achievement turned into a query (its terms weighted by the
 * field and, for a demand's description, by what each sentence is for), and
 * the query's terms in an index, expanded with related terms.
 */

const MAX_QUERY_TERMS = 48;
const EXPAND_FROM = 12;
const EXPAND_PER_TERM = 3;
const EXPAND_WEIGHT = 0.15;

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

/** Words every demand or summary uses to ask or to describe, which say nothing about the technology (the asking side's own records teach more: matching.engine.common.ts). */
const GENERIC = new Set(
  '技术 需要 希望 需求 公司 我公司 本公司 企业 单位 合作 引进 实现 解决 问题 目前 现有 提高 提升 降低 相关 方面 上述 以上 能够 进一步 开展 寻求 寻找 急需 我们 项目 产品 存在 具有 具备 要求 指标 先进 条件 工作 不 无 有 能 可 要 好 用 新 高 低 大 小 多'.split(' '),
);

/**
 * Search-mode parts of a word that are not words of the text as cut (复合 and
 * 材料 of 复合材料, 城市 and 市道 of 城市道路) weigh this share of it: they find
 * records that write the word apart, and must not outweigh it.
 */
const PART_WEIGHT = 0.3;

/** Pieces that separate terms typed in one box, besides punctuation and spaces. */
const CONJUNCTIONS = new Set(['和', '与', '及', '或', '以及', '跟', '同', '并', '兼']);

/** Words of a precise cut that name something: search words (no stop words) that are not generic demand words. */
const naming = (t: string) => isSearchWord(t) && !GENERIC.has(t);

/** A text's words (precise cut) and its search-mode parts that are not among them. */
function wordsAndParts(text: string) {
  const pieces = preciseCut(text);
  const words = [...new Set(pieces.map((t) => t.trim()).filter(naming))];
  const have = new Set(words);
  const parts = [...new Set(indexTokens(text))].filter((t) => !have.has(t) && !GENERIC.has(t));
  return { words, parts, pieces };
}

/**
 * The terms someone typed in one box: the text cut in precise mode and split
 * at punctuation, spaces and conjunctions (城市道路、景观设计 / 智能控制 与
 * 机器视觉); each term's text runs from its first named word to its last, as
 * typed (generic words around it left out: 寻求…相关技术).
 */
export function unitsOf(typed: string): QueryUnit[] {
  const norm = normalizeText(typed);
  // The typed text where normalisation kept every position (it usually does), for the terms' own spelling.
  const shown = norm.length === typed.length ? typed.trim() : norm;
  const units: QueryUnit[] = [];
  let at = 0;
  let first = -1;
  let last = -1;
  let named = false;
  const close = () => {
    if (named) {
      const text = shown.slice(first, last).trim();
      const unitNorm = norm.slice(first, last).trim();
      const tokens = [...new Set(indexTokens(unitNorm))].filter((t) => !GENERIC.has(t));
      if (!units.some((u) => u.norm === unitNorm)) units.push({ text, norm: unitNorm, tokens });
    }
    named = false;
    first = -1;
  };
  for (const piece of preciseCut(typed)) {
    const t = piece.trim();
    if (JOINERS.has(t) && first >= 0) {
      // 土-结构相互作用, 2.5D: a joiner inside a term is part of it.
    } else if (!t || !isWordPiece(t) || CONJUNCTIONS.has(t)) close();
    else if (naming(t)) {
      if (first < 0) first = at;
      last = at + piece.length;
      named = true;
    }
    at += piece.length;
  }
  close();
  return units;
}

/** Punctuation that joins the parts of one term rather than separating terms. */
const JOINERS = new Set(['-', '·', '_', '.', '+']);

const isWordPiece = (t: string) => /[\p{L}\p{N}]/u.test(t);

/** Query terms of a text at a weight (its search-mode parts at PART_WEIGHT of it), capped so a long text does not drown the title; its words noted in `named`. */
function addTerms(terms: Map<string, number>, named: Set<string>, text: string, weight: number) {
  const { words, parts, pieces } = wordsAndParts(text);
  for (const t of words) {
    terms.set(t, Math.min(3, (terms.get(t) ?? 0) + weight));
    named.add(t);
  }
  for (const t of parts) terms.set(t, Math.min(3, (terms.get(t) ?? 0) + weight * PART_WEIGHT));
  return pieces;
}

/** Words standing together that a description's phrase may have (more is a clause, not a term). */
const PHRASE_WORDS = 4;
/** Phrases kept from one description. */
const MOST_PHRASES = 24;
/** Runs of naming words (one to four) kept from one description, for the score shown. */
const MOST_RUNS = 48;

/**
 * The runs of naming words that stand together in a sentence (金属 基
 * 复合材料 → 金属基复合材料): not terms as typed, so they do not score, but a
 * record holding each of their words is shown the phrase, not its words.
 * With `least` 1 also a lone naming word (the terms a description names, for
 * the score shown: runsOf).
 */
export function phrasesOf(text: string, pieces = preciseCut(text), least = 2): QueryUnit[] {
  const out: QueryUnit[] = [];
  let run: string[] = [];
  const close = () => {
    const norm = run.join('');
    // Its tokens are its words (a record holding each of them holds the phrase as far as the index can tell).
    if (run.length >= least && run.length <= PHRASE_WORDS && !out.some((u) => u.norm === norm)) out.push({ text: norm, norm, tokens: [...new Set(run)] });
    run = [];
  };
  for (const piece of pieces) {
    if (piece.trim() === piece && naming(piece) && !CONJUNCTIONS.has(piece)) run.push(piece);
    else close();
  }
  close();
  return out;
}

/** A text's runs of one to four naming words (the terms it names, as far as words tell), for the score shown. */
export const runsOf = (text: string, pieces = preciseCut(text)) => phrasesOf(text, pieces, 1);

/**
 * The terms a title and keywords name (a keyword is a term as a whole, or
 * several if it lists some). A title term with keywords written inside it is
 * those keywords: the title 高強度鋼焊接變形控制技術 with the keywords 焊接變形
 * and 高強度鋼 names 高強度鋼 and 焊接變形 — the person said where their terms
 * are; the rest of the title (控制技術) still scores as words, not as a term
 * asked for. Otherwise every word of the title would belong to one long term
 * no record holds whole, and a record holding a keyword whole (焊接变形)
 * would count as holding a third of the title.
 */
const namedUnits = (title: string | null, keywords: readonly string[] | undefined) => {
  const typed = (keywords ?? []).flatMap((k) => unitsOf(k));
  const units: QueryUnit[] = [];
  const add = (u: QueryUnit) => {
    if (!units.some((x) => x.norm === u.norm)) units.push(u);
  };
  for (const u of title ? unitsOf(title) : []) if (!typed.some((k) => k.norm && k.norm.length < u.norm.length && u.norm.includes(k.norm))) add(u);
  for (const k of typed) add(k);
  return units;
};

/** A demand's terms as the demand index holds them (its search tokens: title, keywords, description), for counting which terms demands share. */
export const demandTerms = (d: { title: string; keywords?: readonly string[]; description?: string }) => indexTokens([d.title, ...(d.keywords ?? []), d.description ?? ''].join(' '));

/** A demand as a query for achievements: title and keywords in full, each sentence of the description by its role. */
export function demandQuery(d: QueryFields & { description?: string; cooperationModes?: readonly string[]; budgetMinFen?: number | null; budgetMaxFen?: number | null }): MatchQuery {
  const terms = new Map<string, number>();
  const words = new Set<string>();
  addTerms(terms, words, [d.title, ...(d.keywords ?? [])].join(' '), 1);
  const phrases: QueryUnit[] = [];
  const runs: QueryUnit[] = [];
  for (const s of describeIntent(d.description ?? '')) {
    const pieces = addTerms(terms, words, s.text, ROLE_WEIGHT[s.role]);
    if (ROLE_WEIGHT[s.role] > 0) for (const p of phrasesOf(s.text, pieces)) if (phrases.length < MOST_PHRASES && !phrases.some((x) => x.norm === p.norm)) phrases.push(p);
    if (ROLE_WEIGHT[s.role] > 0) for (const p of runsOf(s.text, pieces)) if (runs.length < MOST_RUNS && !runs.some((x) => x.norm === p.norm)) runs.push(p);
  }
  return {
    side: 'demand',
    id: d.id,
    units: namedUnits(d.title, d.keywords),
    phrases,
    runs,
    words,
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

/** An achievement as a query for demands: its title is a sentence, so only its keywords are terms as typed. */
export function achievementQuery(a: QueryFields & { summary?: string; maturity?: number | null; transferModes?: readonly string[]; priceFen?: number | null }): MatchQuery {
  const terms = new Map<string, number>();
  const words = new Set<string>();
  addTerms(terms, words, [a.title, ...(a.keywords ?? [])].join(' '), 1);
  const pieces = addTerms(terms, words, a.summary ?? '', 0.3);
  return {
    side: 'achievement',
    id: a.id,
    units: namedUnits(null, a.keywords),
    phrases: phrasesOf(a.summary ?? '', pieces).slice(0, MOST_PHRASES),
    runs: runsOf(a.summary ?? '', pieces).slice(0, MOST_RUNS),
    words,
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

/** What the query's terms are looked up in: an index's posting lists, its record slots, its related terms, and how common terms are on the asking side. */
export type TermSource = { get(term: string): Posting | undefined; slots: number; related: RelatedTerms; askers: TermShares | null };

/** A term counts among a unit's words only while it weighs at least this much for the asking side (解决方案 in every demand is no part of a term). */
const NAMING_WEIGHT = 0.5;

/**
 * The query's terms in an index, most important first (each weighed down
 * the more the asking side shares it), with related terms added at a
 * discount; and the query's units in the index: for each, its terms and how
 * many of its words the index holds (the words a record must hold to have
 * the unit whole).
 */
export function queryTerms(query: MatchQuery, index: TermSource, expand: boolean): { qterms: QTerm[]; units: UnitTerms[] } {
  const qterms: QTerm[] = [];
  for (const [term, w] of query.terms) {
    const p = index.get(term);
    const weight = w * askWeight(index.askers, term);
    if (p && weight > 0) qterms.push({ term, weight, idf: idfOf(index.slots, p.n), p });
  }
  qterms.sort((a, b) => b.weight * b.idf - a.weight * a.idf);
  qterms.length = Math.min(qterms.length, MAX_QUERY_TERMS);
  const units = unitTerms(query.units ?? [], qterms, index.askers);
  if (expand) {
    const have = new Set(query.terms.keys());
    const extra: QTerm[] = [];
    for (const q of qterms.slice(0, EXPAND_FROM)) {
      let added = 0;
      for (const r of index.related.of(q.term)) {
        if (added >= EXPAND_PER_TERM) break;
        if (have.has(r.term)) continue;
        const p = index.get(r.term);
        if (!p) continue;
        have.add(r.term);
        extra.push({ term: r.term, weight: q.weight * EXPAND_WEIGHT * r.strength, idf: idfOf(index.slots, p.n), p, via: q.term });
        added++;
      }
    }
    qterms.push(...extra);
  }
  return { qterms, units };
}

/**
 * A unit in an index: its text, its query terms (positions in qterms, each
 * in one unit only) and, for each, the characters of the unit it covers
 * (a bit mask of the first 31); `all`, the characters some term covers.
 */
export type UnitTerms = {
  text: string;
  terms: number[];
  masks: number[];
  all: number;
  /**
   * Every token naming it as query terms, also those counted in an earlier
   * unit (甲醇 of 直接甲醇燃料电池 and of 抗甲醇能力); −1 for one that is no
   * query term (left out of a long query, or held by no record): a person is
   * shown the unit as shared only when the record holds all of them.
   */
  named: number[];
  /** The tokens `named` stands for, in the same order. */
  words: string[];
};

/** The characters of `text` that `token` covers, as bits (the first 31 characters). */
function coverOf(text: string, token: string) {
  let mask = 0;
  for (let i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) for (let c = i; c < Math.min(31, i + token.length); c++) mask |= 1 << c;
  return mask;
}

/**
 * The part of a unit a person is shown: from the first to the last of the
 * words that name something for the asking side (征集平方和优化相关技术解决方案
 * → 平方和优化: the words around it are in most demands).
 */
function namedSpan(u: QueryUnit, tokens: readonly string[]) {
  let first = u.norm.length;
  let last = 0;
  for (const t of tokens) {
    const i = u.norm.indexOf(t);
    if (i < 0) continue;
    first = Math.min(first, i);
    last = Math.max(last, u.norm.lastIndexOf(t) + t.length);
  }
  if (first >= last) return u.text;
  const shown = u.text.length === u.norm.length ? u.text : u.norm;
  return shown.slice(first, last).trim();
}

/** A description's phrases in an index, as units (each counted on its own, for the reasons only). */
export const phraseTerms = (phrases: readonly QueryUnit[], qterms: readonly QTerm[], askers: TermShares | null) => unitTerms(phrases, qterms, askers, false);

function unitTerms(units: readonly QueryUnit[], qterms: readonly QTerm[], askers: TermShares | null, once = true): UnitTerms[] {
  const at = new Map(qterms.map((q, i) => [q.term, i]));
  const taken = new Set<number>();
  const out: UnitTerms[] = [];
  for (const u of units) {
    // Terms most of the asking side uses (解决方案 in every demand) are no part of what the unit names.
    const naming = u.tokens.filter((t) => askWeight(askers, t) >= NAMING_WEIGHT);
    const terms = naming
      .map((t) => at.get(t))
      .filter((i): i is number => i !== undefined && !taken.has(i));
    const masks = terms.map((i) => coverOf(u.norm, qterms[i]!.term));
    const all = masks.reduce((a, m) => a | m, 0);
    if (!all) continue;
    if (once) for (const i of terms) taken.add(i);
    out.push({ text: namedSpan(u, terms.map((i) => qterms[i]!.term)), terms, masks, all, named: naming.map((t) => at.get(t) ?? -1), words: naming });
  }
  return out;
}
