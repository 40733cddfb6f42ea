import type { AnnouncementBody, AnnouncementUpdateBody } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { administers } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { findJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { announcementPolicy, mayPostAnnouncement } from './announcements.policy.ts';
import { presentAnnouncement, presentAnnouncementSummary } from './announcements.presenter.ts';
import { announcementRepository as repo, type AnnouncementRow } from './announcements.repository.ts';

type Signed = RequestContext & { actor: Actor };

const snapshot = (a: AnnouncementRow) => ({ title: a.title, body: a.body, jurisdictionCode: a.jurisdictionCode, pinned: a.pinned });
const audit = (a: AnnouncementRow) => ({ entityType: 'announcement', entityId: a.id, jurisdictionCode: a.jurisdictionCode });

async function jurisdictionsOf(db: Executor, rows: AnnouncementRow[]) {
  const codes = [...new Set(rows.map((r) => r.jurisdictionCode).filter((c): c is string => !!c))];
  const found = await Promise.all(codes.map((c) => findJurisdiction(db, c)));
  const byCode = new Map(found.filter((j) => !!j).map((j) => [j.code, { code: j.code, name: j.name }]));
  return (r: AnnouncementRow) => (r.jurisdictionCode ? (byCode.get(r.jurisdictionCode) ?? null) : null);
}

/** 通知公告 as everyone sees them: pinned first, then newest. */
export async function listAnnouncements(db: Db, actor: Actor | null, page: Page) {
  const { rows, total } = await repo.list(db, page);
  const jur = await jurisdictionsOf(db, rows);
  return { ...paged(rows.map((r) => presentAnnouncementSummary(r, jur(r))), total, page), canCreate: mayPostAnnouncement(actor) };
}

export async function getAnnouncement(db: Executor, actor: Actor | null, id: string) {
  const row = await repo.byId(db, id);
  if (!row) throw notFound('announcement');
  const policy = announcementPolicy(actor, row);
  if (!policy.read) throw notFound('announcement');
  return presentAnnouncement(row, (await jurisdictionsOf(db, [row]))(row), policy);
}

/** An administrator posts a notice for a jurisdiction they administer; a platform administrator also for the whole platform. */
export async function postAnnouncement(db: Db, ctx: Signed, body: AnnouncementBody) {
  if (!mayPostAnnouncement(ctx.actor)) throw forbidden();
  let path: string | null = null;
  if (body.jurisdictionCode) {
    const j = await findJurisdiction(db, body.jurisdictionCode);
    if (!j) throw badRequest('jurisdictionCode', 'err.jurisdiction.unknown');
    if (!administers(ctx.actor, j.path)) throw badRequest('jurisdictionCode', 'err.announcement.jurisdiction');
    path = j.path;
  } else if (!ctx.actor.user.isPlatformAdmin) {
    throw badRequest('jurisdictionCode', 'err.announcement.jurisdictionRequired');
  }
  const row = await db.transaction(async (tx) => {
    const created = await repo.insert(tx, { title: body.title, body: body.body, jurisdictionCode: body.jurisdictionCode ?? null, jurisdictionPath: path, pinned: body.pinned, createdBy: ctx.actor.user.id });
    await recordAudit(tx, ctx, { ...audit(created), action: 'announcement.publish', after: snapshot(created) });
    return created;
  });
  return getAnnouncement(db, ctx.actor, row.id);
}

async function authorize(db: Executor, actor: Actor, id: string, action: 'update' | 'withdraw') {
  const row = await repo.byId(db, id, { lock: true });
  if (!row) throw notFound('announcement');
  const policy = announcementPolicy(actor, row);
  if (!policy.read) throw notFound('announcement');
  if (!policy[action]) throw forbidden();
  return row;
}

export async function updateAnnouncement(db: Db, ctx: Signed, id: string, body: AnnouncementUpdateBody) {
  await db.transaction(async (tx) => {
    const row = await authorize(tx, ctx.actor, id, 'update');
    const set = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const after = await repo.update(tx, id, set);
    await recordAudit(tx, ctx, { ...audit(row), action: 'announcement.update', before: snapshot(row), after: snapshot(after) });
  });
  return getAnnouncement(db, ctx.actor, id);
}

/** Withdraws a notice: no longer shown, kept stored and in the audit trail. */
export async function withdrawAnnouncement(db: Db, ctx: Signed, id: string) {
  await db.transaction(async (tx) => {
    const row = await authorize(tx, ctx.actor, id, 'withdraw');
    await repo.update(tx, id, { withdrawnAt: new Date() });
    await recordAudit(tx, ctx, { ...audit(row), action: 'announcement.withdraw', before: snapshot(row) });
  });
}

/** The latest notices for the home page. */
export const latestAnnouncements = async (db: Db, n: number) => (await listAnnouncements(db, null, { page: 1, pageSize: n })).items;
