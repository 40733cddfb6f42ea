import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import type { RecordType } from '../../db/recordSearch.ts';
import { authorizeRecord, type Signed } from '../catalogue/catalogue.service.ts';
import { achievementKind } from '../achievements/achievements.service.ts';
import { demandKind } from '../demands/demands.service.ts';
import { attachmentRepository, type AttachmentRow, type OwnedRecordType } from './attachments.repository.ts';
import { attachmentPolicy, type AttachmentPolicy } from './attachments.policy.ts';
import { presentAttachment, snapshotAttachment } from './attachments.presenter.ts';
import { ATTACHMENT_MAX_BYTES, fileTooLarge, receiveUpload, type AttachmentStore, type IncomingFile } from '../../platform/files.ts';
import { checkQuota, keepFile, releaseFile, storageUsage, unverifiedUpload } from '../storage/storage.service.ts';

/** The record's own check (404 when it is hidden), on the kind of record named. */
const authorizeRecordOf = (db: Executor, type: RecordType, actor: Actor | null, recordId: string, opts: { lock?: boolean }) =>
  type === 'achievement' ? authorizeRecord(db, achievementKind, actor, recordId, 'read', opts) : authorizeRecord(db, demandKind, actor, recordId, 'read', opts);

/**
 * Loads the record an attachment belongs to and checks one permission on its
 * attachments: 404 when the actor may not read the record in full, 403 (or 409
 * in a state that allows no change) when they may read but not change them.
 */
async function authorizeAttachments(db: Executor, type: RecordType, actor: Actor | null, recordId: string, action: keyof AttachmentPolicy, opts: { lock?: boolean } = {}) {
  const { row, policy: record } = await authorizeRecordOf(db, type, actor, recordId, opts);
  const policy = attachmentPolicy(record);
  if (!policy.read) throw notFound(type);
  if (!policy[action]) throw membershipIn(actor, row.organizationId) ? invalidState('err.record.state') : forbidden();
  return { row, policy };
}

/**
 * Stores one uploaded file and attaches it to a record: the permission is
 * checked before a byte is read, the file lands in a temporary name, its type
 * is checked by content, it is moved to its content name, and the row and its
 * audit event commit together.
 */
export async function uploadAttachment(
  db: Db,
  store: AttachmentStore,
  ctx: Signed,
  type: RecordType,
  recordId: string,
  next: () => Promise<IncomingFile | undefined>,
  quotaBytes: number,
) {
  const { row: record } = await authorizeAttachments(db, type, ctx.actor, recordId, 'upload');
  // Issue 11: files are stored only for verified organisations, within their quota — both checked before a byte is read.
  const membership = membershipIn(ctx.actor, record.organizationId);
  if (membership?.organizationStatus !== 'verified') throw unverifiedUpload(membership?.organizationName ?? '');
  await checkQuota(db, record.organizationId, 1, quotaBytes);
  const { fileName, mime, ...received } = await receiveUpload(store, next, ATTACHMENT_MAX_BYTES, fileTooLarge, (size) => checkQuota(db, record.organizationId, size, quotaBytes));
  await store.commit(received.tmp, received.sha256);
  return db.transaction(async (tx) => {
    const { row, policy } = await authorizeAttachments(tx, type, ctx.actor, recordId, 'upload', { lock: true });
    const created = await attachmentRepository.insert(tx, { recordType: type, recordId: row.id, fileName, mime, size: received.size, sha256: received.sha256, uploadedBy: ctx.actor.user.id });
    await keepFile(tx, { organizationId: row.organizationId, kind: 'attachment', ref: created.id, name: created.fileName, sha256: received.sha256, size: received.size }, quotaBytes);
    await recordAudit(tx, ctx, {
      action: type === 'achievement' ? 'achievement.attachment.add' : 'demand.attachment.add',
      entityType: type,
      entityId: row.id,
      organizationId: row.organizationId,
      jurisdictionCode: row.jurisdictionCode,
      after: { attachmentId: created.id, ...snapshotAttachment(created) },
    });
    return presentAttachment(created, policy);
  });
}

/**
 * The attachments of a record. Those who may change the record also learn,
 * before they pick a file, whether they may upload now (`uploadBlocked`: the
 * organisation is not verified yet) and how much of its storage quota is used.
 */
export async function listAttachments(db: Db, actor: Actor | null, type: RecordType, recordId: string, quotaBytes: number) {
  const { row, policy } = await authorizeAttachments(db, type, actor, recordId, 'read');
  const rows = await attachmentRepository.forRecord(db, type, recordId);
  const m = policy.upload ? membershipIn(actor, row.organizationId) : undefined;
  const verified = m?.organizationStatus === 'verified';
  return {
    items: rows.map((a) => presentAttachment(a, policy)),
    total: rows.length,
    allowedActions: policy.upload && verified ? ['upload' as const] : [],
    uploadBlocked: m && !verified ? { reason: 'unverified' as const, organizationName: m.organizationName } : null,
    storage: m && actor ? await storageUsage(db, actor, row.organizationId, quotaBytes) : null,
  };
}

/** An attachment and its record, when the actor may see it; 404 otherwise. */
async function loadAttachment(db: Executor, actor: Actor | null, id: string, action: keyof AttachmentPolicy, opts: { lock?: boolean } = {}) {
  const attachment = await attachmentRepository.byId(db, id);
  // Another module's attachments (a contract payment's receipts) are served by that module, which knows who may see them.
  if (!attachment || !CATALOGUE_TYPES.includes(attachment.recordType)) throw notFound('attachment');
  const type = attachment.recordType as RecordType;
  try {
    return { attachment, ...(await authorizeAttachments(db, type, actor, attachment.recordId, action, opts)) };
  } catch (err) {
    // The record being hidden hides the attachment too.
    if (err instanceof AppError && err.status === 404) throw notFound('attachment');
    throw err;
  }
}

const CATALOGUE_TYPES: string[] = ['achievement', 'demand'];

/** An attachment of another module's record as that module presents it (it serves the file at its own `url`). */
export type OwnedAttachment = { id: string; recordId: string; fileName: string; mime: string; size: number; uploadedBy: string; createdAt: Date };
const owned = (a: OwnedAttachment): OwnedAttachment => ({ id: a.id, recordId: a.recordId, fileName: a.fileName, mime: a.mime, size: a.size, uploadedBy: a.uploadedBy, createdAt: a.createdAt });

/**
 * Attaches an uploaded file to another module's record (e.g. a receipt to a
 * contract payment). The owning module has authorised the actor; here the
 * file is checked as every attachment is (type by content, size, the
 * organisation verified and within its storage quota, counted against
 * `organizationId`) and the row and its audit event commit together.
 */
export async function attachToRecord(
  db: Db,
  store: AttachmentStore,
  ctx: Signed,
  /** `audit` writes the owning module's audit entry (its own literal action) in the same transaction. */
  target: { recordType: string; recordId: string; organizationId: string; jurisdictionCode: string | null; audit: (tx: Tx, after: Record<string, unknown>) => Promise<unknown> },
  next: () => Promise<IncomingFile | undefined>,
  quotaBytes: number,
) {
  const membership = membershipIn(ctx.actor, target.organizationId);
  if (membership?.organizationStatus !== 'verified') throw unverifiedUpload(membership?.organizationName ?? '');
  await checkQuota(db, target.organizationId, 1, quotaBytes);
  const { fileName, mime, ...received } = await receiveUpload(store, next, ATTACHMENT_MAX_BYTES, fileTooLarge, (size) => checkQuota(db, target.organizationId, size, quotaBytes));
  await store.commit(received.tmp, received.sha256);
  return db.transaction(async (tx) => {
    const created = await attachmentRepository.insert(tx, { recordType: target.recordType, recordId: target.recordId, fileName, mime, size: received.size, sha256: received.sha256, uploadedBy: ctx.actor.user.id });
    await keepFile(tx, { organizationId: target.organizationId, kind: 'attachment', ref: created.id, name: created.fileName, sha256: received.sha256, size: received.size }, quotaBytes);
    await target.audit(tx, { attachmentId: created.id, ...snapshotAttachment(created) });
    return owned(created);
  });
}

/** The attachments of several records of another module (it has authorised the reader). */
export async function attachmentsOfRecords(db: Executor, recordType: string, recordIds: string[]) {
  return (await attachmentRepository.forRecords(db, recordType, recordIds)).map(owned);
}

/** How many files each of several records of another module holds (0 for none). */
export async function attachmentCounts(db: Executor, recordType: string, recordIds: string[]) {
  const counts = new Map(recordIds.map((id) => [id, 0]));
  for (const r of await attachmentRepository.countsForRecords(db, recordType, recordIds)) counts.set(r.recordId, Number(r.n));
  return counts;
}

/**
 * Removes an attachment of another module's record (it has authorised the
 * actor for `recordIds`): only the person who uploaded it; the stored bytes
 * go with the storage sweep once nothing else shares them.
 */
export async function detachFromRecord(
  db: Db,
  ctx: Signed,
  target: {
    recordType: string;
    recordIds: string[];
    audit: (tx: Tx, before: Record<string, unknown>) => Promise<unknown>;
    /** Runs first inside the transaction (the owner locks its record and checks its state). */
    recheck?: (tx: Executor) => Promise<unknown>;
    /** False when the owner lets any of the record's people remove a file, not only the one who uploaded it. */
    uploaderOnly?: boolean;
  },
  id: string,
) {
  await db.transaction(async (tx) => {
    await target.recheck?.(tx);
    const attachment = await attachmentRepository.byId(tx, id);
    if (!attachment || attachment.recordType !== target.recordType || !target.recordIds.includes(attachment.recordId)) throw notFound('attachment');
    if ((target.uploaderOnly ?? true) && attachment.uploadedBy !== ctx.actor.user.id) throw forbidden();
    await attachmentRepository.delete(tx, attachment.id);
    await releaseFile(tx, 'attachment', attachment.id);
    await target.audit(tx, { attachmentId: attachment.id, ...snapshotAttachment(attachment) });
  });
}

/**
 * Removes attachments of another module's records on the platform's own
 * account (a sweep of files nobody will use; the owner decided which and
 * writes its audit entry): the rows go, the stored bytes with the storage
 * sweep once nothing else shares them. Returns what was removed.
 */
export async function sweepRecordAttachments(tx: Tx, recordType: string, ids: string[]) {
  const removed: OwnedAttachment[] = [];
  for (const id of ids) {
    const gone = await attachmentRepository.delete(tx, id);
    if (!gone || gone.recordType !== recordType) continue;
    await releaseFile(tx, 'attachment', gone.id);
    removed.push(owned(gone));
  }
  return removed;
}

/** The stored file of another module's attachment, when it belongs to one of `recordIds` (the records the caller may read); 404 otherwise. */
export async function openRecordAttachment(db: Db, store: AttachmentStore, recordType: string, recordIds: string[], id: string) {
  const attachment = await attachmentRepository.byId(db, id);
  if (!attachment || attachment.recordType !== recordType || !recordIds.includes(attachment.recordId) || !store.exists(attachment.sha256)) throw notFound('attachment');
  return { attachment, open: () => store.open(attachment.sha256) };
}

/** The stored file of an attachment, for streaming. */
export async function openAttachment(db: Db, store: AttachmentStore, actor: Actor | null, id: string) {
  const { attachment } = await loadAttachment(db, actor, id, 'read');
  if (!store.exists(attachment.sha256)) throw notFound('attachment');
  return { attachment, open: () => store.open(attachment.sha256) };
}

/** Removes an attachment from its record. The stored bytes stay while other attachments share them; the storage sweep deletes them once none does. */
export async function deleteAttachment(db: Db, ctx: Signed, id: string) {
  return db.transaction(async (tx) => {
    const { attachment, row } = await loadAttachment(tx, ctx.actor, id, 'delete', { lock: true });
    await attachmentRepository.delete(tx, attachment.id);
    await releaseFile(tx, 'attachment', attachment.id);
    await recordAudit(tx, ctx, {
      action: attachment.recordType === 'achievement' ? 'achievement.attachment.delete' : 'demand.attachment.delete',
      entityType: attachment.recordType,
      entityId: row.id,
      organizationId: row.organizationId,
      jurisdictionCode: row.jurisdictionCode,
      before: { attachmentId: attachment.id, ...snapshotAttachment(attachment) },
    });
  });
}

/* ---------- files of records other modules own ---------- */

/**
 * A record of another module that carries files (an entitlement's 申报材料):
 * the owning module has already checked who may do what; this module stores
 * the file, counts it in the organisation's quota and audits it.
 */
export type OwnedRecord = { recordType: OwnedRecordType; recordId: string; organizationId: string; jurisdictionCode: string | null };

export const presentOwnedAttachment = (a: AttachmentRow, url: string) => ({ id: a.id, fileName: a.fileName, mime: a.mime, size: a.size, url, createdAt: a.createdAt });

/**
 * Stores one uploaded file for an owned record: the organisation must be
 * verified and within its quota before a byte is read; `recheck` runs again
 * inside the transaction that keeps the row (the owner's state may have moved).
 */
export async function uploadOwnedAttachment(
  db: Db,
  store: AttachmentStore,
  ctx: Signed,
  owner: OwnedRecord,
  next: () => Promise<IncomingFile | undefined>,
  quotaBytes: number,
  recheck: (tx: Executor) => Promise<unknown>,
): Promise<AttachmentRow> {
  const membership = membershipIn(ctx.actor, owner.organizationId);
  if (membership?.organizationStatus !== 'verified') throw unverifiedUpload(membership?.organizationName ?? '');
  await checkQuota(db, owner.organizationId, 1, quotaBytes);
  const { fileName, mime, ...received } = await receiveUpload(store, next, ATTACHMENT_MAX_BYTES, fileTooLarge, (size) => checkQuota(db, owner.organizationId, size, quotaBytes));
  await store.commit(received.tmp, received.sha256);
  return db.transaction(async (tx) => {
    await recheck(tx);
    const created = await attachmentRepository.insert(tx, { recordType: owner.recordType, recordId: owner.recordId, fileName, mime, size: received.size, sha256: received.sha256, uploadedBy: ctx.actor.user.id });
    await keepFile(tx, { organizationId: owner.organizationId, kind: 'attachment', ref: created.id, name: created.fileName, sha256: received.sha256, size: received.size }, quotaBytes);
    await recordAudit(tx, ctx, {
      action: 'entitlement.attachment.add',
      entityType: owner.recordType,
      entityId: owner.recordId,
      organizationId: owner.organizationId,
      jurisdictionCode: owner.jurisdictionCode,
      after: { attachmentId: created.id, ...snapshotAttachment(created) },
    });
    return created;
  });
}

/** The files of an owned record (the owner checked the caller may see them). */
export const ownedAttachments = (db: Executor, recordType: OwnedRecordType, recordId: string) => attachmentRepository.forRecord(db, recordType, recordId);

/** One file of an owned record, for streaming; 404 when it is not one of the record's. */
export async function openOwnedAttachment(db: Executor, store: AttachmentStore, recordType: OwnedRecordType, recordId: string, id: string) {
  const attachment = await attachmentRepository.byId(db, id);
  if (!attachment || attachment.recordType !== recordType || attachment.recordId !== recordId || !store.exists(attachment.sha256)) throw notFound('attachment');
  return { attachment, open: () => store.open(attachment.sha256) };
}
