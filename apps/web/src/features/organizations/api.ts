import type { MemberRole, OrganizationLicence, OrganizationStatus, OrganizationType, VerifyDecision, InvitationStatus, Narrow, WireOf, memberListDto, organizationDto, organizationPageDto } from '@kzt/shared';
import { ApiError, del, get, patch, post, readCookie, type Problem } from '../../api/client.ts';
import { acceptLanguage, getLang, translate } from '../../i18n/index.tsx';

export type OrgAction = 'update' | 'verify' | 'invite' | 'removeMember' | 'viewMembers';

/** An organisation as the API shows it (`allowedActions` among OrgAction): contact details, the review reason and the licence only to members and the jurisdiction's administrators. */
export type Organization = Narrow<WireOf<typeof organizationDto>, { type: OrganizationType; status: OrganizationStatus }>;

export type { OrganizationLicence };
export const LICENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp';
export const LICENCE_MAX_BYTES = 10 * 1024 * 1024;

/** The owner uploads (or, before verification, replaces) the business licence: multipart with the CSRF header like every unsafe call. */
export async function uploadLicence(organizationId: string, file: File): Promise<OrganizationLicence> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': acceptLanguage() };
  const csrf = readCookie('kzt_csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/organizations/${encodeURIComponent(organizationId)}/licence`, { method: 'PUT', body: form, headers, credentials: 'same-origin' });
  } catch {
    const msg = translate(getLang(), 'common.networkError');
    throw new ApiError({ status: 0, title: msg, detail: msg });
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (data && typeof data === 'object' && 'title' in data) throw new ApiError({ ...(data as Problem), status: res.status });
    const msg = translate(getLang(), 'common.unexpected');
    throw new ApiError({ status: res.status, title: msg, detail: `${msg} (HTTP ${res.status})` });
  }
  return data as OrganizationLicence;
}

type WireMembers = WireOf<typeof memberListDto>;
/** `allowedActions` per member: 'remove' where the caller may remove them (or leave, for themselves). */
export type Member = Narrow<WireMembers['items'][number], { role: MemberRole }>;
export type OrgInvitation = Narrow<WireMembers['invitations'][number], { role: MemberRole; status: InvitationStatus }>;
type MemberList = Narrow<WireMembers, { items: Member[]; invitations: OrgInvitation[] }>;

export type CreateOrganizationInput = {
  name: string;
  type: OrganizationType;
  creditCode: string;
  jurisdictionCode: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  description?: string;
  /** 事业单位 (a public institution): some subsidy rules ask for it. */
  publicInstitution?: boolean;
};
export type UpdateOrganizationInput = Partial<Pick<CreateOrganizationInput, 'name' | 'address' | 'contactName' | 'contactPhone' | 'description' | 'publicInstitution'>>;

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
export const listOrganizations = (query: OrganizationQuery, signal?: AbortSignal) => get<Narrow<WireOf<typeof organizationPageDto>, { items: Organization[] }>>('/organizations', query, signal);
export const fetchOrganization = (id: string) => get<Organization>(`/organizations/${encodeURIComponent(id)}`);
export const updateOrganization = (id: string, body: UpdateOrganizationInput) =>
  patch<Organization>(`/organizations/${encodeURIComponent(id)}`, body);
export const verifyOrganization = (id: string, decision: VerifyDecision, reason?: string) =>
  post<Organization>(`/organizations/${encodeURIComponent(id)}/verify`, reason ? { decision, reason } : { decision });
export const fetchMembers = (id: string) =>
  get<MemberList>(`/organizations/${encodeURIComponent(id)}/members`);
export const inviteMember = (id: string, body: { login: string; role: MemberRole }) =>
  post(`/organizations/${encodeURIComponent(id)}/invitations`, body);
export const revokeInvitation = (id: string, invitationId: string) =>
  del(`/organizations/${encodeURIComponent(id)}/invitations/${encodeURIComponent(invitationId)}`);
export const removeMember = (id: string, userId: string) =>
  del(`/organizations/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`);
