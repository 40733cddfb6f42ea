import { shanghaiToday, type ChallengeTaskBody, type ChallengeTaskDto, type TaskSubmissionDto } from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { notify } from '../notifications/notifications.service.ts';
import { challengeAccepted } from './challenges.events.ts';
import { challengeRepository, type ChallengeRow } from './challenges.repository.ts';
import { challengeRoles } from './challenges.policy.ts';
import { committedOf, submittersFor, taskDeadline, tasksPolicy, taskOpen, type TaskView } from './challenges.tasks.policy.ts';
import { refuse, shanghaiTime, yuan } from './challenges.refusals.ts';
import { timeline } from './challenges.timeline.ts';
import { taskRepository as repo, type SubmissionRow, type TaskRow } from './challenges.tasks.repository.ts';

/**
 * 研发众包: the small tasks of a crowdsourcing challenge, open submissions to
 * them, and the poser's decision on each (accepted: its reward recorded as
 * paid, `challenge.accepted` announced for the submitter; or returned with
 * the reason).
 */

type Signed = RequestContext & { actor: Actor };

const auditOf = (c: ChallengeRow) => ({ entityType: 'challenge', entityId: c.id, organizationId: c.organizationId, jurisdictionCode: c.jurisdictionCode });

/** The challenge with its tasks and submissions and the caller's standing on them; 404 when the caller may not read it. */
async function load(db: Executor, actor: Actor | null, id: string, now: Date, opts: { lock?: boolean } = {}): Promise<TaskView> {
  const c = await challengeRepository.byId(db, id, opts);
  if (!c) throw notFound('challenge');
  const [bids, panel, tasks, submissions] = await Promise.all([challengeRepository.bids(db, id), challengeRepository.panel(db, id), repo.tasks(db, id), repo.submissions(db, id)]);
  const view: TaskView = { actor, c, roles: challengeRoles(actor, c, { bids, panel }), tasks, submissions, now };
  if (!tasksPolicy(view).read) throw notFound('challenge');
  return view;
}

// ---- presenting

function presentSubmission(v: TaskView, s: SubmissionRow): TaskSubmissionDto {
  const p = tasksPolicy(v);
  const mine = !!v.actor && !!membershipIn(v.actor, s.organizationId);
  const task = v.tasks.find((t) => t.id === s.taskId)!;
  const full = v.submissions.filter((x) => x.taskId === s.taskId && x.status === 'accepted').length >= task.quota;
  return {
    id: s.id,
    taskId: s.taskId,
    organization: { id: s.organizationId, name: s.organizationName },
    text: s.text,
    status: s.status as TaskSubmissionDto['status'],
    submittedAt: s.createdAt,
    decidedAt: s.decidedAt,
    decisionNote: s.decisionNote,
    payment: (p.seeAll || mine) && s.paidFen != null ? { amount: s.paidFen, paidOn: s.paidOn!, reference: s.paymentReference ?? '' } : null,
    mine,
    allowedActions: p.decide && s.status === 'submitted' ? (full ? ['return'] : ['accept', 'return']) : [],
  };
}

/** The submissions of a task the caller sees: all for the poser and administrators, one's own, and accepted ones where the poser made results public. */
const visibleSubmissions = (v: TaskView, taskId: string) => v.submissions.filter((s) => s.taskId === taskId && tasksPolicy(v).seeSubmission(s));

function presentTask(v: TaskView, t: TaskRow): ChallengeTaskDto {
  const accepted = v.submissions.filter((s) => s.taskId === t.id && s.status === 'accepted').length;
  const submitAs = submittersFor(v, t).map((m) => ({ id: m.organizationId, name: m.organizationName }));
  return {
    id: t.id,
    challengeId: t.challengeId,
    n: t.n,
    title: t.title,
    description: t.description,
    reward: t.rewardFen,
    deadline: taskDeadline(v.c, t),
    quota: t.quota,
    accepted,
    submissions: visibleSubmissions(v, t.id).length,
    open: taskOpen(v, t),
    submitAs,
    allowedActions: submitAs.length ? ['submit'] : [],
  };
}

function presentTasks(v: TaskView) {
  const paid = v.submissions.reduce((s, x) => s + (x.paidFen ?? 0), 0);
  const committed = committedOf(v.tasks);
  const bounty = v.c.bountyFen ?? null;
  return {
    items: v.tasks.map((t) => presentTask(v, t)),
    budget: { bounty, committed, paid, remaining: Math.max(0, (bounty ?? 0) - committed) },
    resultsPublic: v.c.resultsPublic,
    allowedActions: tasksPolicy(v).defineTasks ? ['createTask'] : [],
  };
}

// ---- tasks

/** Refuses a task the challenge cannot take (wrong scheme, its rewards over the bounty, a deadline outside the challenge's). */
function checkTask(c: ChallengeRow, committed: number, body: ChallengeTaskBody, now: Date, at = '') {
  if (c.scheme !== 'crowdsourcing') throw refuse(422, 'err.challenge.tasksCrowdOnly', at ? 'tasks' : undefined);
  const total = committed + body.reward * body.quota;
  const bounty = c.bountyFen ?? 0;
  if (total > bounty) throw refuse(422, 'err.challenge.taskRewardsOverBounty', `${at}reward`, { total: yuan(total), bounty: yuan(bounty) });
  if (body.deadline) {
    const d = new Date(body.deadline);
    if (d.getTime() <= now.getTime()) throw refuse(422, 'err.challenge.taskDeadlinePast', `${at}deadline`);
    if (d.getTime() > c.deadline.getTime()) throw refuse(422, 'err.challenge.taskDeadlineLate', `${at}deadline`, { deadline: shanghaiTime(c.deadline) });
  }
  return total;
}

async function insertTask(tx: Tx, ctx: Signed, c: ChallengeRow, body: ChallengeTaskBody, now: Date) {
  const t = await repo.insertTask(tx, {
    challengeId: c.id,
    n: await repo.nextN(tx, c.id),
    title: body.title,
    description: body.description,
    rewardFen: body.reward,
    deadline: body.deadline ? new Date(body.deadline) : null,
    quota: body.quota,
    createdBy: ctx.actor.user.id,
    createdAt: now,
  });
  await timeline(tx, c, now, 'taskAdded', { title: t.title, rewardFen: t.rewardFen, quota: t.quota });
  await recordAudit(tx, ctx, { ...auditOf(c), action: 'challenge.task.create', after: { taskId: t.id, n: t.n, title: t.title, reward: t.rewardFen, quota: t.quota, deadline: t.deadline } });
  return t;
}

/** The tasks named when the challenge is posted (in its transaction): each checked against the bounty, the field at fault `tasks.<i>.…`. */
export async function addTasksAtPosting(tx: Tx, ctx: Signed, c: ChallengeRow, tasks: ChallengeTaskBody[], now: Date) {
  let committed = 0;
  for (const [i, body] of tasks.entries()) {
    committed = checkTask(c, committed, body, now, `tasks.${i}.`);
    await insertTask(tx, ctx, c, body, now);
  }
}

/** A crowdsourcing challenge's tasks with the money they commit, for whoever may read the challenge. */
export async function listTasks(db: Db, actor: Actor | null, id: string, now = new Date()) {
  return presentTasks(await load(db, actor, id, now));
}

/** The poser (or an administrator of its region) adds a task while the challenge is in review or open, within its bounty. */
export async function createTask(db: Db, ctx: Signed, id: string, body: ChallengeTaskBody) {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const v = await load(tx, ctx.actor, id, now, { lock: true });
    if (!v.roles.poser && !v.roles.admin) throw forbidden();
    if (!tasksPolicy(v).defineTasks) {
      if (v.c.scheme !== 'crowdsourcing') throw refuse(422, 'err.challenge.tasksCrowdOnly');
      throw refuse(409, 'err.challenge.tasksClosed');
    }
    checkTask(v.c, committedOf(v.tasks), body, now);
    const t = await insertTask(tx, ctx, v.c, body, now);
    return presentTask({ ...v, tasks: [...v.tasks, t] }, t);
  });
}

// ---- submissions

async function taskIn(db: Executor, v: TaskView, taskId: string, opts: { lock?: boolean } = {}) {
  const t = await repo.task(db, v.c.id, taskId, opts);
  if (!t) throw notFound('challengeTask');
  return t;
}

/** The submissions of a task the caller may see. */
export async function listSubmissions(db: Db, actor: Actor | null, id: string, taskId: string, now = new Date()) {
  const v = await load(db, actor, id, now);
  const t = await taskIn(db, v, taskId);
  return { items: visibleSubmissions(v, t.id).map((s) => presentSubmission(v, s)) };
}

/** A verified organisation (not the poser's) submits to a task until its deadline, while the task has places left; one open submission per organisation and task. */
export async function submitToTask(db: Db, ctx: Signed, id: string, taskId: string, body: { organizationId: string; text: string }) {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const v = await load(tx, ctx.actor, id, now, { lock: true });
    const t = await taskIn(tx, v, taskId, { lock: true });
    if (v.c.status !== 'published') throw refuse(409, 'err.challenge.notPublished');
    const closes = taskDeadline(v.c, t);
    if (closes.getTime() <= now.getTime()) throw refuse(409, 'err.challenge.taskClosed', 'deadline', { deadline: shanghaiTime(closes) });
    if (v.c.organizationId === body.organizationId) throw refuse(422, 'err.challenge.ownSubmission', 'organizationId');
    const m = membershipIn(ctx.actor, body.organizationId);
    if (!m || m.organizationStatus !== 'verified') throw refuse(422, 'err.challenge.submissionOrganization', 'organizationId');
    if (v.submissions.filter((s) => s.taskId === t.id && s.status === 'accepted').length >= t.quota) throw refuse(409, 'err.challenge.taskFull');
    if (v.submissions.some((s) => s.taskId === t.id && s.organizationId === m.organizationId && s.status !== 'returned')) throw refuse(409, 'err.challenge.submissionExists', 'organizationId');
    const s = await repo.insertSubmission(tx, { challengeId: v.c.id, taskId: t.id, organizationId: m.organizationId, organizationName: m.organizationName, submittedBy: ctx.actor.user.id, text: body.text, createdAt: now });
    if (v.c.organizationId)
      await notify(tx, { organizationId: v.c.organizationId, kind: 'challenge.task.submitted', dedupeKey: `challenge.task.submitted:${s.id}`, title: `众包任务收到成果：「${t.title}」`, body: m.organizationName, link: `/challenges/${v.c.id}` });
    await timeline(tx, v.c, now, 'taskSubmitted', { organization: m.organizationName, title: t.title }, 'participants');
    await recordAudit(tx, ctx, { ...auditOf(v.c), organizationId: m.organizationId, action: 'challenge.task.submit', after: { taskId: t.id, submissionId: s.id } });
    return presentSubmission({ ...v, submissions: [...v.submissions, s] }, s);
  });
}

async function decide(db: Db, ctx: Signed, id: string, taskId: string, subId: string, decision: { accept: true; paidOn: string; reference: string; comment: string } | { accept: false; reason: string }) {
  const now = ctx.now ?? new Date();
  const today = shanghaiToday(now);
  return db.transaction(async (tx) => {
    const v = await load(tx, ctx.actor, id, now, { lock: true });
    const t = await taskIn(tx, v, taskId, { lock: true });
    const s = await repo.submission(tx, t.id, subId, { lock: true });
    if (!s || !tasksPolicy(v).seeSubmission(s)) throw notFound('challengeTaskSubmission');
    if (!v.roles.poser) throw forbidden();
    if (!tasksPolicy(v).decide) throw refuse(409, 'err.challenge.ended');
    if (s.status === 'accepted') throw refuse(409, 'err.challenge.submissionAccepted');
    if (s.status !== 'submitted') throw refuse(409, 'err.challenge.submissionReturned');
    let after: SubmissionRow;
    if (decision.accept) {
      if (v.submissions.filter((x) => x.taskId === t.id && x.status === 'accepted').length >= t.quota) throw refuse(409, 'err.challenge.taskFull');
      if (decision.paidOn > today) throw refuse(422, 'err.challenge.paidOnFuture', 'paidOn');
      after = await repo.updateSubmission(tx, s.id, { status: 'accepted', decidedAt: now, decidedBy: ctx.actor.user.id, decisionNote: decision.comment || null, paidFen: t.rewardFen, paidOn: decision.paidOn, paymentReference: decision.reference });
      // Each accepted task is a challenge solved by its submitter: the policy engine and statistics follow it as they do a bid's last milestone.
      await publish(
        tx,
        challengeAccepted,
        { challenge: { id: v.c.id, scheme: v.c.scheme, kind: v.c.kind }, poserOrganizationId: v.c.organizationId, solverOrganizationId: s.organizationId, bidId: s.id, demandId: v.c.demandId ?? null, dealAmount: t.rewardFen, jurisdictionCode: v.c.jurisdictionCode, date: today },
        { actorId: ctx.actor.user.id, requestId: ctx.requestId },
      );
    } else {
      after = await repo.updateSubmission(tx, s.id, { status: 'returned', decidedAt: now, decidedBy: ctx.actor.user.id, decisionNote: decision.reason });
    }
    // An accepted result is on the public timeline where the poser shares results; a returned one stays with the participants.
    if (decision.accept) await timeline(tx, v.c, now, 'taskAccepted', { organization: s.organizationName, title: t.title, rewardFen: t.rewardFen }, v.c.resultsPublic ? 'public' : 'participants');
    else await timeline(tx, v.c, now, 'taskReturned', { organization: s.organizationName, title: t.title, reason: decision.reason }, 'participants');
    await notify(tx, {
      organizationId: s.organizationId,
      kind: decision.accept ? 'challenge.task.accepted' : 'challenge.task.returned',
      dedupeKey: `challenge.task.decided:${s.id}`,
      title: decision.accept ? `众包任务成果已验收：「${t.title}」，奖励 ${yuan(t.rewardFen)} 已记录支付` : `众包任务成果被退回：「${t.title}」`,
      body: decision.accept ? `${decision.paidOn} · ${decision.reference}` : decision.reason,
      link: `/challenges/${v.c.id}`,
    });
    await recordAudit(tx, ctx, {
      ...auditOf(v.c),
      action: decision.accept ? 'challenge.task.accept' : 'challenge.task.return',
      before: { status: s.status },
      after: decision.accept ? { taskId: t.id, submissionId: s.id, paid: t.rewardFen, paidOn: decision.paidOn, reference: decision.reference, comment: decision.comment } : { taskId: t.id, submissionId: s.id, reason: decision.reason },
    });
    return presentSubmission({ ...v, submissions: v.submissions.map((x) => (x.id === after.id ? after : x)) }, after);
  });
}

/** The poser accepts a submission: the task's reward is recorded as paid (day and reference) and `challenge.accepted` is announced for the submitter. */
export function acceptSubmission(db: Db, ctx: Signed, id: string, taskId: string, subId: string, body: { paidOn: string; reference: string; comment: string }) {
  return decide(db, ctx, id, taskId, subId, { accept: true, ...body });
}

/** The poser returns a submission with the reason; the organisation may submit again while the task is open. */
export function returnSubmission(db: Db, ctx: Signed, id: string, taskId: string, subId: string, body: { reason: string }) {
  return decide(db, ctx, id, taskId, subId, { accept: false, reason: body.reason });
}
