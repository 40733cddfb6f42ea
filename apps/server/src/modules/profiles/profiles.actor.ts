import { sql, type SQL } from 'drizzle-orm';
import type { MemberRole, OrganizationStatus, OrganizationType } from '@kzt/shared';
import { queryRows, type Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import type { ActorPerson, ActorSource } from '../../platform/sessions.ts';
import { peopleTable } from '../accounts/accounts.service.ts';
import { administeredJson } from '../jurisdictions/jurisdictions.service.ts';
import { membershipsJson, type MembershipOfPerson } from '../organizations/organizations.service.ts';

const person = peopleTable('actor_person');

/** JSON arrives parsed (PGlite, node-postgres) or as text, by driver. */
const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * Who a person is to the platform, read in one query (every signed-in request
 * starts here): the account from accounts, the memberships from organisations,
 * the administered jurisdictions from jurisdictions — each owner hands out its
 * part as a subquery or an SQL expression, and this module (above all three)
 * puts them together. The app and the seeds register it with the platform at
 * start (`useActorSource(profileActors)`).
 */
export const profileActors: ActorSource = {
  async personOf(db: Executor, userId: SQL): Promise<ActorPerson | null> {
    // Raw SQL, not db.select(): a select from one subquery names its columns unqualified, and the owners' correlated subqueries need `actor_person.id`.
    const [row] = await queryRows<{
      id: string;
      name: string;
      email: string | null;
      phone: string | null;
      isPlatformAdmin: boolean;
      verified: boolean;
      status: string;
      memberships: MembershipOfPerson[] | string;
      adminOf: Actor['adminOf'] | string;
    }>(
      db,
      sql`select ${person.id} as "id", ${person.name} as "name", ${person.email} as "email", ${person.phone} as "phone", ${person.isPlatformAdmin} as "isPlatformAdmin",
            ${person.verifiedAt} is not null as "verified", ${person.status} as "status",
            ${membershipsJson(person.id)} as "memberships", ${administeredJson(person.id)} as "adminOf"
          from ${person} where ${person.id} = ${userId}`,
    );
    if (!row) return null;
    return {
      user: { id: row.id, name: row.name, email: row.email, phone: row.phone, isPlatformAdmin: row.isPlatformAdmin, verified: !!row.verified },
      memberships: parsed(row.memberships).map((m) => ({
        ...m,
        role: m.role as MemberRole,
        organizationType: m.organizationType as OrganizationType,
        organizationStatus: m.organizationStatus as OrganizationStatus,
      })) satisfies Actor['memberships'],
      adminOf: parsed(row.adminOf),
      status: row.status,
    };
  },
};
