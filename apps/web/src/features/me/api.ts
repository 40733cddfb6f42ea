import type { ProfileKind } from '@kzt/shared';
import { del, post, put } from '../../api/client.ts';

export type ProfileInput = { organizationId?: string; title?: string; fields: string[]; bio?: string; certificateNo?: string; jurisdictionCode?: string };

export const acceptInvitation = (id: string) => post(`/invitations/${encodeURIComponent(id)}/accept`);
export const declineInvitation = (id: string) => post(`/invitations/${encodeURIComponent(id)}/decline`);
export const saveProfile = (kind: ProfileKind, body: ProfileInput) => put(`/me/profiles/${kind}`, body);
export const deleteProfile = (kind: ProfileKind) => del(`/me/profiles/${kind}`);
