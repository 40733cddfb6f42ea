/**
 * Not a benchmark: an oracle for issue 14's open question — would the
 * engine rank better if it knew whether a record holds a typed term's words
 * *together* (金属基复合材料) rather than only each of them somewhere
 * (金属 … 钴基 … 复合材料)? The in-memory index keeps a record's words, not
 * their positions, so today a term whose words a record holds apart counts
 * as held whole.
 *
 * The oracle reads the records' texts (title, keywords where indexed,
 * abstract; normalised, without spaces) and asks the engine, through a copy
 * of its files with coordinate() patched (tune.ts engineVariant; the engine
 * is not edited), whether each typed term the engine counts as held whole
 * is a contiguous string of the record's text. A term held whole but apart
 * then counts as held in part: it does not count among the terms held
 * whole (the several-terms multiplier) and its words' score is scaled by a
 * factor (variants below). With `phrases`, also the description's phrases
 * (runs of 2–4 naming words, today for the reasons only) held apart have
 * their words' score scaled so. `top 50`: only the engine's first 50 are
 * checked (what a check of ≤ 50 candidates against text held elsewhere
 * could do); `pool`: every candidate the coordination step sees.
 *
 *   npx tsx bench/matching/contiguity.ts [--data ../shared/data/csl/records.jsonl] [--per-task 300] [--seed kzt-4] [--baselines]
 *
 * Dev only (it never builds test queries). About 1 minute on 2 cores.
 *
 * Result (2026-12-07, engine at f9ce473, dev, 300 queries a style): the
 * engine as is S1 0.697, S2 0.856, S3 0.890, S4 0.795, S5 0.870, T2 0.753,
 * T3′/T4′ 0.274; mean of S1–S3, S5 0.828. The best oracle (a term held
 * apart keeps half its words' score and is not counted whole) 0.832
 * (+0.004: S1 +0.011, S2 +0.001, S3 +0.003, S4 +0.003, S5 +0.001, T2
 * +0.009, T3′/T4′ ±0); only not counting it whole: 0.831 (S1 ±0); × 0.25:
 * 0.828; × 0: 0.815 (S2 −0.017, S5 −0.025: a record holding the words apart
 * is often relevant, e.g. it names the term as a keyword); × the longest
 * piece held²: 0.830. The first 50 only or every candidate: the same to
 * 0.001. Phrases of a description checked too: S4 −0.008 to −0.015, T4′
 * −0.006. Reach: 119 of 300 S1 and 225 of 300 S2 queries have a typed term
 * of ≥ 2 words (precise cut); the × 0.5 oracle changes the first 10 of 65
 * S1 and 111 S2 queries — and the order barely improves. Knowing where a
 * record's words stand is worth under 0.01 nDCG here, far from the 1.10
 * goal: not worth building into the index.
 */
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { normalizeText } from '../../apps/server/src/platform/text.ts';
import { preciseCut, isSearchWord } from '../../apps/server/src/platform/search.ts';
import { unitsOf } from '../../apps/server/src/modules/matching/matching.engine.query.ts';
import { Judge, buildQueries, readRecords, type CslRecord, type Query } from './queries.ts';
import { buildStyleQueries, demandCorpus } from './styles.ts';
import { FIRST_TASKS, K, STYLE_TASKS, evaluate, f3, type Row } from './metrics.ts';
import { askersOf, engineDocs, engineQuery, plainBm25System, miniSearchSystem, type System } from './systems.ts';
import { BASELINE_SETTINGS } from './settings.ts';
import { engineVariant } from './tune.ts';

const { values } = parseArgs({
  options: {
    'per-task': { type: 'string', default: '300' },
    seed: { type: 'string', default: 'kzt-4' },
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/csl/records.jsonl') },
    baselines: { type: 'boolean', default: false },
  },
});

const ENGINE_DIR = path.resolve(import.meta.dirname, '../../apps/server/src/modules/matching');

/** The hook the patched coordinate() calls for a unit held whole: 1 (contiguous, or not checked) or the factor its words' score keeps. */
type Hook = (d: number, unitText: string) => number;
const G = globalThis as unknown as { __kztContig?: Hook; __kztPhrases?: boolean };

/** coordinate() with the hook, and with the description's phrases as extra units that never count among the terms held whole. */
function patches(): [string, string][] {
  const bm25 = fs.readFileSync(path.join(ENGINE_DIR, 'matching.engine.bm25.ts'), 'utf8');
  const start = bm25.indexOf('export function coordinate(');
  const end = bm25.indexOf('\n}\n', start) + 3;
  const patched = `export function coordinate(units0: readonly UnitTerms[], qterms: readonly QTerm[], docs: readonly number[], lexical: Float64Array, acc: Float32Array, phrases: readonly UnitTerms[] = []) {
  const hook = (globalThis as any).__kztContig as ((d: number, t: string) => number) | undefined;
  const units = [...units0, ...phrases];
  const nUnits = units0.length;
  if (!units.length || !docs.length) return;
  const order = Array.from(docs.keys()).sort((a, b) => docs[a]! - docs[b]!);
  const terms = units.flatMap((u) => u.terms);
  const width = terms.length;
  const score = new Float64Array(docs.length * width);
  const held = new Uint8Array(docs.length * width);
  terms.forEach((i, k) => {
    const q = qterms[i]!;
    const w = termWeight(q);
    let from = 0;
    for (const j of order) {
      const d = docs[j]!;
      const at = gallop(q.p.docs, q.p.n, d, from);
      from = at;
      if (at < q.p.n && q.p.docs[at] === d) {
        const f = q.p.tf[at]! / 10;
        score[j * width + k] = (w * f) / (f + acc[2 * d + 1]!);
        held[j * width + k] = 1;
      }
    }
  });
  for (let j = 0; j < docs.length; j++) {
    let sum = lexical[j]!;
    let whole = 0;
    let k = 0;
    units.forEach((u, ui) => {
      let s = 0;
      let covered = 0;
      for (let t = 0; t < u.terms.length; t++, k++) {
        s += score[j * width + k]!;
        if (held[j * width + k]) covered |= u.masks[t]!;
      }
      if (covered === u.all) {
        const c = hook ? hook(docs[j]!, u.text) : 1;
        if (c >= 1) { if (ui < nUnits) whole++; }
        else sum -= s * (1 - c);
      } else if (ui < nUnits) sum -= s * (1 - Math.pow(bits(covered) / bits(u.all), PARTIAL_POWER));
    });
    if (nUnits > 1) sum *= Math.pow((whole + 1) / (nUnits + 1), WHOLE_POWER);
    lexical[j] = sum;
  }
}
`;
  return [
    [bm25.slice(start, end), patched],
    ['coordinate(units, qterms, pool, lexical, acc);', 'coordinate(units, qterms, pool, lexical, acc, (globalThis as any).__kztPhrases ? this.phrasesIn(query, qterms) : []);'],
  ];
}

const squash = (s: string) => normalizeText(s).replace(/\s+/g, '');

/** The longest piece of `unit` that `text` holds, as a share of the unit's characters. */
function longestShare(unit: string, text: string) {
  let best = 0;
  for (let i = 0; i < unit.length && unit.length - i > best; i++) {
    let j = i + best + 1;
    while (j <= unit.length && text.includes(unit.slice(i, j))) j++;
    best = Math.max(best, j - 1 - i);
  }
  return unit.length ? best / unit.length : 1;
}

type Variant = { name: string; factor: (unit: string, text: string) => number; phrases: boolean; top: number | null };

/** A record's text as its view indexes it: title, keywords (T views), abstract; fields apart. */
const textOf = (r: CslRecord) => [r.title, ...r.keywords, r.abstract].map(squash).join('|');

async function main() {
  const records = readRecords(values.data!);
  const judge = new Judge(records);
  const perTask = Number(values['per-task']);
  const queries = buildQueries(judge, 'dev', perTask, values.seed!);
  const styleQueries = buildStyleQueries(judge, 'dev', perTask, values.seed!);
  const bare = records.map((r) => ({ ...r, keywords: [] }));
  const demands = demandCorpus(judge, 3000, values.seed!);

  // Reach: S1/S2 dev queries with a typed term of several words.
  for (const task of ['S1', 'S2'] as const) {
    const qs = styleQueries.filter((q) => q.task === task);
    let precise = 0;
    let tokens = 0;
    for (const q of qs) {
      const us = unitsOf(q.demand.title);
      if (us.some((u) => preciseCut(u.norm).filter((p) => isSearchWord(p.trim())).length >= 2)) precise++;
      if (us.some((u) => u.tokens.length >= 2)) tokens++;
    }
    console.log(`reach ${task}: ${precise} of ${qs.length} have a typed term cut into ≥ 2 words (precise cut); ${tokens} have one of ≥ 2 tokens (search mode: parts included)`);
  }

  const E = await engineVariant({}, patches());
  const build = (recs: CslRecord[]) => {
    const index = new E.MatchIndex('achievement');
    for (const d of engineDocs(recs)) index.upsert(d);
    index.learnRelated();
    askersOf(index, demands);
    return index;
  };
  const views = [
    { recs: records, index: build(records), qs: queries, latency: 'all' as const, texts: records.map(textOf) },
    { recs: bare, index: build(bare), qs: styleQueries, latency: 'styles' as const, texts: bare.map(textOf) },
  ];

  const variants: Variant[] = [];
  const factors: [string, (u: string, t: string) => number][] = [
    ['not whole only', () => 0.999],
    ['× 0.5', () => 0.5],
    ['× 0.25', () => 0.25],
    ['× 0', () => 0],
    ['× longest piece²', (u, t) => Math.min(0.999, longestShare(u, t) ** 2)],
  ];
  for (const [name, factor] of factors) {
    variants.push({ name: `${name}, pool`, factor, phrases: false, top: null });
    variants.push({ name: `${name}, top 50`, factor, phrases: false, top: 50 });
  }
  for (const [name, factor] of factors.filter(([n]) => n === '× 0.5' || n.includes('longest'))) variants.push({ name: `${name} + phrases, top 50`, factor, phrases: true, top: 50 });

  const TASKS = [...FIRST_TASKS, ...STYLE_TASKS];
  const header = `| dev nDCG@10 | ${TASKS.join(' | ')} | S1–S3,S5 mean | changed top 10 (S1/S2/S3/S4/S5) |\n|---|${TASKS.map(() => '---:').join('|')}|---:|---|`;
  console.log(`\n${header}`);
  const asIs = new Map<string, string[]>();
  const line = (name: string, rows: Row[], changed: string) => {
    const nd = (t: string) => rows.find((r) => r.task === t)?.ndcg ?? NaN;
    const sm = (nd('S1') + nd('S2') + nd('S3') + nd('S5')) / 4;
    console.log(`| ${name} | ${TASKS.map((t) => f3(nd(t))).join(' | ')} | ${f3(sm)} | ${changed} |`);
  };

  const run = async (v: Variant | null) => {
    const rows: Row[] = [];
    const changed = new Map<string, number>();
    for (const view of views) {
      const texts = view.texts;
      const slot = new Map(view.recs.map((r, i) => [r.id, i]));
      const sys: System = {
        name: v?.name ?? 'engine as is',
        search(q: Query, k: number) {
          const query = engineQuery(q.demand);
          let ids: string[];
          if (!v) {
            G.__kztContig = undefined;
            G.__kztPhrases = false;
            ids = view.index.match(query, { limit: k, now: 0 }).map((h) => h.id);
            asIs.set(`${q.task}/${q.source}/${q.text}`, ids);
          } else {
            let allowed: Set<number> | null = null;
            if (v.top) {
              G.__kztContig = undefined;
              G.__kztPhrases = false;
              allowed = new Set(view.index.match(query, { limit: v.top, now: 0 }).map((h) => slot.get(h.id)!));
            }
            G.__kztPhrases = v.phrases;
            G.__kztContig = (d, unit) => {
              if (allowed && !allowed.has(d)) return 1;
              const u = squash(unit);
              const t = texts[d]!;
              return t.includes(u) ? 1 : v.factor(u, t);
            };
            ids = view.index.match(query, { limit: k, now: 0 }).map((h) => h.id);
            G.__kztContig = undefined;
            G.__kztPhrases = false;
            const before = asIs.get(`${q.task}/${q.source}/${q.text}`);
            if (before && before.slice(0, K).join() !== ids.slice(0, K).join()) changed.set(q.task, (changed.get(q.task) ?? 0) + 1);
          }
          return ids;
        },
      };
      rows.push(...(await evaluate(sys, view.qs, view.latency)));
    }
    line(v?.name ?? 'engine as is', rows, v ? ['S1', 'S2', 'S3', 'S4', 'S5'].map((t) => changed.get(t) ?? 0).join('/') : '—');
  };
  await run(null);
  for (const v of variants) await run(v);
  if (values.baselines) {
    for (const view of views) {
      for (const s of [plainBm25System(view.recs, BASELINE_SETTINGS.bm25), miniSearchSystem(view.recs, BASELINE_SETTINGS.minisearch)]) {
        const rows = await evaluate(s, view.qs, view.latency);
        console.log(`${s.name} (${view.latency}): ${rows.filter((r) => !Number.isNaN(r.ndcg)).map((r) => `${r.task} ${f3(r.ndcg)}`).join(', ')}`);
      }
    }
  }
}

await main();
