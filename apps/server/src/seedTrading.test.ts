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
    // 先使用后付费 in performance: staged payments, royalties to come as the licensee reports revenue.
    const login = (await t.api('POST', '/api/auth/login', { body: { login: 'sme@jzsme.demo', password: 'Demo@2026' } })).json();
    const deals = (await t.api('GET', '/api/deals?status=signed', { token: login.token })).json().items;
    const licence = deals.find((d: { transaction: string }) => d.transaction === 'use_first_pay_later');
    const detail = (await t.api('GET', `/api/deals/${licence.id}`, { token: login.token })).json();
    expect(detail.payments.map((p: { kind: string }) => p.kind)).toEqual(['instalment', 'instalment']);
    // The live auction: registrations confirmed and one awaiting the seller; nothing signed before its deal.
    const live = open.find((l) => l.kind === 'auction' && l.phase === 'bidding')!;
    const seller = (await t.api('POST', '/api/auth/login', { body: { login: 'tto@tyut.demo', password: 'Demo@2026' } })).json();
    const regs = (await t.api('GET', `/api/listings/${live.id}/registrations`, { token: seller.token })).json().items;
    expect(regs.map((r: { status: string }) => r.status)).toEqual(['confirmed', 'confirmed', 'submitted']);
    expect((await t.api('GET', `/api/listings/${live.id}/registrations`, { token: login.token })).json().allowedActions).toEqual(['register']);
    for (const d of deals) {
      const full = (await t.api('GET', `/api/deals/${d.id}`, { token: login.token })).json();
      const listing = (await t.api('GET', `/api/listings/${full.listing.id}`)).json();
      expect(full.signedOn >= listing.closedAt.slice(0, 10) || full.signedOn >= new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(listing.closedAt))).toBe(true);
    }
    // Made at real times: the live auction's bids happened after it opened and before now; every closed auction closed at or after its scheduled end, and before now.
    const bids = (await t.api('GET', `/api/listings/${live.id}/bids`)).json().items as { at: string }[];
    const liveDetail = (await t.api('GET', `/api/listings/${live.id}`)).json();
    for (const b of bids) expect(Date.parse(liveDetail.auction.startsAt) <= Date.parse(b.at) && Date.parse(b.at) < Date.now()).toBe(true);
    const closed = (await t.api('GET', '/api/listings?kind=auction&pageSize=50')).json().items.filter((l: { status: string }) => l.status !== 'open') as { id: string }[];
    expect(closed.length).toBe(5);
    for (const c of closed) {
      const l = (await t.api('GET', `/api/listings/${c.id}`)).json();
      expect(Date.parse(l.closedAt)).toBeGreaterThanOrEqual(Date.parse(l.auction.scheduledEndsAt));
      expect(Date.parse(l.closedAt)).toBeLessThan(Date.now());
      const record = (await t.api('GET', `/api/listings/${c.id}/record`)).json();
      const times = record.events.map((e: { at: string }) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    // The administrator of 晋中 has a listing to review, its price flagged against comparable deals.
    const admin = (await t.api('POST', '/api/auth/login', { body: { login: 'jinzhong.admin@kzt.demo', password: 'Demo@2026' } })).json();
    const queue = (await t.api('GET', '/api/listings?scope=review', { token: admin.token })).json().items;
    expect(queue).toHaveLength(1);
  });
});
