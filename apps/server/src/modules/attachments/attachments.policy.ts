import type { RecordPolicy } from '../catalogue/catalogue.policy.ts';

/**
 * Attachments are confidential details of their record: they are seen by
 * those who may read the record in full (`readFull`) and changed by those who
 * may update it.
 */
export function attachmentPolicy(record: RecordPolicy) {
  return {
    read: record.readFull,
    upload: record.readFull && record.update,
    delete: record.readFull && record.update,
  };
}
export type AttachmentPolicy = ReturnType<typeof attachmentPolicy>;
