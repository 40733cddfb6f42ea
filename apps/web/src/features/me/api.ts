import type { MyStorage, ProfileKind, Wire } from '@kzt/shared';
import { del, get, post, put } from '../../api/client.ts';

export type ProfileInput = { organizationId?: string; title?: string; fields: string[]; bio?: string; certificateNo?: string; jurisdictionCode?: string };

export const acceptInvitation = (id: string) => post(`/invitations/${encodeURIComponent(id)}/accept`);
export const declineInvitation = (id: string) => post(`/invitations/${encodeURIComponent(id)}/decline`);
export const saveProfile = (kind: ProfileKind, body: ProfileInput) => put(`/me/profiles/${kind}`, body);
export const deleteProfile = (kind: ProfileKind) => del(`/me/profiles/${kind}`);

/** What I keep in my own name: quota, used, and each file with when it is deleted. */
export type MyFiles = Wire<MyStorage>;
export type MyFile = MyFiles['files'][number];
export const fetchMyFiles = (signal?: AbortSignal) => get<MyFiles>('/me/files', undefined, signal);
