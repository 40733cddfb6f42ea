import type { TestApp } from './testApp.ts';
import { unique, type TestUser } from './factories.ts';
import { publishedAchievement, university } from './catalogueFixtures.ts';

/**
 * A trading world in 晋中 (140700): a verified university (`owner`) with a
 * published achievement, its jurisdiction's administrator, and verified
 * enterprises of `buyers` (one person each) ready to buy or bid.
 */
export async function tradingWorld(t: TestApp, opts: { buyers?: number; achievement?: Record<string, unknown> } = {}) {
  const { owner, org, admin } = await university(t);
  const achievementId = await publishedAchievement(t, owner, admin, opts.achievement ?? {});
  const buyers: { user: TestUser; orgId: string }[] = [];
  for (let i = 0; i < (opts.buyers ?? 3); i++) {
    const user = await t.factories.user({ name: `竞买企业负责人${i + 1}` });
    const o = await t.factories.organization(user, { type: 'enterprise', jurisdictionCode: '140700', name: `晋中竞买企业${i + 1}${unique()}` });
    buyers.push({ user, orgId: o.id });
  }
  return { owner, universityId: org.id, admin, achievementId, buyers };
}

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

export const auctionBody = (achievementId: string, auction: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) => ({
  achievementId,
  kind: 'auction',
  transaction: 'transfer',
  description: '整体转让发明专利及技术秘密',
  auction: {
    startPrice: 10_000_000,
    reservePrice: 15_000_000,
    increment: 500_000,
    deposit: 1_000_000,
    startsAt: inMinutes(-1),
    endsAt: inMinutes(30),
    extendSeconds: 300,
    maxExtensions: 2,
    ...auction,
  },
  ...overrides,
});

export const fixedBody = (achievementId: string, overrides: Record<string, unknown> = {}) => ({ achievementId, kind: 'fixed', transaction: 'transfer', price: 30_000_000, ...overrides });

export const negotiatedBody = (achievementId: string, buyerOrganizationId: string, overrides: Record<string, unknown> = {}) => ({
  achievementId,
  kind: 'negotiated',
  transaction: 'licence',
  price: 8_000_000,
  negotiated: { buyerOrganizationId, agreedOn: '2026-11-20' },
  licence: { kind: 'exclusive', territory: '中国大陆', termMonths: 60, fieldOfUse: '液压铸件检测' },
  ...overrides,
});

/** Creates a listing and has the administrator approve it; returns its id. */
export async function liveListing(t: TestApp, owner: TestUser, admin: TestUser, body: Record<string, unknown>) {
  const created = await t.api('POST', '/api/listings', { token: owner.token, body });
  if (created.statusCode !== 201) throw new Error(`listing failed: ${created.body}`);
  const id = created.json().id as string;
  const reviewed = await t.api('POST', `/api/listings/${id}/review`, { token: admin.token, body: { decision: 'approve' } });
  if (reviewed.statusCode !== 200) throw new Error(`review failed: ${reviewed.body}`);
  return id;
}

export const placeBid = (t: TestApp, token: string, id: string, amount: number, key: string = `bid-${unique()}`) =>
  t.api('POST', `/api/listings/${id}/bids`, { token, body: { amount }, headers: { 'idempotency-key': key } });

export async function deposit(t: TestApp, token: string, id: string, organizationId: string, amount = 1_000_000) {
  const res = await t.api('POST', `/api/listings/${id}/deposits`, { token, body: { organizationId, amount } });
  if (res.statusCode !== 201) throw new Error(`deposit failed: ${res.body}`);
}
