/**
 * Tuning on dev queries only (`npx tsx bench/matching/quality.ts --tune`):
 * small grids over each baseline's own knobs (the best go into settings.ts)
 * and over the engine's constants. Engine constants are tried on a copy of
 * the engine's files made at run time in the temporary directory with the
 * constants replaced, so the engine itself is not edited to experiment; the
 * values found are proposals for the engine.
 *
 * Selection: the mean nDCG@10 over all eleven views (T1–T4, T3′, T4′ and
 * the styles S1–S5, each on its own view of the records) on dev; the means
 * over the T views and over the S views are printed beside it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import url from 'node:url';
import type { MatchDoc } from '../../apps/server/src/modules/matching/matching.engine.ts';
import { ROLE_WEIGHT, describeIntent } from '../../apps/server/src/modules/matching/matching.intent.ts';
import { RelatedTerms, type RelatedOptions } from '../../apps/server/src/modules/matching/matching.terms.ts';
import { indexTokens, queryTokens } from '../../apps/server/src/platform/search.ts';
import { FIRST_TASKS, STYLE_TASKS, evaluate, f3, type Row } from './metrics.ts';
import type { CslRecord, DemandText, Query } from './queries.ts';
import { BASELINE_SETTINGS } from './settings.ts';
import { askersOf, flexSearchSystem, miniSearchSystem, plainBm25System, postgresSystem, type FlexOptions, type MiniOptions, type PgOptions, type PlainOptions, type System } from './systems.ts';

type Engine = typeof import('../../apps/server/src/modules/matching/matching.engine.ts');
const ENGINE_DIR = path.resolve(import.meta.dirname, '../../apps/server/src/modules/matching');
/** The engine's files: matching.engine.ts and its parts (matching.engine.*.ts), tests aside. */
const engineFiles = () => fs.readdirSync(ENGINE_DIR).filter((f) => /^matching\.engine(\.\w+)?\.ts$/.test(f) && !f.endsWith('.test.ts'));

/**
 * The engine (matching.engine.ts and its parts) with constants (`NAME: value`, in whichever part declares it) or any
 * text (`'old' → 'new'`) replaced, imported from a temporary copy; the rest of the module is the working tree's.
 */
export async function engineVariant(consts: Record<string, number | string> = {}, patches: [string, string][] = []): Promise<Engine> {
  const files = engineFiles();
  const srcs = new Map(
    files.map((f) => [
      f,
      fs.readFileSync(path.join(ENGINE_DIR, f), 'utf8').replace(/from '(\.\.?\/[^']+)'/g, (_, p: string) =>
        /^\.\/matching\.engine(\.\w+)?\.ts$/.test(p) ? `from '${p.replace(/\.ts$/, '.mts')}'` : `from '${url.pathToFileURL(path.resolve(ENGINE_DIR, p)).href}'`,
      ),
    ]),
  );
  for (const [name, value] of Object.entries(consts)) {
    const re = new RegExp(`const ${name} = [^;]+;`);
    const file = files.find((f) => re.test(srcs.get(f)!));
    if (!file) throw new Error(`no constant ${name} in the engine's files`);
    srcs.set(file, srcs.get(file)!.replace(re, `const ${name} = ${value};`));
  }
  for (const [from, to] of patches) {
    const file = files.find((f) => srcs.get(f)!.includes(from));
    if (!file) throw new Error(`no text ${from} in the engine's files`);
    srcs.set(file, srcs.get(file)!.split(from).join(to));
  }
  const hash = crypto.createHash('sha1');
  for (const f of files) hash.update(srcs.get(f)!);
  const dir = path.join(os.tmpdir(), `kzt-engine-variant-${hash.digest('hex').slice(0, 12)}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(dir, f.replace(/\.ts$/, '.mts')), srcs.get(f)!);
  try {
    return (await import(url.pathToFileURL(path.join(dir, 'matching.engine.mts')).href)) as Engine;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type EngineTrial = {
  name: string;
  consts?: Record<string, number | string>;
  patches?: [string, string][];
  related?: RelatedOptions;
  roles?: Partial<typeof ROLE_WEIGHT>;
  expand?: boolean;
  intent?: boolean;
};

/**
 * A proposal: weigh each query term by how often the catalogue uses it in
 * titles and keywords rather than only in body text ("head share", from the
 * postings: a body-only occurrence is stored as tf 0.2), as
 * weight × (a + (1 − a) × share^g). Prose words of a demand (表明, 显著,
 * 方法…) count less than the words achievements are named by.
 */
function headTrial(a: number, g: number, consts: Record<string, number> = {}): EngineTrial {
  return {
    name: `head ${a} ^${g}`,
    consts,
    patches: [
      ['if (p) qterms.push({ term, weight, idf: idfOf(index.slots, p.n), p });', 'if (p) qterms.push({ term, weight: weight * headFactor(p), idf: idfOf(index.slots, p.n), p });'],
      [
        'const MAX_QUERY_TERMS = 48;',
        `const MAX_QUERY_TERMS = 48;
const headShare = new WeakMap<Posting, number>();
function headFactor(p: Posting) {
  let h = headShare.get(p);
  if (h === undefined) {
    let c = 0;
    for (let i = 0; i < p.n; i++) if (p.tf[i]! >= 10) c++;
    headShare.set(p, (h = c / p.n));
  }
  return ${a} + ${1 - a} * Math.pow(h, ${g});
}`,
      ],
    ],
  };
}

const head = (r: CslRecord) => `${r.title} ${r.keywords.join(' ')}`;

/** A view of the records (with their keywords for T1–T4, without for S1–S5) and the dev queries ranked among them. */
export type Corpus = { records: CslRecord[]; queries: Query[]; docs: MatchDoc[] };

async function engineTrial(t: EngineTrial, c: Corpus, demands: DemandText[]): Promise<System> {
  const E = await engineVariant(t.consts, t.patches);
  const index = new E.MatchIndex('achievement');
  for (const d of c.docs) index.upsert(d);
  if (t.related) index.related = RelatedTerms.learn(c.records.map((r) => queryTokens(head(r))), c.records.length, t.related);
  else index.learnRelated();
  askersOf(index, demands);
  return {
    name: t.name,
    search(q, k) {
      const saved = { ...ROLE_WEIGHT };
      Object.assign(ROLE_WEIGHT, t.roles ?? {});
      try {
        let query = E.demandQuery(q.demand);
        if (t.intent === false) {
          query = E.demandQuery({ ...q.demand, description: '' });
          for (const s of describeIntent(q.demand.description))
            for (const w of indexTokens(s.text)) query.terms.set(w, Math.min(3, (query.terms.get(w) ?? 0) + ROLE_WEIGHT.plain));
        }
        return index.match(query, { limit: k, expand: t.expand !== false, now: 0 }).map((h) => h.id);
      } finally {
        Object.assign(ROLE_WEIGHT, saved);
      }
    },
  };
}

const TASKS = [...FIRST_TASKS, ...STYLE_TASKS];
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function line(name: string, rows: Row[]) {
  const nd = (t: string) => rows.find((r) => r.task === t)?.ndcg ?? NaN;
  const all = TASKS.map(nd);
  const lat = [...rows.filter((r) => r.task === 'all' || r.task === 'styles')];
  const p50 = Math.max(...lat.map((r) => r.p50));
  const p95 = Math.max(...lat.map((r) => r.p95));
  return `| ${name} | ${all.map(f3).join(' | ')} | **${f3(avg(all.filter((x) => !Number.isNaN(x))))}** | ${f3(avg(FIRST_TASKS.map(nd)))} | ${f3(avg(STYLE_TASKS.map(nd)))} | ${p50.toFixed(2)} / ${p95.toFixed(2)} |`;
}

const HEADER = `| trial (dev) | ${TASKS.join(' | ')} | mean | T mean | S mean | p50 / p95 ms |\n|---|${TASKS.map(() => '---:').join('|')}|---:|---:|---:|---:|`;

/** A system made for a view of the records (built again for each view). */
type Make = (c: Corpus) => System | Promise<System>;

export async function tune({ corpora, demands, parts }: { corpora: Corpus[]; demands: DemandText[]; parts: string[] }) {
  if (corpora.some((c) => c.queries.some((q) => q.split !== 'dev'))) throw new Error('tuning reads dev queries only');
  /** Every view's queries on the system made for it; `every`: a share of the queries (1 in n) for slow systems. */
  const run = async (name: string, make: Make, every = 1) => {
    const rows: Row[] = [];
    for (const [i, c] of corpora.entries()) {
      const s = await make(c);
      rows.push(...(await evaluate(s, c.queries.filter((_, j) => j % every === 0), i === 0 ? 'all' : 'styles')));
      await s.close?.();
    }
    console.log(line(name, rows));
  };

  if (parts.includes('minisearch')) {
    console.log(`\nMiniSearch\n${HEADER}`);
    for (const tokenizer of ['query', 'index'] as const)
      for (const abstractBoost of [0.2, 0.5, 1])
        for (const b of [0.5, 0.7, 0.9]) {
          const o: MiniOptions = { tokenizer, abstractBoost, bm25: { k: 1.2, b, d: 0.5 } };
          await run(JSON.stringify(o), (c) => miniSearchSystem(c.records, o));
        }
  }
  if (parts.includes('flexsearch')) {
    console.log(`\nFlexSearch\n${HEADER}`);
    for (const tokenizer of ['query', 'index'] as const)
      for (const abstractBoost of [0.2, 0.5, 1])
        for (const context of [false, true]) {
          const o: FlexOptions = { tokenizer, abstractBoost, context };
          await run(JSON.stringify(o), (c) => flexSearchSystem(c.records, o));
        }
  }
  if (parts.includes('bm25')) {
    console.log(`\nBM25 with a stop list\n${HEADER}`);
    for (const tokenizer of ['query', 'index'] as const)
      for (const abstractBoost of [0.2, 0.5, 1])
        for (const b of [0.5, 0.75, 0.9]) {
          const o: PlainOptions = { tokenizer, abstractBoost, b };
          await run(JSON.stringify(o), (c) => plainBm25System(c.records, o));
        }
  }
  if (parts.includes('pglite')) {
    // PGlite is slow on long OR queries: a third of the dev queries per setting.
    console.log(`\nPostgreSQL FTS (PGlite), a third of the dev queries\n${HEADER}`);
    for (const tokenizer of ['query', 'index'] as const)
      for (const rank of ['ts_rank_cd', 'ts_rank'] as const)
        for (const normalization of [0, 1, 2, 32]) {
          const o: PgOptions = { tokenizer, rank, normalization };
          await run(JSON.stringify(o), (c) => postgresSystem(c.records, 'pglite', o), 3);
        }
  }
  if (parts.includes('generic')) {
    // Diagnostic, not a setting: the tuned baselines with the engine's list of generic demand words dropped from their queries.
    const B = BASELINE_SETTINGS;
    console.log(`\nbaselines with the engine's generic words dropped (PostgreSQL on a third of the queries)\n${HEADER}`);
    await run('MiniSearch + generic words', (c) => miniSearchSystem(c.records, { ...B.minisearch, generic: true }));
    await run('FlexSearch + generic words', (c) => flexSearchSystem(c.records, { ...B.flexsearch, generic: true }));
    await run('BM25 + stop list + generic words', (c) => plainBm25System(c.records, { ...B.bm25, generic: true }));
    await run('PostgreSQL (PGlite)', (c) => postgresSystem(c.records, 'pglite', B.postgres), 3);
    await run('PostgreSQL (PGlite) + generic words', (c) => postgresSystem(c.records, 'pglite', { ...B.postgres, generic: true }), 3);
  }
  if (parts.includes('engine')) {
    console.log(`\nengine\n${HEADER}`);
    const trials: EngineTrial[] = [
      { name: 'as is' },
      { name: 'expand off', expand: false },
      { name: 'intent off', intent: false },
      ...[0.9, 1.5, 2].map((v) => ({ name: `K1 ${v}`, consts: { K1: v } })),
      ...[0.5, 0.9].map((v) => ({ name: `B ${v}`, consts: { B: v } })),
      ...[0.15, 0.5, 0.8].map((v) => ({ name: `EXPAND_WEIGHT ${v}`, consts: { EXPAND_WEIGHT: v } })),
      ...[1, 5].map((v) => ({ name: `EXPAND_PER_TERM ${v}`, consts: { EXPAND_PER_TERM: v } })),
      ...[6, 24].map((v) => ({ name: `EXPAND_FROM ${v}`, consts: { EXPAND_FROM: v } })),
      ...[24, 96].map((v) => ({ name: `MAX_QUERY_TERMS ${v}`, consts: { MAX_QUERY_TERMS: v } })),
      ...[0.15, 0.35].map((v) => ({ name: `related minNpmi ${v}`, related: { minNpmi: v } })),
      ...[2, 5].map((v) => ({ name: `related minPair ${v}`, related: { minPair: v } })),
      ...[0.02, 0.1].map((v) => ({ name: `related maxShare ${v}`, related: { maxShare: v } })),
      { name: 'roles goal .6 problem .6 plain .6', roles: { goal: 0.6, problem: 0.6, plain: 0.6 } },
      { name: 'roles plain .45', roles: { plain: 0.45 } },
      { name: 'roles background 0', roles: { background: 0 } },
      ...[0, 0.3, 0.5].flatMap((a) => [0.5, 1].map((g) => headTrial(a, g))),
      ...[0.15, 0.5].map((v) => ({ name: `PART_WEIGHT ${v}`, consts: { PART_WEIGHT: v } })),
      ...[1, 3].map((v) => ({ name: `PARTIAL_POWER ${v}`, consts: { PARTIAL_POWER: v } })),
      ...[1, 3].map((v) => ({ name: `WHOLE_POWER ${v}`, consts: { WHOLE_POWER: v } })),
      ...[0.05, 0.2].map((v) => ({ name: `COMMON_SHARE ${v}`, consts: { COMMON_SHARE: v } })),
      ...[0.005, 0.02].map((v) => ({ name: `RARE_SHARE ${v}`, consts: { RARE_SHARE: v } })),
      { name: 'asking side not learned', patches: [['if (!shares) return 1;', 'return 1;']] },
    ];
    const only = process.env.KZT_TRIALS?.split('|');
    for (const t of trials) if (!only || only.includes(t.name)) await run(t.name, (c) => engineTrial(t, c, demands));
  }
}
