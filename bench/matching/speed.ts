/**
 * Matching-speed benchmark (issue 4): the matching engine at 1,000,000
 * published achievements, on this 2-core machine —
 *   1. one demand's top 10 in p95 ≤ 20 ms (demandQuery + index.match, in-process, as the app calls it);
 *   2. the index built from the database in ≤ 3 minutes (buildMatchIndex on a freshly opened connection);
 *   3. memory ≤ 3 GB (RSS and heap after the build);
 *   4. a change visible in ≤ 1 s while the index follows the database (followDatabase, 0.5 s timer);
 *   5. 10,000 demands batch-matched in ≤ 2 minutes (top 10 each, reasons written out, on every core as `kzt match-batch` does),
 * and the same figures for MiniSearch, FlexSearch and PostgreSQL full-text
 * search over the same rows and queries. Protocol: bench/README.md, "matching speed".
 *
 *   npm run bench:matching-speed -- [--n 1000000] [--database NAME | --pglite DIR] [--systems engine,postgres,flexsearch,minisearch]
 *     [--queries 500] [--batch 10000] [--trials 20] [--query-budget 10] [--batch-budget 10] [--baseline-timeout 75] [--threads N] [--load-only]
 *
 * The database is kept between runs (PostgreSQL: created when missing on the
 * server of --server, default postgres://postgres@127.0.0.1:5432/postgres;
 * reused when it holds the N corpus records). Every system runs in its own
 * child process (`--only SYSTEM`), started fresh like a server, so its
 * memory is its own; a JS baseline that runs out of memory or time at N rows
 * is run again at half as many rows, and the report says so.
 */
import { execSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../apps/server/src/db/client.ts';
import { achievements } from '../../apps/server/src/db/schema/index.ts';
import { indexTokens, queryTokens } from '../../apps/server/src/platform/search.ts';
import { TermCounts, demandQuery, demandTerms, type MatchIndex } from '../../apps/server/src/modules/matching/matching.engine.ts';
import { buildMatchIndex, followDatabase } from '../../apps/server/src/modules/matching/matching.indexes.ts';
import { batchLines } from '../../apps/server/src/modules/matching/matching.parallel.ts';
import { replicaRepository } from '../../apps/server/src/db/recordSearch.ts';
import { achievementRepository } from '../../apps/server/src/modules/achievements/achievements.repository.ts';
import { achievementFromCsl } from '../../apps/server/src/seedCatalogue.ts';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { percentile, readRecords, recombine } from '../corpus.ts';
import { demandText, speedDemands, type SpeedDemand } from './demands.ts';
import { ensureDatabase, ensureLoaded, openTarget, publishedAchievements, type Target } from './load.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    database: { type: 'string' },
    server: { type: 'string', default: process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    pglite: { type: 'string' },
    systems: { type: 'string', default: 'engine,postgres,flexsearch,minisearch' },
    queries: { type: 'string', default: '500' },
    batch: { type: 'string', default: '10000' },
    trials: { type: 'string', default: '20' },
    /** The follower's timer (followDatabase everyMs). */
    'follow-ms': { type: 'string', default: '500' },
    'baseline-timeout': { type: 'string', default: '75' },
    /** Minutes a baseline may spend on the latency demands and on the batch; what is left is reported as not measured / extrapolated. */
    'query-budget': { type: 'string', default: '10' },
    'batch-budget': { type: 'string', default: '10' },
    'load-only': { type: 'boolean', default: false },
    /** Threads the engine's batch matches on (default: every core). */
    threads: { type: 'string' },
    // internal: run one system in this process
    only: { type: 'string' },
    rows: { type: 'string' },
    url: { type: 'string' },
  },
});
const N = Number(values.n);
const Q = Number(values.queries);
const BATCH = Number(values.batch);
const TRIALS = Number(values.trials);
const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
const ms = (x: number) => Number(x.toFixed(2));
const MB = (x: number) => Math.round(x / 1048576);
/** The organisation a demand comes from: an enterprise of no achievement, so the app's own-organisation filter never removes a hit, but is paid for. */
const DEMAND_ORG = '00000000-0000-4000-8000-000000000001';

type Memory = { rssMB: number; heapUsedMB: number; externalMB: number; arrayBuffersMB: number };
function memory(): Memory {
  const g = globalThis as { gc?: () => void };
  g.gc?.();
  g.gc?.();
  const m = process.memoryUsage();
  return { rssMB: MB(m.rss), heapUsedMB: MB(m.heapUsed), externalMB: MB(m.external), arrayBuffersMB: MB(m.arrayBuffers) };
}

function latency(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { p50ms: ms(percentile(s, 50)), p95ms: ms(percentile(s, 95)), p99ms: ms(percentile(s, 99)), maxms: ms(s.at(-1)!) };
}

const target = (): Target => (values.pglite ? { kind: 'pglite', dataDir: values.pglite } : { kind: 'postgres', url: values.url! });

// ---------------------------------------------------------------- the engine

async function runEngine(latencyDemands: SpeedDemand[], batchDemands: SpeedDemand[]) {
  const before = memory();
  const database = await openTarget(target());
  const db = database.db;
  const since = await replicaRepository.now(db);
  const t0 = performance.now();
  const index = await buildMatchIndex(db, 'achievement');
  const buildSeconds = (performance.now() - t0) / 1000;
  const built = index.size;
  log(`engine: built ${built} records in ${buildSeconds.toFixed(1)} s`);
  const after = { ...memory(), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
  const stats = index.stats();
  // The asking side, as kzt match-batch counts it: the batch's 10,000 demands (which words most demands share).
  index.askers = TermCounts.of(batchDemands.map(demandTerms));
  // From here on the index follows the database, as an app server's does, also while queries are measured.
  const follower = followDatabase(db, index, 'achievement', { since, everyMs: Number(values['follow-ms']) });
  await follower.catchUp();

  const query = (d: SpeedDemand) =>
    demandQuery({ id: d.id, organizationId: DEMAND_ORG, jurisdictionPath: null, title: d.title, description: d.description, keywords: d.keywords, industry: d.industry, cooperationModes: d.cooperationModes, budgetMinFen: d.budgetMinFen, budgetMaxFen: d.budgetMaxFen });
  const options = { limit: 10, filter: (v: { organizationId: string }) => v.organizationId !== DEMAND_ORG };
  for (const d of latencyDemands.slice(0, 20)) index.match(query(d), options);
  const total: number[] = [];
  const queryOnly: number[] = [];
  const matchOnly: number[] = [];
  let empty = 0;
  for (const d of latencyDemands) {
    const s = performance.now();
    const q = query(d);
    const m = performance.now();
    const hits = index.match(q, options);
    const e = performance.now();
    total.push(e - s);
    queryOnly.push(m - s);
    matchOnly.push(e - m);
    if (!hits.length) empty++;
  }
  log(`engine: ${latencyDemands.length} demands, p95 ${latency(total).p95ms} ms`);

  // The batch: every demand's top 10 with its reasons as text, one JSON line each, on every core (what kzt match-batch does).
  const tb = performance.now();
  let bytes = 0;
  const threads = Number(values.threads ?? os.availableParallelism());
  const batch = batchDemands.map((d) => ({ ...d, organizationId: DEMAND_ORG, jurisdictionPath: null }));
  for await (const line of batchLines(index, batch, { top: 10, lang: 'zh', threads })) bytes += line.length + 1;
  const batchSeconds = (performance.now() - tb) / 1000;
  log(`engine: batch of ${batchDemands.length} on ${threads} threads in ${batchSeconds.toFixed(1)} s`);
  const batchPeakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);

  const updates = await updateTrials(db, index);
  follower.stop();
  await database.close();
  return {
    system: 'engine',
    rows: built,
    buildSeconds: Number(buildSeconds.toFixed(1)),
    memory: { before, after, indexStats: { ...stats, postingMB: MB(stats.postingBytes) } },
    latency: { ...latency(total), queries: total.length, emptyResults: empty, demandQuery: latency(queryOnly), match: latency(matchOnly) },
    batch: { demands: batchDemands.length, threads, seconds: Number(batchSeconds.toFixed(1)), outputMB: MB(bytes), peakRssMB: batchPeakRssMB },
    updates,
  };
}

/** A word jieba keeps whole and no record has: a new record that carries it is the only match of a query for it. */
function marker(random: () => number) {
  let s = 'zq';
  for (let i = 0; i < 7; i++) s += String.fromCharCode(97 + Math.floor(random() * 26));
  if (indexTokens(`测试${s}`).join(' ') !== `测试 ${s}`) throw new Error(`jieba cuts the marker ${s}`);
  return s;
}

/**
 * While the index follows the database (0.5 s timer): a new achievement is
 * inserted as published, and another's title is changed; the time from the
 * start of each write until index.match finds the record by a word only it
 * has (polled every 5 ms). Trials start at random phases of the timer.
 */
async function updateTrials(db: Db, index: MatchIndex) {
  const records = readRecords();
  const owner = (await queryRows<{ id: string; organization_id: string; jurisdiction_code: string; jurisdiction_path: string; created_by: string }>(
    db,
    sql`select id, organization_id, jurisdiction_code, jurisdiction_path, created_by from achievements where external_id like 'bench-%' limit 1`,
  ))[0]!;
  await db.execute(sql`delete from achievements where external_id like 'speed-new-%'`);
  let seed = 20261123;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const found = (word: string, id: string) => index.match(demandQuery({ title: word }), { limit: 10 }).some((h) => h.id === id);
  async function visible(word: string, id: string, start: number) {
    for (;;) {
      if (found(word, id)) return performance.now() - start;
      if (performance.now() - start > 10_000) return Infinity;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  const inserted: number[] = [];
  const updated: number[] = [];
  const writes: number[] = [];
  const restore: { id: string; title: string }[] = [];
  for (let t = 0; t < TRIALS; t++) {
    await new Promise((r) => setTimeout(r, Math.floor(random() * 1000)));
    const w1 = marker(random);
    const w2 = marker(random);
    const f = achievementFromCsl(recombine(records, records.length + Math.floor(random() * 100_000)), new Date());
    const s1 = performance.now();
    const row = await achievementRepository.insert(db, {
      ...f,
      title: `${f.title} ${w1}`,
      externalId: `speed-new-${t}`,
      publishedAt: new Date(),
      organizationId: owner.organization_id,
      jurisdictionCode: owner.jurisdiction_code,
      jurisdictionPath: owner.jurisdiction_path,
      ownerType: 'university',
      createdBy: owner.created_by,
    });
    writes.push(performance.now() - s1);
    const [other] = await db.select().from(achievements).where(sql`external_id = ${`bench-${records.length + 1000 + t * 7919}`}`);
    const s2 = performance.now();
    await achievementRepository.update(db, other!, { title: `${other!.title} ${w2}` });
    restore.push({ id: other!.id, title: other!.title });
    const [a, b] = await Promise.all([visible(w1, row.id, s1), visible(w2, other!.id, s2)]);
    inserted.push(a);
    updated.push(b);
  }
  // Leave the corpus as it was.
  await db.execute(sql`delete from achievements where external_id like 'speed-new-%'`);
  for (const r of restore) {
    const [cur] = await db.select().from(achievements).where(sql`id = ${r.id}`);
    await achievementRepository.update(db, cur!, { title: r.title });
  }
  const all = [...inserted, ...updated].sort((a, b) => a - b);
  return {
    trials: TRIALS,
    timerMs: Number(values['follow-ms']),
    insertMaxMs: ms(Math.max(...inserted)),
    updateMaxMs: ms(Math.max(...updated)),
    p50ms: ms(percentile(all, 50)),
    maxms: ms(all.at(-1)!),
    writeP50ms: ms(percentile([...writes].sort((a, b) => a - b), 50)),
  };
}

// ---------------------------------------------------------------- baselines

/** A demand's tokens for a plain search engine: queryTokens sentence by sentence (queryTokens alone stops at 500 characters and 32 tokens). */
function baselineTokens(d: SpeedDemand): string[] {
  const out = new Set<string>();
  for (const s of demandText(d).split(/(?<=[。！？；;!?\n])/)) for (const t of queryTokens(s)) out.add(t);
  return [...out];
}

/**
 * A row's tokens by field from its stored search vector (the same indexTokens
 * tokens the engine reads): title and keywords (A) and tags (B) as `head`,
 * the summary (C) as `body`, each token repeated as often as it occurs.
 */
function fieldsOf(vector: string) {
  const head: string[] = [];
  const body: string[] = [];
  for (const m of vector.matchAll(/'((?:[^'\\]|''|\\.)*)'(?::([0-9A-D,]+))?/g)) {
    const lexeme = m[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1');
    for (const pos of (m[2] ?? 'D').split(',')) (/[AB]$/.test(pos) ? head : body).push(lexeme);
  }
  return { head: head.join(' '), body: body.join(' ') };
}

/** The published rows in the order the engine's build reads them (id), `limit` of them, page by page. */
async function* rowsOf(db: Db, limit: number) {
  let after = '';
  let n = 0;
  while (n < limit) {
    const page = await queryRows<{ id: string; v: string }>(
      db,
      sql`select id, search_vector::text as v from achievements where status = 'published' and id > ${after || '00000000-0000-0000-0000-000000000000'}::uuid order by id limit ${Math.min(5000, limit - n)}`,
    );
    if (!page.length) return;
    for (const r of page) yield r;
    n += page.length;
    after = page.at(-1)!.id;
  }
}

type Searcher = (tokens: string[]) => Promise<string[]> | string[];

async function runJsBaseline(system: 'minisearch' | 'flexsearch', rows: number, latencyDemands: SpeedDemand[], batchDemands: SpeedDemand[]) {
  const before = memory();
  const database = await openTarget(target());
  const t0 = performance.now();
  const ids: string[] = [];
  let add: (n: number, f: { head: string; body: string }) => void;
  let search: (tokens: string[]) => number[];
  if (system === 'minisearch') {
    const MiniSearch = (await import('minisearch')).default;
    // As the matching-quality benchmark configures it (systems.ts, settings.ts): title/keywords 1, abstract 0.2, OR, no prefix or fuzzy.
    const ms = new MiniSearch<{ id: number; head: string; body: string }>({
      fields: ['head', 'body'],
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      searchOptions: { boost: { head: 1, body: 0.2 }, combineWith: 'OR', prefix: false, fuzzy: false },
    });
    add = (n, f) => ms.add({ id: n, ...f });
    search = (tokens) => ms.search(tokens.join(' ')).slice(0, 10).map((r) => r.id as number);
  } else {
    const { Document } = await import('flexsearch');
    const encoder = { encode: (s: string) => s.split(' ').filter(Boolean) };
    const field = (f: string) => ({ field: f, tokenize: 'strict' as const, resolution: 9, encoder });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const index = new (Document as any)({ document: { id: 'id', index: [field('head'), field('body')] } });
    const boosts: Record<string, number> = { head: 1, body: 0.2 };
    add = (n, f) => index.add({ id: n, ...f });
    search = (tokens) => {
      const results: { field: string; result: number[] }[] = index.search(tokens.join(' '), { suggest: true, limit: 100 });
      const score = new Map<number, number>();
      for (const { field: f, result } of results) result.forEach((id, i) => score.set(id, (score.get(id) ?? 0) + boosts[f]! / (i + 1)));
      return [...score.entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, 10)
        .map(([id]) => id);
    };
  }
  let readSeconds = 0;
  let tr = performance.now();
  for await (const r of rowsOf(database.db, rows)) {
    readSeconds += (performance.now() - tr) / 1000;
    add(ids.length, fieldsOf(r.v));
    ids.push(r.id);
    if (ids.length % 100_000 === 0) log(`${system}: ${ids.length} rows (${((performance.now() - t0) / 1000).toFixed(0)} s, heap ${MB(process.memoryUsage().heapUsed)} MB)`);
    tr = performance.now();
  }
  const buildSeconds = (performance.now() - t0) / 1000;
  await database.close();
  log(`${system}: built ${ids.length} rows in ${buildSeconds.toFixed(1)} s`);
  const after = { ...memory(), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
  const measured = await measureSearcher(system, (t) => search(t).map((n) => ids[n]!), latencyDemands, batchDemands);
  return { system, rows: ids.length, buildSeconds: Number(buildSeconds.toFixed(1)), readSeconds: Number(readSeconds.toFixed(1)), memory: { before, after }, ...measured };
}

/**
 * A baseline's latency and batch. Each part stops at its time budget: the
 * latency figures are then over the first demands only (the same first ones
 * for every system), and the batch time is extrapolated from the demands
 * done (the batch demands come from the same generator).
 */
async function measureSearcher(system: string, search: Searcher, latencyDemands: SpeedDemand[], batchDemands: SpeedDemand[]) {
  const queryBudget = Number(values['query-budget']) * 60_000;
  const batchBudget = Number(values['batch-budget']) * 60_000;
  const warm = performance.now();
  for (const d of latencyDemands.slice(0, 10)) {
    await search(baselineTokens(d));
    if (performance.now() - warm > queryBudget / 10) break;
  }
  const times: number[] = [];
  let empty = 0;
  const t0 = performance.now();
  for (const d of latencyDemands) {
    const s = performance.now();
    const hits = await search(baselineTokens(d));
    times.push(performance.now() - s);
    if (!hits.length) empty++;
    if (performance.now() - t0 > queryBudget) break;
  }
  log(`${system}: ${times.length} demands, p95 ${latency(times).p95ms} ms`);
  const lat = { ...latency(times), queries: times.length, of: latencyDemands.length, emptyResults: empty };
  const tb = performance.now();
  let done = 0;
  for (const d of batchDemands) {
    await search(baselineTokens(d));
    done++;
    if (performance.now() - tb > batchBudget) break;
  }
  const seconds = (performance.now() - tb) / 1000;
  log(`${system}: batch ${done} of ${batchDemands.length} in ${seconds.toFixed(1)} s`);
  return {
    latency: lat,
    batch: {
      demands: batchDemands.length,
      measured: done,
      seconds: Number(((seconds * batchDemands.length) / done).toFixed(1)),
      extrapolated: done < batchDemands.length ? `from ${done} demands in ${seconds.toFixed(0)} s` : false,
    },
  };
}

/** PostgreSQL full-text search on the app's table: the stored search_vector, its GIN index, an OR of the demand's tokens, ts_rank_cd, top 10. */
async function runPostgres(latencyDemands: SpeedDemand[], batchDemands: SpeedDemand[]) {
  const database = await openTarget(target());
  const db = database.db;
  const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  const search: Searcher = async (tokens) => {
    if (!tokens.length) return [];
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select id from achievements, to_tsquery('simple', ${tokens.map(lexeme).join(' | ')}) q
          where status = 'published' and search_vector @@ q
          order by ts_rank_cd(search_vector, q, 1) desc, id limit 10`,
    );
    return rows.map((r) => r.id);
  };
  const rows = await publishedAchievements(db);
  const measured = await measureSearcher('postgres', search, latencyDemands, batchDemands);
  await database.close();
  return { system: 'postgres', rows, buildSeconds: null, ...measured };
}

// ---------------------------------------------------------------- the whole app (optional: --systems app)

/**
 * The app server at N: its start (buildApp builds the catalogue replicas and,
 * following them, both matching indexes), its memory, and GET
 * /api/demands/:id/matches?limit=10 for the published public demo demands
 * through the real app (app.inject: routing, the source row, feedback, the
 * engine, the presenter), one request at a time.
 */
async function runApp() {
  const before = memory();
  const database = await openTarget(target());
  const config = { ...loadConfig({ NODE_ENV: 'test', SEED: 'none' }), logLevel: 'silent' };
  const t0 = performance.now();
  const app = await buildApp({ db: database.db, config });
  const startSeconds = (performance.now() - t0) / 1000;
  log(`app: started in ${startSeconds.toFixed(1)} s`);
  const after = { ...memory(), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
  const ids = await queryRows<{ id: string }>(database.db, sql`select id from demands where status = 'published' and confidentiality = 'public' order by id limit 200`);
  const get = async (id: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/demands/${id}/matches?limit=10` });
    if (res.statusCode !== 200) throw new Error(`matches of ${id}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  };
  for (const { id } of ids.slice(0, 10)) await get(id);
  const times: number[] = [];
  for (const { id } of ids) {
    const s = performance.now();
    await get(id);
    times.push(performance.now() - s);
  }
  log(`app: ${times.length} requests, p95 ${latency(times).p95ms} ms`);
  await app.close();
  const rows = await publishedAchievements(database.db);
  await database.close();
  return { system: 'app', rows, startSeconds: Number(startSeconds.toFixed(1)), memory: { before, after }, latency: { ...latency(times), requests: times.length } };
}

// ---------------------------------------------------------------- orchestration

async function child(system: string, args: string[], timeoutMin: number): Promise<{ ok: true; result: Record<string, unknown> } | { ok: false; error: string }> {
  const script = new URL(import.meta.url).pathname;
  // The engine runs as an app server would (Node's default heap limit); the JS baselines get room to show how far they go.
  const heap = system === 'minisearch' || system === 'flexsearch' ? ['--max-old-space-size=12000'] : [];
  const nodeArgs = [...process.execArgv, '--expose-gc', ...heap, script, '--only', system, ...args];
  return new Promise((resolve) => {
    const p = spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    const timer = setTimeout(() => {
      log(`${system}: over ${timeoutMin} min, stopping it (pid ${p.pid})`);
      p.kill('SIGKILL');
    }, timeoutMin * 60_000);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve({ ok: true, result: JSON.parse(line.slice(7)) });
      else resolve({ ok: false, error: signal === 'SIGKILL' ? `over ${timeoutMin} min` : `exit ${code ?? signal}${/heap out of memory/i.test(out) ? ' (out of memory)' : ''}` });
    });
  });
}

async function main() {
  const records = readRecords();
  const latencyDemands = speedDemands(records, N, Q, 'latency');
  const batchDemands = speedDemands(records, N, BATCH, 'batch');

  if (values.only) {
    const system = values.only;
    const result =
      system === 'engine'
        ? await runEngine(latencyDemands, batchDemands)
        : system === 'app'
          ? await runApp()
          : system === 'postgres'
          ? await runPostgres(latencyDemands, batchDemands)
          : await runJsBaseline(system as 'minisearch' | 'flexsearch', Number(values.rows ?? N), latencyDemands, batchDemands);
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    return;
  }

  const name = values.database ?? (N === 1_000_000 ? 'kzt_bench_matching' : `kzt_bench_matching_${N}`);
  const url = values.pglite ? undefined : await ensureDatabase(values.server, name);
  const t: Target = values.pglite ? { kind: 'pglite', dataDir: values.pglite } : { kind: 'postgres', url: url! };
  log(`corpus of ${N} records in ${values.pglite ? `PGlite ${values.pglite}` : `PostgreSQL ${name}`}…`);
  const loaded = await ensureLoaded(t, records, N, log);
  const published = await publishedAchievements(loaded.database.db);
  await loaded.database.close();
  log(loaded.loadedRows ? `loaded ${loaded.loadedRows} rows in ${loaded.loadSeconds.toFixed(0)} s` : 'database reused');
  if (values['load-only']) return;

  const common = [...(values.threads ? ['--threads', values.threads] : []), '--n', String(N), '--queries', String(Q), '--batch', String(BATCH), '--trials', String(TRIALS), '--follow-ms', values['follow-ms'], '--query-budget', values['query-budget'], '--batch-budget', values['batch-budget']];
  const where = values.pglite ? ['--pglite', values.pglite] : ['--url', url!];
  const results: Record<string, unknown>[] = [];
  const started = new Date().toISOString();
  const load = [os.loadavg()[0]!];
  for (const system of values.systems.split(',')) {
    let rows = N;
    for (;;) {
      log(`${system}: ${rows} rows…`);
      const r = await child(system, [...common, ...where, '--rows', String(rows)], ['engine', 'postgres', 'app'].includes(system) ? 24 * 60 : Number(values['baseline-timeout']));
      load.push(os.loadavg()[0]!);
      if (r.ok) {
        log(`${system}: ${JSON.stringify(r.result)}`);
        results.push({ ...r.result, ...(rows < N ? { note: `did not finish at ${N} rows (${failures.get(system)}); measured at ${rows}` } : {}) });
        break;
      }
      log(`${system}: failed at ${rows} rows: ${r.error}`);
      failures.set(system, `${failures.get(system) ? `${failures.get(system)}; ` : ''}${rows}: ${r.error}`);
      if (['engine', 'postgres', 'app'].includes(system) || rows <= 62_500) {
        results.push({ system, rows, error: r.error });
        break;
      }
      rows = Math.floor(rows / 2);
    }
  }
  const engineDir = new URL('../../apps/server/src/modules/matching/', import.meta.url);
  const engineHash = createHash('sha1');
  for (const f of fs.readdirSync(engineDir).filter((f) => /^matching\.(engine|intent|terms)[.\w]*\.ts$/.test(f) && !f.endsWith('.test.ts')).sort()) engineHash.update(fs.readFileSync(new URL(f, engineDir)));
  const report = {
    date: started,
    commit: execSync('git rev-parse --short HEAD', { cwd: new URL('.', import.meta.url) }).toString().trim(),
    /** The engine's files (matching.engine*.ts, intent, terms) change while it is tuned: which version was measured. */
    engineSha1: engineHash.digest('hex').slice(0, 12),
    database: values.pglite ? 'PGlite' : 'PostgreSQL 15',
    publishedAchievements: published,
    loadSeconds: loaded.loadedRows ? Number(loaded.loadSeconds.toFixed(0)) : null,
    loadAverage: load.map((x) => Number(x.toFixed(1))),
    results,
  };
  console.log(JSON.stringify(report));
}

const failures = new Map<string, string>();

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

