import type { MarkedRead } from '@kzt/shared';
import { get, post, type Paged } from '../../api/client.ts';

export type NotificationCategory = 'action' | 'news';
/** `title` and `body` come in the language the client asked for (Accept-Language) when the notice has it. */
export type Notification = { id: string; kind: string; category: NotificationCategory; title: string; body: string; link: string | null; read: boolean; createdAt: string };
/** `unreadAction`: unread notices asking for something to be done; `unreadNews`: the others. */
export type NotificationPage = Paged<Notification> & { unread: number; unreadAction: number; unreadNews: number };

export const listNotifications = (query: { page?: number; pageSize?: number; unread?: 'true'; category?: NotificationCategory }, signal?: AbortSignal) =>
  get<NotificationPage>('/notifications', query, signal);
export const markRead = (id: string) => post<void>(`/notifications/${encodeURIComponent(id)}/read`);
export const markAllRead = () => post<MarkedRead>('/notifications/read-all');

/** Tells the header bell to count again after notifications were read. */
export const NOTIFICATIONS_CHANGED = 'kzt:notifications-changed';
export const announceNotificationsChanged = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
