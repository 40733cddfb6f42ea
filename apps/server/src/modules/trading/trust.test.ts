import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { amountInCapitals, formatYuanExact } from '@kzt/shared';
import { listingDeposits, listings, notifications } from '../../db/schema/index.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { auctionBody, deposit, fixedBody, liveListing, negotiatedBody, placeBid, tradingWorld } from '../../../test/tradingFixtures.ts';
import { multipartFile, tinyPdf } from '../../../test/matrix/attachments.rows.ts';
import { organizationRepository } from '../organizations/organizations.repository.ts';
import { closeAuction } from './auctions.service.ts';
import { entrustmentsOfAgent, priceCheck } from './listings.service.ts';
import { STREAM_RECHECK_MS } from './trading.routes.ts';

const t = useTestApp();
const later = (ms: number) => new Date(Date.now() + ms);
const errorsOf = (res: { json: () => { errors: { path: string; message: string }[] } }) => res.json().errors;

describe('大写 (amounts in capitals)', () => {
  it('writes amounts as a contract does: 元角分, 零, 整, 万 and 亿', () => {
    expect(amountInCapitals(100_000_000)).toBe('壹佰万元整');
    expect(amountInCapitals(0)).toBe('零元整');
    expect(amountInCapitals(1)).toBe('壹分');
    expect(amountInCapitals(50)).toBe('伍角整');
    expect(amountInCapitals(1_500)).toBe('壹拾伍元整');
    expect(amountInCapitals(168_032)).toBe('壹仟陆佰捌拾元叁角贰分');
    expect(amountInCapitals(1_640_902)).toBe('壹万陆仟肆佰零玖元零贰分');
    expect(amountInCapitals(32_504)).toBe('叁佰贰拾伍元零肆分');
    expect(amountInCapitals(10_700_053)).toBe('壹拾万柒仟元伍角叁分');
    expect(amountInCapitals(100_010_000_00)).toBe('壹亿零壹万元整');
    expect(amountInCapitals(110_000_000_00)).toBe('壹亿壹仟万元整');
    expect(amountInCapitals(100_000_100)).toBe('壹佰万零壹元整');
    expect(amountInCapitals(1_000_000_000_000)).toBe('壹佰亿元整');
    expect(amountInCapitals(1_000_000_000_000_000)).toBe('壹拾万亿元整');
    expect(amountInCapitals(60_500_000)).toBe('陆拾万伍仟元整');
    expect(() => amountInCapitals(-1)).toThrow();
    expect(() => amountInCapitals(1.5)).toThrow();
    expect(formatYuanExact(100_000_000)).toBe('1,000,000.00 元');
  });
});

describe('money is never changed by accident', () => {
  it('refuses an amount out of range at its field with the allowed range, and names each auction fault on its own', async () => {
    const w = await tradingWorld(t, { buyers: 0 });
    const post = (body: object, lang?: string) => t.api('POST', '/api/listings', { token: w.owner.token, body, headers: lang ? { 'accept-language': lang } : {} });
    // 99,999,999,999 元 is not cut to a maximum; −100 is not made 0; 0 元 is no price.
    for (const price of [9_999_999_999_900, -100, 0]) {
      const res = await post(fixedBody(w.achievementId, { price }));
      expect(res.statusCode).toBe(400);
      expect(errorsOf(res)).toEqual([{ path: 'price', message: expect.stringContaining('0.01 元至 100 亿元') }]);
    }
    expect(errorsOf(await post(fixedBody(w.achievementId, { price: -100 }), 'en'))[0]!.message).toContain('between 0.01 yuan and 10 billion yuan');
    expect(errorsOf(await post(negotiatedBody(w.achievementId, w.universityId, { price: 0 })))[0]).toMatchObject({ path: 'price' });
    const start = new Date(Date.now() + 3_600_000);
    const deposit = await post(auctionBody(w.achievementId, { startPrice: 1_000_000, reservePrice: null, deposit: 2_000_000 }));
    expect(errorsOf(deposit)).toEqual([{ path: 'auction.deposit', message: '保证金不能高于起拍价' }]);
    const reserve = await post(auctionBody(w.achievementId, { startPrice: 1_000_000, reservePrice: 900_000, deposit: 0 }));
    expect(errorsOf(reserve)).toEqual([{ path: 'auction.reservePrice', message: '保留价不能低于起拍价' }]);
    const backwards = await post(auctionBody(w.achievementId, { startsAt: start.toISOString(), endsAt: new Date(start.getTime() - 3_600_000).toISOString() }));
    expect(errorsOf(backwards)).toEqual([{ path: 'auction.endsAt', message: '竞价结束时间须晚于开始时间' }]);
    const short = await post(auctionBody(w.achievementId, { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 30_000).toISOString() }));
    expect(errorsOf(short)).toEqual([{ path: 'auction.endsAt', message: '竞价时长至少 1 分钟' }]);
    // Nothing was stored by any of them.
    expect((await t.api('GET', '/api/listings?scope=mine', { token: w.owner.token })).json().total).toBe(0);
  });

  it('flags a listed price far outside comparable deals in the review queue', async () => {
    expect(priceCheck(10_000_000, [])).toMatchObject({ flag: null, comparables: 0 });
    expect(priceCheck(100_000_000, [10_000_000, 12_000_000, 8_000_000])).toMatchObject({ flag: 'high', medianPrice: 10_000_000, ratioBp: 100_000 });
    expect(priceCheck(1_000_000, [10_000_000, 12_000_000])).toMatchObject({ flag: 'low', medianPrice: 11_000_000 });
    expect(priceCheck(12_000_000, [10_000_000])).toMatchObject({ flag: null });
    const w = await tradingWorld(t, { buyers: 0 });
    const sold = await liveListing(t, w.owner, w.admin, fixedBody(w.achievementId, { price: 10_000_000 }));
    await t.database.db.update(listings).set({ status: 'sold', finalPriceFen: 10_000_000, closedAt: new Date() }).where(eq(listings.id, sold));
    const other = await tradingWorld(t, { buyers: 0 });
    await t.api('POST', '/api/listings', { token: other.owner.token, body: fixedBody(other.achievementId, { price: 900_000_000 }) });
    const queue = (await t.api('GET', '/api/listings?scope=review', { token: other.admin.token })).json().items;
    expect(queue.find((l: { price: number }) => l.price === 900_000_000)).toMatchObject({ price: 900_000_000, priceCheck: { flag: 'high', comparables: 1, medianPrice: 10_000_000 } });
  });
});

describe('the owner acts, not any member', () => {
  it('lists, withdraws, signs and cancels as the owner; a member proposes an entrustment the owner confirms', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    const member = await t.factories.user({ name: '普通成员' });
    await organizationRepository.addMember(t.database.db, { organizationId: w.universityId, userId: member.id, role: 'member' });
    const listed = await t.api('POST', '/api/listings', { token: member.token, body: fixedBody(w.achievementId) });
    expect(listed.json()).toMatchObject({ status: 403, detail: expect.stringContaining('单位的负责人') });
    const id = await liveListing(t, w.owner, w.admin, fixedBody(w.achievementId));
    expect((await t.api('GET', `/api/listings/${id}`, { token: member.token })).json().allowedActions).not.toContain('withdraw');
    expect((await t.api('POST', `/api/listings/${id}/withdraw`, { token: member.token, body: { reason: '成员撤牌' } })).json()).toMatchObject({ status: 403, detail: '此操作须由单位负责人（单位管理员）办理' });

    // A member's entrustment waits for the owner; until then the agency cannot list.
    const agencyOwner = await t.factories.user();
    const agency = await t.factories.organization(agencyOwner, { type: 'agency', jurisdictionCode: '140700' });
    const proposed = (await t.api('POST', `/api/achievements/${w.achievementId}/entrustments`, { token: member.token, body: { agentOrganizationId: agency.id } })).json();
    expect(proposed.items).toEqual([expect.objectContaining({ status: 'pending' })]);
    const other = await tradingWorld(t, { buyers: 0 });
    const mine = (await t.api('POST', `/api/achievements/${other.achievementId}/entrustments`, { token: other.owner.token, body: { agentOrganizationId: agency.id } })).json();
    expect(mine.items).toEqual([expect.objectContaining({ status: 'active' })]);
    const eid = proposed.items[0].id;
    // Until the owner confirms, the agency cannot list; an owner's entrustment lets it list at once.
    expect((await t.api('POST', '/api/listings', { token: agencyOwner.token, body: fixedBody(w.achievementId, { agentOrganizationId: agency.id }) })).statusCode).toBe(403);
    expect((await t.api('POST', '/api/listings', { token: agencyOwner.token, body: fixedBody(other.achievementId, { agentOrganizationId: agency.id }) })).json()).toMatchObject({ status: 'pending_review', agent: { id: agency.id } });
    expect((await t.api('POST', `/api/achievements/${w.achievementId}/entrustments/${eid}/confirm`, { token: member.token })).statusCode).toBe(403);
    expect(await entrustmentsOfAgent(t.database.db, { organizationIds: [agency.id], userId: null }, { status: 'pending' })).toEqual([expect.objectContaining({ id: eid, achievement: { id: w.achievementId, title: expect.any(String) }, owner: { id: w.universityId, name: expect.any(String) } })]);
    expect((await t.api('POST', `/api/achievements/${w.achievementId}/entrustments/${eid}/confirm`, { token: w.owner.token })).json().items).toEqual([expect.objectContaining({ status: 'active' })]);
    // The agency's workbench lists both, newest first.
    expect((await entrustmentsOfAgent(t.database.db, { organizationIds: [agency.id], userId: null }, { status: 'active' })).map((e) => e.achievement.id)).toEqual([other.achievementId, w.achievementId]);

    // The deal: the member may confirm, but signing and cancelling are the owner's.
    const buyer = w.buyers[0]!;
    await t.api('POST', `/api/listings/${id}/offers`, { token: buyer.user.token, body: {} });
    const dealId = (await t.api('GET', `/api/listings/${id}`, { token: w.owner.token })).json().deal.id;
    expect((await t.api('POST', `/api/deals/${dealId}/confirm`, { token: member.token })).statusCode).toBe(200);
    await t.api('POST', `/api/deals/${dealId}/confirm`, { token: buyer.user.token });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await t.api('GET', `/api/deals/${dealId}`, { token: member.token })).json().allowedActions).not.toContain('sign');
    expect((await t.api('POST', `/api/deals/${dealId}/sign`, { token: member.token, body: { signedOn: today } })).json()).toMatchObject({ status: 403, detail: '此操作须由单位负责人（单位管理员）办理' });
    expect((await t.api('POST', `/api/deals/${dealId}/cancel`, { token: member.token, body: { reason: '成员取消' } })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/deals/${dealId}/sign`, { token: w.owner.token, body: { signedOn: today } })).json().status).toBe('signed');
  });
});

describe('bids a bidder can trust', () => {
  it('refuses a bid above three times the minimum unless confirmed, and a leading bidder bidding against itself', async () => {
    const w = await tradingWorld(t, { buyers: 2 });
    const id = await liveListing(t, w.owner, w.admin, auctionBody(w.achievementId, { reservePrice: null }));
    for (const b of w.buyers) await deposit(t, w.owner.token, id, b.orgId);
    const [a, b] = w.buyers;
    const bid = (token: string, body: object, key = `k-${Math.random().toString(36).slice(2)}`) => t.api('POST', `/api/listings/${id}/bids`, { token, body, headers: { 'idempotency-key': key } });
    // The minimum is the start price, 10 万元: 100 万元 is a slip until confirmed.
    const slip = await bid(a!.user.token, { amount: 100_000_000 });
    expect(slip.statusCode).toBe(422);
    expect(errorsOf(slip)).toEqual([{ path: 'confirmed', message: expect.stringContaining('超过当前最低可出价 10 万元 的 3 倍') }]);
    expect((await t.api('GET', `/api/listings/${id}/bids`)).json().items).toHaveLength(0);
    expect((await bid(a!.user.token, { amount: 30_000_000 })).statusCode).toBe(201);
    // Leading: not offered a bid, and refused one.
    expect((await t.api('GET', `/api/listings/${id}`, { token: a!.user.token })).json()).toMatchObject({ auction: { leading: true } });
    expect((await t.api('GET', `/api/listings/${id}`, { token: a!.user.token })).json().allowedActions).not.toContain('bid');
    const self = await bid(a!.user.token, { amount: 31_000_000 });
    expect(self.json()).toMatchObject({ status: 409, detail: '贵单位当前是最高出价人，不能对自己加价' });
    expect((await t.api('GET', `/api/listings/${id}`, { token: b!.user.token })).json().allowedActions).toContain('bid');
    const big = await bid(b!.user.token, { amount: 200_000_000, confirmed: true });
    expect(big.statusCode).toBe(201);
    expect((await bid(a!.user.token, { amount: 200_500_000 })).statusCode).toBe(201);
  });
});

describe('registration to bid (竞买报名)', () => {
  it('takes a buyer from registration with a proof, through the seller’s confirmation, to a bid, and settles deposits at the close', async () => {
    const w = await tradingWorld(t, { buyers: 3 });
    const account = { bank: '中国工商银行晋中分行', accountName: '太行理工大学', accountNumber: '0508 0012 3456 7890 123' };
    const id = await liveListing(t, w.owner, w.admin, auctionBody(w.achievementId, { reservePrice: null, deposit: 1_000_000, depositAccount: account }));
    const [a, b, c] = w.buyers;
    const terms = (await t.api('GET', `/api/listings/${id}/registrations`, { token: a!.user.token })).json();
    expect(terms).toMatchObject({ items: [], scope: 'own', allowedActions: ['register'], terms: { deposit: 1_000_000, account, open: true, contact: { organization: expect.any(String) } } });
    expect(new Date(terms.terms.deadline).getTime()).toBeGreaterThan(Date.now());

    // Without a deposit confirmed, no bid.
    expect((await placeBid(t, a!.user.token, id, 10_000_000)).statusCode).toBe(403);
    // Registration with the proof in one multipart request.
    const { body, headers } = multipartFile('汇款凭证.pdf', tinyPdf('remittance'));
    const boundary = headers['content-type'].split('boundary=')[1]!;
    const fields = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="organizationId"\r\n\r\n${a!.orgId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n已于今日汇出\r\n`);
    const reg = await t.api('POST', `/api/listings/${id}/registrations`, { token: a!.user.token, body: Buffer.concat([fields, body]), headers });
    expect(reg.statusCode).toBe(201);
    expect(reg.json()).toMatchObject({ status: 'submitted', note: '已于今日汇出', proof: { fileName: '汇款凭证.pdf', mime: 'application/pdf' }, deposit: null, allowedActions: ['uploadProof'] });
    expect((await t.api('POST', `/api/listings/${id}/registrations`, { token: a!.user.token, body: { organizationId: a!.orgId } })).statusCode).toBe(409);
    // JSON registrations, with and without a proof uploaded afterwards; the seller cannot register; a stranger's organisation is refused.
    const regB = (await t.api('POST', `/api/listings/${id}/registrations`, { token: b!.user.token, body: { organizationId: b!.orgId } })).json();
    expect((await t.api('POST', `/api/listings/${id}/registrations`, { token: c!.user.token, body: { organizationId: a!.orgId } })).json().errors[0]).toMatchObject({ path: 'organizationId' });
    expect((await t.api('POST', `/api/listings/${id}/registrations`, { token: w.owner.token, body: { organizationId: w.universityId } })).statusCode).toBe(403);
    // The seller is told, sees all registrations and the proof; a buyer sees only its own.
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.organizationId, w.universityId), eq(notifications.kind, 'listing.registration')));
    expect(told.length).toBe(2);
    const all = (await t.api('GET', `/api/listings/${id}/registrations`, { token: w.owner.token })).json();
    expect(all).toMatchObject({ scope: 'all', allowedActions: [] });
    expect(all.items.map((r: { organization: { id: string } }) => r.organization.id)).toEqual([a!.orgId, b!.orgId]);
    expect((await t.api('GET', `/api/listings/${id}/registrations`, { token: b!.user.token })).json().items).toHaveLength(1);
    const proof = await t.api('GET', `/api/listings/${id}/registrations/${reg.json().id}/proof`, { token: w.owner.token });
    expect(proof.statusCode).toBe(200);
    expect(proof.headers['content-type']).toBe('application/pdf');
    expect((await t.api('GET', `/api/listings/${id}/registrations/${reg.json().id}/proof`, { token: b!.user.token })).statusCode).toBe(404);

    // The buyer cannot confirm itself; the seller confirms (the deposit is recorded) and the buyer is told.
    expect((await t.api('POST', `/api/listings/${id}/registrations/${reg.json().id}/confirm`, { token: a!.user.token })).statusCode).toBe(403);
    const confirmed = await t.api('POST', `/api/listings/${id}/registrations/${reg.json().id}/confirm`, { token: w.owner.token });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', deposit: { amount: 1_000_000, status: 'held' } });
    expect((await t.api('POST', `/api/listings/${id}/registrations/${reg.json().id}/confirm`, { token: w.owner.token })).statusCode).toBe(409);
    const toldBuyer = await t.database.db.select().from(notifications).where(and(eq(notifications.organizationId, a!.orgId), eq(notifications.kind, 'listing.registration.confirmed')));
    expect(toldBuyer[0]!.title).toContain('保证金 1 万元 已到账');
    expect((await t.api('POST', `/api/listings/${id}/registrations/${regB.id}/reject`, { token: w.owner.token, body: { reason: '未收到汇款' } })).json()).toMatchObject({ status: 'rejected', decisionNote: '未收到汇款' });
    expect((await placeBid(t, b!.user.token, id, 10_000_000)).statusCode).toBe(403);
    // b registers again, is confirmed; both bid.
    await t.api('POST', `/api/listings/${id}/registrations`, { token: b!.user.token, body: { organizationId: b!.orgId, note: '已补汇' } });
    await t.api('POST', `/api/listings/${id}/registrations/${regB.id}/confirm`, { token: w.owner.token });
    expect((await placeBid(t, a!.user.token, id, 10_000_000)).statusCode).toBe(201);
    expect((await placeBid(t, b!.user.token, id, 10_500_000)).statusCode).toBe(201);
    expect((await placeBid(t, a!.user.token, id, 11_000_000)).statusCode).toBe(201);

    // The close: the winner's deposit is applied to the price, the other's marked for refund; each is told.
    await t.database.db.update(listings).set({ endsAt: later(-1000) }).where(eq(listings.id, id));
    await closeAuction(t.database.db, id);
    const deposits = new Map((await t.database.db.select().from(listingDeposits).where(eq(listingDeposits.listingId, id))).map((d) => [d.organizationId, d.status]));
    expect([deposits.get(a!.orgId), deposits.get(b!.orgId)]).toEqual(['applied', 'released']);
    const applied = await t.database.db.select().from(notifications).where(and(eq(notifications.organizationId, a!.orgId), eq(notifications.kind, 'listing.depositApplied')));
    expect(applied[0]!.body).toBe('成交价 11 万元，扣除保证金后应付 10 万元。');
    const refund = await t.database.db.select().from(notifications).where(and(eq(notifications.organizationId, b!.orgId), eq(notifications.kind, 'listing.lost')));
    expect(refund[0]!.body).toContain('保证金将予退还');
    const record = (await t.api('GET', `/api/listings/${id}/record`)).json();
    expect(record.verified.ok).toBe(true);
    const texts = record.events.map((e: { text: string }) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining(['竞买人1报名竞买', '竞买人1上传保证金付款凭证', '竞买人1的竞买报名已确认，保证金 1 万元 到账', '竞买人2的竞买报名未通过：未收到汇款', '竞价结束：共 3 次出价，竞买人1以 11 万元 竞得；竞得人保证金 1 万元 抵作价款；其余 1 家竞买人的保证金应予退还']),
    );
    expect(JSON.stringify(record)).not.toContain(b!.orgId);
    // Registration closed with the auction.
    expect((await t.api('POST', `/api/listings/${id}/registrations`, { token: c!.user.token, body: { organizationId: c!.orgId } })).statusCode).toBe(409);
  });
});

describe('objections', () => {
  it('come from verified organisations, a limited number each, and an administrator marks one vexatious without removing it', async () => {
    const w = await tradingWorld(t, { buyers: 2 });
    const id = await liveListing(t, w.owner, w.admin, negotiatedBody(w.achievementId, w.buyers[0]!.orgId));
    const objector = w.buyers[1]!;
    const lodge = (reason: string) => t.api('POST', `/api/listings/${id}/objections`, { token: objector.user.token, body: { reason } });
    const first = await lodge('协议价格偏低');
    expect(first.statusCode).toBe(201);
    expect((await lodge('再提一次')).json()).toMatchObject({ status: 409, detail: '贵单位已有一项异议正在处理，请等待处理结果' });
    const marked = await t.api('POST', `/api/listings/${id}/objections/${first.json().id}/vexatious`, { token: w.admin.token, body: { reason: '无事实依据' } });
    expect(marked.statusCode).toBe(200);
    expect((await t.api('POST', `/api/listings/${id}/objections/${first.json().id}/vexatious`, { token: w.owner.token, body: { reason: 'x' } })).statusCode).toBe(403);
    expect((await lodge('第二项异议')).statusCode).toBe(201);
    expect((await t.api('GET', `/api/listings/${id}/objections`)).json().items[0]).toMatchObject({ status: 'dismissed', vexatious: true, vexatiousReason: '无事实依据' });
    // Two per organisation: the second is resolved, the third is refused.
    const second = (await t.api('GET', `/api/listings/${id}/objections?status=open`)).json().items[0];
    await t.api('POST', `/api/listings/${id}/objections/${second.id}/resolve`, { token: w.admin.token, body: { decision: 'dismissed', resolution: '价格合理' } });
    expect((await lodge('第三项异议')).json()).toMatchObject({ status: 409, detail: '每个单位对同一项目最多提出 2 项异议' });
    const texts = (await t.api('GET', `/api/listings/${id}/record`)).json().events.map((e: { text: string }) => e.text);
    expect(texts).toContain('异议人1的异议被认定为恶意异议，不成立。理由：无事实依据');
  });
});

describe('the live stream', () => {
  it('closes when its viewer signs out, and a client holds a bounded number of streams', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    const id = await liveListing(t, w.owner, w.admin, auctionBody(w.achievementId));
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const login = { token: w.owner.token };
    const open = () => fetch(`${base}/api/listings/${id}/live`, { headers: { authorization: `Bearer ${login.token}` } });
    const streams = [await open(), await open(), await open(), await open()];
    expect(streams.every((s) => s.status === 200)).toBe(true);
    expect((await open()).status).toBe(429);
    for (const s of streams.slice(1)) await s.body!.cancel();
    // Signed out: the open stream tells so and ends within a few seconds.
    await t.api('POST', '/api/auth/logout', { token: login.token });
    const reader = streams[0]!.body!.getReader();
    let text = '';
    const started = Date.now();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: revoked');
    expect(Date.now() - started).toBeLessThan(STREAM_RECHECK_MS * 3);
  });
});
