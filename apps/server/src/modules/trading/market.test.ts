import type { IndustrySection } from '@kzt/shared';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { listings } from '../../db/schema/index.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { publishedAchievement } from '../../../test/catalogueFixtures.ts';
import { auctionBody, fixedBody, liveListing, placeBid, tradingWorld } from '../../../test/tradingFixtures.ts';
import { closeAuction } from './auctions.service.ts';

const t = useTestApp();

describe('price discovery', () => {
  it('shows what similar achievements sold for and how, not unrelated sales; and the premium auctions achieved per industry', async () => {
    const w = await tradingWorld(t, { buyers: 2, achievement: { title: '液压阀体铸件气孔机器视觉在线检测系统', keywords: ['机器视觉', '铸件', '气孔检测'], summary: '基于机器视觉的铸件气孔缺陷在线检测。' } });
    const [a, b] = w.buyers;
    // A similar achievement sold at auction, another similar one at a fixed price, and an unrelated one.
    const similar = await publishedAchievement(t, w.owner, w.admin, { title: '铸件气孔缺陷机器视觉检测方法', keywords: ['机器视觉', '铸件'], summary: '铸件表面气孔的机器视觉检测。' });
    const similar2 = await publishedAchievement(t, w.owner, w.admin, { title: '机器视觉铸件尺寸在线测量', keywords: ['机器视觉', '铸件', '在线测量'], summary: '铸件尺寸的机器视觉在线测量。' });
    const unrelated = await publishedAchievement(t, w.owner, w.admin, { title: '水稻高产栽培技术', keywords: ['水稻', '栽培'], summary: '南方双季稻高产栽培。', industry: 'A' });
    const auction = async (achievementId: string, amounts: [number, number], industry?: IndustrySection) => {
      const id = await liveListing(t, w.owner, w.admin, auctionBody(achievementId, { reservePrice: null, deposit: 0 }));
      await placeBid(t, a!.user.token, id, amounts[0]);
      await placeBid(t, b!.user.token, id, amounts[1]);
      await t.database.db.update(listings).set({ endsAt: new Date(Date.now() - 1000), ...(industry ? { industry } : {}) }).where(eq(listings.id, id));
      await closeAuction(t.database.db, id);
      return id;
    };
    await auction(similar, [10_000_000, 12_000_000]);
    const fixed = await liveListing(t, w.owner, w.admin, fixedBody(similar2, { price: 9_000_000 }));
    await t.api('POST', `/api/listings/${fixed}/offers`, { token: a!.user.token, body: {} });
    await auction(unrelated, [10_000_000, 15_000_000], 'A');

    const id = await liveListing(t, w.owner, w.admin, fixedBody(w.achievementId));
    const items = (await t.api('GET', `/api/listings/${id}/comparables`)).json().items as { listing: { title: string; kind: string }; startPrice: number; finalPrice: number; premiumBp: number | null; similarity: number; reasons: string[] }[];
    expect(items.map((i) => i.listing.title).sort()).toEqual(['机器视觉铸件尺寸在线测量', '铸件气孔缺陷机器视觉检测方法']);
    const sold = items.find((i) => i.listing.kind === 'auction')!;
    expect(sold).toMatchObject({ startPrice: 10_000_000, finalPrice: 12_000_000, premiumBp: 2000 });
    expect(sold.similarity).toBeGreaterThanOrEqual(15);
    expect(sold.reasons.join()).toContain('机器视觉');
    expect(items.find((i) => i.listing.kind === 'fixed')).toMatchObject({ finalPrice: 9_000_000, premiumBp: null });

    const premiums = (await t.api('GET', '/api/trading/premiums')).json().items;
    expect(premiums).toEqual([
      expect.objectContaining({ industry: 'A', auctions: 1, averagePremiumBp: 5000, medianPremiumBp: 5000 }),
      expect.objectContaining({ industry: 'C', auctions: 1, averagePremiumBp: 2000, medianPremiumBp: 2000, totalStartPrice: 10_000_000, totalFinalPrice: 12_000_000 }),
    ]);
    expect((await t.api('GET', '/api/trading/premiums?jurisdictionCode=371000')).json().items).toEqual([]);
  });
});
