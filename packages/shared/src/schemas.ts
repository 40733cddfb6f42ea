import { z } from 'zod';
import { ORGANIZATION_TYPES, MEMBER_ROLES, VERIFY_DECISIONS, ORGANIZATION_STATUSES, PROFILE_KINDS } from './enums.ts';
import { creditCodeProblem, normalizeCreditCode } from './creditCode.ts';
import { passwordProblem, sameAsLogin } from './passwordRules.ts';

/**
 * Request schemas shared by the server (validation + OpenAPI) and the web
 * (form types). Custom messages are i18n keys (`err.*`) that the server
 * translates into the caller's language.
 */

export const PHONE_RE = /^1[3-9]\d{9}$/;

/**
 * A phone number as typed, made plain: a Chinese input method's full-width
 * digits and signs (１３９０３５４１２３４, ＋８６) read as ASCII (NFKC), spaces
 * (the ideographic one too) and dashes dropped, the +86 country code removed.
 */
export function normalizePhone(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
}

/** An e-mail address or a phone number as typed, as the accounts store it (full-width forms made plain). */
export function normalizeLogin(raw: string): string {
  const v = raw.normalize('NFKC').trim();
  return v.includes('@') ? v.toLowerCase() : normalizePhone(v);
}

const trimmed = (max: number) => z.string().trim().min(1, { message: 'err.required' }).max(max);

export const emailSchema = z.string().overwrite((v) => v.normalize('NFKC')).trim().toLowerCase().pipe(z.email({ message: 'err.email' })).pipe(z.string().max(254));
export const phoneSchema = z
  .string()
  .transform(normalizePhone)
  .pipe(z.string().regex(PHONE_RE, { message: 'err.phone' }));
export const passwordSchema = z
  .string()
  .min(8, { message: 'err.password.short' })
  .max(128, { message: 'err.password.long' })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v);
    if (problem && problem !== 'short' && problem !== 'long') ctx.addIssue({ code: 'custom', message: `err.password.${problem}` });
  });

export const registerBody = z
  .object({
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    password: passwordSchema,
    name: trimmed(50),
    /** 用户协议 and 隐私政策 (PIPL): both must be accepted; the server keeps the versions and the time. */
    acceptTerms: z.literal(true, { message: 'err.consent.terms' }),
    acceptPrivacy: z.literal(true, { message: 'err.consent.privacy' }),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, {
    message: 'err.emailOrPhone',
    path: ['email'],
  })
  .refine((v) => !sameAsLogin(v.password, [v.email, v.phone]), { message: 'err.password.sameAsLogin', path: ['password'] });
export type RegisterBody = z.infer<typeof registerBody>;

export const loginBody = z.object({
  login: z.string().trim().min(1, { message: 'err.required' }).max(254),
  password: z.string().min(1, { message: 'err.required' }).max(128),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, { message: 'err.required' }).max(128),
  newPassword: passwordSchema,
});

export const creditCodeSchema = z
  .string()
  .transform(normalizeCreditCode)
  .superRefine((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `err.creditCode.${problem}` });
  });

export const jurisdictionCodeSchema = z.string().regex(/^\d{6}$/, { message: 'err.jurisdictionCode' });

/**
 * A GB/T 2260 code and the regions above it, read from the code itself: a
 * province is `PP0000`, a city `PPCC00`, a county `PPCCXX`. 140702 →
 * [140000, 140700, 140702]; a code that is not six digits has none.
 */
export function regionChain(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return [];
  return [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((c, i, a) => a.indexOf(c) === i);
}

export const createOrganizationBody = z.object({
  name: trimmed(100),
  type: z.enum(ORGANIZATION_TYPES),
  creditCode: creditCodeSchema,
  jurisdictionCode: jurisdictionCodeSchema,
  address: z.string().trim().max(200).optional(),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.string().trim().max(30).optional(),
  description: z.string().trim().max(2000).optional(),
  /** 事业单位 (a public institution), as the organisation declares it; its administrator confirms it at verification. */
  publicInstitution: z.boolean().optional(),
});
export type CreateOrganizationBody = z.infer<typeof createOrganizationBody>;

export const updateOrganizationBody = createOrganizationBody
  .pick({ address: true, contactName: true, contactPhone: true, description: true, publicInstitution: true })
  .extend({ name: trimmed(100).optional() });

export const verifyOrganizationBody = z
  .object({
    decision: z.enum(VERIFY_DECISIONS),
    reason: z.string().trim().max(500).optional(),
    /** The administrator's finding on 事业单位 at approval (what the organisation declared when absent). */
    publicInstitution: z.boolean().optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason !== undefined && v.reason.length > 0), {
    message: 'err.reasonRequired',
    path: ['reason'],
  });

export const inviteMemberBody = z.object({
  login: z.string().trim().min(1, { message: 'err.required' }).max(254),
  role: z.enum(MEMBER_ROLES).default('member'),
});

export const createJurisdictionBody = z.object({
  code: jurisdictionCodeSchema,
  name: trimmed(50),
  parentCode: jurisdictionCodeSchema.optional(),
});

export const grantAdminBody = z.object({
  login: z.string().trim().min(1, { message: 'err.required' }).max(254),
});

export const profileBody = z.object({
  organizationId: z.uuid().optional(),
  title: z.string().trim().max(50).optional(),
  fields: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  bio: z.string().trim().max(2000).optional(),
  certificateNo: z.string().trim().max(50).optional(),
  /** The region whose administrators review a broker or expert profile when it names no organisation (else the organisation's). */
  jurisdictionCode: jurisdictionCodeSchema.optional(),
});

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { message: 'err.pageSize' }).default(20),
});

export const listOrganizationsQuery = pageQuery.extend({
  status: z.enum(ORGANIZATION_STATUSES).optional(),
  type: z.enum(ORGANIZATION_TYPES).optional(),
  jurisdictionCode: jurisdictionCodeSchema.optional(),
  q: z.string().trim().max(100).optional(),
  mine: z.enum(['true', 'false']).optional(),
});

export const auditQuery = pageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(80).optional(),
  /** Events of this region and the regions below it. */
  jurisdictionCode: z.string().regex(/^\d{6}$/).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const profileKindParam = z.object({ kind: z.enum(PROFILE_KINDS) });

/**
 * A response type as the client receives it: JSON has no dates, so every
 * `Date` a server schema allows (`z.union([z.date(), z.string()])`) arrives
 * as its ISO string. The web types its API calls with `Wire<z.infer<…>>`.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The client's type of a response schema: `WireOf<typeof notificationPageDto>` (the web needs no zod import). */
export type WireOf<S extends z.ZodType> = Wire<z.output<S>>;

/**
 * The client's type of a query schema (`QueryOf<typeof achievementQuery>`):
 * every parameter optional, as the server reads it after parsing, except that
 * a list is sent as one comma-separated string (`industry=C,I`).
 */
export type QueryOf<S extends z.ZodType> = {
  [K in keyof z.output<S>]?: NonNullable<z.output<S>[K]> extends readonly unknown[] ? string : Wire<NonNullable<z.output<S>[K]>>;
};

/** The client's type of a request body schema: what it may send (defaults may be left out). `InputOf<typeof createListingBody>`. */
export type InputOf<S extends z.ZodType> = z.input<S>;

/**
 * A wire type with some of its fields narrowed: for a schema that says `z.string()` where the
 * server fills the field from one of the enums here (its column is text, so the schema cannot
 * say more until the presenter is typed). `Narrow<WireOf<typeof organizationDto>, { type: OrganizationType }>`.
 */
export type Narrow<T, N extends { [K in keyof N]: K extends keyof T ? unknown : never }> = Omit<T, keyof N> & N;
