import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test/testApp.ts';

// The demo data, trading floor included, seeded as `npm start` seeds it.
const t = useTestApp({ seed: 'demo' });

describe('the demo trading floor', () => {
  it('has a live auction with bids, open fixed and negotiated listings, sold and failed auctions, premiums, and records that verify', async () => {
    const open = (await t.api('GET', '/api/listings?status=open&pageSize=50')).json().items as { id: string; kind: string; phase: string; bidCount: number }[];
    expect(open.find((l) => l.kind === 'auction' && l.phase === 'bidding' && l.bidCount === 3)).toBeTruthy();
    expect(open.some((l) => l.kind === 'auction' && l.phase === 'upcoming')).toBe(true);
    expect(open.filter((l) => l.kind === 'fixed')).toHaveLength(2);
    expect(open.find((l) => l.kind === 'negotiated')?.phase).toBe('notice');
    expect((await t.api('GET', '/api/listings?status=sold&kind=auction')).json().total).toBe(4);
    expect((await t.api('GET', '/api/listings?status=failed')).json().total).toBe(1);
    const premiums = (await t.api('GET', '/api/trading/premiums')).json().items;
    expect(premiums.length).toBeGreaterThan(0);
    expect(premiums.every((p: { averagePremiumBp: number }) => p.averagePremiumBp > 0)).toBe(true);
    for (const l of open) expect((await t.api('GET', `/api/listings/${l.id}/record`)).json().verified.ok).toBe(true);
    // 先使用后付费 in performance: staged payments and a reported royalty.
    const login = (await t.api('POST', '/api/auth/login', { body: { login: 'sme@jzsme.demo', password: 'Demo@2026' } })).json();
    const deals = (await t.api('GET', '/api/deals?status=signed', { token: login.token })).json().items;
    const licence = deals.find((d: { transaction: string }) => d.transaction === 'use_first_pay_later');
    const detail = (await t.api('GET', `/api/deals/${licence.id}`, { token: login.token })).json();
    expect(detail.payments.map((p: { kind: string }) => p.kind)).toEqual(['instalment', 'instalment', 'royalty']);
    expect(detail.payments[2].amount).toBe(5_400_000);
  });
});
