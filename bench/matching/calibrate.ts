/**
 * Fitting the score shown (匹配度) on dev queries only: the engine's first 10
 * for the dev demands of every task but the known-item one (T2–T4, S1–S5),
 * relevant at any grade, with the features the engine reports per hit
 * (`MatchHit.features`); a logistic model fitted by Newton's method. Prints
 * the coefficients for `CALIBRATION` (matching.engine.explain.ts), and per
 * task and band of the score shown the share relevant, the engine's as it
 * is and the refitted one, and the mean gap between the score (as a share)
 * and the share relevant, weighted by hits.
 *
 *   npx tsx bench/matching/calibrate.ts [--per-task 300] [--seed kzt-4]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MatchHit, MatchIndex } from '../../apps/server/src/modules/matching/matching.engine.ts';
import { shownScore, type ScoreFeatures } from '../../apps/server/src/modules/matching/matching.engine.explain.ts';
import { Judge, buildQueries, readRecords, type Query } from './queries.ts';
import { K } from './metrics.ts';
import { buildStyleQueries, demandCorpus } from './styles.ts';
import { buildEngine, engineDocs, engineQuery } from './systems.ts';

const { values } = parseArgs({
  options: {
    'per-task': { type: 'string', default: '300' },
    seed: { type: 'string', default: 'kzt-4' },
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/csl/records.jsonl') },
  },
});

export type Sample = { task: string; relevant: boolean; f: ScoreFeatures; score: number };

/** The model's inputs for a hit's features (the order of the coefficients). */
export const INPUTS: [string, (f: ScoreFeatures) => number][] = [
  ['bias', () => 1],
  ['share', (f) => f.share],
  ['lexical', (f) => Math.log1p(f.lexical)],
  ['evidence', (f) => Math.log1p(f.evidence)],
  ['units', (f) => (f.whole === null ? 0 : 1)],
  ['whole', (f) => f.whole ?? 0],
  ['described', (f) => (f.said === null ? 0 : 1)],
  ['said', (f) => f.said ?? 0],
];

/** Logistic regression by Newton's method (a little ridge for stability). */
export function fit(xs: number[][], ys: number[], ridge = 1e-3, rounds = 50) {
  const m = xs[0]!.length;
  let w = new Array<number>(m).fill(0);
  for (let r = 0; r < rounds; r++) {
    const g = new Array<number>(m).fill(0);
    const h = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    xs.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * w[j]!, 0)));
      const e = ys[i]! - p;
      const v = p * (1 - p);
      for (let a = 0; a < m; a++) {
        g[a]! += e * x[a]!;
        for (let b = 0; b < m; b++) h[a]![b]! += v * x[a]! * x[b]!;
      }
    });
    for (let a = 1; a < m; a++) {
      g[a]! -= ridge * w[a]!;
      h[a]![a]! += ridge;
    }
    const step = solve(h, g);
    w = w.map((v, j) => v + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return w;
}

function solve(a: number[][], b: number[]) {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    if (Math.abs(m[c]![c]!) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const k = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= n; j++) m[r]![j]! -= k * m[c]![j]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

const BANDS = [0, 20, 40, 60, 80, 100];

/** Per task: the share relevant per band of the score, and the mean |score − share relevant| weighted by hits. */
export function bandTable(samples: Sample[], scoreOf: (s: Sample) => number, title: string) {
  const tasks = [...new Set(samples.map((s) => s.task))];
  const lines = [`| ${title} | ${BANDS.slice(0, -1).map((b, i) => `${b}–${BANDS[i + 1]! - 1}`).join(' | ')} | gap |`, `|---|${BANDS.slice(0, -1).map(() => '---:').join('|')}|---:|`];
  let allGap = 0;
  let allN = 0;
  for (const task of [...tasks, 'all']) {
    const of = samples.filter((s) => task === 'all' || s.task === task);
    const count = BANDS.slice(0, -1).map(() => ({ n: 0, r: 0, score: 0 }));
    for (const s of of) {
      const score = scoreOf(s);
      const c = count[Math.min(BANDS.length - 2, Math.floor(score / 20))]!;
      c.n++;
      c.score += score / 100;
      if (s.relevant) c.r++;
    }
    const gap = count.reduce((a, c) => a + (c.n ? Math.abs(c.score - c.r) : 0), 0) / Math.max(1, of.length);
    if (task !== 'all') {
      allGap += gap * of.length;
      allN += of.length;
    }
    lines.push(`| ${task} | ${count.map(({ n, r }) => (n >= 10 ? `${(r / n).toFixed(2)} (${n})` : n ? `— (${n})` : '—')).join(' | ')} | ${gap.toFixed(3)} |`);
  }
  return { text: lines.join('\n'), gap: allGap / Math.max(1, allN) };
}

/** Every hit of the engine's first K for the queries, with its features and judgement. */
export function collect(index: MatchIndex, queries: Query[]): (Sample & { hit: MatchHit; query: Query })[] {
  const out: (Sample & { hit: MatchHit; query: Query })[] = [];
  for (const q of queries) {
    if (q.task === 'T1') continue;
    for (const hit of index.match(engineQuery(q.demand), { limit: K, now: 0 })) out.push({ task: q.task, relevant: q.relevant.has(hit.id), f: hit.features, score: hit.score, hit, query: q });
  }
  return out;
}

async function main() {
  const records = readRecords(values.data!);
  const judge = new Judge(records);
  const perTask = Number(values['per-task']);
  const queries = buildQueries(judge, 'dev', perTask, values.seed!);
  const styleQueries = buildStyleQueries(judge, 'dev', perTask, values.seed!);
  const demands = demandCorpus(judge, 3000, values.seed!);
  const bare = records.map((r) => ({ ...r, keywords: [] }));
  const index = buildEngine(records, engineDocs(records), demands);
  const bareIndex = buildEngine(bare, engineDocs(bare), demands);
  const samples = [...collect(index, queries), ...collect(bareIndex, styleQueries)];
  if (samples.some((s) => s.query.split !== 'dev')) throw new Error('calibration reads dev queries only');

  const before = bandTable(samples, (s) => s.score, 'as is (dev)');
  console.log(`${before.text}\n\nmean gap, weighted by hits: ${before.gap.toFixed(3)}\n`);
  const w = fit(
    samples.map((s) => INPUTS.map(([, x]) => x(s.f))),
    samples.map((s) => (s.relevant ? 1 : 0)),
  );
  console.log(`fitted: { ${INPUTS.map(([n], i) => `${n}: ${w[i]!.toFixed(3)}`).join(', ')} }`);
  const refit = bandTable(samples, (s) => Math.max(1, Math.min(99, Math.round(100 / (1 + Math.exp(-INPUTS.reduce((a, [, x], i) => a + w[i]! * x(s.f), 0)))))), 'refitted (dev)');
  console.log(`\n${refit.text}\n\nmean gap, weighted by hits: ${refit.gap.toFixed(3)}`);
  // The engine's own function on the same features (the bench gives no fit): the same as the score as is.
  const differ = samples.filter((s) => shownScore(s.f, 1) !== s.score).length;
  if (differ) console.log(`\n(${differ} scores differ from shownScore(features, 1))`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
