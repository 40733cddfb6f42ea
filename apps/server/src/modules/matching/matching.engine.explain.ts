import { normalizeText } from '../../platform/text.ts';
import type { QTerm } from './matching.engine.bm25.ts';
import { askWeight, type TermShares } from './matching.engine.common.ts';
import type { UnitTerms } from './matching.engine.query.ts';
import { lowerBound } from './matching.engine.store.ts';
import type { MatchReason } from './matching.engine.types.ts';

/**
 * What a person reads about a match's words: the terms it shares with the
 * query and the related terms it holds, and the score shown. A shared term
 * is shown only as a whole term a specialist would name: a term of the
 * query held whole (金属基复合材料, not 材料、基), otherwise a word of the query
 * that is a keyword — not a search-mode part of a longer word, not a number
 * or a lone letter pair, not a word most records hold (结构、系统), not a
 * word most demands share (合作、引进).
 */

/** A word held by more than this share of the records (and by more than KEYWORD_RECORDS) is not a keyword of any of them. */
const KEYWORD_SHARE = 0.05;
const KEYWORD_RECORDS = 10;

export type Explained = {
  qterms: readonly QTerm[];
  units: readonly UnitTerms[];
  /** The description's phrases in the index (shown whole when held whole; their words are no fragments). */
  phrases?: readonly UnitTerms[];
  /** The query's words (precise cut); null: every query term is one. */
  words: ReadonlySet<string> | null;
  /** Records in the index, for how common a word is. */
  slots: number;
  askers: TermShares | null;
};

/** Whether a term looks like a keyword: two Chinese characters or more, or a Latin word of three letters or more, not starting with a digit. */
function termLike(t: string) {
  if (/^[\p{N}]/u.test(t)) return false;
  const han = (t.match(/\p{Script=Han}/gu) ?? []).length;
  if (han >= 2) return true;
  return han === 0 && (t.match(/\p{L}/gu) ?? []).length >= 3;
}

/** Whether a query term may be named to a person as a shared keyword. */
function nameable(q: QTerm, e: Explained) {
  return (!e.words || e.words.has(q.term)) && termLike(q.term) && q.p.n <= Math.max(KEYWORD_RECORDS, KEYWORD_SHARE * e.slots) && askWeight(e.askers, q.term) >= 0.5;
}

/** Which of the query's terms record d holds. */
export function heldBy(d: number, qterms: readonly QTerm[]) {
  return qterms.map((q) => {
    const i = lowerBound(q.p.docs, q.p.n, d, 0);
    return i < q.p.n && q.p.docs[i] === d;
  });
}

/** A query word weighing at least this much (title and keywords 1, a goal sentence 0.6, a problem 0.45) counts as evidence. */
const EVIDENCE_WEIGHT = 0.4;
/** Evidence beyond this many words adds nothing to the score shown. */
const MOST_EVIDENCE = 6;

/** How many of the query's words (not parts, not related terms, not boilerplate) the record holds: the evidence the score shown counts. */
export function evidenceOf(held: readonly boolean[], e: Pick<Explained, 'qterms' | 'words'>) {
  let n = 0;
  e.qterms.forEach((q, i) => {
    if (held[i] && !q.via && q.weight >= EVIDENCE_WEIGHT && (!e.words || e.words.has(q.term))) n++;
  });
  return Math.min(MOST_EVIDENCE, n);
}

/** The query's units (terms as typed) the record holds whole. */
export const wholeUnits = (held: readonly boolean[], units: readonly UnitTerms[]) => units.filter((u) => u.terms.reduce((m, i, t) => (held[i] ? m | u.masks[t]! : m), 0) === u.all);

/** Reasons about record d's words (`held`: which query terms it holds): the query's terms it holds whole, its keyword-like words it holds, and the related terms it holds with the query terms they came from. */
export function termReasons(held: readonly boolean[], e: Explained): MatchReason[] {
  // Named whole only when the record holds each of the term's words, not just parts that cover it (和谐、社会 do not make 和谐社会).
  const holdsEveryWord = (u: UnitTerms) => u.named.every((i) => i >= 0 && (held[i] || (e.words !== null && !e.words.has(e.qterms[i]!.term))));
  const whole = wholeUnits(held, e.units).filter(holdsEveryWord);
  const phrases = wholeUnits(held, e.phrases ?? []).filter((u) => holdsEveryWord(u) && termLike(u.text));
  const covered = new Set(whole.flatMap((u) => u.terms));
  // The words of a term asked for that the record does not hold whole are fragments of it (金属 of 金属基复合材料): not named.
  const fragments = new Set(e.units.flatMap((u) => u.terms).filter((i) => !covered.has(i)));
  for (const u of phrases) for (const i of u.terms) covered.add(i);
  for (const u of e.phrases ?? []) if (!phrases.includes(u)) for (const i of phraseFragments(u, e.qterms)) fragments.add(i);
  const shared: string[] = [...whole.map((u) => u.text).filter(termLike), ...phrases.map((u) => u.text)];
  const related: string[] = [];
  const via: string[] = [];
  e.qterms.forEach((q, i) => {
    if (!held[i] || covered.has(i) || fragments.has(i) || !nameable(q, e)) return;
    if (!q.via) shared.push(q.term);
    else if (termLike(q.via)) {
      related.push(q.term);
      if (!via.includes(q.via)) via.push(q.via);
    }
  });
  const reasons: MatchReason[] = [];
  const named = dropParts(shared);
  if (named.length) reasons.push({ kind: 'terms', terms: named.slice(0, 6) });
  if (related.length) reasons.push({ kind: 'related', terms: related.slice(0, 4), via: via.slice(0, 4) });
  return reasons;
}

/**
 * The words of a description's phrase, not held whole, that are fragments of
 * it: those with a rarer word beside them in the phrase (or one no record
 * holds, which is rarer still). 长度 of 焊缝长度 and 搅拌、摩擦 of 搅拌摩擦焊 say
 * nothing of what was asked for (a bridge girder's length, an ice-cream
 * machine's stirrer), while the phrase's most specific word still names it
 * (焊缝 of 焊缝长度3000mm), and a common verb before a term (控制 of
 * 控制高强度钢) makes no fragment of the term. Numbers are no words of a
 * term here (3000mm does not make 焊缝 a fragment).
 */
function phraseFragments(u: UnitTerms, qterms: readonly QTerm[]): number[] {
  const rarity = u.named.map((i, k) => (/^\p{N}/u.test(u.words[k] ?? '') ? -Infinity : i < 0 ? Infinity : qterms[i]!.idf));
  const rarest = Math.max(...rarity);
  return u.named.filter((i, k) => i >= 0 && rarity[k]! > -Infinity && rarity[k]! < rarest);
}

/** The longer term instead of its parts (a term named whole makes its words go unsaid). */
function dropParts(terms: string[]) {
  const lower = terms.map((t) => normalizeText(t).toLowerCase());
  const seen = new Set<string>();
  return terms.filter((t) => {
    // One spelling of a term (焊接變形 as typed, 焊接变形 of a description's phrase): the first.
    const x = normalizeText(t).toLowerCase();
    if (seen.has(x)) return false;
    seen.add(x);
    return !lower.some((o) => o !== x && o.length > x.length && o.includes(x));
  });
}

/**
 * The terms a query names, as the score shown counts them: `whole`, when the
 * query has terms as typed (title pieces, keywords), the share of them and of
 * its description's runs of naming words (matching.engine.query.ts runsOf;
 * those not inside a typed term) the record holds whole; `said`, when it has
 * none, the share of the runs it holds whole, each weighed by its words'
 * idf × weight summed (金属基复合材料 more than 成立): a description names
 * terms too (金属基复合材料 inside 我公司希望引进…), and a record holding one
 * of them is not a record holding every term asked for.
 */
export function namedShares(held: readonly boolean[], qterms: readonly QTerm[], units: readonly UnitTerms[], runs: readonly UnitTerms[]): Pick<ScoreFeatures, 'whole' | 'said'> {
  const holds = (u: UnitTerms) => wholeUnits(held, [u]).length > 0;
  const named = runs.filter((r) => termLike(r.text));
  if (units.length) {
    const all = [...units, ...named.filter((r) => !units.some((u) => r.terms.every((i) => u.terms.includes(i))))];
    return { whole: all.filter(holds).length / all.length, said: null };
  }
  if (!named.length) return { whole: null, said: null };
  return { whole: null, said: weighedShare(named, holds, qterms) };
}

/** The share of terms held, each weighed by its words' idf × weight summed (a run of rarer words, or of more of them, weighs more). */
function weighedShare(terms: readonly UnitTerms[], holds: (u: UnitTerms) => boolean, qterms: readonly QTerm[]) {
  let all = 0;
  let got = 0;
  for (const r of terms) {
    const w = r.terms.reduce((a, i) => a + qterms[i]!.idf * qterms[i]!.weight, 0);
    all += w;
    if (holds(r)) got += w;
  }
  return all ? got / all : 0;
}

/**
 * The chance that a match is relevant: a logistic model of its lexical
 * share (of what the query's terms could give), its lexical score (ln 1+x),
 * its evidence (ln 1+ the query's words it holds) and the terms the query
 * names held whole (namedShares: `whole` when it has terms as typed, `said`
 * when only a description names them); fitted on the engine's first 10 for
 * the dev demands of every task of the quality benchmark but the known-item
 * one (T2–T4, S1–S5), relevant at any grade (`npx tsx bench/matching/calibrate.ts`).
 * So 匹配度 60 means about the same for a one-word title as for a long
 * description or two terms inside boilerplate sentences (bench/RESULTS.md
 * shows it per style on test): a lone shared word is weak evidence, every
 * term asked for held whole is strong.
 */
const CALIBRATION = { bias: -1.028, share: -2.347, lexical: 3.247, evidence: 0.293, units: -1.505, whole: 1.699, described: -4.885, said: 6.737 };

/** What the score shown is calibrated from: the lexical share, the lexical score (over ln(1 + records), the largest idf), the evidence, and the terms named held whole (namedShares; null: none of that kind). */
export type ScoreFeatures = { share: number; lexical: number; evidence: number; whole: number | null; said: number | null };

/** The logit of the calibrated chance of relevance. */
export function scoreLogit(f: ScoreFeatures, c = CALIBRATION) {
  return c.bias + c.share * f.share + c.lexical * Math.log1p(f.lexical) + c.evidence * Math.log1p(f.evidence) + (f.whole === null ? 0 : c.units + c.whole * f.whole) + (f.said === null ? 0 : c.described + c.said * f.said);
}

/** The score people read, 1–99: 100 × the calibrated chance of relevance, times the fit (at most 1.25). */
export function shownScore(f: ScoreFeatures, fit: number) {
  return Math.max(1, Math.min(99, Math.round((100 / (1 + Math.exp(-scoreLogit(f)))) * Math.min(1.25, fit))));
}

/**
 * The score shown down a ranked list never rises: each record shows its own
 * calibrated score (`calibrated`, shownScore) or the score of the record
 * above it, whichever is lower. People read a list as ranked by the number
 * beside each entry (65, 46, 41, 44… reads as a mistake); the order is the
 * ranking's (text score × fit × feedback), which knows more about the order
 * within one query than the calibration, a model of how sure a match is
 * across queries. Applied wherever a list's order is final: the engine's
 * match() and matchAmong(), and the service's ranking after feedback sinks
 * a record (matching.service.ts), so the web's matches, the pushes and
 * `kzt match-batch` show the same numbers.
 */
export function scoresInOrder<H extends { score: number; calibrated: number }>(hits: H[]): H[] {
  let above = 99;
  for (const h of hits) {
    h.score = Math.min(h.calibrated, above);
    above = h.score;
  }
  return hits;
}
