import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/**
 * An invitation's message to the invited e-mail or phone, with its one-time
 * link (the token is only in the message; the invitation keeps its hash).
 * The push module queues it in the outbox (push.handlers.ts).
 */
export const invitationMessageRequested = defineEvent(
  'organization.invitationMessageRequested',
  z.object({
    invitationId: z.uuid(),
    channel: z.enum(['email', 'sms']),
    address: z.string(),
    subject: z.string(),
    body: z.string(),
  }),
);

/** An organisation passed verification (认证): it may now publish and trade. Statistics count it by type. */
export const organizationVerified = defineEvent(
  'organization.verified',
  z.object({ organizationId: z.uuid(), type: z.string(), jurisdictionCode: z.string(), name: z.string() }),
);
