import type { AttachmentDto } from '@kzt/shared';
import type { AttachmentRow } from './attachments.repository.ts';
import type { AttachmentPolicy } from './attachments.policy.ts';

/** An attachment as the API shows it. */
export const presentAttachment = (a: AttachmentRow, policy: AttachmentPolicy) => ({
  id: a.id,
  recordType: a.recordType as AttachmentDto['recordType'],
  recordId: a.recordId,
  fileName: a.fileName,
  mime: a.mime,
  size: a.size,
  sha256: a.sha256,
  url: `/api/attachments/${a.id}/content`,
  createdAt: a.createdAt,
  allowedActions: policy.delete ? ['delete' as const] : [],
});

/** What the audit trail keeps of an attachment. */
export const snapshotAttachment = (a: AttachmentRow) => ({ fileName: a.fileName, mime: a.mime, size: a.size, sha256: a.sha256, recordType: a.recordType, recordId: a.recordId });
