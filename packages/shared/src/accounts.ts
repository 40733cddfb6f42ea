import { z } from 'zod';

const instantOut = z.union([z.date(), z.string()]);

/**
 * Registration with a one-time code, invitation links and consent (issue 11,
 * issue 12): request and response schemas shared by the server and the web.
 */

/** The versions of the 用户协议 and the 隐私政策 a person accepts at registration (pages /legal/terms and /legal/privacy). */
export const LEGAL_VERSIONS = { terms: '2026-12-06', privacy: '2026-12-06' } as const;

/** A one-time code: six digits. */
export const verificationCodeSchema = z
  .string()
  .trim()
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
