import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';

type ImportLike = { organizationId: string; status: string; validRows: number };

/**
 * Who may do what with an import: the members of its organisation. Nobody
 * else sees it. A new dry run needs a verified organisation (checked in
 * imports.service before the file is read; issue 11).
 */
export function importPolicy(actor: Actor | null, r: ImportLike) {
  const member = !!membershipIn(actor, r.organizationId);
  return {
    read: member,
    run: member && r.status === 'validated' && r.validRows > 0,
  };
}
export type ImportPolicy = ReturnType<typeof importPolicy>;
