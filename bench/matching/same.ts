/**
 * Does the engine of the working tree rank exactly as the engine of a commit?
 * (Not a benchmark: a check for changes meant to keep every result, such as
 * moving code between files.)
 *
 *   npx tsx bench/matching/same.ts [--against HEAD] [--per-task 100]
 *   npx tsx bench/matching/same.ts --against HEAD --speed 200000   (also times both)
 *   npx tsx bench/matching/same.ts --against HEAD --order-only     (a change to the score shown only: hits compared without score and features)
 *   npx tsx bench/matching/same.ts --against HEAD --all            (every difference, counted by what moved: order, rank, reasons, other)
 *
 * The matching module of the commit is copied to a temporary directory and
 * imported beside the working tree's. Both fill an achievement index and a
 * demand index with the 4,758 CSL records (with industries, maturities,
 * modes, prices, regions, stale and fresh records, a few secret, some
 * replaced and removed), and both answer the quality benchmark's demands
 * (every task, dev and test, each with a different fit: industry, region,
 * budget, modes) and achievements as queries: match() with and without
 * expansion, fit, filters and feedback, matchAmong(), and match() on an
 * index made from the snapshot. Every hit is compared whole: id, score,
 * rank, reasons, the record's view. Exits 1 on the first difference.
 *
 * `--speed N` then fills both engines with the first N records of the
 * speed benchmark's corpus (bench/corpus.ts, tokenised once for both) and
 * times the speed benchmark's 500 latency demands on each, each demand on
 * both one after the other, a few rounds: match() alone, as profile.ts times it (no database).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import url from 'node:url';
import { parseArgs } from 'node:util';
import { queryTokens } from '../../apps/server/src/platform/search.ts';
import { industryOf, stableHash } from '../../apps/server/src/seedCatalogue.ts';
import * as Now from '../../apps/server/src/modules/matching/matching.engine.ts';
import { performance } from 'node:perf_hooks';
import { percentile, recombine } from '../corpus.ts';
import { speedDemands } from './demands.ts';
import { Judge, buildQueries, readRecords, type CslRecord } from './queries.ts';

const { values } = parseArgs({
  options: {
    against: { type: 'string', default: 'HEAD' },
    'per-task': { type: 'string', default: '100' },
    speed: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'order-only': { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/csl/records.jsonl') },
  },
});

type Engine = typeof Now;
const ROOT = path.resolve(import.meta.dirname, '../..');
const MODULE = 'apps/server/src/modules/matching';

/** The matching module as it was at a commit, imported from a temporary copy (its imports from outside the module point into the working tree). */
async function engineAt(commit: string): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-engine-'));
  const files = execFileSync('git', ['ls-tree', '--name-only', commit, `${MODULE}/`], { cwd: ROOT }).toString().split('\n').filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    const src = execFileSync('git', ['show', `${commit}:${f}`], { cwd: ROOT, maxBuffer: 1 << 26 }).toString();
    const rewritten = src.replace(/from '(\.\.?\/[^']+)'/g, (_, p: string) =>
      p.startsWith('./') ? `from '${p.replace(/\.ts$/, '.mts')}'` : `from '${url.pathToFileURL(path.resolve(ROOT, MODULE, p)).href}'`,
    );
    fs.writeFileSync(path.join(dir, path.basename(f).replace(/\.ts$/, '.mts')), rewritten);
  }
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return (await import(url.pathToFileURL(path.join(dir, 'matching.engine.mts')).href)) as Engine;
}

const NOW = 1_790_000_000_000;
const DAY = 86_400_000;
const PATHS = ['140000/140700', '140000/140100', '370000/371000', '610000'];
const MODES = ['transfer', 'licence', 'equity', 'joint_development', 'use_first_pay_later'];

function docOf(r: Omit<CslRecord, 'split'>, side: 'achievement' | 'demand', E: Engine): Now.MatchDoc {
  const head = `${r.title} ${r.keywords.join(' ')}`;
  const h = stableHash(`${side}:${r.id}`);
  return {
    id: r.id,
    organizationId: `org-${h % 9}`,
    jurisdictionPath: PATHS[h % PATHS.length]!,
    secret: h % 17 === 0,
    stale: h % 13 === 0,
    publishedAt: h % 4 ? NOW - (h % 400) * DAY : 0,
    industry: h % 5 ? industryOf(r.discipline) : null,
    maturity: side === 'achievement' && h % 6 ? (h % 9) + 1 : null,
    modes: [MODES[h % 5]!, MODES[(h >>> 3) % 5]!].filter((m, i, a) => a.indexOf(m) === i),
    priceFen: side === 'achievement' && h % 3 ? (h % 1000) * 100_000 : null,
    budgetMinFen: side === 'demand' && h % 3 ? (h % 100) * 100_000 : null,
    budgetMaxFen: side === 'demand' && h % 3 ? (h % 100) * 300_000 : null,
    wanted: side === 'demand' && h % 2 ? { min: 1 + (h % 7), max: 9 } : null,
    terms: E.recordTerms(head, h % 7 ? '' : r.discipline, r.abstract),
    head: () => queryTokens(head),
  };
}

/** Both sides' indexes, filled the same way: every record, then some replaced (changed lists) and some removed. */
function indexes(E: Engine, records: CslRecord[]) {
  const made = (side: 'achievement' | 'demand') => {
    const ix = new E.MatchIndex(side);
    records.forEach((r, n) => ix.upsert(docOf(r, side, E), n));
    ix.learnRelated();
    for (const r of records.filter((_, i) => i % 97 === 3)) ix.upsert({ ...docOf(r, side, E), stale: true }, 1e6);
    for (const r of records.filter((_, i) => i % 89 === 5)) ix.remove(r.id);
    return ix;
  };
  return { achievements: made('achievement'), demands: made('demand') };
}

async function main() {
  const old = await engineAt(values.against!);
  const records = readRecords(values.data!);
  const judge = new Judge(records);
  const perTask = Number(values['per-task']);
  const demands = (['dev', 'test'] as const).flatMap((s) => buildQueries(judge, s, perTask, 'kzt-4'));
  const a = indexes(Now, records);
  const b = indexes(old, records);
  const snapA = Now.MatchIndex.fromSnapshot(a.achievements.snapshot());
  const snapB = old.MatchIndex.fromSnapshot(b.achievements.snapshot());

  let compared = 0;
  const same = (what: string, x: unknown, y: unknown) => {
    compared++;
    // --order-only: the same records in the same order with the same rank, reasons and view; the score shown (as calibrated too) and its features may differ.
    const strip = (k: string, v: unknown) => (values['order-only'] && (k === 'score' || k === 'calibrated' || k === 'features') ? undefined : v);
    const sx = JSON.stringify(x, strip);
    const sy = JSON.stringify(y, strip);
    if (sx === sy) return;
    if (!values.all) {
      console.error(`differs: ${what}\n  now:    ${sx.slice(0, 600)}\n  before: ${sy.slice(0, 600)}`);
      process.exit(1);
    }
    // --all: every difference counted by what moved (the records or their order, the rank values, the reasons, else the view).
    const hits = (v: unknown) => (Array.isArray(v) && v.every((h) => h && typeof h === 'object' && 'id' in h) ? (v as { id: string; rank: number; reasons: unknown }[]) : null);
    const [hx, hy] = [hits(x), hits(y)];
    const kind = !hx || !hy ? 'other' : hx.map((h) => h.id).join() !== hy.map((h) => h.id).join() ? 'order' : hx.some((h, i) => h.rank !== hy[i]!.rank) ? 'rank' : JSON.stringify(hx.map((h) => h.reasons)) !== JSON.stringify(hy.map((h) => h.reasons)) ? 'reasons' : 'other';
    const list = (differences[kind] ??= []);
    list.push(what);
    if (list.length <= 3) console.error(`differs (${kind}): ${what}\n  now:    ${sx.slice(0, 600)}\n  before: ${sy.slice(0, 600)}`);
  };
  const differences: Record<string, string[]> = {};
  const optsOf = (i: number): Now.MatchOptions => ({
    limit: [10, 50, 3][i % 3]!,
    now: NOW,
    expand: i % 4 !== 1,
    fit: i % 5 !== 2,
    ...(i % 3 === 0 ? { filter: (v: Now.DocView) => v.organizationId !== `org-${i % 9}` && !v.secret } : {}),
    ...(i % 2 === 0 ? { feedback: new Map([[records[i % records.length]!.id, 0], [records[(i * 7) % records.length]!.id, 1.15]]) } : {}),
  });
  const some = (i: number) => records.filter((_, j) => (j + i) % 37 === 0).map((r) => r.id);

  demands.forEach((q, i) => {
    const h = stableHash(`q${i}`);
    const fields = {
      ...q.demand,
      id: i % 11 === 0 ? q.source : undefined,
      industry: h % 3 ? industryOf(judge.byId.get(q.source)!.discipline) : null,
      jurisdictionPath: h % 4 ? PATHS[h % PATHS.length]! : null,
      organizationId: `org-${h % 9}`,
      cooperationModes: h % 2 ? [MODES[h % 5]!] : [],
      budgetMinFen: h % 3 ? 1_000_000 : null,
      budgetMaxFen: h % 3 ? (h % 200) * 1_000_000 : null,
    };
    const qa = Now.demandQuery(fields);
    const qb = old.demandQuery(fields);
    same(`demandQuery ${q.task} ${i}`, [...qa.terms], [...qb.terms]);
    const o = optsOf(i);
    same(`match ${q.task} ${i}`, a.achievements.match(qa, o), b.achievements.match(qb, o));
    same(`snapshot ${q.task} ${i}`, snapA.match(qa, o), snapB.match(qb, o));
    same(`among ${q.task} ${i}`, a.achievements.matchAmong(qa, some(i), o), b.achievements.matchAmong(qb, some(i), o));
  });
  records
    .filter((_, i) => i % 23 === 0)
    .forEach((r, i) => {
      const h = stableHash(`a${i}`);
      const fields = { id: r.id, title: r.title, keywords: r.keywords, summary: r.abstract, industry: industryOf(r.discipline), maturity: (h % 9) + 1, priceFen: (h % 500) * 1_000_000, transferModes: [MODES[h % 5]!], jurisdictionPath: PATHS[h % 4]! };
      const qa = Now.achievementQuery(fields);
      const qb = old.achievementQuery(fields);
      const o = optsOf(i);
      same(`achievement → demands ${r.id}`, a.demands.match(qa, o), b.demands.match(qb, o));
      same(`achievement → achievements ${r.id}`, a.achievements.matchAmong(qa, some(i), o), b.achievements.matchAmong(qb, some(i), o));
    });
  same('idf', ['材料', '检测', '锂离子电池', 'none'].map((t) => a.achievements.idf(t)), ['材料', '检测', '锂离子电池', 'none'].map((t) => b.achievements.idf(t)));
  same('stats', a.achievements.stats(), b.achievements.stats());
  if (values.all && Object.keys(differences).length) {
    const n = Object.values(differences).reduce((a, l) => a + l.length, 0);
    console.log(`${compared} comparisons (${demands.length} demands and ${Math.ceil(records.length / 23)} achievements as queries), ${n} differ from ${values.against}:`);
    for (const [kind, list] of Object.entries(differences)) console.log(`- ${kind}: ${list.length} (${[...new Set(list.map((w) => w.split(' ')[0]))].map((k) => `${k} ${list.filter((w) => w.split(' ')[0] === k).length}`).join(', ')})`);
    process.exit(1);
  }
  console.log(`${compared} comparisons (${demands.length} demands and ${Math.ceil(records.length / 23)} achievements as queries): the working tree ranks exactly as ${values.against}`);
  if (values.speed) speed(old, records, Number(values.speed));
}

/** Both engines on the first n records of the speed corpus: p50 / p95 of match() for the 500 latency demands, in turns. */
function speed(old: Engine, records: CslRecord[], n: number) {
  const t0 = performance.now();
  const docs: Now.MatchDoc[] = [];
  for (let i = 0; i < n; i++) {
    const r = recombine(records, i);
    docs.push({ ...docOf(r, 'achievement', Now), head: () => [] });
  }
  const tokenised = performance.now() - t0;
  const fill = (E: Engine) => {
    const t = performance.now();
    const ix = new E.MatchIndex('achievement');
    for (const d of docs) ix.upsert(d);
    ix.trim();
    return { ix, ms: performance.now() - t };
  };
  const engines = [
    { name: 'working tree', E: Now, ...fill(Now), times: [] as number[] },
    { name: values.against!, E: old, ...fill(old), times: [] as number[] },
  ];
  const demands = speedDemands(records, n, 500, 'latency');
  for (const e of engines) for (const d of demands.slice(0, 20)) e.ix.match(e.E.demandQuery(d), { limit: 10, now: NOW });
  // Each demand on both engines one after the other (which goes first alternating), so a busy moment of the machine weighs on both alike.
  for (let round = 0; round < Number(values.rounds); round++)
    demands.forEach((d, i) => {
      for (const e of (i + round) % 2 ? engines : [...engines].reverse()) {
        const t = performance.now();
        e.ix.match(e.E.demandQuery(d), { limit: 10, now: NOW, filter: (v) => v.organizationId !== 'org-0' });
        e.times.push(performance.now() - t);
      }
    });
  console.log(`${n} records (tokenised in ${(tokenised / 1000).toFixed(0)} s), ${demands.length} demands × ${values.rounds} rounds:`);
  for (const e of engines) {
    const sorted = e.times.sort((a, b) => a - b);
    console.log(`  ${e.name.padEnd(14)} filled in ${(e.ms / 1000).toFixed(1)} s; match p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms`);
  }
}

await main();
