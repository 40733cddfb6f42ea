import { and, asc, count, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { policyBudgets, policyComputedEvents, policyContracts, policyEntitlements, policyPackVersions, policyRecords } from '../../db/schema/index.ts';

export type PackVersionRow = typeof policyPackVersions.$inferSelect;
export type EntitlementRow = typeof policyEntitlements.$inferSelect;
export type BudgetRow = typeof policyBudgets.$inferSelect;
export type RecordRow = typeof policyRecords.$inferSelect;

/** Statuses whose amounts count in the ledger (what a beneficiary already got). */
export const LIVE_STATUSES = ['granted', 'applied', 'returned', 'approved', 'paid'] as const;
/** Statuses that use a budget. */
export const BUDGET_STATUSES = ['approved', 'paid'] as const;

/** The engine events of one type about one party (by its role) that the engine accepted (their line has no refusal). */
async function acceptedEvents<E>(db: Executor, type: string, role: 'borrower' | 'agency', partyId: string): Promise<E[]> {
  const rows = await db
    .select({ ev: policyComputedEvents.engineEvent, line: policyComputedEvents.line })
    .from(policyComputedEvents)
    .where(and(sql`${policyComputedEvents.engineEvent}->>'type' = ${type}`, sql`${policyComputedEvents.engineEvent}->${sql.raw(`'${role}'`)}->>'id' = ${partyId}`));
  return rows.filter((r) => ((r.line as { refusals?: unknown[] }).refusals ?? []).length === 0).map((r) => r.ev as E);
}

export const policyRepository = {
  /** These entitlements: rule, beneficiary and status. */
  entitlementHeads: async (db: Executor, ids: string[]) =>
    ids.length
      ? db
          .select({ id: policyEntitlements.id, ruleTitle: policyEntitlements.ruleTitle, beneficiaryName: policyEntitlements.beneficiaryName, beneficiaryOrganizationId: policyEntitlements.beneficiaryOrganizationId, contractId: policyEntitlements.contractId, status: policyEntitlements.status })
          .from(policyEntitlements)
          .where(inArray(policyEntitlements.id, ids))
      : [],

  async packVersions(db: Executor, jurisdictionCode?: string): Promise<PackVersionRow[]> {
    const q = db.select().from(policyPackVersions);
    return jurisdictionCode
      ? q.where(eq(policyPackVersions.jurisdictionCode, jurisdictionCode)).orderBy(asc(policyPackVersions.validFrom))
      : q.orderBy(asc(policyPackVersions.jurisdictionCode), asc(policyPackVersions.validFrom));
  },
  async insertPackVersions(db: Executor, rows: (typeof policyPackVersions.$inferInsert)[]): Promise<PackVersionRow[]> {
    return db.insert(policyPackVersions).values(rows).onConflictDoNothing().returning();
  },
  /** Serialises the publications of one jurisdiction (the first version row is the lock). */
  async lockPack(db: Executor, jurisdictionCode: string): Promise<void> {
    await db.select({ id: policyPackVersions.id }).from(policyPackVersions).where(eq(policyPackVersions.jurisdictionCode, jurisdictionCode)).for('update');
  },

  async computedEvent(db: Executor, sourceEventId: string) {
    return (await db.select().from(policyComputedEvents).where(eq(policyComputedEvents.sourceEventId, sourceEventId)))[0];
  },
  async insertComputedEvent(db: Executor, row: typeof policyComputedEvents.$inferInsert): Promise<boolean> {
    return (await db.insert(policyComputedEvents).values(row).onConflictDoNothing().returning({ id: policyComputedEvents.sourceEventId })).length > 0;
  },

  /** The loans a borrower registered in the risk pool (accepted: their line has no refusal). */
  async poolLoans(db: Executor, borrowerId: string): Promise<{ loanId: string; principal: number }[]> {
    return (await acceptedEvents<{ loan: { id: string; principal: number } }>(db, 'loan_registered', 'borrower', borrowerId)).map((ev) => ({ loanId: ev.loan.id, principal: ev.loan.principal }));
  },

  /** The principal a borrower repaid on its loans in the risk pool (accepted repayments), by loan. */
  async repaidPrincipal(db: Executor, borrowerId: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const ev of await acceptedEvents<{ loan: { id: string }; principalRepaid: number }>(db, 'loan_repaid', 'borrower', borrowerId)) out.set(ev.loan.id, (out.get(ev.loan.id) ?? 0) + ev.principalRepaid);
    return out;
  },

  /** The days an agency entered a cultivation pool (晋中 000-20; accepted: their line has no refusal). */
  async agencyPoolings(db: Executor, agencyId: string): Promise<{ date: string; jurisdiction: string }[]> {
    return (await acceptedEvents<{ date: string; jurisdiction: string }>(db, 'agency_pooled', 'agency', agencyId)).map((ev) => ({ date: ev.date, jurisdiction: ev.jurisdiction })).sort((a, b) => a.date.localeCompare(b.date));
  },

  /**
   * A year's agency evaluations in a jurisdiction (of these schemes): how many
   * the engine counted, and how many it rewarded under the rule (优良率).
   */
  async evaluationCounts(db: Executor, q: { rule: string; jurisdiction: string; year: number; schemes: string[] | null }): Promise<{ evaluated: number; rated: number }> {
    const ev = policyComputedEvents.engineEvent;
    const j = q.jurisdiction;
    const within = j.endsWith('0000') ? sql`left(${ev}->>'jurisdiction', 2) = ${j.slice(0, 2)}` : j.endsWith('00') ? sql`left(${ev}->>'jurisdiction', 4) = ${j.slice(0, 4)}` : sql`${ev}->>'jurisdiction' = ${j}`;
    const [r] = await db
      .select({
        evaluated: sql<string>`count(*)`,
        rated: sql<string>`count(*) filter (where ${policyComputedEvents.line}->'entitlements' @> ${JSON.stringify([{ rule: q.rule }])}::jsonb)`,
      })
      .from(policyComputedEvents)
      .where(and(sql`${ev}->>'type' = 'agency_evaluation'`, sql`${ev}->>'year' = ${String(q.year)}`, within, q.schemes ? inArray(sql`${ev}->>'scheme'`, q.schemes) : undefined));
    return { evaluated: Number(r?.evaluated ?? 0), rated: Number(r?.rated ?? 0) };
  },

  async insertRecord(db: Executor, row: typeof policyRecords.$inferInsert): Promise<RecordRow> {
    const [r] = await db.insert(policyRecords).values(row).returning();
    return r!;
  },
  /** The loan registered in a jurisdiction's risk pool under this number. */
  async loanRecord(db: Executor, jurisdictionCode: string, loanId: string): Promise<RecordRow | undefined> {
    return (await db.select().from(policyRecords).where(and(eq(policyRecords.kind, 'loan_registered'), eq(policyRecords.jurisdictionCode, jurisdictionCode), eq(policyRecords.subject, loanId))))[0];
  },
  async records(db: Executor, jurisdictions: string[] | 'all', filter: { kind?: string }, page: { limit: number; offset: number }) {
    const reach = jurisdictions === 'all' ? sql`true` : or(sql`false`, ...jurisdictions.map((j) => prefixMatch(policyRecords.jurisdictionCode, j)));
    const where = and(reach, filter.kind ? eq(policyRecords.kind, filter.kind) : undefined);
    const rows = await db.select().from(policyRecords).where(where).orderBy(desc(policyRecords.createdAt), asc(policyRecords.id)).limit(page.limit).offset(page.offset);
    const [c] = await db.select({ n: count() }).from(policyRecords).where(where);
    return { rows, total: c?.n ?? 0 };
  },

  async contract(db: Executor, contractId: string) {
    return (await db.select().from(policyContracts).where(eq(policyContracts.contractId, contractId)))[0];
  },
  async upsertContract(db: Executor, row: typeof policyContracts.$inferInsert) {
    await db.insert(policyContracts).values(row).onConflictDoNothing();
  },
  async terminateContract(db: Executor, contractId: string, terminatedOn: string) {
    await db.update(policyContracts).set({ terminatedOn }).where(eq(policyContracts.contractId, contractId));
  },

  /** A transaction-scoped lock per beneficiary, so two events of one beneficiary see each other's grants. */
  async lockBeneficiaries(db: Executor, keys: string[]) {
    for (const k of [...new Set(keys)].sort()) await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`policy:${k}`}))`);
  },
  /** The live entitlements of these beneficiaries (to rebuild the engine's ledger). */
  async liveFor(db: Executor, keys: string[]): Promise<EntitlementRow[]> {
    if (keys.length === 0) return [];
    return db
      .select()
      .from(policyEntitlements)
      .where(and(inArray(policyEntitlements.beneficiaryKey, keys), inArray(policyEntitlements.status, [...LIVE_STATUSES])));
  },
  /** Every live entitlement with one of these items (a contract's per-project cap). */
  async liveForItems(db: Executor, items: string[]): Promise<EntitlementRow[]> {
    if (items.length === 0) return [];
    return db
      .select()
      .from(policyEntitlements)
      .where(and(inArray(policyEntitlements.item, items), inArray(policyEntitlements.status, [...LIVE_STATUSES])));
  },
  /**
   * The live commitments fixed at a challenge's awards (威海 004-5 conversion), whatever item the award kept them
   * under (the contract it named, else the challenge), with the tranches paid from each (rows of the same item
   * raised by milestones).
   */
  async challengeCommitments(db: Executor, challengeId: string): Promise<{ award: EntitlementRow; tranches: EntitlementRow[] }[]> {
    const awards = await db
      .select({ e: policyEntitlements })
      .from(policyEntitlements)
      .innerJoin(policyComputedEvents, eq(policyComputedEvents.sourceEventId, policyEntitlements.sourceEventId))
      .where(
        and(
          eq(policyEntitlements.eventType, 'challenge_awarded'),
          sql`${policyEntitlements.committed} is not null`,
          inArray(policyEntitlements.status, [...LIVE_STATUSES]),
          sql`${policyComputedEvents.engineEvent}->'challenge'->>'id' = ${challengeId}`,
        ),
      );
    if (awards.length === 0) return [];
    const tranches = await db
      .select()
      .from(policyEntitlements)
      .where(and(eq(policyEntitlements.eventType, 'challenge_milestone'), inArray(policyEntitlements.item, awards.map((a) => a.e.item)), inArray(policyEntitlements.status, [...LIVE_STATUSES])));
    return awards.map(({ e }) => ({ award: e, tranches: tranches.filter((t) => t.item === e.item && t.ruleId === e.ruleId) }));
  },
  /** The provincial money recorded in no-stacking groups (a provincial evaluation's award) for these agencies: the lines' `recorded`. */
  async recordedMoney(db: Executor, beneficiaries: string[]): Promise<{ beneficiary: string; group: string; year: number; amount: number }[]> {
    if (beneficiaries.length === 0) return [];
    const rows = await db
      .select({ line: policyComputedEvents.line })
      .from(policyComputedEvents)
      .where(and(sql`${policyComputedEvents.engineEvent}->>'type' = 'agency_evaluation'`, sql`(${policyComputedEvents.line}->'recorded') is not null`, inArray(sql`${policyComputedEvents.engineEvent}->'agency'->>'id'`, beneficiaries)));
    return rows.flatMap((r) => ((r.line as { recorded?: { beneficiary: string; group: string; year: number; amount: number }[] }).recorded ?? []).filter((x) => beneficiaries.includes(x.beneficiary)));
  },
  async insertEntitlements(db: Executor, rows: (typeof policyEntitlements.$inferInsert)[]): Promise<EntitlementRow[]> {
    if (rows.length === 0) return [];
    return db.insert(policyEntitlements).values(rows).onConflictDoNothing().returning();
  },
  /** The entitlements a challenge's events caused (award, milestones, acceptance) not yet paid, cancelled or rejected, locked. */
  async unpaidByChallenge(db: Executor, challengeId: string): Promise<EntitlementRow[]> {
    const caused = db
      .select({ id: policyComputedEvents.sourceEventId })
      .from(policyComputedEvents)
      .where(and(inArray(sql`${policyComputedEvents.engineEvent}->>'type'`, ['challenge_awarded', 'challenge_milestone', 'challenge_accepted']), sql`${policyComputedEvents.engineEvent}->'challenge'->>'id' = ${challengeId}`));
    return db
      .select()
      .from(policyEntitlements)
      .where(and(inArray(policyEntitlements.sourceEventId, caused), inArray(policyEntitlements.status, ['granted', 'applied', 'returned', 'approved'])))
      .for('update');
  },
  async byContract(db: Executor, contractId: string): Promise<EntitlementRow[]> {
    return db.select().from(policyEntitlements).where(and(eq(policyEntitlements.contractId, contractId), ne(policyEntitlements.status, 'cancelled'))).for('update');
  },
  async byId(db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<EntitlementRow | undefined> {
    const q = db.select().from(policyEntitlements).where(eq(policyEntitlements.id, id));
    return (opts.lock ? await q.for('update') : await q)[0];
  },
  async update(db: Executor, id: string, set: Partial<typeof policyEntitlements.$inferInsert>): Promise<EntitlementRow> {
    const [row] = await db.update(policyEntitlements).set({ ...set, updatedAt: new Date() }).where(eq(policyEntitlements.id, id)).returning();
    return row!;
  },
  async list(db: Executor, scope: { organizationIds: string[]; jurisdictions: string[] | 'all' }, filter: LedgerFilter & { status?: string | undefined }, page: { limit: number; offset: number }) {
    const reach: SQL[] = [];
    if (scope.organizationIds.length > 0) reach.push(inArray(policyEntitlements.beneficiaryOrganizationId, scope.organizationIds));
    if (scope.jurisdictions === 'all') reach.push(sql`true`);
    else for (const j of scope.jurisdictions) reach.push(jurisdictionMatch(j));
    if (reach.length === 0) return { rows: [] as EntitlementRow[], total: 0 };
    const where = and(or(...reach), filter.status ? eq(policyEntitlements.status, filter.status) : undefined, ...ledgerConditions(filter));
    const rows = await db.select().from(policyEntitlements).where(where).orderBy(desc(policyEntitlements.createdAt), asc(policyEntitlements.id)).limit(page.limit).offset(page.offset);
    const [c] = await db.select({ n: count() }).from(policyEntitlements).where(where);
    return { rows, total: c?.n ?? 0 };
  },
  /** 奖补台账: the ledger's sums per beneficiary, per budget line and year, and in all, of the jurisdictions in reach. */
  async ledgerSums(db: Executor, jurisdictions: string[] | 'all', filter: LedgerFilter) {
    const where = and(jurisdictions === 'all' ? sql`true` : or(sql`false`, ...jurisdictions.map(jurisdictionMatch)), ...ledgerConditions(filter));
    const byBeneficiary = await db
      .select({ beneficiary: policyEntitlements.beneficiaryKey, beneficiaryName: sql<string | null>`max(${policyEntitlements.beneficiaryName})`, beneficiaryOrganizationId: sql<string | null>`max(${policyEntitlements.beneficiaryOrganizationId}::text)`, ...SUMS })
      .from(policyEntitlements)
      .where(where)
      .groupBy(policyEntitlements.beneficiaryKey);
    const byBudgetLine = await db
      .select({ jurisdiction: policyEntitlements.jurisdictionCode, budgetLine: policyEntitlements.budgetLine, year: policyEntitlements.year, ...SUMS })
      .from(policyEntitlements)
      .where(where)
      .groupBy(policyEntitlements.jurisdictionCode, policyEntitlements.budgetLine, policyEntitlements.year);
    const [totals] = await db.select(SUMS).from(policyEntitlements).where(where);
    return { byBeneficiary, byBudgetLine, totals: totals! };
  },
  /** Sum of a beneficiary's amounts under a rule in a year, in the given statuses, except one entitlement. */
  async sumRuleYear(db: Executor, beneficiaryKey: string, ruleId: string, year: number, statuses: readonly string[], except: string): Promise<number> {
    const [r] = await db
      .select({ s: sql<string>`coalesce(sum(${policyEntitlements.amount}), 0)` })
      .from(policyEntitlements)
      .where(and(eq(policyEntitlements.beneficiaryKey, beneficiaryKey), eq(policyEntitlements.ruleId, ruleId), eq(policyEntitlements.year, year), inArray(policyEntitlements.status, [...statuses]), ne(policyEntitlements.id, except)));
    return Number(r?.s ?? 0);
  },

  async budget(db: Executor, key: { jurisdictionCode: string; budgetLine: string; year: number }, opts: { lock?: boolean } = {}): Promise<BudgetRow | undefined> {
    const q = db
      .select()
      .from(policyBudgets)
      .where(and(eq(policyBudgets.jurisdictionCode, key.jurisdictionCode), eq(policyBudgets.budgetLine, key.budgetLine), eq(policyBudgets.year, key.year)));
    return (opts.lock ? await q.for('update') : await q)[0];
  },
  async budgetUsed(db: Executor, key: { jurisdictionCode: string; budgetLine: string; year: number }): Promise<number> {
    const [r] = await db
      .select({ s: sql<string>`coalesce(sum(coalesce(${policyEntitlements.paidAmount}, ${policyEntitlements.amount})), 0)` })
      .from(policyEntitlements)
      .where(
        and(
          eq(policyEntitlements.jurisdictionCode, key.jurisdictionCode),
          eq(policyEntitlements.budgetLine, key.budgetLine),
          eq(policyEntitlements.year, key.year),
          inArray(policyEntitlements.status, [...BUDGET_STATUSES]),
        ),
      );
    return Number(r?.s ?? 0);
  },
  async upsertBudget(db: Executor, row: { jurisdictionCode: string; budgetLine: string; year: number; amount: number }): Promise<BudgetRow> {
    const [b] = await db
      .insert(policyBudgets)
      .values(row)
      .onConflictDoUpdate({ target: [policyBudgets.jurisdictionCode, policyBudgets.budgetLine, policyBudgets.year], set: { amount: row.amount, updatedAt: new Date() } })
      .returning();
    return b!;
  },
  /** The budget lines of a jurisdiction and everything below it for the years [fromYear, toYear], summed per jurisdiction and year. */
  budgetsWithin(db: Executor, code: string, fromYear: number, toYear: number): Promise<{ jurisdictionCode: string; year: number; amount: number }[]> {
    return db
      .select({ jurisdictionCode: policyBudgets.jurisdictionCode, year: policyBudgets.year, amount: sql<number>`sum(${policyBudgets.amount})::float8` })
      .from(policyBudgets)
      .where(and(budgetJurisdictionMatch(code), sql`${policyBudgets.year} between ${fromYear} and ${toYear}`))
      .groupBy(policyBudgets.jurisdictionCode, policyBudgets.year);
  },
  async budgets(db: Executor, jurisdictions: string[] | 'all'): Promise<BudgetRow[]> {
    const q = db.select().from(policyBudgets);
    const rows = await (jurisdictions === 'all' ? q : q.where(or(sql`false`, ...jurisdictions.map((j) => budgetJurisdictionMatch(j))))).orderBy(asc(policyBudgets.jurisdictionCode), asc(policyBudgets.budgetLine), desc(policyBudgets.year));
    return rows;
  },
};

/** What a ledger view narrows to: a year, a jurisdiction (and below it), a beneficiary, a budget line. */
export type LedgerFilter = { year?: number | undefined; jurisdiction?: string | undefined; beneficiary?: string | undefined; budgetLine?: string | undefined };
function ledgerConditions(f: LedgerFilter): (SQL | undefined)[] {
  return [
    f.year !== undefined ? eq(policyEntitlements.year, f.year) : undefined,
    f.jurisdiction ? jurisdictionMatch(f.jurisdiction) : undefined,
    f.beneficiary ? eq(policyEntitlements.beneficiaryKey, f.beneficiary) : undefined,
    f.budgetLine ? eq(policyEntitlements.budgetLine, f.budgetLine) : undefined,
  ];
}
const sumIf = (value: SQL, statuses: readonly string[]) => sql<string>`coalesce(sum(${value}) filter (where ${inArray(policyEntitlements.status, [...statuses])}), 0)`;
const e = policyEntitlements;
/** The ledger's sums (fen, as text from PostgreSQL's numeric), as `ledgerSums` in @kzt/shared defines them. */
const SUMS = {
  committed: sumIf(sql`${e.amount}`, LIVE_STATUSES),
  // A tranche repeats its commitment in `committed`: the commitment counts once, on the award's row.
  pledged: sumIf(sql`case when ${e.eventType} = 'challenge_milestone' then 0 else ${e.committed} end`, LIVE_STATUSES),
  approved: sumIf(sql`coalesce(${e.paidAmount}, ${e.amount})`, BUDGET_STATUSES),
  paid: sumIf(sql`coalesce(${e.paidAmount}, ${e.amount})`, ['paid']),
  cancelled: sumIf(sql`${e.amount}`, ['cancelled']),
  toRecover: sumIf(sql`${e.paidAmount}`, ['cancelled']),
  count: sql<string>`count(*)`,
};

/** A code column within a jurisdiction (GB/T 2260 prefixes). */
function prefixMatch(col: typeof policyRecords.jurisdictionCode, code: string): SQL {
  if (code.endsWith('0000')) return sql`left(${col}, 2) = ${code.slice(0, 2)}`;
  if (code.endsWith('00')) return sql`left(${col}, 4) = ${code.slice(0, 4)}`;
  return eq(col, code);
}

/** Entitlements of a jurisdiction and everything below it (GB/T 2260 prefixes). */
function jurisdictionMatch(code: string): SQL {
  const col = policyEntitlements.jurisdictionCode;
  if (code.endsWith('0000')) return sql`left(${col}, 2) = ${code.slice(0, 2)}`;
  if (code.endsWith('00')) return sql`left(${col}, 4) = ${code.slice(0, 4)}`;
  return eq(col, code);
}
function budgetJurisdictionMatch(code: string): SQL {
  const col = policyBudgets.jurisdictionCode;
  if (code.endsWith('0000')) return sql`left(${col}, 2) = ${code.slice(0, 2)}`;
  if (code.endsWith('00')) return sql`left(${col}, 4) = ${code.slice(0, 4)}`;
  return eq(col, code);
}
