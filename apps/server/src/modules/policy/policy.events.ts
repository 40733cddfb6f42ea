import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';

/** What the policy module announces: money committed to a beneficiary (approval) and money paid (拨付). Statistics count them. */
const entitlementFacts = z.object({ entitlementId: z.uuid(), jurisdictionCode: z.string(), rule: z.string(), budgetLine: z.string(), amount: z.number().int(), on: z.string() });
export const entitlementApproved = defineEvent('entitlement.approved', entitlementFacts);
export const entitlementPaid = defineEvent('entitlement.paid', entitlementFacts);
