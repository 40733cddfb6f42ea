import { regionChain } from '@kzt/shared';
/**
 * Statistics at scale (issue 18): 1,000,000 registered contracts, 100,000
 * published achievements and 100,000 deals over ten years in the five
 * jurisdictions' subtrees, counted through the statistics service (facts and
 * daily sums, as the event handlers count them); then the dashboard's whole
 * figure set for a province (a year by month, ten years by year, a year by
 * child region) timed on PGlite and on the PostgreSQL server, and how long
 * a newly registered contract takes to show (event → runner → figures);
 * and the two reads of stat_facts itself, the top organisations
 * (`GET /api/stats/organizations`) and the flows between regions
 * (`GET /api/stats/flows`), for a province's year and ten years and for a
 * city's year, among 20,000 organisations.
 *
 *   npx tsx bench/statistics/run.ts [--db pglite,postgres] [--contracts 1000000] [--others 100000] [--runs 30]
 *     [--url postgres://…/db --keep]   use that database as it is (no scratch database), and keep it loaded
 *     [--data-dir DIR]   PGlite in DIR, kept (loaded once, measured again on a later run)
 *     [--bulk]   load the same facts with plain multi-row inserts and build every sum from them in SQL
 *                afterwards (the same sums as counting them one by one; minutes instead of an hour)
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openDatabase, type Db } from '../../apps/server/src/db/client.ts';
import { statFacts } from '../../apps/server/src/db/schema/index.ts';
import { seed } from '../../apps/server/src/seed.ts';
import { publish } from '../../apps/server/src/platform/events.ts';
import { platformRunner } from '../../apps/server/src/runner.ts';
import { contractRegistered } from '../../apps/server/src/modules/contracts/contracts.events.ts';
import { classifyContract } from '../../apps/server/src/modules/statistics/statistics.regions.ts';
import type { Actor } from '../../apps/server/src/platform/actor.ts';
import { flowsOf, recordFacts, repairRollupSums, statsOf, topOrganizationsOf } from '../../apps/server/src/modules/statistics/statistics.service.ts';
import { scratchDatabase } from '../../apps/server/test/database.ts';
import { percentile } from '../corpus.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite,postgres' },
    server: { type: 'string', default: process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    contracts: { type: 'string', default: '1000000' },
    others: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
    url: { type: 'string' },
    keep: { type: 'boolean', default: false },
    bulk: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});
const CONTRACTS = Number(values.contracts);
const OTHERS = Number(values.others);
const RUNS = Number(values.runs);
const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);

/** Regions of the five plans' subtrees (GB/T 2260), and a few outside them. */
const REGIONS = [
  '140702', '140721', '140722', '140781', '140100', '140105', '140200', '140400', '140500', // 山西 (晋中 and other cities)
  '610102', '610113', '610300', '610400', '610800', // 陕西
  '210102', '210104', '210112', '210200', '210300', // 辽宁 (沈阳 and others)
  '371002', '371003', '371082', '371083', '370100', '370200', // 山东 (威海 and others)
  '110108', '310104', '440305', // 北京, 上海, 深圳
];
const KINDS = ['development', 'transfer', 'licence', 'consulting', 'service'];
const ORGANIZATIONS = 20_000;
/** A platform administrator, who may read every jurisdiction's organisations and flows. */
const ADMIN = { user: { id: randomUUID(), name: '基准', email: null, phone: null, isPlatformAdmin: true }, memberships: [], adminOf: [], session: { tokenHash: '', via: 'bearer' } } satisfies Actor;

/** A deterministic generator, so both databases get the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function dayOf(r: () => number) {
  const d = new Date(Date.UTC(2017, 0, 1) + Math.floor(r() * 3652) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

type Facts = Parameters<typeof recordFacts>[1];

/** Counts through the statistics service, as the event handlers do (facts and every sum in one transaction). */
const viaService = (db: Db) => (facts: Facts) => db.transaction((tx) => recordFacts(tx, facts));

/** Only the facts, in plain multi-row inserts; the sums are built from them in SQL afterwards (`buildSums`). */
const viaInserts = (db: Db) => async (facts: Facts) => {
  for (let i = 0; i < facts.length; i += 1000) await db.insert(statFacts).values(facts.slice(i, i + 1000));
};

/** The parent of a region column in SQL, as parentRegion() of statistics.regions.ts. */
const parentOf = (col: string) => `case when ${col} like '%0000' then null when ${col} like '%00' then left(${col}, 2) || '0000' else left(${col}, 4) || '00' end`;

/** Every sum rebuilt from the live facts: what counting them one by one through recordFacts() leaves. */
async function buildSums(db: Db) {
  const t0 = performance.now();
  const statements = [
    'truncate stat_rollups, stat_rollup_months, stat_rollup_years, stat_party_months, stat_party_years, stat_party_totals, stat_flow_months, stat_flow_years',
    `insert into stat_rollups (jurisdiction_code, parent_code, day, metric, kind, count, amount, amount2)
       select j, ${parentOf('j')}, day, metric, kind, count(*), sum(amount), sum(amount2)
       from stat_facts, unnest(jurisdictions) as j where reversed_at is null group by j, day, metric, kind`,
    `insert into stat_flow_months (month, seller_region, buyer_region, count, amount)
       select date_trunc('month', day)::date, seller_region, buyer_region, count(*), sum(amount)
       from stat_facts where metric = 'contract' and reversed_at is null group by 1, 2, 3`,
    ...(['seller', 'buyer'] as const).map(
      (side) => `insert into stat_party_months (jurisdiction_code, side, party_key, month, name, region, count, amount, amount2)
       select j, '${side}', ${side}_key, date_trunc('month', day)::date, max(${side}_name), max(${side}_region), count(*), sum(amount), sum(amount2)
       from stat_facts, unnest(jurisdictions) as j where metric = 'contract' and reversed_at is null and ${side}_key <> '' group by 1, 3, 4`,
    ),
    `insert into stat_flow_years (year, seller_region, buyer_region, count, amount)
       select date_trunc('year', month)::date, seller_region, buyer_region, sum(count), sum(amount) from stat_flow_months group by 1, 2, 3`,
    `insert into stat_party_years (jurisdiction_code, side, party_key, year, name, region, count, amount, amount2)
       select jurisdiction_code, side, party_key, date_trunc('year', month)::date, max(name), max(region), sum(count), sum(amount), sum(amount2)
       from stat_party_months group by 1, 2, 3, 4`,
    `insert into stat_party_totals (jurisdiction_code, side, party_key, name, region, count, amount, amount2)
       select jurisdiction_code, side, party_key, max(name), max(region), sum(count), sum(amount), sum(amount2) from stat_party_months group by 1, 2, 3`,
    'analyze',
  ];
  for (const s of statements) await db.execute(sql.raw(s));
  // The monthly and yearly sums from the daily ones, as the start-up repair builds them.
  await repairRollupSums(db);
  await db.execute(sql`analyze`);
  return performance.now() - t0;
}

async function load(db: Db, count: (facts: Facts) => Promise<unknown>) {
  const r = rng(42);
  const batch = 2500;
  let t0 = performance.now();
  for (let i = 0; i < CONTRACTS; i += batch) {
    const facts: Facts = [];
    for (let j = i; j < Math.min(CONTRACTS, i + batch); j++) {
      const seller = REGIONS[Math.floor(r() * REGIONS.length)]!;
      // Most buyers are near the seller: same city, then same province, then anywhere.
      const p = r();
      const buyer = p < 0.45 ? seller : p < 0.7 ? REGIONS.find((x) => x.slice(0, 2) === seller.slice(0, 2) && x !== seller) ?? seller : REGIONS[Math.floor(r() * REGIONS.length)]!;
      const amount = Math.round(1_000_000 + r() * 1_000_000_000);
      const s = Math.floor(r() * ORGANIZATIONS);
      const b = Math.floor(r() * ORGANIZATIONS);
      const parties = { sellerKey: `o${s}`, sellerName: `卖方机构${s}`, buyerKey: `o${b}`, buyerName: `买方机构${b}`, sellerRegion: seller, buyerRegion: buyer };
      const base = { sourceType: 'contract', sourceId: `c${j}`, day: dayOf(r), kind: KINDS[j % KINDS.length]!, label: '', amount, amount2: Math.round(amount * 0.8), ...parties };
      const flow = classifyContract(seller, buyer);
      facts.push({ ...base, metric: 'contract', jurisdictions: regionChain(seller) }, { ...base, metric: 'contract.local', jurisdictions: flow.local }, { ...base, metric: 'contract.output', jurisdictions: flow.output }, { ...base, metric: 'contract.input', jurisdictions: flow.input });
    }
    await count(facts);
    if ((i / batch) % 40 === 0) log(`  contracts ${i + batch}`);
  }
  const contractsMs = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < OTHERS; i += batch) {
    const facts: Facts = [];
    for (let j = i; j < Math.min(OTHERS, i + batch); j++) {
      const region = REGIONS[Math.floor(r() * REGIONS.length)]!;
      facts.push({ metric: 'achievement.published', sourceType: 'achievement', sourceId: `a${j}`, day: dayOf(r), jurisdictions: regionChain(region) });
      facts.push({ metric: 'deal', sourceType: 'deal', sourceId: `d${j}`, day: dayOf(r), kind: ['fixed', 'negotiated', 'auction'][j % 3]!, amount: Math.round(r() * 500_000_000), jurisdictions: regionChain(region) });
    }
    await count(facts);
  }
  return { contractsMs, othersMs: performance.now() - t0 };
}

async function timed(fn: () => Promise<unknown>) {
  const times: number[] = [];
  await fn();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)) };
}

async function run(kind: 'pglite' | 'postgres') {
  const dir = kind === 'pglite' ? (values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-stats-bench-'))) : undefined;
  const scratch = kind === 'postgres' && !values.url ? await scratchDatabase(values.server!) : undefined;
  const database = await openDatabase(dir ? { dataDir: path.join(dir, 'pglite') } : { url: values.url ?? scratch!.url });
  try {
    await database.migrate();
    await seed(database.db, loadConfig({ NODE_ENV: 'test', SEED: 'none' }), () => {});
    const present = (await statsOf(database.db, null, { jurisdiction: '140000', from: '2017-01-01', to: '2026-12-31', by: 'year' }, { public: true })).figures.achievementsPublished;
    log(present ? `${kind}: already loaded` : `${kind}: loading ${CONTRACTS} contracts, ${OTHERS} achievements and ${OTHERS} deals`);
    const loaded = present ? { contractsMs: 0, othersMs: 0, sumsMs: 0 } : { ...(await load(database.db, values.bulk ? viaInserts(database.db) : viaService(database.db))), sumsMs: 0 };
    if (!present && values.bulk) loaded.sumsMs = await buildSums(database.db);
    log(`${kind}: loaded in ${Math.round(loaded.contractsMs / 1000)} s + ${Math.round(loaded.othersMs / 1000)} s, sums built in ${Math.round(loaded.sumsMs / 1000)} s`);
    const db = database.db;
    const q = (by: 'month' | 'year' | 'child', from: string, to: string) => () => statsOf(db, null, { jurisdiction: '140000', from, to, by }, { public: true });
    const yearByMonth = await timed(q('month', '2025-01-01', '2025-12-31'));
    // The dashboard as the page asks it: a year by month with the same period a year before (同比).
    const yearByMonthCompared = await timed(() => statsOf(db, null, { jurisdiction: '140000', from: '2025-01-01', to: '2025-12-31', by: 'month', compare: 'previousYear' }, { public: true }));
    const tenYears = await timed(q('year', '2017-01-01', '2026-12-31'));
    const byChild = await timed(q('child', '2025-01-01', '2025-12-31'));
    const city = await timed(() => statsOf(db, null, { jurisdiction: '140700', from: '2025-01-01', to: '2025-12-31', by: 'month' }, { public: true }));
    const top = (jurisdiction: string, from: string, to: string, side: 'seller' | 'buyer', order: 'amount' | 'count') => () => topOrganizationsOf(db, ADMIN, { jurisdiction, from, to, side, order, limit: 10 });
    const flows = (jurisdiction: string, from: string, to: string) => () => flowsOf(db, ADMIN, { jurisdiction, from, to });
    const organizations = {
      provinceYear: await timed(top('140000', '2025-01-01', '2025-12-31', 'seller', 'amount')),
      provinceYearBuyersByCount: await timed(top('140000', '2025-01-01', '2025-12-31', 'buyer', 'count')),
      provinceTenYears: await timed(top('140000', '2017-01-01', '2026-12-31', 'seller', 'amount')),
      cityYear: await timed(top('140700', '2025-01-01', '2025-12-31', 'seller', 'amount')),
    };
    log(`${kind}: organizations ${JSON.stringify(organizations)}`);
    const flowTimes = {
      provinceYear: await timed(flows('140000', '2025-01-01', '2025-12-31')),
      provinceTenYears: await timed(flows('140000', '2017-01-01', '2026-12-31')),
      cityYear: await timed(flows('140700', '2025-01-01', '2025-12-31')),
    };
    log(`${kind}: flows ${JSON.stringify(flowTimes)}`);
    const before = (await statsOf(db, null, { jurisdiction: '140700', from: '2026-01-01', to: '2026-12-31' }, { public: true })).figures.contracts.count;
    // A new registered contract: published as the contracts module does, delivered by the platform's runner, then read.
    const t = performance.now();
    await publish(db, contractRegistered, {
      contractId: randomUUID(), kind: 'transfer', subkind: null, title: '基准测试合同', signedOn: '2026-06-01',
      seller: { organizationId: null, name: '卖方', region: '140702', entityType: 'university' }, buyer: { organizationId: null, name: '买方', region: '140702', entityType: 'enterprise' },
      agency: null, achievementIds: [], dealId: null, registrationNumber: 'BENCH-1', registeredOn: '2026-06-02', jurisdictionCode: '140702', contractAmount: 100_000_00, technologyAmount: 100_000_00, certifiedAmount: 100_000_00,
    });
    await platformRunner(db, { error: () => {} }).runDue(new Date(Date.now() + 1000));
    const after = (await statsOf(db, null, { jurisdiction: '140700', from: '2026-01-01', to: '2026-12-31' }, { public: true })).figures.contracts.count;
    const freshMs = Math.round(performance.now() - t);
    if (after !== before + 1) throw new Error(`the new contract did not show: ${before} → ${after}`);
    return { db: kind, contracts: CONTRACTS, others: OTHERS, loadContractsS: Math.round(loaded.contractsMs / 1000), bulk: values.bulk, sumsS: Math.round(loaded.sumsMs / 1000), loadAvg: os.loadavg().map((x) => Math.round(x * 10) / 10), yearByMonth, yearByMonthCompared, tenYears, byChild, city, organizations, flows: flowTimes, freshMs, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) };
  } finally {
    await database.close();
    if (dir && !values['data-dir']) fs.rmSync(dir, { recursive: true, force: true });
    if (!values.keep) await scratch?.drop();
  }
}

for (const kind of values.db!.split(',') as ('pglite' | 'postgres')[]) console.log(JSON.stringify(await run(kind)));
