import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { listings } from '../../db/schema/index.ts';
import { profileRepository } from '../profiles/profiles.repository.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { achievementBody, publishedAchievement } from '../../../test/catalogueFixtures.ts';
import { auctionBody, fixedBody, liveListing, negotiatedBody, placeBid, tradingWorld } from '../../../test/tradingFixtures.ts';
import { endNotice } from './objections.service.ts';

const t = useTestApp();
const later = (ms: number) => new Date(Date.now() + ms);

describe('listing an achievement', () => {
  it('goes live after its jurisdiction’s administrator approves it, and only then is public', async () => {
    const w = await tradingWorld(t);
    const created = await t.api('POST', '/api/listings', { token: w.owner.token, body: fixedBody(w.achievementId, { description: '含两项发明专利' }) });
    expect(created.statusCode).toBe(201);
    const l = created.json();
    expect(l).toMatchObject({ status: 'pending_review', phase: 'review', kind: 'fixed', price: 30_000_000, fixed: { acceptance: 'first' }, signDays: 10, organization: { id: w.universityId } });
    expect(l.allowedActions).toContain('withdraw');
    expect((await t.api('GET', `/api/listings/${l.id}`)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/listings')).json().items.map((x: { id: string }) => x.id)).not.toContain(l.id);
    const queue = (await t.api('GET', '/api/listings?scope=review', { token: w.admin.token })).json().items.map((x: { id: string }) => x.id);
    expect(queue).toContain(l.id);

    const foreign = await t.factories.admin('371000');
    expect((await t.api('POST', `/api/listings/${l.id}/review`, { token: foreign.token, body: { decision: 'approve' } })).statusCode).toBe(404);
    expect((await t.api('POST', `/api/listings/${l.id}/review`, { token: w.owner.token, body: { decision: 'approve' } })).statusCode).toBe(403);
    const rejectNoReason = await t.api('POST', `/api/listings/${l.id}/review`, { token: w.admin.token, body: { decision: 'reject' } });
    expect(rejectNoReason.statusCode).toBe(400);
    const ok = await t.api('POST', `/api/listings/${l.id}/review`, { token: w.admin.token, body: { decision: 'approve' } });
    expect(ok.json()).toMatchObject({ status: 'open', phase: 'open' });
    expect((await t.api('GET', `/api/listings/${l.id}`)).json().listedAt).toBeTruthy();
    expect((await t.api('GET', '/api/listings?kind=fixed')).json().items.map((x: { id: string }) => x.id)).toContain(l.id);
    // One live listing per achievement.
    const again = await t.api('POST', '/api/listings', { token: w.owner.token, body: fixedBody(w.achievementId) });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('achievementId');
  });

  it('shows the reviewer an auction’s increment and deposit terms, warning of an increment above the start price and a deposit with no account to pay it into', async () => {
    const w = await tradingWorld(t);
    // 起拍 30 万, 加价 100 万, 保证金 5 万, no receiving account: accepted (the seller may mean it), and both shown in the queue.
    const risky = await t.api('POST', '/api/listings', { token: w.owner.token, body: auctionBody(w.achievementId, { startPrice: 30_000_000, reservePrice: null, increment: 100_000_000, deposit: 5_000_000, startsAt: later(3_600_000).toISOString(), endsAt: later(7_200_000).toISOString() }) });
    expect(risky.statusCode, risky.body).toBe(201);
    const row = async (id: string) => (await t.api('GET', '/api/listings?scope=review', { token: w.admin.token })).json().items.find((x: { id: string }) => x.id === id);
    expect((await row(risky.json().id)).termsCheck).toEqual({ increment: 100_000_000, deposit: 5_000_000, warnings: ['incrementAboveStart', 'depositWithoutAccount'] });
    // Withdrawn, then listed again with sensible terms and an account: shown without warnings.
    expect((await t.api('POST', `/api/listings/${risky.json().id}/withdraw`, { token: w.owner.token, body: { reason: '调整竞价条件' } })).statusCode).toBe(200);
    const account = { bank: '中国工商银行晋中分行', accountName: '太行理工大学', accountNumber: '0502 1234 5678 9012' };
    const sound = await t.api('POST', '/api/listings', { token: w.owner.token, body: auctionBody(w.achievementId, { startPrice: 30_000_000, reservePrice: null, increment: 1_000_000, deposit: 5_000_000, depositAccount: account, startsAt: later(3_600_000).toISOString(), endsAt: later(7_200_000).toISOString() }) });
    expect(sound.statusCode, sound.body).toBe(201);
    expect((await row(sound.json().id)).termsCheck).toEqual({ increment: 1_000_000, deposit: 5_000_000, warnings: [] });
    // Only the review queue carries it; a fixed price has none.
    expect((await t.api('GET', '/api/listings?scope=mine', { token: w.owner.token })).json().items[0].termsCheck).toBeUndefined();
  });

  it('refuses outsiders, unpublished or secret achievements, and incomplete terms with the field named', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    expect((await t.api('POST', '/api/listings', { token: w.buyers[0]!.user.token, body: fixedBody(w.achievementId) })).statusCode).toBe(403);
    expect((await t.api('POST', '/api/listings', { body: fixedBody(w.achievementId) })).statusCode).toBe(401);
    const draft = (await t.api('POST', '/api/achievements', { token: w.owner.token, body: achievementBody() })).json().id;
    expect((await t.api('POST', '/api/listings', { token: w.owner.token, body: fixedBody(draft) })).json()).toMatchObject({ status: 409, detail: '成果发布后才能挂牌交易' });
    const secret = await publishedAchievement(t, w.owner, w.admin, { confidentiality: 'secret' });
    expect((await t.api('POST', '/api/listings', { token: w.owner.token, body: fixedBody(secret) })).statusCode).toBe(409);

    const bad = async (body: Record<string, unknown>) => (await t.api('POST', '/api/listings', { token: w.owner.token, body })).json();
    expect((await bad({ ...fixedBody(w.achievementId), price: undefined })).errors).toEqual([{ path: 'price', message: '请填写价格（以“分”为单位）' }]);
    expect((await bad({ ...fixedBody(w.achievementId), price: 12.5 })).errors[0]).toMatchObject({ path: 'price', message: '金额应为以“分”为单位的非负整数' });
    expect((await bad({ ...fixedBody(w.achievementId), transaction: 'licence' })).errors[0].path).toBe('licence');
    expect((await bad(auctionBody(w.achievementId, { reservePrice: 1 }))).errors[0]).toMatchObject({ path: 'auction.reservePrice', message: '保留价不能低于起拍价' });
    expect((await bad(auctionBody(w.achievementId, { endsAt: later(-60_000).toISOString(), startsAt: later(-600_000).toISOString() }))).errors[0].path).toBe('auction.endsAt');
    const tomorrow = await bad(auctionBody(w.achievementId, { startsAt: 'tomorrow' }));
    expect(tomorrow.errors?.[0]?.path, JSON.stringify(tomorrow)).toBe('auction.startsAt');
    const payLater = await bad({ ...fixedBody(w.achievementId), transaction: 'use_first_pay_later', licence: { kind: 'sole', territory: '山西省', termMonths: 36, fieldOfUse: '煤机' }, payment: { plan: 'lump_sum' } });
    expect(payLater.errors[0]).toMatchObject({ path: 'payment', message: '先使用后付费须选择“入门费＋分期＋提成”或“延期支付”' });
    const shares = await bad({ ...fixedBody(w.achievementId), transaction: 'licence', licence: { kind: 'sole', territory: '山西省', termMonths: 36, fieldOfUse: '煤机' }, payment: { plan: 'staged_royalty', instalments: [{ months: 6, shareBp: 4000 }] } });
    expect(shares.errors[0]).toMatchObject({ path: 'payment.instalments' });
    // Nothing was stored by the refused requests.
    expect((await t.api('GET', `/api/listings?scope=mine&achievementId=${w.achievementId}`, { token: w.owner.token })).json().total).toBe(0);
  });

  it('may be made by an entrusted agency for the owner, who can revoke the entrustment', async () => {
    const w = await tradingWorld(t, { buyers: 0 });
    const agent = await t.factories.user({ name: '经纪人' });
    const agency = await t.factories.organization(agent, { type: 'agency', name: '秦川技术转移中心' });
    expect((await t.api('POST', '/api/listings', { token: agent.token, body: fixedBody(w.achievementId, { agentOrganizationId: agency.id }) })).statusCode).toBe(403);
    const enterprise = await t.factories.organization(await t.factories.user());
    const notAgency = await t.api('POST', `/api/achievements/${w.achievementId}/entrustments`, { token: w.owner.token, body: { agentOrganizationId: enterprise.id } });
    expect(notAgency.json().errors[0]).toMatchObject({ path: 'agentOrganizationId', message: '受托单位须为技术转移服务机构' });
    const granted = await t.api('POST', `/api/achievements/${w.achievementId}/entrustments`, { token: w.owner.token, body: { agentOrganizationId: agency.id, note: '独家代理' } });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().items[0].agentOrganization).toEqual({ id: agency.id, name: '秦川技术转移中心' });
    expect((await t.api('POST', `/api/achievements/${w.achievementId}/entrustments`, { token: agent.token, body: { agentOrganizationId: agency.id } })).statusCode).toBe(403);

    const listed = await t.api('POST', '/api/listings', { token: agent.token, body: fixedBody(w.achievementId, { agentOrganizationId: agency.id }) });
    expect(listed.statusCode).toBe(201);
    expect(listed.json()).toMatchObject({ organization: { id: w.universityId }, agent: { id: agency.id } });
    // The agency's other people follow it too.
    const colleague = await t.factories.member(agency.id);
    expect((await t.api('GET', `/api/listings/${listed.json().id}`, { token: colleague.token })).json().allowedActions).toContain('withdraw');
    // The owner sees it among its own listings, and may withdraw it.
    expect((await t.api('GET', '/api/listings?scope=mine', { token: w.owner.token })).json().items.map((x: { id: string }) => x.id)).toContain(listed.json().id);
    expect((await t.api('POST', `/api/listings/${listed.json().id}/withdraw`, { token: w.owner.token, body: { reason: '改为竞价' } })).json().status).toBe('withdrawn');

    // A broker (a person with a broker profile) may be entrusted too.
    const broker = await t.factories.user({ name: '技术经纪人' });
    const notBroker = await t.api('POST', `/api/achievements/${w.achievementId}/entrustments`, { token: w.owner.token, body: { agentUserId: broker.id } });
    expect(notBroker.json().errors[0].message).toBe('该用户没有技术经纪人档案');
    await profileRepository.upsert(t.database.db, { userId: broker.id, kind: 'broker', data: { fields: ['智能制造'] } });
    // A claimed, unreviewed profile is not enough: only a broker approved by a jurisdiction administrator is entrusted.
    expect((await t.api('POST', `/api/achievements/${w.achievementId}/entrustments`, { token: w.owner.token, body: { agentUserId: broker.id } })).statusCode).toBe(422);
    await t.factories.approvedProfile(broker.id, 'broker');
    expect((await t.api('POST', `/api/achievements/${w.achievementId}/entrustments`, { token: w.owner.token, body: { agentUserId: broker.id } })).statusCode).toBe(201);
    const byBroker = await t.api('POST', '/api/listings', { token: broker.token, body: auctionBody(w.achievementId) });
    expect(byBroker.statusCode).toBe(201);
    expect(byBroker.json().allowedActions).toContain('withdraw');

    const list = (await t.api('GET', `/api/achievements/${w.achievementId}/entrustments`, { token: w.owner.token })).json().items;
    const revoked = await t.api('DELETE', `/api/achievements/${w.achievementId}/entrustments/${list[0].id}`, { token: w.owner.token });
    expect(revoked.statusCode).toBe(204);
    await t.api('POST', `/api/listings/${byBroker.json().id}/withdraw`, { token: broker.token, body: { reason: '撤回' } });
    expect((await t.api('POST', '/api/listings', { token: agent.token, body: fixedBody(w.achievementId, { agentOrganizationId: agency.id }) })).statusCode).toBe(403);
  });
});

describe('a fixed-price listing', () => {
  it('sells to the first verified buyer who accepts the price; the seller and unverified organisations cannot buy', async () => {
    const w = await tradingWorld(t, { buyers: 2 });
    const id = await liveListing(t, w.owner, w.admin, fixedBody(w.achievementId));
    expect((await t.api('POST', `/api/listings/${id}/offers`, { token: w.owner.token, body: {} })).json()).toMatchObject({ status: 403, detail: '转让方不能受让自己的成果' });
    const pending = await t.factories.user();
    await t.factories.organization(pending, { status: 'pending' });
    expect((await t.api('POST', `/api/listings/${id}/offers`, { token: pending.token, body: {} })).json()).toMatchObject({ status: 403, detail: '贵单位尚未通过认证，认证后方可受让' });
    const other = await t.api('POST', `/api/listings/${id}/offers`, { token: w.buyers[0]!.user.token, body: { amount: 1_000 } });
    expect(other.json().errors[0]).toMatchObject({ path: 'amount', message: '本项目按挂牌价 30 万元 成交，不接受其他报价' });

    const bought = await t.api('POST', `/api/listings/${id}/offers`, { token: w.buyers[0]!.user.token, body: { message: '同意挂牌条件' } });
    expect(bought.statusCode).toBe(201);
    expect(bought.json()).toMatchObject({ status: 'accepted', amount: 30_000_000 });
    const l = (await t.api('GET', `/api/listings/${id}`, { token: w.buyers[0]!.user.token })).json();
    expect(l).toMatchObject({ status: 'sold', finalPrice: 30_000_000, deal: { status: 'pending' } });
    // The second buyer is too late.
    expect((await t.api('POST', `/api/listings/${id}/offers`, { token: w.buyers[1]!.user.token, body: {} })).statusCode).toBe(409);
    const deal = (await t.api('GET', `/api/deals/${l.deal.id}`, { token: w.owner.token })).json();
    expect(deal).toMatchObject({ source: 'offer', buyer: { id: w.buyers[0]!.orgId }, amount: 30_000_000 });
  });

  it('lets the owner choose among offers when it said so; the others are declined', async () => {
    const w = await tradingWorld(t, { buyers: 2 });
    const id = await liveListing(t, w.owner, w.admin, fixedBody(w.achievementId, { fixed: { acceptance: 'choose' } }));
    const [a, b] = w.buyers;
    const oa = (await t.api('POST', `/api/listings/${id}/offers`, { token: a!.user.token, body: { amount: 28_000_000, message: '分两期付款' } })).json();
    const ob = (await t.api('POST', `/api/listings/${id}/offers`, { token: b!.user.token, body: { amount: 32_000_000 } })).json();
    expect(oa.status).toBe('pending');
    expect((await t.api('POST', `/api/listings/${id}/offers`, { token: a!.user.token, body: {} })).statusCode).toBe(409);
    expect((await t.api('GET', `/api/listings/${id}/offers`, { token: a!.user.token })).json().items.map((o: { id: string }) => o.id)).toEqual([oa.id]);
    const all = (await t.api('GET', `/api/listings/${id}/offers`, { token: w.owner.token })).json();
    expect(all.items).toHaveLength(2);
    expect(all.allowedActions).toEqual(['accept']);
    expect((await t.api('POST', `/api/listings/${id}/offers/${ob.id}/accept`, { token: a!.user.token })).statusCode).toBe(403);
    const sold = await t.api('POST', `/api/listings/${id}/offers/${ob.id}/accept`, { token: w.owner.token });
    expect(sold.json()).toMatchObject({ status: 'sold', finalPrice: 32_000_000 });
    const after = (await t.api('GET', `/api/listings/${id}/offers`, { token: w.owner.token })).json().items;
    expect(after.map((o: { status: string }) => o.status).sort()).toEqual(['accepted', 'declined']);
  });
});

describe('a negotiated price', () => {
  it('is published for its notice period; a clean period makes the deal', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    const id = await liveListing(t, w.owner, w.admin, negotiatedBody(w.achievementId, w.buyers[0]!.orgId));
    const l = (await t.api('GET', `/api/listings/${id}`)).json();
    expect(l).toMatchObject({ phase: 'notice', negotiated: { noticeDays: 15, buyer: { id: w.buyers[0]!.orgId }, openObjections: 0 } });
    expect(new Date(l.negotiated.noticeEndsAt).getTime() - new Date(l.listedAt).getTime()).toBe(15 * 86_400_000);
    // Before the end nothing happens.
    expect(await endNotice(t.database.db, id)).toBe(false);
    expect(await endNotice(t.database.db, id, later(16 * 86_400_000))).toBe(true);
    const done = (await t.api('GET', `/api/listings/${id}`, { token: w.owner.token })).json();
    expect(done).toMatchObject({ status: 'sold', finalPrice: 8_000_000, deal: { status: 'pending' } });
    const texts = (await t.api('GET', `/api/listings/${id}/record`)).json().events.map((e: { text: string }) => e.text);
    expect(texts).toContain('公示期满，无异议');
  });

  it('takes objections from verified organisations but the parties, and deals only once every objection is dismissed', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    const id = await liveListing(t, w.owner, w.admin, negotiatedBody(w.achievementId, w.buyers[0]!.orgId));
    expect((await t.api('POST', `/api/listings/${id}/objections`, { token: w.buyers[0]!.user.token, body: { reason: '自己反对自己' } })).json()).toMatchObject({ status: 403, detail: '交易双方不能对本次协议定价提出异议' });
    expect((await t.api('POST', `/api/listings/${id}/objections`, { body: { reason: '匿名' } })).statusCode).toBe(401);
    const citizen = await t.factories.user({ name: '公众' });
    // A person without a verified organisation does not hold up a deal.
    expect((await t.api('POST', `/api/listings/${id}/objections`, { token: citizen.token, body: { reason: '无单位的异议' } })).json()).toMatchObject({ status: 403, detail: '异议须以已认证单位的名义提出，请先加入或登记单位并通过认证' });
    await t.factories.organization(citizen, { type: 'enterprise', jurisdictionCode: '140700' });
    expect((await t.api('POST', `/api/listings/${id}/objections`, { token: citizen.token, body: { reason: '  ' } })).statusCode).toBe(400);
    const o = await t.api('POST', `/api/listings/${id}/objections`, { token: citizen.token, body: { reason: '协议价格明显低于同类成果评估价值' } });
    expect(o.statusCode).toBe(201);
    const pub = (await t.api('GET', `/api/listings/${id}/objections`)).json().items;
    expect(pub).toEqual([expect.objectContaining({ objector: '异议人1', reason: '协议价格明显低于同类成果评估价值', status: 'open', user: null })]);

    // The notice period ends with the objection open: held.
    await endNotice(t.database.db, id, later(16 * 86_400_000));
    await t.database.db.update(listings).set({ noticeEndsAt: later(-1000) }).where(eq(listings.id, id));
    const held = (await t.api('GET', `/api/listings/${id}`)).json();
    expect(held).toMatchObject({ status: 'open', phase: 'held', negotiated: { openObjections: 1 } });
    expect((await t.api('POST', `/api/listings/${id}/objections`, { token: citizen.token, body: { reason: '再次异议' } })).statusCode).toBe(409);

    expect((await t.api('POST', `/api/listings/${id}/objections/${o.json().id}/resolve`, { token: w.owner.token, body: { decision: 'dismissed', resolution: '价格经评估' } })).statusCode).toBe(403);
    const resolved = await t.api('POST', `/api/listings/${id}/objections/${o.json().id}/resolve`, { token: w.admin.token, body: { decision: 'dismissed', resolution: '经第三方评估，协议价格合理' } });
    expect(resolved.json()).toMatchObject({ status: 'sold', deal: { status: 'pending' } });
    expect((await t.api('POST', `/api/listings/${id}/objections/${o.json().id}/resolve`, { token: w.admin.token, body: { decision: 'upheld', resolution: 'x' } })).statusCode).toBe(409);
    const texts = (await t.api('GET', `/api/listings/${id}/record`)).json().events.map((e: { text: string }) => e.text);
    expect(texts).toEqual(expect.arrayContaining(['收到异议（异议人1）：协议价格明显低于同类成果评估价值', '公示期满，尚有 1 项异议待处理', '异议人1的异议不成立。处理意见：经第三方评估，协议价格合理', '按 8 万元 成交']));
  });

  it('ends when an objection is upheld', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    const id = await liveListing(t, w.owner, w.admin, negotiatedBody(w.achievementId, w.buyers[0]!.orgId));
    const objector = await t.factories.user();
    await t.factories.organization(objector, { type: 'enterprise', jurisdictionCode: '140700' });
    const o = (await t.api('POST', `/api/listings/${id}/objections`, { token: objector.token, body: { reason: '价格过低' } })).json();
    const res = await t.api('POST', `/api/listings/${id}/objections/${o.id}/resolve`, { token: w.admin.token, body: { decision: 'upheld', resolution: '应重新评估' } });
    expect(res.json()).toMatchObject({ status: 'cancelled', closeReason: 'objection_upheld', deal: null });
    // The achievement may be listed again.
    expect((await t.api('POST', '/api/listings', { token: w.owner.token, body: negotiatedBody(w.achievementId, w.buyers[0]!.orgId, { price: 12_000_000 }) })).statusCode).toBe(201);
  });

  it('uses the notice period its jurisdiction set, and refuses a buyer that is the owner itself', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    const province = await t.factories.admin('140000');
    expect((await t.api('PUT', '/api/jurisdictions/140700/trading-settings', { token: w.buyers[0]!.user.token, body: { noticeDays: 20, signDays: 15 } })).statusCode).toBe(403);
    expect((await t.api('PUT', '/api/jurisdictions/140000/trading-settings', { token: province.token, body: { noticeDays: 2, signDays: 15 } })).json().errors[0].path).toBe('noticeDays');
    expect((await t.api('PUT', '/api/jurisdictions/140000/trading-settings', { token: province.token, body: { noticeDays: 20, signDays: 15 } })).statusCode).toBe(200);
    expect((await t.api('GET', '/api/jurisdictions/140700/trading-settings')).json()).toMatchObject({ noticeDays: 20, signDays: 15, inherited: true, from: '140000' });
    const self = await t.api('POST', '/api/listings', { token: w.owner.token, body: negotiatedBody(w.achievementId, w.universityId) });
    expect(self.json().errors[0]).toMatchObject({ path: 'negotiated.buyerOrganizationId', message: '受让方不能是成果所属单位本身' });
    const id = await liveListing(t, w.owner, w.admin, negotiatedBody(w.achievementId, w.buyers[0]!.orgId));
    expect((await t.api('GET', `/api/listings/${id}`)).json()).toMatchObject({ negotiated: { noticeDays: 20 }, signDays: 15 });
  });
});

describe('the trading floor', () => {
  it('lists open listings first, filters them, and shows an auction’s current price', async () => {
    const w = await tradingWorld(t, { buyers: 1 });
    const id = await liveListing(t, w.owner, w.admin, auctionBody(w.achievementId, { deposit: 0 }));
    await placeBid(t, w.buyers[0]!.user.token, id, 11_000_000);
    const page = (await t.api('GET', '/api/listings?kind=auction&pageSize=50')).json();
    const mine = page.items.find((x: { id: string }) => x.id === id);
    expect(mine).toMatchObject({ kind: 'auction', phase: 'bidding', currentPrice: 11_000_000, bidCount: 1 });
    expect(page.items.every((x: { kind: string }) => x.kind === 'auction')).toBe(true);
    expect((await t.api('GET', '/api/listings?kind=swap')).statusCode).toBe(400);
  });
});
