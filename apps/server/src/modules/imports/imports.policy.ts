import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';

type ImportLike = { kind: string; organizationId: string | null; createdBy: string; status: string; validRows: number };

/**
 * Who may do what with an import: the members of its organisation (or its
 * creator, for one without). Nobody else sees it. A new dry run needs a verified organisation (checked in
 * imports.service before the file is read; issue 11).
 */
export function importPolicy(actor: Actor | null, r: ImportLike) {
  // An import without an organisation (an administrator's import of contracts) is its creator's.
  const member = r.organizationId ? !!membershipIn(actor, r.organizationId) : !!actor && actor.user.id === r.createdBy;
  return {
    read: member,
    run: member && r.status === 'validated' && r.validRows > 0,
    /** Give up a failed import of contracts: its hidden rows are deleted, so the same file can be uploaded again (contracts.import). */
    discard: member && r.status === 'failed' && r.kind === 'contracts',
  };
}
export type ImportPolicy = ReturnType<typeof importPolicy>;
