import type { ConversationPolicy } from './conversations.policy.ts';
import type { ConversationWithNames, MessageWithAuthor } from './conversations.repository.ts';

const newer = (at: Date, readAt: Date | null) => !readAt || readAt.getTime() < at.getTime();

/** A thread as one participant sees it. */
export function presentConversation(c: ConversationWithNames, policy: ConversationPolicy) {
  const side = policy.side;
  const unread = c.lastSide !== side && newer(c.lastMessageAt, side === 'asker' ? c.askerReadAt : c.ownerReadAt);
  return {
    id: c.id,
    record: { type: c.recordType as 'achievement' | 'demand', id: c.recordId, title: c.recordTitle },
    ownerOrganization: { id: c.ownerOrganizationId, name: c.ownerOrganizationName },
    asker: { id: c.askerUserId, name: c.askerName },
    askerOrganization: c.askerOrganizationId ? { id: c.askerOrganizationId, name: c.askerOrganizationName ?? '' } : null,
    mySide: side,
    lastSide: c.lastSide as 'asker' | 'owner',
    lastMessageAt: c.lastMessageAt,
    unread,
    canReply: policy.reply,
    createdAt: c.createdAt,
  };
}

export const presentMessage = (m: MessageWithAuthor, userId: string) => ({
  id: m.id,
  side: m.side as 'asker' | 'owner',
  author: { id: m.authorUserId, name: m.authorName },
  mine: m.authorUserId === userId,
  body: m.body,
  createdAt: m.createdAt,
});

/** What the audit trail keeps of a message: who, on which side, how long — not the words of a private negotiation. */
export const snapshotMessage = (c: Pick<ConversationWithNames, 'recordType' | 'recordId' | 'askerUserId' | 'askerOrganizationId'>, side: string, body: string) => ({
  recordType: c.recordType,
  recordId: c.recordId,
  askerUserId: c.askerUserId,
  askerOrganizationId: c.askerOrganizationId,
  side,
  length: body.length,
});
