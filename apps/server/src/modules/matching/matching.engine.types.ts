import type { ScoreFeatures } from './matching.engine.explain.ts';

/** The matching engine's public types (matching.engine.ts re-exports them). */

export type MatchSide = 'achievement' | 'demand';

export type MatchDoc = {
  id: string;
  organizationId: string;
  jurisdictionPath: string;
  secret: boolean;
  /** 摘要公开: its modes, price and budget are for insiders and granted organisations only (catalogue.visibility.ts). */
  abstract?: boolean;
  stale: boolean;
  /** ms since the epoch; 0 when unknown. */
  publishedAt: number;
  /** GB/T 4754 section. */
  industry: string | null;
  /** Achievements: TRL 1–9. */
  maturity: number | null;
  /** Achievements: transfer modes; demands: cooperation modes. */
  modes: readonly string[];
  priceFen: number | null;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  /** Token → weighted frequency, as the search vector holds it. */
  terms: Map<string, number>;
  /** Demands: the maturity range wanted (matching.intent.ts wantedMaturity). */
  wanted: { min: number; max: number } | null;
  /** An abstract demand: the range wanted as an outsider can tell it (from the title alone, not the hidden cooperation modes). */
  wantedOpen?: { min: number; max: number } | null;
  /** Title and keyword terms, from which related terms are learned (read only for the records sampled). */
  head: () => string[];
};

/** The record matches are looked for, turned into a query. */
export type MatchQuery = {
  side: MatchSide;
  id?: string;
  organizationId?: string | null;
  jurisdictionPath?: string | null;
  /** Term → weight in the query (1 for title and keywords). */
  terms: Map<string, number>;
  /**
   * The terms the source was named by, as typed (each piece of the title between
   * separators, each keyword): a record holding all of a term's words has the
   * term; one holding some of them has it only in part (matching.engine.bm25.ts
   * coordinate), and the reasons name a term only whole.
   */
  units?: QueryUnit[];
  /** Runs of words standing together in a demand's description (matching.engine.query.ts phrasesOf): for the reasons only. */
  phrases?: QueryUnit[];
  /** Runs of one to four naming words in the description (phrasesOf with single words): the terms a description names, for the score shown. */
  runs?: QueryUnit[];
  /** The query's words (its texts cut in precise mode): the terms that are not search-mode parts of a longer word. */
  words?: ReadonlySet<string>;
  industry: string | null;
  maturity: number | null;
  /** For a demand: the maturity range it is after. */
  wanted: { min: number; max: number } | null;
  modes: readonly string[];
  priceFen: number | null;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
};

/**
 * A term as typed: its text (as typed, and normalised) and every token it
 * adds to the query (its words and their search-mode parts). A record has
 * the term whole when the tokens it holds cover every character of the term
 * that a token covers.
 */
export type QueryUnit = { text: string; norm: string; tokens: string[] };

/** What a record looks like to a filter and to the fit step. */
export type DocView = Omit<MatchDoc, 'terms' | 'head'>;

export type ReasonKind = 'terms' | 'related' | 'industry' | 'maturity' | 'mode' | 'budget' | 'region' | 'fresh' | 'stale' | 'feedback';
export type MatchReason = {
  kind: ReasonKind;
  /** Shared terms (terms), or related terms found (related, with `via` the query's terms they came from). */
  terms?: string[];
  via?: string[];
  /** good | weak | poor: how well the aspect fits. */
  fit?: 'good' | 'weak' | 'poor';
  /** Numbers the text names: maturity, wanted range, price, budget… */
  values?: Record<string, number | string | null>;
};

export type MatchHit = {
  id: string;
  /** 1–99, for people: the calibrated score, lowered to the score of the record above it in a ranked list (scoresInOrder). */
  score: number;
  /** The record's own calibrated score (matching.engine.explain.ts shownScore), before its place in the list caps it. */
  calibrated: number;
  /** The ranking value (lexical share × fit × feedback). */
  rank: number;
  /** What the score shown is calibrated from (matching.engine.explain.ts). */
  features: ScoreFeatures;
  reasons: MatchReason[];
  doc: DocView;
};

export type MatchOptions = {
  limit: number;
  /**
   * The caller's view of a record (catalogue.visibility.ts): null when they
   * may not see it at all (a secret record of another), else the record with
   * the fields they may not see unknown. Applied before `filter` and the fit
   * step, so neither tests nor explains a hidden field.
   */
  project?: (d: DocView) => DocView | null;
  /** Records the caller may not get (filters of the request, own organisation…). */
  filter?: (d: DocView) => boolean;
  /** Record id → multiplier from people's feedback (0 removes the record). */
  feedback?: Map<string, number>;
  /** Record id → reasons about feedback to show. */
  feedbackReasons?: Map<string, MatchReason>;
  /** Expand the query with related terms (default on). */
  expand?: boolean;
  /** Use the fit step (default on); off ranks by text alone. */
  fit?: boolean;
  now?: number;
};
