import type { UserRow } from './accounts.repository.ts';

export const presentUser = (u: Pick<UserRow, 'id' | 'name' | 'email' | 'phone' | 'isPlatformAdmin'> & { verifiedAt?: Date | null; verified?: boolean }) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  phone: u.phone,
  isPlatformAdmin: u.isPlatformAdmin,
  verified: u.verified ?? !!u.verifiedAt,
});
