import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { allowed } from '../../platform/policy.ts';
import { platformPolicy } from '../accounts/accounts.policy.ts';
import { pendingInvitationsFor } from '../organizations/organizations.service.ts';
import { presentMe } from './profiles.presenter.ts';
import { profilesOf } from './profiles.service.ts';

/**
 * The person's own view (`GET /api/me`, `/api/session`): their account and
 * organisations (the actor), their profiles and roles, the invitations
 * waiting for their e-mail or phone, and what they may do. It gathers
 * accounts, organisations and profiles, so it lives above all three.
 */
export async function me(db: Db, actor: Actor) {
  const logins = [actor.user.email, actor.user.phone].filter((v): v is string => !!v);
  const [profiles, invitations] = await Promise.all([profilesOf(db, actor.user.id), pendingInvitationsFor(db, logins)]);
  return presentMe(actor, { profiles, invitations, allowedActions: allowed(platformPolicy(actor)).sort() });
}
