import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/**
 * What a deal announces to the rest of the platform. The contracts module
 * prefills a technology contract from `deal.signed` and carries over each
 * payment from `deal.paymentMarked`; neither needs to read trading's tables.
 */
export const dealSigned = defineEvent(
  'deal.signed',
  z.object({
    dealId: z.uuid(),
    listingId: z.uuid(),
    achievementId: z.uuid(),
    sellerOrganizationId: z.uuid(),
    buyerOrganizationId: z.uuid(),
    agentOrganizationId: z.uuid().nullable(),
    jurisdictionCode: z.string(),
    /** How the price was formed: fixed | negotiated | auction. */
    source: z.string(),
    /** transfer | licence | … (the listing's transaction kind). */
    transaction: z.string(),
    amountFen: z.number().int(),
    /** The listing's price: the start price of an auction (its premium is amountFen over it), the asking price otherwise. */
    listPriceFen: z.number().int().nullable().optional(),
    signedOn: z.string(),
    /**
     * The technology demand the deal was made from, when there is one (the
     * statistics count it met). Absent in events published before it was
     * added; set when the deal's listing answered a demand its buyer posted.
     */
    demandId: z.uuid().nullable().optional(),
    contractNo: z.string().nullable(),
    /** The schedule fixed at signing (先使用后付费 instalments included). */
    payments: z.array(z.object({ paymentId: z.uuid(), seq: z.number().int(), kind: z.string(), dueOn: z.string(), amountFen: z.number().int() })),
  }),
);
export type DealSigned = z.infer<typeof dealSigned.payload>;

export const dealPaymentMarked = defineEvent(
  'deal.paymentMarked',
  z.object({
    dealId: z.uuid(),
    paymentId: z.uuid(),
    seq: z.number().int(),
    amountFen: z.number().int(),
    paidOn: z.string(),
    note: z.string(),
    /** `instalment` or `royalty` (a 先使用后付费 royalty, paid on top of the price), and a royalty's period; absent on events from before. */
    kind: z.string().optional(),
    period: z.string().nullable().optional(),
  }),
);
export type DealPaymentMarked = z.infer<typeof dealPaymentMarked.payload>;
