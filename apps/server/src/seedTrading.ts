import { and, asc, eq } from 'drizzle-orm';
import { shanghaiToday, type CreateListingBody } from '@kzt/shared';
import type { Db } from './db/client.ts';
import { achievements, organizations, users } from './db/schema/index.ts';
import type { Actor } from './platform/actor.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { createListing, reviewListing } from './modules/trading/listings.service.ts';
import { closeAuction, placeBid, recordDeposit } from './modules/trading/auctions.service.ts';
import { makeOffer } from './modules/trading/offers.service.ts';
import { confirmRegistration, register } from './modules/trading/registrations.service.ts';
import { lodgeObjection } from './modules/trading/objections.service.ts';
import { confirmDeal, signDeal } from './modules/trading/deals.service.ts';
import { listingRepository } from './modules/trading/listings.repository.ts';

/**
 * The demo trading floor, made through the trading services themselves so
 * that every price record is a real one (audit chain included): a live
 * auction with bids, an upcoming one, fixed-price and negotiated listings,
 * auctions already sold (with the premiums and comparables they give) and
 * one that failed, and a 先使用后付费 licence in performance with a
 * royalty reported.
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

  const list = async (seller: Who, admin: Who, body: Omit<CreateListingBody, 'achievementId' | 'description'> & { description?: string }, org: string) => {
    const l = await createListing(db, seller.ctx, { description: '', ...body, achievementId: await next(org) } as CreateListingBody);
    await reviewListing(db, admin.ctx, l.id, { decision: 'approve', reason: '材料齐全，同意挂牌' });
    return l.id;
  };
  const accounts: Record<string, { bank: string; accountName: string; accountNumber: string }> = {
    太行理工大学: { bank: '中国工商银行太原高新支行', accountName: '太行理工大学', accountNumber: '0502 1234 0920 0123 456' },
    秦岭大学: { bank: '中国建设银行西安高新技术产业开发区支行', accountName: '秦岭大学', accountNumber: '6105 0186 0000 0001 234' },
  };
  const auction = (startsAt: Date, endsAt: Date, startPrice: number, reservePrice: number | null, extra: Partial<NonNullable<CreateListingBody['auction']>> = {}) => ({
    kind: 'auction' as const,
    transaction: 'transfer' as const,
    auction: { startPrice, reservePrice, increment: Math.max(100_000, Math.round(startPrice / 20 / 100_000) * 100_000), deposit: Math.round(startPrice / 10), startsAt, endsAt, extendSeconds: 300, maxExtensions: 10, ...extra },
  });
  let key = 0;
  const bid = (b: { who: Who }, id: string, amount: number) => placeBid(db, b.who.ctx, id, { amount }, `seed-bid-${++key}`);
  const deposit = (seller: Who, id: string, b: { org: string }, amount: number) => recordDeposit(db, seller.ctx, id, { organizationId: orgId(b.org), amount, note: '银行转账，已到账' });
  /** A buyer registers to bid (竞买报名); the seller confirms unless `pending`. */
  const registerFor = async (seller: Who, id: string, b: { who: Who; org: string }, note: string, pending = false) => {
    const r = await register(db, b.who.ctx, id, { organizationId: orgId(b.org), note });
    if (!pending) await confirmRegistration(db, seller.ctx, id, r.id);
  };

  // A live auction: three days left; two registered bidders have bid, a third's registration awaits the seller; the SME of 晋中 may still register.
  const live = await list(
    tyut,
    shanxi,
    { ...auction(new Date(now.getTime() - 60 * MIN), new Date(now.getTime() + 3 * DAY), 50_000_000, 80_000_000, { depositAccount: accounts['太行理工大学'] }), description: '整体转让发明专利 2 项及相关技术秘密，含 3 个月技术指导。' },
    '太行理工大学',
  );
  await registerFor(tyut, live, buyers.whbio, '保证金已通过对公账户汇出');
  await registerFor(tyut, live, buyers.qcdz, '保证金已汇出，请查收');
  await registerFor(tyut, live, buyers.sypm, '已汇出保证金 50 万元，附言：竞买报名', true);
  await bid(buyers.whbio, live, 50_000_000);
  await bid(buyers.qcdz, live, 55_000_000);
  await bid(buyers.whbio, live, 60_000_000);

  // An upcoming auction taking registrations.
  await list(qinling, shaanxi, auction(new Date(now.getTime() + DAY), new Date(now.getTime() + 4 * DAY), 20_000_000, null, { depositAccount: accounts['秦岭大学'] }), '秦岭大学');

  // Fixed price: the first verified buyer who accepts gets it; another where the owner chooses among offers.
  await list(jzny, jinzhong, { kind: 'fixed', transaction: 'transfer', price: 12_000_000, fixed: { acceptance: 'first' }, description: '成果完成人可提供田间示范指导。' }, '晋中农林大学');
  const choose = await list(whhy, weihai, { kind: 'fixed', transaction: 'licence', price: 30_000_000, fixed: { acceptance: 'choose' }, licence: { kind: 'non_exclusive', territory: '中国大陆', termMonths: 60, fieldOfUse: '海洋功能食品' } }, '威海海洋大学');
  await makeOffer(db, buyers.whbio.who.ctx, choose, { amount: 28_000_000, message: '希望分两期支付，首期 60%。' });

  // A negotiated price in its notice period, with an objection lodged.
  const negotiated = await list(lhkj, shenyang, { kind: 'negotiated', transaction: 'licence', price: 18_000_000, negotiated: { buyerOrganizationId: orgId(buyers.sypm.org), agreedOn: now.toISOString().slice(0, 10) }, licence: { kind: 'exclusive', territory: '辽宁省', termMonths: 60, fieldOfUse: '精密轴承热处理' } }, '辽河科技大学');
  await lodgeObjection(db, buyers.qcdz.who.ctx, negotiated, '同类轴承热处理工艺近期许可价格普遍高于 300 万元，建议复核协议价格。');

  // Auctions already sold (a few minutes of bidding, closed at once), and one that failed.
  const sold = async (seller: Who, admin: Who, org: string, start: number, reserve: number | null, rounds: [keyof typeof buyers, number][]) => {
    const id = await list(seller, admin, auction(new Date(now.getTime() - MIN), new Date(now.getTime() + 2 * MIN), start, reserve, { extendSeconds: 60, maxExtensions: 1 }), org);
    for (const b of new Set(rounds.map(([b]) => b))) await deposit(seller, id, buyers[b], Math.round(start / 10));
    for (const [b, amount] of rounds) await bid(buyers[b], id, amount);
    // Closed at its end (bids in the last five minutes moved it later).
    const { endsAt } = (await listingRepository.byId(db, id))!;
    await closeAuction(db, id, new Date(endsAt!.getTime() + 1000));
    return id;
  };
  const a1 = await sold(tyut, shanxi, '太行理工大学', 30_000_000, 40_000_000, [['jzsme', 30_000_000], ['qcdz', 35_000_000], ['jzsme', 42_000_000], ['qcdz', 46_000_000]]);
  await sold(tyut, shanxi, '太行理工大学', 15_000_000, null, [['jzsme', 15_000_000], ['sypm', 16_500_000]]);
  const a3 = await sold(lhkj, shenyang, '辽河科技大学', 40_000_000, 45_000_000, [['sypm', 40_000_000], ['jzsme', 44_000_000], ['sypm', 52_000_000]]);
  await sold(whhy, weihai, '威海海洋大学', 8_000_000, 9_000_000, [['whbio', 8_000_000], ['qcdz', 9_000_000], ['whbio', 11_000_000]]);
  await sold(qinling, shaanxi, '秦岭大学', 25_000_000, 40_000_000, [['qcdz', 25_000_000], ['jzsme', 27_000_000]]);

  // Two of the sold auctions go on to signed contracts.
  for (const [id, seller, buyer] of [
    [a1, tyut, buyers.qcdz],
    [a3, lhkj, buyers.sypm],
  ] as const) {
    const deal = (await listingRepository.dealOfListing(db, id))!;
    await confirmDeal(db, seller.ctx, deal.id);
    await confirmDeal(db, buyer.who.ctx, deal.id);
    await signDeal(db, seller.ctx, deal.id, { signedOn: now.toISOString().slice(0, 10), contractNo: `KZT-${id.slice(0, 6).toUpperCase()}` });
  }

  // 先使用后付费: a licence with no entry fee, two staged payments and a 3% royalty, signed today (a contract follows its deal).
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
  );
  await makeOffer(db, buyers.jzsme.who.ctx, payLater, { message: '接受先使用后付费方案。' });
  const licenceDeal = (await listingRepository.dealOfListing(db, payLater))!;
  await confirmDeal(db, jzny.ctx, licenceDeal.id);
  await confirmDeal(db, buyers.jzsme.who.ctx, licenceDeal.id);
  await signDeal(db, jzny.ctx, licenceDeal.id, { signedOn: shanghaiToday(now), contractNo: 'KZT-XSYHFF-001' });

  // Awaiting the administrator of 晋中: a listing whose price lies far above comparable deals (the queue flags it).
  await createListing(db, jzny.ctx, { achievementId: await next('晋中农林大学'), kind: 'fixed', transaction: 'transfer', price: 980_000_000, fixed: { acceptance: 'first' }, description: '成果完成人团队可派驻技术骨干。' } as CreateListingBody);
}
