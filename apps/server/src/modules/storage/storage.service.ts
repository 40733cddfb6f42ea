import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { storageRepository } from './storage.repository.ts';

/**
 * Per-organisation storage (issue 11): every file kept for an organisation —
 * attachments, import files, the business licence — is a row of the ledger,
 * and an upload that would take the organisation past its quota is refused
 * with what is used and what the limit is. Modules that keep files call
 * `keepFile` in the transaction that records them and `releaseFile` when the
 * record lets go; the sweep (storage.job.ts) deletes what nobody keeps.
 */

export const STORAGE_LIMITS = {
  /** Default quota per organisation (STORAGE_QUOTA_MB overrides it). */
  quotaBytes: 1024 * 1024 * 1024,
  /** An import file is kept this long after its dry run (to run the import), and this long after the import. */
  importGraceMs: 7 * 86400_000,
  importDoneGraceMs: 86400_000,
  /** A file on disk nobody keeps is deleted once it is this old (uploads in flight are younger). */
  orphanAgeMs: 3600_000,
} as const;

export type FileKind = 'attachment' | 'import' | 'licence';

/**
 * Whose quota a file counts against: an organisation's, or — for a file no
 * organisation keeps (an administrator's contract import made without one) —
 * the person's, with the same limit.
 */
export type StorageOwner = { organizationId: string } | { userId: string };
const ownerOf = (owner: string | StorageOwner): StorageOwner => (typeof owner === 'string' ? { organizationId: owner } : owner);

/** 12 KB, 3.4 MB, 1.0 GB */
export function formatBytes(bytes: number) {
  if (bytes < 1024 * 1024) return `${Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
}

/** 403: uploads (imports, attachments) are for members of verified organisations; the message names the organisation. */
export const unverifiedUpload = (name: string) =>
  new AppError(403, 'organization-unverified', 'problem.organization.unverified', 'err.organization.unverifiedUpload', { name }, [{ path: 'organizationId', key: 'err.organization.unverifiedUpload' }]);

const quotaExceeded = (used: number, limit: number, size: number) =>
  new AppError(413, 'storage-quota-exceeded', 'problem.storage.quota', 'err.storage.quota', { used: formatBytes(used), limit: formatBytes(limit), size: formatBytes(size) }, [{ path: 'file', key: 'err.storage.quota' }]);

/** Refuses (413, used/limit in the message) a file of `size` bytes that the organisation's (an organisation id) or the person's quota cannot hold. */
export async function checkQuota(db: Executor, owner: string | StorageOwner, size: number, limit: number) {
  const used = await storageRepository.used(db, ownerOf(owner));
  if (used + size > limit) throw quotaExceeded(used, limit, size);
  return { used, limit };
}

/** Records a kept file (in the transaction that records its owner), checking the quota once more. */
export async function keepFile(
  tx: Executor,
  { organizationId, userId, ...file }: ({ organizationId: string; userId?: undefined } | { organizationId?: null; userId: string }) & { kind: FileKind; ref: string; name: string; sha256: string; size: number; expiresAt?: Date | null },
  limit: number,
) {
  const owner: StorageOwner = organizationId ? { organizationId } : { userId: userId! };
  await checkQuota(tx, owner, file.size, limit);
  return storageRepository.insert(tx, { ...file, organizationId: organizationId ?? null, userId: organizationId ? null : userId!, expiresAt: file.expiresAt ?? null });
}

/**
 * The files a person keeps in their own name, with their quota (the same size
 * as an organisation's) and what is used: only ever their own — nobody reads
 * another person's. Files their organisations keep are on the organisation's
 * storage (`storageUsage`). A person keeps only import files (an
 * administrator's contract import made without an organisation), whose page
 * is that import's report.
 */
export async function myStorage(db: Executor, actor: Actor, limit: number) {
  const rows = await storageRepository.keptBy(db, actor.user.id);
  const used = rows.reduce((sum, r) => sum + r.size, 0);
  return {
    usedBytes: used,
    limitBytes: limit,
    used: formatBytes(used),
    limit: formatBytes(limit),
    files: rows.map((r) => ({
      id: r.id,
      kind: r.kind as FileKind,
      name: r.name,
      sizeBytes: r.size,
      size: formatBytes(r.size),
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      link: r.kind === 'import' ? `/contracts/import?import=${r.ref}` : null,
    })),
  };
}

export const releaseFile = (tx: Executor, kind: FileKind, ref: string) => storageRepository.release(tx, kind, ref);
export const expireFile = (tx: Executor, kind: FileKind, ref: string, at: Date) => storageRepository.expireAt(tx, kind, ref, at);
/** Whether a kept file's row exists (an import file past its grace period is gone). */
export const keptFile = (db: Executor, kind: FileKind, ref: string) => storageRepository.byRef(db, kind, ref);

/** What the organisation uses of its quota; members only (404 for others). */
export async function storageUsage(db: Executor, actor: Actor, organizationId: string, limit: number) {
  if (!membershipIn(actor, organizationId)) throw notFound('organization');
  const used = await storageRepository.used(db, { organizationId });
  return { organizationId, usedBytes: used, limitBytes: limit, used: formatBytes(used), limit: formatBytes(limit) };
}
