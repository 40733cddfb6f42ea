import { formatFen, type RegistrationDto, type RegistrationStatus } from '@kzt/shared';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { userContacts } from '../accounts/accounts.service.ts';
import { notifyMany } from '../notifications/notifications.service.ts';

import { ATTACHMENT_MAX_BYTES, type AttachmentStore, fileTooLarge, type IncomingFile, receiveUpload } from '../../platform/files.ts';

import { authorizeListing, clock, eventTarget, notifySeller, unprocessable, type Signed } from './listings.access.ts';
import { announce } from './listings.live.ts';
import { buyingOrganizations, listingRoles, phaseOf, registrationDeadline, type ListingPolicy } from './listings.policy.ts';
import { listingRepository, type ListingRow } from './listings.repository.ts';
import { registrationRepository as repo, type RegistrationWithDeposit } from './registrations.repository.ts';
import { findOrganization, withOrganizationNames } from '../organizations/organizations.service.ts';

export type RegistrationWithNames = RegistrationWithDeposit & { organizationName: string };
import { recordAudit } from '../../platform/audit.ts';
import { listingAudit } from './trading.events.ts';

/**
 * Registration to bid (竞买报名). A verified organisation that may buy
 * registers for an auction before its registration deadline and uploads the
 * proof of its deposit remittance (kept by the attachments store); the
 * seller's side or an administrator confirms it, which records the deposit
 * (the bid then checks it as any deposit), or rejects it with a reason. Each
 * step is told to the other side and written to the price record, the
 * registrant shown as 竞买人N.
 */

const forbiddenBecause = (key: string) => new AppError(403, 'forbidden', 'problem.forbidden', key);

/** Who may do what with one registration. */
function registrationPolicy(actor: Actor, l: ListingRow, policy: ListingPolicy, r: { organizationId: string; status: string }, now = new Date()) {
  const registrant = !!membershipIn(actor, r.organizationId);
  const manager = policy.readConfidential;
  const running = l.status === 'open' && ['upcoming', 'bidding'].includes(phaseOf(l, now));
  return {
    read: registrant || manager,
    uploadProof: registrant && r.status === 'submitted' && running,
    confirm: manager && r.status === 'submitted' && running,
    reject: manager && r.status === 'submitted' && running,
  };
}

function present(actor: Actor, l: ListingRow, policy: ListingPolicy, r: RegistrationWithNames): RegistrationDto {
  const p = registrationPolicy(actor, l, policy, r);
  return {
    id: r.id,
    listingId: r.listingId,
    organization: { id: r.organizationId, name: r.organizationName },
    status: r.status as RegistrationStatus,
    note: r.note,
    proof: r.proofSha256 ? { fileName: r.proofFileName!, mime: r.proofMime!, size: r.proofSize!, uploadedAt: r.proofAt! } : null,
    deposit: r.depositAmount != null ? { amount: r.depositAmount, status: r.depositStatus! } : null,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt,
    allowedActions: (['uploadProof', 'confirm', 'reject'] as const).filter((a) => p[a]),
  };
}

/** A registration of the listing, with what the caller may do with it (404 when they may not see it). */
async function authorizeRegistration(db: Db | Tx, actor: Actor, listingId: string, registrationId: string, lock = false, now = new Date()) {
  const { listing: l, policy } = await authorizeListing(db, actor, listingId, { lock, now });
  const r = await repo.byId(db, registrationId, { lock });
  if (!r || r.listingId !== l.id) throw notFound('registration');
  const p = registrationPolicy(actor, l, policy, r, now);
  if (!p.read) throw notFound('registration');
  return { l, policy, r, p };
}

/** The registrations the caller may see, the terms a registrant needs, and whether they may register. */
export async function listRegistrations(db: Db, actor: Actor, listingId: string) {
  const { listing: l, policy } = await authorizeListing(db, actor, listingId);
  if (l.kind !== 'auction') throw invalidState('err.registration.notAuction');
  const own = actor.memberships.map((m) => m.organizationId);
  const rows = await withOrganizationNames(db, await repo.forListing(db, l.id, policy.readConfidential ? undefined : own));
  const registered = new Set(rows.filter((r) => r.status !== 'rejected').map((r) => r.organizationId));
  const mayRegister = policy.register && buyingOrganizations(actor, l).some((m) => !registered.has(m.organizationId));
  return {
    items: rows.map((r) => present(actor, l, policy, r)),
    terms: await termsOf(db, l, policy),
    scope: policy.readConfidential ? ('all' as const) : ('own' as const),
    allowedActions: mayRegister ? (['register'] as const).slice() : [],
  };
}

/** Whom a registrant asks about the deposit: the seller's contact, else the person who listed it. */
async function sellerContact(db: Db, organizationId: string, listedBy: string) {
  const org = await findOrganization(db, organizationId);
  const user = (await userContacts(db, [listedBy])).get(listedBy);
  return { organization: org?.name ?? '', name: org?.contactName ?? user?.name ?? null, phone: org?.contactPhone ?? user?.phone ?? null, email: user?.email ?? null };
}

async function termsOf(db: Db, l: ListingRow, policy: ListingPolicy) {
  return {
    deposit: l.depositFen ?? 0,
    account: l.depositAccount ?? null,
    deadline: registrationDeadline(l),
    open: policy.register,
    contact: await sellerContact(db, l.organizationId, l.listedBy),
  };
}

/** Registers an organisation of the caller's to bid (a rejected registration may be made again). */
export async function register(db: Db, ctx: Signed, listingId: string, body: { organizationId: string; note: string }) {
  const now = clock(ctx);
  const id = await db.transaction(async (tx) => {
    const { listing: l, policy } = await authorizeListing(tx, ctx.actor, listingId, { lock: true, now });
    if (l.kind !== 'auction') throw invalidState('err.registration.notAuction');
    const m = membershipIn(ctx.actor, body.organizationId);
    if (!m) throw unprocessable('organizationId', 'err.registration.notMember');
    if (listingRoles(ctx.actor, l).seller || body.organizationId === l.organizationId || body.organizationId === l.agentOrganizationId) throw forbiddenBecause('err.registration.seller');
    if (m.organizationStatus !== 'verified') throw forbiddenBecause('err.registration.unverified');
    if (!policy.register) throw invalidState('err.registration.closed');
    const earlier = await repo.ofOrganization(tx, l.id, body.organizationId);
    if (earlier && earlier.status !== 'rejected') throw new AppError(409, 'conflict', 'problem.conflict', 'err.registration.exists', {}, [{ path: 'organizationId', key: 'err.registration.exists' }]);
    const fresh = { userId: ctx.actor.user.id, note: body.note, status: 'submitted', decidedAt: null, decidedBy: null, decisionNote: null };
    const row = earlier ? await repo.update(tx, earlier.id, fresh) : await repo.insert(tx, { listingId: l.id, organizationId: body.organizationId, ...fresh, createdAt: now, updatedAt: now });
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.registered', after: { registrationId: row.id, organizationId: body.organizationId } });
    await notifySeller(tx, l, 'listing.registration', `「${l.title}」收到竞买报名：${m.organizationName}`, '请核对保证金到账情况后确认报名。', `:${row.id}:${row.updatedAt.getTime()}`, { title: `“${l.title}”: ${m.organizationName} registered to bid`, body: 'Check that the deposit arrived, then confirm the registration.' });
    return row.id;
  });
  announce({ listingId, kind: 'state' });
  return getRegistration(db, ctx.actor, listingId, id);
}

export async function getRegistration(db: Db, actor: Actor, listingId: string, registrationId: string) {
  const { l, policy } = await authorizeRegistration(db, actor, listingId, registrationId);
  return present(actor, l, policy, (await withOrganizationNames(db, [(await repo.withDeposit(db, registrationId))!]))[0]!);
}

/**
 * Stores the remittance proof of a registration: the permission is checked
 * before a byte is read; the file's type is checked by its content (PDF,
 * PNG, JPEG, WebP, at most 20 MB) as the attachments module checks its own.
 */
export async function uploadProof(db: Db, store: AttachmentStore, ctx: Signed, listingId: string, registrationId: string, next: () => Promise<IncomingFile | undefined>) {
  const { p, r } = await authorizeRegistration(db, ctx.actor, listingId, registrationId);
  if (!p.uploadProof) throw membershipIn(ctx.actor, r.organizationId) ? invalidState('err.registration.proofLocked') : forbidden();
  const { fileName, mime, ...received } = await receiveUpload(store, next, ATTACHMENT_MAX_BYTES, fileTooLarge, async () => undefined);
  await store.commit(received.tmp, received.sha256);
  await db.transaction(async (tx) => {
    const { l, p: now } = await authorizeRegistration(tx, ctx.actor, listingId, registrationId, true);
    if (!now.uploadProof) throw invalidState('err.registration.proofLocked');
    const row = await repo.update(tx, registrationId, { proofFileName: fileName, proofMime: mime, proofSize: received.size, proofSha256: received.sha256, proofAt: new Date() });
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.registrationProof', after: { registrationId, organizationId: row.organizationId, sha256: received.sha256 } });
    await notifySeller(tx, l, 'listing.registration.proof', `「${l.title}」竞买报名已上传保证金付款凭证`, `文件：${fileName}。请核对到账后确认。`, `:${registrationId}:${received.sha256.slice(0, 12)}`, { title: `“${l.title}”: proof of the deposit payment uploaded`, body: `File: ${fileName}. Confirm once the money has arrived.` });
  });
  return getRegistration(db, ctx.actor, listingId, registrationId);
}

/** The proof file of a registration, for the registrant, the seller's side and administrators. */
export async function openProof(db: Db, store: AttachmentStore, actor: Actor, listingId: string, registrationId: string) {
  const { r } = await authorizeRegistration(db, actor, listingId, registrationId);
  if (!r.proofSha256 || !store.exists(r.proofSha256)) throw notFound('attachment');
  return { fileName: r.proofFileName!, mime: r.proofMime!, size: r.proofSize!, sha256: r.proofSha256, open: () => store.open(r.proofSha256!) };
}

/** The seller's side or an administrator confirms the deposit arrived: it is recorded, and the registrant may bid. */
export async function confirmRegistration(db: Db, ctx: Signed, listingId: string, registrationId: string) {
  await decide(db, ctx, listingId, registrationId, 'confirm', async (tx, l, r) => {
    const amount = l.depositFen ?? 0;
    if (amount > 0) {
      await listingRepository.saveDeposit(tx, { listingId: l.id, organizationId: r.organizationId, amountFen: amount, note: `竞买报名确认到账${r.proofFileName ? `（凭证：${r.proofFileName}）` : ''}`, recordedBy: ctx.actor.user.id, createdAt: clock(ctx), updatedAt: clock(ctx) });
      await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.deposit', after: { organizationId: r.organizationId, amount, registrationId } });
    }
    await repo.update(tx, r.id, { status: 'confirmed', decidedBy: ctx.actor.user.id, decidedAt: clock(ctx), decisionNote: null });
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.registrationConfirmed', after: { registrationId: r.id, organizationId: r.organizationId, deposit: amount } });
    await notifyMany(tx, [
      {
        organizationId: r.organizationId,
        kind: 'listing.registration.confirmed',
        dedupeKey: `listing.registration.confirmed:${r.id}`,
        title: `「${l.title}」竞买报名已确认${amount > 0 ? `，保证金 ${formatFen(amount)} 已到账` : ''}`,
        body: '竞价开始后即可出价；出价不可撤回。',
        titleEn: `Your registration for “${l.title}” is confirmed${amount > 0 ? `; deposit of ${formatFen(amount, 'en')} received` : ''}`,
        bodyEn: 'You may bid once the auction starts; bids cannot be withdrawn.',
        link: `/listings/${l.id}`,
      },
    ]);
  });
  return getRegistration(db, ctx.actor, listingId, registrationId);
}

/** The seller's side or an administrator rejects a registration (the deposit did not arrive, the proof is wrong), with a reason. */
export async function rejectRegistration(db: Db, ctx: Signed, listingId: string, registrationId: string, reason: string) {
  await decide(db, ctx, listingId, registrationId, 'reject', async (tx, l, r) => {
    await repo.update(tx, r.id, { status: 'rejected', decidedBy: ctx.actor.user.id, decidedAt: new Date(), decisionNote: reason });
    await recordAudit(tx, ctx, { ...listingAudit(eventTarget(l)), action: 'listing.registrationRejected', after: { registrationId: r.id, organizationId: r.organizationId, reason } });
    await notifyMany(tx, [
      {
        organizationId: r.organizationId,
        kind: 'listing.registration.rejected',
        dedupeKey: `listing.registration.rejected:${r.id}:${Date.now()}`,
        title: `「${l.title}」竞买报名未通过`,
        body: `原因：${reason}。可在报名截止前重新报名。`,
        titleEn: `Your registration for “${l.title}” was not accepted`,
        bodyEn: `Reason: ${reason}. You may register again before the deadline.`,
        link: `/listings/${l.id}`,
      },
    ]);
  });
  return getRegistration(db, ctx.actor, listingId, registrationId);
}

async function decide(db: Db, ctx: Signed, listingId: string, registrationId: string, action: 'confirm' | 'reject', run: (tx: Tx, l: ListingRow, r: NonNullable<Awaited<ReturnType<typeof repo.byId>>>) => Promise<void>) {
  await db.transaction(async (tx) => {
    const { l, policy, r, p } = await authorizeRegistration(tx, ctx.actor, listingId, registrationId, true, clock(ctx));
    if (!p[action]) {
      if (!policy.readConfidential) throw forbidden();
      throw invalidState(r.status === 'submitted' ? 'err.deposit.state' : 'err.registration.decided');
    }
    await run(tx, l, r);
  });
  announce({ listingId, kind: 'state' });
}
