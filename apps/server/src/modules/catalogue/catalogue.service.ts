import type { SQL } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';
import type { AuditInput } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, conflict, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { catalogueRepository, freshnessRepository } from './catalogue.repository.ts';

/**
 * How long a record at a jurisdiction path stays fresh without its owner's
 * confirmation (months, the nearest setting up the tree): an SQL fragment the
 * record modules put in their own daily update (the sweep is in `freshness`).
 */
export const staleAfterMonths = (path: SQL) => freshnessRepository.staleAfterMonths(path);
import type { RecordType } from '../../db/recordSearch.ts';
import { userNames } from '../accounts/accounts.service.ts';
import { organizationNames } from '../organizations/organizations.service.ts';
import { resolveJurisdiction, resolveJurisdictions } from '../jurisdictions/jurisdictions.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { publish } from '../../platform/events.ts';
import { publishedEvents, reviewedEvents } from './catalogue.events.ts';
import type { CatalogueReplica, Row } from './catalogue.replica.ts';
import type { IndexQuery } from './catalogue.index.ts';
import { recordPolicy, type RecordLike, type RecordPolicy } from './catalogue.policy.ts';
import { ANONYMOUS, organizationViewer, viewerOf, type Viewer } from './catalogue.visibility.ts';

/** Of these records, the ones some organisation of `orgIds` has been granted access to (abstract records' full text). */
export function grantedRecordIds(db: Executor, recordType: RecordType, recordIds: string[], orgIds: string[]) {
  return catalogueRepository.grantedIds(db, recordType, recordIds, orgIds);
}

export type Signed = RequestContext & { actor: Actor };

export type BaseRow = RecordLike & {
  id: string;
  jurisdictionCode: string;
  title: string;
  /** GB/T 4754 section. */
  industry: string;
  version: number;
  publishedAt: Date | null;
  organizationName: string;
};

/** How the shared lifecycle reaches one kind of record (achievement or demand). */
export type RecordKind<Row extends BaseRow> = {
  type: RecordType;
  load: (db: Executor, id: string, opts?: { lock?: boolean }) => Promise<Row | undefined>;
  update: (db: Executor, row: Row, set: Record<string, unknown>) => Promise<Omit<Row, 'organizationName'>>;
  snapshot: (row: Omit<Row, 'organizationName'>) => Record<string, unknown>;
};

/** Whether one of the actor's organisations was granted access to the record. */
export async function isGranted(db: Executor, type: RecordType, actor: Actor | null, recordId: string) {
  const orgIds = actor?.memberships.map((m) => m.organizationId) ?? [];
  return (await catalogueRepository.grantedIds(db, type, [recordId], orgIds)).has(recordId);
}

/** The caller as the visibility projection sees them, with their organisations' grants of records of this type. */
export async function viewerFor(db: Executor, actor: Actor | null, type: RecordType): Promise<Viewer> {
  if (!actor) return ANONYMOUS;
  return viewerOf(actor, await catalogueRepository.grantsOf(db, type, actor.memberships.map((m) => m.organizationId)));
}

/** An organisation as a viewer of others' records of this type (the recipients of pushes), with its grants. */
export async function organizationViewerFor(db: Executor, organizationId: string, type: RecordType): Promise<Viewer> {
  return organizationViewer(organizationId, await catalogueRepository.grantsOf(db, type, [organizationId]));
}

/**
 * Loads a record and checks one permission: 404 when the actor may not see
 * it at all, 403 when they see it but may not do this, 409 when they may in
 * general but not in the record's current state.
 */
export async function authorizeRecord<Row extends BaseRow>(
  db: Executor,
  kind: RecordKind<Row>,
  actor: Actor | null,
  id: string,
  action: keyof RecordPolicy,
  opts: { lock?: boolean } = {},
): Promise<{ row: Row; policy: RecordPolicy }> {
  const row = await kind.load(db, id, opts);
  if (!row) throw notFound(kind.type);
  const policy = recordPolicy(actor, row, await isGranted(db, kind.type, actor, id));
  if (!policy.read) throw notFound(kind.type);
  if (!policy[action]) {
    const member = !!membershipIn(actor, row.organizationId);
    if (action === 'submit' && member && membershipIn(actor, row.organizationId)?.organizationStatus !== 'verified') throw invalidState('err.organization.notVerified');
    const admin = administers(actor, row.jurisdictionPath);
    const role = { update: member, submit: member, withdraw: member, confirm: member, review: admin }[action as string];
    if (role) throw invalidState('err.record.state');
    throw forbidden();
  }
  return { row, policy };
}

/**
 * The lifecycle steps achievements and demands share. Each runs inside the
 * caller's transaction and returns the audit entry of what it did without
 * its action; the named command of each kind (`publishAchievement`,
 * `returnDemand`, …) writes that entry with its literal action name, so a
 * request can be followed by name from route to SQL.
 */
export type AuditEntry = Omit<AuditInput, 'action'>;

const audited = (kind: { type: RecordType }, row: BaseRow) => ({
  entityType: kind.type,
  entityId: row.id,
  organizationId: row.organizationId,
  jurisdictionCode: row.jurisdictionCode,
});

/** Draft, returned or withdrawn → submitted, for a verified organisation. */
export async function submitStep<Row extends BaseRow>(tx: Tx, kind: RecordKind<Row>, ctx: Signed, id: string) {
  // An unverified organisation's member is refused by the policy (409 单位尚未通过认证).
  const { row } = await authorizeRecord(tx, kind, ctx.actor, id, 'submit', { lock: true });
  const after = await kind.update(tx, row, { status: 'submitted', submittedAt: new Date(), reviewReason: null });
  const audit: AuditEntry = { ...audited(kind, row), before: { status: row.status }, after: { status: after.status } };
  return { after, audit };
}

/** Submitted → published (a new version, `<type>.published` announced) or returned to its owner; the owner is told either way. */
export async function reviewStep<Row extends BaseRow>(tx: Tx, kind: RecordKind<Row>, ctx: Signed, id: string, input: { decision: 'approve' | 'return'; reason?: string }) {
  const { row } = await authorizeRecord(tx, kind, ctx.actor, id, 'review', { lock: true });
  const now = new Date();
  const approve = input.decision === 'approve';
  const after = await kind.update(tx, row, {
    status: approve ? 'published' : 'returned',
    reviewReason: input.reason ?? null,
    reviewedBy: ctx.actor.user.id,
    reviewedAt: now,
    ...(approve ? { publishedAt: row.publishedAt ?? now, confirmedAt: now, stale: false } : {}),
  });
  if (approve) await catalogueRepository.addVersion(tx, { recordType: kind.type, recordId: row.id, version: after.version, snapshot: kind.snapshot(after), actorId: ctx.actor.user.id });
  if (approve) await publish(tx, publishedEvents[kind.type], { recordType: kind.type, recordId: row.id, organizationId: row.organizationId, jurisdictionCode: row.jurisdictionCode, industry: row.industry, version: after.version, changedAt: now.toISOString() }, { actorId: ctx.actor.user.id, requestId: ctx.requestId });
  const reviewer = await resolveJurisdiction(tx, row.jurisdictionCode);
  await publish(
    tx,
    reviewedEvents[kind.type],
    {
      recordType: kind.type,
      recordId: row.id,
      organizationId: row.organizationId,
      title: row.title,
      decision: input.decision,
      reason: input.reason ?? null,
      jurisdictionCode: row.jurisdictionCode,
      jurisdictionName: reviewer?.name ?? row.jurisdictionCode,
    },
    { actorId: ctx.actor.user.id, requestId: ctx.requestId },
  );
  const audit: AuditEntry = { ...audited(kind, row), before: { status: row.status }, after: { status: after.status, reason: input.reason ?? null } };
  return { after, audit };
}

/**
 * Who reviews a record and why: the administration of the jurisdiction the
 * record belongs to, which is its organisation's registered jurisdiction
 * (an administrator of that region or of a region above it decides). The
 * reason is given in both languages.
 */
export async function reviewerOf(db: Executor, row: { jurisdictionCode: string; jurisdictionPath: string; organizationName: string }) {
  const chain = await resolveJurisdictions(db, row.jurisdictionPath.split('/'));
  const own = chain.find((j) => j.code === row.jurisdictionCode);
  const name = own?.name ?? row.jurisdictionCode;
  const above = chain.filter((j) => j.code !== row.jurisdictionCode).map((j) => j.name);
  return {
    jurisdictionCode: row.jurisdictionCode,
    name,
    path: chain.map((j) => ({ code: j.code, name: j.name })),
    reason: `${row.organizationName}的注册地在${name}，由${name}科技成果转化管理部门审核${above.length ? `（${above.join('、')}的管理员也可审核）` : ''}。`,
    reasonEn: `${row.organizationName} is registered in ${name} (${row.jurisdictionCode}), so the administration of ${name} reviews it${above.length ? ` (administrators of ${above.join(', ')} may too)` : ''}.`,
  };
}

/** Submitted or published → withdrawn by its owner. */
export async function withdrawStep<Row extends BaseRow>(tx: Tx, kind: RecordKind<Row>, ctx: Signed, id: string, reason?: string) {
  const { row } = await authorizeRecord(tx, kind, ctx.actor, id, 'withdraw', { lock: true });
  const after = await kind.update(tx, row, { status: 'withdrawn' });
  const audit: AuditEntry = { ...audited(kind, row), before: { status: row.status }, after: { status: after.status, reason: reason ?? null } };
  return { after, audit };
}

/** The owner confirms the record is still current: it is fresh again. */
export async function confirmStep<Row extends BaseRow>(tx: Tx, kind: RecordKind<Row>, ctx: Signed, id: string) {
  const { row } = await authorizeRecord(tx, kind, ctx.actor, id, 'confirm', { lock: true });
  const after = await kind.update(tx, row, { confirmedAt: new Date(), stale: false });
  const audit: AuditEntry = audited(kind, row);
  return { after, audit };
}

/**
 * Changes a record's fields. A change to a published record keeps it
 * published and becomes a new version; every version stays readable.
 */
export async function editStep<Row extends BaseRow>(tx: Tx, kind: RecordKind<Row>, ctx: Signed, id: string, set: Record<string, unknown>) {
  const { row } = await authorizeRecord(tx, kind, ctx.actor, id, 'update', { lock: true });
  const published = row.status === 'published';
  const after = await kind.update(tx, row, { ...set, ...(published ? { version: row.version + 1 } : {}) });
  if (published) await catalogueRepository.addVersion(tx, { recordType: kind.type, recordId: row.id, version: after.version, snapshot: kind.snapshot(after), actorId: ctx.actor.user.id });
  if (published) await publish(tx, publishedEvents[kind.type], { recordType: kind.type, recordId: row.id, organizationId: row.organizationId, jurisdictionCode: row.jurisdictionCode, industry: row.industry, version: after.version, changedAt: new Date().toISOString() }, { actorId: ctx.actor.user.id, requestId: ctx.requestId });
  const audit: AuditEntry = { ...audited(kind, row), before: kind.snapshot(row), after: kind.snapshot(after) };
  return { after, audit };
}

export async function listVersions<Row extends BaseRow>(db: Db, kind: RecordKind<Row>, actor: Actor, id: string) {
  await authorizeRecord(db, kind, actor, id, 'viewHistory');
  const items = await catalogueRepository.versions(db, kind.type, id);
  return { items: items.map((v) => ({ version: v.version, snapshot: v.snapshot, createdAt: v.createdAt })), total: items.length };
}

// ---- access requests for `abstract` records

/** A verified organisation asks to see an abstract record's full text; the owner is told. */
export async function requestAccessStep<Row extends BaseRow>(tx: Tx, kind: RecordKind<Row>, ctx: Signed, id: string, input: { organizationId?: string; reason: string }) {
  const { row } = await authorizeRecord(tx, kind, ctx.actor, id, 'requestAccess');
  const verified = ctx.actor.memberships.filter((m) => m.organizationStatus === 'verified');
  const org = input.organizationId ? verified.find((m) => m.organizationId === input.organizationId) : verified[0];
  if (!org) throw badRequest('organizationId', 'err.access.organization');
  if (await catalogueRepository.openAccessRequest(tx, kind.type, row.id, org.organizationId)) throw conflict('organizationId', 'err.access.exists');
  const req = await catalogueRepository.insertAccessRequest(tx, {
    recordType: kind.type,
    recordId: row.id,
    organizationId: org.organizationId,
    requestedBy: ctx.actor.user.id,
    reason: input.reason,
  });
  await notify(tx, {
    organizationId: row.organizationId,
    kind: 'access.requested',
    dedupeKey: `access.requested:${req.id}`,
    title: `${org.organizationName} 申请查看「${row.title}」的详细信息`,
    body: input.reason,
    titleEn: `${org.organizationName} asks to see the details of “${row.title}”`,
    bodyEn: input.reason,
    link: `/${kind.type}s/${row.id}`,
  });
  const audit: AuditEntry = { ...audited(kind, row), after: { requestId: req.id, organizationId: org.organizationId, reason: input.reason } };
  return { after: presentAccessRequest({ request: req, organizationName: org.organizationName, requesterName: ctx.actor.user.name }), audit };
}

export async function listAccessRequests<Row extends BaseRow>(db: Db, kind: RecordKind<Row>, actor: Actor, id: string) {
  const { policy } = await authorizeRecord(db, kind, actor, id, 'read');
  // The owner sees every request; a requester sees their own organisations' requests.
  const only = policy.manageAccess ? undefined : actor.memberships.map((m) => m.organizationId);
  const rows = await catalogueRepository.accessRequests(db, kind.type, id, only);
  const [requesters, organizations] = await Promise.all([userNames(db, rows.map((r) => r.requestedBy)), organizationNames(db, rows.map((r) => r.organizationId))]);
  const items = rows.map((request) =>
    presentAccessRequest({ request, organizationName: organizations.get(request.organizationId) ?? '', requesterName: requesters.get(request.requestedBy) ?? null }),
  );
  return { items, total: rows.length };
}

/** The record's owner grants or declines a pending access request; the requesting organisation is told. */
export async function decideAccessStep<Row extends BaseRow>(
  tx: Tx,
  kind: RecordKind<Row>,
  ctx: Signed,
  requestId: string,
  input: { decision: 'approve' | 'decline'; reason?: string },
) {
  const req = await catalogueRepository.accessRequest(tx, requestId);
  if (!req || req.recordType !== kind.type) throw notFound('accessRequest');
  const { row } = await authorizeRecord(tx, kind, ctx.actor, req.recordId, 'manageAccess');
  if (req.status !== 'pending') throw invalidState('err.record.state');
  const after = await catalogueRepository.decideAccessRequest(tx, req.id, {
    status: input.decision === 'approve' ? 'approved' : 'declined',
    responseReason: input.reason ?? null,
    decidedBy: ctx.actor.user.id,
  });
  await notify(tx, {
    organizationId: req.organizationId,
    kind: `access.${after.status}`,
    dedupeKey: `access.decided:${req.id}`,
    title: `「${row.title}」的查看申请${input.decision === 'approve' ? '已获同意' : '未获同意'}`,
    body: input.reason ?? '',
    titleEn: `Your request to see “${row.title}” was ${input.decision === 'approve' ? 'granted' : 'declined'}`,
    bodyEn: input.reason ?? '',
    link: `/${kind.type}s/${row.id}`,
  });
  const audit: AuditEntry = { ...audited(kind, row), before: { status: req.status }, after: { status: after.status, reason: input.reason ?? null, organizationId: req.organizationId } };
  return { after: presentAccessDecision(after), audit };
}

type AccessRow = { request: Awaited<ReturnType<typeof catalogueRepository.accessRequests>>[number]; organizationName: string; requesterName: string | null };
/** An access request as its readers see it. */
export type AccessRequestView = ReturnType<typeof presentAccessRequest>;
/** An access request as decided: no user ids of who asked or decided. */
export const presentAccessDecision = (r: Awaited<ReturnType<typeof catalogueRepository.decideAccessRequest>>) => ({
  id: r.id,
  recordType: r.recordType,
  recordId: r.recordId,
  organizationId: r.organizationId,
  reason: r.reason,
  status: r.status,
  responseReason: r.responseReason,
  createdAt: r.createdAt,
  decidedAt: r.decidedAt,
});
export type AccessDecision = ReturnType<typeof presentAccessDecision>;
export const presentAccessRequest = (r: AccessRow) => ({
  id: r.request.id,
  recordId: r.request.recordId,
  organization: { id: r.request.organizationId, name: r.organizationName },
  requesterName: r.requesterName,
  reason: r.request.reason,
  status: r.request.status,
  responseReason: r.request.responseReason,
  createdAt: r.request.createdAt,
  decidedAt: r.request.decidedAt,
});

/** The organisation a new record belongs to: the one named (the actor must belong to it) or the actor's first. */
export function owningMembership(actor: Actor, organizationId: string | undefined, allowedTypes: readonly string[]) {
  const candidates = actor.memberships.filter((m) => allowedTypes.includes(m.organizationType));
  const m = organizationId ? actor.memberships.find((x) => x.organizationId === organizationId) : candidates[0];
  if (!m) throw badRequest('organizationId', organizationId ? 'err.record.organization' : 'err.record.noOrganization');
  if (!allowedTypes.includes(m.organizationType)) throw badRequest('organizationId', 'err.record.organizationType');
  return m;
}

/**
 * A page of the public catalogue from the in-memory index: the index is
 * caught up with the database first (so a change just committed is found),
 * then the page's rows are read back from PostgreSQL in the index's order.
 */
export async function searchIndex<R, S extends Row = Row, K extends string = string>(
  db: Db,
  replica: CatalogueReplica<S>,
  actor: Actor | null,
  query: Omit<IndexQuery<K>, 'offset' | 'limit'>,
  page: { page: number; pageSize: number },
) {
  const [viewer] = await Promise.all([viewerFor(db, actor, replica.source.type), replica.catchUp()]);
  const result = replica.index.search(viewer, { ...query, offset: (page.page - 1) * page.pageSize, limit: page.pageSize });
  const byId = new Map(((await replica.source.byIds(db, result.ids)) as { id: string }[]).map((r) => [r.id, r]));
  const rows = result.ids.map((id) => byId.get(id)).filter((r) => r !== undefined) as unknown as (R & { organizationName: string })[];
  return { rows, total: result.total, relaxed: result.relaxed, facets: result.facets };
}

/** The path of the jurisdiction a catalogue filter names (its subtree is searched); 400 for an unknown code. */
export async function subtreeFilter(db: Executor, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const j = await resolveJurisdiction(db, code);
  if (!j) throw badRequest('jurisdictionCode', 'err.jurisdiction.unknown');
  return j.path;
}
