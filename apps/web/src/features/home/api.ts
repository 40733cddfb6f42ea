import type { Announcement, AnnouncementBody, AnnouncementSummary, AnnouncementUpdateBody, Home, SearchKind, SearchResult, SiteInfo, Workbench } from '@kzt/shared';
import { del, get, patch, post } from '../../api/client.ts';

export const fetchHome = (signal?: AbortSignal) => get<Home>('/home', undefined, signal);
export const searchAll = (q: string, kind: SearchKind | undefined, page: number, pageSize: number, signal?: AbortSignal) =>
  get<SearchResult>('/search', { q, kind, page, pageSize }, signal);
export const fetchWorkbench = (signal?: AbortSignal) => get<Workbench>('/me/workbench', undefined, signal);

export type AnnouncementList = { items: AnnouncementSummary[]; total: number; page: number; pageSize: number; canCreate: boolean };
export const listAnnouncements = (page: number, pageSize = 20, signal?: AbortSignal) => get<AnnouncementList>('/announcements', { page, pageSize }, signal);
export const getAnnouncement = (id: string, signal?: AbortSignal) => get<Announcement>(`/announcements/${id}`, undefined, signal);
export const postAnnouncement = (body: Partial<AnnouncementBody>) => post<Announcement>('/announcements', body);
export const updateAnnouncement = (id: string, body: AnnouncementUpdateBody) => patch<Announcement>(`/announcements/${id}`, body);
export const withdrawAnnouncement = (id: string) => del<void>(`/announcements/${id}`);

/** The footer's contact and filing numbers: fetched once per page load, from the home answer. */
let site: Promise<SiteInfo> | undefined;
export const fetchSiteInfo = () => (site ??= fetchHome().then((h) => h.site).catch((e) => {
  site = undefined;
  throw e;
}));
