import type { AchievementQuery, ConversionKind, CreateAchievementBody, FollowupStatus, UpdateAchievementBody } from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { badRequest, conflict, unprocessable } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { highlight } from '../../platform/search.ts';
import { resolveJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { grantedRecordIds } from '../catalogue/catalogue.service.ts';
import { recordPolicy } from '../catalogue/catalogue.policy.ts';
import {
  authorizeRecord,
  confirmStep,
  decideAccessStep,
  editStep,
  owningMembership,
  requestAccessStep,
  reviewStep,
  submitStep,
  withdrawStep,
  type RecordKind,
  type Signed,
} from '../catalogue/catalogue.service.ts';
import { achievementConverted } from './achievements.events.ts';
import { publish } from '../../platform/events.ts';
import { achievementRepository, type AchievementRow, type AchievementWithOrg } from './achievements.repository.ts';
export type { AchievementRow, AchievementWithOrg };
import type { CatalogueReplica } from '../catalogue/catalogue.replica.ts';
import type { NotIndexed } from '../../db/recordSearch.ts';
import { reviewerOf, searchIndex, staleAfterMonths, subtreeFilter } from '../catalogue/catalogue.service.ts';
import { ACHIEVEMENT_FACETS, ACHIEVEMENT_HIDDEN_FACETS, achievementDocFilters } from './achievements.index.ts';
import { activeMemberNames, organizationNames, withOrganizationNames } from '../organizations/organizations.service.ts';
import { nameKey, nameKeyTranslation } from '../../platform/text.ts';
import { presentAchievement, snapshotAchievement } from './achievements.presenter.ts';

/** Organisations that register achievements. */
export const ACHIEVEMENT_OWNER_TYPES = ['university', 'institute', 'rnd_institution', 'enterprise', 'agency'] as const;

/** The record with its organisation's name (asked of the organisations module). */
async function loadAchievement(db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<AchievementWithOrg | undefined> {
  const row = await achievementRepository.byId(db, id, opts);
  return row && (await withOrganizationNames(db, [row]))[0];
}

export const achievementKind: RecordKind<AchievementWithOrg> = {
  type: 'achievement',
  load: (db, id, opts) => loadAchievement(db, id, opts),
  update: (db, row, set) => achievementRepository.update(db, row, set as Partial<AchievementRow>),
  snapshot: snapshotAchievement,
};

/** Request fields → columns. */
export function achievementColumns(body: UpdateAchievementBody): Partial<AchievementRow> {
  const { price, externalId, ...rest } = body;
  return {
    ...rest,
    ...(price !== undefined ? { priceFen: price } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
  } as Partial<AchievementRow>;
}

type Completer = AchievementRow['completers'][number];
/** Gives each completer the account of the owning organisation's member they are, where the platform can tell. */
export type CompleterLinker = <C extends Completer>(list: C[]) => C[];

/**
 * A completer without an account, whose name (normalised) is borne by exactly
 * one active member of the owning organisation, and who states no other
 * organisation, is that member: their user id is set, so a challenge panel's
 * avoidance knows the person, not just the name. Two members of the same
 * name, or none, leave the completer as written. Members are read once.
 */
export async function completerLinker(db: Executor, organization: { id: string; name: string }): Promise<CompleterLinker> {
  const byName = new Map<string, string[]>();
  for (const m of await activeMemberNames(db, organization.id)) byName.set(nameKey(m.name), [...(byName.get(nameKey(m.name)) ?? []), m.userId]);
  const ours = nameKey(organization.name);
  return (list) =>
    list.map((c) => {
      if (c.userId || (c.organization && nameKey(c.organization) !== ours)) return c;
      const ids = byName.get(nameKey(c.name)) ?? [];
      return ids.length === 1 ? { ...c, userId: ids[0] } : c;
    });
}

/**
 * A completer's account given directly must be an active member of the
 * owning organisation (asked of the organisations module): otherwise anyone
 * could tie a stranger's account to the record, and a panel's avoidance would
 * read it as that person's work. Accounts already on the record stay (a member
 * who has since left is not refused on every later edit). Refused at the
 * completer's field.
 */
async function checkCompleterAccounts(db: Executor, organizationId: string, list: Completer[] | undefined, kept: Completer[] = []) {
  if (!list?.some((c) => c.userId)) return;
  const allowed = new Set([...(await activeMemberNames(db, organizationId)).map((m) => m.userId), ...kept.flatMap((c) => (c.userId ? [c.userId] : []))]);
  const i = list.findIndex((c) => c.userId && !allowed.has(c.userId));
  if (i >= 0) throw unprocessable(`completers.${i}.userId`, 'err.completer.notMember');
}

async function linkCompleters<C extends Completer>(db: Executor, organizationId: string, list: C[] | undefined, kept?: Completer[]): Promise<C[] | undefined> {
  await checkCompleterAccounts(db, organizationId, list, kept);
  if (!list?.length || list.every((c) => c.userId)) return list;
  const name = (await organizationNames(db, [organizationId])).get(organizationId) ?? '';
  return (await completerLinker(db, { id: organizationId, name }))(list);
}

/** Inserts a row an import made (status `importing` until the import commits), its completers linked to members' accounts. */
export const insertImportedAchievement = (tx: Executor, row: Parameters<typeof achievementRepository.insert>[1], link?: CompleterLinker) =>
  achievementRepository.insert(tx, link && row.completers ? { ...row, completers: link(row.completers) } : row);

export async function createAchievement(db: Db, ctx: Signed, body: CreateAchievementBody) {
  const m = owningMembership(ctx.actor, body.organizationId, ACHIEVEMENT_OWNER_TYPES);
  const { organizationId: _ignored, ...given } = body;
  const row = await db.transaction(async (tx) => {
    const fields = { ...given, completers: await linkCompleters(tx, m.organizationId, given.completers) };
    const j = await resolveJurisdiction(tx, m.jurisdictionPath.split('/').at(-1)!);
    if (body.externalId && (await achievementRepository.byExternalId(tx, m.organizationId, body.externalId))) throw conflict('externalId', 'err.record.externalId');
    const created = await achievementRepository.insert(tx, {
      ...achievementColumns(fields),
      title: fields.title,
      type: fields.type,
      industry: fields.industry,
      maturity: fields.maturity,
      organizationId: m.organizationId,
      jurisdictionCode: j!.code,
      jurisdictionPath: j!.path,
      ownerType: m.organizationType,
      createdBy: ctx.actor.user.id,
      status: 'draft',
    });
    await recordAudit(tx, ctx, {
      action: 'achievement.create',
      entityType: 'achievement',
      entityId: created.id,
      organizationId: created.organizationId,
      jurisdictionCode: created.jurisdictionCode,
      after: snapshotAchievement(created),
    });
    return created;
  });
  return getAchievement(db, ctx.actor, row.id);
}

/**
 * The owner changes an achievement's fields. A change to a published
 * achievement keeps it published and becomes a new version.
 */
export async function updateAchievement(db: Db, ctx: Signed, id: string, body: UpdateAchievementBody) {
  return db.transaction(async (tx) => {
    const current = body.completers?.length ? await achievementRepository.byId(tx, id) : undefined;
    const completers = current ? await linkCompleters(tx, current.organizationId, body.completers, current.completers) : body.completers;
    const { after, audit } = await editStep(tx, achievementKind, ctx, id, achievementColumns({ ...body, ...(completers ? { completers } : {}) }));
    await recordAudit(tx, ctx, { ...audit, action: 'achievement.update' });
    return after;
  });
}

// ---- the lifecycle (RECORD_TRANSITIONS): one named command per transition, its audit action written here

/** The owner sends a draft, returned or withdrawn achievement for review. */
export async function submitAchievement(db: Db, ctx: Signed, id: string) {
  return db.transaction(async (tx) => {
    const { after, audit } = await submitStep(tx, achievementKind, ctx, id);
    await recordAudit(tx, ctx, { ...audit, action: 'achievement.submit' });
    return after;
  });
}

/** The reviewing administration approves a submitted achievement: it is published (a new version). */
export async function publishAchievement(db: Db, ctx: Signed, id: string, input: { reason?: string } = {}) {
  return db.transaction(async (tx) => {
    const { after, audit } = await reviewStep(tx, achievementKind, ctx, id, { decision: 'approve', reason: input.reason });
    await recordAudit(tx, ctx, { ...audit, action: 'achievement.publish' });
    return after;
  });
}

/** The reviewing administration returns a submitted achievement to its owner, with the reason. */
export async function returnAchievement(db: Db, ctx: Signed, id: string, input: { reason?: string }) {
  return db.transaction(async (tx) => {
    const { after, audit } = await reviewStep(tx, achievementKind, ctx, id, { decision: 'return', reason: input.reason });
    await recordAudit(tx, ctx, { ...audit, action: 'achievement.return' });
    return after;
  });
}

/** The owner withdraws a submitted or published achievement. */
export async function withdrawAchievement(db: Db, ctx: Signed, id: string, reason?: string) {
  return db.transaction(async (tx) => {
    const { after, audit } = await withdrawStep(tx, achievementKind, ctx, id, reason);
    await recordAudit(tx, ctx, { ...audit, action: 'achievement.withdraw' });
    return after;
  });
}

/** The owner confirms the achievement is still current: it is fresh again. */
export async function confirmAchievement(db: Db, ctx: Signed, id: string) {
  return db.transaction(async (tx) => {
    const { after, audit } = await confirmStep(tx, achievementKind, ctx, id);
    await recordAudit(tx, ctx, { ...audit, action: 'achievement.confirm' });
    return after;
  });
}

/** A verified organisation asks to see an abstract achievement's full text. */
export async function requestAchievementAccess(db: Db, ctx: Signed, id: string, input: { organizationId?: string; reason: string }) {
  return db.transaction(async (tx) => {
    const { after, audit } = await requestAccessStep(tx, achievementKind, ctx, id, input);
    await recordAudit(tx, ctx, { ...audit, action: 'achievement.access.request' });
    return after;
  });
}

/** The achievement's owner grants a pending access request. */
export async function approveAchievementAccess(db: Db, ctx: Signed, requestId: string, input: { reason?: string } = {}) {
  return db.transaction(async (tx) => {
    const { after, audit } = await decideAccessStep(tx, achievementKind, ctx, requestId, { decision: 'approve', reason: input.reason });
    await recordAudit(tx, ctx, { ...audit, action: 'achievement.access.approved' });
    return after;
  });
}

/** The achievement's owner declines a pending access request, with the reason. */
export async function declineAchievementAccess(db: Db, ctx: Signed, requestId: string, input: { reason?: string }) {
  return db.transaction(async (tx) => {
    const { after, audit } = await decideAccessStep(tx, achievementKind, ctx, requestId, { decision: 'decline', reason: input.reason });
    await recordAudit(tx, ctx, { ...audit, action: 'achievement.access.declined' });
    return after;
  });
}

/** The commands the shared lifecycle routes call for achievements. */
export const achievementCommands = {
  submit: submitAchievement,
  publish: publishAchievement,
  return: returnAchievement,
  withdraw: withdrawAchievement,
  confirm: confirmAchievement,
  requestAccess: requestAchievementAccess,
  approveAccess: approveAchievementAccess,
  declineAccess: declineAchievementAccess,
};

export async function getAchievement(db: Db, actor: Actor | null, id: string) {
  const { row, policy } = await authorizeRecord(db, achievementKind, actor, id, 'read');
  const present = { ...presentAchievement(row, policy), reviewer: await reviewerOf(db, row) };
  if (!policy.readFull) return present;
  const [conversions, followups] = policy.viewHistory || row.status === 'published'
    ? await Promise.all([achievementRepository.conversions(db, id), achievementRepository.followups(db, id)])
    : [[], []];
  return {
    ...present,
    conversions: conversions.map((c) => ({ id: c.id, kind: c.kind, date: c.date, counterparty: c.counterparty, amount: c.amountFen, note: c.note, createdAt: c.createdAt })),
    followups: policy.viewHistory ? followups.map((f) => ({ year: f.year, status: f.status, revenue: f.revenueFen, note: f.note, updatedAt: f.updatedAt })) : [],
  };
}

export async function searchAchievements(db: Db, actor: Actor | null, q: AchievementQuery, index?: CatalogueReplica<Omit<AchievementRow, NotIndexed>>) {
  if (q.maturityMin && q.maturityMax && q.maturityMin > q.maturityMax) throw badRequest('maturityMax', 'err.range.order');
  if (q.priceMin !== undefined && q.priceMax !== undefined && q.priceMin > q.priceMax) throw badRequest('priceMax', 'err.range.order');
  const jurisdictionPath = await subtreeFilter(db, q.jurisdictionCode);
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const query = { ...q, jurisdictionPath };
  // The public catalogue is served from the in-memory index; one's own records and review queues from SQL.
  const { rows, total, relaxed, facets } =
    index && q.scope === 'catalogue'
      ? await searchIndex<AchievementRow, Omit<AchievementRow, NotIndexed>>(db, index, actor, { q: q.q, sort: q.sort, filters: achievementDocFilters(query), facetNames: ACHIEVEMENT_FACETS, hiddenFacets: ACHIEVEMENT_HIDDEN_FACETS }, page)
      : await searchSql(db, actor, query, page);
  const orgIds = actor?.memberships.map((m) => m.organizationId) ?? [];
  const granted = await grantedRecordIds(db, 'achievement', rows.map((r) => r.id), orgIds);
  const items = rows.map((r) =>
    presentAchievement(r, recordPolicy(actor, r, granted.has(r.id)), q.q ? { highlight: { title: highlight(r.title, q.q), summary: highlight(r.summary, q.q, 160) } } : {}),
  );
  return { ...paged(items, total, page), relaxed, facets };
}

async function searchSql(db: Db, actor: Actor | null, query: AchievementQuery & { jurisdictionPath?: string }, page: Page) {
  const result = await achievementRepository.search(db, actor, query, page);
  return { rows: result.rows, total: result.total, relaxed: result.relaxed, facets: await achievementRepository.facets(db, actor, query, result) };
}

export async function addConversion(
  db: Db,
  ctx: Signed,
  id: string,
  input: { kind: ConversionKind; date: string; counterparty: string; amount: number | null; note?: string },
) {
  return db.transaction(async (tx) => {
    const { row } = await authorizeRecord(tx, achievementKind, ctx.actor, id, 'track', { lock: true });
    const ev = await conversion(tx, ctx, row, { ...input, amountFen: input.amount, createdBy: ctx.actor.user.id });
    return { id: ev.id, kind: ev.kind, date: ev.date, counterparty: ev.counterparty, amount: ev.amountFen, note: ev.note, createdAt: ev.createdAt };
  });
}

/** A conversion event on a locked achievement: the event, the "converted" flag, the audit record. */
async function conversion(
  tx: Tx,
  ctx: RequestContext,
  row: AchievementRow,
  input: { kind: ConversionKind; date: string; counterparty: string; amountFen: number | null; note?: string; createdBy: string; source?: 'deal' },
) {
  const ev = await achievementRepository.insertConversion(tx, {
    achievementId: row.id,
    kind: input.kind,
    date: input.date,
    counterparty: input.counterparty,
    amountFen: input.amountFen,
    note: input.note,
    createdBy: input.createdBy,
  });
  if (!row.converted) await achievementRepository.update(tx, row, { converted: true });
  await publish(
    tx,
    achievementConverted,
    { achievementId: row.id, conversionId: ev.id, kind: ev.kind, date: ev.date, amountFen: ev.amountFen, jurisdictionCode: row.jurisdictionCode, industry: row.industry, title: row.title },
    { actorId: ctx.actor?.user.id ?? null, requestId: ctx.requestId },
  );
  await recordAudit(tx, ctx, {
    action: 'achievement.conversion.record',
    entityType: 'achievement',
    entityId: row.id,
    organizationId: row.organizationId,
    jurisdictionCode: row.jurisdictionCode,
    after: { kind: ev.kind, date: ev.date, counterparty: ev.counterparty, amount: ev.amountFen, ...(input.source ? { source: input.source } : {}) },
  });
  return ev;
}

const CONVERSION_OF_TRANSACTION: Record<string, ConversionKind> = { transfer: 'transferred', licence: 'licensed', use_first_pay_later: 'licensed', equity: 'equity' };

/**
 * A conversion recorded by the platform itself when a deal of the achievement
 * is signed (trading): the conversion history and the "converted" flag follow
 * trading without the owner typing it in again.
 */
export async function recordConversionFromDeal(
  tx: Tx,
  ctx: RequestContext,
  input: { achievementId: string; transaction: string; date: string; counterparty: string; amountFen: number; note: string },
) {
  const row = await loadAchievement(tx, input.achievementId, { lock: true });
  if (!row) return;
  await conversion(tx, ctx, row, {
    kind: CONVERSION_OF_TRANSACTION[input.transaction] ?? 'transferred',
    date: input.date,
    counterparty: input.counterparty,
    amountFen: input.amountFen,
    note: input.note,
    createdBy: ctx.actor?.user.id ?? row.createdBy,
    source: 'deal',
  });
}

export async function saveFollowup(db: Db, ctx: Signed, id: string, input: { year: number; status: FollowupStatus; revenue: number | null; note?: string }) {
  return db.transaction(async (tx) => {
    const { row } = await authorizeRecord(tx, achievementKind, ctx.actor, id, 'track', { lock: true });
    const f = await achievementRepository.upsertFollowup(tx, { achievementId: row.id, year: input.year, status: input.status, revenueFen: input.revenue, note: input.note, updatedBy: ctx.actor.user.id });
    await recordAudit(tx, ctx, {
      action: 'achievement.followup.save',
      entityType: 'achievement',
      entityId: row.id,
      organizationId: row.organizationId,
      jurisdictionCode: row.jurisdictionCode,
      after: { year: f.year, status: f.status, revenue: f.revenueFen, note: f.note },
    });
    return { year: f.year, status: f.status, revenue: f.revenueFen, note: f.note, updatedAt: f.updatedAt };
  });
}

/**
 * What another module needs of an achievement to share out its income
 * (issue 15): its organisation, its completers with their shares, and
 * whether it was flagged unconverted (the local rule of 陕西, 002 item 11).
 * No authorisation here: the caller has already authorised its own record.
 */
export async function achievementDistributionFacts(db: Executor, id: string) {
  const row = await loadAchievement(db, id);
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    completers: row.completers,
    unconvertedFlagged: !!row.unconvertedFlaggedAt,
  };
}

/**
 * The achievements (not drafts) since an instant that these people completed:
 * a completer is one of them by user id, or, without a user id, by name
 * (normalised: 繁体/简体, full-width, spaces). What a panel's avoidance needs
 * to know who completed what with whom, read straight from the index of
 * completers, not from every achievement of the organisations concerned: the
 * title, the owning organisation and every completer as stated, with the user
 * id where known.
 */
export async function achievementsCompletedBy(db: Executor, q: { people: { id: string; name: string }[]; since: Date }) {
  const keys = [...new Set(q.people.map((p) => nameKey(p.name)).filter((k) => k.length > 0))];
  const ids = new Set(q.people.map((p) => p.id));
  const rows = await achievementRepository.completedBy(db, [...ids], { keys, ...nameKeyTranslation(keys) }, q.since);
  const wanted = new Set(keys);
  return rows
    .filter((r) => r.completers.some((c) => (c.userId ? ids.has(c.userId) : wanted.has(nameKey(c.name)))))
    .map((r) => ({ id: r.id, title: r.title, organizationId: r.organizationId, completers: r.completers.map((c) => ({ name: c.name, organization: c.organization ?? null, userId: c.userId ?? null })), at: new Date(r.at) }));
}

/**
 * The industry of each of these achievements that has one (GB/T 4754
 * section): what another module needs to class a record made of them (the
 * statistics' contracts by industry). No authorisation: only the section
 * code leaves, never the achievement.
 */
export async function achievementIndustries(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const rows = await achievementRepository.industries(db, [...new Set(ids)]);
  return new Map(rows.filter((r) => !!r.industry).map((r) => [r.id, r.industry!]));
}

// ---- what other modules read of achievements: named reads, their SQL in achievements.repository (no authorisation here: the caller applies its own)

/** Achievements by id as others name, place and authorise them, without their texts (only the published ones with `published`). */
export const achievementHeads = (db: Executor, ids: string[], opts: { published?: boolean } = {}) => achievementRepository.heads(db, ids, opts);

/** Whole achievements by id (only the published ones with `published`). */
export const achievementsByIds = (db: Executor, ids: string[], opts: { published?: boolean } = {}) => achievementRepository.byIds(db, ids, opts);

/**
 * The heads of every achievement as a subquery named `name`, for a module
 * that filters, orders or pages its own rows by them in one query (push,
 * trading): it joins this, never the table.
 */
/** The heads of every achievement as a query for raw SQL (columns by their SQL names: `jurisdiction_path`, `organization_id`, …). */
export const achievementHeadsQuery = () => achievementRepository.headsQuery();

export const achievementHeadsTable = <N extends string>(name: N) => achievementRepository.headsTable(name);

/** What a listing shows and checks of its achievement. */
export const achievementForListing = (db: Executor, id: string) => achievementRepository.forListing(db, id);

/** The daily sweep's part (长效跟踪): published achievements not confirmed for their jurisdiction's period become stale. */
export const markStaleAchievements = (tx: Executor, now: Date) => achievementRepository.markStale(tx, now, staleAfterMonths);

/** The daily sweep's part: achievements published longer than the local rule allows without a conversion are flagged (陕西: two years). */
export const flagUnconvertedAchievements = (tx: Executor, now: Date) => achievementRepository.flagUnconverted(tx, now);

/** The rows the search and matching indexes are built from and kept current with (db/recordSearch.ts `replicaRepository`). */
export const achievementReplicaSource = {
  type: 'achievement',
  publishedPage: (db: Executor, afterId: string | null, limit: number) => achievementRepository.publishedPage(db, afterId, limit),
  changedSince: (db: Executor, since: Date, limit: number) => achievementRepository.changedSince(db, since, limit),
  byIds: (db: Executor, ids: string[]) => achievementRepository.withOrganizationNamesByIds(db, ids),
} as const;

/** The rows of an import (imports.job): invisible while importing, revealed at once, removed when the attempt failed. */
export const achievementImports = {
  existingKeys: (db: Executor, organizationId: string, importId: string) => achievementRepository.importKeys(db, organizationId, importId),
  deleteImporting: (db: Executor, importId: string) => achievementRepository.deleteImporting(db, importId),
  reveal: (db: Executor, importId: string) => achievementRepository.revealImported(db, importId),
};
