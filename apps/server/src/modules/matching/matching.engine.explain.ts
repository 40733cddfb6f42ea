import type { QTerm } from './matching.engine.bm25.ts';
import { lowerBound } from './matching.engine.store.ts';
import type { MatchQuery, MatchReason } from './matching.engine.types.ts';

/** What a person reads about a match's words: the terms it shares with the query and the related terms it has, and the score shown. */

/** Reasons about record d's words: the query's terms it holds (named as a person would), and the related terms it holds with the query terms they came from. */
export function termReasons(d: number, qterms: readonly QTerm[], query: MatchQuery): MatchReason[] {
  const reasons: MatchReason[] = [];
  const shared: string[] = [];
  const related: string[] = [];
  const via: string[] = [];
  for (const q of qterms) {
    const i = lowerBound(q.p.docs, q.p.n, d, 0);
    if (i < q.p.n && q.p.docs[i] === d) {
      if (q.via) {
        related.push(q.term);
        if (!via.includes(q.via)) via.push(q.via);
      } else shared.push(q.term);
    }
  }
  if (shared.length) reasons.push({ kind: 'terms', terms: namedTerms(shared, query.phrases ?? []).slice(0, 6) });
  if (related.length) reasons.push({ kind: 'related', terms: related.slice(0, 4), via: via.slice(0, 4) });
  return reasons;
}

/** Shared terms as a person reads them: a keyword whose every token is shared named whole, then the other terms, longer words before their parts. */
function namedTerms(shared: string[], phrases: { text: string; tokens: string[] }[]) {
  const have = new Set(shared);
  const whole = phrases.filter((p) => p.tokens.length > 0 && p.tokens.every((t) => have.has(t)));
  const covered = new Set(whole.flatMap((p) => p.tokens));
  return [...new Set(whole.map((p) => p.text)), ...dropParts(shared.filter((t) => !covered.has(t)))];
}

/** Shared terms as a person reads them: the longer word instead of its parts. */
function dropParts(terms: string[]) {
  return terms.filter((t) => !terms.some((o) => o !== t && o.length > t.length && o.includes(t)));
}

/** The score people read, 1–99: `100 × (1 − e^(−4·s))` of the lexical share s, times the fit (at most 1.25). */
export function shownScore(s: number, fit: number) {
  return Math.max(1, Math.min(99, Math.round(100 * (1 - Math.exp(-4 * s)) * Math.min(1.25, fit))));
}
