/**
 * Technology contracts benchmark (issue 15: "1,000,000 registered contracts
 * over ten years and the five jurisdictions: registration p95 ≤ 50 ms, a
 * jurisdiction's yearly totals p95 ≤ 200 ms on PGlite and PostgreSQL").
 *
 *   npx tsx bench/contracts/run.ts [--n 1000000] [--registrations 200] [--totals 200] [--db pglite|postgres]
 *   (postgres uses DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, in a scratch database)
 *
 * Corpus: N registered contracts made by SQL (generate_series) straight into
 * the contracts table, spread over the ten years before this one and this
 * one's start, five kinds, sellers and buyers in counties of the five
 * jurisdictions (晋中, 山西, 陕西, 沈阳, 威海) and some outside them, amounts
 * from a hash of the row number. Not real registrations: only the shape
 * (paths, years, kinds, amounts) matters to the two queries timed.
 *
 * Registration: a draft in 晋中 is entered, submitted at a 晋中 point and
 * registered by the jurisdiction's administrator through the services
 * (submitContract + reviewContract: the duplicate check against the N
 * contracts, the window setting, the counter row locked FOR UPDATE, the
 * event and the audit). The time of the review (the registration itself) is
 * what p95 is taken over; the submit is reported beside it.
 * Totals: contractTotals() for one of the five jurisdictions and one of the
 * ten years in turn (by kind, absorbed/output/input, money received). The
 * totals are running rows kept by each registration and termination
 * (contract_year_totals); after the SQL load they are built once in SQL,
 * which loadSeconds includes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { REVIEW_CHECKLIST, shanghaiToday } from '@kzt/shared';
import { openDatabase, queryRows } from '../../apps/server/src/db/client.ts';
import { scratchDatabase } from '../../apps/server/test/database.ts';
import { accountRepository } from '../../apps/server/src/modules/accounts/accounts.repository.ts';
import { jurisdictionRepository } from '../../apps/server/src/modules/jurisdictions/jurisdictions.repository.ts';
import { ensureJurisdictions, REFERENCE_JURISDICTIONS } from '../../apps/server/src/modules/jurisdictions/jurisdictions.service.ts';
import { contractRepository } from '../../apps/server/src/modules/contracts/contracts.repository.ts';
import { addDays } from '../../apps/server/src/modules/contracts/contracts.classify.ts';
import { contractTotals, createRegistrationPoint, DOCUMENT_RECORD, reviewContract, submitContract } from '../../apps/server/src/modules/contracts/contracts.service.ts';
import { attachmentRepository } from '../../apps/server/src/modules/attachments/attachments.repository.ts';
import { systemContext } from '../../apps/server/src/platform/context.ts';
import type { Actor } from '../../apps/server/src/platform/actor.ts';
import { percentile } from '../corpus.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    registrations: { type: 'string', default: '200' },
    totals: { type: 'string', default: '200' },
    db: { type: 'string', default: 'pglite' },
  },
});
const N = Number(values.n);
const R = Number(values.registrations);
const T = Number(values.totals);

/** County paths the parties lie in: five jurisdictions, and places outside them. */
const PATHS = [
  '140000/140700/140702',
  '140000/140700/140721',
  '140000/140100/140105',
  '140000/140200/140202',
  '610000/610100/610113',
  '610000/610300/610302',
  '210000/210100/210102',
  '210000/210200/210202',
  '370000/371000/371002',
  '370000/370200/370202',
  '110000/110100/110108',
  '320000/320500/320505',
];
const KINDS = ['development', 'transfer', 'licence', 'consulting', 'service'];
const JURISDICTIONS = ['140700', '140000', '610000', '210100', '371000'];

async function main() {
  let drop: (() => Promise<void>) | undefined;
  let database;
  if (values.db === 'postgres') {
    const scratch = await scratchDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    drop = scratch.drop;
    database = await openDatabase({ url: scratch.url });
  } else {
    database = await openDatabase({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-bench-contracts-')) });
  }
  const { db } = database;
  await database.migrate();
  await ensureJurisdictions(db, REFERENCE_JURISDICTIONS);
  const year = Number(shanghaiToday().slice(0, 4));

  // ---- load
  const t0 = performance.now();
  const paths = sql.raw(`array[${PATHS.map((p) => `'${p}'`).join(',')}]`);
  const kinds = sql.raw(`array[${KINDS.map((k) => `'${k}'`).join(',')}]`);
  const chunk = 50_000;
  for (let from = 1; from <= N; from += chunk) {
    const to = Math.min(N, from + chunk - 1);
    await db.execute(sql`
      insert into contracts (kind, title, signed_on, valid_until, seller, buyer, seller_key, buyer_key, seller_path, buyer_path,
        contract_amount, technology_amount, status, registration_number, registered_on, registered_year, certified_amount, jurisdiction_code, jurisdiction_path)
      select k, '基准合同 ' || i, d, d + 365,
        jsonb_build_object('organizationId', null, 'name', '卖方' || (i % 5000), 'creditCode', '', 'region', split_part(sp, '/', 3), 'regionPath', sp, 'entityType', 'university'),
        jsonb_build_object('organizationId', null, 'name', '买方' || (i % 7000), 'creditCode', '', 'region', split_part(bp, '/', 3), 'regionPath', bp, 'entityType', 'enterprise'),
        'name:卖方' || (i % 5000), 'name:买方' || (i % 7000), sp, bp,
        amt, amt - (amt / 10) * (i % 2), 'registered',
        y || '-' || split_part(sp, '/', 2) || '-01-' || lpad(i::text, 7, '0'), d + 10, y, amt - (amt / 10) * (i % 2), split_part(sp, '/', 2), split_part(sp, '/', 1) || '/' || split_part(sp, '/', 2)
      from (
        select i,
          (${kinds})[(1 + (i * 7) % 5)::int] as k,
          (${paths})[(1 + (i * 31) % ${PATHS.length})::int] as sp,
          (${paths})[(1 + (i * 17 + i / 3) % ${PATHS.length})::int] as bp,
          (${year} - 10 + i % 10)::int as y,
          make_date((${year} - 10 + i % 10)::int, (1 + (i * 13) % 12)::int, (1 + (i * 11) % 28)::int) as d,
          (100000 + (i * 7919) % 50000000)::bigint * 10 as amt
        from generate_series(${from}::bigint, ${to}::bigint) as i
      ) s`);
  }
  // The running totals the registrations keep, built once for the loaded contracts (the same rules, in SQL).
  await db.execute(sql`
    insert into contract_year_totals (jurisdiction_code, year, kind, count, contract_amount, technology_amount, certified_amount,
      absorbed_count, absorbed_amount, output_count, output_amount, input_count, input_amount)
    select code, registered_year, kind, count(*), sum(contract_amount), sum(technology_amount), sum(certified_amount),
      count(*) filter (where b), coalesce(sum(technology_amount) filter (where b), 0),
      count(*) filter (where s and not b), coalesce(sum(technology_amount) filter (where s and not b), 0),
      count(*) filter (where b and not s), coalesce(sum(technology_amount) filter (where b and not s), 0)
    from (
      select c.registered_year, c.kind, c.contract_amount, c.technology_amount, c.certified_amount, x.code,
        x.code = any(string_to_array(c.seller_path, '/')) as s, x.code = any(string_to_array(c.buyer_path, '/')) as b
      from contracts c, lateral (select distinct unnest(string_to_array(c.seller_path || '/' || c.buyer_path, '/')) as code) x
      where c.status = 'registered'
    ) t
    group by code, registered_year, kind
    on conflict (jurisdiction_code, year, kind) do nothing`);
  await db.execute(sql`analyze contracts`);
  const loadSeconds = (performance.now() - t0) / 1000;
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from contracts`);

  // ---- people: the 晋中 administrator (enters, submits and registers), a platform administrator (totals)
  const user = await accountRepository.insert(db, { email: `bench-${Date.now()}@kzt.bench`, name: '基准管理员', passwordHash: 'x', verifiedAt: new Date() });
  await jurisdictionRepository.addAdmin(db, { jurisdictionCode: '140700', userId: user.id });
  const actor: Actor = {
    user: { id: user.id, name: user.name, email: user.email, phone: null, isPlatformAdmin: false },
    memberships: [],
    adminOf: [{ code: '140700', name: '晋中市', path: '140000/140700' }],
    session: { tokenHash: 'bench', via: 'bearer' },
  };
  const ctx = { ...systemContext('bench-contracts'), actor };
  const point = await createRegistrationPoint(db, ctx, '140700', { code: '01', name: '基准登记点', address: '', staffUserIds: [] });
  const platform: Actor = { ...actor, user: { ...actor.user, isPlatformAdmin: true } };

  // ---- registration
  const submitMs: number[] = [];
  const registerMs: number[] = [];
  const today = shanghaiToday();
  for (let i = 0; i < R; i++) {
    const c = await contractRepository.insert(db, {
      kind: 'transfer',
      subkind: 'patent',
      title: `基准登记 ${i}`,
      contractNo: `BENCH-${i}`,
      signedOn: addDays(today, -1),
      validUntil: addDays(today, 365),
      seller: { organizationId: null, name: '晋中基准大学', creditCode: '', region: '140702', regionPath: '140000/140700/140702', entityType: 'university' },
      buyer: { organizationId: null, name: `买方 ${i}`, creditCode: '', region: '371002', regionPath: '370000/371000/371002', entityType: 'enterprise' },
      sellerKey: 'name:晋中基准大学',
      buyerKey: `name:买方 ${i}`,
      sellerPath: '140000/140700/140702',
      buyerPath: '370000/371000/371002',
      contractAmount: 1_000_000 + i,
      technologyAmount: 1_000_000 + i,
      expectedInvestment: 0,
      expectedOutput: 0,
      createdBy: user.id,
    });
    // The signed contract the desk requires (its row only: the bench measures registration, not file storage).
    await attachmentRepository.insert(db, { recordType: DOCUMENT_RECORD, recordId: c.id, fileName: `BENCH-${i}.pdf`, mime: 'application/pdf', size: 1, sha256: '0'.repeat(64), uploadedBy: user.id });
    let t = performance.now();
    await submitContract(db, ctx, c.id, { pointId: point.id });
    submitMs.push(performance.now() - t);
    t = performance.now();
    await reviewContract(db, ctx, c.id, { decision: 'register', reason: '', checklist: [...REVIEW_CHECKLIST] });
    registerMs.push(performance.now() - t);
  }

  // ---- totals
  const totalsMs: number[] = [];
  let sample: unknown;
  for (let i = 0; i < T; i++) {
    const code = JURISDICTIONS[i % JURISDICTIONS.length]!;
    const y = year - 10 + ((i * 3) % 10);
    const t = performance.now();
    const r = await contractTotals(db, platform, code, y);
    totalsMs.push(performance.now() - t);
    if (i === 1) sample = { code, year: y, all: r.all };
  }

  const stats = (ms: number[]) => {
    const s = [...ms].sort((a, b) => a - b);
    return { n: s.length, p50: +percentile(s, 50).toFixed(1), p95: +percentile(s, 95).toFixed(1), max: +s.at(-1)!.toFixed(1) };
  };
  console.log(
    JSON.stringify({
      bench: 'contracts',
      db: database.kind,
      contracts: count!.n,
      loadSeconds: +loadSeconds.toFixed(1),
      register: stats(registerMs),
      submit: stats(submitMs),
      totals: stats(totalsMs),
      sample,
      targets: { registerP95: 50, totalsP95: 200 },
    }),
  );
  await database.close();
  await drop?.();
}

await main();
