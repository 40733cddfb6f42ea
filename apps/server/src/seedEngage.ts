import { and, asc, eq, isNotNull, notInArray } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { achievements, demands, listings, organizations, users } from './db/schema/index.ts';
import type { Actor } from './platform/actor.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { withdrawAchievement } from './modules/achievements/achievements.service.ts';
import { openConversation, replyToConversation } from './modules/conversations/conversations.service.ts';
import { saveFavourite } from './modules/favourites/favourites.service.ts';

/**
 * 洽谈 and 收藏 of the demo, made through their services at the times they
 * happened, so that every demo role finds something to do on first login:
 * 太行理工大学 and 秦岭大学 each have a firm's question awaiting their
 * answer; 威海海洋生物 and 辽河科技大学 have an answer they have not read;
 * 晋中智造 has saved achievements (one since withdrawn by its owner) and the
 * live auction.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function seedEngage(db: Db, now = new Date()) {
  const orgRows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations);
  const orgId = (name: string) => orgRows.find((o) => o.name === name)!.id;
  const as = async (email: string, at: number) => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const actor: Actor = await loadActor(db, user!, { tokenHash: 'seed-engage', via: 'bearer' });
    return { ...systemContext('seed-engage'), actor, now: new Date(at) };
  };
  const ago = (ms: number) => now.getTime() - ms;
  const listed = (await db.select({ id: listings.achievementId }).from(listings)).map((r) => r.id);
  /** Published, public, priced achievements of an organisation that no listing holds, in a stable order. */
  const offered = async (org: string, n: number) =>
    (
      await db
        .select({ id: achievements.id, title: achievements.title })
        .from(achievements)
        .where(
          and(
            eq(achievements.organizationId, orgId(org)),
            eq(achievements.status, 'published'),
            eq(achievements.confidentiality, 'public'),
            isNotNull(achievements.priceFen),
            listed.length ? notInArray(achievements.id, listed) : undefined,
          ),
        )
        .orderBy(asc(achievements.externalId))
        .limit(n)
    );

  const [tyut1, tyut2, tyut3] = await offered('太行理工大学', 3);
  const [whhy] = await offered('威海海洋大学', 1);
  const [qinling] = await offered('秦岭大学', 1);

  // A firm's question to 太行理工大学, two days old, not yet answered.
  await openConversation(db, await as('sme@jzsme.demo', ago(2 * DAY)), {
    recordType: 'achievement',
    recordId: tyut1!.id,
    organizationId: orgId('晋中智造装备有限公司'),
    message: `您好！我公司主营液压元件与智能装备，对贵校「${tyut1!.title}」很感兴趣。想了解三点：一是目前是否已完成中试；二是许可与转让的费用区间；三是能否安排课题组老师来厂交流一次。谢谢！`,
  });
  // 西安秦创 asks 秦岭大学 yesterday.
  await openConversation(db, await as('xa.sme@qcdz.demo', ago(DAY + 3 * HOUR)), {
    recordType: 'achievement',
    recordId: qinling!.id,
    organizationId: orgId('西安秦创电子科技有限公司'),
    message: '贵校这项成果与我们的工业控制器产品方向一致，希望了解是否支持先使用后付费，以及是否有样机可以现场演示。',
  });
  // 威海海洋生物 asked 威海海洋大学 and got an answer it has not read yet.
  const whbio = await openConversation(db, await as('weihai.sme@whbio.demo', ago(5 * DAY)), {
    recordType: 'achievement',
    recordId: whhy!.id,
    organizationId: orgId('威海海洋生物科技有限公司'),
    message: '我公司有海藻提取车间，想把这项技术用于功能食品原料生产，请问技术成熟度如何，是否有企业已经在用？',
  });
  await replyToConversation(db, await as('tto@whhy.demo', ago(4 * DAY)), whbio.conversation.id, '感谢关注！该技术已在一家企业完成 500 升规模中试，可提供中试报告。建议先签保密协议，我们安排课题组到贵公司车间实地看一下条件。');
  // 辽河科技大学 offers its help with a demand of 沈阳精密机械; the firm answered.
  const [syDemand] = await db
    .select({ id: demands.id })
    .from(demands)
    .where(and(eq(demands.organizationId, orgId('沈阳精密机械有限公司')), eq(demands.status, 'published'), eq(demands.confidentiality, 'public')))
    .orderBy(asc(demands.externalId))
    .limit(1);
  if (syDemand) {
    const lhkj = await openConversation(db, await as('tto@lhkj.demo', ago(3 * DAY)), {
      recordType: 'demand',
      recordId: syDemand.id,
      organizationId: orgId('辽河科技大学'),
      message: '我校材料学院有团队长期做相关方向，已有两项授权发明专利，可以先到贵公司产线做一次诊断，再出整体方案。',
    });
    await replyToConversation(db, await as('sy.sme@sypm.demo', ago(2 * DAY + 6 * HOUR)), lhkj.conversation.id, '欢迎！下周三上午可以来厂里，请提前告知来访人员名单，我们安排生产部和技术部一起参加。');
  }

  // 晋中智造 saved two achievements and the live auction; 太行理工大学 has since withdrawn one of them.
  const sme = await as('sme@jzsme.demo', ago(6 * DAY));
  await saveFavourite(db, sme, 'achievement', tyut2!.id);
  await saveFavourite(db, sme, 'achievement', tyut3!.id);
  const [live] = await db.select({ id: listings.id }).from(listings).where(and(eq(listings.status, 'open'), eq(listings.kind, 'auction'))).orderBy(asc(listings.listedAt)).limit(1);
  if (live) await saveFavourite(db, await as('sme@jzsme.demo', ago(DAY)), 'listing', live.id);
  await withdrawAchievement(db, await as('tto@tyut.demo', ago(3 * DAY)), tyut3!.id, '该成果已与其他企业签订独占许可，暂停对外推广');
}
