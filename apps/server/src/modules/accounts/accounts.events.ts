import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/**
 * A message the accounts module asks to send by e-mail or SMS: a registration
 * code, or the note to an address's holder that someone tried to register it.
 * The push module queues it in the outbox (push.handlers.ts); the dedupe key
 * makes a message go out once however often the event is delivered.
 *
 * A registration code is in the body (it must reach the person); it is valid
 * for 10 minutes, for 5 attempts and once, and only its hash is kept with the
 * account data.
 */
export const accountMessageRequested = defineEvent(
  'account.messageRequested',
  z.object({
    userId: z.uuid().nullable(),
    channel: z.enum(['email', 'sms']),
    address: z.string(),
    kind: z.string(),
    subject: z.string(),
    body: z.string(),
    dedupeKey: z.string(),
  }),
);
