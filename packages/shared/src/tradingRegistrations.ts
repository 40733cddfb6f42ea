import { z } from 'zod';

/**
 * Registration to bid (竞买报名): a verified organisation registers for an
 * auction with the proof of its deposit remittance; the seller's side or an
 * administrator confirms it (which records the deposit) or rejects it.
 */

export const REGISTRATION_STATUSES = ['submitted', 'confirmed', 'rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, { zh: string; en: string }> = {
  submitted: { zh: '待确认到账', en: 'Awaiting confirmation' },
  confirmed: { zh: '已确认，可出价', en: 'Confirmed, may bid' },
  rejected: { zh: '未通过', en: 'Rejected' },
};

/** Proof files: what the attachments module accepts (PDF, PNG, JPEG, WebP). */
export const REGISTRATION_PROOF_MAX_BYTES = 20 * 1024 * 1024;

export const registrationBody = z.object({
  organizationId: z.uuid(),
  note: z.string().trim().max(500).default(''),
});
export type RegistrationBody = z.infer<typeof registrationBody>;

export const registrationRejectBody = z.object({ reason: z.string().trim().min(1, { message: 'err.required' }).max(500) });

export const registrationParams = z.object({ id: z.uuid(), registrationId: z.uuid() });

const instantOut = z.union([z.date(), z.string()]);
const orgRef = z.object({ id: z.string(), name: z.string() });

export const registrationDto = z.object({
  id: z.string(),
  listingId: z.string(),
  organization: orgRef,
  status: z.enum(REGISTRATION_STATUSES),
  note: z.string(),
  proof: z.object({ fileName: z.string(), mime: z.string(), size: z.number(), uploadedAt: instantOut }).nullable(),
  /** The deposit the confirmation recorded, and what became of it (held, applied to the price, to be refunded, forfeited). */
  deposit: z.object({ amount: z.number(), status: z.string() }).nullable(),
  decidedAt: instantOut.nullable(),
  decisionNote: z.string().nullable(),
  createdAt: instantOut,
  allowedActions: z.array(z.enum(['uploadProof', 'confirm', 'reject'])),
});
export type RegistrationDto = z.infer<typeof registrationDto>;

/** What a would-be bidder needs to register: the amount, where to pay it, until when, and whom to ask. */
export const registrationTermsDto = z.object({
  deposit: z.number(),
  account: z.object({ bank: z.string(), accountName: z.string(), accountNumber: z.string() }).nullable(),
  deadline: instantOut.nullable(),
  open: z.boolean(),
  contact: z.object({ organization: z.string(), name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
});

export const registrationListDto = z.object({
  items: z.array(registrationDto),
  terms: registrationTermsDto,
  /** all: the seller's side and administrators; own: the caller's organisations' registrations. */
  scope: z.enum(['all', 'own']),
  /** `register` when the caller has a verified organisation that may still register. */
  allowedActions: z.array(z.enum(['register'])),
});
export type RegistrationListDto = z.infer<typeof registrationListDto>;
