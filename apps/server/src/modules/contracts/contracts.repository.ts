import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ContractQuery } from '@kzt/shared';
import { queryRows, type Executor } from '../../db/client.ts';
import { contractHistory, contractPayments, contracts, contractYearTotals, registrationCounters, registrationPoints, registrationSettings } from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { containsPattern } from '../../platform/text.ts';

export type ContractRow = typeof contracts.$inferSelect;
export type ContractPaymentRow = typeof contractPayments.$inferSelect;
export type ContractHistoryRow = typeof contractHistory.$inferSelect;
export type PointRow = typeof registrationPoints.$inferSelect;

/** The status of a contract an import job has entered but not finished: seen by nobody until the import is done. */
export const IMPORTING = 'importing';

/** `path` lies in one of the subtrees (a jurisdiction path itself or below it). */
export function pathIn(column: SQL | AnyPgColumn, paths: string[]): SQL {
  if (!paths.length) return sql`false`;
  return sql`(${sql.join(
    paths.map((p) => sql`(${column} = ${p} or ${column} like ${`${p}/%`})`),
    sql` or `,
  )})`;
}

/** Which contracts a list shows: mine (my organisations on any side, or entered by me), my jurisdictions' (administrators), or my registration desk's. */
function scopeFilter(actor: Actor, q: ContractQuery, deskPointIds: string[]): SQL {
  if (q.scope === 'desk') return deskPointIds.length ? and(inArray(contracts.pointId, deskPointIds), ne(contracts.status, 'draft'))! : sql`false`;
  if (q.scope === 'jurisdiction') {
    if (actor.user.isPlatformAdmin) return sql`true`;
    const paths = actor.adminOf.map((j) => j.path);
    return sql`(${pathIn(contracts.sellerPath, paths)} or ${pathIn(contracts.buyerPath, paths)})`;
  }
  const orgs = actor.memberships.map((m) => m.organizationId);
  const mine = [eq(contracts.createdBy, actor.user.id)];
  if (orgs.length) mine.push(inArray(contracts.sellerOrganizationId, orgs), inArray(contracts.buyerOrganizationId, orgs), inArray(contracts.agencyOrganizationId, orgs));
  return or(...mine)!;
}

/**
 * The duplicate rule over a contracts table (or an alias of it): same seller and either the same parties, kind,
 * amounts and date, or the same contract number; among registered contracts (a duplicate) or terminated ones (a copy
 * the desk registers only on its word).
 */
const duplicateWhere = (t: Record<'id' | 'status' | 'sellerKey' | 'buyerKey' | 'kind' | 'signedOn' | 'contractAmount' | 'technologyAmount' | 'contractNo', AnyPgColumn>, c: ContractRow, status: 'registered' | 'terminated' = 'registered') =>
  and(
    ne(t.id, c.id),
    eq(t.status, status),
    eq(t.sellerKey, c.sellerKey),
    or(
      and(eq(t.buyerKey, c.buyerKey), eq(t.kind, c.kind), eq(t.signedOn, c.signedOn), eq(t.contractAmount, c.contractAmount), eq(t.technologyAmount, c.technologyAmount)),
      c.contractNo ? eq(t.contractNo, c.contractNo) : sql`false`,
    ),
  );

/** Adds rows to the running yearly totals (one statement; also a part of the registration's). */
const totalsUpsert = (db: Executor, rows: (typeof contractYearTotals.$inferInsert)[]) => {
  const cols = ['count', 'contractAmount', 'technologyAmount', 'certifiedAmount', 'absorbedCount', 'absorbedAmount', 'outputCount', 'outputAmount', 'inputCount', 'inputAmount'] as const;
  return db
    .insert(contractYearTotals)
    .values(rows)
    .onConflictDoUpdate({
      target: [contractYearTotals.jurisdictionCode, contractYearTotals.year, contractYearTotals.kind],
      set: Object.fromEntries(cols.map((c) => [c, sql.raw(`contract_year_totals.${contractYearTotals[c].name} + excluded.${contractYearTotals[c].name}`)])),
    });
};

/** All SQL of the contracts module. */
export const contractRepository = {
  insert: async (db: Executor, values: typeof contracts.$inferInsert) => (await db.insert(contracts).values(values).returning())[0]!,

  /** Which of these contract numbers the seller has entered already (not refused or terminated ones either: a number names one contract). */
  /** Of `numbers`, those the seller has entered already (not counting the rows of the import `exceptImportId`, run again). */
  contractNosOf: async (db: Executor, sellerKey: string, numbers: string[], exceptImportId: string | null = null) =>
    (
      await db
        .selectDistinct({ no: contracts.contractNo })
        .from(contracts)
        .where(and(eq(contracts.sellerKey, sellerKey), inArray(contracts.contractNo, numbers), exceptImportId ? sql`${contracts.importId} is distinct from ${exceptImportId}` : undefined))
    ).map((r) => r.no!),

  /** The file rows an import has made drafts of already, and the first drafts (for its report). */
  importedRows: async (db: Executor, importId: string) =>
    (await db.select({ row: contracts.importRow }).from(contracts).where(eq(contracts.importId, importId))).map((r) => r.row!),
  importedContracts: async (db: Executor, importId: string, limit: number) =>
    db
      .select({ row: contracts.importRow, id: contracts.id, title: contracts.title })
      .from(contracts)
      .where(and(eq(contracts.importId, importId), ne(contracts.status, IMPORTING)))
      .orderBy(contracts.importRow)
      .limit(limit),
  /** Deletes the rows an import entered and never revealed (a discarded import); answers how many. */
  deleteHidden: async (db: Executor, importId: string, hidden: string) =>
    (await db.delete(contracts).where(and(eq(contracts.importId, importId), eq(contracts.status, hidden))).returning({ id: contracts.id })).length,
  revealImported: async (db: Executor, importId: string, hidden: string) =>
    (await db.update(contracts).set({ status: 'draft', updatedAt: new Date() }).where(and(eq(contracts.importId, importId), eq(contracts.status, hidden))).returning({ id: contracts.id })).length,

  /** Inserts the draft of a deal unless the deal has one already (then undefined). */
  insertForDeal: async (db: Executor, values: typeof contracts.$inferInsert) => (await db.insert(contracts).values(values).onConflictDoNothing({ target: contracts.dealId }).returning())[0],

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<ContractRow | undefined> => {
    const q = db.select().from(contracts).where(eq(contracts.id, id));
    return (await (opts.lock ? q.for('update') : q))[0];
  },

  insertForChallengeBid: async (db: Executor, values: typeof contracts.$inferInsert) =>
    (await db.insert(contracts).values(values).onConflictDoNothing({ target: contracts.challengeBidId }).returning())[0],

  /** Registered contracts (terminated ones too) signed on or after a day with one of these organisations as seller or buyer. */
  registeredAmong: (db: Executor, organizationIds: string[], since: string) =>
    organizationIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: contracts.id, title: contracts.title, signedOn: contracts.signedOn, registrationNumber: contracts.registrationNumber, sellerOrganizationId: contracts.sellerOrganizationId, buyerOrganizationId: contracts.buyerOrganizationId, seller: contracts.seller, buyer: contracts.buyer })
          .from(contracts)
          .where(
            and(
              inArray(contracts.status, ['registered', 'terminated']),
              sql`${contracts.registrationNumber} is not null`,
              sql`${contracts.signedOn} >= ${since}`,
              or(inArray(contracts.sellerOrganizationId, organizationIds), inArray(contracts.buyerOrganizationId, organizationIds)),
            ),
          ),

  byChallengeBid: async (db: Executor, bidId: string) => (await db.select().from(contracts).where(eq(contracts.challengeBidId, bidId)))[0],

  /** A contract with its registration point in one round trip (locking the contract row only). */
  byIdWithPoint: async (db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<{ c: ContractRow; point: PointRow | undefined } | undefined> => {
    const q = db.select({ c: contracts, point: registrationPoints }).from(contracts).leftJoin(registrationPoints, eq(registrationPoints.id, contracts.pointId)).where(eq(contracts.id, id));
    const [row] = await (opts.lock ? q.for('update', { of: contracts }) : q);
    return row && { c: row.c, point: row.point ?? undefined };
  },

  /**
   * Registers a contract in one statement: takes the point's next sequence
   * number for the year (the counter row is locked by the upsert until the
   * transaction ends; a number is never reused), writes the registration on
   * the contract, its history row and the running totals, unless a duplicate
   * is registered by then. Answers the number `<prefix><sequence, at least 6
   * digits>`, or undefined for a duplicate (nothing written).
   */
  register: async (
    db: Executor,
    r: {
      contract: ContractRow;
      year: number;
      pointId: string;
      prefix: string;
      registeredOn: string;
      certifiedAmount: number;
      certifiedReason: string | null;
      reason: string;
      checklist: string[];
      actorId: string;
      totals: (typeof contractYearTotals.$inferInsert)[];
    },
  ) => {
    // Drizzle parenthesises an embedded query: `totals as (insert …)`, `not exists (select …)`.
    const totals = r.totals.length ? sql`, totals as ${totalsUpsert(db, r.totals)}` : sql``;
    const other = alias(contracts, 'other');
    const duplicate = db.select({ id: other.id }).from(other).where(duplicateWhere(other, r.contract));
    const [row] = await queryRows<{ number: string }>(
      db,
      sql`with seq as (
          insert into ${registrationCounters} (year, point_id, next) values (${r.year}, ${r.pointId}::uuid, 2)
          on conflict (year, point_id) do update set next = ${registrationCounters}.next + 1
          returning next - 1 as n
        ), reg as (
          update ${contracts} set status = 'registered',
            registration_number = ${r.prefix} || lpad(seq.n::text, greatest(6, length(seq.n::text)), '0'),
            registered_on = ${r.registeredOn}::date, registered_year = ${r.year}, certified_amount = ${r.certifiedAmount}::bigint,
            certified_reason = ${r.certifiedReason}, review_reason = ${r.reason || null}, checklist = ${JSON.stringify(r.checklist)}::jsonb,
            reviewed_by = ${r.actorId}::uuid, updated_at = now()
          from seq where ${contracts.id} = ${r.contract.id}::uuid and not exists ${duplicate}
          returning registration_number
        ), history as (
          insert into ${contractHistory} (contract_id, kind, reason, after, actor_id)
          select ${r.contract.id}::uuid, 'registration', ${r.reason}, jsonb_build_object('registrationNumber', registration_number, 'certifiedAmount', ${r.certifiedAmount}::bigint), ${r.actorId}::uuid from reg
        )${totals}
        select registration_number as number from reg`,
    );
    return row?.number;
  },

  byDeal: async (db: Executor, dealId: string) => (await db.select().from(contracts).where(eq(contracts.dealId, dealId)))[0],

  byNumber: async (db: Executor, number: string) => (await db.select().from(contracts).where(eq(contracts.registrationNumber, number)))[0],

  update: async (db: Executor, id: string, set: Partial<typeof contracts.$inferInsert>) =>
    (await db.update(contracts).set({ ...set, updatedAt: new Date() }).where(eq(contracts.id, id)).returning())[0]!,

  search: async (db: Executor, actor: Actor, q: ContractQuery, page: Page, deskPointIds: string[]) => {
    const party = q.party
      ? /^[0-9a-f-]{36}$/i.test(q.party)
        ? or(eq(contracts.sellerOrganizationId, q.party), eq(contracts.buyerOrganizationId, q.party))
        : sql`(${contracts.seller}->>'name' ilike ${containsPattern(q.party)} or ${contracts.buyer}->>'name' ilike ${containsPattern(q.party)})`
      : undefined;
    const rows = await db
      .select({ c: contracts, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(contracts)
      .where(
        and(
          scopeFilter(actor, q, deskPointIds),
          ne(contracts.status, IMPORTING),
          q.kind ? eq(contracts.kind, q.kind) : undefined,
          q.status ? eq(contracts.status, q.status) : undefined,
          q.dealId ? eq(contracts.dealId, q.dealId) : undefined,
          q.year ? sql`${contracts.signedOn} >= ${`${q.year}-01-01`}::date and ${contracts.signedOn} <= ${`${q.year}-12-31`}::date` : undefined,
          party,
        ),
      )
      .orderBy(desc(contracts.createdAt), asc(contracts.id))
      .limit(page.pageSize)
      .offset(offsetOf(page));
    return { rows: rows.map((r) => r.c), total: rows[0]?.total ?? 0 };
  },

  /** A registered contract (other than `id`) with the same parties, kind, amounts and signing date, or the same seller's contract number. */
  duplicateOf: async (db: Executor, c: ContractRow) =>
    (await db.select({ id: contracts.id, registrationNumber: contracts.registrationNumber }).from(contracts).where(duplicateWhere(contracts, c)).limit(1))[0],

  /** Terminated registered contracts (other than `id`) that this one copies by the same rule (newest first, a few). */
  terminatedCopiesOf: async (db: Executor, c: ContractRow) =>
    db
      .select({ id: contracts.id, title: contracts.title, registrationNumber: contracts.registrationNumber, terminatedOn: contracts.terminatedOn })
      .from(contracts)
      .where(and(duplicateWhere(contracts, c, 'terminated'), sql`${contracts.registrationNumber} is not null`))
      .orderBy(desc(contracts.terminatedOn))
      .limit(5),

  // ---- payments

  payments: async (db: Executor, contractId: string) => db.select().from(contractPayments).where(eq(contractPayments.contractId, contractId)).orderBy(asc(contractPayments.paidOn), asc(contractPayments.createdAt)),

  paymentById: async (db: Executor, contractId: string, id: string) =>
    (await db.select().from(contractPayments).where(and(eq(contractPayments.id, id), eq(contractPayments.contractId, contractId))).for('update'))[0],

  insertPayment: async (db: Executor, values: typeof contractPayments.$inferInsert) => (await db.insert(contractPayments).values(values).returning())[0]!,

  /** A deal payment carried over once (undefined when it was already). */
  insertDealPayment: async (db: Executor, values: typeof contractPayments.$inferInsert) =>
    (await db.insert(contractPayments).values(values).onConflictDoNothing({ target: contractPayments.dealPaymentId }).returning())[0],

  updatePayment: async (db: Executor, id: string, set: Partial<typeof contractPayments.$inferInsert>) =>
    (await db.update(contractPayments).set(set).where(eq(contractPayments.id, id)).returning())[0]!,

  // ---- history

  history: async (db: Executor, contractId: string) => db.select().from(contractHistory).where(eq(contractHistory.contractId, contractId)).orderBy(asc(contractHistory.at), asc(contractHistory.id)),

  addHistory: async (db: Executor, values: typeof contractHistory.$inferInsert) => (await db.insert(contractHistory).values(values).returning())[0]!,

  // ---- registration points

  points: async (db: Executor, jurisdictionCode: string) => db.select().from(registrationPoints).where(eq(registrationPoints.jurisdictionCode, jurisdictionCode)).orderBy(asc(registrationPoints.code)),

  pointById: async (db: Executor, id: string): Promise<PointRow | undefined> => (await db.select().from(registrationPoints).where(eq(registrationPoints.id, id)))[0],

  pointByCode: async (db: Executor, jurisdictionCode: string, code: string) =>
    (await db.select().from(registrationPoints).where(and(eq(registrationPoints.jurisdictionCode, jurisdictionCode), eq(registrationPoints.code, code))))[0],

  setPointStaff: async (db: Executor, id: string, staffUserIds: string[]) => (await db.update(registrationPoints).set({ staffUserIds }).where(eq(registrationPoints.id, id)).returning())[0]!,

  insertPoint: async (db: Executor, values: typeof registrationPoints.$inferInsert) => (await db.insert(registrationPoints).values(values).returning())[0]!,

  /** Points where a person is on the staff, or that lie in a jurisdiction they administer. */
  deskPointIds: async (db: Executor, actor: Actor) => {
    const paths = actor.adminOf.map((j) => j.path);
    const rows = await db
      .select({ id: registrationPoints.id })
      .from(registrationPoints)
      .where(
        actor.user.isPlatformAdmin
          ? sql`true`
          : sql`(${registrationPoints.staffUserIds} @> ${JSON.stringify([actor.user.id])}::jsonb or ${pathIn(sql`${registrationPoints.jurisdictionPath}`, paths)})`,
      );
    return rows.map((r) => r.id);
  },

  /** A jurisdiction's totals of contracts registered in a year, by kind (terminated ones taken out). */
  yearlyTotals: async (db: Executor, jurisdictionCode: string, year: number) => {
    const rows = await db
      .select()
      .from(contractYearTotals)
      .where(and(eq(contractYearTotals.jurisdictionCode, jurisdictionCode), eq(contractYearTotals.year, year)))
      .orderBy(contractYearTotals.kind);
    return rows.map(({ jurisdictionCode: _j, year: _y, ...r }) => r);
  },

  /** Adds a registration's (or, negated, a termination's) figures to the totals of every jurisdiction concerned. */
  addToTotals: async (db: Executor, rows: (typeof contractYearTotals.$inferInsert)[]) => {
    if (rows.length) await totalsUpsert(db, rows);
  },

  /** Money confirmed received in a year on contracts whose seller lies in the subtree (实际到账). */
  receivedInYear: async (db: Executor, path: string, year: number) => {
    const [row] = await db
      .select({ amount: sql<number>`coalesce(sum(${contractPayments.amount}), 0)`.mapWith(Number), count: sql<number>`count(*)`.mapWith(Number) })
      .from(contractPayments)
      .innerJoin(contracts, eq(contracts.id, contractPayments.contractId))
      .where(
        and(
          sql`${contractPayments.confirmedAt} is not null`,
          sql`${contractPayments.paidOn} >= ${`${year}-01-01`}::date and ${contractPayments.paidOn} <= ${`${year}-12-31`}::date`,
          sql`(${contracts.sellerPath} = ${path} or ${contracts.sellerPath} like ${`${path}/%`})`,
        ),
      );
    return row!;
  },

  /**
   * Money paid and received in a year per organisation on the platform: as
   * buyer (recorded, and of that confirmed by the seller) and as seller
   * (confirmed receipts, 实际到账), by payment date. `scope` limits the
   * organisations: these ids, or parties whose region lies in these paths
   * (administrators), or all (null). Only registered (or since terminated)
   * contracts unless `registeredOnly` is false.
   */
  paymentTotals: async (db: Executor, q: { year: number; scope: { orgIds: string[] } | { paths: string[] } | null; registeredOnly: boolean; page: Page }) => {
    const inYear = sql`p.paid_on >= ${`${q.year}-01-01`}::date and p.paid_on <= ${`${q.year}-12-31`}::date`;
    const status = q.registeredOnly ? sql`and c.status in ('registered', 'terminated')` : sql``;
    const side = (org: SQL, path: SQL) =>
      q.scope === null ? sql`` : 'orgIds' in q.scope ? (q.scope.orgIds.length ? sql`and ${org} in (${sql.join(q.scope.orgIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`and false`) : sql`and ${pathIn(path, q.scope.paths)}`;
    const rows = await queryRows<{ organization_id: string; name: string; paid: string; paid_confirmed: string; received: string; received_unconfirmed: string; contracts: string; total: string }>(
      db,
      sql`
        with moves as (
          select c.buyer_organization_id as organization_id, c.buyer->>'name' as name, p.amount as paid,
                 case when p.confirmed_at is not null then p.amount else 0 end as paid_confirmed, 0::bigint as received, 0::bigint as received_unconfirmed, c.id as contract_id
          from contract_payments p join contracts c on c.id = p.contract_id
          where ${inYear} ${status} and c.buyer_organization_id is not null ${side(sql`c.buyer_organization_id`, sql`c.buyer_path`)}
          union all
          select c.seller_organization_id, c.seller->>'name', 0::bigint, 0::bigint,
                 case when p.confirmed_at is not null then p.amount else 0 end, case when p.confirmed_at is null then p.amount else 0 end, c.id
          from contract_payments p join contracts c on c.id = p.contract_id
          where ${inYear} ${status} and c.seller_organization_id is not null ${side(sql`c.seller_organization_id`, sql`c.seller_path`)}
        )
        select organization_id, max(name) as name, sum(paid) as paid, sum(paid_confirmed) as paid_confirmed, sum(received) as received,
               sum(received_unconfirmed) as received_unconfirmed, count(distinct contract_id) as contracts, count(*) over () as total
        from moves group by organization_id
        order by sum(received) + sum(paid) desc, organization_id
        limit ${q.page.pageSize} offset ${offsetOf(q.page)}`,
    );
    return {
      total: Number(rows[0]?.total ?? 0),
      rows: rows.map((r) => ({
        organizationId: r.organization_id,
        name: r.name,
        paid: Number(r.paid),
        paidConfirmed: Number(r.paid_confirmed),
        paidUnconfirmed: Number(r.paid) - Number(r.paid_confirmed),
        received: Number(r.received),
        receivedUnconfirmed: Number(r.received_unconfirmed),
        contracts: Number(r.contracts),
      })),
    };
  },

  // ---- settings

  windowDays: async (db: Executor, codes: string[]) => {
    if (!codes.length) return [];
    return db.select().from(registrationSettings).where(inArray(registrationSettings.jurisdictionCode, codes));
  },

  saveWindow: async (db: Executor, jurisdictionCode: string, windowDays: number) => {
    await db
      .insert(registrationSettings)
      .values({ jurisdictionCode, windowDays })
      .onConflictDoUpdate({ target: registrationSettings.jurisdictionCode, set: { windowDays, updatedAt: new Date() } });
  },
};
