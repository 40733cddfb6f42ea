import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';

import { type AttachmentStore, type IncomingFile, receiveUpload } from '../../platform/files.ts';
import { checkQuota, keepFile, releaseFile } from '../storage/storage.service.ts';
import type { RequestContext } from '../../platform/context.ts';
import { organizationRepository, type OrganizationRow } from './organizations.repository.ts';
import { organizationPolicy } from './organizations.policy.ts';

/**
 * The business licence (营业执照) of a verification request (issue 12): the
 * owner of a pending or rejected organisation uploads it (PDF, PNG, JPEG or
 * WebP, checked by content, at most 10 MB), the administrators who review
 * the organisation open it, and an organisation is not approved without one.
 * It is seen by the organisation's members and its reviewing administrators
 * only. The bytes live in the attachment store (by SHA-256) and count
 * against the organisation's storage quota.
 */

export const LICENCE_MAX_BYTES = 10 * 1024 * 1024;

type Signed = RequestContext & { actor: Actor };

/** Whether the organisation has a licence on file. */
export const hasLicence = (org: Pick<OrganizationRow, 'licenceSha256'>) => !!org.licenceSha256;

/** The licence as members and reviewing administrators see it; null for everyone else or when there is none. */
export function presentLicence(org: OrganizationRow, actor: Actor | null) {
  if (!org.licenceSha256 || !organizationPolicy(actor, org).readPrivate) return null;
  return {
    organizationId: org.id,
    fileName: org.licenceFileName ?? '营业执照',
    mime: org.licenceMime ?? 'application/octet-stream',
    size: org.licenceSize ?? 0,
    sha256: org.licenceSha256,
    uploadedAt: (org.licenceUploadedAt ?? org.updatedAt).toISOString(),
    url: `/api/organizations/${org.id}/licence/content`,
  };
}

/** Loads the organisation and checks who may see its licence: 404 for everyone else. */
async function readable(db: Db, actor: Actor | null, id: string) {
  const org = await organizationRepository.byId(db, id);
  if (!org || !organizationPolicy(actor, org).readPrivate) throw notFound('organization');
  return org;
}

const tooLarge = () => new AppError(413, 'payload-too-large', 'problem.tooLarge', 'err.attachment.tooLarge', { limit: `${LICENCE_MAX_BYTES / 1024 / 1024} MB` }, [{ path: 'file', key: 'err.attachment.tooLarge' }]);

export async function uploadLicence(db: Db, store: AttachmentStore, ctx: Signed, id: string, next: () => Promise<IncomingFile | undefined>, quotaBytes: number) {
  const org = await readable(db, ctx.actor, id);
  const owner = organizationPolicy(ctx.actor, org).invite;
  if (!owner) throw forbidden();
  if (org.status === 'verified') throw invalidState('err.organization.licenceVerified');
  // The licence replaces the one sent before: only the difference counts against the quota.
  const { fileName, mime, ...received } = await receiveUpload(store, next, LICENCE_MAX_BYTES, tooLarge, (size) => checkQuota(db, org.id, size - (org.licenceSize ?? 0), quotaBytes));
  await store.commit(received.tmp, received.sha256);
  await db.transaction(async (tx) => {
    const locked = (await organizationRepository.byId(tx, id, { lock: true }))!;
    if (locked.status === 'verified') throw invalidState('err.organization.licenceVerified');
    await releaseFile(tx, 'licence', org.id);
    await keepFile(tx, { organizationId: org.id, kind: 'licence', ref: org.id, name: fileName, sha256: received.sha256, size: received.size }, quotaBytes);
    const licence = { licenceSha256: received.sha256, licenceFileName: fileName, licenceMime: mime, licenceSize: received.size, licenceUploadedAt: new Date() };
    await organizationRepository.update(tx, org.id, licence);
    await recordAudit(tx, ctx, {
      action: 'organization.licence.upload',
      entityType: 'organization',
      entityId: org.id,
      organizationId: org.id,
      jurisdictionCode: org.jurisdictionCode,
      before: locked.licenceSha256 ? { sha256: locked.licenceSha256, fileName: locked.licenceFileName, size: locked.licenceSize } : null,
      after: { sha256: received.sha256, fileName, mime, size: received.size },
    });
  });
  return presentLicence((await organizationRepository.byId(db, id))!, ctx.actor)!;
}

export async function getLicence(db: Db, actor: Actor, id: string) {
  const licence = presentLicence(await readable(db, actor, id), actor);
  if (!licence) throw notFound('licence');
  return licence;
}

/** The licence's bytes, for members and reviewing administrators. */
export async function openLicence(db: Db, store: AttachmentStore, actor: Actor, id: string) {
  const org = await readable(db, actor, id);
  if (!org.licenceSha256 || !store.exists(org.licenceSha256)) throw notFound('licence');
  return { licence: presentLicence(org, actor)!, open: () => store.open(org.licenceSha256!) };
}
