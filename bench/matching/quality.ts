/**
 * Matching quality benchmark (issue 4: "our nDCG@10 at least 10% above the
 * best baseline on the harder tasks"). Protocol: bench/README.md, "matching
 * quality".
 *
 * The 4,758 CSL records are the achievements; demands are derived from them
 * mechanically (queries.ts), four tasks with graded relevance. Our engine
 * (MatchIndex, as `kzt match-batch` runs it) and its ablations are compared
 * in the same run with MiniSearch, FlexSearch and PostgreSQL full-text search
 * (PGlite in memory; also the server of DATABASE_URL with --postgres), all
 * with the same jieba tokens and field weights. Settings are tuned only on
 * dev queries (--tune); the report is on test queries, dev shown beside.
 *
 *   npx tsx bench/matching/quality.ts [--per-task 300] [--splits dev,test] [--seed kzt-4]
 *       [--data ../shared/data/csl/records.jsonl] [--postgres] [--pg-cd] [--only engine,minisearch,flexsearch,pglite]
 *   npx tsx bench/matching/quality.ts --tune [--part engine,minisearch,flexsearch,pglite,generic]   (dev queries only)
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { MatchIndex } from '../../apps/server/src/modules/matching/matching.engine.ts';
import { Judge, buildQueries, readRecords, type CslRecord, type Split } from './queries.ts';
import { FIRST_TASKS, K, STYLE_TASKS, evaluate, f3, table, type ReportTask, type Row } from './metrics.ts';
import { STYLES, STYLE_NAMES, buildStyleQueries, demandCorpus } from './styles.ts';
import { buildEngine, engineDocs, engineQuery, engineSystem, flexSearchSystem, miniSearchSystem, plainBm25System, postgresSystem, type System } from './systems.ts';
import { BASELINE_SETTINGS, CATALOGUE_RANKING } from './settings.ts';

const { values } = parseArgs({
  options: {
    'per-task': { type: 'string', default: '300' },
    splits: { type: 'string', default: 'dev,test' },
    seed: { type: 'string', default: 'kzt-4' },
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/csl/records.jsonl') },
    postgres: { type: 'boolean', default: false },
    /** Also PostgreSQL ranked as the catalogue ranks (ts_rank_cd): slow on long demands, so not by default. */
    'pg-cd': { type: 'boolean', default: false },
    tune: { type: 'boolean', default: false },
    /** With --tune: which systems' settings to try. */
    part: { type: 'string', default: 'engine,minisearch,flexsearch,pglite' },
    only: { type: 'string' },
  },
});

/** Demands in the demand side of the corpus (styles.ts demandCorpus). */
const DEMAND_CORPUS = 3000;

const HARD: ReportTask[] = ['T3', 'T4', 'T3′', 'T4′'];

/** Records as the styles' tasks index them: without their keywords, which judge them. */
const withoutKeywords = (records: CslRecord[]) => records.map((r) => ({ ...r, keywords: [] }));

async function main() {
  const started = performance.now();
  const records = readRecords(values.data!);
  const judge = new Judge(records);
  const splits = values.splits!.split(',') as Split[];
  if (values.tune && splits.includes('test')) {
    // Tuning reads dev queries only, whatever --splits says.
    splits.length = 0;
    splits.push('dev');
  }
  const perTask = Number(values['per-task']);
  const queries = splits.flatMap((s) => buildQueries(judge, s, perTask, values.seed!));
  const styleQueries = splits.flatMap((s) => buildStyleQueries(judge, s, perTask, values.seed!));
  const bare = withoutKeywords(records);
  const demands = demandCorpus(judge, DEMAND_CORPUS, values.seed!);

  const t0 = performance.now();
  const docs = engineDocs(records);
  const index = buildEngine(records, docs, demands);
  const buildMs = performance.now() - t0;
  const bareDocs = engineDocs(bare);
  const bareIndex = buildEngine(bare, bareDocs, demands);
  process.stderr.write(`records ${records.length}, queries ${queries.length} + ${styleQueries.length} (styles), engine built in ${(buildMs / 1000).toFixed(1)} s, related terms for ${index.related.size} terms\n`);

  if (values.tune) {
    const { tune } = await import('./tune.ts');
    await tune({ corpora: [{ records, queries, docs }, { records: bare, queries: styleQueries, docs: bareDocs }], demands, parts: values.part!.split(',') });
    return;
  }

  const only = values.only?.split(',');
  const want = (key: string) => !only || only.includes(key);
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const B = BASELINE_SETTINGS;
  /** The systems over one view of the records (with their keywords for T1–T4, without for S1–S5), each built when its turn comes. */
  const systemsOver = (recs: CslRecord[], ix: MatchIndex): (() => System | Promise<System>)[] => {
    const out: (() => System | Promise<System>)[] = [];
    if (want('engine')) {
      out.push(() => engineSystem(ix, recs, { name: 'engine' }));
      out.push(() => engineSystem(ix, recs, { name: 'engine − expansion', expand: false }));
      out.push(() => engineSystem(ix, recs, { name: 'engine − intent', intent: false }));
      out.push(() => engineSystem(ix, recs, { name: 'engine − both', expand: false, intent: false }));
    }
    if (want('minisearch')) out.push(() => miniSearchSystem(recs, B.minisearch));
    if (want('flexsearch')) out.push(() => flexSearchSystem(recs, B.flexsearch));
    if (want('bm25')) out.push(() => plainBm25System(recs, B.bm25));
    if (want('pglite')) out.push(() => postgresSystem(recs, 'pglite', B.postgres));
    if (want('pglite') && values['pg-cd']) out.push(() => postgresSystem(recs, 'pglite', CATALOGUE_RANKING, 'PostgreSQL FTS (PGlite, ts_rank_cd)'));
    if (values.postgres) out.push(() => postgresSystem(recs, server, B.postgres));
    if (values.postgres && values['pg-cd']) out.push(() => postgresSystem(recs, server, CATALOGUE_RANKING, 'PostgreSQL FTS (server, ts_rank_cd)'));
    return out;
  };

  const rows: Row[] = [];
  const names: string[] = [];
  for (const [recs, ix, qs, latency] of [
    [records, index, queries, 'all'],
    [bare, bareIndex, styleQueries, 'styles'],
  ] as const) {
    for (const make of systemsOver(recs, ix)) {
      const t = performance.now();
      const s = await make();
      rows.push(...(await evaluate(s, qs, latency)));
      await s.close?.();
      if (!names.includes(s.name)) names.push(s.name);
      process.stderr.write(`${s.name} (${latency === 'all' ? 'T1–T4' : 'S1–S5'}): ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
  }

  const baselines = names.filter((n) => !n.startsWith('engine'));
  const goal: Record<string, unknown> = {};
  for (const split of splits)
    for (const task of [...HARD, ...STYLE_TASKS]) {
      const ours = rows.find((r) => r.system === 'engine' && r.split === split && r.task === task);
      const best = rows.filter((r) => baselines.includes(r.system) && r.split === split && r.task === task).sort((a, b) => b.ndcg - a.ndcg)[0];
      if (ours && best)
        goal[`${split}/${task}`] = { engine: +f3(ours.ndcg), best: best.system, bestNdcg: +f3(best.ndcg), gain: +(ours.ndcg / best.ndcg - 1).toFixed(3), met: ours.ndcg >= best.ndcg * 1.1 };
    }

  console.log(
    JSON.stringify({
      bench: 'matching-quality',
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      node: process.version,
      records: records.length,
      perTask,
      seed: values.seed,
      k: K,
      demandCorpus: demands.length,
      engineBuildMs: Math.round(buildMs),
      settings: BASELINE_SETTINGS,
      goal,
      rows: rows.map((r) => {
        const latencyOnly = r.task === 'all' || r.task === 'styles';
        return { ...r, ndcg: latencyOnly ? undefined : +f3(r.ndcg), recall: latencyOnly ? undefined : +f3(r.recall), mrr: latencyOnly ? undefined : +f3(r.mrr), p50: +r.p50.toFixed(2), p95: +r.p95.toFixed(2) };
      }),
      seconds: Math.round((performance.now() - started) / 1000),
    }),
  );
  for (const split of [...splits].reverse()) {
    console.log(`\n${table(rows, split, names, FIRST_TASKS, 'all')}`);
    console.log(`\nStyles (${STYLES.map((t) => `${t} ${STYLE_NAMES[t]}`).join(', ')}), records indexed without their keywords:\n\n${table(rows, split, names, STYLE_TASKS, 'styles')}`);
  }
  if (want('engine')) {
    // Does the score shown mean the same across styles? Per task, the engine's first 10: the share judged relevant (any grade) per band of the score shown.
    const bands = [0, 20, 40, 60, 80, 100];
    for (const split of [...splits].reverse()) {
      const lines = [`| score shown (${split}) | ${bands.slice(0, -1).map((b, i) => `${b}–${bands[i + 1]! - 1}`).join(' | ')} |`, `|---|${bands.slice(0, -1).map(() => '---:').join('|')}|`];
      for (const [ix, qs] of [[index, queries], [bareIndex, styleQueries]] as const) {
        const tasks = [...new Set(qs.map((q) => q.task))].filter((t) => t !== 'T1');
        for (const task of tasks) {
          const count = bands.map(() => [0, 0]);
          for (const q of qs.filter((x) => x.split === split && x.task === task))
            for (const h of ix.match(engineQuery(q.demand), { limit: K, now: 0 })) {
              const b = Math.min(bands.length - 2, Math.floor(h.score / 20));
              count[b]![0]!++;
              if (q.relevant.has(h.id)) count[b]![1]!++;
            }
          lines.push(`| ${task} | ${count.slice(0, -1).map(([n, r]) => (n! >= 10 ? `${(r! / n!).toFixed(2)} (${n})` : n ? `— (${n})` : '—')).join(' | ')} |`);
        }
      }
      console.log(`\nShare of the engine's first 10 judged relevant, by the score shown (T1 left out: one relevant record a query):\n\n${lines.join('\n')}`);
    }
  }
  console.log('\nGoal (engine nDCG@10 ≥ 1.10 × best baseline on the hard tasks T3, T4, T3′, T4′ and on every style S1–S5):');
  for (const [key, g] of Object.entries(goal) as [string, { engine: number; best: string; bestNdcg: number; gain: number; met: boolean }][])
    console.log(`- ${key}: engine ${g.engine} vs ${g.best} ${g.bestNdcg} → ${g.gain >= 0 ? '+' : ''}${(g.gain * 100).toFixed(1)}% ${g.met ? 'met' : 'NOT met'}`);
}

await main();
