/**
 * Not a benchmark: an oracle for issue 14's open question on one-word
 * demands — "a one-word demand does not say which discipline it means" (a
 * term held by records of the source's discipline is relevant there, held by
 * another discipline's records it is not unless they name it as a keyword).
 * How much would the engine gain if it knew the field the demand means?
 *
 * The engine is not edited: each query's first 100 (as the engine ranks
 * them, limit 100) are ranked again with rank × (1 + b · f(record)), for
 *  - *oracle discipline*: f = 1 for records of the source record's discipline;
 *  - *oracle section*: f = 1 for records of the source's GB/T 4754 section
 *    (`industryOf(discipline)`, what the app's achievements and demands carry;
 *    b 0.1 is exactly the app's fit step for a demand that states its industry);
 *  - *inferred section* (fair: what the engine could do for a demand with no
 *    industry): f = P(section), the share of the section among the engine's
 *    own first M records, each weighed by its rank^p — the records holding the
 *    typed terms best (title holders weigh more, rarer terms more: the
 *    engine's score is that);
 *  - *inferred discipline*: the same with the records' disciplines (a
 *    diagnostic: the app's records have no discipline).
 *
 *   npx tsx bench/matching/field.ts [--data ../shared/data/csl/records.jsonl] [--per-task 300] [--seed kzt-4] [--depth 100]
 *
 * Dev only (it never builds test queries). About 1 minute on 2 cores.
 *
 * Result (2026-12-07, engine at 87a60f3, dev, 300 queries a style; the
 * engine as is S1 0.697, S2 0.856, S3 0.890, S4 0.795, S5 0.870, T2 0.753,
 * T3′/T4′ 0.274): knowing the source's discipline and multiplying its
 * records by 2 gives S1 0.752, S2 0.897, S3 0.913, S5 0.902 (× 4: 0.775,
 * 0.909, 0.929, 0.913); its section (coarser: C holds food, materials,
 * chemistry, machinery…) × 2: 0.730, 0.885, 0.903, 0.890; × 1.1 (the
 * app's fit step for a demand stating its industry) S1 +0.009, T2 +0.018.
 * Inferred from the engine's own first records, no variant lifts S1 by more
 * than 0.002 (best 0.699; the strongest lower it to 0.686); the likeliest section is the source's for 204
 * of 300 one-term demands (S2 270, S5 278, T2 192, T3 299): where it is,
 * S1 gains 0.009, where it is not it loses 0.010. It lifts T3′/T4′ (+0.03
 * to +0.05: their grade 1 is itself "the source's discipline") and lowers
 * T2 (−0.003 to −0.023; ±0 only if lifted just for a share ≥ 0.7). Even the exact discipline does not reach the 1.10
 * goal on dev for S2, S3, S5; the inferred field is worth nothing on S1.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { industryOf } from '../../apps/server/src/seedCatalogue.ts';
import { normalizeText } from '../../apps/server/src/platform/text.ts';
import { unitsOf } from '../../apps/server/src/modules/matching/matching.engine.query.ts';
import type { MatchHit } from '../../apps/server/src/modules/matching/matching.engine.ts';
import { Judge, buildQueries, readRecords, type CslRecord, type Query } from './queries.ts';
import { buildStyleQueries, demandCorpus } from './styles.ts';
import { K, evaluate, f3, ndcg, type ReportTask, type Row } from './metrics.ts';
import { buildEngine, engineDocs, engineQuery, type System } from './systems.ts';

const { values } = parseArgs({
  options: {
    'per-task': { type: 'string', default: '300' },
    seed: { type: 'string', default: 'kzt-4' },
    depth: { type: 'string', default: '100' },
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/csl/records.jsonl') },
  },
});

const squash = (s: string) => normalizeText(s).replace(/\s+/g, '');

type Ranked = { id: string; rank: number }[];
/** A re-ranking of a query's first `depth`: the ids in the new order. */
type Variant = { name: string; rerank: (q: Query, hits: Ranked) => string[] };

async function main() {
  const records = readRecords(values.data!);
  const judge = new Judge(records);
  const perTask = Number(values['per-task']);
  const depth = Number(values.depth);
  const queries = buildQueries(judge, 'dev', perTask, values.seed!);
  const styleQueries = buildStyleQueries(judge, 'dev', perTask, values.seed!);
  const bare = records.map((r) => ({ ...r, keywords: [] }));
  const demands = demandCorpus(judge, 3000, values.seed!);
  const byId = new Map(records.map((r) => [r.id, r]));
  const section = (id: string) => industryOf(byId.get(id)!.discipline);
  const discipline = (id: string) => byId.get(id)!.discipline;

  // The records with their industry section, as the app's achievements have it (the demands have none here).
  const withIndustry = (recs: CslRecord[]) => engineDocs(recs).map((d) => ({ ...d, industry: section(d.id) }));
  const views = [
    { index: buildEngine(records, withIndustry(records), demands), qs: queries, latency: 'all' as const },
    { index: buildEngine(bare, withIndustry(bare), demands), qs: styleQueries, latency: 'styles' as const },
  ];

  // Each query once: the engine's first 10 (as quality.ts asks) and its first `depth`.
  const key = (q: Query) => `${q.task}/${q.source}/${q.text}`;
  const first10 = new Map<string, string[]>();
  const deep = new Map<string, Ranked>();
  let differ = 0;
  for (const view of views) {
    for (const q of view.qs) {
      const query = engineQuery(q.demand);
      first10.set(key(q), view.index.match(query, { limit: K + 1, now: 0 }).map((h) => h.id));
      const hits: MatchHit[] = view.index.match(query, { limit: depth, now: 0 });
      deep.set(key(q), hits.map((h) => ({ id: h.id, rank: h.rank })));
      if (hits.slice(0, K).map((h) => h.id).join() !== first10.get(key(q))!.slice(0, K).join()) differ++;
    }
  }
  console.log(`queries whose first 10 differ between limit ${K + 1} and limit ${depth}: ${differ}`);

  const boosted = (hits: Ranked, f: (id: string) => number, b: number) =>
    hits
      .map((h, i) => ({ id: h.id, r: h.rank * (1 + b * f(h.id)), i }))
      .sort((a, c) => c.r - a.r || a.i - c.i)
      .map((h) => h.id);

  /** Shares of a label among the first m hits, weighed by rank^p. */
  const shares = (hits: Ranked, label: (id: string) => string, m: number, p: number) => {
    const w = new Map<string, number>();
    let total = 0;
    for (const h of hits.slice(0, m)) {
      const x = Math.pow(h.rank, p);
      w.set(label(h.id), (w.get(label(h.id)) ?? 0) + x);
      total += x;
    }
    for (const [k, v] of w) w.set(k, total ? v / total : 0);
    return w;
  };

  const variants: Variant[] = [{ name: 'engine (first 10 of the first 100)', rerank: (_q, hits) => hits.map((h) => h.id) }];
  for (const b of [0.1, 0.2, 0.4, 1, 3]) variants.push({ name: `oracle discipline × (1 + ${b})`, rerank: (q, hits) => boosted(hits, (id) => (discipline(id) === discipline(q.source) ? 1 : 0), b) });
  for (const b of [0.1, 0.2, 0.4, 1, 3]) variants.push({ name: `oracle section × (1 + ${b})`, rerank: (q, hits) => boosted(hits, (id) => (section(id) === section(q.source) ? 1 : 0), b) });
  for (const [m, p] of [[10, 1], [30, 1], [30, 2], [100, 2]] as const)
    for (const b of [0.1, 0.2, 0.4])
      variants.push({
        name: `inferred section, first ${m}, rank^${p}, × (1 + ${b}·P)`,
        rerank: (_q, hits) => {
          const s = shares(hits, section, m, p);
          return boosted(hits, (id) => s.get(section(id)) ?? 0, b);
        },
      });
  for (const [m, p] of [[10, 1], [30, 2]] as const)
    for (const b of [1, 2])
      variants.push({
        name: `inferred section, first ${m}, rank^${p}, × (1 + ${b}·P)`,
        rerank: (_q, hits) => {
          const s = shares(hits, section, m, p);
          return boosted(hits, (id) => s.get(section(id)) ?? 0, b);
        },
      });
  for (const [m, p] of [[10, 1], [30, 2]] as const)
    for (const b of [0.2, 0.4, 1])
      variants.push({
        name: `inferred section, first ${m}, rank^${p}, × (1 + ${b}) for the likeliest`,
        rerank: (_q, hits) => {
          const s = shares(hits, section, m, p);
          const top = [...s].sort((a, c) => c[1] - a[1])[0]?.[0];
          return boosted(hits, (id) => (section(id) === top ? 1 : 0), b);
        },
      });
  // Confident only: the likeliest section lifted when it has at least a share τ.
  for (const tau of [0.5, 0.7, 0.85])
    for (const b of [0.2, 0.4])
      variants.push({
        name: `inferred section, first 30, rank^2, × (1 + ${b}) for the likeliest if P ≥ ${tau}`,
        rerank: (_q, hits) => {
          const [top, share] = [...shares(hits, section, 30, 2)].sort((a, c) => c[1] - a[1])[0] ?? ['', 0];
          return boosted(hits, (id) => (share >= tau && section(id) === top ? 1 : 0), b);
        },
      });
  // From the title holders only: records among the first 100 whose title holds a typed term (the index's title weight tells it).
  const titles = new Map(records.map((r) => [r.id, squash(r.title)]));
  for (const b of [0.2, 0.4, 1])
    variants.push({
      name: `inferred section from title holders, × (1 + ${b}·P)`,
      rerank: (q, hits) => {
        const units = unitsOf([q.demand.title, ...q.demand.keywords].join('，')).map((u) => squash(u.norm)).filter((u) => u.length >= 2);
        const holders = hits.filter((h) => units.some((u) => titles.get(h.id)!.includes(u)));
        const s = shares(holders.length ? holders : hits.slice(0, 10), section, 100, 1);
        return boosted(hits, (id) => s.get(section(id)) ?? 0, b);
      },
    });
  for (const [m, p] of [[30, 2]] as const)
    for (const b of [0.2, 0.4, 1])
      variants.push({
        name: `inferred discipline, first ${m}, rank^${p}, × (1 + ${b}·P)`,
        rerank: (_q, hits) => {
          const s = shares(hits, discipline, m, p);
          return boosted(hits, (id) => s.get(discipline(id)) ?? 0, b);
        },
      });

  for (const task of ['S1', 'S2', 'S5', 'T2', 'T3'] as const) {
    const qs = [...views[0]!.qs, ...views[1]!.qs].filter((q) => q.task === task);
    const hitRate = (label: (id: string) => string, m: number, p: number) => {
      let ok = 0;
      for (const q of qs) {
        const top = [...shares(deep.get(key(q))!, label, m, p)].sort((a, c) => c[1] - a[1])[0]?.[0];
        if (top === label(q.source)) ok++;
      }
      return `${ok}/${qs.length}`;
    };
    // Among the engine's first 10: records of the source's section / discipline.
    let same = 0, sameD = 0, all = 0;
    for (const q of qs) for (const h of deep.get(key(q))!.slice(0, K)) { all++; if (section(h.id) === section(q.source)) same++; if (discipline(h.id) === discipline(q.source)) sameD++; }
    console.log(`${task}: likeliest section (first 10, rank) is the source's in ${hitRate(section, 10, 1)}, (first 30, rank²) ${hitRate(section, 30, 2)}; likeliest discipline ${hitRate(discipline, 10, 1)}; engine's first 10 of the source's section ${same}/${all}, discipline ${sameD}/${all}`);
  }

  const TASKS: ReportTask[] = ['S1', 'S2', 'S3', 'S4', 'S5', 'T2', 'T3′', 'T4′'];
  console.log(`\n| dev nDCG@10 | ${TASKS.join(' | ')} | S1–S3,S5 mean |\n|---|${TASKS.map(() => '---:').join('|')}|---:|`);
  const line = (name: string, rows: Row[]) => {
    const nd = (t: string) => rows.find((r) => r.task === t)?.ndcg ?? NaN;
    const sm = (nd('S1') + nd('S2') + nd('S3') + nd('S5')) / 4;
    console.log(`| ${name} | ${TASKS.map((t) => f3(nd(t))).join(' | ')} | ${f3(sm)} |`);
  };
  const run = async (name: string, ids: (q: Query) => string[]) => {
    const rows: Row[] = [];
    for (const view of views) {
      const sys: System = { name, search: (q) => ids(q) };
      rows.push(...(await evaluate(sys, view.qs, view.latency)));
    }
    line(name, rows);
  };
  await run('engine (limit 11, as quality.ts)', (q) => first10.get(key(q))!);
  for (const v of variants) await run(v.name, (q) => v.rerank(q, deep.get(key(q))!).slice(0, K + 1));

  // Where the inference is right and where it is wrong: S1's nDCG@10 change, split by whether the likeliest section is the source's.
  const probe = variants.find((v) => v.name === 'inferred section, first 30, rank^2, × (1 + 0.4·P)')!;
  for (const task of ['S1', 'S2', 'T2'] as const) {
    const split: Record<'right' | 'wrong', [number, number, number]> = { right: [0, 0, 0], wrong: [0, 0, 0] };
    for (const q of [...views[0]!.qs, ...views[1]!.qs].filter((x) => x.task === task)) {
      const hits = deep.get(key(q))!;
      const top = [...shares(hits, section, 30, 2)].sort((a, c) => c[1] - a[1])[0]?.[0];
      const g = top === section(q.source) ? split.right : split.wrong;
      g[0]++;
      g[1] += ndcg(first10.get(key(q))!, q.relevant, K);
      g[2] += ndcg(probe.rerank(q, hits), q.relevant, K);
    }
    const f = ([n, a, b]: [number, number, number]) => `${n} queries, ${f3(a / n)} → ${f3(b / n)}`;
    console.log(`${task}, ${probe.name}: likeliest section the source's: ${f(split.right)}; another: ${f(split.wrong)}`);
  }
}

await main();
