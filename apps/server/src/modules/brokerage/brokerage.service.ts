import type { CommissionBody, FollowUpBody } from '@kzt/shared';
import { formatYuanExact } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { approvedProfile, myProfileStatus } from '../profiles/profiles.service.ts';
import { myInvitations } from '../matchReviews/matchReviews.service.ts';
import { scoringsAwaiting } from '../challenges/challenges.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { entrustmentsOfAgent } from '../trading/listings.service.ts';
import { brokerageRepository as repo } from './brokerage.repository.ts';
import { presentClientCommission, presentCommission, presentFollowUp } from './brokerage.presenter.ts';

type Signed = RequestContext & { actor: Actor };

const refuse = (key: string) => new AppError(403, 'forbidden', 'problem.forbidden', key);

/** The entrustments a broker holds: personally, or through an agency organisation they belong to. */
const agentOf = (actor: Actor) => ({ organizationIds: actor.memberships.filter((m) => m.organizationType === 'agency').map((m) => m.organizationId), userId: actor.user.id });

/** Today's calendar day in Asia/Shanghai (YYYY-MM-DD). */
const shanghaiToday = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The broker's workbench (经纪人工作台): their profile's review state and,
 * once approved, the entrustments they hold (with the owner's consent: active,
 * or pending until the owner confirms), each with its follow-up log and the
 * commission agreed; the clients (organisations owning the entrusted
 * achievements); what is due.
 */
export async function brokerWorkbench(db: Db, actor: Actor) {
  const profile = await myProfileStatus(db, actor.user.id, 'broker');
  if (profile?.status !== 'approved') return { profile, deals: [], clients: [], counts: { active: 0, pending: 0, followUpsDue: 0 } };
  const held = await entrustmentsOfAgent(db, agentOf(actor));
  const ids = held.map((e) => e.id);
  const [followUps, commissions] = await Promise.all([repo.followUpsOf(db, ids), repo.commissionsOf(db, ids)]);
  const deals = held.map((e) => {
    const c = commissions.find((x) => x.entrustmentId === e.id);
    return {
      entrustmentId: e.id,
      status: e.status,
      consent: { confirmedAt: e.confirmedAt },
      achievement: { id: e.achievement.id, name: e.achievement.title },
      client: { id: e.owner.id, name: e.owner.name },
      note: e.note,
      createdAt: e.createdAt,
      commission: c ? presentCommission(c, { id: actor.user.id, name: actor.user.name }, { id: e.achievement.id, name: e.achievement.title }) : null,
      followUps: followUps.filter((f) => f.entrustmentId === e.id).map(presentFollowUp),
    };
  });
  const clients = new Map<string, { id: string; name: string | null; deals: number }>();
  for (const d of deals) clients.set(d.client.id, { ...d.client, deals: (clients.get(d.client.id)?.deals ?? 0) + 1 });
  const today = shanghaiToday();
  // A deal's follow-up is due when its latest note names a next date that has come.
  const followUpsDue = deals.filter((d) => d.followUps[0]?.nextOn && d.followUps[0].nextOn <= today).length;
  return {
    profile,
    deals,
    clients: [...clients.values()],
    counts: { active: deals.filter((d) => d.status === 'active').length, pending: deals.filter((d) => d.status === 'pending').length, followUpsDue },
  };
}

/** One entrustment the caller holds as an approved broker, or a refusal saying why. */
async function heldEntrustment(db: Db, actor: Actor, entrustmentId: string) {
  if (!(await approvedProfile(db, actor.user.id, 'broker'))) throw refuse('err.broker.notApproved');
  const e = (await entrustmentsOfAgent(db, agentOf(actor))).find((x) => x.id === entrustmentId);
  if (!e) throw refuse('err.broker.notYourDeal');
  return e;
}

/** The broker logs a contact on a deal: the day, what happened, the next step. */
export async function logFollowUp(db: Db, ctx: Signed, entrustmentId: string, body: FollowUpBody) {
  const e = await heldEntrustment(db, ctx.actor, entrustmentId);
  return db.transaction(async (tx) => {
    const row = await repo.addFollowUp(tx, {
      brokerUserId: ctx.actor.user.id,
      entrustmentId,
      organizationId: e.owner.id,
      happenedOn: body.happenedOn,
      content: body.content,
      nextStep: body.nextStep,
      nextOn: body.nextOn ?? null,
      createdAt: ctx.now ?? new Date(),
    });
    await recordAudit(tx, ctx, {
      action: 'followUp.create',
      entityType: 'followUp',
      entityId: row.id,
      organizationId: e.owner.id,
      after: { entrustmentId, happenedOn: row.happenedOn, nextOn: row.nextOn },
    });
    return presentFollowUp(row);
  });
}

/** The broker records the commission agreed for a deal (amount in fen or rate in basis points); the client organisation is told. */
export async function recordCommission(db: Db, ctx: Signed, entrustmentId: string, body: CommissionBody) {
  const e = await heldEntrustment(db, ctx.actor, entrustmentId);
  return db.transaction(async (tx) => {
    const before = await repo.commission(tx, entrustmentId);
    const row = await repo.upsertCommission(tx, {
      brokerUserId: ctx.actor.user.id,
      entrustmentId,
      organizationId: e.owner.id,
      amountFen: body.amountFen ?? null,
      rateBp: body.rateBp ?? null,
      note: body.note,
    });
    const terms = row.amountFen !== null ? formatYuanExact(row.amountFen) : `成交额的 ${(row.rateBp! / 100).toFixed(2)}%`;
    await notify(tx, {
      organizationId: e.owner.id,
      kind: 'broker.commission',
      dedupeKey: `broker.commission:${row.id}:${row.updatedAt.toISOString()}`,
      title: `技术经纪人 ${ctx.actor.user.name} 记录了「${e.achievement.title}」的佣金约定：${terms}`,
      body: row.note || '如与双方约定不符，请联系经纪人或平台管理员。',
      link: `/org/${e.owner.id}`,
    });
    await recordAudit(tx, ctx, {
      action: before ? 'commission.update' : 'commission.create',
      entityType: 'commission',
      entityId: row.id,
      organizationId: e.owner.id,
      before: before ? { amountFen: before.amountFen, rateBp: before.rateBp, note: before.note } : null,
      after: { entrustmentId, amountFen: row.amountFen, rateBp: row.rateBp, note: row.note },
    });
    return presentCommission(row, { id: ctx.actor.user.id, name: ctx.actor.user.name }, { id: e.achievement.id, name: e.achievement.title });
  });
}

/** The commissions brokers recorded with an organisation: its members see what their brokers agreed. */
export async function clientCommissions(db: Db, actor: Actor, organizationId: string) {
  if (!membershipIn(actor, organizationId)) throw actor.user.isPlatformAdmin ? notFound('organization') : forbidden();
  const rows = await repo.commissionsOfClient(db, organizationId);
  return { items: rows.map(presentClientCommission) };
}

/**
 * The expert's workbench (专家工作台): their profile's review state, the
 * invitations waiting for an opinion, the opinions given and the rest
 * (declined, or closed before an answer), and the 揭榜挂帅 bids waiting for
 * their scores. The reviews are the matchReviews module's and the scorings
 * the challenges module's: asked of their services.
 */
export async function expertWorkbench(db: Db, actor: Actor) {
  const [profile, { items }, scorings] = await Promise.all([myProfileStatus(db, actor.user.id, 'expert'), myInvitations(db, actor), scoringsAwaiting(db, actor)]);
  const tasks = items.map(({ id, ...rest }) => ({ reviewId: id, ...rest }));
  return {
    profile,
    due: tasks.filter((t) => t.status === 'open' && t.invitation.status === 'invited'),
    scorings: scorings.map((x) => ({ ...x, link: `/challenges/${x.challengeId}/score` })),
    past: tasks.filter((t) => t.invitation.status === 'submitted'),
    other: tasks.filter((t) => !(t.status === 'open' && t.invitation.status === 'invited') && t.invitation.status !== 'submitted'),
  };
}
