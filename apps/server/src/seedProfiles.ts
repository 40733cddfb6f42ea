import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { achievements, demands, organizations, users } from './db/schema/index.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { reviewProfile } from './modules/profiles/profiles.service.ts';
import { brokerWorkbench, logFollowUp, recordCommission } from './modules/brokerage/brokerage.service.ts';
import { createReview } from './modules/matchReviews/matchReviews.service.ts';

/**
 * The demo's broker and expert, made through the real services: their
 * profiles approved by the administrators of their jurisdictions (before the
 * broker is entrusted), then, after the trading history, a follow-up and the
 * commission on the broker's entrustment and an open expert review waiting
 * for the expert. 刘晨's broker profile stays pending for 晋中's queue.
 */
const DAY = 86_400_000;

async function as(db: Db, email: string, now: Date) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const actor = await loadActor(db, user!, { tokenHash: 'seed-profiles', via: 'bearer' });
  return { ctx: { ...systemContext('seed-profiles'), actor, now }, id: user!.id };
}

/** Approves the demo broker (陕西, 10 days ago) and the experts (山西, 12 days ago). */
export async function approveDemoProfiles(db: Db, now = new Date()) {
  const broker = await as(db, 'broker@kzt.demo', now);
  const expert = await as(db, 'expert@kzt.demo', now);
  const shaanxi = await as(db, 'shaanxi.admin@kzt.demo', new Date(now.getTime() - 10 * DAY));
  const shanxi = await as(db, 'shanxi.admin@kzt.demo', new Date(now.getTime() - 12 * DAY));
  await reviewProfile(db, shaanxi.ctx, broker.id, 'broker', { decision: 'approve' });
  await reviewProfile(db, shanxi.ctx, expert.id, 'expert', { decision: 'approve' });
  // Three more experts of the pool a challenge panel is picked from (seedChallenges: one of them must step aside).
  for (const email of ['expert2@kzt.demo', 'expert3@kzt.demo', 'expert4@kzt.demo']) await reviewProfile(db, shanxi.ctx, (await as(db, email, now)).id, 'expert', { decision: 'approve' });
}

/** Work waiting on first login: the broker's follow-up and commission, the expert's invitation. */
export async function demoBrokerExpertWork(db: Db, now = new Date()) {
  const day = (n: number) => new Date(now.getTime() - n * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
  const broker = await as(db, 'broker@kzt.demo', new Date(now.getTime() - 5 * DAY));
  const deal = (await brokerWorkbench(db, broker.ctx.actor)).deals[0];
  if (deal) {
    await logFollowUp(db, broker.ctx, deal.entrustmentId, {
      happenedOn: day(5),
      content: '与秦岭大学成果转化办公室电话沟通，确认挂牌底价与转让方式，成果完成人同意提供中试数据。',
      nextStep: '联系西安秦创电子科技有限公司技术负责人，约定实地考察时间',
      nextOn: day(1),
    });
    await recordCommission(db, broker.ctx, deal.entrustmentId, { rateBp: 300, note: '按成交价 3% 计，合同签订后 30 日内支付' });
  }

  // 山西's administrator asks the expert about a match of 太行理工大学's achievement and 晋中智造装备's demand.
  const orgs = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.name, ['太行理工大学', '晋中智造装备有限公司']));
  const orgId = (name: string) => orgs.find((o) => o.name === name)?.id;
  const university = orgId('太行理工大学');
  const sme = orgId('晋中智造装备有限公司');
  if (!university || !sme) return;
  const [a] = await db
    .select({ id: achievements.id })
    .from(achievements)
    .where(and(eq(achievements.organizationId, university), eq(achievements.status, 'published'), eq(achievements.confidentiality, 'public')))
    .orderBy(asc(achievements.id))
    .limit(1);
  const [d] = await db
    .select({ id: demands.id })
    .from(demands)
    .where(and(eq(demands.organizationId, sme), eq(demands.status, 'published'), eq(demands.confidentiality, 'public')))
    .orderBy(asc(demands.id))
    .limit(1);
  if (!a || !d) return;
  const shanxi = await as(db, 'shanxi.admin@kzt.demo', new Date(now.getTime() - 2 * DAY));
  const expert = await as(db, 'expert@kzt.demo', now);
  await createReview(db, shanxi.ctx, { demandId: d.id, achievementId: a.id, expertUserIds: [expert.id], note: '请就该成果与企业需求的技术匹配度、成熟度与转化风险给出意见。' });
}
