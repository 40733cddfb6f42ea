import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AnyColumn, SQL } from 'drizzle-orm';
import type { CreateOrganizationBody, MemberRole, VerifyDecision } from '@kzt/shared';
import { creditCodeSaysPublicInstitution, normalizeLogin } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, badRequest, conflict, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { userContacts } from '../accounts/accounts.service.ts';
import { resolveJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { publish } from '../../platform/events.ts';
import { invitationMessageRequested, organizationVerified } from './organizations.events.ts';
import { organizationRepository, type OrganizationFilter, type OrganizationRow } from './organizations.repository.ts';
import { organizationPolicy, type OrganizationPolicy } from './organizations.policy.ts';
import { auditOrganization, presentInvitation, presentOrganization } from './organizations.presenter.ts';
import { hasLicence } from './organizations.licence.ts';

type Signed = RequestContext & { actor: Actor };

/** Loads an organisation the actor may see (404 otherwise) and checks one permission (403). */
async function authorize(db: Executor, actor: Actor | null, id: string, action: keyof OrganizationPolicy, opts: { lock?: boolean } = {}) {
  const org = await organizationRepository.byId(db, id, opts);
  if (!org) throw notFound('organization');
  const policy = organizationPolicy(actor, org);
  if (!policy.read) throw notFound('organization');
  if (!policy[action]) throw forbidden();
  return org;
}

const auditOf = (org: OrganizationRow) => ({ organizationId: org.id, jurisdictionCode: org.jurisdictionCode, entityType: 'organization', entityId: org.id });

export async function createOrganization(db: Db, ctx: Signed, input: CreateOrganizationBody) {
  const org = await db.transaction(async (tx) => {
    const j = await resolveJurisdiction(tx, input.jurisdictionCode);
    if (!j) throw badRequest('jurisdictionCode', 'err.jurisdiction.unknown');
    if (await organizationRepository.byCreditCode(tx, input.creditCode)) throw conflict('creditCode', 'err.creditCode.taken');
    // 事业单位 unless said otherwise when the credit code says so (12…: registered by the 机构编制 authority as a public institution).
    const row = await organizationRepository.insert(tx, { ...input, publicInstitution: input.publicInstitution ?? creditCodeSaysPublicInstitution(input.creditCode), status: 'pending', createdBy: ctx.actor.user.id });
    await organizationRepository.addMember(tx, { organizationId: row.id, userId: ctx.actor.user.id, role: 'owner' });
    await recordAudit(tx, ctx, {
      action: 'organization.apply',
      entityType: 'organization',
      entityId: row.id,
      organizationId: row.id,
      jurisdictionCode: row.jurisdictionCode,
      after: auditOrganization(row),
    });
    return { ...row, jurisdictionName: j.name, jurisdictionPath: j.path };
  });
  // The applicant is now its owner: answer with the owner's view.
  const owner: Actor = {
    ...ctx.actor,
    memberships: [
      ...ctx.actor.memberships,
      {
        organizationId: org.id,
        organizationName: org.name,
        organizationType: input.type,
        organizationStatus: 'pending',
        jurisdictionPath: org.jurisdictionPath,
        role: 'owner',
      },
    ],
  };
  return presentOrganization(org, owner);
}

/**
 * A person's memberships — organisation id, role, the organisation's name,
 * type, status and jurisdiction path, by joining date — as one JSON array, an
 * SQL expression for the caller's own query: the actor of a request is read
 * in one query (profiles' actor source). `userId` must render qualified (a
 * column inside `sql`, not a field of `db.select()` from one source, which
 * drops the table name and would bind to this subquery's own `id`).
 */
export const membershipsJson = (userId: SQL | AnyColumn) => organizationRepository.membershipsJson(userId);
export type { MembershipOfPerson } from './organizations.repository.ts';

/** An organisation's stored row with its jurisdiction, for modules acting on its behalf (imports). */
export const findOrganization = (db: Executor, id: string) => organizationRepository.byId(db, id);
export type OrganizationWithJurisdiction = NonNullable<Awaited<ReturnType<typeof findOrganization>>>;

/** The names of these organisations by id, in one query: how other modules name an organisation without reading its table. */
export async function organizationNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  return new Map((await organizationRepository.namesOf(db, [...new Set(ids)])).map((o) => [o.id, o.name]));
}

type NamesOf<M> = { [K in keyof M]: M[K] extends string ? string : string | null };

/**
 * Rows with the names of the organisations they refer to, in one query for
 * all of them: `pick` says, per row, which organisation id each added name
 * field stands for (`{ buyerName: r.buyerOrganizationId }`). A name is ''
 * when the organisation is gone, null when the id is null.
 */
export async function nameOrganizations<T, M extends Record<string, string | null>>(db: Executor, rows: T[], pick: (row: T) => M): Promise<(T & NamesOf<M>)[]> {
  const picked = rows.map(pick);
  const ids = picked.flatMap((m) => Object.values(m).filter((id): id is string => !!id));
  const names = ids.length ? await organizationNames(db, ids) : new Map<string, string>();
  return rows.map((r, i) => {
    const added = Object.fromEntries(Object.entries(picked[i]!).map(([k, id]) => [k, id ? (names.get(id) ?? '') : null]));
    return { ...r, ...(added as NamesOf<M>) };
  });
}

/** Rows with the name of the organisation each names by `organizationId`, in one query. */
export const withOrganizationNames = <T extends { organizationId: string }>(db: Executor, rows: T[]) =>
  nameOrganizations(db, rows, (r) => ({ organizationName: r.organizationId }));

/** Name and type of these organisations by id, in one query. */
export async function organizationsOf(db: Executor, ids: string[]): Promise<Map<string, { id: string; name: string; type: string }>> {
  return new Map((await organizationRepository.namesOf(db, [...new Set(ids)])).map((o) => [o.id, o]));
}

/** The members of these organisations whose accounts are active (those to push to, to tell), as organisation–user pairs. */
export async function activeMembersOf(db: Executor, organizationIds: string[]) {
  const pairs = await organizationRepository.membersOf(db, organizationIds);
  const people = await userContacts(db, pairs.map((p) => p.userId));
  return pairs.filter((p) => people.get(p.userId)?.status === 'active');
}

/**
 * The organisations each of these people belongs to (ids and names, by name),
 * in one query: an expert's avoidance rules and the expert pool read them.
 */
export async function organizationsOfPeople(db: Executor, userIds: string[]): Promise<Map<string, { organizationIds: string[]; organizationNames: string[] }>> {
  const out = new Map<string, { organizationIds: string[]; organizationNames: string[] }>();
  for (const r of await organizationRepository.membershipsOfUsers(db, [...new Set(userIds)])) {
    const e = out.get(r.userId) ?? { organizationIds: [], organizationNames: [] };
    e.organizationIds.push(r.organizationId);
    e.organizationNames.push(r.organizationName);
    out.set(r.userId, e);
  }
  return out;
}

/** The jurisdiction of the first organisation a person joined, or null (where a profile without an organisation is reviewed). */
export const firstOrganizationJurisdiction = (db: Executor, userId: string) => organizationRepository.firstMembershipJurisdiction(db, userId);

/** The pending invitations to a person's logins (their e-mail and phone), with the organisation's name, oldest first. */
export const pendingInvitationsFor = (db: Executor, logins: string[]) => organizationRepository.pendingInvitationsFor(db, logins);

/** The active members of an organisation with their names (to link a name written in a record to an account). */
export async function activeMemberNames(db: Executor, organizationId: string) {
  const pairs = await organizationRepository.membersOf(db, [organizationId]);
  const people = await userContacts(db, pairs.map((p) => p.userId));
  return pairs.flatMap((p) => {
    const u = people.get(p.userId);
    return u?.status === 'active' ? [{ userId: p.userId, name: u.name }] : [];
  });
}

/** An organisation's members with their names and contacts, in the order they joined. */
async function membersWithContacts(db: Executor, organizationId: string) {
  const members = await organizationRepository.members(db, organizationId);
  const people = await userContacts(db, members.map((m) => m.userId));
  return members.flatMap((m) => {
    const u = people.get(m.userId);
    return u ? [{ userId: m.userId, name: u.name, email: u.email, phone: u.phone, role: m.role, joinedAt: m.joinedAt }] : [];
  });
}

export async function getOrganization(db: Db, actor: Actor | null, id: string) {
  const org = await authorize(db, actor, id, 'read');
  return presentOrganization(org, actor);
}

export async function listOrganizations(db: Db, actor: Actor | null, filter: Omit<OrganizationFilter, 'jurisdictionPath'> & { jurisdictionCode?: string; mine?: boolean }, page: Page) {
  let jurisdictionPath: string | undefined;
  if (filter.jurisdictionCode) {
    const j = await resolveJurisdiction(db, filter.jurisdictionCode);
    if (!j) throw badRequest('jurisdictionCode', 'err.jurisdiction.unknown');
    jurisdictionPath = j.path;
  }
  const memberOf = filter.mine ? (actor?.memberships.map((m) => m.organizationId) ?? []) : undefined;
  const { rows, total } = await organizationRepository.list(db, actor, { ...filter, jurisdictionPath, memberOf }, page);
  return paged(rows.map((r) => presentOrganization(r, actor)), total, page);
}

export async function updateOrganization(
  db: Db,
  ctx: Signed,
  id: string,
  input: { name?: string; address?: string; contactName?: string; contactPhone?: string; description?: string; publicInstitution?: boolean },
) {
  await db.transaction(async (tx) => {
    const org = await authorize(tx, ctx.actor, id, 'update', { lock: true });
    // 事业单位 moves subsidy money (威海 004-4): the organisation declares it until it is verified; after that only an administrator changes it.
    if (input.publicInstitution !== undefined && input.publicInstitution !== org.publicInstitution && org.status === 'verified' && !organizationPolicy(ctx.actor, org).verify)
      throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.organization.publicInstitutionAdmin', {}, [{ path: 'publicInstitution', key: 'err.organization.publicInstitutionAdmin' }]);
    // An owner who edits a rejected application re-applies: it goes back to the review queue.
    const reapply = org.status === 'rejected' && !organizationPolicy(ctx.actor, org).verify;
    const after = await organizationRepository.update(tx, id, { ...input, ...(reapply ? { status: 'pending' } : {}) });
    await recordAudit(tx, ctx, {
      ...auditOf(org),
      action: reapply ? 'organization.reapply' : 'organization.update',
      before: auditOrganization(org),
      after: auditOrganization(after),
    });
  });
  return getOrganization(db, ctx.actor, id);
}

export async function verifyOrganization(db: Db, ctx: Signed, id: string, input: { decision: VerifyDecision; reason?: string; publicInstitution?: boolean }) {
  await db.transaction(async (tx) => {
    const org = await authorize(tx, ctx.actor, id, 'verify', { lock: true });
    if (org.status !== 'pending') throw invalidState('err.organization.notPending');
    // Issue 12: no organisation is approved without its business licence on file.
    if (input.decision === 'approve' && !hasLicence(org)) throw invalidState('err.organization.licenceMissing');
    const after = await organizationRepository.update(tx, id, {
      status: input.decision === 'approve' ? 'verified' : 'rejected',
      reviewReason: input.reason ?? null,
      ...(input.decision === 'approve' && input.publicInstitution !== undefined ? { publicInstitution: input.publicInstitution } : {}),
      reviewedBy: ctx.actor.user.id,
      reviewedAt: new Date(),
    });
    await notify(tx, {
      organizationId: org.id,
      kind: `organization.${after.status}`,
      dedupeKey: `organization.review:${org.id}:${after.reviewedAt!.toISOString()}`,
      title: input.decision === 'approve' ? `「${org.name}」已通过单位认证` : `「${org.name}」的单位认证未通过`,
      body: input.reason ?? (input.decision === 'approve' ? '现在可以代表本单位发布成果、需求并参与交易。' : ''),
      titleEn: input.decision === 'approve' ? `“${org.name}” is verified` : `The verification of “${org.name}” was refused`,
      bodyEn: input.reason ?? (input.decision === 'approve' ? 'You may now publish achievements and demands and trade on its behalf.' : ''),
      link: `/org/${org.id}`,
    });
    await recordAudit(tx, ctx, {
      ...auditOf(org),
      action: input.decision === 'approve' ? 'organization.verify' : 'organization.reject',
      before: auditOrganization(org),
      after: auditOrganization(after),
    });
    if (input.decision === 'approve')
      await publish(tx, organizationVerified, { organizationId: org.id, type: org.type, jurisdictionCode: org.jurisdictionCode, name: org.name }, { actorId: ctx.actor.user.id, requestId: ctx.requestId });
  });
  return getOrganization(db, ctx.actor, id);
}

export async function listMembers(db: Db, actor: Actor, id: string) {
  const org = await authorize(db, actor, id, 'viewMembers');
  const [members, invitations] = await Promise.all([membersWithContacts(db, org.id), organizationRepository.invitations(db, org.id)]);
  const policy = organizationPolicy(actor, org);
  const owners = members.filter((m) => m.role === 'owner').length;
  // Per member: the owner may remove anyone and a member may leave, but the last owner stays.
  const items = members.map((m) => {
    const removable = (policy.removeMember || m.userId === actor.user.id) && !(m.role === 'owner' && owners <= 1);
    return { ...m, allowedActions: removable ? ['remove'] : [] };
  });
  return { items, total: items.length, invitations: invitations.map(presentInvitation) };
}

/** How long an invitation's link stays valid. */
export const INVITATION_TTL_MS = 7 * 86400_000;

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

export async function inviteMember(db: Db, ctx: Signed, id: string, input: { login: string; role: MemberRole }) {
  const login = normalizeLogin(input.login);
  return db.transaction(async (tx) => {
    const org = await authorize(tx, ctx.actor, id, 'invite', { lock: true });
    const members = await membersWithContacts(tx, org.id);
    if (members.some((m) => m.email === login || m.phone === login)) throw conflict('login', 'err.member.exists');
    if (await organizationRepository.pendingInvitation(tx, org.id, login)) throw conflict('login', 'err.invitation.pending');
    // The link's one-time token goes only into the message; the invitation keeps its hash.
    const token = randomBytes(24).toString('base64url');
    const inv = await organizationRepository.insertInvitation(tx, {
      organizationId: org.id,
      login,
      role: input.role,
      invitedBy: ctx.actor.user.id,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    const roleName = input.role === 'owner' ? '负责人' : '成员';
    await publish(
      tx,
      invitationMessageRequested,
      {
        invitationId: inv.id,
        channel: login.includes('@') ? 'email' : 'sms',
        address: login,
        subject: `科转通：${org.name} 邀请您加入`,
        body: `${ctx.actor.user.name} 邀请您以${roleName}身份加入「${org.name}」。接受邀请请打开（7 天内有效，仅可使用一次）：/invitations/${inv.id}?token=${token} 。如不认识邀请方，请忽略本消息。`,
      },
      { actorId: ctx.actor.user.id, requestId: ctx.requestId },
    );
    await recordAudit(tx, ctx, { ...auditOf(org), action: 'organization.invite', after: presentInvitation(inv) });
    return presentInvitation(inv);
  });
}

/** What an invitation's link shows before the person decides: the organisation and the role, only with the link's token. */
export async function previewInvitation(db: Db, invitationId: string, token: string) {
  const inv = await organizationRepository.invitation(db, invitationId);
  if (!inv || !tokenMatches(inv, token)) throw notFound('invitation');
  const org = (await organizationRepository.byId(db, inv.organizationId))!;
  return { id: inv.id, organizationName: org.name, role: inv.role, status: inv.status, expiresAt: inv.expiresAt };
}

function tokenMatches(inv: { tokenHash: string | null }, token: string | undefined): boolean {
  if (!token || !inv.tokenHash) return false;
  const a = Buffer.from(sha256(token));
  const b = Buffer.from(inv.tokenHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function revokeInvitation(db: Db, ctx: Signed, id: string, invitationId: string) {
  await db.transaction(async (tx) => {
    const org = await authorize(tx, ctx.actor, id, 'invite', { lock: true });
    const inv = await organizationRepository.invitation(tx, invitationId, { lock: true });
    if (!inv || inv.organizationId !== org.id) throw notFound('invitation');
    if (inv.status !== 'pending') throw invalidState('problem.invalidState');
    const after = await organizationRepository.setInvitationStatus(tx, inv.id, 'revoked');
    await recordAudit(tx, ctx, { ...auditOf(org), action: 'organization.invitation.revoke', before: presentInvitation(inv), after: presentInvitation(after) });
  });
}

/**
 * The invitee accepts or declines. Only someone who proves holding the
 * invited address may: a person who confirmed that very e-mail or phone with
 * a one-time code, or whoever opens the invitation's own link (its token, once,
 * before it expires). Registering the address without confirming it gives
 * nothing, so a pending invitation cannot be taken over.
 */
export async function respondToInvitation(db: Db, ctx: Signed, invitationId: string, accept: boolean, token?: string) {
  return db.transaction(async (tx) => {
    const inv = await organizationRepository.invitation(tx, invitationId, { lock: true });
    const u = ctx.actor.user;
    const addressed = !!inv && [u.email, u.phone].includes(inv.login);
    const viaLink = !!inv && tokenMatches(inv, token);
    if (!inv || (!addressed && !viaLink)) throw notFound('invitation');
    // The login the person proved with a code is their e-mail when they have one, else their phone.
    const provenHolder = addressed && !!u.verified && (u.email ?? u.phone) === inv.login;
    if (!provenHolder && !viaLink) {
      if (token) throw badRequest('token', 'err.invitation.token');
      throw badRequest('token', 'err.invitation.verify');
    }
    if (inv.status !== 'pending') throw invalidState('problem.invalidState');
    if (viaLink && !provenHolder && inv.expiresAt && inv.expiresAt.getTime() < Date.now()) throw badRequest('token', 'err.invitation.token');
    const org = (await organizationRepository.byId(tx, inv.organizationId))!;
    const after = await organizationRepository.setInvitationStatus(tx, inv.id, accept ? 'accepted' : 'declined');
    if (accept && !(await organizationRepository.membership(tx, org.id, ctx.actor.user.id))) {
      await organizationRepository.addMember(tx, { organizationId: org.id, userId: ctx.actor.user.id, role: inv.role });
    }
    await recordAudit(tx, ctx, {
      ...auditOf(org),
      action: accept ? 'organization.member.join' : 'organization.invitation.decline',
      before: presentInvitation(inv),
      after: { ...presentInvitation(after), userId: ctx.actor.user.id, proof: provenHolder ? 'verifiedAddress' : 'invitationLink' },
    });
    return { ...presentInvitation(after), organizationName: org.name };
  });
}

/** The owner removes a member, or a member leaves; the last owner stays. */
export async function removeMember(db: Db, ctx: Signed, id: string, userId: string) {
  await db.transaction(async (tx) => {
    const self = userId === ctx.actor.user.id;
    const org = await authorize(tx, ctx.actor, id, self ? 'viewMembers' : 'removeMember', { lock: true });
    const m = await organizationRepository.membership(tx, org.id, userId);
    if (!m) throw notFound('member');
    if (m.role === 'owner' && (await organizationRepository.ownerCount(tx, org.id)) <= 1) throw invalidState('err.member.lastOwner');
    await organizationRepository.removeMember(tx, org.id, userId);
    await recordAudit(tx, ctx, { ...auditOf(org), action: 'organization.member.remove', before: { userId, role: m.role } });
  });
}
