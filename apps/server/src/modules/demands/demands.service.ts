import { shanghaiToday, type CreateDemandBody, type DemandQuery, type IndustrySection, type UpdateDemandBody } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
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
import { demandRepository, type DemandRow, type DemandWithOrg } from './demands.repository.ts';
export type { DemandRow, DemandWithOrg };
import type { CatalogueReplica } from '../catalogue/catalogue.replica.ts';
import type { NotIndexed } from '../../db/recordSearch.ts';
import { reviewerOf, searchIndex, staleAfterMonths, subtreeFilter } from '../catalogue/catalogue.service.ts';
import { DEMAND_FACETS, DEMAND_HIDDEN_FACETS, demandDocFilters } from './demands.index.ts';
import { withOrganizationNames } from '../organizations/organizations.service.ts';
import { presentDemand, snapshotDemand } from './demands.presenter.ts';

/** Any kind of organisation may post a demand; an industry-chain common problem comes from an enterprise or a government body. */
export const DEMAND_OWNER_TYPES = ['enterprise', 'university', 'institute', 'rnd_institution', 'agency', 'finance', 'government'] as const;
export const COMMON_PROBLEM_TYPES = ['enterprise', 'government'];

/** The record with its organisation's name (asked of the organisations module). */
async function loadDemand(db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<DemandWithOrg | undefined> {
  const row = await demandRepository.byId(db, id, opts);
  return row && (await withOrganizationNames(db, [row]))[0];
}

export const demandKind: RecordKind<DemandWithOrg> = {
  type: 'demand',
  load: (db, id, opts) => loadDemand(db, id, opts),
  update: (db, row, set) => demandRepository.update(db, row, set as Partial<DemandRow>),
  snapshot: snapshotDemand,
};

/** Request fields → columns, with the checks that need more than one field or today's date. */
export function demandColumns(body: UpdateDemandBody, current?: Pick<DemandRow, 'budgetMinFen' | 'budgetMaxFen'>): Partial<DemandRow> {
  const { budgetMin, budgetMax, ...rest } = body;
  if (body.deadline && body.deadline < shanghaiToday()) throw badRequest('deadline', 'err.deadline.past');
  const min = budgetMin !== undefined ? budgetMin : current?.budgetMinFen;
  const max = budgetMax !== undefined ? budgetMax : current?.budgetMaxFen;
  if (min != null && max != null && min > max) throw badRequest('budgetMax', 'err.budget.order');
  return {
    ...rest,
    ...(budgetMin !== undefined ? { budgetMinFen: budgetMin } : {}),
    ...(budgetMax !== undefined ? { budgetMaxFen: budgetMax } : {}),
  } as Partial<DemandRow>;
}

/** Inserts a row an import made (status `importing` until the import commits). */
/** The organisation that posted a demand, with no visibility check: for a module that already holds the demand's id from its own record. */
export const demandOrganization = async (db: Executor, id: string) => (await demandRepository.byId(db, id))?.organizationId;

export const insertImportedDemand = (tx: Executor, row: Parameters<typeof demandRepository.insert>[1]) => demandRepository.insert(tx, row);

export async function createDemand(db: Db, ctx: Signed, body: CreateDemandBody) {
  const m = owningMembership(ctx.actor, body.organizationId, DEMAND_OWNER_TYPES);
  if (body.commonProblem && !COMMON_PROBLEM_TYPES.includes(m.organizationType)) throw badRequest('commonProblem', 'err.demand.commonProblem');
  const { organizationId: _ignored, ...fields } = body;
  const row = await db.transaction(async (tx) => {
    const j = (await resolveJurisdiction(tx, m.jurisdictionPath.split('/').at(-1)!))!;
    if (body.externalId && (await demandRepository.byExternalId(tx, m.organizationId, body.externalId))) throw conflict('externalId', 'err.record.externalId');
    const created = await demandRepository.insert(tx, {
      ...demandColumns(fields),
      title: fields.title,
      industry: fields.industry,
      organizationId: m.organizationId,
      jurisdictionCode: j.code,
      jurisdictionPath: j.path,
      ownerType: m.organizationType,
      createdBy: ctx.actor.user.id,
      status: 'draft',
    });
    await recordAudit(tx, ctx, {
      action: 'demand.create',
      entityType: 'demand',
      entityId: created.id,
      organizationId: created.organizationId,
      jurisdictionCode: created.jurisdictionCode,
      after: snapshotDemand(created),
    });
    return created;
  });
  return getDemand(db, ctx.actor, row.id);
}

export async function updateDemand(db: Db, ctx: Signed, id: string, body: UpdateDemandBody) {
  const current = await loadDemand(db, id);
  if (body.commonProblem && current && !COMMON_PROBLEM_TYPES.includes(current.ownerType)) throw badRequest('commonProblem', 'err.demand.commonProblem');
  await db.transaction(async (tx) => {
    const { audit } = await editStep(tx, demandKind, ctx, id, demandColumns(body, current));
    await recordAudit(tx, ctx, { ...audit, action: 'demand.update' });
  });
  return getDemand(db, ctx.actor, id);
}

// ---- the lifecycle (RECORD_TRANSITIONS): one named command per transition, its audit action written here

/** The owner sends a draft, returned or withdrawn demand for review. */
export async function submitDemand(db: Db, ctx: Signed, id: string) {
  return db.transaction(async (tx) => {
    const { after, audit } = await submitStep(tx, demandKind, ctx, id);
    await recordAudit(tx, ctx, { ...audit, action: 'demand.submit' });
    return after;
  });
}

/** The reviewing administration approves a submitted demand: it is published (a new version). */
export async function publishDemand(db: Db, ctx: Signed, id: string, input: { reason?: string } = {}) {
  return db.transaction(async (tx) => {
    const { after, audit } = await reviewStep(tx, demandKind, ctx, id, { decision: 'approve', reason: input.reason });
    await recordAudit(tx, ctx, { ...audit, action: 'demand.publish' });
    return after;
  });
}

/** The reviewing administration returns a submitted demand to its owner, with the reason. */
export async function returnDemand(db: Db, ctx: Signed, id: string, input: { reason?: string }) {
  return db.transaction(async (tx) => {
    const { after, audit } = await reviewStep(tx, demandKind, ctx, id, { decision: 'return', reason: input.reason });
    await recordAudit(tx, ctx, { ...audit, action: 'demand.return' });
    return after;
  });
}

/** The owner withdraws a submitted or published demand. */
export async function withdrawDemand(db: Db, ctx: Signed, id: string, reason?: string) {
  return db.transaction(async (tx) => {
    const { after, audit } = await withdrawStep(tx, demandKind, ctx, id, reason);
    await recordAudit(tx, ctx, { ...audit, action: 'demand.withdraw' });
    return after;
  });
}

/** The owner confirms the demand is still current: it is fresh again. */
export async function confirmDemand(db: Db, ctx: Signed, id: string) {
  return db.transaction(async (tx) => {
    const { after, audit } = await confirmStep(tx, demandKind, ctx, id);
    await recordAudit(tx, ctx, { ...audit, action: 'demand.confirm' });
    return after;
  });
}

/** A verified organisation asks to see an abstract demand's full text. */
export async function requestDemandAccess(db: Db, ctx: Signed, id: string, input: { organizationId?: string; reason: string }) {
  return db.transaction(async (tx) => {
    const { after, audit } = await requestAccessStep(tx, demandKind, ctx, id, input);
    await recordAudit(tx, ctx, { ...audit, action: 'demand.access.request' });
    return after;
  });
}

/** The demand's owner grants a pending access request. */
export async function approveDemandAccess(db: Db, ctx: Signed, requestId: string, input: { reason?: string } = {}) {
  return db.transaction(async (tx) => {
    const { after, audit } = await decideAccessStep(tx, demandKind, ctx, requestId, { decision: 'approve', reason: input.reason });
    await recordAudit(tx, ctx, { ...audit, action: 'demand.access.approved' });
    return after;
  });
}

/** The demand's owner declines a pending access request, with the reason. */
export async function declineDemandAccess(db: Db, ctx: Signed, requestId: string, input: { reason?: string }) {
  return db.transaction(async (tx) => {
    const { after, audit } = await decideAccessStep(tx, demandKind, ctx, requestId, { decision: 'decline', reason: input.reason });
    await recordAudit(tx, ctx, { ...audit, action: 'demand.access.declined' });
    return after;
  });
}

/** The commands the shared lifecycle routes call for demands. */
export const demandCommands = {
  submit: submitDemand,
  publish: publishDemand,
  return: returnDemand,
  withdraw: withdrawDemand,
  confirm: confirmDemand,
  requestAccess: requestDemandAccess,
  approveAccess: approveDemandAccess,
  declineAccess: declineDemandAccess,
};

export async function getDemand(db: Db, actor: Actor | null, id: string) {
  const { row, policy } = await authorizeRecord(db, demandKind, actor, id, 'read');
  return { ...presentDemand(row, policy), reviewer: await reviewerOf(db, row) };
}

export async function searchDemands(db: Db, actor: Actor | null, q: DemandQuery, index?: CatalogueReplica<Omit<DemandRow, NotIndexed>>) {
  if (q.budgetMin !== undefined && q.budgetMax !== undefined && q.budgetMin > q.budgetMax) throw badRequest('budgetMax', 'err.range.order');
  const jurisdictionPath = await subtreeFilter(db, q.jurisdictionCode);
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const query = { ...q, jurisdictionPath };
  const { rows, total, relaxed, facets } =
    index && q.scope === 'catalogue'
      ? await searchIndex<DemandRow, Omit<DemandRow, NotIndexed>>(db, index, actor, { q: q.q, sort: q.sort, filters: demandDocFilters(query), facetNames: DEMAND_FACETS, hiddenFacets: DEMAND_HIDDEN_FACETS }, page)
      : await searchSql(db, actor, query, page);
  const orgIds = actor?.memberships.map((m) => m.organizationId) ?? [];
  const granted = await grantedRecordIds(db, 'demand', rows.map((r) => r.id), orgIds);
  const items = rows.map((r) =>
    presentDemand(r, recordPolicy(actor, r, granted.has(r.id)), q.q ? { highlight: { title: highlight(r.title, q.q), description: highlight(r.description, q.q, 160) } } : {}),
  );
  return { ...paged(items, total, page), relaxed, facets };
}

async function searchSql(db: Db, actor: Actor | null, query: DemandQuery & { jurisdictionPath?: string }, page: Page) {
  const result = await demandRepository.search(db, actor, query, page);
  return { rows: result.rows, total: result.total, relaxed: result.relaxed, facets: await demandRepository.facets(db, actor, query, result) };
}

// ---- what other modules read of demands: named reads, their SQL in demands.repository (no authorisation here: the caller applies its own)

/** Demands by id as others name, place and authorise them, without their texts (only the published ones with `published`). */
export const demandHeads = (db: Executor, ids: string[], opts: { published?: boolean } = {}) => demandRepository.heads(db, ids, opts);

/** Whole demands by id (only the published ones with `published`). */
export const demandsByIds = (db: Executor, ids: string[], opts: { published?: boolean } = {}) => demandRepository.byIds(db, ids, opts);

/** The heads of every demand as a subquery named `name`, for a module that filters, orders or pages its own rows by them in one query: it joins this, never the table. */
/** The heads of every demand as a query for raw SQL (columns by their SQL names: `jurisdiction_path`, `organization_id`, …). */
export const demandHeadsQuery = () => demandRepository.headsQuery();

export const demandHeadsTable = <N extends string>(name: N) => demandRepository.headsTable(name);

/** The ids of the demands a demand list of this subtree may hold (published, not secret), of one industry if given: common problems first, then the newest. */
export const listableDemandIds = (db: Executor, path: string, industry: IndustrySection | null, limit: number) => demandRepository.listable(db, path, industry, limit);

/** The daily sweep's part (长效跟踪): published demands not confirmed for their jurisdiction's period become stale. */
export const markStaleDemands = (tx: Executor, now: Date) => demandRepository.markStale(tx, now, staleAfterMonths);

/** The rows the search and matching indexes are built from and kept current with (db/recordSearch.ts `replicaRepository`). */
export const demandReplicaSource = {
  type: 'demand',
  publishedPage: (db: Executor, afterId: string | null, limit: number) => demandRepository.publishedPage(db, afterId, limit),
  changedSince: (db: Executor, since: Date, limit: number) => demandRepository.changedSince(db, since, limit),
  byIds: (db: Executor, ids: string[]) => demandRepository.withOrganizationNamesByIds(db, ids),
} as const;

/** The rows of an import (imports.job): invisible while importing, revealed at once, removed when the attempt failed. */
export const demandImports = {
  existingKeys: (db: Executor, organizationId: string, importId: string) => demandRepository.importKeys(db, organizationId, importId),
  deleteImporting: (db: Executor, importId: string) => demandRepository.deleteImporting(db, importId),
  reveal: (db: Executor, importId: string) => demandRepository.revealImported(db, importId),
};
