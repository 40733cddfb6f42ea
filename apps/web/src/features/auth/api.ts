import type { MemberRole, OrganizationStatus, OrganizationType, ProfileKind } from '@kzt/shared';
import { get, post } from '../../api/client.ts';

export type User = { id: string; name: string; email: string | null; phone: string | null; isPlatformAdmin: boolean; verified?: boolean };

export type MyOrganization = {
  id: string;
  name: string;
  type: OrganizationType;
  status: OrganizationStatus;
  role: MemberRole;
  jurisdictionCode: string;
};

export type Profile = {
  kind: ProfileKind;
  organizationId: string | null;
  title: string | null;
  fields: string[];
  bio: string | null;
  certificateNo: string | null;
  /** Broker and expert profiles: pending until an administrator of the jurisdiction approves them. */
  status?: 'pending' | 'approved' | 'rejected';
  jurisdictionCode?: string | null;
  reviewReason?: string | null;
};

export type MyInvitation = { id: string; organizationId: string; organizationName: string; role: MemberRole; createdAt: string };

export type Me = {
  user: User;
  organizations: MyOrganization[];
  adminOf: { code: string; name: string }[];
  roles: string[];
  profiles: Profile[];
  invitations: MyInvitation[];
  allowedActions: string[];
};

export type RegisterInput = { name: string; email?: string; phone?: string; password: string; acceptTerms: boolean; acceptPrivacy: boolean };
export type RegistrationPending = { status: 'code-sent'; channel: 'email' | 'sms'; sentTo: string; expiresInSeconds: number; resendAfterSeconds: number };
export type InvitationPreview = { id: string; organizationName: string; role: MemberRole; status: string; expiresAt: string | null };

export const ADMIN_ACTIONS = ['admin.verify', 'audit.read', 'jurisdiction.create'];
export const isAdmin = (me: Me | null | undefined) => !!me && me.allowedActions.some((a) => ADMIN_ACTIONS.includes(a));

/** The signed-in person, or null: /api/session answers 200 either way, so anonymous pages log no error. */
export const fetchMe = () => get<{ me: Me | null }>('/session').then((r) => r.me);
/** Step 1: sends a code to the e-mail (or phone); the same answer whether or not the address is registered. */
export const register = (body: RegisterInput) => post<RegistrationPending>('/auth/register', body);
/** Step 2: the code creates the account and signs in. */
export const verifyRegistration = (body: { login: string; code: string }) => post<{ user: User; token: string }>('/auth/register/verify', body);
export const resendCode = (login: string) => post<RegistrationPending>('/auth/register/resend', { login });
export const previewInvitation = (id: string, token: string) => post<InvitationPreview>(`/invitations/${id}/preview`, { token });
export const acceptInvitationByLink = (id: string, token: string) => post<{ organizationId: string; organizationName: string }>(`/invitations/${id}/accept`, { token });
export const declineInvitationByLink = (id: string, token: string) => post<unknown>(`/invitations/${id}/decline`, { token });
export const login = (body: { login: string; password: string }) => post<{ user: User; token: string }>('/auth/login', body);
export const logout = () => post<void>('/auth/logout');
export const changePassword = (body: { currentPassword: string; newPassword: string }) => post<void>('/auth/password', body);
