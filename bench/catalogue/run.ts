/**
 * Catalogue search benchmark (issue: "with 100,000 published achievements, a
 * catalogue search with a query and two filters has p95 ≤ 50 ms on this
 * 2-core machine, on PGlite and on PostgreSQL").
 *
 * Corpus: the 4,758 CSL records recombined mechanically into N achievements
 * (title of one record + title tail of another; abstract sentences of three
 * records; keywords of two), so most records are not copies of a real one.
 * Queries: derived from records of the corpus, each a keyword (or two) of a
 * record plus two filters: that record's industry and a maturity range around
 * its maturity. Each query goes through the real HTTP app (app.inject) as an
 * anonymous visitor would send it, facets included.
 *
 *   npx tsx bench/catalogue/run.ts [--n 100000] [--queries 500] [--db pglite|postgres]
 *   (postgres uses DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, in a scratch database)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openDatabase, queryRows } from '../../apps/server/src/db/client.ts';
import { achievements } from '../../apps/server/src/db/schema/index.ts';
import { seed } from '../../apps/server/src/seed.ts';
import { achievementFromCsl, readCsl, stableHash } from '../../apps/server/src/seedCatalogue.ts';
import { achievementSearchVector } from '../../apps/server/src/modules/achievements/achievements.repository.ts';
import { titleKey } from '../../apps/server/src/platform/search.ts';
import { organizationRepository } from '../../apps/server/src/modules/organizations/organizations.repository.ts';
import { accountRepository } from '../../apps/server/src/modules/accounts/accounts.repository.ts';
import { scratchDatabase } from '../../apps/server/test/database.ts';
import { sql } from 'drizzle-orm';
import { percentile, recombine } from '../corpus.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '500' },
    db: { type: 'string', default: 'pglite' },
    'data-dir': { type: 'string' },
  },
});
const N = Number(values.n);
const Q = Number(values.queries);

async function main() {
  const records = readCsl();
  let dropScratch: (() => Promise<void>) | undefined;
  let database;
  let dataDir: string | undefined;
  if (values.db === 'postgres') {
    const scratch = await scratchDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    dropScratch = scratch.drop;
    database = await openDatabase({ url: scratch.url });
  } else {
    // --data-dir keeps the PGlite files, so later runs can skip loading (when the count matches).
    dataDir = values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-bench-'));
    database = await openDatabase({ dataDir });
  }
  let db = database.db;
  await database.migrate();
  const config = { ...loadConfig({ NODE_ENV: 'test', SEED: 'demo' }), logLevel: 'silent' };
  const t0 = performance.now();
  const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from achievements`);
  const reuse = existing!.n === N;
  if (!reuse) await seed(db, config, () => {});
  // Every corpus record beyond the demo seed goes to the demo universities' organisations in turn.
  const owner = (await accountRepository.byLogin(db, 'tto@tyut.demo'))!;
  const orgs = (await organizationRepository.list(db, null, { type: 'university' }, { page: 1, pageSize: 100 })).rows;
  const now = new Date();
  const batch = 1000;
  for (let start = records.length; !reuse && start < N; start += batch) {
    const rows = [];
    for (let i = start; i < Math.min(N, start + batch); i++) {
      const r = recombine(records, i);
      const org = orgs[i % orgs.length]!;
      const fields = achievementFromCsl(r, now);
      rows.push({
        ...fields,
        organizationId: org.id,
        jurisdictionCode: org.jurisdictionCode,
        jurisdictionPath: org.jurisdictionPath,
        ownerType: 'university',
        createdBy: owner.id,
        searchTitle: titleKey(fields.title),
        searchVector: achievementSearchVector(fields),
      });
    }
    await db.insert(achievements).values(rows);
  }
  await db.execute(sql`analyze`);
  const loadSeconds = (performance.now() - t0) / 1000;
  // Measure on a freshly opened database, as a restarted server would see it.
  if (dataDir) {
    await database.close();
    database = await openDatabase({ dataDir });
    db = database.db;
  }
  const [{ n: count }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from achievements where status = 'published'`)) as [{ n: number }];

  const tIndex = performance.now();
  const app = await buildApp({ db, config });
  const indexSeconds = (performance.now() - tIndex) / 1000;
  const queries: string[] = [];
  for (let i = 0; queries.length < Q; i++) {
    const r = recombine(records, stableHash(`q${i}`) % N);
    const f = achievementFromCsl(r, now);
    const kws = r.keywords.filter((k) => k.length >= 2 && k.length <= 10);
    if (!kws.length) continue;
    const q = i % 3 === 0 && kws.length > 1 ? `${kws[0]} ${kws[1]}` : kws[0]!;
    queries.push(`/api/achievements?q=${encodeURIComponent(q)}&industry=${f.industry}&maturityMin=${Math.max(1, f.maturity - 2)}&maturityMax=${Math.min(9, f.maturity + 2)}`);
  }
  // The hard case: the 50 most frequent keywords of the corpus (thousands of matches each), same two filters.
  const freq = new Map<string, number>();
  for (const r of records) for (const k of r.keywords) if (k.length >= 2 && k.length <= 10) freq.set(k, (freq.get(k) ?? 0) + 1);
  const common = [...freq.entries()].sort((a, b) => b[1] - a[1]).slice(0, 50).map(([k]) => k);
  const commonQueries = common.map((k, i) => `/api/achievements?q=${encodeURIComponent(k)}&industry=${['C', 'A', 'I', 'Q', 'M'][i % 5]}&maturityMin=2&maturityMax=7`);

  async function measure(urls: string[]) {
    for (const url of urls.slice(0, 20)) await app.inject({ method: 'GET', url });
    const times: number[] = [];
    let hits = 0;
    for (const url of urls) {
      const s = performance.now();
      const res = await app.inject({ method: 'GET', url });
      times.push(performance.now() - s);
      if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
      if ((res.json() as { total: number }).total > 0) hits++;
    }
    return { times: times.sort((a, b) => a - b), hits };
  }
  const { times, hits } = await measure(queries);
  const hard = await measure(commonQueries);
  const result = {
    date: new Date().toISOString(),
    db: database.kind,
    publishedAchievements: count,
    loadSeconds: Number(loadSeconds.toFixed(1)),
    queries: times.length,
    queriesWithResults: hits,
    p50ms: Number(percentile(times, 50).toFixed(1)),
    p95ms: Number(percentile(times, 95).toFixed(1)),
    p99ms: Number(percentile(times, 99).toFixed(1)),
    maxms: Number(times.at(-1)!.toFixed(1)),
    commonKeywordQueries: hard.times.length,
    commonP50ms: Number(percentile(hard.times, 50).toFixed(1)),
    commonP95ms: Number(percentile(hard.times, 95).toFixed(1)),
    indexBuildSeconds: Number(indexSeconds.toFixed(1)),
    rssMB: Math.round(process.memoryUsage().rss / 1048576),
  };
  console.log(JSON.stringify(result));
  await app.close();
  await database.close();
  await dropScratch?.();
  if (dataDir && !values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
