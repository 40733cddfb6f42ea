import { z } from 'zod';

export const recordIdParams = z.object({ id: z.uuid() });
export const attachmentIdParams = z.object({ id: z.uuid() });
