import { z } from 'zod';
import { formatFen, type ObjectionStatus } from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import { AppError, invalidState, notFound, unprocessable } from '../../platform/errors.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { authorizeListing, clock, eventTarget, notifySeller, refuse, type Signed } from './listings.access.ts';
import { announce } from './listings.live.ts';
import { listingRoles, phaseOf } from './listings.policy.ts';
import { listingRepository as repo, type ListingRow } from './listings.repository.ts';
import { openDeal } from './deals.service.ts';
import { recordAudit } from '../../platform/audit.ts';
import { listingAudit } from './trading.events.ts';

/**
 * A negotiated price published for objections (协议定价公示): during the
 * notice period anyone signed in may object, with reasons; the
 * jurisdiction's administrator resolves each objection. The deal is made
 * only after a clean notice period: at its end with no objection open, or
 * when the last open objection is dismissed after it. An upheld objection
 * ends the listing (the price has to be agreed and noticed again).
 */

export const noticeEndJob = defineJob({
  name: 'trading.noticeEnd',
  version: 1,
  payload: z.object({ listingId: z.uuid() }),
  run: async (db, { listingId }) => {
    await endNotice(db, listingId);
  },
});

export async function scheduleNoticeEnd(tx: Executor, l: Pick<ListingRow, 'id' | 'noticeEndsAt'>) {
  await scheduleJob(tx, noticeEndJob, { payload: { listingId: l.id }, runAt: l.noticeEndsAt!, key: `trading.noticeEnd:${l.id}` });
}

/** At most this many objections per organisation and listing (one open at a time). */
export const MAX_OBJECTIONS_PER_ORGANIZATION = 2;

/** The verified organisation an objection comes from: the one named, or the caller's only verified one. */
function objectingOrganization(actor: Actor, named: string | undefined) {
  const verified = actor.memberships.filter((m) => m.organizationStatus === 'verified');
  if (named) {
    const m = verified.find((v) => v.organizationId === named);
    if (!m) throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.objection.organization');
    return m.organizationId;
  }
  if (!verified.length) throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.objection.organization');
  if (verified.length > 1) throw unprocessable('organizationId', 'err.objection.chooseOrganization');
  return verified[0]!.organizationId;
}

/**
 * An objection to a negotiated price, during its notice period: from a
 * verified organisation that is not a party, at most
 * MAX_OBJECTIONS_PER_ORGANIZATION per listing and one open at a time.
 */
export async function lodgeObjection(db: Db, ctx: Signed, id: string, reason: string, organizationId?: string) {
  const created = await db.transaction(async (tx) => {
    const { listing: l } = await authorizeListing(tx, ctx.actor, id, { lock: true });
    const roles = listingRoles(ctx.actor, l);
    if (roles.seller || roles.buyer) throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.objection.party');
    if (roles.admin) throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.objection.admin');
    const org = objectingOrganization(ctx.actor, organizationId);
    if (!(l.status === 'open' && l.kind === 'negotiated' && phaseOf(l, clock(ctx)) === 'notice')) refuse(true, 'err.objection.closed');
    const mine = await repo.objectionsOf(tx, l.id, org);
    if (mine.open > 0) throw invalidState('err.objection.openAlready');
    if (mine.total >= MAX_OBJECTIONS_PER_ORGANIZATION) throw new AppError(409, 'objection-limit', 'problem.invalidState', 'err.objection.limit', { max: MAX_OBJECTIONS_PER_ORGANIZATION });
    const row = await repo.insertObjection(tx, { listingId: l.id, userId: ctx.actor.user.id, organizationId: org, reason, createdAt: clock(ctx) });
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.objection', after: { objectionId: row.id, reason } });
    await repo.update(tx, l.id, {});
    await notifySeller(tx, l, 'listing.objection', `「${l.title}」公示期间收到异议`, `异议理由：${reason}。辖区管理员将予处理，异议处理完毕前不能成交。`, `:${row.id}`, { title: `An objection to “${l.title}” during its public notice`, body: `Grounds: ${reason}. The jurisdiction's administrator handles it; no sale until it is resolved.` });
    return row;
  });
  announce({ listingId: id, kind: 'state' });
  return { id: created.id, reason: created.reason, status: created.status as ObjectionStatus, createdAt: created.createdAt };
}

/** Objections: their reasons and outcomes are public (objectors shown as 异议人N); who objected only to administrators. */
export async function listObjections(db: Db, actor: Actor | null, id: string, status?: string) {
  const { listing: l, policy } = await authorizeListing(db, actor, id);
  const admin = policy.resolveObjection;
  const rows = await repo.objections(db, l.id);
  return {
    items: rows
      .map((o, i) => ({
        id: o.id,
        objector: `异议人${i + 1}`,
        user: admin || o.userId === actor?.user.id ? { id: o.userId } : null,
        mine: o.userId === actor?.user.id,
        reason: o.reason,
        status: o.status as ObjectionStatus,
        resolution: o.resolution,
        resolvedAt: o.resolvedAt,
        vexatious: o.vexatious,
        vexatiousReason: o.vexatiousReason,
        createdAt: o.createdAt,
        allowedActions: (admin ? [...(o.status === 'open' ? ['resolve'] : []), ...(o.vexatious ? [] : ['markVexatious'])] : []) as ('resolve' | 'markVexatious')[],
      }))
      .filter((o) => !status || o.status === status),
  };
}

export async function resolveObjection(db: Db, ctx: Signed, id: string, objectionId: string, body: { decision: 'upheld' | 'dismissed'; resolution: string }) {
  const now = clock(ctx);
  await db.transaction(async (tx) => {
    const { listing: l, policy } = await authorizeListing(tx, ctx.actor, id, { lock: true, now });
    if (!policy.resolveObjection) refuse(listingRoles(ctx.actor, l).admin, 'err.objection.resolve');
    const o = await repo.objectionById(tx, objectionId, { lock: true });
    if (!o || o.listingId !== l.id) throw notFound('objection');
    if (o.status !== 'open') throw invalidState('err.objection.resolved');
    await repo.resolveObjection(tx, o.id, { status: body.decision, resolution: body.resolution, resolvedBy: ctx.actor.user.id });
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.objectionResolved', after: { objectionId: o.id, decision: body.decision, resolution: body.resolution } });
    await notifyMany(tx, [
      {
        userId: o.userId,
        kind: 'listing.objection.resolved',
        dedupeKey: `listing.objection.resolved:${o.id}`,
        title: `您对「${l.title}」提出的异议${body.decision === 'upheld' ? '成立' : '不成立'}`,
        body: `处理意见：${body.resolution}`,
        titleEn: `Your objection to “${l.title}” was ${body.decision === 'upheld' ? 'upheld' : 'not upheld'}`,
        bodyEn: `Decision: ${body.resolution}`,
        link: `/listings/${l.id}`,
      },
    ]);
    if (l.status !== 'open') return;
    if (body.decision === 'upheld') {
      await repo.update(tx, l.id, { status: 'cancelled', closedAt: now, closeReason: 'objection_upheld' });
      await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.closed', after: { result: 'cancelled', reason: 'objection_upheld', objectionId: o.id } });
      await notifySeller(tx, l, 'listing.cancelled', `「${l.title}」的公示异议成立，本次协议定价终止`, `处理意见：${body.resolution}。可重新协商价格后再次公示。`, '', { title: `An objection to “${l.title}” was upheld: this negotiated price ends`, body: `Decision: ${body.resolution}. You may agree a price again and give notice anew.` });
      return;
    }
    await repo.update(tx, l.id, {});
    if (now.getTime() >= l.noticeEndsAt!.getTime()) await completeIfClean(tx, ctx, l, now);
  });
  announce({ listingId: id, kind: 'state' });
}

/**
 * An administrator marks an objection vexatious (恶意异议): it stays in the
 * record, marked so; an open one is dismissed with the reason, so it no
 * longer holds up the deal.
 */
export async function markObjectionVexatious(db: Db, ctx: Signed, id: string, objectionId: string, reason: string) {
  const now = clock(ctx);
  await db.transaction(async (tx) => {
    const { listing: l, policy } = await authorizeListing(tx, ctx.actor, id, { lock: true, now });
    if (!policy.resolveObjection) refuse(listingRoles(ctx.actor, l).admin, 'err.objection.resolve');
    const o = await repo.objectionById(tx, objectionId, { lock: true });
    if (!o || o.listingId !== l.id) throw notFound('objection');
    if (o.vexatious) throw invalidState('err.objection.vexatious');
    const wasOpen = o.status === 'open';
    if (wasOpen) await repo.resolveObjection(tx, o.id, { status: 'dismissed', resolution: reason, resolvedBy: ctx.actor.user.id, vexatious: true, vexatiousReason: reason });
    else await repo.markVexatious(tx, o.id, reason);
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.objectionVexatious', after: { objectionId: o.id, reason, dismissed: wasOpen } });
    await notifyMany(tx, [
      {
        userId: o.userId,
        kind: 'listing.objection.vexatious',
        dedupeKey: `listing.objection.vexatious:${o.id}`,
        title: `您对「${l.title}」提出的异议被认定为恶意异议`,
        body: `理由：${reason}。该认定记入交易过程记录。`,
        titleEn: `Your objection to “${l.title}” was found vexatious`,
        bodyEn: `Grounds: ${reason}. This is kept in the listing's record.`,
        link: `/listings/${l.id}`,
      },
    ]);
    await repo.update(tx, l.id, {});
    if (wasOpen && l.status === 'open' && now.getTime() >= l.noticeEndsAt!.getTime()) await completeIfClean(tx, ctx, l, now);
  });
  announce({ listingId: id, kind: 'state' });
}

/** At the end of the notice period: the deal, unless objections are still open (then the last dismissal makes it). */
export async function endNotice(db: Db, listingId: string, now = new Date()) {
  const done = await db.transaction(async (tx) => {
    const l = await repo.byId(tx, listingId, { lock: true });
    if (!l || l.kind !== 'negotiated' || l.status !== 'open' || now.getTime() < l.noticeEndsAt!.getTime()) return false;
    const ctx = systemContext(`trading.noticeEnd:${l.id}`);
    const open = await repo.openObjections(tx, l.id);
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.noticeEnded', after: { openObjections: open } });
    if (open) {
      await repo.update(tx, l.id, {});
      await notifySeller(tx, l, 'listing.noticeHeld', `「${l.title}」公示期满，尚有 ${open} 项异议待处理`, '异议处理完毕且均不成立后方可成交。', '', { title: `The notice of “${l.title}” ended with ${open} objection(s) open`, body: 'The sale waits until every objection is resolved and none upheld.' });
      return true;
    }
    return completeIfClean(tx, ctx, l, now);
  });
  if (done) announce({ listingId, kind: 'state' });
  return done;
}

async function completeIfClean(tx: Tx, ctx: RequestContext, l: ListingRow, now: Date) {
  if ((await repo.openObjections(tx, l.id)) > 0) return false;
  await repo.update(tx, l.id, { status: 'sold', closedAt: now, finalPriceFen: l.priceFen });
  await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.closed', after: { result: 'sold', amount: l.priceFen, buyerOrganizationId: l.buyerOrganizationId } });
  await openDeal(tx, ctx, { listing: l, buyerOrganizationId: l.buyerOrganizationId!, amountFen: l.priceFen, source: 'notice', now });
  await notifySeller(tx, l, 'listing.noticeClean', `「${l.title}」公示期满无异议，按 ${formatFen(l.priceFen)} 成交`, '请与受让方确认并签订合同。', '', { title: `The notice of “${l.title}” ended without objection: sold at ${formatFen(l.priceFen, 'en')}`, body: 'Confirm with the buyer and sign the contract.' });
  return true;
}
