import type { Actor } from '../../platform/actor.ts';
import { administers } from '../../platform/actor.ts';
import type { JurisdictionRow } from './jurisdictions.repository.ts';

/** Who may do what with a jurisdiction. Reading the tree is public. */
export function jurisdictionPolicy(actor: Actor | null, j: Pick<JurisdictionRow, 'path'>) {
  const admin = administers(actor, j.path);
  return {
    read: true,
    addChild: admin,
    manageAdmins: admin,
    /** Local rules (e.g. on unconverted achievements) are set by platform administrators: they follow a region's law, not its staff. */
    setRules: !!actor?.user.isPlatformAdmin,
  };
}

/** New provinces (no parent) are for platform administrators only. */
export const mayCreateProvince = (actor: Actor | null) => !!actor?.user.isPlatformAdmin;
