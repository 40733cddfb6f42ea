import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';

/** What the policy needs to know of a conversation. */
export type ConversationLike = { askerUserId: string; ownerOrganizationId: string };

/**
 * Who may do what in a 洽谈 thread: the person who opened it, and the members
 * of the organisation that owns the record, read it; the asker and the
 * organisation's owner role (its 负责人, e.g. the technology transfer office)
 * write. Nobody else — administrators included — sees a private negotiation.
 */
export function conversationPolicy(actor: Actor | null, c: ConversationLike) {
  const asker = !!actor && actor.user.id === c.askerUserId;
  const member = membershipIn(actor, c.ownerOrganizationId);
  return {
    read: asker || !!member,
    reply: asker || member?.role === 'owner',
    side: (asker ? 'asker' : 'owner') as 'asker' | 'owner',
  };
}
export type ConversationPolicy = ReturnType<typeof conversationPolicy>;
