import { randomBytes } from 'node:crypto';
import type { OrganizationStatus, OrganizationType } from '@kzt/shared';
import type { Db } from '../src/db/client.ts';
import { hashPassword } from '../src/platform/passwords.ts';
import { createSession } from '../src/platform/sessions.ts';
import { accountRepository } from '../src/modules/accounts/accounts.repository.ts';
import { profileRepository } from '../src/modules/profiles/profiles.repository.ts';
import { jurisdictionRepository } from '../src/modules/jurisdictions/jurisdictions.repository.ts';
import { organizationRepository } from '../src/modules/organizations/organizations.repository.ts';
import { withCheckChar } from '../src/seed.ts';
import { and, eq } from 'drizzle-orm';
import { profiles } from '../src/db/schema/index.ts';

export const PASSWORD = 'correct-horse-9';
let passwordHash: Promise<string> | undefined;
let counter = 0;

export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

/** A valid credit code that no other test uses. */
/** A valid code of the division; `kind` its first two characters (91 an enterprise, 12 a 事业单位). */
export function uniqueCreditCode(divisionCode = '140700', kind = '91'): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  for (const b of randomBytes(9)) body += alphabet[b % 31];
  return withCheckChar(`${kind}${divisionCode}${body}`);
}

export type TestUser = { id: string; email: string; name: string; token: string };

/** Test data built through the real repositories (ARCHITECTURE habit 10), signed in through a real session. */
export class Factories {
  constructor(private readonly db: Db) {}

  /** A person who confirmed their e-mail with a code (as every registered account has); `verified: false` for an account made before codes existed. */
  async user(overrides: { email?: string; name?: string; platformAdmin?: boolean; verified?: boolean } = {}): Promise<TestUser> {
    passwordHash ??= hashPassword(PASSWORD);
    const email = overrides.email ?? `u${unique()}@test.kzt`;
    const user = await accountRepository.insert(this.db, {
      email,
      name: overrides.name ?? '测试用户',
      passwordHash: await passwordHash,
      isPlatformAdmin: !!overrides.platformAdmin,
      verifiedAt: overrides.verified === false ? null : new Date(),
    });
    const { token } = await createSession(this.db, { userId: user.id, ttlDays: 1 });
    return { id: user.id, email, name: user.name, token };
  }

  async admin(jurisdictionCode: string): Promise<TestUser> {
    const u = await this.user({ name: `管理员${jurisdictionCode}` });
    await jurisdictionRepository.addAdmin(this.db, { jurisdictionCode, userId: u.id });
    return u;
  }

  async organization(
    owner: TestUser,
    overrides: { status?: OrganizationStatus; jurisdictionCode?: string; type?: OrganizationType; name?: string; contactPhone?: string } = {},
  ) {
    const org = await organizationRepository.insert(this.db, {
      name: overrides.name ?? `测试单位${unique()}`,
      type: overrides.type ?? 'enterprise',
      creditCode: uniqueCreditCode(),
      jurisdictionCode: overrides.jurisdictionCode ?? '140700',
      status: overrides.status ?? 'verified',
      contactPhone: overrides.contactPhone ?? null,
      createdBy: owner.id,
    });
    await organizationRepository.addMember(this.db, { organizationId: org.id, userId: owner.id, role: 'owner' });
    return org;
  }

  async member(orgId: string, role: 'owner' | 'member' = 'member', overrides: { name?: string } = {}): Promise<TestUser> {
    const u = await this.user(overrides);
    await organizationRepository.addMember(this.db, { organizationId: orgId, userId: u.id, role });
    return u;
  }

  /** A broker or expert profile already approved by an administrator of `jurisdictionCode` (default 晋中 140700). */
  async approvedProfile(userId: string, kind: 'broker' | 'expert', jurisdictionCode = '140700', data: { title?: string; fields: string[]; certificateNo?: string } = { fields: ['智能制造'] }) {
    await profileRepository.upsert(this.db, { userId, kind, data, status: 'approved', jurisdictionCode, reviewedAt: new Date() });
    await this.db.update(profiles).set({ status: 'approved', jurisdictionCode, reviewedAt: new Date() }).where(and(eq(profiles.userId, userId), eq(profiles.kind, kind)));
  }
}
