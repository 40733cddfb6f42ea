/**
 * Baseline settings, chosen on dev queries only (`--tune`, see tune.ts and
 * bench/README.md "matching quality"): each baseline gets the best of a small
 * grid of its own knobs by mean nDCG@10 over the six views, so the engine is
 * compared with tuned baselines, not strawmen. Dev figures of the grids are in
 * bench/RESULTS.md.
 */
import type { FlexOptions, MiniOptions, PgOptions, PlainOptions } from './systems.ts';

export const BASELINE_SETTINGS: { minisearch: MiniOptions; flexsearch: FlexOptions; bm25: PlainOptions; postgres: PgOptions } = {
  // indexTokens beat queryTokens for every baseline (0.636 vs 0.602 for MiniSearch); b and the abstract boost barely matter.
  minisearch: { tokenizer: 'index', abstractBoost: 0.5, bm25: { k: 1.2, b: 0.9, d: 0.5 } },
  // Context (bigram) scoring lowered every task but T2.
  flexsearch: { tokenizer: 'index', abstractBoost: 1, context: false },
  bm25: { tokenizer: 'index' },
  // ts_rank beat ts_rank_cd (0.609 vs 0.561 with the same tokens); `--pg-cd` adds the catalogue's ts_rank_cd row.
  postgres: { tokenizer: 'index', rank: 'ts_rank', normalization: 1 },
};

/** The catalogue search's own ranking (db/recordSearch.ts): ts_rank_cd, normalisation 1, queryTokens. */
export const CATALOGUE_RANKING: PgOptions = { tokenizer: 'query', rank: 'ts_rank_cd', normalization: 1 };
