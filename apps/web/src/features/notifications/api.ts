import type { MarkedRead, NotificationCategory, NotificationDto, Wire, WireOf, notificationPageDto } from '@kzt/shared';
import { get, post } from '../../api/client.ts';

export type { NotificationCategory };
/** `title` and `body` come in the language the client asked for (Accept-Language) when the notice has it. */
export type Notification = Wire<NotificationDto>;
/** `unreadAction`: unread notices asking for something to be done; `unreadNews`: the others. */
export type NotificationPage = WireOf<typeof notificationPageDto>;

export const listNotifications = (query: { page?: number; pageSize?: number; unread?: 'true'; category?: NotificationCategory }, signal?: AbortSignal) =>
  get<NotificationPage>('/notifications', query, signal);
export const markRead = (id: string) => post<void>(`/notifications/${encodeURIComponent(id)}/read`);
export const markAllRead = () => post<MarkedRead>('/notifications/read-all');

/** Tells the header bell to count again after notifications were read. */
export const NOTIFICATIONS_CHANGED = 'kzt:notifications-changed';
export const announceNotificationsChanged = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
