import type { Actor } from '../../platform/actor.ts';
import { isAnyAdmin } from '../../platform/actor.ts';

/** The audit trail is read by administrators, each within their jurisdiction; the chain check is theirs too. */
export const auditPolicy = (actor: Actor | null) => ({
  read: isAnyAdmin(actor),
  verify: isAnyAdmin(actor),
});
