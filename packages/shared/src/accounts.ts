import { z } from 'zod';
import { organizationLicenceSchema } from './filesSchemas.ts';

const instantOut = z.union([z.date(), z.string()]);

/**
 * Registration with a one-time code, invitation links and consent (issue 11,
 * issue 12): request and response schemas shared by the server and the web.
 */

/** The versions of the 用户协议 and the 隐私政策 a person accepts at registration (pages /legal/terms and /legal/privacy). */
export const LEGAL_VERSIONS = { terms: '2026-12-06', privacy: '2026-12-06' } as const;

/** A one-time code as typed, made plain: full-width digits of a Chinese input method read as ASCII, spaces dropped (３１７ ７５４ → 317754). */
export const normalizeCode = (raw: string) => raw.normalize('NFKC').replace(/\s/g, '');

/** A one-time code: six digits (typed in full-width or with spaces alike). */
export const verificationCodeSchema = z
  .string()
  .overwrite(normalizeCode)
  .regex(/^\d{6}$/, { message: 'err.code.format' });

export const loginNameSchema = z.string().trim().min(1, { message: 'err.required' }).max(254);

export const verifyRegistrationBody = z.object({ login: loginNameSchema, code: verificationCodeSchema });
export type VerifyRegistrationBody = z.infer<typeof verifyRegistrationBody>;

export const resendCodeBody = z.object({ login: loginNameSchema });

/** The same answer whether or not the address already has an account (no enumeration). */
export const registrationPendingDto = z.object({
  status: z.literal('code-sent'),
  channel: z.enum(['email', 'sms']),
  /** The address the code went to, partly hidden (a***@example.com, 138****0000). */
  sentTo: z.string(),
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});
export type RegistrationPendingDto = z.infer<typeof registrationPendingDto>;

export const userDto = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isPlatformAdmin: z.boolean(),
  verified: z.boolean(),
});

export const sessionDto = z.object({ user: userDto, token: z.string() });

export const invitationTokenBody = z.object({
  /** The one-time token of the invitation's link; not needed when the invitee has verified the invited address. */
  token: z.string().trim().min(16).max(200).optional(),
});

export const invitationAcceptedDto = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  role: z.string(),
  status: z.string(),
});

/** What the link page shows before the person decides (no secrets: the organisation and the role). */
export const invitationPreviewDto = z.object({
  id: z.uuid(),
  organizationName: z.string(),
  role: z.string(),
  status: z.string(),
  expiresAt: instantOut.nullable(),
});

export const outboxPeekQuery = z.object({ address: z.string().trim().min(1).max(254) });
export const outboxPeekDto = z.object({
  items: z.array(z.object({ kind: z.string(), subject: z.string(), body: z.string(), createdAt: instantOut })),
});

// ---- responses: the signed-in person

/** A personal profile (researcher, broker, expert); brokers and experts are pending until an administrator of `jurisdictionCode` decides. */
export const profileDto = z.object({
  kind: z.string(),
  organizationId: z.string().nullable(),
  title: z.string().nullable(),
  fields: z.array(z.string()),
  bio: z.string().nullable(),
  certificateNo: z.string().nullable(),
  status: z.string(),
  jurisdictionCode: z.string().nullable(),
  reviewReason: z.string().nullable(),
  reviewedAt: instantOut.nullable(),
  updatedAt: instantOut,
});
export type ProfileDto = z.infer<typeof profileDto>;

/** The signed-in person: organisations and roles, administered jurisdictions, profiles, open invitations, what they may do. */
export const meDto = z.object({
  user: userDto,
  organizations: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), status: z.string(), role: z.string(), jurisdictionCode: z.string() })),
  adminOf: z.array(z.object({ code: z.string(), name: z.string() })),
  roles: z.array(z.string()),
  profiles: z.array(profileDto),
  invitations: z.array(z.object({ id: z.string(), organizationId: z.string(), organizationName: z.string(), role: z.string(), createdAt: instantOut })),
  allowedActions: z.array(z.string()),
});
export type MeDto = z.infer<typeof meDto>;
/** `GET /api/session`: `me` is null when nobody is signed in. */
export const currentSessionDto = z.object({ me: meDto.nullable() });

// ---- responses: organisations and their members

/** An organisation as the API shows it: contact details, the review reason and the licence only to members and the jurisdiction's administrators. */
export const organizationDto = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  creditCode: z.string(),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string().nullable(),
  status: z.string(),
  address: z.string().nullable(),
  description: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  reviewReason: z.string().nullable(),
  /** 事业单位 (a public institution): some subsidy rules ask for it (威海 004-4). */
  publicInstitution: z.boolean(),
  reviewedAt: instantOut.nullable(),
  licence: organizationLicenceSchema.nullable(),
  createdAt: instantOut,
  allowedActions: z.array(z.string()),
});
export type OrganizationDto = z.infer<typeof organizationDto>;
export const organizationPageDto = z.object({ items: z.array(organizationDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const invitationDto = z.object({ id: z.string(), organizationId: z.string(), login: z.string(), role: z.string(), status: z.string(), createdAt: instantOut });
export type InvitationDto = z.infer<typeof invitationDto>;

export const memberListDto = z.object({
  items: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      role: z.string(),
      joinedAt: instantOut,
      allowedActions: z.array(z.string()),
    }),
  ),
  total: z.number().int(),
  invitations: z.array(invitationDto),
});
export type MemberListDto = z.infer<typeof memberListDto>;
