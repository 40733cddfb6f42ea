import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';

type ImportLike = { organizationId: string; status: string; validRows: number };

/**
 * Who may do what with an import: the members of its organisation, verified
 * or not (an import only creates drafts). Nobody else sees it.
 */
export function importPolicy(actor: Actor | null, r: ImportLike) {
  const member = !!membershipIn(actor, r.organizationId);
  return {
    read: member,
    run: member && r.status === 'validated' && r.validRows > 0,
  };
}
export type ImportPolicy = ReturnType<typeof importPolicy>;
