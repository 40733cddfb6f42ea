/**
 * Not a benchmark: an evidence experiment for issue 14 — would pretrained
 * word vectors (knowledge of related terms the records' own words do not
 * carry) lift the short demand styles? A fifth of the records that name a
 * term as a keyword never hold it in their title or abstract; no lexical
 * system finds them.
 *
 * It needs a word2vec file in the binary format (a header "<words> <dims>",
 * then per word: the word, a space, <dims> little-endian float32, a newline),
 * which the repository does not ship. The one found here is the data file of
 * the npm package node-synonyms (word2vec of Chinese Wikipedia, 125,796
 * words × 100, GPL-3.0): install it OUTSIDE the repository and point to it —
 * it must not become a dependency of the product:
 *
 *   (in a directory DIR outside the repository) npm init -y && npm install node-synonyms --ignore-scripts
 *   npx tsx bench/matching/vectors.ts --vectors DIR/node_modules/node-synonyms/data/words.vector \
 *     [--data ../shared/data/csl/records.jsonl] [--per-task 300] [--seed kzt-4] [--depth 100] [--coverage]
 *
 * (--ignore-scripts: the package's native reader does not build on Node 20; only its data file is read here.)
 *
 * The engine is not edited. Variants, on dev only (it never builds test queries):
 *  - *expansion*: each word of the typed terms (title pieces and keywords,
 *    cut in precise mode, and a whole term the vectors know) gets its k
 *    nearest words with cosine ≥ τ that the index holds, added to the
 *    engine's query terms with weight w × cosine (× the word's own weight);
 *    then the engine's match as usual (its own related terms stay on);
 *  - *re-ranking*: the engine's first `depth` ranked again by
 *    rank / first rank + λ · cos(demand, record), the demand's vector the
 *    idf-weighted sum of its query terms' vectors (× their weight), the
 *    record's the idf-weighted sum of its title and abstract words' vectors
 *    (precise cut, each word once; idf from the 4,758 records);
 *  - *hybrid*: the same score over the engine's first `depth` and the
 *    `depth` records nearest by the vectors (engine part 0 for records it
 *    did not return): records holding no word of the demand can come in.
 *
 *  - *tiers*: the records holding every typed term whole keep the engine's
 *    order on top; below them ordered with the cosine (centred vectors), the
 *    `depth` nearest records joining the lowest tier;
 *  - diagnostics: where the relevant records that never write the term stand
 *    by cosine among all records, and an oracle placing every one of them
 *    right below the holders (what perfect related-term knowledge could add).
 * `--only expand,rerank,hybrid,centred,tiered,hidden` picks parts; `--coverage` stops after the coverage lines.
 * About 10 minutes on 2 cores for everything (the expansion grid re-runs the engine 19 times).
 *
 * Result (2026-12-07, engine at a699483, dev, 300 queries a style; engine S1 0.697, S2 0.856, S3 0.890, S4 0.795,
 * S5 0.870, T2 0.753, T3′/T4′ 0.274): the vectors know 134 of the 300 S1 terms whole and 367 of their 442 jieba
 * words (226 terms every word), 71 % of the records' distinct words. Nothing lifts the short styles: the best
 * expansion (k 5, cos ≥ 0.6, w 0.1) S1 0.699, S2 0.857, T2 0.749; stronger expansion lowers S1 (w 0.5: 0.674)
 * and T2 (0.717); re-ranking the first 100 (+ 0.05·cos) ±0.001 on S1–S5, T3′/T4′ +0.005; the vectors alone
 * S1 0.190; the hidden records (named as a keyword, never written) have median rank 437 of 4,758 by cosine,
 * 9 % of them in the first 10; ordering the engine's tail by cosine instead of its words S1 0.688. Even an
 * oracle that puts every hidden relevant record right below the holders gives S1 0.738, S2 0.882, S5 0.874 —
 * under the goal (0.761, 0.931, 0.925). Details: bench/RESULTS.md, "Issue 14: pretrained word vectors".
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeText } from '../../apps/server/src/platform/text.ts';
import { preciseCut, isSearchWord } from '../../apps/server/src/platform/search.ts';
import type { MatchQuery } from '../../apps/server/src/modules/matching/matching.engine.ts';
import { Judge, buildQueries, readRecords, type Query } from './queries.ts';
import { buildStyleQueries, demandCorpus } from './styles.ts';
import { K, evaluate, f3, type ReportTask, type Row } from './metrics.ts';
import { buildEngine, engineQuery, type System } from './systems.ts';

const { values } = parseArgs({
  options: {
    vectors: { type: 'string' },
    'per-task': { type: 'string', default: '300' },
    seed: { type: 'string', default: 'kzt-4' },
    depth: { type: 'string', default: '100' },
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/csl/records.jsonl') },
    coverage: { type: 'boolean', default: false },
    only: { type: 'string', default: 'expand,rerank,hybrid,centred,hidden' },
  },
});

// ---------------------------------------------------------------- the vectors

class Vectors {
  readonly index = new Map<string, number>();
  readonly words: string[] = [];
  readonly dims: number;
  readonly data: Float32Array;
  constructor(file: string) {
    const buf = fs.readFileSync(file);
    let p = buf.indexOf(10);
    const [n, d] = buf.subarray(0, p).toString().trim().split(/\s+/).map(Number) as [number, number];
    this.dims = d;
    this.data = new Float32Array(n * d);
    p++;
    for (let i = 0; i < n; i++) {
      while (buf[p] === 10 || buf[p] === 32) p++;
      const s = buf.indexOf(32, p);
      const w = buf.subarray(p, s).toString('utf8');
      p = s + 1;
      let norm = 0;
      for (let j = 0; j < d; j++) {
        const x = buf.readFloatLE(p + 4 * j);
        this.data[i * d + j] = x;
        norm += x * x;
      }
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < d; j++) this.data[i * d + j]! /= norm;
      p += 4 * d;
      this.words.push(w);
      if (!this.index.has(w)) this.index.set(w, i);
    }
  }
  /** The row of a word (as the engine normalises it: lower case; the vectors keep Latin case). */
  row(w: string): number | undefined {
    return this.index.get(w) ?? this.index.get(w.toUpperCase()) ?? this.index.get(w.charAt(0).toUpperCase() + w.slice(1));
  }
  has(w: string) {
    return this.row(w) !== undefined;
  }
  /** Adds `weight` × the unit vector of a word to `into`; false if unknown. */
  add(into: Float64Array, w: string, weight: number) {
    const r = this.row(w);
    if (r === undefined) return false;
    const d = this.dims;
    for (let j = 0; j < d; j++) into[j]! += weight * this.data[r * d + j]!;
    return true;
  }
  private near = new Map<string, { word: string; cos: number }[]>();
  /** The 20 nearest words by cosine (brute force, remembered). */
  nearest(w: string): { word: string; cos: number }[] {
    let out = this.near.get(w);
    if (out) return out;
    out = [];
    const r = this.row(w);
    if (r !== undefined) {
      const d = this.dims;
      const n = this.words.length;
      const best: { i: number; c: number }[] = [];
      for (let i = 0; i < n; i++) {
        if (i === r) continue;
        let c = 0;
        for (let j = 0; j < d; j++) c += this.data[r * d + j]! * this.data[i * d + j]!;
        if (best.length < 20 || c > best[best.length - 1]!.c) {
          let k = best.length;
          while (k > 0 && best[k - 1]!.c < c) k--;
          best.splice(k, 0, { i, c });
          if (best.length > 20) best.pop();
        }
      }
      out = best.map((b) => ({ word: normalizeText(this.words[b.i]!), cos: b.c }));
    }
    this.near.set(w, out);
    return out;
  }
}

const unit = (v: Float64Array) => {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  if (n) for (let j = 0; j < v.length; j++) v[j]! /= n;
  return n > 0;
};
const dot = (a: Float64Array, b: Float64Array) => {
  let c = 0;
  for (let j = 0; j < a.length; j++) c += a[j]! * b[j]!;
  return c;
};
const searchWords = (text: string) => preciseCut(text).map((t) => t.trim()).filter((t) => t && isSearchWord(t));

// ---------------------------------------------------------------- the experiment

async function main() {
  if (!values.vectors) throw new Error('--vectors <word2vec binary file> is required (see the head of this file)');
  let t0 = performance.now();
  const vec = new Vectors(values.vectors);
  console.log(`vectors: ${vec.words.length} words × ${vec.dims} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const records = readRecords(values.data!);
  const judge = new Judge(records);
  const perTask = Number(values['per-task']);
  const depth = Number(values.depth);
  const queries = buildQueries(judge, 'dev', perTask, values.seed!);
  const styleQueries = buildStyleQueries(judge, 'dev', perTask, values.seed!);

  // Coverage: the S1 terms (the title, normalised) and their words.
  for (const task of ['S1', 'S2', 'S5'] as const) {
    const qs = styleQueries.filter((q) => q.task === task);
    const terms = qs.flatMap((q) => (task === 'S5' ? q.demand.keywords : task === 'S1' ? [q.demand.title] : q.demand.title.split(/[\s、，,/与和]+/)).map((t) => normalizeText(t).replace(/\s+/g, '')).filter(Boolean));
    const whole = terms.filter((t) => vec.has(t)).length;
    let words = 0;
    let known = 0;
    let allKnown = 0;
    let someKnown = 0;
    for (const t of terms) {
      const ws = searchWords(t);
      words += ws.length;
      const k = ws.filter((w) => vec.has(w)).length;
      known += k;
      if (ws.length && k === ws.length) allKnown++;
      if (k > 0 || vec.has(t)) someKnown++;
    }
    console.log(`${task} coverage: ${terms.length} terms typed; the whole term a word of the vectors: ${whole} (${f3(whole / terms.length)}); its jieba words known: ${known} of ${words} (${f3(known / words)}); every word known: ${allKnown}; the term or some word known: ${someKnown}`);
    if (task === 'S1') {
      const sample = terms.slice(0, 12).map((t) => `${t}: ${vec.has(t) ? vec.nearest(t).slice(0, 5).map((n) => `${n.word} ${n.cos.toFixed(2)}`).join(' ') : `[${searchWords(t).map((w) => (vec.has(w) ? w : `${w}?`)).join(' ')}]`}`);
      console.log(sample.join('\n'));
    }
  }
  if (values.coverage) return;

  const bare = records.map((r) => ({ ...r, keywords: [] }));
  const demands = demandCorpus(judge, 3000, values.seed!);
  t0 = performance.now();
  const views = [
    { index: buildEngine(records, undefined, demands), qs: queries, latency: 'all' as const },
    { index: buildEngine(bare, undefined, demands), qs: styleQueries, latency: 'styles' as const },
  ];
  console.log(`engine built (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // idf of precise-cut words over the records' titles and abstracts; each record's vector.
  const df = new Map<string, number>();
  const recWords = new Map<string, string[]>();
  for (const r of records) {
    const ws = [...new Set(searchWords(`${r.title}。${r.abstract}`))];
    recWords.set(r.id, ws);
    for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const N = records.length;
  const idf = (w: string) => Math.log(1 + N / ((df.get(w) ?? 0) + 0.5));
  const recVec = new Map<string, Float64Array>();
  let recKnown = 0;
  let recAll = 0;
  for (const r of records) {
    const v = new Float64Array(vec.dims);
    for (const w of recWords.get(r.id)!) {
      recAll++;
      if (vec.add(v, w, idf(w))) recKnown++;
    }
    unit(v);
    recVec.set(r.id, v);
  }
  console.log(`records' distinct words known to the vectors: ${recKnown} of ${recAll} (${f3(recKnown / recAll)})`);
  // Centred too: the records' mean vector taken off (mean vectors of texts share one direction; their cosines are all high).
  const centre = new Float64Array(vec.dims);
  for (const v of recVec.values()) for (let j = 0; j < vec.dims; j++) centre[j]! += v[j]! / N;
  const recVecC = new Map<string, Float64Array>();
  for (const [id, v] of recVec) {
    const c = Float64Array.from(v, (x, j) => x - centre[j]!);
    unit(c);
    recVecC.set(id, c);
  }
  const recIds = records.map((r) => r.id);

  // A query's words to expand: the typed terms (title and keywords), precise cut, and each whole term the vectors know.
  const holders = (t: string) => records.filter((r) => judge.textOf(r.id).includes(t)).length;
  const holderCount = new Map<string, number>();
  /** mode 'words': the typed terms and their words; 'whole': only typed terms the vectors know whole; rare: only terms held by fewer than `rare` records. */
  const typedWords = (q: Query, mode: 'words' | 'whole' = 'words', rare = Infinity) => {
    const out = new Set<string>();
    for (const piece of [q.demand.title, ...q.demand.keywords]) {
      for (const t of normalizeText(piece).split(/[\s、，,;；/+]+/)) {
        if (!t) continue;
        if (rare < Infinity) {
          if (!holderCount.has(t)) holderCount.set(t, holders(t));
          if (holderCount.get(t)! >= rare) continue;
        }
        if (vec.has(t)) out.add(t);
        if (mode === 'words') for (const w of searchWords(t)) out.add(w);
      }
    }
    return [...out];
  };
  const demandVec = (mq: MatchQuery) => {
    const v = new Float64Array(vec.dims);
    for (const [t, w] of mq.terms) if (w > 0) vec.add(v, t, w * idf(t));
    return unit(v) ? v : null;
  };

  const key = (q: Query) => `${q.task}/${q.source}/${q.text}`;
  const viewOf = new Map<string, (typeof views)[number]>();
  for (const view of views) for (const q of view.qs) viewOf.set(key(q), view);
  const queryOf = new Map<string, MatchQuery>();
  const deep = new Map<string, { id: string; rank: number; whole: number | null }[]>();
  const first10 = new Map<string, string[]>();
  t0 = performance.now();
  for (const view of views) {
    for (const q of view.qs) {
      const mq = engineQuery(q.demand);
      queryOf.set(key(q), mq);
      first10.set(key(q), view.index.match(mq, { limit: K + 1, now: 0 }).map((h) => h.id));
      deep.set(key(q), view.index.match(mq, { limit: depth, now: 0 }).map((h) => ({ id: h.id, rank: h.rank, whole: h.features.whole })));
    }
  }
  console.log(`engine runs (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const TASKS: ReportTask[] = ['S1', 'S2', 'S3', 'S4', 'S5', 'T2', 'T3′', 'T4′'];
  console.log(`\n| dev nDCG@10 | ${TASKS.join(' | ')} | S1–S3,S5 mean |\n|---|${TASKS.map(() => '---:').join('|')}|---:|`);
  const run = async (name: string, ids: (q: Query) => string[]) => {
    const rows: Row[] = [];
    for (const view of views) {
      const sys: System = { name, search: (q) => ids(q) };
      rows.push(...(await evaluate(sys, view.qs, view.latency)));
    }
    const nd = (t: string) => rows.find((r) => r.task === t)?.ndcg ?? NaN;
    const sm = (nd('S1') + nd('S2') + nd('S3') + nd('S5')) / 4;
    console.log(`| ${name} | ${TASKS.map((t) => f3(nd(t))).join(' | ')} | ${f3(sm)} |`);
  };
  await run('engine (limit 11, as quality.ts)', (q) => first10.get(key(q))!);
  const only = new Set(values.only!.split(','));

  // (a) expansion by nearest words, then the engine's match.
  if (only.has('expand')) {
    let added = 0;
    let expanded = 0;
    const expandedQuery = (q: Query, k: number, tau: number, w: number, mode: 'words' | 'whole' = 'words', rare = Infinity) => {
      const mq = queryOf.get(key(q))!;
      const terms = new Map(mq.terms);
      for (const word of typedWords(q, mode, rare)) {
        const own = mq.terms.get(word) ?? 1;
        for (const n of vec.nearest(word).filter((x) => x.cos >= tau).slice(0, k)) {
          for (const t of searchWords(n.word)) {
            if (terms.has(t) && !(terms.get(t)! < own * w * n.cos)) continue;
            terms.set(t, own * w * n.cos);
            added++;
          }
        }
      }
      if (terms.size > mq.terms.size) expanded++;
      return { ...mq, terms };
    };
    for (const [k, tau, w] of [
      [3, 0.6, 0.3],
      [5, 0.6, 0.3],
      [10, 0.6, 0.3],
      [5, 0.5, 0.3],
      [5, 0.7, 0.3],
      [5, 0.6, 0.1],
      [5, 0.6, 0.5],
      [10, 0.5, 0.1],
      [3, 0.7, 0.5],
    ] as const) {
      added = 0;
      expanded = 0;
      await run(`expand k ${k}, cos ≥ ${tau}, w ${w}`, (q) =>
        viewOf.get(key(q))!.index.match(expandedQuery(q, k, tau, w), { limit: K + 1, now: 0 }).map((h) => h.id),
      );
      console.log(`  (queries expanded ${expanded}, words added ${added})`);
    }
    // Whole typed terms only (not their parts: 膜电极's 膜 brings 细胞膜), and only terms few records hold.
    for (const [k, tau, w, mode, rare] of [
      [5, 0.5, 0.3, 'whole', Infinity],
      [10, 0.5, 0.3, 'whole', Infinity],
      [5, 0.5, 0.6, 'whole', Infinity],
      [5, 0.5, 1, 'whole', Infinity],
      [10, 0.4, 0.6, 'whole', Infinity],
      [5, 0.5, 0.3, 'whole', 10],
      [5, 0.5, 0.6, 'whole', 10],
      [10, 0.5, 1, 'whole', 10],
      [5, 0.6, 0.3, 'words', 10],
      [5, 0.6, 0.6, 'words', 10],
    ] as const) {
      added = 0;
      expanded = 0;
      await run(`expand ${mode === 'whole' ? 'whole terms' : 'terms and words'}${rare < Infinity ? ` held by < ${rare}` : ''}, k ${k}, cos ≥ ${tau}, w ${w}`, (q) =>
        viewOf.get(key(q))!.index.match(expandedQuery(q, k, tau, w, mode, rare), { limit: K + 1, now: 0 }).map((h) => h.id),
      );
      console.log(`  (queries expanded ${expanded}, words added ${added})`);
    }
    const s1 = styleQueries.filter((q) => q.task === 'S1').slice(0, 8);
    for (const q of s1) {
      const mq = expandedQuery(q, 5, 0.6, 0.3);
      console.log(`  ${q.demand.title}: + ${[...mq.terms].filter(([t]) => !queryOf.get(key(q))!.terms.has(t)).map(([t, w]) => `${t} ${w.toFixed(2)}`).join(', ')}`);
    }
  }

  // (b) re-ranking the engine's first `depth`, (c) hybrid with the nearest records.
  const qv = new Map<string, Float64Array | null>();
  const qvOf = (q: Query) => {
    if (!qv.has(key(q))) qv.set(key(q), demandVec(queryOf.get(key(q))!));
    return qv.get(key(q))!;
  };
  const qvcOf = (q: Query) => {
    const v = qvOf(q);
    if (!v) return null;
    const c = Float64Array.from(v, (x, j) => x - centre[j]!);
    return unit(c) ? c : null;
  };
  /** centred: cosines of centred vectors; z: the cosine as a z-score among the candidates. */
  const rerank = (q: Query, lambda: number, hybrid: boolean, o: { centred?: boolean; z?: boolean } = {}) => {
    const hits = deep.get(key(q))!;
    const v = o.centred ? qvcOf(q) : qvOf(q);
    const rv = o.centred ? recVecC : recVec;
    if (!v || !hits.length) return hits.map((h) => h.id);
    const top = hits[0]!.rank || 1;
    const score = new Map(hits.map((h) => [h.id, h.rank / top]));
    const cand = new Set(hits.map((h) => h.id));
    if (hybrid) {
      const near = recIds.map((id) => ({ id, c: dot(v, rv.get(id)!) })).sort((a, b) => b.c - a.c).slice(0, depth);
      for (const n of near) cand.add(n.id);
    }
    const ids = [...cand];
    const cos = ids.map((id) => dot(v, rv.get(id)!));
    let mu = 0;
    let sd = 1;
    if (o.z) {
      mu = cos.reduce((a, b) => a + b, 0) / cos.length;
      sd = Math.sqrt(cos.reduce((a, b) => a + (b - mu) ** 2, 0) / cos.length) || 1;
    }
    return ids
      .map((id, i) => ({ id, s: (score.get(id) ?? 0) + (lambda * (cos[i]! - mu)) / sd, i }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .map((x) => x.id);
  };
  if (only.has('rerank')) for (const lambda of [0.05, 0.1, 0.2, 0.4, 1]) await run(`re-rank first ${depth}, + ${lambda}·cos`, (q) => rerank(q, lambda, false).slice(0, K + 1));
  if (only.has('hybrid')) {
    for (const lambda of [0.1, 0.2, 0.4, 1]) await run(`hybrid, engine ∪ nearest ${depth}, + ${lambda}·cos`, (q) => rerank(q, lambda, true).slice(0, K + 1));
    await run('vectors alone (nearest records)', (q) => rerank(q, 1e6, true).slice(0, K + 1));
  }
  // Tiers: the records holding every typed term whole keep the engine's order on top; below them (and in each lower
  // tier of the share of terms held whole), rank / first rank + λ · cos, with the `depth` records nearest by the
  // vectors joining the lowest tier — the place of the records that hold the words of no term, where the hidden
  // relevant ones would have to come in.
  const tiered = (q: Query, lambda: number, lowestOnly: boolean) => {
    const hits = deep.get(key(q))!;
    const v = qvcOf(q);
    if (!v || !hits.length || hits[0]!.whole === null) return hits.map((h) => h.id);
    const top = hits[0]!.rank || 1;
    const info = new Map(hits.map((h) => [h.id, { s: h.rank / top, tier: h.whole ?? 0 }]));
    for (const n of recIds.map((id) => ({ id, c: dot(v, recVecC.get(id)!) })).sort((a, b) => b.c - a.c).slice(0, depth)) if (!info.has(n.id)) info.set(n.id, { s: 0, tier: 0 });
    return [...info]
      .map(([id, x], i) => ({ id, tier: x.tier, s: x.tier >= 1 || (lowestOnly && x.tier > 0) ? x.s : x.s + lambda * dot(v, recVecC.get(id)!), i }))
      .sort((a, b) => b.tier - a.tier || b.s - a.s || a.i - b.i)
      .map((x) => x.id);
  };
  if (only.has('tiered')) {
    for (const lambda of [0.1, 0.3, 1, 1e6]) await run(`tiers, lowest tier + ${lambda === 1e6 ? '∞' : lambda}·cos`, (q) => tiered(q, lambda, true).slice(0, K + 1));
    for (const lambda of [0.1, 0.3, 1]) await run(`tiers, every tier below whole + ${lambda}·cos`, (q) => tiered(q, lambda, false).slice(0, K + 1));
    await run(`tiers alone (no cosine)`, (q) => tiered(q, 0, true).slice(0, K + 1));
    // Oracle of related-term knowledge: below the records holding every typed term whole (engine order), every relevant
    // record of the corpus that holds none of the terms in its text, best grade first, then the engine's rest — what
    // perfectly knowing which records name a term they never write could add, at most.
    await run('oracle: the hidden relevant records right below the holders', (q) => {
      const hits = deep.get(key(q))!;
      // Only the styles whose terms are typed (title pieces, keywords); elsewhere the engine's list.
      if (!['S1', 'S2', 'S3', 'S5'].includes(q.task)) return first10.get(key(q))!;
      const terms = [q.demand.title, ...q.demand.keywords].flatMap((p) => normalizeText(p).split(/[\s、，,;；/+与和]+/)).map((t) => t.replace(/\s+/g, '')).filter((t) => t.length >= 2);
      const head = hits.filter((h) => (h.whole ?? 0) >= 1).map((h) => h.id);
      const hidden = [...q.relevant].filter(([id]) => !head.includes(id) && !terms.some((t) => judge.textOf(id).includes(t))).sort((a, b) => b[1] - a[1]).map(([id]) => id);
      return [...new Set([...head, ...hidden, ...hits.map((h) => h.id)])].slice(0, K + 1);
    });
  }
  if (only.has('centred')) {
    for (const lambda of [0.05, 0.1, 0.2, 0.4]) await run(`re-rank first ${depth}, centred, + ${lambda}·cos`, (q) => rerank(q, lambda, false, { centred: true }).slice(0, K + 1));
    for (const lambda of [0.01, 0.02, 0.05, 0.1]) await run(`re-rank first ${depth}, centred, + ${lambda}·z(cos)`, (q) => rerank(q, lambda, false, { centred: true, z: true }).slice(0, K + 1));
    for (const lambda of [0.05, 0.1, 0.2]) await run(`hybrid, centred, + ${lambda}·cos`, (q) => rerank(q, lambda, true, { centred: true }).slice(0, K + 1));
    await run('vectors alone, centred', (q) => rerank(q, 1e6, true, { centred: true }).slice(0, K + 1));
  }

  // Where the records the words cannot find stand by the vectors: S1's relevant records naming the term as a keyword
  // without holding it in their text, ranked among all records by cosine with the demand (centred).
  if (only.has('hidden')) {
    for (const task of ['S1', 'S2'] as const) {
      const ranksOf = { hidden: [] as number[], held: [] as number[], other: [] as number[] };
      for (const q of styleQueries.filter((x) => x.task === task)) {
        const v = qvcOf(q);
        if (!v) continue;
        const order = recIds.map((id) => ({ id, c: dot(v, recVecC.get(id)!) })).sort((a, b) => b.c - a.c);
        const pos = new Map(order.map((x, i) => [x.id, i + 1]));
        const terms = (task === 'S1' ? [q.demand.title] : q.demand.title.split(/[\s、，,/与和]+/)).map((t) => normalizeText(t).replace(/\s+/g, '')).filter(Boolean);
        for (const [id, g] of q.relevant) {
          if (g < 2) continue;
          const text = judge.textOf(id);
          (terms.some((t) => text.includes(t)) ? ranksOf.held : ranksOf.hidden).push(pos.get(id)!);
        }
        for (let i = 0; i < 20; i++) {
          const id = recIds[(i * 7919 + q.source.length * 31) % recIds.length]!;
          if (!q.relevant.has(id)) ranksOf.other.push(pos.get(id)!);
        }
      }
      const show = (xs: number[]) => {
        const s = xs.slice().sort((a, b) => a - b);
        return `${xs.length}: median rank ${s[Math.floor(s.length / 2)]}, in the first 10 ${f3(xs.filter((x) => x <= 10).length / xs.length)}, first 100 ${f3(xs.filter((x) => x <= 100).length / xs.length)}`;
      };
      console.log(`${task}, by centred cosine among ${N} records — relevant (keyword) records not holding a term: ${show(ranksOf.hidden)}; holding one: ${show(ranksOf.held)}; unjudged sample: ${show(ranksOf.other)}`);
    }
  }
}

await main();
