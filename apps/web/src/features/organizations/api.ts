import type { MemberRole, OrganizationStatus, OrganizationType, VerifyDecision, InvitationStatus } from '@kzt/shared';
import { del, get, patch, post, type Paged } from '../../api/client.ts';

export type OrgAction = 'update' | 'verify' | 'invite' | 'removeMember' | 'viewMembers';

export type Organization = {
  id: string;
  name: string;
  type: OrganizationType;
  creditCode: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  status: OrganizationStatus;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  description: string | null;
  reviewReason: string | null;
  reviewedAt: string | null;
  createdAt: string;
  allowedActions: OrgAction[];
};

/** `allowedActions` per member: 'remove' where the caller may remove them (or leave, for themselves). */
export type Member = { userId: string; name: string; email: string | null; phone: string | null; role: MemberRole; joinedAt: string; allowedActions: 'remove'[] };
export type OrgInvitation = { id: string; login: string; role: MemberRole; status: InvitationStatus; createdAt: string };

export type CreateOrganizationInput = {
  name: string;
  type: OrganizationType;
  creditCode: string;
  jurisdictionCode: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  description?: string;
};
export type UpdateOrganizationInput = Partial<Pick<CreateOrganizationInput, 'name' | 'address' | 'contactName' | 'contactPhone' | 'description'>>;

export type OrganizationQuery = {
  status?: OrganizationStatus;
  type?: OrganizationType;
  jurisdictionCode?: string;
  q?: string;
  mine?: boolean;
  page?: number;
  pageSize?: number;
};

export const createOrganization = (body: CreateOrganizationInput) => post<Organization>('/organizations', body);
export const listOrganizations = (query: OrganizationQuery) => get<Paged<Organization>>('/organizations', query);
export const fetchOrganization = (id: string) => get<Organization>(`/organizations/${encodeURIComponent(id)}`);
export const updateOrganization = (id: string, body: UpdateOrganizationInput) =>
  patch<Organization>(`/organizations/${encodeURIComponent(id)}`, body);
export const verifyOrganization = (id: string, decision: VerifyDecision, reason?: string) =>
  post<Organization>(`/organizations/${encodeURIComponent(id)}/verify`, reason ? { decision, reason } : { decision });
export const fetchMembers = (id: string) =>
  get<{ items: Member[]; invitations: OrgInvitation[] }>(`/organizations/${encodeURIComponent(id)}/members`);
export const inviteMember = (id: string, body: { login: string; role: MemberRole }) =>
  post(`/organizations/${encodeURIComponent(id)}/invitations`, body);
export const revokeInvitation = (id: string, invitationId: string) =>
  del(`/organizations/${encodeURIComponent(id)}/invitations/${encodeURIComponent(invitationId)}`);
export const removeMember = (id: string, userId: string) =>
  del(`/organizations/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`);
