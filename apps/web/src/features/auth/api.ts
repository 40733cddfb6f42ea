import type {
  MemberRole,
  Narrow,
  OrganizationStatus,
  OrganizationType,
  ProfileKind,
  ProfileStatus,
  WireOf,
  currentSessionDto,
  invitationAcceptedDto,
  invitationPreviewDto,
  meDto,
  profileDto,
  registrationPendingDto,
  sessionDto,
  userDto,
} from '@kzt/shared';
import { ApiError, get, post } from '../../api/client.ts';

// The answers' types come from the server's response schemas (@kzt/shared), as JSON delivers them;
// fields the schemas leave as strings are narrowed to the enums the server fills them from.
type WireMe = WireOf<typeof meDto>;
export type User = WireOf<typeof userDto>;
export type MyOrganization = Narrow<WireMe['organizations'][number], { type: OrganizationType; status: OrganizationStatus; role: MemberRole }>;
/** Broker and expert profiles: pending until an administrator of the jurisdiction approves them. */
export type Profile = Narrow<WireOf<typeof profileDto>, { kind: ProfileKind; status: ProfileStatus }>;
export type MyInvitation = Narrow<WireMe['invitations'][number], { role: MemberRole }>;
/** The signed-in person: organisations and roles, administered jurisdictions, profiles, open invitations, what they may do. */
export type Me = Narrow<WireMe, { organizations: MyOrganization[]; profiles: Profile[]; invitations: MyInvitation[] }>;
type Session = WireOf<typeof sessionDto>;

export type RegisterInput = { name: string; email?: string; phone?: string; password: string; acceptTerms: boolean; acceptPrivacy: boolean };
export type RegistrationPending = WireOf<typeof registrationPendingDto>;
export type InvitationPreview = Narrow<WireOf<typeof invitationPreviewDto>, { role: MemberRole }>;
type InvitationAccepted = WireOf<typeof invitationAcceptedDto>;

export const ADMIN_ACTIONS = ['admin.verify', 'audit.read', 'jurisdiction.create'];
export const isAdmin = (me: Me | null | undefined) => !!me && me.allowedActions.some((a) => ADMIN_ACTIONS.includes(a));

/** The signed-in person, or null: /api/session answers 200 either way, so anonymous pages log no error. */
export const fetchMe = () => get<Narrow<WireOf<typeof currentSessionDto>, { me: Me | null }>>('/session').then((r) => r.me);
/** Step 1: sends a code to the e-mail (or phone); the same answer whether or not the address is registered. */
export const register = (body: RegisterInput) => post<RegistrationPending>('/auth/register', body);
/** Step 2: the code creates the account and signs in. */
export const verifyRegistration = (body: { login: string; code: string }) => post<Session>('/auth/register/verify', body);
export const resendCode = (login: string) => post<RegistrationPending>('/auth/register/resend', { login });

/**
 * The demo's outbox for an address (newest first), read through the development route /api/dev/outbox; null where
 * that route does not exist (production sends real messages and has no such route).
 */
export async function demoOutbox(address: string): Promise<{ body: string }[] | null> {
  try {
    return (await get<{ items: { body: string }[] }>('/dev/outbox', { address })).items;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** The latest registration code in the demo's outbox (the job that moves it there takes about a second: asked a few times); null if none came. */
export async function demoCode(address: string): Promise<string | null> {
  for (let i = 0; i < 10; i++) {
    const code = (await demoOutbox(address))?.map((m) => /验证码是 (\d{6})/.exec(m.body)?.[1]).find(Boolean);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}
export const previewInvitation = (id: string, token: string) => post<InvitationPreview>(`/invitations/${id}/preview`, { token });
export const acceptInvitationByLink = (id: string, token: string) => post<InvitationAccepted>(`/invitations/${id}/accept`, { token });
export const declineInvitationByLink = (id: string, token: string) => post<unknown>(`/invitations/${id}/decline`, { token });
export const login = (body: { login: string; password: string }) => post<Session>('/auth/login', body);
export const logout = () => post<void>('/auth/logout');
export const changePassword = (body: { currentPassword: string; newPassword: string }) => post<void>('/auth/password', body);
