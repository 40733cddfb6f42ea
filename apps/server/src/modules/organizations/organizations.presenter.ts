import type { Actor } from '../../platform/actor.ts';
import type { OrganizationRow } from './organizations.repository.ts';
import { organizationActions, organizationPolicy } from './organizations.policy.ts';
import { presentLicence } from './organizations.licence.ts';
import type { invitations } from '../../db/schema/index.ts';

/** Organisation as the API shows it: contact details and the review reason only to members and the jurisdiction's administrators. */
export function presentOrganization(org: OrganizationRow, actor: Actor | null) {
  const policy = organizationPolicy(actor, org);
  const priv = policy.readPrivate;
  return {
    id: org.id,
    name: org.name,
    type: org.type,
    creditCode: org.creditCode,
    jurisdictionCode: org.jurisdictionCode,
    jurisdictionName: org.jurisdictionName,
    status: org.status,
    address: org.address,
    description: org.description,
    contactName: priv ? org.contactName : null,
    contactPhone: priv ? org.contactPhone : null,
    reviewReason: priv ? org.reviewReason : null,
    publicInstitution: org.publicInstitution,
    reviewedAt: org.reviewedAt,
    /** The business licence of the verification request (issue 12): members and reviewing administrators only. */
    licence: presentLicence(org, actor),
    createdAt: org.createdAt,
    allowedActions: organizationActions(policy, org),
  };
}

/** The audit snapshot of an organisation: all stored fields, no policy applied (the trail is for administrators). */
export const auditOrganization = (org: Omit<OrganizationRow, 'jurisdictionName' | 'jurisdictionPath'>) => ({
  name: org.name,
  type: org.type,
  creditCode: org.creditCode,
  jurisdictionCode: org.jurisdictionCode,
  status: org.status,
  address: org.address,
  contactName: org.contactName,
  contactPhone: org.contactPhone,
  description: org.description,
  reviewReason: org.reviewReason,
  publicInstitution: org.publicInstitution,
});

export const presentInvitation = (i: typeof invitations.$inferSelect) => ({
  id: i.id,
  organizationId: i.organizationId,
  login: i.login,
  role: i.role,
  status: i.status,
  createdAt: i.createdAt,
});
