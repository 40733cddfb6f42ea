import type { IndustrySection } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { administers, pathWithin } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { badRequest, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { t } from '../../platform/i18n.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { grantedRecordIds } from '../catalogue/catalogue.service.ts';
import { recordPolicy } from '../catalogue/catalogue.policy.ts';
import type { Signed } from '../catalogue/catalogue.service.ts';
import { presentDemand } from '../demands/demands.presenter.ts';
import { demandHeads, demandsByIds, listableDemandIds } from '../demands/demands.service.ts';
import { resolveJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { organizationNames } from '../organizations/organizations.service.ts';
import { demandListRepository, type DemandListRow } from './demandLists.repository.ts';
import { demandListPolicy, type DemandListPolicy } from './demandLists.policy.ts';
import { presentDemandList, snapshotDemandList } from './demandLists.presenter.ts';
import { DEMAND_LIST_MAX_ITEMS, type CreateDemandListBody, type DemandListQuery, type UpdateDemandListBody } from './demandLists.schemas.ts';

/**
 * Loads a list and checks one permission: 404 when the actor may not see it,
 * 403 when they see it but may not do this, 409 when an administrator asks
 * for what the list's state does not allow.
 */
async function authorizeList(db: Executor, actor: Actor | null, id: string, action: keyof DemandListPolicy, opts: { lock?: boolean } = {}) {
  const row = await demandListRepository.byId(db, id, opts);
  if (!row) throw notFound('demandList');
  const policy = demandListPolicy(actor, row);
  if (!policy.read) throw notFound('demandList');
  if (!policy[action]) throw administers(actor, row.jurisdictionPath) ? invalidState('err.demandList.published') : forbidden();
  return { row, policy };
}

const audit = (row: Pick<DemandListRow, 'id' | 'jurisdictionCode'>) => ({ entityType: 'demandList', entityId: row.id, jurisdictionCode: row.jurisdictionCode });

/**
 * A demand list as another module needs it (batch matching): its title,
 * state, jurisdiction and number of demands. No authorisation here: the
 * caller applies `demandListPolicy`.
 */
export const demandListHead = (db: Executor, id: string) => demandListRepository.byId(db, id);
export type DemandListHead = NonNullable<Awaited<ReturnType<typeof demandListHead>>>;

/** The demands of a list in the list's order, with their current titles (whatever their state now, from the demands module). */
export async function demandListDemands(db: Executor, id: string) {
  const items = await demandListRepository.itemPositions(db, id);
  const titles = new Map((await demandHeads(db, items.map((i) => i.id))).map((d) => [d.id, d.title]));
  return items.flatMap((i) => (titles.has(i.id) ? [{ id: i.id, title: titles.get(i.id)!, position: i.position }] : []));
}

/** The demands of a list, in the list's order (from the demands module). */
async function listDemands(db: Executor, listId: string) {
  const items = await demandListRepository.itemPositions(db, listId);
  const rows = new Map((await demandsByIds(db, items.map((i) => i.id))).map((d) => [d.id, d]));
  return items.flatMap((i) => rows.get(i.id) ?? []);
}

export async function createDemandList(db: Db, ctx: Signed, body: CreateDemandListBody) {
  const id = await db.transaction(async (tx) => {
    const j = await resolveJurisdiction(tx, body.jurisdictionCode);
    if (!j) throw badRequest('jurisdictionCode', 'err.jurisdiction.unknown');
    if (!administers(ctx.actor, j.path)) throw forbidden();
    const created = await demandListRepository.insert(tx, {
      jurisdictionCode: j.code,
      title: body.title,
      industry: body.industry ?? null,
      description: body.description ?? '',
      status: 'draft',
      createdBy: ctx.actor.user.id,
    });
    await recordAudit(tx, ctx, { ...audit(created), action: 'demandList.create', after: snapshotDemandList(created) });
    return created.id;
  });
  return getDemandList(db, ctx.actor, id);
}

export async function searchDemandLists(db: Db, actor: Actor | null, q: DemandListQuery) {
  let jurisdictionPath: string | undefined;
  if (q.jurisdictionCode) {
    const j = await resolveJurisdiction(db, q.jurisdictionCode);
    if (!j) throw badRequest('jurisdictionCode', 'err.jurisdiction.unknown');
    jurisdictionPath = j.path;
  }
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const { rows, total } = await demandListRepository.search(db, actor, { jurisdictionPath, industry: q.industry, status: q.status }, page);
  return paged(
    rows.map((r) => presentDemandList(r, demandListPolicy(actor, r))),
    total,
    page,
  );
}

/**
 * The demands of a list as the demand catalogue presents them to this actor:
 * the record policy decides per demand what leaves the server, and a demand
 * the actor may no longer see (withdrawn, made secret) is left out.
 */
async function presentedItems(db: Executor, actor: Actor | null, listId: string) {
  const items = await listDemands(db, listId);
  const owners = await organizationNames(db, items.map((d) => d.organizationId));
  const rows = items.map((d) => ({ ...d, organizationName: owners.get(d.organizationId) ?? '' }));
  const orgIds = actor?.memberships.map((m) => m.organizationId) ?? [];
  const granted = await grantedRecordIds(db, 'demand', rows.map((r) => r.id), orgIds);
  return rows
    .map((r) => ({ r, policy: recordPolicy(actor, r, granted.has(r.id)) }))
    .filter(({ r, policy }) => policy.read && r.status === 'published' && r.confidentiality !== 'secret')
    .map(({ r, policy }) => presentDemand(r, policy));
}

export async function getDemandList(db: Db, actor: Actor | null, id: string) {
  const { row, policy } = await authorizeList(db, actor, id, 'read');
  const items = await presentedItems(db, actor, id);
  return { ...presentDemandList(row, policy), items };
}

export async function updateDemandList(db: Db, ctx: Signed, id: string, body: UpdateDemandListBody) {
  await db.transaction(async (tx) => {
    const { row } = await authorizeList(tx, ctx.actor, id, 'update', { lock: true });
    const after = await demandListRepository.update(tx, id, body);
    await recordAudit(tx, ctx, { ...audit(row), action: 'demandList.update', before: snapshotDemandList(row), after: snapshotDemandList(after) });
  });
  return getDemandList(db, ctx.actor, id);
}

export type ItemRefusal = { id: string; reason: string; message: string };

/**
 * Sets the demands of a list, in the order given. Each id is checked on its
 * own (ARCHITECTURE habit 4): the accepted ones form the list, the refused
 * ones are reported with the reason.
 */
export async function setDemandListItems(db: Db, ctx: Signed, id: string, demandIds: string[]) {
  const report = await db.transaction(async (tx) => {
    const { row } = await authorizeList(tx, ctx.actor, id, 'update', { lock: true });
    const found = new Map((await demandsByIds(tx, demandIds)).map((d) => [d.id, d]));
    const accepted: string[] = [];
    const refused: ItemRefusal[] = [];
    const seen = new Set<string>();
    const refuse = (demandId: string, reason: string) => refused.push({ id: demandId, reason, message: t(`err.demandList.item.${reason}`, ctx.lang) });
    for (const demandId of demandIds) {
      const d = found.get(demandId);
      if (seen.has(demandId)) refuse(demandId, 'duplicate');
      else if (!d || !recordPolicy(ctx.actor, d).read) refuse(demandId, 'notFound');
      else if (!pathWithin(d.jurisdictionPath, row.jurisdictionPath)) refuse(demandId, 'outside');
      else if (d.confidentiality === 'secret') refuse(demandId, 'secret');
      else if (d.status !== 'published') refuse(demandId, 'notPublished');
      else accepted.push(demandId);
      seen.add(demandId);
    }
    const before = await demandListRepository.itemIds(tx, id);
    await demandListRepository.replaceItems(tx, id, accepted);
    await demandListRepository.update(tx, id, {});
    await recordAudit(tx, ctx, { ...audit(row), action: 'demandList.items.set', before: { demandIds: before }, after: { demandIds: accepted, refused: refused.map(({ id: r, reason }) => ({ id: r, reason })) } });
    return { accepted, refused };
  });
  return { ...report, list: await getDemandList(db, ctx.actor, id) };
}

/** Fills a list with every published, non-secret demand of its subtree (of one industry), common problems first. */
export async function compileDemandList(db: Db, ctx: Signed, id: string, input: { industry?: IndustrySection | null }) {
  const added = await db.transaction(async (tx) => {
    const { row } = await authorizeList(tx, ctx.actor, id, 'compile', { lock: true });
    const industry = input.industry ?? row.industry;
    const ids = await listableDemandIds(tx, row.jurisdictionPath, industry, DEMAND_LIST_MAX_ITEMS);
    const before = await demandListRepository.itemIds(tx, id);
    await demandListRepository.replaceItems(tx, id, ids);
    await demandListRepository.update(tx, id, input.industry && input.industry !== row.industry ? { industry: input.industry } : {});
    await recordAudit(tx, ctx, { ...audit(row), action: 'demandList.compile', before: { demandIds: before, industry: row.industry }, after: { demandIds: ids, industry } });
    return ids.length;
  });
  return { added, list: await getDemandList(db, ctx.actor, id) };
}

export async function publishDemandList(db: Db, ctx: Signed, id: string) {
  await db.transaction(async (tx) => {
    const { row } = await authorizeList(tx, ctx.actor, id, 'publish', { lock: true });
    if (row.itemCount === 0) throw invalidState('err.demandList.items');
    const after = await demandListRepository.update(tx, id, { status: 'published', publishedAt: new Date() });
    await recordAudit(tx, ctx, { ...audit(row), action: 'demandList.publish', before: { status: row.status }, after: { status: after.status, items: row.itemCount } });
  });
  return getDemandList(db, ctx.actor, id);
}

/** The list as the export shows it to this actor (the same confidentiality as the page). */
export async function demandListForExport(db: Db, actor: Actor | null, id: string) {
  const { row } = await authorizeList(db, actor, id, 'export');
  return { list: row, items: await presentedItems(db, actor, id) };
}
