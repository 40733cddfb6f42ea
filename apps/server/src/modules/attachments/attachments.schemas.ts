import { z } from 'zod';

/** At most 20 MB per file. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** The types accepted, recognised by content, and the file name extensions each may carry. */
export const ATTACHMENT_TYPES: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
};

export const recordIdParams = z.object({ id: z.uuid() });
export const attachmentIdParams = z.object({ id: z.uuid() });
