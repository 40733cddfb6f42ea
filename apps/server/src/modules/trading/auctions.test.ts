import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditEvents, listingDeposits, listings } from '../../db/schema/index.ts';
import { buildApp } from '../../app.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { auctionBody, deposit, liveListing, placeBid, tradingWorld } from '../../../test/tradingFixtures.ts';
import { closeAuction } from './auctions.service.ts';
import { lapseDeal } from './deals.service.ts';
import { startTrading } from './trading.jobs.ts';

const t = useTestApp();

/** A live auction of a fresh world's achievement, with deposits recorded for the first `paid` buyers. */
async function auction(opts: { auction?: Record<string, unknown>; paid?: number; buyers?: number } = {}) {
  const w = await tradingWorld(t, { buyers: opts.buyers ?? 3 });
  const id = await liveListing(t, w.owner, w.admin, auctionBody(w.achievementId, opts.auction));
  for (const b of w.buyers.slice(0, opts.paid ?? w.buyers.length)) await deposit(t, w.owner.token, id, b.orgId);
  return { ...w, id };
}

/** Tampering as a database superuser would: bypassing the append-only trigger (as audit.test.ts does). */
async function asSuperuser(statement: ReturnType<typeof sql>) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
  });
}

const setTimes = (id: string, set: { endsAt?: Date; startsAt?: Date }) => t.database.db.update(listings).set(set).where(eq(listings.id, id));
const later = (ms: number) => new Date(Date.now() + ms);
const depositsOf = async (id: string) => new Map((await t.database.db.select().from(listingDeposits).where(eq(listingDeposits.listingId, id))).map((d) => [d.organizationId, d.status]));

describe('auction bids', () => {
  it('rise by at least the increment, show bidders as 竞买人N, and keep the reserve from everyone but the seller', async () => {
    const w = await auction();
    const [a, b] = w.buyers;
    const first = await placeBid(t, a!.user.token, w.id, 10_000_000);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ seq: 1, amount: 10_000_000, auction: { currentPrice: 10_000_000, nextMinimum: 10_500_000, bidCount: 1 } });

    const low = await placeBid(t, b!.user.token, w.id, 10_400_000);
    expect(low.statusCode).toBe(409);
    expect(low.headers['content-type']).toContain('application/problem+json');
    expect(low.json()).toMatchObject({ type: '/api/problems/bid-too-low', title: '出价低于当前最低可出价', errors: [{ path: 'amount' }] });
    expect(low.json().detail).toContain('10.5 万元');

    expect((await placeBid(t, b!.user.token, w.id, 12_000_000)).statusCode).toBe(201);
    const bids = (await t.api('GET', `/api/listings/${w.id}/bids`)).json().items;
    expect(bids.map((x: { bidder: string; amount: number }) => [x.bidder, x.amount])).toEqual([
      ['竞买人1', 10_000_000],
      ['竞买人2', 12_000_000],
    ]);
    expect(bids[0].organization).toBeNull();
    const seen = (await t.api('GET', `/api/listings/${w.id}/bids`, { token: w.owner.token })).json().items;
    expect(seen[1].organization.id).toBe(b!.orgId);

    const pub = (await t.api('GET', `/api/listings/${w.id}`, { token: a!.user.token })).json();
    expect(pub.auction).toMatchObject({ currentPrice: 12_000_000, nextMinimum: 12_500_000, hasReserve: true, reservePrice: null, reserveMet: null, leading: false });
    expect((await t.api('GET', `/api/listings/${w.id}`, { token: b!.user.token })).json().auction.leading).toBe(true);
    const own = (await t.api('GET', `/api/listings/${w.id}`, { token: w.owner.token })).json();
    expect(own.auction).toMatchObject({ reservePrice: 15_000_000, reserveMet: false });
  });

  it('refuse the seller, organisations without a deposit or not verified, and bids before the start or after the end', async () => {
    const w = await auction({ paid: 1 });
    const owner = await placeBid(t, w.owner.token, w.id, 20_000_000);
    expect(owner.statusCode).toBe(403);
    expect(owner.json().detail).toBe('转让方（及其受托机构）不能参与本项目竞价');
    const unpaid = await placeBid(t, w.buyers[1]!.user.token, w.id, 20_000_000);
    expect(unpaid.statusCode).toBe(403);
    expect(unpaid.json().detail).toContain('保证金');
    const pendingUser = await t.factories.user();
    await t.factories.organization(pendingUser, { status: 'pending' });
    const unverified = await placeBid(t, pendingUser.token, w.id, 20_000_000);
    expect(unverified.statusCode).toBe(403);
    expect(unverified.json().detail).toContain('尚未通过认证');
    expect((await placeBid(t, (await t.factories.user()).token, w.id, 20_000_000)).json().detail).toContain('认证单位');
    expect((await t.api('POST', `/api/listings/${w.id}/bids`, { body: { amount: 20_000_000 }, headers: { 'idempotency-key': 'anonymous-1' } })).statusCode).toBe(401);

    await setTimes(w.id, { startsAt: later(60_000) });
    const early = await placeBid(t, w.buyers[0]!.user.token, w.id, 20_000_000);
    expect([early.statusCode, early.json().detail]).toEqual([409, '竞价尚未开始']);
    await setTimes(w.id, { startsAt: later(-120_000), endsAt: later(-1000) });
    const late = await placeBid(t, w.buyers[0]!.user.token, w.id, 20_000_000);
    expect([late.statusCode, late.json().detail]).toEqual([409, '竞价已截止，不能再出价']);
    // Nothing of the refused bids was stored.
    expect((await t.api('GET', `/api/listings/${w.id}/bids`)).json().items).toEqual([]);
  });

  it('are idempotent: the same key returns the same bid, a key reused for another amount or missing is refused', async () => {
    const w = await auction();
    const token = w.buyers[0]!.user.token;
    const a = await placeBid(t, token, w.id, 11_000_000, 'client-key-0001');
    const b = await placeBid(t, token, w.id, 11_000_000, 'client-key-0001');
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json().id).toBe(a.json().id);
    const reused = await placeBid(t, token, w.id, 12_000_000, 'client-key-0001');
    expect(reused.statusCode).toBe(409);
    expect(reused.json().errors[0].path).toBe('Idempotency-Key');
    const missing = await t.api('POST', `/api/listings/${w.id}/bids`, { token, body: { amount: 12_000_000 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ path: 'idempotency-key' });
    expect(missing.json().errors[0].message).toContain('Idempotency-Key');
    // Another person may use the same key: keys are per bidder.
    expect((await placeBid(t, w.buyers[1]!.user.token, w.id, 12_000_000, 'client-key-0001')).statusCode).toBe(201);
    expect((await t.api('GET', `/api/listings/${w.id}`)).json().auction.bidCount).toBe(2);
    // A retry that arrives after others outbid it still gets its own bid back, not a 'too low'.
    const late = await placeBid(t, token, w.id, 11_000_000, 'client-key-0001');
    expect([late.statusCode, late.json().id]).toEqual([200, a.json().id]);
    // Below the minimum with a fresh key: too low, without a bid.
    expect((await placeBid(t, token, w.id, 11_000_000)).statusCode).toBe(409);
    expect((await t.api('GET', `/api/listings/${w.id}`)).json().auction.bidCount).toBe(2);
  });

  it('extend the end when made in its last extendSeconds, at most maxExtensions times', async () => {
    const w = await auction({ auction: { extendSeconds: 120, maxExtensions: 2 } });
    const end = later(60_000);
    await setTimes(w.id, { endsAt: end });
    const [a, b] = w.buyers;
    const r1 = (await placeBid(t, a!.user.token, w.id, 10_000_000)).json();
    expect(r1.extended).toBe(true);
    expect(new Date(r1.endsAt).getTime()).toBe(end.getTime() + 120_000);
    // Now 3 minutes left, more than 120 s: no extension.
    await setTimes(w.id, { endsAt: later(100_000) });
    const r2 = (await placeBid(t, b!.user.token, w.id, 10_500_000)).json();
    expect(r2.extended).toBe(true);
    const r3 = (await placeBid(t, a!.user.token, w.id, 11_000_000)).json();
    expect(r3.extended).toBe(false);
    const l = (await t.api('GET', `/api/listings/${w.id}`)).json();
    expect(l.auction).toMatchObject({ extensions: 2, maxExtensions: 2 });
    await setTimes(w.id, { endsAt: later(30_000) });
    expect((await placeBid(t, b!.user.token, w.id, 11_500_000)).json().extended).toBe(false);
  });
});

describe('closing an auction', () => {
  it('gives the highest bid at or above the reserve the deal, applies the winner’s deposit to the price, marks the others’ for refund, and records it all in a chain that verifies', async () => {
    const w = await auction();
    const [a, b, c] = w.buyers;
    await placeBid(t, a!.user.token, w.id, 10_000_000);
    await placeBid(t, b!.user.token, w.id, 15_000_000);
    await placeBid(t, a!.user.token, w.id, 16_000_000);
    await setTimes(w.id, { endsAt: later(-1000) });
    expect(await closeAuction(t.database.db, w.id)).toBe(true);
    expect(await closeAuction(t.database.db, w.id)).toBe(false);

    const l = (await t.api('GET', `/api/listings/${w.id}`, { token: a!.user.token })).json();
    expect(l).toMatchObject({ status: 'sold', finalPrice: 16_000_000, phase: 'closed', auction: { reservePrice: 15_000_000, reserveMet: true } });
    expect(l.deal).toMatchObject({ status: 'pending' });
    const deal = (await t.api('GET', `/api/deals/${l.deal.id}`, { token: a!.user.token })).json();
    expect(deal).toMatchObject({ source: 'auction', amount: 16_000_000, buyer: { id: a!.orgId }, seller: { id: w.universityId }, status: 'pending' });
    expect((await t.api('GET', `/api/deals/${l.deal.id}`, { token: c!.user.token })).statusCode).toBe(404);
    const deposits = await depositsOf(w.id);
    expect([deposits.get(a!.orgId), deposits.get(b!.orgId), deposits.get(c!.orgId)]).toEqual(['applied', 'released', 'released']);

    const record = (await t.api('GET', `/api/listings/${w.id}/record`)).json();
    expect(record.verified).toMatchObject({ ok: true, events: record.events.length });
    const kinds = record.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['submitted', 'approved', 'deposit', 'deposit', 'deposit', 'bid', 'bid', 'bid', 'closed', 'dealCreated']);
    const texts = record.events.map((e: { text: string }) => e.text).join('\n');
    expect(texts).toContain('竞买人1出价 10 万元');
    expect(texts).toContain('竞买人2出价 15 万元');
    expect(texts).toContain('竞买人1以 16 万元 竞得（保留价 15 万元）；竞得人保证金 1 万元 抵作价款；其余 2 家竞买人的保证金应予退还');
    // Once bidding is over the reserve is on the record.
    expect(texts).toContain('保留价 15 万元，最后 300 秒内出价延时 300 秒');
    expect(texts).not.toContain(a!.orgId);
    // The public record names no bidder, but the deal's buyer is announced.
    expect(JSON.stringify(record)).not.toContain(b!.orgId);

    const html = await t.api('GET', `/api/listings/${w.id}/record.html`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('科技成果交易过程记录');
    expect(html.body).toContain('✔ 已核验');
  });

  it('fails when no bid reaches the reserve, and returns every deposit', async () => {
    const w = await auction();
    await placeBid(t, w.buyers[0]!.user.token, w.id, 12_000_000);
    await setTimes(w.id, { endsAt: later(-1000) });
    await closeAuction(t.database.db, w.id);
    const l = (await t.api('GET', `/api/listings/${w.id}`)).json();
    expect(l).toMatchObject({ status: 'failed', closeReason: 'reserve_not_met', finalPrice: null, deal: null, auction: { reserveMet: false, reservePrice: 15_000_000 } });
    expect([...(await depositsOf(w.id)).values()]).toEqual(['released', 'released', 'released']);
    const record = (await t.api('GET', `/api/listings/${w.id}/record`)).json();
    expect(record.events.at(-1).text).toBe('未成交：最高出价未达到保留价，最高出价 12 万元（保留价 15 万元）');
  });

  it('does not close before the end has passed; a bid that extends the end moves the close', async () => {
    const w = await auction({ auction: { reservePrice: null } });
    await placeBid(t, w.buyers[0]!.user.token, w.id, 10_000_000);
    expect(await closeAuction(t.database.db, w.id)).toBe(false);
    expect((await t.api('GET', `/api/listings/${w.id}`)).json().status).toBe('open');
  });

  it('shows a tampered event as not verified', async () => {
    const w = await auction({ auction: { reservePrice: null } });
    await placeBid(t, w.buyers[0]!.user.token, w.id, 10_000_000);
    const bidEvent = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, w.id))).find((e) => e.action === 'listing.bid')!;
    // While bidding is open the public record does not disclose the reserve.
    expect((await t.api('GET', `/api/listings/${w.id}/record`)).json().events[0].text).toContain('无保留价');
    await asSuperuser(sql`update audit_events set after = jsonb_set(after, '{amount}', '99000000') where seq = ${bidEvent.seq}`);
    const record = (await t.api('GET', `/api/listings/${w.id}/record`)).json();
    expect(record.verified).toMatchObject({ ok: false, firstBrokenSeq: bidEvent.seq, reason: 'content' });
    expect((await t.api('GET', `/api/listings/${w.id}/record.html`)).body).toContain('✘ 核验未通过');
    // Put it back so the rest of the file's chain verifies.
    await asSuperuser(sql`update audit_events set after = ${JSON.stringify(bidEvent.after)}::jsonb where seq = ${bidEvent.seq}`);
    expect((await t.api('GET', `/api/listings/${w.id}/record`)).json().verified.ok).toBe(true);
  });
});

describe('a winner who does not sign in time', () => {
  it('loses the deposit, and the second bidder is offered the deal at its own highest bid', async () => {
    const w = await auction();
    const [a, b, c] = w.buyers;
    await placeBid(t, c!.user.token, w.id, 10_000_000);
    await placeBid(t, b!.user.token, w.id, 15_500_000);
    await placeBid(t, a!.user.token, w.id, 17_000_000);
    await setTimes(w.id, { endsAt: later(-1000) });
    await closeAuction(t.database.db, w.id);
    const first = (await t.api('GET', `/api/listings/${w.id}`, { token: a!.user.token })).json().deal;
    // Before the deadline nothing lapses.
    expect(await lapseDeal(t.database.db, first.id)).toBe(false);
    expect(await lapseDeal(t.database.db, first.id, later(11 * 86_400_000))).toBe(true);

    expect((await t.api('GET', `/api/deals/${first.id}`, { token: a!.user.token })).json()).toMatchObject({ status: 'cancelled', cancelReason: '逾期未签约' });
    const l = (await t.api('GET', `/api/listings/${w.id}`, { token: b!.user.token })).json();
    expect(l).toMatchObject({ status: 'sold', finalPrice: 15_500_000 });
    const second = (await t.api('GET', `/api/deals/${l.deal.id}`, { token: b!.user.token })).json();
    expect(second).toMatchObject({ source: 'second_bidder', amount: 15_500_000, buyer: { id: b!.orgId } });
    const deposits = await depositsOf(w.id);
    expect(deposits.get(a!.orgId)).toBe('forfeited');
    // The second bidder's deposit was marked for refund at the close: being offered the deal puts nothing of it at stake.
    expect(deposits.get(b!.orgId)).toBe('released');

    // The second bidder lets it lapse too: the auction fails; its deposit stays marked for refund.
    expect(await lapseDeal(t.database.db, second.id, later(30 * 86_400_000))).toBe(true);
    const failed = (await t.api('GET', `/api/listings/${w.id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', closeReason: 'not_signed' });
    expect((await depositsOf(w.id)).get(b!.orgId)).toBe('released');
    const texts = (await t.api('GET', `/api/listings/${w.id}/record`)).json().events.map((e: { text: string }) => e.text);
    expect(texts).toContain('受让方逾期未签约，成交失效，保证金不予退还');
    expect(texts.some((x: string) => x.startsWith('成交（竞得人违约，次高出价人递补）'))).toBe(true);
  });
});

describe('restarts', () => {
  it('keeps every bid across a restart in the last minute, and a new server closes the auction whose end passed while it was down', async () => {
    const w = await auction({ auction: { reservePrice: null } });
    await setTimes(w.id, { endsAt: later(50_000) });
    await placeBid(t, w.buyers[0]!.user.token, w.id, 10_000_000);
    // The server goes down; the auction's end passes; another server starts on the same database.
    await setTimes(w.id, { endsAt: later(-5_000) });
    const second = await buildApp({ db: t.database.db, config: t.config });
    try {
      const started = await startTrading(t.database.db);
      expect(started.closed).toBeGreaterThanOrEqual(1);
      const l = (await second.inject({ method: 'GET', url: `/api/listings/${w.id}` })).json();
      expect(l).toMatchObject({ status: 'sold', finalPrice: 10_000_000 });
      expect((await second.inject({ method: 'GET', url: `/api/listings/${w.id}/bids` })).json().items).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('the live floor', () => {
  it('streams the listing and every new bid to a watcher as server-sent events', async () => {
    const w = await auction({ auction: { reservePrice: null } });
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const ctrl = new AbortController();
    const res = await fetch(`${base}/api/listings/${w.id}/live`, { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let buffer = '';
    const received: { event: string; data: unknown; used?: boolean }[] = [];
    /** The first event of this name not looked at yet whose data passes `ok`, reading the stream until it comes. */
    const until = async (name: string, ok: (data: unknown) => boolean) => {
      for (;;) {
        const hit = received.find((e) => !e.used && e.event === name && ok(e.data));
        if (hit) {
          hit.used = true;
          return hit.data as Record<string, unknown>;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += new TextDecoder().decode(value);
        const chunks = buffer.split('\n\n');
        buffer = chunks.pop()!;
        for (const c of chunks) {
          const event = /^event: (.+)$/m.exec(c)?.[1];
          const data = /^data: (.+)$/m.exec(c)?.[1];
          if (event && data) received.push({ event, data: JSON.parse(data) });
        }
      }
    };
    try {
      const first = await until('listing', () => true);
      expect(first).toMatchObject({ id: w.id, phase: 'bidding', auction: { bidCount: 0 } });
      expect((await placeBid(t, w.buyers[0]!.user.token, w.id, 10_000_000)).statusCode).toBe(201);
      const bids = await until('bids', (d) => (d as unknown[]).length > 0);
      expect(bids).toEqual([expect.objectContaining({ seq: 1, bidder: '竞买人1', amount: 10_000_000, organization: null })]);
      expect(await until('listing', (d) => (d as { auction: { bidCount: number } }).auction.bidCount === 1)).toMatchObject({ auction: { currentPrice: 10_000_000 } });
      // The close, on this server: heard at once.
      await setTimes(w.id, { endsAt: later(-1000) });
      await closeAuction(t.database.db, w.id);
      expect(await until('listing', (d) => (d as { status: string }).status === 'sold')).toMatchObject({ finalPrice: 10_000_000 });
      // A change another app server wrote (here: straight to the database, no announcement) reaches the watcher through its look at the version.
      await t.database.db.update(listings).set({ description: '另一台服务器改的', version: sql`${listings.version} + 1` }).where(eq(listings.id, w.id));
      expect(await until('listing', (d) => (d as { description: string }).description === '另一台服务器改的')).toBeTruthy();
    } finally {
      ctrl.abort();
    }
    expect((await fetch(`${base}/api/listings/00000000-0000-4000-8000-000000000000/live`)).status).toBe(404);
  });
});
