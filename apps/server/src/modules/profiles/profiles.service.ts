import type { ProfileKind, ProfileReviewBody } from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { userContacts } from '../accounts/accounts.service.ts';
import { findJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { findOrganization, firstOrganizationJurisdiction, organizationNames, organizationsOfPeople } from '../organizations/organizations.service.ts';
import { profileRepository as repo, type ProfileJurisdictionRow, type ProfileRow } from './profiles.repository.ts';
import { profileReviewPolicy, reviewRoots } from './profiles.policy.ts';
import { presentProfile, presentProfileReview, presentProfileStatus, snapshotReview, type ProfileReviewRow } from './profiles.presenter.ts';

type Signed = RequestContext & { actor: Actor };

/** Broker and expert profiles grant rights and are reviewed; a researcher profile is a description and is not. */
export const isReviewedKind = (kind: string) => kind === 'broker' || kind === 'expert';

/** A person's profiles (researcher, broker, expert), by kind. */
export const profilesOf = (db: Executor, userId: string) => repo.of(db, userId);

/**
 * Profiles with what their review shows: the holder's name and login
 * (accounts) and the linked organisation's name (organisations), one query
 * each for all the rows.
 */
async function withHolders(db: Executor, rows: ProfileJurisdictionRow[]): Promise<ProfileReviewRow[]> {
  const [people, orgs] = await Promise.all([
    userContacts(db, rows.map((r) => r.userId)),
    organizationNames(db, rows.flatMap((r) => (r.organizationId ? [r.organizationId] : []))),
  ]);
  return rows.map((r) => {
    const u = people.get(r.userId);
    return {
      ...r,
      userName: u?.name ?? '',
      userEmail: u?.email ?? null,
      userPhone: u?.phone ?? null,
      organizationName: r.organizationId ? (orgs.get(r.organizationId) ?? null) : null,
    };
  });
}

/** One person's profile of a kind with its review context (holder, organisation, jurisdiction), or undefined. */
async function reviewRow(db: Executor, userId: string, kind: string, opts: { lock?: boolean } = {}) {
  const row = await repo.one(db, userId, kind, opts);
  return row && (await withHolders(db, [row]))[0];
}

/**
 * The jurisdiction an approved broker or expert acts in (code, name, path),
 * or null while the person holds no approved profile of that kind. Other
 * modules ask this before granting a broker's or expert's right.
 */
export async function approvedProfile(db: Executor, userId: string, kind: 'broker' | 'expert') {
  return (await repo.approved(db, userId, kind)) ?? null;
}

/** Of these people, those holding an approved profile of this kind (experts to invite, brokers to entrust). */
export function approvedAmong(db: Executor, userIds: string[], kind: 'broker' | 'expert') {
  return repo.approvedAmong(db, userIds, kind);
}

type Expert = { id: string; name: string; organizationIds: string[]; organizationNames: string[] };

/** Approved experts with the organisations they belong to (ids and names, by name). */
async function withOrganizations(db: Executor, experts: { id: string; name: string }[]): Promise<Expert[]> {
  const orgs = await organizationsOfPeople(db, experts.map((e) => e.id));
  return experts.map((e) => ({ id: e.id, name: e.name, organizationIds: orgs.get(e.id)?.organizationIds ?? [], organizationNames: orgs.get(e.id)?.organizationNames ?? [] }));
}

/** Of these people, the approved experts with their names and organisations (a panel's avoidance rules read them). */
export async function approvedExperts(db: Executor, userIds: string[]): Promise<Expert[]> {
  if (!userIds.length) return [];
  return withOrganizations(db, await repo.approvedExpertNames(db, { ids: userIds }));
}

/** The pool of approved experts a panel is chosen from (by name), with their organisations. */
export async function expertPool(db: Executor, q: { q?: string; limit?: number } = {}): Promise<Expert[]> {
  return withOrganizations(db, await repo.approvedExpertNames(db, { q: q.q, limit: q.limit ?? 200 }));
}

/** Every approved expert (the 5,000 updated last) with their fields, the organisation named on the profile and every organisation they belong to, for matching experts to a record. */
export async function expertDirectory(db: Executor) {
  const rows = await repo.approvedExpertProfiles(db);
  const [people, named, orgs] = await Promise.all([
    userContacts(db, rows.map((r) => r.userId)),
    organizationNames(db, rows.flatMap((r) => (r.organizationId ? [r.organizationId] : []))),
    organizationsOfPeople(db, rows.map((r) => r.userId)),
  ]);
  return rows.map((r) => ({
    userId: r.userId,
    name: people.get(r.userId)?.name ?? '',
    organizationId: r.organizationId,
    organizationName: r.organizationId ? (named.get(r.organizationId) ?? null) : null,
    data: r.data,
    organizationIds: orgs.get(r.userId)?.organizationIds ?? [],
  }));
}

/** The caller's own profile of a kind and its review state, for their workbench and 个人中心. */
export async function myProfileStatus(db: Executor, userId: string, kind: 'broker' | 'expert') {
  const row = await repo.one(db, userId, kind);
  return row ? presentProfileStatus(row) : null;
}

/**
 * After the holder saved a profile: the jurisdiction that reviews it (the
 * linked organisation's, else the region named, else the holder's first
 * organisation's) and its review state. A broker or expert profile that
 * changed goes back to pending; one saved unchanged keeps its state; a
 * researcher profile needs no review.
 */
async function settleProfileReview(tx: Tx, actor: Actor, row: ProfileRow, before: ProfileRow | undefined, requestedJurisdiction?: string) {
  if (requestedJurisdiction && !(await findJurisdiction(tx, requestedJurisdiction))) throw badRequest('jurisdictionCode', 'err.profile.jurisdiction');
  const jurisdictionCode =
    (row.organizationId ? ((await findOrganization(tx, row.organizationId))?.jurisdictionCode ?? null) : null) ??
    requestedJurisdiction ??
    (await firstOrganizationJurisdiction(tx, actor.user.id));
  if (!isReviewedKind(row.kind)) {
    await repo.setStanding(tx, row.id, { status: 'approved', jurisdictionCode });
    return { ...row, status: 'approved', jurisdictionCode };
  }
  const unchanged =
    before &&
    before.organizationId === row.organizationId &&
    before.jurisdictionCode === jurisdictionCode &&
    JSON.stringify(before.data) === JSON.stringify(row.data);
  if (unchanged) {
    await repo.setStanding(tx, row.id, { status: before.status, jurisdictionCode });
    return { ...row, status: before.status, jurisdictionCode, reviewReason: before.reviewReason, reviewedBy: before.reviewedBy, reviewedAt: before.reviewedAt };
  }
  await repo.setStanding(tx, row.id, { status: 'pending', jurisdictionCode, reviewReason: null, reviewedBy: null, reviewedAt: null });
  return { ...row, status: 'pending', jurisdictionCode, reviewReason: null, reviewedBy: null, reviewedAt: null };
}

/** The holder saves their researcher, broker or expert profile; a broker or expert profile that changed waits for review again. */
export async function saveProfile(
  db: Db,
  ctx: Signed,
  kind: ProfileKind,
  input: { organizationId?: string; title?: string; fields: string[]; bio?: string; certificateNo?: string; jurisdictionCode?: string },
) {
  if (input.organizationId && !membershipIn(ctx.actor, input.organizationId)) throw badRequest('organizationId', 'err.profile.organization');
  return db.transaction(async (tx) => {
    const before = await repo.byKind(tx, ctx.actor.user.id, kind);
    const row = await repo
      .upsert(tx, {
        userId: ctx.actor.user.id,
        kind,
        organizationId: input.organizationId ?? null,
        data: { title: input.title, fields: input.fields, bio: input.bio, certificateNo: input.certificateNo },
      })
      .then((saved) => settleProfileReview(tx, ctx.actor, saved, before, input.jurisdictionCode));
    await recordAudit(tx, ctx, {
      action: before ? 'profile.update' : 'profile.create',
      entityType: 'profile',
      entityId: row.id,
      organizationId: row.organizationId,
      before: before ? presentProfile(before) : null,
      after: presentProfile(row),
    });
    return presentProfile(row);
  });
}

export async function deleteProfile(db: Db, ctx: Signed, kind: ProfileKind) {
  await db.transaction(async (tx) => {
    const row = await repo.delete(tx, ctx.actor.user.id, kind);
    if (!row) throw notFound('profile');
    await recordAudit(tx, ctx, { action: 'profile.delete', entityType: 'profile', entityId: row.id, before: presentProfile(row) });
  });
}

/** The review queue of 管理后台: broker and expert profiles of the administrator's subtrees with this status. */
export async function listProfileReviews(db: Db, actor: Actor, q: Page & { status: 'pending' | 'approved' | 'rejected'; kind?: 'broker' | 'expert' }) {
  const roots = reviewRoots(actor);
  if (roots === false) throw forbidden();
  const { rows, total } = await repo.queue(db, { status: q.status, kind: q.kind, roots }, q);
  return paged(
    (await withHolders(db, rows)).map((r) => presentProfileReview(r, profileReviewPolicy(actor, r))),
    total,
    q,
  );
}

const KIND_LABEL: Record<string, string> = { broker: '技术经纪人', expert: '评审专家' };

/**
 * An administrator of the holder's jurisdiction approves a pending broker or
 * expert profile, or rejects it (or withdraws an approved one) with a reason.
 * The holder is told, with the reason.
 */
export async function reviewProfile(db: Db, ctx: Signed, userId: string, kind: 'broker' | 'expert', body: ProfileReviewBody) {
  return db.transaction(async (tx) => {
    const p = await reviewRow(tx, userId, kind, { lock: true });
    if (!p) throw notFound('profile');
    const policy = profileReviewPolicy(ctx.actor, p);
    if (!policy.read) throw userId === ctx.actor.user.id && p.jurisdictionPath ? badRequest('userId', 'err.profile.ownReview') : forbidden();
    if (body.decision === 'approve' && !policy.approve) throw p.jurisdictionPath ? invalidState('err.profile.notPending') : invalidState('err.profile.noJurisdiction');
    if (body.decision === 'reject' && !policy.reject) throw invalidState('err.profile.notPending');
    const status = body.decision === 'approve' ? 'approved' : 'rejected';
    const reviewedAt = ctx.now ?? new Date();
    const after = await repo.setReview(tx, p.id, { status, reviewReason: body.reason ?? null, reviewedBy: ctx.actor.user.id, reviewedAt });
    const label = KIND_LABEL[kind]!;
    await notify(tx, {
      userId,
      kind: `profile.${status}`,
      dedupeKey: `profile.review:${p.id}:${reviewedAt.toISOString()}`,
      title: status === 'approved' ? `您的${label}档案已通过审核` : p.status === 'approved' ? `您的${label}档案资格已被撤销` : `您的${label}档案未通过审核`,
      body:
        body.reason ??
        (kind === 'broker' ? `您可以在「${p.jurisdictionName ?? ''}」辖区内开展技术经纪业务，请到经纪人工作台查看委托。` : '您可以受邀参与专家论证，请到专家工作台查看邀请。'),
      link: kind === 'broker' ? '/workbench/broker' : '/workbench/expert',
    });
    await recordAudit(tx, ctx, {
      action: status === 'approved' ? 'profile.approve' : 'profile.reject',
      entityType: 'profile',
      entityId: p.id,
      organizationId: p.organizationId,
      jurisdictionCode: p.jurisdictionCode,
      before: snapshotReview(p),
      after: snapshotReview(after),
    });
    return presentProfileReview({ ...p, ...after }, profileReviewPolicy(ctx.actor, { ...p, status }));
  });
}
