import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/**
 * What the contracts module announces. The policy engine (subsidies), the
 * income distributions and the statistics react to these; none of them
 * reads the contracts tables.
 */
const party = z.object({
  organizationId: z.uuid().nullable(),
  name: z.string(),
  /** GB/T 2260 code. */
  region: z.string(),
  /** enterprise | university | institute | rnd_institution | government | individual | other */
  entityType: z.string(),
});
export type ContractParty = z.infer<typeof party>;

const contractFacts = z.object({
  contractId: z.uuid(),
  kind: z.string(),
  subkind: z.string().nullable(),
  title: z.string(),
  signedOn: z.string(),
  seller: party,
  buyer: party,
  agency: party.nullable(),
  achievementIds: z.array(z.uuid()),
  dealId: z.uuid().nullable(),
});

export const contractRegistered = defineEvent(
  'contract.registered',
  contractFacts.extend({
    registrationNumber: z.string(),
    registeredOn: z.string(),
    /** The registering jurisdiction (the point's). */
    jurisdictionCode: z.string(),
    contractAmount: z.number().int(),
    technologyAmount: z.number().int(),
    certifiedAmount: z.number().int(),
    /** The platform's industry code (INDUSTRY_CODES) the contract states, or null; events published before it existed read as null. */
    industry: z.string().nullable().optional(),
  }),
);
export type ContractRegistered = z.infer<typeof contractRegistered.payload>;

/** The buyer recorded a payment (not yet confirmed by the seller). */
export const contractPaymentRecorded = defineEvent(
  'contract.paymentRecorded',
  contractFacts.extend({ paymentId: z.uuid(), paidOn: z.string(), amount: z.number().int() }),
);
/** The seller confirmed receipt: money actually received (实际到账). */
export const contractPaymentConfirmed = defineEvent(
  'contract.paymentConfirmed',
  contractFacts.extend({ paymentId: z.uuid(), paidOn: z.string(), amount: z.number().int() }),
);
export type ContractPayment = z.infer<typeof contractPaymentConfirmed.payload>;

/**
 * A registered contract's figures in force changed after registration (变更登记, or payments received beyond the
 * contract amount): the figures now in force, whole — a reader sets them, it does not add a difference.
 */
export const contractAmended = defineEvent(
  'contract.amended',
  z.object({
    contractId: z.uuid(),
    registrationNumber: z.string().nullable(),
    contractAmount: z.number().int(),
    technologyAmount: z.number().int(),
    certifiedAmount: z.number().int().nullable(),
  }),
);
export type ContractAmended = z.infer<typeof contractAmended.payload>;

/** A registered contract terminated (or its registration revoked): what it caused is clawed back. */
export const contractTerminated = defineEvent(
  'contract.terminated',
  z.object({ contractId: z.uuid(), registrationNumber: z.string().nullable(), terminatedOn: z.string(), reason: z.string() }),
);
