import { and, asc, eq } from 'drizzle-orm';
import { shanghaiToday, type CreateListingBody } from '@kzt/shared';
import type { Db } from './db/client.ts';
import { achievements, organizations, users } from './db/schema/index.ts';
import type { Actor } from './platform/actor.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { addEntrustment, createListing, reviewListing } from './modules/trading/listings.service.ts';
import { closeAuction, placeBid } from './modules/trading/auctions.service.ts';
import { makeOffer } from './modules/trading/offers.service.ts';
import { confirmRegistration, register } from './modules/trading/registrations.service.ts';
import { lodgeObjection } from './modules/trading/objections.service.ts';
import { confirmDeal, signDeal } from './modules/trading/deals.service.ts';
import { listingRepository } from './modules/trading/listings.repository.ts';

/**
 * The demo trading floor, made through the trading services themselves at
 * the times each act happened (the context's `now`), so that every price
 * record is one the platform could have produced, audit chain included: a
 * live auction that opened two days ago, whose registered bidders bid hours
 * ago; an upcoming one; fixed-price and negotiated listings; auctions that
 * closed at their end days ago (with the premiums and comparables they
 * give), deals signed only after them, one that failed; a 先使用后付费
 * licence signed last month; and a listing awaiting review.
 */

const MIN = 60_000;
const DAY = 86_400_000;

type Who = { ctx: ReturnType<typeof systemContext> & { actor: Actor }; orgId: (name: string) => string };

export async function seedTrading(db: Db, now = new Date()) {
  const orgRows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations);
  const orgId = (name: string) => orgRows.find((o) => o.name === name)!.id;
  const as = async (email: string): Promise<Who> => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const actor = await loadActor(db, user!, { tokenHash: 'seed-trading', via: 'bearer' });
    return { ctx: { ...systemContext('seed-trading'), actor }, orgId };
  };
  /** The first published public achievements of an organisation, to list. */
  const pool = new Map<string, string[]>();
  const next = async (org: string) => {
    if (!pool.has(org)) {
      const rows = await db
        .select({ id: achievements.id })
        .from(achievements)
        .where(and(eq(achievements.organizationId, orgId(org)), eq(achievements.status, 'published'), eq(achievements.confidentiality, 'public')))
        .orderBy(asc(achievements.id))
        .limit(20);
      pool.set(org, rows.map((r) => r.id));
    }
    return pool.get(org)!.shift()!;
  };

  const people = async (emails: string[]) => (await Promise.all(emails.map(as))) as [Who, Who, Who, Who, Who];
  const [tyut, lhkj, jzny, whhy, qinling] = await people(['tto@tyut.demo', 'tto@lhkj.demo', 'tto@jzny.demo', 'tto@whhy.demo', 'tto@qinling.demo']);
  const [shanxi, jinzhong, shenyang, weihai, shaanxi] = await people(['shanxi.admin@kzt.demo', 'jinzhong.admin@kzt.demo', 'shenyang.admin@kzt.demo', 'weihai.admin@kzt.demo', 'shaanxi.admin@kzt.demo']);
  const [jzsme, whbio, sypm, qcdz] = await people(['sme@jzsme.demo', 'weihai.sme@whbio.demo', 'sy.sme@sypm.demo', 'xa.sme@qcdz.demo']);
  const buyers = { jzsme: { who: jzsme, org: '晋中智造装备有限公司' }, whbio: { who: whbio, org: '威海海洋生物科技有限公司' }, sypm: { who: sypm, org: '沈阳精密机械有限公司' }, qcdz: { who: qcdz, org: '西安秦创电子科技有限公司' } };

  /** Who acts, at a moment of the history (the services take the context's time). */
  const at = (who: Who, time: number): Who => ({ ...who, ctx: { ...who.ctx, now: new Date(time) } });
  const ago = (ms: number) => now.getTime() - ms;
  const HOUR = 3_600_000;

  const list = async (seller: Who, admin: Who, body: Omit<CreateListingBody, 'achievementId' | 'description'> & { description?: string }, org: string, listedAt: number) => {
    const l = await createListing(db, at(seller, listedAt).ctx, { description: '', ...body, achievementId: await next(org) } as CreateListingBody);
    await reviewListing(db, at(admin, listedAt + 2 * HOUR).ctx, l.id, { decision: 'approve', reason: '材料齐全，同意挂牌' });
    return l.id;
  };
  const accounts: Record<string, { bank: string; accountName: string; accountNumber: string }> = {
    太行理工大学: { bank: '中国工商银行太原高新支行', accountName: '太行理工大学', accountNumber: '0502 1234 0920 0123 456' },
    辽河科技大学: { bank: '中国银行沈阳浑南支行', accountName: '辽河科技大学', accountNumber: '2910 5588 0012' },
    威海海洋大学: { bank: '中国农业银行威海高区支行', accountName: '威海海洋大学', accountNumber: '1545 0101 0400 1234 5' },
    秦岭大学: { bank: '中国建设银行西安高新技术产业开发区支行', accountName: '秦岭大学', accountNumber: '6105 0186 0000 0001 234' },
  };
  const auction = (org: string, startsAt: number, endsAt: number, startPrice: number, reservePrice: number | null, extra: Partial<NonNullable<CreateListingBody['auction']>> = {}) => ({
    kind: 'auction' as const,
    transaction: 'transfer' as const,
    auction: {
      startPrice,
      reservePrice,
      increment: Math.max(100_000, Math.round(startPrice / 20 / 100_000) * 100_000),
      deposit: Math.round(startPrice / 10),
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      extendSeconds: 300,
      maxExtensions: 10,
      ...(accounts[org] ? { depositAccount: accounts[org] } : {}),
      ...extra,
    },
  });
  let key = 0;
  const bid = (b: { who: Who }, id: string, amount: number, time: number) => placeBid(db, at(b.who, time).ctx, id, { amount }, `seed-bid-${++key}`);
  /** A buyer registers to bid (竞买报名); the seller confirms it an hour later unless `pending`. */
  const registerFor = async (seller: Who, id: string, b: { who: Who; org: string }, note: string, time: number, pending = false) => {
    const r = await register(db, at(b.who, time).ctx, id, { organizationId: orgId(b.org), note });
    if (!pending) await confirmRegistration(db, at(seller, time + HOUR).ctx, id, r.id);
  };

  // Auctions of the past weeks: listed, registrations confirmed, bids through the bidding day, closed at their end.
  const past = async (seller: Who, admin: Who, org: string, daysAgo: number, start: number, reserve: number | null, rounds: [keyof typeof buyers, number][]) => {
    const opens = ago(daysAgo * DAY);
    const closes = opens + 6 * HOUR;
    const id = await list(seller, admin, auction(org, opens, closes, start, reserve), org, opens - 3 * DAY);
    let t = opens - 2 * DAY;
    for (const b of new Set(rounds.map(([b]) => b))) await registerFor(seller, id, buyers[b], '保证金已汇出', (t += 3 * HOUR));
    t = opens + 30 * MIN;
    for (const [b, amount] of rounds) await bid(buyers[b], id, amount, (t += 40 * MIN));
    await closeAuction(db, id, new Date(closes + 1000));
    return { id, closes };
  };
  const a1 = await past(tyut, shanxi, '太行理工大学', 12, 30_000_000, 40_000_000, [['jzsme', 30_000_000], ['qcdz', 35_000_000], ['jzsme', 42_000_000], ['qcdz', 46_000_000]]);
  await past(tyut, shanxi, '太行理工大学', 4, 15_000_000, null, [['jzsme', 15_000_000], ['sypm', 16_500_000]]);
  const a3 = await past(lhkj, shenyang, '辽河科技大学', 9, 40_000_000, 45_000_000, [['sypm', 40_000_000], ['jzsme', 44_000_000], ['sypm', 52_000_000]]);
  await past(whhy, weihai, '威海海洋大学', 3, 8_000_000, 9_000_000, [['whbio', 8_000_000], ['qcdz', 9_000_000], ['whbio', 11_000_000]]);
  await past(qinling, shaanxi, '秦岭大学', 6, 25_000_000, 40_000_000, [['qcdz', 25_000_000], ['jzsme', 27_000_000]]);

  // Two of the sold auctions went on to contracts: confirmed the next day, signed the day after.
  for (const [{ id, closes }, seller, buyer] of [
    [a1, tyut, buyers.qcdz],
    [a3, lhkj, buyers.sypm],
  ] as const) {
    const deal = (await listingRepository.dealOfListing(db, id))!;
    await confirmDeal(db, at(seller, closes + DAY).ctx, deal.id);
    await confirmDeal(db, at(buyer.who, closes + DAY + 2 * HOUR).ctx, deal.id);
    const signed = closes + 2 * DAY;
    await signDeal(db, at(seller, signed).ctx, deal.id, { signedOn: shanghaiToday(new Date(signed)), contractNo: `KZT-${id.slice(0, 6).toUpperCase()}` });
  }

  // A live auction: opened two days ago, three days left; two registered bidders have bid, a third's registration awaits the seller; the SME of 晋中 may still register.
  const live = await list(
    tyut,
    shanxi,
    { ...auction('太行理工大学', ago(2 * DAY), now.getTime() + 3 * DAY, 50_000_000, 80_000_000), description: '整体转让发明专利 2 项及相关技术秘密，含 3 个月技术指导。' },
    '太行理工大学',
    ago(4 * DAY),
  );
  await registerFor(tyut, live, buyers.whbio, '保证金已通过对公账户汇出', ago(3 * DAY));
  await registerFor(tyut, live, buyers.qcdz, '保证金已汇出，请查收', ago(2 * DAY + 5 * HOUR));
  await registerFor(tyut, live, buyers.sypm, '已汇出保证金 500 万元，附言：竞买报名', ago(HOUR), true);
  await bid(buyers.whbio, live, 50_000_000, ago(DAY + 3 * HOUR));
  await bid(buyers.qcdz, live, 55_000_000, ago(20 * HOUR));
  await bid(buyers.whbio, live, 60_000_000, ago(5 * HOUR));

  // An upcoming auction taking registrations.
  await list(qinling, shaanxi, auction('秦岭大学', now.getTime() + DAY, now.getTime() + 4 * DAY, 20_000_000, null), '秦岭大学', ago(DAY));

  // Fixed price: the first verified buyer who accepts gets it; another where the owner chooses among offers.
  await list(jzny, jinzhong, { kind: 'fixed', transaction: 'transfer', price: 12_000_000, fixed: { acceptance: 'first' }, description: '成果完成人可提供田间示范指导。' }, '晋中农林大学', ago(5 * DAY));
  const choose = await list(whhy, weihai, { kind: 'fixed', transaction: 'licence', price: 30_000_000, fixed: { acceptance: 'choose' }, licence: { kind: 'non_exclusive', territory: '中国大陆', termMonths: 60, fieldOfUse: '海洋功能食品' } }, '威海海洋大学', ago(6 * DAY));
  await makeOffer(db, at(buyers.whbio.who, ago(2 * DAY)).ctx, choose, { amount: 28_000_000, message: '希望分两期支付，首期 60%。' });

  // A negotiated price in its notice period, with an objection lodged.
  const negotiated = await list(
    lhkj,
    shenyang,
    { kind: 'negotiated', transaction: 'licence', price: 18_000_000, negotiated: { buyerOrganizationId: orgId(buyers.sypm.org), agreedOn: shanghaiToday(new Date(ago(3 * DAY))) }, licence: { kind: 'exclusive', territory: '辽宁省', termMonths: 60, fieldOfUse: '精密轴承热处理' } },
    '辽河科技大学',
    ago(2 * DAY),
  );
  await lodgeObjection(db, at(buyers.qcdz.who, ago(DAY)).ctx, negotiated, '同类轴承热处理工艺近期许可价格普遍高于 300 万元，建议复核协议价格。');

  // 先使用后付费: a licence with no entry fee, two staged payments and a 3% royalty, taken last month and signed a few days later.
  const licensedAt = ago(40 * DAY);
  const payLater = await list(
    jzny,
    jinzhong,
    {
      kind: 'fixed',
      transaction: 'use_first_pay_later',
      price: 6_000_000,
      licence: { kind: 'sole', territory: '山西省', termMonths: 60, fieldOfUse: '设施农业智能灌溉' },
      payment: { plan: 'staged_royalty', entryShareBp: 0, instalments: [{ months: 12, shareBp: 5000 }, { months: 24, shareBp: 5000 }], royaltyBp: 300, royaltyPeriod: 'year', deferredMonths: 12 },
      description: '先使用后付费：零入门费，按年销售额 3% 提成。',
    },
    '晋中农林大学',
    licensedAt,
  );
  await makeOffer(db, at(buyers.jzsme.who, licensedAt + DAY).ctx, payLater, { message: '接受先使用后付费方案。' });
  const licenceDeal = (await listingRepository.dealOfListing(db, payLater))!;
  await confirmDeal(db, at(jzny, licensedAt + 2 * DAY).ctx, licenceDeal.id);
  await confirmDeal(db, at(buyers.jzsme.who, licensedAt + 2 * DAY + HOUR).ctx, licenceDeal.id);
  const signedAt = licensedAt + 4 * DAY;
  await signDeal(db, at(jzny, signedAt).ctx, licenceDeal.id, { signedOn: shanghaiToday(new Date(signedAt)), contractNo: 'KZT-XSYHFF-001' });

  // 秦岭大学 entrusted one achievement's trading to the broker 赵敏 a week ago: the broker may list it.
  const [broker] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'broker@kzt.demo'));
  await addEntrustment(db, at(qinling, ago(7 * DAY)).ctx, await next('秦岭大学'), { agentUserId: broker!.id, note: '委托赵敏经纪人代理挂牌与跟踪服务，佣金按成交价 3%。' });

  // Awaiting the administrator of 晋中: a listing whose price lies far above comparable deals.
  await createListing(db, at(jzny, ago(3 * HOUR)).ctx, { achievementId: await next('晋中农林大学'), kind: 'fixed', transaction: 'transfer', price: 980_000_000, fixed: { acceptance: 'first' }, description: '成果完成人团队可派驻技术骨干。' } as CreateListingBody);
}
