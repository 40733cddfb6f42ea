import type { Actor } from '../../platform/actor.ts';
import { isAnyAdmin } from '../../platform/actor.ts';

/** What a signed-in person may do across the platform; drives the navigation of the web app. */
export function platformPolicy(actor: Actor) {
  const admin = isAnyAdmin(actor);
  return {
    'organization.create': true,
    'profile.update': true,
    'admin.verify': admin,
    'audit.read': admin,
    'audit.verify': admin,
    'jurisdiction.create': admin,
    'jurisdiction.manageAdmins': admin,
  };
}
