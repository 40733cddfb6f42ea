import { z } from 'zod';
import {
  AWARD_NOTICE_DAYS,
  DEFAULT_CHALLENGE_CRITERIA,
  PUBLIC_CHALLENGE_STATUSES,
  shanghaiToday,
  toBasisPoints,
  type ChallengeQuery,
  type CreateBidBody,
  type CreateChallengeBody,
  type BountyPaymentBody,
} from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { administers, isAnyAdmin, membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { t, type Lang } from '../../platform/i18n.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { paged } from '../../platform/pagination.ts';
import { approvedExperts, approvedProfile, expertPool } from '../profiles/profiles.service.ts';
import { attachmentsOfRecords, attachToRecord, detachFromRecord, openRecordAttachment, sweepRecordAttachments } from '../attachments/attachments.service.ts';
import type { AttachmentStore, IncomingFile } from '../../platform/files.ts';
import { getAchievement } from '../achievements/achievements.service.ts';
import { getDemand } from '../demands/demands.service.ts';
import { administratorIdsOf, findJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { notify, notifyMany } from '../notifications/notifications.service.ts';
import { getOrganization } from '../organizations/organizations.service.ts';
import { avoidanceOf, type Avoidance, type CollaborationSources, type PanelExpert } from './challenges.avoidance.ts';
import { addTasksAtPosting } from './challenges.tasks.service.ts';
import { challengeAccepted, challengeAwarded, challengeMilestoneAccepted, challengePublished, challengeTerminated } from './challenges.events.ts';
import { challengeRepository as repo, type BidRow, type ChallengeFilter, type ChallengeRow, type MilestoneRow, type PanelRow } from './challenges.repository.ts';
import { challengePolicy, challengeRoles, missingScores, multiWinner, noticeOpen, objectingOrganizations, terminable, type ChallengeState } from './challenges.policy.ts';
import { milestoneRowsOf, type MilestoneFiles, type PanelConflict, presentAgreement, presentBid, presentChallenge, presentChallengeSummary, presentObjection } from './challenges.presenter.ts';
import { pointsOf, trimmedResult, weightedBp } from './challenges.scoring.ts';
import { boardWorkbook, challengeWorkbook, type BoardOutcome } from './challenges.export.ts';
import { refuse, shanghaiTime, yuan } from './challenges.refusals.ts';
import { timeline, timelineText } from './challenges.timeline.ts';

type Signed = RequestContext & { actor: Actor };

const nowOf = (ctx: Pick<RequestContext, 'now'>) => ctx.now ?? new Date();

/** The challenge with everything its policy and presenter read, for this caller. */
async function loadState(db: Executor, actor: Actor | null, c: ChallengeRow, now: Date): Promise<ChallengeState> {
  const [bids, panel, scores, conflicts, objections, expert] = await Promise.all([
    repo.bids(db, c.id),
    repo.panel(db, c.id),
    repo.scores(db, c.id),
    repo.conflicts(db, c.id),
    repo.objections(db, c.id),
    actor ? approvedProfile(db, actor.user.id, 'expert') : null,
  ]);
  return { bids, panel, scores, objections, now, expert: !!expert, conflictDeclared: !!actor && conflicts.some((x) => x.expertId === actor.user.id) };
}

/** Loads a challenge the caller may read (404 otherwise), with its state and policy. */
async function authorize(db: Executor, actor: Actor | null, id: string, now: Date, opts: { lock?: boolean } = {}) {
  const c = await repo.byId(db, id, opts);
  if (!c) throw notFound('challenge');
  const state = await loadState(db, actor, c, now);
  const policy = challengePolicy(actor, c, state);
  if (!policy.read) throw notFound('challenge');
  return { c, state, policy, roles: challengeRoles(actor, c, state) };
}

const auditOf = (c: Pick<ChallengeRow, 'id' | 'organizationId' | 'jurisdictionCode'>) => ({ entityType: 'challenge', entityId: c.id, organizationId: c.organizationId, jurisdictionCode: c.jurisdictionCode });


// ---- posting and review

/** Where the challenge is posted from: the organisation (a verified one of the caller's, or any an administrator administers) or none. */
async function poserOf(db: Db, actor: Actor, organizationId: string | null) {
  if (!organizationId) {
    if (!isAnyAdmin(actor)) throw refuse(422, 'err.challenge.organization', 'organizationId');
    return null;
  }
  const m = membershipIn(actor, organizationId);
  if (m) {
    if (m.organizationStatus !== 'verified') throw refuse(422, 'err.challenge.organization', 'organizationId');
    return { id: m.organizationId, name: m.organizationName, jurisdictionCode: m.jurisdictionPath.split('/').pop()!, jurisdictionPath: m.jurisdictionPath };
  }
  if (!isAnyAdmin(actor)) throw refuse(422, 'err.challenge.organization', 'organizationId');
  const org = await getOrganization(db, actor, organizationId).catch(() => null);
  const j = org && (await findJurisdiction(db, org.jurisdictionCode));
  if (!org || !j || org.status !== 'verified' || !administers(actor, j.path)) throw refuse(422, 'err.challenge.organization', 'organizationId');
  return { id: org.id, name: org.name, jurisdictionCode: j.code, jurisdictionPath: j.path };
}

/**
 * Posts a challenge for review. From a demand, its title, description, budget
 * and organisation are taken where the body leaves them out; from an
 * achievement (双向揭榜 成果转化: a university posts its own published
 * achievement for a firm to take up), its title, summary and organisation.
 */
export async function postChallenge(db: Db, ctx: Signed, body: CreateChallengeBody) {
  const now = nowOf(ctx);
  const demand = body.demandId ? await getDemand(db, ctx.actor, body.demandId) : null;
  const achievement = body.achievementId ? await getAchievement(db, ctx.actor, body.achievementId) : null;
  if (achievement && achievement.status !== 'published') throw refuse(422, 'err.challenge.achievementNotPublished', 'achievementId');
  const sourceOrg = demand?.organization.id ?? achievement?.organization.id;
  const ownSource = sourceOrg && !body.organizationId && membershipIn(ctx.actor, sourceOrg) ? sourceOrg : null;
  const poser = await poserOf(db, ctx.actor, body.organizationId ?? ownSource);
  if (achievement && poser && poser.id !== achievement.organization.id) throw refuse(422, 'err.challenge.achievementNotOwn', 'achievementId');
  const title = body.title ?? demand?.title ?? achievement?.title;
  if (!title) throw refuse(422, 'err.required', 'title');
  if (body.scheme === 'two_way' && !body.kind) throw refuse(422, 'err.challenge.kindRequired', 'kind');
  if (body.scheme !== 'two_way' && body.kind) throw refuse(422, 'err.challenge.kindOnlyTwoWay', 'kind');
  if (body.resultsPublic && body.scheme !== 'crowdsourcing') throw refuse(422, 'err.challenge.resultsPublicCrowd', 'resultsPublic');
  const deadline = new Date(body.deadline);
  if (deadline.getTime() <= now.getTime()) throw refuse(422, 'err.challenge.deadlinePast', 'deadline');

  let code = body.jurisdiction ?? poser?.jurisdictionCode ?? demand?.jurisdictionCode;
  if (!code && ctx.actor.adminOf.length === 1) code = ctx.actor.adminOf[0]!.code;
  if (!code) throw refuse(422, 'err.challenge.jurisdiction', 'jurisdiction');
  const j = await findJurisdiction(db, code);
  if (!j) throw refuse(422, 'err.jurisdiction.unknown', 'jurisdiction');
  if (!poser && !administers(ctx.actor, j.path)) throw refuse(422, 'err.challenge.jurisdictionAdmin', 'jurisdiction');

  const criteria = (body.criteria ?? DEFAULT_CHALLENGE_CRITERIA).map((k) => ({ key: k.key, name: k.name, weightBp: toBasisPoints(k.weight)! }));
  const bounty = body.bounty ?? (demand && 'budgetMax' in demand && typeof demand.budgetMax === 'number' ? demand.budgetMax : null);
  return db.transaction(async (tx) => {
    const c = await repo.insert(tx, {
      scheme: body.scheme,
      kind: body.kind,
      title,
      description: body.description ?? demand?.description ?? achievement?.summary ?? '',
      requirements: body.requirements,
      organizationId: poser?.id ?? null,
      organizationName: poser?.name ?? null,
      postedBy: ctx.actor.user.id,
      demandId: body.demandId,
      achievementId: body.achievementId,
      bountyFen: bounty,
      deadline,
      jurisdictionCode: j.code,
      jurisdictionPath: j.path,
      jurisdictionName: j.name,
      criteria,
      resultsPublic: body.resultsPublic ?? false,
      status: 'pending_review',
      createdAt: now,
      updatedAt: now,
    });
    await addTasksAtPosting(tx, ctx, c, body.tasks, now);
    await timeline(tx, c, now, 'posted', { poser: poser?.name ?? ctx.actor.user.name, jurisdiction: j.name }, 'participants');
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.post', after: { scheme: c.scheme, kind: c.kind, title: c.title, bounty: c.bountyFen, deadline: c.deadline, criteria, demandId: c.demandId, resultsPublic: c.resultsPublic } });
    return presentFor(tx, ctx.actor, c.id, now, ctx.lang);
  });
}

/** The record type a milestone's files are stored under in the attachments module (record id: the milestone row). */
const MILESTONE_FILES = 'challenge_milestone';

/** The stored files of these milestones, by milestone row id. */
async function filesOf(db: Executor, milestones: MilestoneRow[]): Promise<MilestoneFiles> {
  const files: MilestoneFiles = new Map();
  if (!milestones.length) return files;
  for (const a of await attachmentsOfRecords(db, MILESTONE_FILES, milestones.map((m) => m.id))) files.set(a.recordId, [...(files.get(a.recordId) ?? []), a]);
  return files;
}

/** The challenge as the caller may see it, its timeline worded in `lang`; administrators see the panel's conflicts while bids are scored. */
async function presentFor(db: Executor, actor: Actor | null, id: string, now: Date, lang: Lang = 'zh', sources: CollaborationSources = {}) {
  const { c, state, policy, roles } = await authorize(db, actor, id, now);
  const [milestones, events, payments] = await Promise.all([repo.milestones(db, id), repo.timeline(db, id), c.scheme === 'bounty' ? repo.payments(db, id) : []]);
  const timeline = events.map((e) => ({ ...e, text: timelineText(e, lang) }));
  const panelConflicts = roles.admin && c.status === 'published' ? await panelConflictsOf(db, c, state, now, sources, lang) : null;
  return presentChallenge(actor, c, { ...state, milestones, timeline, files: await filesOf(db, milestones), payments, panelConflicts }, policy, shanghaiToday(now));
}

/** What others name of these challenges (the statistics' records behind a figure): title, poster and status; no authorisation here, the caller applies its own. */
export async function challengeHeads(db: Executor, ids: string[]) {
  return new Map((await repo.heads(db, [...new Set(ids)])).map((c) => [c.id, c]));
}

export function getChallenge(db: Db, actor: Actor | null, id: string, now = new Date(), lang: Lang = 'zh', sources: CollaborationSources = {}) {
  return presentFor(db, actor, id, now, lang, sources);
}

// ---- avoidance once the panel sits

/** The panel's members with their organisations (one whose approval was withdrawn keeps only the name). */
async function panelExperts(db: Executor, panel: PanelRow[]): Promise<PanelExpert[]> {
  const found = new Map((await approvedExperts(db, panel.map((p) => p.expertId))).map((e) => [e.id, e]));
  return panel.map((p) => found.get(p.expertId) ?? { id: p.expertId, name: p.expertName, organizationIds: [], organizationNames: [] });
}

/** The reasons these experts must not score this bid (its organisation, a declared conflict, a collaboration in the past three years). */
async function avoidanceOnBid(db: Executor, c: ChallengeRow, bid: BidRow, experts: PanelExpert[], now: Date, sources: CollaborationSources) {
  const declared = new Set((await repo.conflicts(db, c.id)).map((x) => x.expertId));
  return avoidanceOf(db, c, [bid], declared, experts, now, sources);
}

/**
 * Which panel members must not score which bids (not failed at the check): a
 * bid may arrive after the panel was set, from an organisation a member
 * belongs to or worked with. Each with the reasons in `lang` and whether
 * anyone has scored that bid yet.
 */
async function panelConflictsOf(db: Executor, c: ChallengeRow, state: ChallengeState, now: Date, sources: CollaborationSources, lang: Lang): Promise<PanelConflict[]> {
  const bids = state.bids.filter((b) => b.checkStatus !== 'failed');
  if (!state.panel.length || !bids.length) return [];
  const experts = await panelExperts(db, state.panel);
  const out: PanelConflict[] = [];
  for (const bid of bids) {
    const avoid = await avoidanceOnBid(db, c, bid, experts, now, sources);
    for (const e of experts) {
      const reasons = avoid.get(e.id) ?? [];
      if (reasons.length) out.push({ expert: { id: e.id, name: e.name }, bid, reasons: reasons.map((a) => t(a.key, lang, a.params)), scored: state.scores.some((x) => x.bidId === bid.id) });
    }
  }
  return out;
}

/** Tells the challenge's administrators that a panel member must not score a bid and needs replacing (once per member and bid). */
async function tellAdministrators(tx: Executor, c: ChallengeRow, conflicts: { expert: { id: string; name: string }; bid: BidRow; reasons: Avoidance[] }[]) {
  if (!conflicts.length) return;
  const admins = await administratorIdsOf(tx, c.jurisdictionPath.split('/').filter(Boolean));
  await notifyMany(
    tx,
    conflicts.flatMap(({ expert, bid, reasons }) =>
      admins.map((userId) => ({
        userId,
        kind: 'challenge.panelConflict',
        dedupeKey: `challenge.panelConflict:${c.id}:${expert.id}:${bid.id}:${userId}`,
        title: `评审专家须回避：「${c.title}」`,
        titleEn: `A panel member must step aside: “${c.title}”`,
        body: `${expert.name} 不能评审「${bid.organizationName}」的揭榜方案（${t(reasons[0]!.key, 'zh', reasons[0]!.params)}），请在该方案有人评分前更换这位专家。`,
        link: `/challenges/${c.id}`,
      })),
    ),
  );
}

/** The administrators of its jurisdiction publish a challenge on the board, or reject it with a reason. */
export async function reviewChallenge(db: Db, ctx: Signed, id: string, body: { decision: 'approve' | 'reject'; reason: string }) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!roles.admin) throw forbidden();
    if (c.status !== 'pending_review') throw refuse(409, 'err.challenge.notPending');
    const approve = body.decision === 'approve';
    const after = await repo.update(tx, id, {
      status: approve ? 'published' : 'rejected',
      reviewReason: body.reason || null,
      reviewedBy: ctx.actor.user.id,
      reviewedAt: now,
      publishedAt: approve ? now : null,
    });
    if (approve) await timeline(tx, c, now, 'published', { jurisdiction: c.jurisdictionName, deadline: c.deadline.toISOString() });
    else await timeline(tx, c, now, 'rejected', { reason: body.reason }, 'participants');
    if (c.organizationId) {
      await notify(tx, {
        organizationId: c.organizationId,
        kind: approve ? 'challenge.published' : 'challenge.rejected',
        dedupeKey: `challenge.review:${c.id}:${now.getTime()}`,
        title: approve ? `榜单「${c.title}」已发布` : `榜单「${c.title}」未通过审核`,
        body: body.reason,
        link: `/challenges/${c.id}`,
      });
    }
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.review', before: { status: c.status }, after: { status: after.status, reason: body.reason } });
    if (approve)
      await publish(
        tx,
        challengePublished,
        { challenge: { id: c.id, scheme: c.scheme, kind: c.kind ?? null, bounty: c.bountyFen ?? null }, title: c.title, jurisdictionCode: c.jurisdictionCode, date: shanghaiToday(now) },
        { actorId: ctx.actor.user.id, requestId: ctx.requestId },
      );
    return presentFor(tx, ctx.actor, id, now, ctx.lang);
  });
}

/** The statuses whose list item names the winners and the amounts awarded (final awards; the notice period's are provisional). */
const WINNERS_SHOWN: string[] = ['awarded', 'completed'];

/** The board (public statuses), the caller's own challenges and bids, or a review queue of the caller's regions. */
export async function searchChallenges(db: Db, actor: Actor | null, q: ChallengeQuery, now = new Date()) {
  const filter: ChallengeFilter = { scheme: q.scheme, status: q.status, q: q.q || undefined };
  if (q.jurisdiction) {
    const j = await findJurisdiction(db, q.jurisdiction);
    if (!j) return paged([], 0, q);
    filter.jurisdictionPath = j.path;
  }
  if (q.scope === 'board') {
    filter.statuses = PUBLIC_CHALLENGE_STATUSES;
    // A challenge withdrawn while in review was never on the board.
    filter.published = true;
  }
  else if (!actor) throw forbidden();
  else if (q.scope === 'mine') filter.involving = { organizationIds: actor.memberships.map((m) => m.organizationId), userId: actor.user.id };
  else if (!actor.user.isPlatformAdmin) filter.withinPaths = actor.adminOf.map((j) => j.path);
  if (q.scope === 'review' && !isAnyAdmin(actor)) throw forbidden();
  const { rows, total } = await repo.search(db, filter, q);
  const winners = await repo.winnersOf(db, rows.filter((r) => WINNERS_SHOWN.includes(r.status)).map((r) => r.id));
  return paged(
    rows.map((r) => presentChallengeSummary(r, now, winners.filter((w) => w.challengeId === r.id))),
    total,
    q,
  );
}

/** The most challenges one board export holds. */
export const BOARD_EXPORT_MAX = 5000;

/**
 * 榜单一览 as Excel for administrators: every challenge of the caller's
 * regions (or of one of them), in any status, with its winners, the amounts
 * awarded and the bounty payments recorded.
 */
export async function exportBoard(db: Db, ctx: Signed, q: Omit<ChallengeQuery, 'page' | 'pageSize' | 'scope'>) {
  const actor = ctx.actor;
  if (!isAnyAdmin(actor)) throw forbidden();
  const filter: ChallengeFilter = { scheme: q.scheme, status: q.status, q: q.q || undefined };
  let scope = actor.user.isPlatformAdmin ? '全部地区' : actor.adminOf.map((j) => j.name).join('、');
  if (q.jurisdiction) {
    const j = await findJurisdiction(db, q.jurisdiction);
    if (!j) throw refuse(422, 'err.jurisdiction.unknown', 'jurisdiction');
    if (!administers(actor, j.path)) throw forbidden();
    filter.jurisdictionPath = j.path;
    scope = j.name;
  } else if (!actor.user.isPlatformAdmin) filter.withinPaths = actor.adminOf.map((j) => j.path);
  const { rows } = await repo.search(db, filter, { page: 1, pageSize: BOARD_EXPORT_MAX });
  const found = await repo.outcomesOf(db, rows.map((r) => r.id));
  const outcomes = new Map<string, BoardOutcome>(rows.map((r) => [r.id, { winners: [], paid: 0 }]));
  for (const w of found.winners) outcomes.get(w.challengeId)!.winners.push({ name: w.name, budget: w.budget });
  for (const p of found.paid) outcomes.get(p.challengeId)!.paid = p.total;
  const parts = [scope, q.scheme && `类型 ${q.scheme}`, q.status && `状态 ${q.status}`, q.q && `关键词「${q.q}」`].filter(Boolean);
  return { fileName: `揭榜挂帅榜单_${shanghaiToday(nowOf(ctx))}.xlsx`, workbook: await boardWorkbook(rows, outcomes, parts.join('；')) };
}

/**
 * One challenge as Excel: its terms, the bids with scores (trimmed mean and
 * spread), the milestones and the bounty payments, for the administrators of
 * its jurisdiction and the poser only, written from what the detail shows
 * them (a bid's scores before the award never reach a bidder this way).
 * Audited: the workbook carries the experts' scores.
 */
export async function exportChallenge(db: Db, ctx: Signed, id: string) {
  const now = nowOf(ctx);
  const { c, policy } = await authorize(db, ctx.actor, id, now);
  if (!policy.export) throw forbidden();
  const dto = await presentFor(db, ctx.actor, id, now);
  await db.transaction((tx) => recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.export', after: { bids: dto.bids.length, milestones: dto.milestones.length } }));
  return { fileName: `${c.title}_${shanghaiToday(now)}.xlsx`, workbook: await challengeWorkbook(dto) };
}

// ---- bids

/** A verified organisation bids (揭榜) with its team, plan, budget and milestones, until the deadline. */
export async function submitBid(db: Db, ctx: Signed, id: string, body: CreateBidBody, sources: CollaborationSources = {}) {
  const now = nowOf(ctx);
  const today = shanghaiToday(now);
  return db.transaction(async (tx) => {
    const { c, state: before } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (c.status !== 'published') throw refuse(409, 'err.challenge.notPublished');
    if (c.deadline.getTime() <= now.getTime()) throw refuse(409, 'err.challenge.bidClosed', 'deadline', { deadline: shanghaiTime(c.deadline) });
    if (c.organizationId === body.organizationId) throw refuse(422, 'err.challenge.ownBid', 'organizationId');
    const m = membershipIn(ctx.actor, body.organizationId);
    if (!m || m.organizationStatus !== 'verified') throw refuse(422, 'err.challenge.bidOrganization', 'organizationId');
    if (await repo.bidOf(tx, id, body.organizationId)) throw refuse(409, 'err.challenge.bidExists', 'organizationId');
    if (c.bountyFen != null && body.budget > c.bountyFen) throw refuse(422, 'err.challenge.budgetOverBounty', 'budget', { budget: yuan(body.budget), bounty: yuan(c.bountyFen) });
    const late = body.milestones.findIndex((x) => x.dueOn < today);
    if (late >= 0) throw refuse(422, 'err.challenge.dueOnPast', `milestones.${late}.dueOn`);
    const bid = await repo.insertBid(tx, {
      challengeId: id,
      organizationId: m.organizationId,
      organizationName: m.organizationName,
      submittedBy: ctx.actor.user.id,
      team: body.team,
      plan: body.plan,
      budgetFen: body.budget,
      milestones: body.milestones.map((x) => ({ title: x.title, dueOn: x.dueOn, shareBp: toBasisPoints(x.share)!, deliverable: x.deliverable })),
      createdAt: now,
    });
    await timeline(tx, c, now, 'bid', { organization: m.organizationName }, 'participants');
    // The panel already sits: a member from, in conflict with or close to this bidder must not score it; the administrators are told.
    if (before.panel.length) {
      const experts = await panelExperts(tx, before.panel);
      const avoid = await avoidanceOnBid(tx, c, bid, experts, now, sources);
      await tellAdministrators(tx, c, experts.flatMap((e) => (avoid.get(e.id)?.length ? [{ expert: e, bid, reasons: avoid.get(e.id)! }] : [])));
    }
    await recordAudit(tx, ctx, { ...auditOf(c), organizationId: m.organizationId, action: 'challenge.bid', after: { bidId: bid.id, budget: bid.budgetFen, milestones: bid.milestones } });
    const { c: fresh, state, policy } = await authorize(tx, ctx.actor, id, now);
    return presentBid(ctx.actor, fresh, state.bids.find((b) => b.id === bid.id)!, state, policy);
  });
}

async function bidFor(db: Executor, actor: Actor, id: string, bidId: string, now: Date, opts: { lock?: boolean } = {}) {
  const loaded = await authorize(db, actor, id, now, opts);
  const bid = await repo.bid(db, id, bidId, opts);
  const { roles, policy } = loaded;
  const own = !!bid && !!membershipIn(actor, bid.organizationId);
  if (!bid || !(own || policy.seeAllBids)) throw notFound('challengeBid');
  return { ...loaded, bid, own, roles };
}

/** One bid: for its bidder (with its scores once awarded and its outcome), the panel, the poster after the deadline, administrators. */
export async function getBid(db: Db, actor: Actor, id: string, bidId: string, now = new Date()) {
  const { c, state, policy, bid } = await bidFor(db, actor, id, bidId, now);
  return presentBid(actor, c, bid, state, policy);
}

/**
 * The challenges whose bids wait for this expert's scores (待评分): they sit on
 * the panel, bidding has closed, and a bid that passed the form check has no
 * score of theirs yet. For the workbenches, which ask this module.
 */
export async function scoringsAwaiting(db: Executor, actor: Actor, now = new Date()) {
  const out: { challengeId: string; title: string; deadline: Date; bidsToScore: number }[] = [];
  for (const c of await repo.panelSeatsToScore(db, actor.user.id, now)) {
    const state = await loadState(db, actor, c, now);
    if (!challengePolicy(actor, c, state).score) continue;
    const mine = new Set(state.scores.filter((x) => x.expertId === actor.user.id).map((x) => x.bidId));
    const open = state.bids.filter((b) => b.checkStatus === 'passed' && !mine.has(b.id));
    // A bid the expert must avoid is no work of theirs (scoring it is refused; the administrators replace them).
    const [me] = await panelExperts(db, state.panel.filter((p) => p.expertId === actor.user.id));
    let bidsToScore = 0;
    for (const bid of open) if (!((await avoidanceOnBid(db, c, bid, [me!], now, {})).get(me!.id) ?? []).length) bidsToScore++;
    if (bidsToScore > 0) out.push({ challengeId: c.id, title: c.title, deadline: c.deadline, bidsToScore });
  }
  return out;
}

/** Administrators check a bid's form: passed bids go to the panel, failed ones are told why. */
export async function checkBid(db: Db, ctx: Signed, id: string, bidId: string, body: { decision: 'pass' | 'fail'; reason: string }) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, bid, roles } = await bidFor(tx, ctx.actor, id, bidId, now, { lock: true });
    if (!roles.admin) throw forbidden();
    if (c.status !== 'published') throw refuse(409, 'err.challenge.notPublished');
    if (bid.checkStatus !== 'pending') throw refuse(409, 'err.challenge.checkDecided');
    const pass = body.decision === 'pass';
    await repo.updateBid(tx, bid.id, {
      checkStatus: pass ? 'passed' : 'failed',
      checkReason: body.reason || null,
      checkedAt: now,
      ...(pass ? {} : { outcome: 'failed_check', outcomeReason: `未通过形式审查：${body.reason}` }),
    });
    if (!pass) await notify(tx, { organizationId: bid.organizationId, kind: 'challenge.bid.failedCheck', dedupeKey: `challenge.check:${bid.id}`, title: `揭榜方案未通过形式审查：「${c.title}」`, body: body.reason, link: `/challenges/${c.id}` });
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.checkBid', after: { bidId: bid.id, decision: body.decision, reason: body.reason } });
    const { c: fresh, state, policy } = await authorize(tx, ctx.actor, id, now);
    return presentBid(ctx.actor, fresh, state.bids.find((b) => b.id === bid.id)!, state, policy);
  });
}

// ---- panel and scores

/**
 * Administrators set the expert panel (user ids of approved experts) with
 * avoidance: none from the posting organisation or a bidding one, none who
 * declared a conflict, none who worked with a bidding organisation in the
 * past three years where the platform knows it (challenges.avoidance.ts).
 * Each refusal names the expert's place in the list and the reason.
 */
export async function setPanel(db: Db, ctx: Signed, id: string, body: { expertIds: string[] }, sources: CollaborationSources = {}) {
  const now = nowOf(ctx);
  const ids = [...new Set(body.expertIds)];
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!roles.admin) throw forbidden();
    if (c.status !== 'published') throw refuse(409, 'err.challenge.notPublished');
    if (state.scores.length) throw refuse(409, 'err.challenge.panelLocked');
    const experts = new Map((await approvedExperts(tx, ids)).map((e) => [e.id, e]));
    const declared = new Set((await repo.conflicts(tx, id)).map((x) => x.expertId));
    const avoid = await avoidanceOf(tx, c, state.bids, declared, [...experts.values()], now, sources);
    const errors = body.expertIds.flatMap((userId, i) => {
      const first: { key: string; params?: Record<string, string> } | undefined = experts.has(userId) ? avoid.get(userId)?.[0] : { key: 'err.challenge.notExpert' };
      return first ? [{ path: `expertIds.${i}`, key: first.key, params: first.params }] : [];
    });
    if (errors.length) throw new AppError(422, 'challenge-panel-refused', 'problem.challenge', errors[0]!.key, errors[0]!.params ?? {}, errors);
    const panel = ids.map((i) => ({ id: i, name: experts.get(i)!.name }));
    await repo.replacePanel(tx, id, panel);
    for (const e of panel) {
      await notify(tx, { userId: e.id, kind: 'challenge.panel', dedupeKey: `challenge.panel:${c.id}:${e.id}:${now.getTime()}`, title: `邀请您评审揭榜方案：「${c.title}」`, body: '揭榜截止后请对每份通过形式审查的方案按评分标准打分。', link: `/challenges/${c.id}/score` });
    }
    await timeline(tx, c, now, 'panel', { count: panel.length }, 'participants');
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.setPanel', before: { experts: state.panel.map((p) => p.expertId) }, after: { experts: ids } });
    return presentFor(tx, ctx.actor, id, now, ctx.lang, sources);
  });
}

/**
 * Administrators replace one panel member (who must avoid a bid that came
 * after the panel was set, or cannot serve) while no one has scored a bid the
 * outgoing member must avoid. The replacement passes the same avoidance as
 * the panel; the outgoing member's scores, if any, are withdrawn (kept in the
 * audit record) and the replacement scores every bid.
 */
export async function replacePanelMember(db: Db, ctx: Signed, id: string, body: { expertId: string; replacementId: string; reason: string }, sources: CollaborationSources = {}) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!roles.admin) throw forbidden();
    if (c.status !== 'published') throw refuse(409, 'err.challenge.notPublished');
    if (!state.panel.some((p) => p.expertId === body.expertId)) throw refuse(422, 'err.challenge.replaceNotOnPanel', 'expertId');
    if (state.panel.some((p) => p.expertId === body.replacementId)) throw refuse(422, 'err.challenge.replaceOnPanel', 'replacementId');
    const [incoming] = await approvedExperts(tx, [body.replacementId]);
    if (!incoming) throw refuse(422, 'err.challenge.notExpert', 'replacementId');
    const declared = new Set((await repo.conflicts(tx, id)).map((x) => x.expertId));
    const bids = state.bids.filter((b) => b.checkStatus !== 'failed');
    const avoid = (await avoidanceOf(tx, c, bids, declared, [incoming], now, sources)).get(incoming.id)?.[0];
    if (avoid) throw refuse(422, avoid.key, 'replacementId', avoid.params ?? {});
    const conflicts = (await panelConflictsOf(tx, c, state, now, sources, ctx.lang)).filter((x) => x.expert.id === body.expertId);
    const scored = conflicts.find((x) => x.scored);
    if (scored) throw refuse(409, 'err.challenge.replaceAfterScores', undefined, { organization: scored.bid.organizationName });
    if (!conflicts.length && state.scores.some((x) => x.expertId === body.expertId)) throw refuse(409, 'err.challenge.replaceScored', 'expertId');
    const withdrawn = await repo.deleteScoresOf(tx, id, body.expertId);
    await repo.swapPanelMember(tx, id, body.expertId, { id: incoming.id, name: incoming.name });
    await notify(tx, { userId: incoming.id, kind: 'challenge.panel', dedupeKey: `challenge.panel:${c.id}:${incoming.id}:${now.getTime()}`, title: `邀请您评审揭榜方案：「${c.title}」`, body: '揭榜截止后请对每份通过形式审查的方案按评分标准打分。', link: `/challenges/${c.id}/score` });
    await notify(tx, { userId: body.expertId, kind: 'challenge.panel.replaced', dedupeKey: `challenge.panel.replaced:${c.id}:${body.expertId}:${now.getTime()}`, title: `您已不再担任「${c.title}」的评审专家`, body: body.reason, link: `/challenges/${c.id}` });
    const outgoing = state.panel.find((p) => p.expertId === body.expertId)!;
    await timeline(tx, c, now, 'panelReplaced', { expert: outgoing.expertName, replacement: incoming.name, reason: body.reason }, 'participants');
    await recordAudit(tx, ctx, {
      ...auditOf(c),
      action: 'challenge.replacePanelMember',
      before: { expertId: body.expertId, conflicts: conflicts.map((x) => ({ bidId: x.bid.id, reasons: x.reasons })), withdrawnScores: withdrawn.map((x) => ({ bidId: x.bidId, scores: x.scores, comment: x.comment })) },
      after: { expertId: incoming.id, reason: body.reason },
    });
    return presentFor(tx, ctx.actor, id, now, ctx.lang, sources);
  });
}

/**
 * The panel picker: approved experts of the pool (by name), each with the
 * reasons they must be avoided on this challenge, for its administrators.
 */
export async function panelCandidates(db: Db, ctx: Signed, id: string, q: { q?: string }, sources: CollaborationSources = {}) {
  const now = nowOf(ctx);
  const { c, state, roles } = await authorize(db, ctx.actor, id, now);
  if (!roles.admin) throw forbidden();
  const pool = await expertPool(db, { q: q.q, limit: 200 });
  const declared = new Set((await repo.conflicts(db, id)).map((x) => x.expertId));
  const avoid = await avoidanceOf(db, c, state.bids, declared, pool, now, sources);
  const onPanel = new Set(state.panel.map((p) => p.expertId));
  const items = pool.map((e) => {
    const reasons = (avoid.get(e.id) ?? []).map((a) => ({ text: t(a.key, ctx.lang, a.params), basis: a.basis }));
    return { id: e.id, name: e.name, organizations: e.organizationNames, onPanel: onPanel.has(e.id), avoid: reasons.map((r) => r.text), reasons };
  });
  // The panel first, then those who may sit, then those to avoid.
  items.sort((a, b) => Number(b.onPanel) - Number(a.onPanel) || Number(a.avoid.length > 0) - Number(b.avoid.length > 0));
  return { items };
}

/** An approved expert declares a conflict of interest with a challenge: they cannot be put on its panel. */
export async function declareConflict(db: Db, ctx: Signed, id: string, body: { reason: string }) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!state.expert) throw refuse(403, 'err.challenge.notExpertSelf');
    if (roles.panel) throw refuse(409, 'err.challenge.conflictOnPanel');
    if (state.conflictDeclared) throw refuse(409, 'err.challenge.conflictExists');
    await repo.insertConflict(tx, { challengeId: id, expertId: ctx.actor.user.id, reason: body.reason, createdAt: now });
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.declareConflict', after: { expertId: ctx.actor.user.id, reason: body.reason } });
    return presentFor(tx, ctx.actor, id, now, ctx.lang);
  });
}

/**
 * A panel member scores a bid on every criterion (0–100); the score is final.
 * A member who must avoid the bid (it came after the panel was set from their
 * organisation, one they declared a conflict with or worked with in the past
 * three years) is refused with the reason, and the administrators are told
 * the panel needs a replacement.
 */
export async function scoreBid(db: Db, ctx: Signed, id: string, bidId: string, body: { scores: Record<string, number>; comment: string }, sources: CollaborationSources = {}) {
  const now = nowOf(ctx);
  const seen = await bidFor(db, ctx.actor, id, bidId, now);
  if (seen.roles.panel && seen.c.status === 'published') {
    const [me] = await panelExperts(db, seen.state.panel.filter((p) => p.expertId === ctx.actor.user.id));
    const reasons = (await avoidanceOnBid(db, seen.c, seen.bid, [me!], now, sources)).get(me!.id) ?? [];
    if (reasons.length) {
      await db.transaction((tx) => tellAdministrators(tx, seen.c, [{ expert: me!, bid: seen.bid, reasons }]));
      throw refuse(409, 'err.challenge.expertAvoidsBid', undefined, { organization: seen.bid.organizationName, reason: t(reasons[0]!.key, ctx.lang, reasons[0]!.params) });
    }
  }
  return db.transaction(async (tx) => {
    const { c, bid, roles } = await bidFor(tx, ctx.actor, id, bidId, now, { lock: true });
    if (!roles.panel) throw forbidden();
    if (c.status !== 'published') throw refuse(409, 'err.challenge.notPublished');
    if (c.deadline.getTime() > now.getTime()) throw refuse(409, 'err.challenge.scoringBeforeDeadline');
    if (bid.checkStatus !== 'passed') throw refuse(409, 'err.challenge.bidNotPassed');
    const keys = c.criteria.map((k) => k.key);
    const given = Object.keys(body.scores);
    if (given.length !== keys.length || !keys.every((k) => k in body.scores)) throw refuse(422, 'err.challenge.scoreKeys', 'scores', { keys: keys.join(', ') });
    const row = await repo.insertScore(tx, { challengeId: id, bidId, expertId: ctx.actor.user.id, scores: body.scores, weightedBp: weightedBp(c.criteria, body.scores), comment: body.comment, createdAt: now });
    if (!row) throw refuse(409, 'err.challenge.scored');
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.score', after: { bidId, scores: body.scores, weighted: pointsOf(row.weightedBp), comment: body.comment } });
    const { c: fresh, state, policy } = await authorize(tx, ctx.actor, id, now);
    return presentBid(ctx.actor, fresh, state.bids.find((b) => b.id === bidId)!, state, policy);
  });
}

// ---- award

/**
 * The award: one winning bid (several for racing and crowdsourcing), once
 * every panel member has scored every bid that passed the check. Every other
 * bidder is told why. The award is then in its public notice (公示, default
 * five days) during which verified organisations may object; a job in the
 * jobs table ends the notice, so it survives a restart. Only the final award
 * starts the milestones and announces `challenge.awarded` (money follows it).
 */
export async function awardChallenge(db: Db, ctx: Signed, id: string, body: { bidIds: string[]; note: string; noticeDays?: number }, sources: CollaborationSources = {}) {
  const now = nowOf(ctx);
  const noticeEndsAt = new Date(now.getTime() + (body.noticeDays ?? AWARD_NOTICE_DAYS) * 86_400_000);
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!roles.admin && !roles.poser) throw forbidden();
    if (c.awardedAt || c.status === 'notice' || c.status === 'awarded' || c.status === 'completed') throw refuse(409, 'err.challenge.awarded');
    if (c.status !== 'published') throw refuse(409, 'err.challenge.notPublished');
    if (c.deadline.getTime() > now.getTime()) throw refuse(409, 'err.challenge.beforeDeadline');
    // Every bid gets its outcome and reason at the award: none may still await its formal check.
    const unchecked = state.bids.filter((b) => b.checkStatus === 'pending');
    if (unchecked.length) throw refuse(409, 'err.challenge.bidsUnchecked', undefined, { count: unchecked.length, organizations: unchecked.map((b) => `「${b.organizationName}」`).join('、') });
    if (!state.panel.length) throw refuse(409, 'err.challenge.noPanel');
    const conflict = (await panelConflictsOf(tx, c, state, now, sources, ctx.lang))[0];
    if (conflict) throw refuse(409, 'err.challenge.panelConflict', undefined, { expert: conflict.expert.name, organization: conflict.bid.organizationName });
    const missing = missingScores(state);
    if (missing > 0) throw refuse(409, 'err.challenge.scoresMissing', undefined, { missing });
    const ids = [...new Set(body.bidIds)];
    if (ids.length > 1 && !multiWinner(c.scheme)) throw refuse(422, 'err.challenge.oneWinner', 'bidIds');
    const passed = new Map(state.bids.filter((b) => b.checkStatus === 'passed').map((b) => [b.id, b]));
    const unknown = body.bidIds.findIndex((b) => !passed.has(b));
    if (unknown >= 0) throw refuse(422, 'err.challenge.bidUnknown', `bidIds.${unknown}`);

    const meanOf = (b: BidRow) => trimmedResult(state.scores.filter((x) => x.bidId === b.id).map((x) => x.weightedBp), state.panel.length).mean;
    const winners = ids.map((i) => passed.get(i)!);
    const winnerText = winners.map((w) => `${w.organizationName}（综合评分 ${meanOf(w)} 分）`).join('、');
    for (const w of winners) await repo.updateBid(tx, w.id, { outcome: 'won', outcomeReason: body.note || null });
    for (const b of passed.values()) {
      if (ids.includes(b.id)) continue;
      const reason = `未中标：本方案综合评分 ${meanOf(b)} 分（专家评分的加权分，三位及以上专家时去掉最高分与最低分后取平均），中标方案为${winnerText}。${body.note}`.trim();
      await repo.updateBid(tx, b.id, { outcome: 'not_chosen', outcomeReason: reason });
    }
    const until = shanghaiTime(noticeEndsAt);
    for (const b of state.bids) {
      await notify(tx, {
        organizationId: b.organizationId,
        kind: 'challenge.awarded',
        dedupeKey: `challenge.awarded:${c.id}:${b.id}:${now.getTime()}`,
        title: ids.includes(b.id) ? `拟中标公示：「${c.title}」` : `揭榜结果公示：「${c.title}」`,
        body: ids.includes(b.id) ? `公示至 ${until}，公示期满无异议后可开始提交里程碑报告。` : `查看未中标原因与专家评分；公示至 ${until}，如有异议可在公示期内提出。`,
        link: `/challenges/${c.id}`,
      });
    }
    await repo.update(tx, id, { status: 'notice', awardedAt: now, awardNote: body.note || null, noticeEndsAt, finalAt: null });
    await timeline(tx, c, now, 'awarded', { winners: winners.map((w) => ({ name: w.organizationName, budgetFen: w.budgetFen })), until: noticeEndsAt.toISOString() });
    await scheduleJob(tx, awardNoticeJob, { payload: { challengeId: id, awardedAt: now.toISOString() }, runAt: noticeEndsAt, key: `challenges.awardNotice:${id}:${now.getTime()}` });
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.award', before: { status: c.status }, after: { status: 'notice', winners: ids, note: body.note, noticeEndsAt } });
    return presentFor(tx, ctx.actor, id, now, ctx.lang);
  });
}

/** The award becomes final: the winners' milestones begin and `challenge.awarded` is announced. */
async function finalizeAward(tx: Tx, ctx: RequestContext, c: ChallengeRow, bids: BidRow[], now: Date) {
  const winners = bids.filter((b) => b.outcome === 'won');
  for (const w of winners) await repo.insertMilestones(tx, milestoneRowsOf(c, w));
  await repo.update(tx, c.id, { status: 'awarded', finalAt: now });
  for (const w of winners) {
    await notify(tx, { organizationId: w.organizationId, kind: 'challenge.awardFinal', dedupeKey: `challenge.awardFinal:${c.id}:${w.id}`, title: `中标结果已确定：「${c.title}」`, body: '公示期满，请在里程碑看板按期提交各里程碑报告。', link: `/challenges/${c.id}/milestones` });
  }
  await timeline(tx, c, now, 'awardFinal', { winners: winners.map((w) => w.organizationName) });
  await publish(
    tx,
    challengeAwarded,
    {
      challenge: { id: c.id, scheme: c.scheme, kind: c.kind, bounty: c.bountyFen },
      title: c.title,
      poserOrganizationId: c.organizationId,
      solverOrganizationIds: winners.map((w) => w.organizationId),
      bids: winners.map((w) => ({ bidId: w.id, organizationId: w.organizationId, budget: w.budgetFen })),
      jurisdictionCode: c.jurisdictionCode,
      date: shanghaiToday(now),
    },
    { actorId: ctx.actor?.user.id ?? null, requestId: ctx.requestId },
  );
  await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.finalizeAward', before: { status: 'notice' }, after: { status: 'awarded', winners: winners.map((w) => w.id) } });
}

/**
 * The end of an award's notice: final when no objection is pending (else the
 * last dismissal makes it final). Nothing happens for an award withdrawn or
 * replaced since (the job names the award by its instant).
 */
export async function endAwardNotice(db: Db, challengeId: string, awardedAt: Date | null, now = new Date()) {
  return db.transaction(async (tx) => {
    const c = await repo.byId(tx, challengeId, { lock: true });
    if (!c || c.status !== 'notice' || !c.noticeEndsAt || !c.awardedAt) return false;
    if (awardedAt && c.awardedAt.getTime() !== awardedAt.getTime()) return false;
    if (c.noticeEndsAt.getTime() > now.getTime()) return false;
    if ((await repo.objections(tx, challengeId)).some((o) => o.status === 'pending')) return false;
    await finalizeAward(tx, { ...systemContext(`challenges.awardNotice:${challengeId}`), now }, c, await repo.bids(tx, challengeId), now);
    return true;
  });
}

/** The timer of an award's notice, a row of the jobs table. */
export const awardNoticeJob = defineJob({
  name: 'challenges.awardNotice',
  version: 1,
  payload: z.object({ challengeId: z.uuid(), awardedAt: z.string() }),
  run: async (db, p, job) => {
    await endAwardNotice(db, p.challengeId, new Date(p.awardedAt), new Date(Math.max(Date.now(), job.runAt.getTime())));
  },
});

/** Objections to the award, as the public sees them (no person named). */
export async function listObjections(db: Db, actor: Actor | null, id: string, now = new Date()) {
  const { c, state, roles } = await authorize(db, actor, id, now);
  return { items: state.objections.map((o) => presentObjection(actor, o, roles, c)) };
}

/** A verified organisation objects to an award during its notice, with the reason. */
export async function lodgeObjection(db: Db, ctx: Signed, id: string, body: { organizationId: string; reason: string }) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!noticeOpen(c, now)) throw refuse(409, 'err.challenge.noticeClosed');
    const m = membershipIn(ctx.actor, body.organizationId);
    if (!m || m.organizationStatus !== 'verified') throw refuse(422, 'err.challenge.objectionOrganization', 'organizationId');
    if (!objectingOrganizations(ctx.actor, c, state).some((x) => x.organizationId === m.organizationId)) throw refuse(409, 'err.challenge.objectionExists', 'organizationId');
    const o = await repo.insertObjection(tx, { challengeId: id, organizationId: m.organizationId, organizationName: m.organizationName, submittedBy: ctx.actor.user.id, reason: body.reason, createdAt: now });
    await timeline(tx, c, now, 'objection');
    await recordAudit(tx, ctx, { ...auditOf(c), organizationId: m.organizationId, action: 'challenge.object', after: { objectionId: o.id, reason: body.reason } });
    return presentObjection(ctx.actor, o, roles, c);
  });
}

/** Administrators resolve an objection: upheld, the award is withdrawn back to review; dismissed, it stands (and is final once the notice is over and none is pending). */
export async function resolveObjection(db: Db, ctx: Signed, id: string, objectionId: string, body: { decision: 'uphold' | 'dismiss'; reason: string }) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!roles.admin) throw forbidden();
    const o = await repo.objection(tx, id, objectionId);
    if (!o) throw notFound('challengeObjection');
    if (o.status !== 'pending' || c.status !== 'notice') throw refuse(409, 'err.challenge.objectionResolved');
    const uphold = body.decision === 'uphold';
    await repo.updateObjection(tx, o.id, { status: uphold ? 'upheld' : 'dismissed', resolution: body.reason, resolvedBy: ctx.actor.user.id, resolvedAt: now });
    await notify(tx, { organizationId: o.organizationId, kind: 'challenge.objectionResolved', dedupeKey: `challenge.objection:${o.id}`, title: `${uphold ? '异议成立' : '异议未予支持'}：「${c.title}」`, body: body.reason, link: `/challenges/${c.id}` });
    if (uphold) {
      await repo.closePendingObjections(tx, id, now, '中标结果已撤回');
      for (const b of state.bids) if (b.outcome === 'won' || b.outcome === 'not_chosen') await repo.updateBid(tx, b.id, { outcome: 'pending', outcomeReason: null });
      await repo.update(tx, id, { status: 'published', awardedAt: null, awardNote: null, noticeEndsAt: null, finalAt: null });
      for (const b of state.bids) {
        await notify(tx, { organizationId: b.organizationId, kind: 'challenge.awardWithdrawn', dedupeKey: `challenge.awardWithdrawn:${o.id}:${b.id}`, title: `中标结果撤回，重新评定：「${c.title}」`, body: body.reason, link: `/challenges/${c.id}` });
      }
      await timeline(tx, c, now, 'awardWithdrawn', { reason: body.reason });
    } else {
      await timeline(tx, c, now, 'objectionDismissed', { reason: body.reason });
    }
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.resolveObjection', before: { status: o.status }, after: { objectionId: o.id, decision: body.decision, reason: body.reason } });
    if (!uphold && c.noticeEndsAt && c.noticeEndsAt.getTime() <= now.getTime() && !state.objections.some((x) => x.status === 'pending' && x.id !== o.id)) {
      await finalizeAward(tx, ctx, c, state.bids, now);
    }
    return presentFor(tx, ctx.actor, id, now, ctx.lang);
  });
}

// ---- the agreement

/**
 * The winning plan as the agreement (军令状 for 揭榜挂帅): for the winning
 * team, the poser, the panel and the administrators, once the bid is awarded
 * (a draft while the award is in notice). An ended racing team keeps its own.
 */
async function agreementFor(db: Executor, actor: Actor, id: string, bidId: string, now: Date, opts: { lock?: boolean } = {}) {
  const loaded = await bidFor(db, actor, id, bidId, now, opts);
  const { c, bid, own, roles } = loaded;
  if (!c.awardedAt || (bid.outcome !== 'won' && bid.outcome !== 'ended')) throw notFound('challengeAgreement');
  if (!own && !roles.poser && !roles.panel && !roles.admin) throw notFound('challengeAgreement');
  return loaded;
}

const canSign = (c: ChallengeRow, bid: BidRow, own: boolean) => own && !!c.finalAt && bid.outcome === 'won' && !bid.agreementSignedAt && (c.status === 'awarded' || c.status === 'completed');

export async function getAgreement(db: Db, actor: Actor, id: string, bidId: string, now = new Date()) {
  const { c, bid, own } = await agreementFor(db, actor, id, bidId, now);
  const milestones = (await repo.milestones(db, id)).filter((m) => m.bidId === bid.id);
  return presentAgreement(c, bid, milestones, canSign(c, bid, own));
}

/** The winning team signs the agreement (立军令状) once the award is final: who and when, on the timeline for all to see. */
export async function signAgreement(db: Db, ctx: Signed, id: string, bidId: string) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, bid, own } = await agreementFor(tx, ctx.actor, id, bidId, now, { lock: true });
    if (!own) throw refuse(403, 'err.challenge.notSigner');
    if (bid.agreementSignedAt) throw refuse(409, 'err.challenge.agreementSigned');
    if (!c.finalAt || bid.outcome !== 'won' || (c.status !== 'awarded' && c.status !== 'completed')) throw refuse(409, c.status === 'notice' ? 'err.challenge.notFinal' : 'err.challenge.ended');
    await repo.updateBid(tx, bid.id, { agreementSignedAt: now, agreementSignedBy: ctx.actor.user.id, agreementSignerName: ctx.actor.user.name });
    const agreement = c.scheme === 'jiebang_guashuai' ? 'pledge' : 'task';
    await timeline(tx, c, now, 'agreementSigned', { organization: bid.organizationName, agreement });
    if (c.organizationId) {
      await notify(tx, { organizationId: c.organizationId, kind: 'challenge.agreementSigned', dedupeKey: `challenge.agreementSigned:${bid.id}`, title: `${bid.organizationName}已签署${t(`ch.tl.agreement.${agreement}`, 'zh')}：「${c.title}」`, body: '', link: `/challenges/${c.id}/agreement/${bid.id}` });
    }
    await recordAudit(tx, ctx, { ...auditOf(c), organizationId: bid.organizationId, action: 'challenge.signAgreement', after: { bidId: bid.id, budget: bid.budgetFen, signer: ctx.actor.user.id } });
    const fresh = (await repo.bid(tx, id, bid.id))!;
    const milestones = (await repo.milestones(tx, id)).filter((m) => m.bidId === bid.id);
    return presentAgreement(c, fresh, milestones, false);
  });
}

// ---- milestones

/** A winning team reports a milestone (with attachments), due or returned. */
export async function reportMilestone(db: Db, ctx: Signed, id: string, n: number, body: { note: string; attachmentIds: string[] }) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (c.status !== 'awarded') throw refuse(409, c.status === 'notice' ? 'err.challenge.inNotice' : c.awardedAt ? 'err.challenge.ended' : 'err.challenge.notAwarded');
    const bid = roles.winning[0];
    if (!bid) throw refuse(403, 'err.challenge.notTeam');
    const m = await repo.milestone(tx, bid.id, n, { lock: true });
    if (!m) throw notFound('challengeMilestone');
    if (m.status === 'reported') throw refuse(409, 'err.challenge.milestoneReported');
    if (m.status === 'accepted') throw refuse(409, 'err.challenge.milestoneAccepted');
    if (m.status === 'stopped') throw refuse(409, 'err.challenge.milestoneClosed');
    const uploaded = new Set((await attachmentsOfRecords(tx, MILESTONE_FILES, [m.id])).map((a) => a.id));
    if (body.attachmentIds.some((x) => !uploaded.has(x))) throw refuse(422, 'err.challenge.reportFiles', 'attachmentIds');
    await repo.updateMilestone(tx, m.id, { status: 'reported', reportNote: body.note, attachmentIds: body.attachmentIds, reportedAt: now, reportedBy: ctx.actor.user.id });
    if (c.organizationId) {
      await notify(tx, { organizationId: c.organizationId, kind: 'challenge.milestone.reported', dedupeKey: `challenge.report:${m.id}:${now.getTime()}`, title: `里程碑待验收：「${c.title}」第 ${n} 个里程碑`, body: `${bid.organizationName}：${m.title}`, link: `/challenges/${c.id}` });
    }
    await timeline(tx, c, now, 'milestoneReported', { organization: bid.organizationName, n, title: m.title }, 'participants');
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.reportMilestone', after: { bidId: bid.id, n, note: body.note, attachmentIds: body.attachmentIds } });
    return presentFor(tx, ctx.actor, id, now, ctx.lang);
  });
}

/** The caller's winning team's milestone `n` while its files may still change (awarded, not reported, accepted or stopped). */
async function openMilestoneOf(db: Executor, ctx: Signed, id: string, n: number, now: Date) {
  const { c, roles } = await authorize(db, ctx.actor, id, now);
  if (c.status !== 'awarded') throw refuse(409, c.status === 'notice' ? 'err.challenge.inNotice' : c.awardedAt ? 'err.challenge.ended' : 'err.challenge.notAwarded');
  const bid = roles.winning[0];
  if (!bid) throw refuse(403, 'err.challenge.notTeam');
  const m = await repo.milestone(db, bid.id, n);
  if (!m) throw notFound('challengeMilestone');
  if (m.status === 'reported' || m.status === 'accepted' || m.status === 'stopped') throw refuse(409, 'err.challenge.milestoneClosed');
  return { c, bid, m };
}

/**
 * The winning team uploads a file (PDF or image) for milestone `n` before
 * reporting it; the report then names it in `attachmentIds`. Counted against
 * the team organisation's storage.
 */
export async function addMilestoneFile(db: Db, store: AttachmentStore, ctx: Signed, id: string, n: number, next: () => Promise<IncomingFile | undefined>, quotaBytes: number) {
  const now = nowOf(ctx);
  const { c, bid, m } = await openMilestoneOf(db, ctx, id, n, now);
  const a = await attachToRecord(
    db,
    store,
    ctx,
    {
      recordType: MILESTONE_FILES,
      recordId: m.id,
      organizationId: bid.organizationId,
      jurisdictionCode: c.jurisdictionCode,
      audit: (tx, after) => recordAudit(tx, ctx, { ...auditOf(c), organizationId: bid.organizationId, action: 'challenge.milestone.attach', after: { bidId: bid.id, n, ...after } }),
    },
    next,
    quotaBytes,
  );
  return { id: a.id, fileName: a.fileName, mime: a.mime, size: a.size, url: `/api/challenges/${c.id}/milestones/${n}/attachments/${a.id}`, createdAt: a.createdAt };
}

/** Whoever uploaded a milestone's file removes it (a wrong file) while the milestone is not reported. */
export async function removeMilestoneFile(db: Db, ctx: Signed, id: string, n: number, attachmentId: string) {
  const now = nowOf(ctx);
  const { c, bid, m } = await openMilestoneOf(db, ctx, id, n, now);
  await detachFromRecord(
    db,
    ctx,
    { recordType: MILESTONE_FILES, recordIds: [m.id], audit: (tx, before) => recordAudit(tx, ctx, { ...auditOf(c), organizationId: bid.organizationId, action: 'challenge.milestone.detach', before: { bidId: bid.id, n, ...before } }) },
    attachmentId,
  );
  return null;
}

/**
 * A milestone file's bytes, for whoever sees the report it belongs to (the
 * team, the poser, the panel, the administrators; the firms on the list or
 * the public where the results are shared), and for the team before the
 * report; 404 to everyone else.
 */
export async function openMilestoneFile(db: Db, store: AttachmentStore, actor: Actor | null, id: string, n: number, attachmentId: string, now = new Date()) {
  const dto = await presentFor(db, actor, id, now);
  const seen = [...dto.milestones, ...dto.results].some((m) => m.n === n && m.attachments.some((a) => a.id === attachmentId));
  const rows = (await repo.milestones(db, id)).filter((m) => m.n === n);
  const file = (await attachmentsOfRecords(db, MILESTONE_FILES, rows.map((m) => m.id))).find((a) => a.id === attachmentId);
  const teamOf = rows.find((m) => m.id === file?.recordId)?.bidId;
  const own = !seen && !!file && dto.bids.some((b) => b.id === teamOf && b.mine);
  if (!seen && !own) throw notFound('attachment');
  return openRecordAttachment(db, store, MILESTONE_FILES, rows.map((m) => m.id), attachmentId);
}

/** The winning bid a decision is about: named, or the only one. */
function decidedBid(state: ChallengeState, bidId: string | undefined) {
  const winners = state.bids.filter((b) => b.outcome === 'won');
  if (!bidId) {
    if (winners.length > 1) throw refuse(422, 'err.challenge.whichBid', 'bidId');
    return winners[0]!;
  }
  const bid = winners.find((b) => b.id === bidId);
  if (!bid) throw refuse(422, 'err.challenge.bidUnknown', 'bidId');
  return bid;
}

async function decideMilestone(db: Db, ctx: Signed, id: string, n: number, body: { bidId?: string; text: string }, accept: boolean) {
  const now = nowOf(ctx);
  const today = shanghaiToday(now);
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!roles.poser && !roles.panel) throw forbidden();
    if (c.status !== 'awarded') throw refuse(409, c.status === 'notice' ? 'err.challenge.inNotice' : c.awardedAt ? 'err.challenge.ended' : 'err.challenge.notAwarded');
    const bid = decidedBid(state, body.bidId);
    const m = await repo.milestone(tx, bid.id, n, { lock: true });
    if (!m) throw notFound('challengeMilestone');
    if (m.status === 'accepted') throw refuse(409, 'err.challenge.milestoneAccepted');
    if (m.status !== 'reported') throw refuse(409, 'err.challenge.milestoneNotReported');
    await repo.updateMilestone(tx, m.id, { status: accept ? 'accepted' : 'returned', decidedAt: now, decidedBy: ctx.actor.user.id, decisionNote: body.text || null, ...(accept ? {} : { filesSweptAt: null }) });
    await notify(tx, {
      organizationId: bid.organizationId,
      kind: accept ? 'challenge.milestone.accepted' : 'challenge.milestone.returned',
      dedupeKey: `challenge.decide:${m.id}:${now.getTime()}`,
      title: `${accept ? '里程碑已验收' : '里程碑被退回'}：「${c.title}」第 ${n} 个里程碑`,
      body: body.text,
      link: `/challenges/${c.id}/milestones`,
    });
    if (accept) await timeline(tx, c, now, 'milestoneAccepted', { organization: bid.organizationName, n, title: m.title });
    else await timeline(tx, c, now, 'milestoneReturned', { organization: bid.organizationName, n, reason: body.text }, 'participants');
    if (accept) {
      await publish(
        tx,
        challengeMilestoneAccepted,
        { challengeId: c.id, scheme: c.scheme, bidId: bid.id, solverOrganizationId: bid.organizationId, poserOrganizationId: c.organizationId, milestone: n, share: m.shareBp / 10_000, shareBp: m.shareBp, amount: m.amountFen, jurisdictionCode: c.jurisdictionCode, date: today },
        { actorId: ctx.actor.user.id, requestId: ctx.requestId },
      );
      const all = await repo.milestones(tx, id);
      const done = (bidId: string) => all.filter((x) => x.bidId === bidId).every((x) => x.status === 'accepted');
      if (done(bid.id)) {
        await publish(
          tx,
          challengeAccepted,
          { challenge: { id: c.id, scheme: c.scheme, kind: c.kind }, poserOrganizationId: c.organizationId, solverOrganizationId: bid.organizationId, bidId: bid.id, demandId: c.demandId ?? null, dealAmount: bid.budgetFen, jurisdictionCode: c.jurisdictionCode, date: today },
          { actorId: ctx.actor.user.id, requestId: ctx.requestId },
        );
        await timeline(tx, c, now, 'accepted', { organization: bid.organizationName });
      }
      if (state.bids.filter((b) => b.outcome === 'won').every((b) => done(b.id))) {
        await repo.update(tx, id, { status: 'completed', completedAt: now });
        await timeline(tx, c, now, 'completed');
      }
    }
    await recordAudit(tx, ctx, { ...auditOf(c), action: accept ? 'challenge.acceptMilestone' : 'challenge.returnMilestone', after: { bidId: bid.id, n, note: body.text } });
    return presentFor(tx, ctx.actor, id, now, ctx.lang);
  });
}

/** The poser or a panel member accepts a reported milestone. */
export function acceptMilestone(db: Db, ctx: Signed, id: string, n: number, body: { bidId?: string; comment: string }) {
  return decideMilestone(db, ctx, id, n, { bidId: body.bidId, text: body.comment }, true);
}

/** The poser or a panel member returns a reported milestone with the reason. */
export function returnMilestone(db: Db, ctx: Signed, id: string, n: number, body: { bidId?: string; reason: string }) {
  return decideMilestone(db, ctx, id, n, { bidId: body.bidId, text: body.reason }, false);
}

/**
 * A racing stage gate: the panel (or the administrators) keeps the best teams
 * and ends the others with the reason; the ended teams' milestones stop and
 * each ended team is told why.
 */
export async function passStageGate(db: Db, ctx: Signed, id: string, body: { keepBidIds: string[]; reason: string }) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!roles.admin && !roles.panel) throw forbidden();
    if (c.scheme !== 'racing') throw refuse(409, 'err.challenge.notRacing');
    if (c.status !== 'awarded') throw refuse(409, c.status === 'notice' ? 'err.challenge.inNotice' : 'err.challenge.notAwarded');
    const racing = state.bids.filter((b) => b.outcome === 'won');
    const unknown = body.keepBidIds.findIndex((k) => !racing.some((b) => b.id === k));
    if (unknown >= 0) throw refuse(422, 'err.challenge.stageGateKeep', `keepBidIds.${unknown}`);
    const ended = racing.filter((b) => !body.keepBidIds.includes(b.id));
    if (!ended.length) throw refuse(422, 'err.challenge.stageGateNone', 'keepBidIds');
    const kept = racing.filter((b) => body.keepBidIds.includes(b.id));
    for (const b of ended) {
      await repo.updateBid(tx, b.id, { outcome: 'ended', outcomeReason: `阶段评审未保留：${body.reason}` });
      await repo.stopMilestones(tx, b.id, now, `阶段评审未保留：${body.reason}`);
      await notify(tx, { organizationId: b.organizationId, kind: 'challenge.stageGate.ended', dedupeKey: `challenge.stageGate:${c.id}:${b.id}`, title: `赛马阶段评审未保留：「${c.title}」`, body: body.reason, link: `/challenges/${c.id}` });
    }
    await timeline(tx, c, now, 'stageGate', { kept: kept.map((b) => b.organizationName), ended: ended.map((b) => b.organizationName), reason: body.reason });
    const all = await repo.milestones(tx, id);
    if (kept.every((b) => all.filter((m) => m.bidId === b.id).every((m) => m.status === 'accepted'))) {
      await repo.update(tx, id, { status: 'completed', completedAt: now });
      await timeline(tx, c, now, 'completed');
    }
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.stageGate', after: { kept: kept.map((b) => b.id), ended: ended.map((b) => b.id), reason: body.reason } });
    return presentFor(tx, ctx.actor, id, now, ctx.lang);
  });
}

/**
 * The poser or an administrator ends a challenge, with the reason, at any
 * time before it is completed (while in review the poser withdraws it).
 * Bids still pending are closed with the reason; the winners' milestones not
 * yet accepted stop (as a racing stage gate stops an ended team's).
 */
export async function terminateChallenge(db: Db, ctx: Signed, id: string, body: { reason: string }) {
  const now = nowOf(ctx);
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (!roles.admin && !roles.poser) throw forbidden();
    if (!terminable(c)) throw refuse(409, 'err.challenge.ended');
    await repo.update(tx, id, { status: 'terminated', terminatedAt: now, terminationReason: body.reason });
    for (const b of state.bids) {
      if (b.outcome === 'pending') await repo.updateBid(tx, b.id, { outcome: 'terminated', outcomeReason: `榜单已终止：${body.reason}` });
      if (b.outcome === 'won') await repo.stopMilestones(tx, b.id, now, `榜单已终止：${body.reason}`);
      await notify(tx, { organizationId: b.organizationId, kind: 'challenge.terminated', dedupeKey: `challenge.terminated:${c.id}:${b.id}`, title: `榜单已终止：「${c.title}」`, body: body.reason, link: `/challenges/${c.id}` });
    }
    await timeline(tx, c, now, 'terminated', { reason: body.reason });
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.terminate', before: { status: c.status }, after: { status: 'terminated', reason: body.reason } });
    await publish(tx, challengeTerminated, { challenge: { id: c.id, scheme: c.scheme }, jurisdictionCode: c.jurisdictionCode, terminatedOn: shanghaiToday(now), reason: body.reason }, { actorId: ctx.actor.user.id, requestId: ctx.requestId });
    return presentFor(tx, ctx.actor, id, now, ctx.lang);
  });
}

/**
 * 悬赏: the poser records a payment it made to a winning team once the team's
 * solution is accepted (every milestone). All tranches together stay within
 * the winning budget; a record is never changed. The team is told, the
 * participants' timeline shows it.
 */
export async function recordBountyPayment(db: Db, ctx: Signed, id: string, body: BountyPaymentBody) {
  const now = nowOf(ctx);
  const today = shanghaiToday(now);
  return db.transaction(async (tx) => {
    const { c, state, roles } = await authorize(tx, ctx.actor, id, now, { lock: true });
    if (c.scheme !== 'bounty') throw refuse(409, 'err.challenge.paymentScheme');
    if (!roles.poser) throw refuse(403, 'err.challenge.paymentNotPoser');
    if (c.status !== 'awarded' && c.status !== 'completed') throw refuse(409, 'err.challenge.paymentBeforeAcceptance');
    const bid = decidedBid(state, body.bidId);
    const ms = (await repo.milestones(tx, id)).filter((m) => m.bidId === bid.id);
    if (!ms.length || ms.some((m) => m.status !== 'accepted')) throw refuse(409, 'err.challenge.paymentBeforeAcceptance');
    if (body.paidOn > today) throw refuse(422, 'err.challenge.paidOnFuture', 'paidOn', { today });
    const paid = (await repo.payments(tx, id)).filter((p) => p.bidId === bid.id).reduce((sum, p) => sum + p.amountFen, 0);
    if (paid + body.amount > bid.budgetFen)
      throw refuse(422, 'err.challenge.paymentOverCommitment', 'amount', { amount: yuan(body.amount), paid: yuan(paid), committed: yuan(bid.budgetFen), remaining: yuan(bid.budgetFen - paid) });
    const p = await repo.insertPayment(tx, {
      challengeId: c.id,
      bidId: bid.id,
      amountFen: body.amount,
      paidOn: body.paidOn,
      reference: body.reference,
      note: body.note,
      recordedBy: ctx.actor.user.id,
      recordedByName: ctx.actor.user.name,
      recordedAt: now,
    });
    const total = paid + body.amount;
    await timeline(tx, c, now, 'bountyPaid', { payer: c.organizationName ?? ctx.actor.user.name, payee: bid.organizationName, amountFen: body.amount, paidOn: body.paidOn, totalFen: total, budgetFen: bid.budgetFen }, 'participants');
    await notify(tx, {
      organizationId: bid.organizationId,
      kind: 'challenge.bounty.paid',
      dedupeKey: `challenge.bounty.paid:${p.id}`,
      title: `发榜方已记录悬赏金支付：「${c.title}」${yuan(body.amount)}`,
      body: `支付日期 ${body.paidOn}，凭证 ${body.reference}；累计 ${yuan(total)}，中标金额 ${yuan(bid.budgetFen)}`,
      link: `/challenges/${c.id}`,
    });
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.recordPayment', after: { paymentId: p.id, bidId: bid.id, amount: body.amount, paidOn: body.paidOn, reference: body.reference, note: body.note, paidTotal: total, committed: bid.budgetFen } });
    return presentFor(tx, ctx.actor, id, now, ctx.lang);
  });
}

/** Days before a milestone's due date that its team is reminded. */
export const MILESTONE_REMIND_DAYS = 7;

/**
 * The daily look at milestones: a team is reminded once of a milestone due
 * within a week, and told (with the poster) once when it is overdue. The
 * overdue state itself is computed on every read; this only sends the notices,
 * each once per milestone (its dedupe key).
 */
export async function sweepMilestones(db: Db, now = new Date()) {
  const today = shanghaiToday(now);
  const soon = shanghaiToday(new Date(now.getTime() + MILESTONE_REMIND_DAYS * 86_400_000));
  return db.transaction(async (tx) => {
    let reminded = 0;
    let overdue = 0;
    for (const { m, c, b } of await repo.openMilestonesDueBy(tx, soon)) {
      const late = m.dueOn < today;
      const link = `/challenges/${c.id}/milestones`;
      const to = late && c.organizationId ? [b.organizationId, c.organizationId] : [b.organizationId];
      await notifyMany(
        tx,
        to.map((organizationId) => ({
          organizationId,
          kind: late ? 'challenge.milestone.overdue' : 'challenge.milestone.due',
          dedupeKey: `challenge.milestone.${late ? 'overdue' : 'due'}:${m.id}:${organizationId}`,
          title: late ? `里程碑已逾期：「${c.title}」第 ${m.n} 个里程碑（应于 ${m.dueOn} 完成）` : `里程碑即将到期：「${c.title}」第 ${m.n} 个里程碑（${m.dueOn}）`,
          body: `${b.organizationName}：${m.title}`,
          titleEn: late ? `Milestone overdue: ${m.n} of “${c.title}” (due ${m.dueOn})` : `Milestone due soon: ${m.n} of “${c.title}” (${m.dueOn})`,
          link,
        })),
      );
      if (late) overdue++;
      else reminded++;
    }
    return { reminded, overdue };
  });
}

/** Days a milestone's files not named in its report are kept once it can no longer be reported (reported, accepted, stopped, or the challenge terminated). */
export const MILESTONE_FILES_GRACE_DAYS = 7;

/**
 * The daily sweep of milestone files nobody will use: a file the team
 * uploaded but did not name in the milestone's report, once the milestone was
 * reported, accepted or stopped (or the challenge terminated) more than
 * `MILESTONE_FILES_GRACE_DAYS` ago. Until then such files count against the
 * team organisation's storage, and the team may remove them itself. Each
 * milestone swept is audited (by the platform) with the files it lost. The
 * sweep is incremental: a milestone once seen is marked (`filesSweptAt`) and
 * skipped by later sweeps until it opens again (returned to the team).
 */
export async function sweepMilestoneFiles(db: Db, now = new Date()) {
  const before = new Date(now.getTime() - MILESTONE_FILES_GRACE_DAYS * 86_400_000);
  return db.transaction(async (tx) => {
    const closed = await repo.milestonesToSweep(tx, before);
    const files = await attachmentsOfRecords(tx, MILESTONE_FILES, closed.map(({ m }) => m.id));
    let removed = 0;
    for (const { m, c } of closed) {
      const named = new Set(m.attachmentIds);
      const unused = files.filter((f) => f.recordId === m.id && !named.has(f.id) && f.createdAt < before);
      if (!unused.length) continue;
      const gone = await sweepRecordAttachments(tx, MILESTONE_FILES, unused.map((f) => f.id));
      removed += gone.length;
      await recordAudit(tx, systemContext('challenges:milestoneFiles'), {
        ...auditOf(c),
        action: 'challenge.milestone.filesSwept',
        before: { bidId: m.bidId, n: m.n, files: gone.map((f) => ({ attachmentId: f.id, fileName: f.fileName, size: f.size, uploadedBy: f.uploadedBy })) },
      });
    }
    await repo.markFilesSwept(tx, closed.map(({ m }) => m.id), now);
    return { removed, milestones: closed.length };
  });
}
