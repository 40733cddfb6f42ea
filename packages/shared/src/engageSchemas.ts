import { z } from 'zod';
import { pageQuery } from './schemas.ts';

/** 我要洽谈 (conversations with a record's owner) and 收藏 (saved items): requests and response contracts. */

const instantOut = z.union([z.date(), z.string()]);
const ref = z.object({ id: z.string(), name: z.string() });

export const CONVERSATION_RECORD_TYPES = ['achievement', 'demand'] as const;
export type ConversationRecordType = (typeof CONVERSATION_RECORD_TYPES)[number];
export const CONVERSATION_SIDES = ['asker', 'owner'] as const;
export type ConversationSide = (typeof CONVERSATION_SIDES)[number];
/** A message is at most this long (a letter, not a document; files go through attachments). */
export const CONVERSATION_MESSAGE_MAX = 2000;

const messageText = z.string().trim().min(2, 'err.conversation.tooShort').max(CONVERSATION_MESSAGE_MAX, 'err.conversation.tooLong');

export const openConversationBody = z.object({
  recordType: z.enum(CONVERSATION_RECORD_TYPES),
  recordId: z.uuid(),
  message: messageText,
  /** The organisation the asker speaks for (one of theirs); omitted: as a person. */
  organizationId: z.uuid().optional(),
});
export type OpenConversationBody = z.infer<typeof openConversationBody>;

export const conversationMessageBody = z.object({ message: messageText });

export const conversationQuery = pageQuery.extend({
  /** asker: threads I opened; owner: threads about my organisations' records; omitted: both. */
  side: z.enum(CONVERSATION_SIDES).optional(),
  recordType: z.enum(CONVERSATION_RECORD_TYPES).optional(),
  recordId: z.uuid().optional(),
});
export type ConversationQuery = z.infer<typeof conversationQuery>;

export const conversationMessageDto = z.object({
  id: z.string(),
  side: z.enum(CONVERSATION_SIDES),
  author: ref,
  /** Written by the caller. */
  mine: z.boolean(),
  body: z.string(),
  createdAt: instantOut,
});

export const conversationDto = z.object({
  id: z.string(),
  record: z.object({ type: z.enum(CONVERSATION_RECORD_TYPES), id: z.string(), title: z.string() }),
  ownerOrganization: ref,
  asker: ref,
  askerOrganization: ref.nullable(),
  /** The caller's side of the thread. */
  mySide: z.enum(CONVERSATION_SIDES),
  /** Who wrote last: `asker` means the owner's answer is awaited. */
  lastSide: z.enum(CONVERSATION_SIDES),
  lastMessageAt: instantOut,
  /** Something new from the other side since the caller last opened the thread. */
  unread: z.boolean(),
  /** The caller may write (the asker; on the owner's side, the organisation's owner role). */
  canReply: z.boolean(),
  createdAt: instantOut,
});
export type ConversationDto = z.infer<typeof conversationDto>;

export const conversationPageDto = z.object({ items: z.array(conversationDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const conversationThreadDto = conversationDto.extend({ messages: z.array(conversationMessageDto) });
export type ConversationThreadDto = z.infer<typeof conversationThreadDto>;
export const openedConversationDto = z.object({ created: z.boolean(), conversation: conversationThreadDto });

export const FAVOURITE_TYPES = ['achievement', 'demand', 'listing'] as const;
export type FavouriteType = (typeof FAVOURITE_TYPES)[number];

export const favouriteParams = z.object({ recordType: z.enum(FAVOURITE_TYPES), recordId: z.uuid() });
export const favouriteQuery = pageQuery.extend({ recordType: z.enum(FAVOURITE_TYPES).optional(), recordId: z.uuid().optional() });
export type FavouriteQuery = z.infer<typeof favouriteQuery>;

export const favouriteDto = z.object({
  recordType: z.enum(FAVOURITE_TYPES),
  recordId: z.string(),
  /** The current title when the record is still visible, else the title when saved. */
  title: z.string(),
  /** The record's status now (published, withdrawn, open, sold…), null when the caller may no longer see it. */
  status: z.string().nullable(),
  /** Still open to read and act on (a published record, a listing not withdrawn or cancelled). */
  available: z.boolean(),
  savedAt: instantOut,
});
export type FavouriteDto = z.infer<typeof favouriteDto>;
export const favouritePageDto = z.object({ items: z.array(favouriteDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const savedDto = z.object({ saved: z.boolean() });
