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
