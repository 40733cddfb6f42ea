import { EDITABLE_ENTITLEMENT_STATUSES, type EntitlementHistoryEntry, formatYuanExact, type LedgerSums, packVersionBody, policyRecordBody, requiredDocumentsOf, type PolicyRecordBody, type PolicyRecordDto, shanghaiToday, type PackVersion, type PackVersionBody, type PolicyEvent, type PolicyParty, type PolicyRule, type SubsidyLine } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import { isAnyAdmin, type Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { createHash, randomUUID } from 'node:crypto';
import { findJurisdiction, jurisdictionNames } from '../jurisdictions/jurisdictions.service.ts';
import { regionFullName } from '../regions/regions.service.ts';
import { getOrganization } from '../organizations/organizations.service.ts';
import { detachFromRecord, openOwnedAttachment, ownedAttachments, presentOwnedAttachment, uploadOwnedAttachment } from '../attachments/attachments.service.ts';
import { type AttachmentStore, type IncomingFile } from '../../platform/files.ts';
import { applicablePacks, computeAll, computeEvent, isWithin, MemoryLedger, parseEvent, poolEntriesOf, regionCodesOf, regionNames, type RegionNames } from './policy.engine.ts';
import { regionName } from '../../platform/regions.ts';
import { PACK_REGION_NAMES, SEEDED_JURISDICTIONS, budgetLineNameOf, budgetLinesOf, quotesSimplifiedOf, seededPacks } from './policy.packs.ts';
import { presentEntitlement } from './policy.presenter.ts';
import { ledgerWorkbook } from './policy.export.ts';
import { entitlementApproved, entitlementPaid } from './policy.events.ts';
import { publish } from '../../platform/events.ts';
import { policyRepository as repo, type EntitlementRow, type LedgerFilter, type PackVersionRow, type RecordRow } from './policy.repository.ts';

type Signed = RequestContext & { actor: Actor };
/** A transaction (what audit records are written in). */
type Tx = Parameters<typeof recordAudit>[0];

/* ---------- packs ---------- */

const seeded = new WeakSet<object>();

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** Version names compared as people read them ('2' < '10'). */
const versionOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Stores the seeded packs (idempotent; at start-up and before the first
 * read). A fresh database gets each jurisdiction's seeded history as it is
 * (晋中 2, then 3 from the day its pool came in). A database that holds an
 * older seeded version of a jurisdiction (one seeded before the pack changed
 * in code) gets the newer ones published as new versions, the stored ones
 * untouched: each starts on its own start date when that is after the latest
 * stored version's start, otherwise today, and always after the latest
 * version's start and end, so versions never overlap; a newer seeded version
 * that a later one would replace the day it starts is left out. A
 * jurisdiction whose latest version an administrator published keeps it:
 * administrators own their rules. Two servers starting at once store it once
 * (the version's unique key).
 */
export async function ensureSeededPacks(db: Executor, opts: { packs?: PackVersion[]; today?: string } = {}): Promise<{ jurisdiction: string; version: string; validFrom: string }[]> {
  if (!opts.packs && seeded.has(db)) return [];
  const published: { jurisdiction: string; version: string; validFrom: string }[] = [];
  const byJurisdiction = new Map<string, PackVersion[]>();
  for (const p of opts.packs ?? seededPacks()) byJurisdiction.set(p.jurisdiction, [...(byJurisdiction.get(p.jurisdiction) ?? []), p]);
  for (const [jurisdiction, history] of byJurisdiction) {
    const rowOf = (p: PackVersion, validFrom = p.validFrom) => ({ jurisdictionCode: jurisdiction, version: p.version, name: p.name, validFrom, validTo: p.validTo, rules: p.rules });
    const stored = await repo.packVersions(db, jurisdiction);
    if (stored.length === 0) {
      await repo.insertPackVersions(db, history.map((p) => rowOf(p)));
      continue;
    }
    const latest = stored.reduce((a, b) => (b.validFrom > a.validFrom ? b : a));
    if (latest.publishedBy !== null) continue;
    const newer = history.filter((p) => !stored.some((v) => v.version === p.version) && versionOrder(p.version, latest.version) > 0);
    const today = opts.today ?? shanghaiToday();
    let last = { version: latest.version, validFrom: latest.validFrom, validTo: latest.validTo };
    for (const [i, p] of newer.entries()) {
      let validFrom = p.validFrom > last.validFrom ? p.validFrom : today;
      if (validFrom <= last.validFrom) validFrom = dayAfter(last.validFrom);
      if (last.validTo !== null && validFrom <= last.validTo) validFrom = dayAfter(last.validTo);
      if (p.validTo !== null && p.validTo < validFrom) continue;
      const next = newer[i + 1];
      if (next && next.validFrom <= validFrom) continue;
      const before = last;
      const ok = await db.transaction(async (tx) => {
        const [created] = await repo.insertPackVersions(tx, [rowOf(p, validFrom)]);
        if (!created) return false;
        await recordAudit(tx, systemContext('policy:seed'), {
          action: 'policyPack.publishSeeded',
          entityType: 'policyPack',
          entityId: created.id,
          jurisdictionCode: jurisdiction,
          before: { version: before.version, validFrom: before.validFrom },
          after: { version: p.version, validFrom, validTo: p.validTo, rules: p.rules.map((r) => r.id) },
        });
        return true;
      });
      if (!ok) continue;
      published.push({ jurisdiction, version: p.version, validFrom });
      last = { version: p.version, validFrom, validTo: p.validTo };
    }
  }
  if (!opts.packs) seeded.add(db);
  return published;
}

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The stored versions as the engine reads them: a version runs from its
 * start until its own end or the day before the next version starts,
 * whichever comes first (the stored rows are never edited).
 */
export function effectivePacks(rows: PackVersionRow[]): PackVersion[] {
  const byJ = new Map<string, PackVersionRow[]>();
  for (const r of rows) byJ.set(r.jurisdictionCode, [...(byJ.get(r.jurisdictionCode) ?? []), r]);
  const out: PackVersion[] = [];
  for (const list of byJ.values()) {
    list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    list.forEach((r, i) => {
      const next = list[i + 1];
      let validTo = r.validTo;
      if (next) {
        const cut = dayBefore(next.validFrom);
        if (validTo === null || cut < validTo) validTo = cut;
      }
      out.push({ jurisdiction: r.jurisdictionCode, version: r.version, name: r.name, validFrom: r.validFrom, validTo, rules: r.rules as PolicyRule[] });
    });
  }
  return out;
}

export async function loadPacks(db: Executor): Promise<PackVersion[]> {
  await ensureSeededPacks(db);
  return effectivePacks(await repo.packVersions(db));
}

async function jurisdictionName(db: Executor, code: string): Promise<string> {
  return SEEDED_JURISDICTIONS[code] ?? (await findJurisdiction(db, code))?.name ?? code;
}

/** Every version of every pack (or of one jurisdiction), with the rules and their source text. */
export async function listRules(db: Db, jurisdiction?: string) {
  await ensureSeededPacks(db);
  const rows = await repo.packVersions(db, jurisdiction);
  const eff = effectivePacks(rows);
  const names = new Map<string, string>();
  for (const r of rows) if (!names.has(r.jurisdictionCode)) names.set(r.jurisdictionCode, await jurisdictionName(db, r.jurisdictionCode));
  return {
    packs: rows.map((r) => {
      const e = eff.find((x) => x.jurisdiction === r.jurisdictionCode && x.version === r.version)!;
      const rules = r.rules as PolicyRule[];
      return { id: r.id, jurisdiction: r.jurisdictionCode, jurisdictionName: names.get(r.jurisdictionCode)!, budgetLines: budgetLinesOf(rules), quotesSimplified: quotesSimplifiedOf(rules), version: r.version, name: r.name, validFrom: r.validFrom, validTo: e.validTo, rules };
    }),
  };
}

/** True when the actor administers the jurisdiction `code` (or one above it). */
function administersCode(actor: Actor, code: string): boolean {
  return actor.user.isPlatformAdmin || actor.adminOf.some((a) => isWithin(code, a.code));
}

/** An administrator publishes a new version of a jurisdiction's pack; earlier versions stay as they were. */
export async function publishPackVersion(db: Db, ctx: Signed, jurisdiction: string, input: PackVersionBody) {
  const j = await findJurisdiction(db, jurisdiction);
  if (!j) throw notFound('policyPack');
  if (!administersCode(ctx.actor, jurisdiction)) throw forbidden();
  const body = packVersionBody.parse(input);
  if (body.validTo !== null && body.validTo < body.validFrom) throw new AppError(422, 'validation-error', 'problem.validation', 'err.policy.validTo', {}, [{ path: 'validTo', key: 'err.policy.validTo' }]);
  const ids = new Set<string>();
  for (const r of body.rules) {
    if (ids.has(r.id)) throw new AppError(422, 'validation-error', 'problem.validation', 'err.policy.duplicateRule', { rule: r.id }, [{ path: 'rules', key: 'err.policy.duplicateRule' }]);
    ids.add(r.id);
  }
  await ensureSeededPacks(db);
  return db.transaction(async (tx) => {
    await repo.lockPack(tx, jurisdiction);
    const existing = await repo.packVersions(tx, jurisdiction);
    if (existing.some((v) => v.version === body.version)) throw new AppError(409, 'conflict', 'problem.conflict', 'err.policy.versionExists', { version: body.version }, [{ path: 'version', key: 'err.policy.versionExists' }]);
    const end = body.validTo ?? '9999-12-31';
    for (const v of existing) {
      const vEnd = v.validTo ?? '9999-12-31';
      // A new version never starts on or before an existing one (that would rewrite history), nor inside a closed one.
      const overlaps = body.validFrom <= v.validFrom || (v.validTo !== null && body.validFrom <= vEnd && v.validFrom <= end);
      if (overlaps) throw new AppError(409, 'conflict', 'problem.conflict', 'err.policy.overlap', { version: v.version, from: v.validFrom }, [{ path: 'validFrom', key: 'err.policy.overlap' }]);
    }
    const [row] = await repo.insertPackVersions(tx, [{ jurisdictionCode: jurisdiction, version: body.version, name: body.name, validFrom: body.validFrom, validTo: body.validTo, rules: body.rules, publishedBy: ctx.actor.user.id }]);
    await recordAudit(tx, ctx, { action: 'policyPack.publish', entityType: 'policyPack', entityId: row!.id, jurisdictionCode: jurisdiction, after: { version: body.version, validFrom: body.validFrom, validTo: body.validTo, rules: body.rules.map((r) => r.id) } });
    const all = await repo.packVersions(tx, jurisdiction);
    const eff = effectivePacks(all).find((x) => x.version === body.version)!;
    return { id: row!.id, jurisdiction, jurisdictionName: j.name, budgetLines: budgetLinesOf(body.rules), quotesSimplified: quotesSimplifiedOf(body.rules), version: row!.version, name: row!.name, validFrom: row!.validFrom, validTo: eff.validTo, rules: body.rules };
  });
}

/* ---------- trial ---------- */

/**
 * The names of the regions these events and packs mention, so refusals name places, not codes: GB/T 2260's as the
 * regions module says them in a sentence (北京市东城区), else the jurisdiction tree's, else the seeded packs'.
 */
async function namesFor(db: Executor, events: unknown[], packs: PackVersion[]): Promise<RegionNames> {
  const codes = [...new Set([...events.flatMap(regionCodesOf), ...packs.map((p) => p.jurisdiction)])];
  const known = new Map(Object.entries(PACK_REGION_NAMES));
  for (const [code, name] of await jurisdictionNames(db, codes)) known.set(code, name);
  for (const code of codes) {
    const name = regionFullName(code);
    if (name) known.set(code, name);
  }
  return regionNames(known);
}

/** 试算: the command's lines for events an administrator composed, against a fresh ledger and the stored packs. */
export async function trial(db: Db, actor: Actor, events: unknown[]): Promise<{ lines: SubsidyLine[] }> {
  if (!isAnyAdmin(actor)) throw forbidden();
  const packs = await loadPacks(db);
  return { lines: computeAll(events, packs, new MemoryLedger(), await namesFor(db, events, packs)).map((c) => c.line) };
}

/* ---------- the platform's events ---------- */

/** Fills an engine ledger with what these entitlements granted. */
function ledgerOf(rows: EntitlementRow[]): MemoryLedger {
  const ledger = new MemoryLedger();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (r.committed !== null && r.amount === 0) ledger.add(MemoryLedger.item(r.ruleId, r.item), r.committed);
    // A milestone's tranche is paid from its commitment, which already holds the item's cap (as the engine records it).
    else ledger.record({ beneficiary: r.beneficiaryKey, rule: r.ruleId, group: r.noStackingGroup ?? undefined, year: String(r.year), item: r.eventType === 'challenge_milestone' ? `${r.item}#tranche` : r.item, amount: r.amount });
  }
  return ledger;
}

function partiesOf(ev: PolicyEvent): PolicyParty[] {
  const e = ev as unknown as Record<string, unknown>;
  return ['seller', 'buyer', 'agency', 'poser', 'solver', 'borrower', 'researcher', 'beneficiary', 'owner']
    .map((k) => e[k])
    .filter((p): p is PolicyParty => !!p && typeof p === 'object' && 'id' in p);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Computes one platform event with the engine against the stored ledger and
 * stores its entitlements, once per source event (idempotent).
 */
export async function computePlatformEvent(
  db: Db,
  sourceEventId: string,
  ev: PolicyEvent,
  names: Record<string, string> = {},
  opts: {
    /** The organisation through which a beneficiary that is not one applies (a researcher's university). */
    orgOf?: Record<string, string>;
    /** Runs in the same transaction once the line is known (the administrator's record of the event). */
    within?: (tx: Tx, line: SubsidyLine) => Promise<void>;
  } = {},
): Promise<SubsidyLine | null> {
  const packs = await loadPacks(db);
  return db.transaction(async (tx) => {
    if (await repo.computedEvent(tx, sourceEventId)) return null;
    const parties = partiesOf(ev);
    // An evaluation also takes its year's lock: the share of grades (优良率) counts every evaluation of the year; a milestone its challenge's (two never pay one tranche twice).
    await repo.lockBeneficiaries(tx, [...parties.map((p) => p.id), ...(ev.type === 'agency_evaluation' ? [`evaluations:${ev.year}`] : []), ...(ev.type === 'challenge_milestone' ? [`challenge:${ev.challenge.id}`] : [])]);
    const e = ev as unknown as Record<string, { id?: string } | undefined>;
    const items = [e['contract']?.id, e['challenge']?.id, e['loan']?.id].filter((x): x is string => !!x);
    const live = [...(await repo.liveFor(tx, parties.map((p) => p.id))), ...(await repo.liveForItems(tx, items))];
    const ledger = ledgerOf(live);
    const rulesById = new Map(packs.flatMap((p) => p.rules.map((r) => [r.id, r] as const)));
    // What the engine keeps besides sums: a challenge's commitment (and its tranches paid), a borrower's loans in the pool.
    // A challenge's commitments are found by the challenge the award was about, whatever item it kept them under.
    if (ev.type === 'challenge_milestone') {
      for (const { award, tranches } of await repo.challengeCommitments(tx, ev.challenge.id)) {
        const rule = rulesById.get(award.ruleId);
        if (!rule) continue;
        ledger.commitments.set(award.item, {
          challenge: ev.challenge.id,
          contractId: award.contractId,
          item: award.item,
          rule,
          jurisdiction: award.jurisdictionCode,
          beneficiary: award.beneficiaryKey,
          committed: award.committed!,
          paid: tranches.reduce((s, r) => s + r.amount, 0),
          share: 0,
        });
      }
    }
    // Money the province granted an agency (a provincial evaluation recorded before) counts in its no-stacking groups.
    if (ev.type === 'agency_evaluation')
      for (const m of await repo.recordedMoney(tx, [ev.agency.id])) ledger.add(MemoryLedger.groupYear(m.beneficiary, m.group, String(m.year)), m.amount);
    if ('borrower' in ev) {
      const repaid = await repo.repaidPrincipal(tx, ev.borrower.id);
      for (const l of await repo.poolLoans(tx, ev.borrower.id)) {
        const back = repaid.get(l.loanId) ?? 0;
        ledger.loans.set(l.loanId, { borrower: ev.borrower.id, principal: l.principal, repaid: back, compensated: 0 });
        ledger.add(MemoryLedger.pool(ev.borrower.id), l.principal - back);
      }
    }
    if (ev.type === 'agency_evaluation' || ev.type === 'agency_pooled') {
      for (const pooled of await repo.agencyPoolings(tx, ev.agency.id)) for (const entry of poolEntriesOf(packs, pooled)) MemoryLedger.enterPool(ledger, ev.agency.id, entry);
    }
    if (ev.type === 'agency_evaluation') {
      for (const pack of applicablePacks(packs, ev.jurisdiction, ev.date))
        for (const rule of pack.rules.filter((r) => r.gradeShare && r.trigger === 'agency_evaluation')) {
          const counts = await repo.evaluationCounts(tx, { rule: rule.id, jurisdiction: pack.jurisdiction, year: ev.year, schemes: rule.selector.evaluationScheme ?? null });
          ledger.add(MemoryLedger.evaluations(rule.id, ev.year), counts.evaluated);
          ledger.add(MemoryLedger.rated(rule.id, ev.year), counts.rated);
        }
    }
    const computed = computeEvent(ev, { packs, ledger, names: await namesFor(tx, [ev], packs) });
    await repo.insertComputedEvent(tx, { sourceEventId, engineEvent: ev, line: computed.line });
    const rows = await repo.insertEntitlements(
      tx,
      computed.granted.map((g) => {
        const rule = rulesById.get(g.rule);
        return {
          sourceEventId,
          eventKey: ev.id,
          eventType: ev.type,
          eventDate: ev.date,
          ruleId: g.rule,
          ruleTitle: rule?.title ?? g.rule,
          jurisdictionCode: g.jurisdiction,
          budgetLine: g.budgetLine,
          year: g.year,
          beneficiaryKey: g.beneficiary,
          beneficiaryOrganizationId: UUID.test(g.beneficiary) ? g.beneficiary : (opts.orgOf?.[g.beneficiary] ?? null),
          beneficiaryName: names[g.beneficiary] ?? null,
          amount: g.amount,
          committed: g.committed ?? null,
          base: g.base,
          rateBp: g.rate,
          yearlyCap: rule?.yearlyCap ?? null,
          noStackingGroup: g.group ?? null,
          item: g.item,
          contractId: g.contractId,
          explanation: g.explanation,
          source: g.source,
          requiredDocuments: rule ? requiredDocumentsOf(rule) : [],
        };
      }),
    );
    for (const row of rows)
      await recordAudit(tx, systemContext(`policy:${sourceEventId}`), {
        action: 'entitlement.grant',
        entityType: 'entitlement',
        entityId: row.id,
        organizationId: row.beneficiaryOrganizationId,
        jurisdictionCode: row.jurisdictionCode,
        after: { rule: row.ruleId, amount: row.amount, committed: row.committed, event: row.eventKey },
      });
    await opts.within?.(tx, computed.line);
    return computed.line;
  });
}

/** Cancels these entitlements with the reason, each in its history and audited (`paid`: what was paid and is to be recovered). */
async function cancelEntitlements(tx: Tx & Executor, sourceEventId: string, rows: EntitlementRow[], reasonOf: (r: EntitlementRow, paid: number) => string) {
  for (const r of rows) {
    const paid = r.status === 'paid' ? (r.paidAmount ?? r.amount) : 0;
    const reason = reasonOf(r, paid);
    await repo.update(tx, r.id, { status: 'cancelled', reason, history: withStep(r, { action: 'cancel', text: reason, amount: paid || null }) });
    await recordAudit(tx, systemContext(`policy:${sourceEventId}`), {
      action: 'entitlement.cancel',
      entityType: 'entitlement',
      entityId: r.id,
      organizationId: r.beneficiaryOrganizationId,
      jurisdictionCode: r.jurisdictionCode,
      before: { status: r.status, amount: r.amount, committed: r.committed },
      after: { status: 'cancelled', clawBack: paid, reason },
    });
  }
}

/** A terminated contract: what it caused is cancelled (claw-back); what was paid is named for recovery. */
export async function clawBackContract(db: Db, sourceEventId: string, input: { contractId: string; terminatedOn: string; reason: string }): Promise<number> {
  return db.transaction(async (tx) => {
    if (await repo.computedEvent(tx, sourceEventId)) return 0;
    await repo.insertComputedEvent(tx, { sourceEventId, engineEvent: { type: 'contract_terminated', ...input }, line: { event: sourceEventId, entitlements: [], refusals: [] } });
    await repo.terminateContract(tx, input.contractId, input.terminatedOn);
    const rows = await repo.byContract(tx, input.contractId);
    await cancelEntitlements(tx, sourceEventId, rows, (_, paid) =>
      paid > 0 ? `合同已于 ${input.terminatedOn} 终止（${input.reason}），已拨付的 ${formatYuanExact(paid)} 须追回` : `合同已于 ${input.terminatedOn} 终止（${input.reason}）`,
    );
    return rows.length;
  });
}

/**
 * A terminated challenge (榜单终止): what its award, milestones and acceptance caused and has not been paid is
 * cancelled: the commitment with the tranches to come, tranches and advances granted, applied for or approved
 * (their budget freed). What was paid stays paid: it paid for work accepted before the end.
 */
export async function clawBackChallenge(db: Db, sourceEventId: string, input: { challengeId: string; terminatedOn: string; reason: string }): Promise<number> {
  return db.transaction(async (tx) => {
    if (await repo.computedEvent(tx, sourceEventId)) return 0;
    await repo.insertComputedEvent(tx, { sourceEventId, engineEvent: { type: 'challenge_terminated', challenge: { id: input.challengeId }, terminatedOn: input.terminatedOn, reason: input.reason }, line: { event: sourceEventId, entitlements: [], refusals: [] } });
    // The challenge's lock: a milestone computed at the same time sees the commitment cancelled, or is cancelled here.
    await repo.lockBeneficiaries(tx, [`challenge:${input.challengeId}`]);
    const rows = await repo.unpaidByChallenge(tx, input.challengeId);
    await cancelEntitlements(tx, sourceEventId, rows, (r) =>
      r.committed !== null && r.amount === 0
        ? `榜单已于 ${input.terminatedOn} 终止（${input.reason}），承诺的 ${formatYuanExact(r.committed)} 中尚未兑现的部分不再拨付`
        : `榜单已于 ${input.terminatedOn} 终止（${input.reason}），尚未拨付的 ${formatYuanExact(r.amount)} 不再拨付`,
    );
    return rows.length;
  });
}

export async function rememberContract(db: Executor, row: { contractId: string; jurisdictionCode: string; registeredOn: string }) {
  await repo.upsertContract(db, row);
}
export async function registeredContract(db: Executor, contractId: string) {
  return repo.contract(db, contractId);
}

/* ---------- entitlements ---------- */

function visible(actor: Actor, row: EntitlementRow): boolean {
  return (row.beneficiaryOrganizationId !== null && actor.memberships.some((m) => m.organizationId === row.beneficiaryOrganizationId)) || administersCode(actor, row.jurisdictionCode);
}

/** What others name of these entitlements (the statistics' records behind a figure): rule, beneficiary, status; no authorisation here, the caller applies its own. */
export async function entitlementHeads(db: Executor, ids: string[]) {
  return new Map((await repo.entitlementHeads(db, [...new Set(ids)])).map((e) => [e.id, e]));
}

export async function listEntitlements(db: Db, actor: Actor, q: { status?: string | undefined; scope?: 'mine' | 'administered' | undefined; page: number; pageSize: number }) {
  const scope = {
    organizationIds: q.scope === 'administered' ? [] : actor.memberships.map((m) => m.organizationId),
    jurisdictions: q.scope === 'mine' ? [] : actor.user.isPlatformAdmin ? ('all' as const) : actor.adminOf.map((a) => a.code),
  };
  const { rows, total } = await repo.list(db, scope, { status: q.status }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(presentEntitlement), total };
}

async function visibleRow(tx: Executor, actor: Actor, id: string, lock = true): Promise<EntitlementRow> {
  const row = await repo.byId(tx, id, { lock });
  if (!row || !visible(actor, row)) throw notFound('entitlement');
  return row;
}

const isBeneficiaryMember = (actor: Actor, row: EntitlementRow) => !!row.beneficiaryOrganizationId && actor.memberships.some((m) => m.organizationId === row.beneficiaryOrganizationId);

/** A member of the beneficiary organisation (the only ones who apply and upload its documents). */
function requireBeneficiaryMember(actor: Actor, row: EntitlementRow) {
  if (!isBeneficiaryMember(actor, row)) throw forbidden();
}

const historyOf = (row: EntitlementRow): EntitlementHistoryEntry[] => (row.history ?? []) as EntitlementHistoryEntry[];
/** The row's history with one more step appended (history is never rewritten). */
const withStep = (row: EntitlementRow, step: Omit<EntitlementHistoryEntry, 'at' | 'documents' | 'amount' | 'text'> & Partial<EntitlementHistoryEntry>): EntitlementHistoryEntry[] => [
  ...historyOf(row),
  { at: new Date().toISOString(), text: null, documents: [], amount: null, ...step },
];

const fileUrl = (entitlementId: string, attachmentId: string) => `/api/entitlements/${entitlementId}/attachments/${attachmentId}/content`;

/** The files uploaded for an entitlement's application: its beneficiary's members and its administrators see them, with what the caller may do. */
export async function listEntitlementFiles(db: Db, actor: Actor, id: string) {
  const row = await visibleRow(db, actor, id, false);
  const carried = submittedIn(row);
  const mayEdit = isBeneficiaryMember(actor, row) && EDITABLE.has(row.status);
  return {
    items: (await ownedAttachments(db, 'entitlement', row.id)).map((a) => ({ ...presentOwnedAttachment(a, fileUrl(row.id, a.id)), submittedIn: carried.get(a.id) ?? null, canDelete: mayEdit && !carried.has(a.id) })),
  };
}

/** One uploaded file of an entitlement, for download. */
export async function openEntitlementFile(db: Db, store: AttachmentStore, actor: Actor, id: string, attachmentId: string) {
  const row = await visibleRow(db, actor, id, false);
  return openOwnedAttachment(db, store, 'entitlement', row.id, attachmentId);
}

/** The applicant may change its documents while the application is a draft (待申报) or returned for correction (退回补正). */
const EDITABLE = new Set<string>(EDITABLE_ENTITLEMENT_STATUSES);
function requireEditable(row: EntitlementRow, path: string) {
  if (row.status === 'rejected') throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.rejectedFinal', { reason: row.reason ?? '' }, [{ path, key: 'err.policy.rejectedFinal' }]);
  if (!EDITABLE.has(row.status)) throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.notEditable', { status: STATUS_LABEL[row.status] ?? row.status }, [{ path, key: 'err.policy.notEditable' }]);
}

/** The submission (1, 2, …) that first carried each file: a submitted file stays as the record of that submission. */
function submittedIn(row: EntitlementRow): Map<string, number> {
  const out = new Map<string, number>();
  let n = 0;
  for (const h of historyOf(row)) {
    if (h.action !== 'apply' && h.action !== 'resubmit') continue;
    n += 1;
    for (const d of h.documents) if (!out.has(d.attachmentId)) out.set(d.attachmentId, n);
  }
  return out;
}

/** A member of the beneficiary uploads a document (申报材料) while the application is a draft or returned for correction. */
export async function uploadEntitlementFile(db: Db, store: AttachmentStore, ctx: Signed, id: string, next: () => Promise<IncomingFile | undefined>, quotaBytes: number) {
  const check = async (tx: Executor) => {
    const row = await visibleRow(tx, ctx.actor, id);
    requireBeneficiaryMember(ctx.actor, row);
    requireEditable(row, 'file');
    return row;
  };
  const row = await check(db);
  const created = await uploadOwnedAttachment(db, store, ctx, { recordType: 'entitlement', recordId: row.id, organizationId: row.beneficiaryOrganizationId!, jurisdictionCode: row.jurisdictionCode }, next, quotaBytes, check);
  return presentOwnedAttachment(created, fileUrl(row.id, created.id));
}

/**
 * A member of the beneficiary deletes a document it uploaded by mistake,
 * while the application is a draft or returned for correction; after
 * submission it is refused (409, naming the field), and a file an earlier
 * submission carried stays as that submission's record.
 */
export async function deleteEntitlementFile(db: Db, ctx: Signed, id: string, attachmentId: string) {
  let row: EntitlementRow | undefined;
  await detachFromRecord(
    db,
    ctx,
    {
      recordType: 'entitlement',
      recordIds: [id],
      uploaderOnly: false,
      recheck: async (tx) => {
        row = await visibleRow(tx, ctx.actor, id);
        requireBeneficiaryMember(ctx.actor, row);
        requireEditable(row, 'attachmentId');
        const n = submittedIn(row).get(attachmentId);
        if (n !== undefined) throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.documentSubmitted', { n }, [{ path: 'attachmentId', key: 'err.policy.documentSubmitted' }]);
      },
      audit: (tx, before) =>
        recordAudit(tx, ctx, { action: 'entitlement.attachment.delete', entityType: 'entitlement', entityId: id, organizationId: row!.beneficiaryOrganizationId, jurisdictionCode: row!.jurisdictionCode, before }),
    },
    attachmentId,
  );
}

const STATUS_LABEL: Record<string, string> = { granted: '待申报', applied: '已申报', returned: '退回补正', approved: '已批准', rejected: '不予支持', paid: '已拨付', cancelled: '已取消' };

/**
 * 申报: a member of the beneficiary organisation applies, with a note and the
 * documents the rule asks for, each naming a file uploaded for this
 * entitlement; one missing (or naming a file that is not this entitlement's)
 * is refused by name, and nothing changes.
 */
export async function applyForEntitlement(db: Db, ctx: Signed, id: string, input: { note: string; documents: { name: string; attachmentId: string }[] }) {
  return db.transaction(async (tx) => {
    const row = await visibleRow(tx, ctx.actor, id);
    requireBeneficiaryMember(ctx.actor, row);
    if (row.status === 'rejected') throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.rejectedFinal', { reason: row.reason ?? '' });
    if (!EDITABLE.has(row.status)) throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.notGranted', { status: STATUS_LABEL[row.status] ?? row.status });
    const again = row.status === 'returned';
    const uploaded = new Set((await ownedAttachments(tx, 'entitlement', row.id)).map((a) => a.id));
    for (const [i, d] of input.documents.entries())
      if (!uploaded.has(d.attachmentId))
        throw new AppError(422, 'validation-error', 'problem.validation', 'err.policy.documentNotUploaded', { name: d.name }, [{ path: `documents.${i}.attachmentId`, key: 'err.policy.documentNotUploaded' }]);
    const missing = row.requiredDocuments.filter((name) => !input.documents.some((d) => d.name === name));
    if (missing.length > 0)
      throw new AppError(422, 'validation-error', 'problem.validation', 'err.policy.documentMissing', { names: missing.join('、') }, [{ path: 'documents', key: 'err.policy.documentMissing' }]);
    if (row.yearlyCap !== null) {
      await repo.lockBeneficiaries(tx, [row.beneficiaryKey]);
      const used = await repo.sumRuleYear(tx, row.beneficiaryKey, row.ruleId, row.year, ['applied', 'approved', 'paid'], row.id);
      if (used + row.amount > row.yearlyCap)
        throw new AppError(409, 'conflict', 'problem.conflict', 'err.policy.capUsed', { rule: row.ruleTitle, year: row.year, cap: formatYuanExact(row.yearlyCap), used: formatYuanExact(used), amount: formatYuanExact(row.amount) });
    }
    const updated = await repo.update(tx, row.id, {
      status: 'applied',
      applicationNote: input.note,
      documents: input.documents,
      attachmentIds: input.documents.map((d) => d.attachmentId),
      appliedAt: new Date(),
      reason: null,
      history: withStep(row, { action: again ? 'resubmit' : 'apply', text: input.note, documents: input.documents, amount: row.amount }),
    });
    // 退回补正 then submitted again: the same entitlement, a new submission beside the earlier one.
    await recordAudit(tx, ctx, { action: again ? 'entitlement.resubmit' : 'entitlement.apply', entityType: 'entitlement', entityId: row.id, organizationId: row.beneficiaryOrganizationId, jurisdictionCode: row.jurisdictionCode, before: { status: row.status, reason: row.reason }, after: { status: 'applied', documents: input.documents } });
    return presentEntitlement(updated);
  });
}

function requireAdmin(actor: Actor, row: EntitlementRow) {
  if (!administersCode(actor, row.jurisdictionCode)) throw forbidden();
}

/** A budget line in a message: its name with the code (the English text takes the English name). */
const lineParams = (code: string) => {
  const name = budgetLineNameOf(code);
  return { line: name.zh === code ? code : `${name.zh}（${code}）`, lineEn: name.en === code ? code : `${name.en} (${code})` };
};

/** Review of an application: approval takes the budget line's row lock, so two approvals of the last budget cannot both pass. */
export async function reviewEntitlement(db: Db, ctx: Signed, id: string, input: { decision: 'approve' | 'return' | 'reject'; reason?: string | undefined }) {
  return db.transaction(async (tx) => {
    const row = await visibleRow(tx, ctx.actor, id);
    requireAdmin(ctx.actor, row);
    if (input.decision === 'approve') {
      const key = { jurisdictionCode: row.jurisdictionCode, budgetLine: row.budgetLine, year: row.year };
      if (row.status !== 'applied') throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.notApplied', { status: STATUS_LABEL[row.status] ?? row.status });
      // The budget line's row lock: a concurrent approval on the same line waits here and then sees this one's amount.
      const budget = await repo.budget(tx, key, { lock: true });
      if (!budget) throw new AppError(409, 'conflict', 'problem.conflict', 'err.policy.noBudget', { jurisdiction: row.jurisdictionCode, ...lineParams(row.budgetLine), year: row.year });
      const used = await repo.budgetUsed(tx, key);
      if (used + row.amount > budget.amount)
        throw new AppError(409, 'conflict', 'problem.conflict', 'err.policy.budget', { ...lineParams(row.budgetLine), year: row.year, budget: formatYuanExact(budget.amount), used: formatYuanExact(used), amount: formatYuanExact(row.amount) });
      const updated = await repo.update(tx, row.id, { status: 'approved', reviewedBy: ctx.actor.user.id, reviewedAt: new Date(), reason: input.reason ?? null, history: withStep(row, { action: 'approve', text: input.reason ?? null, amount: row.amount }) });
      await recordAudit(tx, ctx, { action: 'entitlement.approve', entityType: 'entitlement', entityId: row.id, organizationId: row.beneficiaryOrganizationId, jurisdictionCode: row.jurisdictionCode, before: { status: 'applied' }, after: { status: 'approved', budgetUsed: used + row.amount } });
      await publish(tx, entitlementApproved, { entitlementId: row.id, jurisdictionCode: row.jurisdictionCode, rule: row.ruleId, budgetLine: row.budgetLine, amount: row.amount, on: shanghaiToday() }, { actorId: ctx.actor.user.id, requestId: ctx.requestId });
      return presentEntitlement(updated);
    }
    if (row.status !== 'applied') throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.notApplied', { status: STATUS_LABEL[row.status] ?? row.status });
    // 退回补正 (return): the applicant corrects and submits again; 不予支持 (reject): final for this entitlement. Both state the reason.
    const status = input.decision === 'return' ? 'returned' : 'rejected';
    const updated = await repo.update(tx, row.id, { status, reviewedBy: ctx.actor.user.id, reviewedAt: new Date(), reason: input.reason ?? null, history: withStep(row, { action: input.decision, text: input.reason ?? null, amount: row.amount }) });
    await recordAudit(tx, ctx, { action: input.decision === 'return' ? 'entitlement.return' : 'entitlement.reject', entityType: 'entitlement', entityId: row.id, organizationId: row.beneficiaryOrganizationId, jurisdictionCode: row.jurisdictionCode, before: { status: 'applied' }, after: { status, reason: input.reason } });
    return presentEntitlement(updated);
  });
}

/** 拨付: the administrator records the payment of an approved entitlement; never more than granted, never to a cancelled one. */
export async function recordEntitlementPayment(db: Db, ctx: Signed, id: string, input: { amount: number; paidOn: string; reference: string }) {
  return db.transaction(async (tx) => {
    const row = await visibleRow(tx, ctx.actor, id);
    requireAdmin(ctx.actor, row);
    if (row.status === 'cancelled') throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.cancelled');
    if (row.status === 'paid') throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.alreadyPaid', { amount: formatYuanExact(row.paidAmount ?? row.amount), on: row.paidOn ?? '' });
    if (row.status !== 'approved') throw new AppError(409, 'invalid-state', 'problem.invalidState', 'err.policy.notApproved', { status: STATUS_LABEL[row.status] ?? row.status });
    if (input.amount > row.amount || input.amount <= 0)
      throw new AppError(422, 'validation-error', 'problem.validation', 'err.policy.overpay', { amount: formatYuanExact(input.amount), granted: formatYuanExact(row.amount) }, [{ path: 'amount', key: 'err.policy.overpay' }]);
    const updated = await repo.update(tx, row.id, { status: 'paid', paidAmount: input.amount, paidOn: input.paidOn, paymentReference: input.reference, history: withStep(row, { action: 'pay', text: `${input.paidOn} · ${input.reference}`, amount: input.amount }) });
    await recordAudit(tx, ctx, { action: 'entitlement.pay', entityType: 'entitlement', entityId: row.id, organizationId: row.beneficiaryOrganizationId, jurisdictionCode: row.jurisdictionCode, before: { status: 'approved' }, after: { status: 'paid', amount: input.amount, paidOn: input.paidOn, reference: input.reference } });
    await publish(tx, entitlementPaid, { entitlementId: row.id, jurisdictionCode: row.jurisdictionCode, rule: row.ruleId, budgetLine: row.budgetLine, amount: input.amount, on: input.paidOn }, { actorId: ctx.actor.user.id, requestId: ctx.requestId });
    return presentEntitlement(updated);
  });
}

/* ---------- budgets ---------- */

export async function listBudgets(db: Db, actor: Actor) {
  if (!isAnyAdmin(actor)) throw forbidden();
  const rows = await repo.budgets(db, actor.user.isPlatformAdmin ? 'all' : actor.adminOf.map((a) => a.code));
  const items = [];
  for (const b of rows) items.push({ jurisdiction: b.jurisdictionCode, budgetLine: b.budgetLine, budgetLineName: budgetLineNameOf(b.budgetLine), year: b.year, amount: b.amount, used: await repo.budgetUsed(db, b) });
  return { items };
}

/**
 * The subsidy budgets set for a jurisdiction and everything below it in the years [fromYear, toYear], per
 * jurisdiction and year (every budget line added up), for the statistics' "subsidies against budget".
 */
export async function subsidyBudgetsWithin(db: Executor, code: string, fromYear: number, toYear: number) {
  return (await repo.budgetsWithin(db, code, fromYear, toYear)).map((r) => ({ jurisdictionCode: r.jurisdictionCode, year: r.year, amount: Number(r.amount) }));
}

export async function setBudget(db: Db, ctx: Signed, input: { jurisdiction: string; budgetLine: string; year: number; amount: number }) {
  if (!(await findJurisdiction(db, input.jurisdiction))) throw notFound('policyPack');
  if (!administersCode(ctx.actor, input.jurisdiction)) throw forbidden();
  return db.transaction(async (tx) => {
    const key = { jurisdictionCode: input.jurisdiction, budgetLine: input.budgetLine, year: input.year };
    await repo.budget(tx, key, { lock: true });
    const used = await repo.budgetUsed(tx, key);
    if (input.amount < used) throw new AppError(409, 'conflict', 'problem.conflict', 'err.policy.budgetBelowUsed', { used: formatYuanExact(used) }, [{ path: 'amount', key: 'err.policy.budgetBelowUsed' }]);
    const b = await repo.upsertBudget(tx, { ...key, amount: input.amount });
    await recordAudit(tx, ctx, { action: 'policyBudget.set', entityType: 'policyBudget', entityId: b.id, jurisdictionCode: input.jurisdiction, after: input });
    return { jurisdiction: b.jurisdictionCode, budgetLine: b.budgetLine, budgetLineName: budgetLineNameOf(b.budgetLine), year: b.year, amount: b.amount, used };
  });
}

/**
 * The jurisdictions a ledger covers: the one asked for (the caller administers it, 403 otherwise) or all the
 * caller administers; only administrators keep a ledger.
 */
function ledgerReach(actor: Actor, jurisdiction: string | undefined): string[] | 'all' {
  if (!isAnyAdmin(actor)) throw forbidden();
  if (jurisdiction) {
    if (!administersCode(actor, jurisdiction)) throw forbidden();
    return [jurisdiction];
  }
  return actor.user.isPlatformAdmin ? 'all' : actor.adminOf.map((a) => a.code);
}

const sums = (r: Record<keyof LedgerSums, string | number>): LedgerSums => ({ committed: Number(r.committed), pledged: Number(r.pledged), approved: Number(r.approved), paid: Number(r.paid), cancelled: Number(r.cancelled), toRecover: Number(r.toRecover), count: Number(r.count) });

/**
 * 奖补台账 (JSON) for administrators of the jurisdiction: the sums per beneficiary and per budget line and year
 * (with the line's budget), in all, for a year or every year; and the entitlements behind them (of one
 * beneficiary or one budget line when asked), paged.
 */
export async function getLedger(db: Db, actor: Actor, q: LedgerFilter & { page: number; pageSize: number }) {
  const reach = ledgerReach(actor, q.jurisdiction);
  const view = { year: q.year };
  const { byBeneficiary, byBudgetLine, totals } = await repo.ledgerSums(db, reach, view);
  const lines = new Map(byBudgetLine.map((l) => [`${l.jurisdiction}|${l.budgetLine}|${l.year}`, { jurisdiction: l.jurisdiction, budgetLine: l.budgetLine, year: l.year, budget: null as number | null, ...sums(l) }]));
  const zero = sums({ committed: 0, pledged: 0, approved: 0, paid: 0, cancelled: 0, toRecover: 0, count: 0 });
  // A line with a budget and nothing granted yet shows too.
  for (const b of await repo.budgets(db, reach)) {
    if (q.year !== undefined && b.year !== q.year) continue;
    const key = `${b.jurisdictionCode}|${b.budgetLine}|${b.year}`;
    lines.set(key, { ...(lines.get(key) ?? { jurisdiction: b.jurisdictionCode, budgetLine: b.budgetLine, year: b.year, ...zero }), budget: b.amount });
  }
  const { rows, total } = await repo.list(db, { organizationIds: [], jurisdictions: reach }, { ...view, beneficiary: q.beneficiary, budgetLine: q.budgetLine }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    year: q.year ?? null,
    totals: sums(totals),
    byBeneficiary: byBeneficiary
      .map((b) => ({ beneficiary: b.beneficiary, beneficiaryName: b.beneficiaryName, beneficiaryOrganizationId: b.beneficiaryOrganizationId, ...sums(b) }))
      .sort((a, b) => b.committed - a.committed || (a.beneficiaryName ?? a.beneficiary).localeCompare(b.beneficiaryName ?? b.beneficiary)),
    byBudgetLine: [...lines.values()]
      .map((l) => ({ ...l, budgetLineName: budgetLineNameOf(l.budgetLine) }))
      .sort((a, b) => b.year - a.year || a.jurisdiction.localeCompare(b.jurisdiction) || a.budgetLine.localeCompare(b.budgetLine)),
    items: rows.map(presentEntitlement),
    total,
  };
}

/** 奖补台账 for administrators: their jurisdictions' entitlements (of a year, of one jurisdiction), per beneficiary and per budget line, as an Excel workbook. */
export async function exportLedger(db: Db, actor: Actor, q: { year?: number | undefined; jurisdiction?: string | undefined } = {}) {
  const reach = ledgerReach(actor, q.jurisdiction);
  const { rows } = await repo.list(db, { organizationIds: [], jurisdictions: reach }, { year: q.year }, { limit: 100_000, offset: 0 });
  const { items: budgets } = await listBudgets(db, actor);
  return ledgerWorkbook(
    rows.map(presentEntitlement),
    budgets.filter((b) => (q.year === undefined || b.year === q.year) && (reach === 'all' || reach.some((j) => isWithin(b.jurisdiction, j)))),
  );
}

/**
 * The statutory income floors (收益分配下限) that hold for a jurisdiction on a
 * date: the income_floor rules of its pack and of every pack above it, in the
 * version valid that day. For the contracts module's income distributions
 * (陕西 002 item 11: ≥ 80% self-conversion, ≥ 70% after two years unconverted).
 */
export async function incomeFloorsFor(db: Executor, jurisdiction: string, date: string) {
  const packs = applicablePacks(await loadPacks(db), jurisdiction, date);
  return packs.flatMap((p) =>
    p.rules.filter((r) => r.kind === 'income_floor' && r.floorBp !== undefined && r.floorCase !== undefined).map((r) => ({ jurisdiction: p.jurisdiction, rule: r.id, title: r.title, case: r.floorCase!, floorBp: r.floorBp!, source: r.source })),
  );
}

/** A stable id for an event an administrator records (its jurisdiction and own id), so recording it twice is seen. */
function recordedEventId(jurisdiction: string, id: string): string {
  const h = createHash('sha256').update(`policy-event:${jurisdiction}:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * An administrator records an event the platform does not raise by itself
 * (an evaluation's result, a decided award, a loan entering the risk pool, a
 * challenge's milestone): the engine computes it against the stored ledger
 * and the entitlements appear for the beneficiary organisations.
 */
export async function recordPolicyEvent(db: Db, ctx: Signed, raw: unknown): Promise<SubsidyLine> {
  const parsed = parseEvent(raw);
  if (!parsed.event) throw new AppError(422, 'validation-error', 'problem.validation', 'err.policy.event', { reason: parsed.error }, [{ path: 'event', key: 'err.policy.event' }]);
  const ev = parsed.event;
  if (!(await findJurisdiction(db, ev.jurisdiction)) && !SEEDED_JURISDICTIONS[ev.jurisdiction]) throw notFound('policyPack');
  if (!administersCode(ctx.actor, ev.jurisdiction)) throw forbidden();
  const names: Record<string, string> = {};
  for (const p of partiesOf(ev)) {
    if (!UUID.test(p.id)) continue;
    const org = await getOrganization(db, ctx.actor, p.id).catch(() => null);
    if (org) names[p.id] = org.name;
  }
  const sourceEventId = recordedEventId(ev.jurisdiction, ev.id);
  const org = partiesOf(ev).find((p) => UUID.test(p.id) && names[p.id]);
  const line = await computePlatformEvent(db, sourceEventId, ev, names, {
    within: async (tx, line) => {
      await repo.insertRecord(tx, { id: sourceEventId, kind: ev.type, jurisdictionCode: ev.jurisdiction, date: ev.date, organizationId: org?.id ?? null, organizationName: org ? names[org.id]! : null, subject: ev.id, facts: { event: ev }, engineEvent: ev, line, recordedBy: ctx.actor.user.id });
      await recordAudit(tx, ctx, { action: 'policyEvent.record', entityType: 'policyEvent', entityId: sourceEventId, jurisdictionCode: ev.jurisdiction, after: { event: ev, granted: line.entitlements.map((e) => ({ rule: e.rule, beneficiary: e.beneficiary, amount: e.amount })) } });
    },
  });
  if (!line) throw new AppError(409, 'conflict', 'problem.conflict', 'err.policy.eventRecorded', { id: ev.id }, [{ path: 'event.id', key: 'err.policy.eventRecorded' }]);
  return line;
}

/* ---------- what administrators record (登记事项) ---------- */

const PARTY_TYPE_OF_ORG: Record<string, PolicyParty['type']> = { enterprise: 'enterprise', university: 'university', institute: 'institute', rnd_institution: 'rnd_institution', agency: 'agency', finance: 'other', government: 'government' };

const recordRefusal = (status: number, key: string, path: string, params: Record<string, string | number> = {}) =>
  new AppError(status, status === 409 ? 'conflict' : 'validation-error', status === 409 ? 'problem.conflict' : 'problem.validation', key, params, [{ path, key }]);

export function presentRecord(r: RecordRow): PolicyRecordDto {
  return { id: r.id, kind: r.kind as PolicyRecordDto['kind'], jurisdiction: r.jurisdictionCode, date: r.date, organizationId: r.organizationId, organizationName: r.organizationName, subject: r.subject, facts: r.facts, line: r.line as SubsidyLine, recordedAt: r.createdAt };
}

/**
 * 登记: an administrator of the jurisdiction records an evaluation, a
 * recognition, a loan (its default, its interest), a decided award or a
 * researcher's income in a form; the organisation is one of the platform's,
 * the record raises its event into the engine in the same transaction, and
 * the entitlements appear for the organisation (a researcher's reward for
 * their university to apply on their behalf).
 */
export async function createPolicyRecord(db: Db, ctx: Signed, input: PolicyRecordBody) {
  const body = policyRecordBody.parse(input);
  if (!(await findJurisdiction(db, body.jurisdiction)) && !SEEDED_JURISDICTIONS[body.jurisdiction]) throw notFound('policyPack');
  if (!administersCode(ctx.actor, body.jurisdiction)) throw forbidden();
  const id = randomUUID();
  const base = { id: `${body.kind}:${id}`, date: body.date, jurisdiction: body.jurisdiction };
  const names: Record<string, string> = {};
  const orgOf: Record<string, string> = {};
  let org: { id: string; name: string; party: PolicyParty } | null = null;
  if ('organizationId' in body) {
    const o = await getOrganization(db, ctx.actor, body.organizationId).catch(() => null);
    if (!o) throw recordRefusal(422, 'err.policy.organizationUnknown', 'organizationId');
    org = { id: o.id, name: o.name, party: { id: o.id, type: PARTY_TYPE_OF_ORG[o.type] ?? 'other', region: /^\d{6}$/.test(o.jurisdictionCode) ? o.jurisdictionCode : '000000', ...(o.publicInstitution ? { publicInstitution: true } : {}) } };
    names[o.id] = o.name;
  }
  let ev: PolicyEvent;
  let subject: string;
  switch (body.kind) {
    case 'agency_pooled':
      if (org!.party.type !== 'agency') throw recordRefusal(422, 'err.policy.notAgency', 'organizationId', { name: org!.name });
      ev = { ...base, type: 'agency_pooled', agency: org!.party };
      subject = body.date.slice(0, 4);
      break;
    case 'stake_exit':
      if (body.investedOn > body.date) throw recordRefusal(422, 'err.policy.investedAfterExit', 'investedOn');
      ev = { ...base, type: 'stake_exit', stake: { id: body.stakeId, principal: body.principal, investedOn: body.investedOn }, owner: org!.party, exitValue: body.exitValue, bankRateBp: body.bankRateBp };
      subject = body.stakeId;
      break;
    case 'agency_evaluation':
      if (org!.party.type !== 'agency') throw recordRefusal(422, 'err.policy.notAgency', 'organizationId', { name: org!.name });
      ev = { ...base, type: 'agency_evaluation', agency: org!.party, year: body.year, scheme: body.scheme, grade: body.grade, ...(body.amount !== undefined ? { amount: body.amount } : {}), ...(body.cohort !== undefined ? { cohort: body.cohort } : {}) };
      subject = String(body.year);
      break;
    case 'agency_income':
      if (org!.party.type !== 'agency') throw recordRefusal(422, 'err.policy.notAgency', 'organizationId', { name: org!.name });
      if (!regionName(body.convertedIn)) throw recordRefusal(422, 'err.policy.convertedInUnknown', 'convertedIn', { code: body.convertedIn });
      ev = { ...base, type: 'agency_income', agency: org!.party, contract: { id: body.contractNumber, kind: body.contractKind }, netIncome: body.netIncome, convertedIn: body.convertedIn };
      subject = body.contractNumber;
      break;
    case 'agency_recognised':
      if (org!.party.type !== 'agency') throw recordRefusal(422, 'err.policy.notAgency', 'organizationId', { name: org!.name });
      ev = { ...base, type: 'agency_recognised', agency: org!.party, level: body.level, ...(body.amount !== undefined ? { amount: body.amount } : {}) };
      subject = body.level;
      break;
    case 'loan_registered':
      if (await repo.loanRecord(db, body.jurisdiction, body.loanId)) throw recordRefusal(409, 'err.policy.loanExists', 'loanId', { loan: body.loanId });
      ev = { ...base, type: 'loan_registered', loan: { id: body.loanId, principal: body.principal }, borrower: { ...org!.party, earlyStage: body.earlyStage, creditRated: body.creditRated }, lender: body.lender };
      subject = body.loanId;
      break;
    case 'loan_default':
    case 'loan_interest':
    case 'loan_repaid': {
      const loan = await repo.loanRecord(db, body.jurisdiction, body.loanId);
      if (!loan) throw recordRefusal(422, 'err.policy.loanUnknown', 'loanId', { loan: body.loanId });
      const borrower = (loan.engineEvent as { borrower: PolicyParty }).borrower;
      org = { id: loan.organizationId!, name: loan.organizationName ?? '', party: borrower };
      names[borrower.id] = loan.organizationName ?? borrower.id;
      ev =
        body.kind === 'loan_default'
          ? { ...base, type: 'loan_default', loan: { id: body.loanId }, borrower, badPrincipal: body.badPrincipal }
          : body.kind === 'loan_interest'
            ? { ...base, type: 'loan_interest', loan: { id: body.loanId }, borrower, interest: body.interest }
            : { ...base, type: 'loan_repaid', loan: { id: body.loanId }, borrower, principalRepaid: body.principalRepaid };
      subject = body.loanId;
      break;
    }
    case 'evaluated_award':
      ev = { ...base, type: 'evaluated_award', scheme: body.scheme, beneficiary: org!.party, amount: body.amount, ...(body.level ? { level: body.level } : {}) };
      subject = body.scheme;
      break;
    case 'researcher_income': {
      const key = `researcher:${org!.id}:${body.researcherName}`;
      names[key] = `${body.researcherName}（${org!.name}）`;
      orgOf[key] = org!.id;
      ev = { ...base, type: 'researcher_income', researcher: { id: key, type: 'individual', region: org!.party.region }, localFiscalContribution: body.localFiscalContribution };
      subject = body.researcherName;
      break;
    }
  }
  const { kind, jurisdiction, date, ...facts } = body;
  let stored: RecordRow | null = null;
  try {
    await computePlatformEvent(db, id, ev, names, {
      orgOf,
      within: async (tx, line) => {
        stored = await repo.insertRecord(tx, { id, kind, jurisdictionCode: jurisdiction, date, organizationId: org?.id ?? null, organizationName: org?.name ?? null, subject, facts, engineEvent: ev, line, recordedBy: ctx.actor.user.id });
        await recordAudit(tx, ctx, { action: 'policyRecord.create', entityType: 'policyRecord', entityId: id, organizationId: org?.id ?? null, jurisdictionCode: jurisdiction, after: { kind, ...facts, granted: line.entitlements.map((e) => ({ rule: e.rule, amount: e.amount, committed: e.committed })), refused: line.refusals.map((r) => r.rule) } });
      },
    });
  } catch (err) {
    // Two registrations of one loan number at once: the unique index keeps the second out.
    if ((err as { code?: string; cause?: { code?: string } }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') throw recordRefusal(409, 'err.policy.loanExists', 'loanId', { loan: subject });
    throw err;
  }
  return presentRecord(stored!);
}

export async function listPolicyRecords(db: Db, actor: Actor, q: { kind?: string | undefined; page: number; pageSize: number }) {
  if (!isAnyAdmin(actor)) throw forbidden();
  const { rows, total } = await repo.records(db, actor.user.isPlatformAdmin ? 'all' : actor.adminOf.map((a) => a.code), { kind: q.kind }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(presentRecord), total };
}
