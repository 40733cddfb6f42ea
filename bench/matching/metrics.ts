/** Graded-relevance metrics at a cut-off, evaluation and the report table (protocol: bench/README.md, "matching quality"). */
import { performance } from 'node:perf_hooks';
import { type Query, type Split, type TaskName } from './queries.ts';
import type { System } from './systems.ts';

/** nDCG@k with exponential gain (2^grade − 1) and log2 discount; the ideal ranking is every judged record by grade. */
export function ndcg(ranked: readonly string[], relevant: Map<string, number>, k: number) {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    const g = relevant.get(id) ?? 0;
    if (g) dcg += (2 ** g - 1) / Math.log2(i + 2);
  });
  const ideal = [...relevant.values()].sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += (2 ** g - 1) / Math.log2(i + 2)));
  return idcg ? dcg / idcg : 0;
}

/** Recall@k capped at k: relevant records (any grade) found in the first k, over min(k, relevant records). */
export function recall(ranked: readonly string[], relevant: Map<string, number>, k: number) {
  const found = ranked.slice(0, k).filter((id) => relevant.has(id)).length;
  return relevant.size ? found / Math.min(k, relevant.size) : 0;
}

/** Reciprocal rank (within the first k) of the first record of the query's top grade (the source record for T1/T3/T4, a record naming the keyword for T2). */
export function reciprocalRank(ranked: readonly string[], relevant: Map<string, number>, k: number) {
  const top = Math.max(0, ...relevant.values());
  const i = ranked.slice(0, k).findIndex((id) => relevant.get(id) === top);
  return i < 0 ? 0 : 1 / (i + 1);
}

export function percentile(values: number[], p: number) {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export const K = 10;

export type ReportTask = TaskName | 'T3′' | 'T4′';
/** The benchmark's first tasks (abstract sentences and long descriptions) and the styles people type (styles.ts). */
export const FIRST_TASKS: ReportTask[] = ['T1', 'T2', 'T3', 'T4', 'T3′', 'T4′'];
export const STYLE_TASKS: ReportTask[] = ['S1', 'S2', 'S3', 'S4', 'S5'];
export const REPORT_TASKS: ReportTask[] = [...FIRST_TASKS, ...STYLE_TASKS];

/** 'all' rows hold the latency over the first tasks' queries, 'styles' rows over the styles' queries. */
export type Latency = 'all' | 'styles';
export type Row = { system: string; split: Split; task: ReportTask | Latency; n: number; ndcg: number; recall: number; mrr: number; p50: number; p95: number };

/**
 * Runs every query once and scores it; T3 and T4 are scored twice: as given
 * (the source record is the best answer) and as T3′/T4′, the same ranking
 * with the source withheld (only its neighbours are relevant; queries
 * without any are left out), which is what tells the systems apart.
 */
export async function evaluate(system: System, queries: Query[], latency: Latency = 'all'): Promise<Row[]> {
  type Acc = { n: number[]; r: number[]; m: number[]; ms: number[] };
  const groups = new Map<string, Acc>();
  const add = (split: Split, task: ReportTask, ranked: string[], relevant: Map<string, number>, ms: number | null) => {
    const key = `${split}/${task}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { n: [], r: [], m: [], ms: [] }));
    g.n.push(ndcg(ranked, relevant, K));
    g.r.push(recall(ranked, relevant, K));
    g.m.push(reciprocalRank(ranked, relevant, K));
    if (ms != null) g.ms.push(ms);
  };
  for (const q of queries) {
    const t = performance.now();
    const ranked = await system.search(q, K + 1);
    const ms = performance.now() - t;
    add(q.split, q.task, ranked.slice(0, K), q.relevant, ms);
    if (q.task === 'T3' || q.task === 'T4') {
      const others = new Map([...q.relevant].filter(([id]) => id !== q.source));
      if (others.size) add(q.split, `${q.task}′`, ranked.filter((id) => id !== q.source).slice(0, K), others, null);
    }
  }
  const rows: Row[] = [];
  const splits = new Set(queries.map((q) => q.split));
  for (const split of splits) {
    const lat = [...groups].filter(([key]) => key.startsWith(`${split}/`)).flatMap(([, g]) => g.ms);
    rows.push({ system: system.name, split, task: latency, n: lat.length, ndcg: NaN, recall: NaN, mrr: NaN, p50: percentile(lat, 50), p95: percentile(lat, 95) });
  }
  for (const [key, g] of groups) {
    const [split, task] = key.split('/') as [Split, ReportTask];
    const lat = groups.get(`${split}/${task.replace('′', '')}`)!.ms;
    rows.push({ system: system.name, split, task, n: g.n.length, ndcg: mean(g.n), recall: mean(g.r), mrr: mean(g.m), p50: percentile(lat, 50), p95: percentile(lat, 95) });
  }
  return rows;
}

export const f3 = (x: number) => x.toFixed(3);
const f1 = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

/** Markdown tables of a split and some tasks: nDCG@10 per task with latency, then recall@10 and MRR per task. */
export function table(rows: Row[], split: Split, systems: string[], tasks: ReportTask[] = FIRST_TASKS, latency: Latency = 'all') {
  const get = (s: string, t: ReportTask | Latency) => rows.find((x) => x.system === s && x.split === split && x.task === t);
  const n = (t: ReportTask) => rows.find((x) => x.split === split && x.task === t)?.n ?? 0;
  const head = tasks.map((t) => `${t} (${n(t)})`);
  const a = [`| nDCG@10, ${split} | ${head.join(' | ')} | p50 / p95 ms |`, `|---|${tasks.map(() => '---:').join('|')}|---:|`];
  const b = [`| R@10 · MRR, ${split} | ${head.join(' | ')} |`, `|---|${tasks.map(() => '---:').join('|')}|`];
  for (const s of systems) {
    if (!tasks.some((t) => get(s, t))) continue;
    const all = get(s, latency);
    a.push(`| ${s} | ${tasks.map((t) => (get(s, t) ? f3(get(s, t)!.ndcg) : '—')).join(' | ')} | ${all ? `${f1(all.p50)} / ${f1(all.p95)}` : '—'} |`);
    b.push(`| ${s} | ${tasks.map((t) => (get(s, t) ? `${f3(get(s, t)!.recall)} · ${f3(get(s, t)!.mrr)}` : '—')).join(' | ')} |`);
  }
  return `${a.join('\n')}\n\n${b.join('\n')}`;
}

