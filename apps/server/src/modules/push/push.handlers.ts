import { onEvent } from '../../platform/events.ts';
import { accountMessageRequested } from '../accounts/accounts.events.ts';
import { invitationMessageRequested } from '../organizations/organizations.events.ts';
import { queueMessage } from './push.service.ts';

/** Messages other modules ask to send by e-mail or SMS go to the outbox, once per event (dedupe key). */
export const pushHandlers = [
  onEvent('push.accountMessage', accountMessageRequested, async (db, e) => {
    await queueMessage(db, e.payload);
  }),
  onEvent('push.invitationMessage', invitationMessageRequested, async (db, e) => {
    const p = e.payload;
    await queueMessage(db, { userId: null, channel: p.channel, address: p.address, kind: 'organization.invitation', subject: p.subject, body: p.body, dedupeKey: `invitation:${p.invitationId}:${e.id}` });
  }),
];
