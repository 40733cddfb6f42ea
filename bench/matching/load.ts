/**
 * Loads the matching-speed corpus into a database that is kept between runs:
 * the demo seed (4,758 CSL records as achievements, through the app's own
 * seed), then corpus records 4,758 … N−1 (bench/corpus.ts recombine) as
 * published achievements with the same columns as bench/catalogue/run.ts
 * writes (achievementFromCsl, the demo universities in turn).
 *
 * Fast where the catalogue loader was slow (100,000 rows in 162 s):
 * - tokens come from CorpusTokens (tokens.ts: each CSL part cut once), and
 *   the search vector is built by PostgreSQL from them with the app's own
 *   expression (searchVectorSql: setweight(to_tsvector('simple', …)) ||…);
 * - 5,000 rows per statement (json_to_recordset), the next batch prepared
 *   while the database writes the last one;
 * - the table's secondary indexes (the GIN index above all) are dropped for
 *   the load and built again after it, foreign-key triggers are off for the
 *   loading session (session_replication_role = replica: the rows' owners
 *   exist), commits are asynchronous.
 * A load that stops half-way resumes where it stopped (rows are loaded in
 * order, one statement per batch; dropped index definitions are kept in a
 * table `bench_saved_indexes` until they are built again).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Confidentiality } from '@kzt/shared';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database, type Db } from '../../apps/server/src/db/client.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { seed } from '../../apps/server/src/seed.ts';
import { achievementFromCsl } from '../../apps/server/src/seedCatalogue.ts';
import { titleKey } from '../../apps/server/src/platform/search.ts';
import { achievementSearchVector } from '../../apps/server/src/modules/achievements/achievements.repository.ts';
import { organizationRepository } from '../../apps/server/src/modules/organizations/organizations.repository.ts';
import { accountRepository } from '../../apps/server/src/modules/accounts/accounts.repository.ts';
import { recombine, type CslRecord } from '../corpus.ts';
import { CorpusTokens } from './tokens.ts';

const BATCH = 5000;

export type Target = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/** A PostgreSQL database by name on the server of `serverUrl`, created when missing. */
export async function ensureDatabase(serverUrl: string, name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name: ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rows.length) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const openTarget = (t: Target): Promise<Database> => (t.kind === 'postgres' ? openDatabase({ url: t.url }) : openDatabase({ dataDir: t.dataDir }));

export async function publishedAchievements(db: Db) {
  return (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from achievements where status = 'published'`))[0]!.n;
}

/** Brings the database to N corpus records (seed included); returns what was done. */
export async function ensureLoaded(target: Target, records: CslRecord[], N: number, log: (m: string) => void) {
  const t0 = performance.now();
  const database = await openTarget(target);
  const db = database.db;
  try {
    await database.migrate();
    const config = { ...loadConfig({ NODE_ENV: 'test', SEED: 'demo' }), logLevel: 'silent' };
    if (!(await accountRepository.byLogin(db, 'tto@tyut.demo'))) {
      log('seeding the demo data (4,758 CSL records through the app’s seed)…');
      await seed(db, config, () => {});
    }
    const [{ n: loaded }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from achievements where external_id like 'bench-%'`)) as [{ n: number }];
    const start = records.length + loaded;
    if (start > N) throw new Error(`the database holds ${start} corpus records, more than --n ${N}: use another --database`);
    const saved = await queryRows<{ name: string; def: string }>(db, sql`select name, def from bench_saved_indexes`).catch(() => []);
    if (start === N && !saved.length) return { loadSeconds: 0, loadedRows: 0, database };

    const owner = (await accountRepository.byLogin(db, 'tto@tyut.demo'))!;
    const orgs = (await organizationRepository.list(db, null, { type: 'university' }, { page: 1, pageSize: 100 })).rows;
    if (N - start > 20_000) await dropIndexes(db, log);
    const tokens = new CorpusTokens(records);
    const now = new Date();
    let inFlight: Promise<unknown> | undefined;
    let done = 0;
    for (let from = start; from < N; from += BATCH) {
      const rows = [];
      for (let i = from; i < Math.min(N, from + BATCH); i++) {
        const r = recombine(records, i);
        const org = orgs[i % orgs.length]!;
        const f = achievementFromCsl(r, now);
        const open = f.confidentiality !== 'abstract';
        rows.push({
          organization_id: org.id,
          jurisdiction_code: org.jurisdictionCode,
          jurisdiction_path: org.jurisdictionPath,
          owner_type: 'university',
          created_by: owner.id,
          status: f.status,
          title: f.title,
          keywords: f.keywords,
          industry: f.industry,
          industry_tags: f.industryTags,
          confidentiality: f.confidentiality,
          external_id: f.externalId,
          reviewed_at: f.reviewedAt,
          published_at: f.publishedAt,
          confirmed_at: f.confirmedAt,
          search_title: titleKey(f.title),
          a: tokens.head(f.title, open ? f.keywords : []).join(' '),
          b: (open ? tokens.joined(f.industryTags) : []).join(' '),
          c: tokens.abstract(i, f.summary).join(' '),
          summary: f.summary,
          type: f.type,
          maturity: f.maturity,
          transfer_modes: f.transferModes,
          price_fen: f.priceFen,
          source: f.source,
        });
      }
      await inFlight;
      inFlight = insertBatch(db, JSON.stringify(rows));
      done += rows.length;
      if ((done / BATCH) % 20 === 0) log(`loaded ${from + rows.length - records.length} corpus rows beyond the seed (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await inFlight;
    log(`rows written in ${((performance.now() - t0) / 1000).toFixed(0)} s; building indexes…`);
    await restoreIndexes(db, log);
    await db.execute(sql`vacuum analyze achievements`);
    await verify(db, records, log);
    return { loadSeconds: (performance.now() - t0) / 1000, loadedRows: N - start, database };
  } catch (err) {
    await database.close();
    throw err;
  }
}

function insertBatch(db: Db, json: string) {
  return db.transaction(async (tx) => {
    // The rows' organisations, jurisdictions and creator exist: no foreign-key trigger per row.
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(sql`
      insert into achievements (organization_id, jurisdiction_code, jurisdiction_path, owner_type, created_by, status, title, keywords, industry, industry_tags,
        confidentiality, external_id, reviewed_at, published_at, confirmed_at, search_title, search_vector, summary, type, maturity, transfer_modes, price_fen, source)
      select organization_id, jurisdiction_code, jurisdiction_path, owner_type, created_by, status, title, keywords, industry, industry_tags,
        confidentiality, external_id, reviewed_at, published_at, confirmed_at, search_title,
        (setweight(to_tsvector('simple', a), 'A') || setweight(to_tsvector('simple', b), 'B') || setweight(to_tsvector('simple', c), 'C')),
        summary, type, maturity, transfer_modes, price_fen, source
      from json_to_recordset(${json}::json) as x(organization_id uuid, jurisdiction_code text, jurisdiction_path text, owner_type text, created_by uuid,
        status text, title text, keywords text[], industry text, industry_tags text[], confidentiality text, external_id text, reviewed_at timestamptz,
        published_at timestamptz, confirmed_at timestamptz, search_title text, a text, b text, c text, summary text, type text, maturity int,
        transfer_modes text[], price_fen bigint, source text)`);
  });
}

/** Drops the achievements table's secondary indexes, keeping their definitions for restoreIndexes. */
async function dropIndexes(db: Db, log: (m: string) => void) {
  await db.execute(sql`create table if not exists bench_saved_indexes (name text primary key, def text not null)`);
  const indexes = await queryRows<{ indexname: string; indexdef: string }>(
    db,
    sql`select indexname, indexdef from pg_indexes where tablename = 'achievements' and schemaname = current_schema() and indexname <> 'achievements_pkey'`,
  );
  for (const i of indexes) {
    await db.execute(sql`insert into bench_saved_indexes (name, def) values (${i.indexname}, ${i.indexdef}) on conflict do nothing`);
    await db.execute(sql.raw(`drop index "${i.indexname}"`));
  }
  if (indexes.length) log(`dropped ${indexes.length} indexes for the load: ${indexes.map((i) => i.indexname).join(', ')}`);
}

async function restoreIndexes(db: Db, log: (m: string) => void) {
  const saved = await queryRows<{ name: string; def: string }>(db, sql`select name, def from bench_saved_indexes`).catch(() => []);
  for (const s of saved) {
    const t = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
      await tx.execute(sql.raw(s.def));
      await tx.execute(sql`delete from bench_saved_indexes where name = ${s.name}`);
    });
    log(`index ${s.name} built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
}

/** The stored vectors of a sample of loaded rows equal what the app computes (achievementSearchVector) from their columns. */
async function verify(db: Db, records: CslRecord[], log: (m: string) => void) {
  const sample = await queryRows<{ external_id: string; v: string; title: string; keywords: string[]; industry_tags: string[]; summary: string; confidentiality: Confidentiality }>(
    db,
    sql`select external_id, search_vector::text as v, title, keywords, industry_tags, summary, confidentiality from achievements
        where external_id like 'bench-%' order by md5(external_id) limit 200`,
  );
  let differ = 0;
  for (const r of sample) {
    const [{ v }] = (await queryRows<{ v: string }>(
      db,
      sql`select ${achievementSearchVector({ title: r.title, keywords: r.keywords, industryTags: r.industry_tags, summary: r.summary, confidentiality: r.confidentiality })}::text as v`,
    )) as [{ v: string }];
    if (v !== r.v) differ++;
  }
  void records;
  log(`search vectors checked against the app's on ${sample.length} rows: ${differ} differ`);
  if (differ) throw new Error(`${differ} of ${sample.length} loaded search vectors differ from the app's`);
}
