import { z } from 'zod';

/** What an organisation uses of its storage quota (attachments, import files, the business licence). */
export const storageUsageSchema = z.object({
  organizationId: z.uuid(),
  usedBytes: z.number().int(),
  limitBytes: z.number().int(),
  /** Formatted for people: 12.3 MB, 1.0 GB. */
  used: z.string(),
  limit: z.string(),
});
export type StorageUsage = z.infer<typeof storageUsageSchema>;

/**
 * What a person keeps in their own name (files no organisation keeps: an
 * administrator's contract import made without one): the quota, what is used,
 * and each file with its size, when it was kept and when the storage sweep
 * deletes it (null: kept until its owner lets go).
 */
export const myStorageSchema = z.object({
  usedBytes: z.number().int(),
  limitBytes: z.number().int(),
  used: z.string(),
  limit: z.string(),
  files: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['attachment', 'import', 'licence']),
      /** As uploaded; null for a file kept before names were recorded. */
      name: z.string().nullable(),
      sizeBytes: z.number().int(),
      size: z.string(),
      createdAt: z.union([z.date(), z.string()]),
      expiresAt: z.union([z.date(), z.string()]).nullable(),
      /** The page of what the file belongs to (an import's report), if it has one. */
      link: z.string().nullable(),
    }),
  ),
});
export type MyStorage = z.infer<typeof myStorageSchema>;

/** The business licence (营业执照) of an organisation's verification request, as members and its reviewing administrators see it. */
export const organizationLicenceSchema = z.object({
  organizationId: z.uuid(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.iso.datetime({ offset: true }),
  url: z.string(),
});
export type OrganizationLicence = z.infer<typeof organizationLicenceSchema>;

/** The body of a file answered as it is (a download, an export): bytes (a buffer or a stream), never serialised as JSON. */
export const fileBody = z.custom<unknown>(() => true).meta({ type: 'string', format: 'binary' });

/** `schema.response` entry of a route answering a file of one of these media types (the bytes are sent as they are, never serialised). */
export const fileResponse = (description: string, ...mediaTypes: string[]) => ({
  description,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: fileBody }])),
});

/** An attachment of a catalogue record. */
export const attachmentDto = z.object({
  id: z.string(),
  recordType: z.enum(['achievement', 'demand']),
  recordId: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  url: z.string(),
  createdAt: z.union([z.date(), z.string()]),
  allowedActions: z.array(z.literal('delete')),
});
export type AttachmentDto = z.infer<typeof attachmentDto>;
/** A record's attachments, whether the caller may upload (and why not), and the organisation's storage use for its members. */
export const attachmentListDto = z.object({
  items: z.array(attachmentDto),
  total: z.number().int(),
  allowedActions: z.array(z.literal('upload')),
  /** For those who may change the record: uploads wait for the organisation's verification. */
  uploadBlocked: z.object({ reason: z.literal('unverified'), organizationName: z.string() }).nullish(),
  storage: storageUsageSchema.nullable(),
});
export type AttachmentListDto = z.infer<typeof attachmentListDto>;
