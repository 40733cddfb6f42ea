import type { ConversationDto, ConversationThreadDto, FavouriteDto, FavouriteType, Wire } from '@kzt/shared';
import { del, get, post, put, type Paged } from '../../api/client.ts';

export type Conversation = Wire<ConversationDto>;
export type ConversationThread = Wire<ConversationThreadDto>;
export type Favourite = Wire<FavouriteDto>;
export type RecordRef = { type: 'achievement' | 'demand'; id: string };

export const listConversations = (q: { side?: 'asker' | 'owner'; recordType?: string; recordId?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<Paged<Conversation>>('/conversations', q, signal);
export const fetchConversation = (id: string, signal?: AbortSignal) => get<ConversationThread>(`/conversations/${id}`, undefined, signal);
export const openConversation = (body: { recordType: 'achievement' | 'demand'; recordId: string; message: string; organizationId?: string }) =>
  post<{ created: boolean; conversation: ConversationThread }>('/conversations', body);
export const replyConversation = (id: string, message: string) => post<ConversationThread>(`/conversations/${id}/messages`, { message });

export const listFavourites = (q: { recordType?: FavouriteType; recordId?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<Paged<Favourite>>('/favourites', q, signal);
export const saveFavourite = (type: FavouriteType, id: string) => put<{ saved: boolean }>(`/favourites/${type}/${id}`);
export const removeFavourite = (type: FavouriteType, id: string) => del<{ saved: boolean }>(`/favourites/${type}/${id}`);

/** Where a record of a conversation or a saved item lives in the web app. */
export const recordPath = (type: string, id: string) => `/${type}s/${id}`;
