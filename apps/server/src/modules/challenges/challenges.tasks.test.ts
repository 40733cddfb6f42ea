import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { shanghaiToday } from '@kzt/shared';
import { auditEvents, challengeTasks, challengeTaskSubmissions, domainEvents, notifications } from '../../db/schema/index.ts';
import { useTestApp } from '../../../test/testApp.ts';
import type { TestUser } from '../../../test/factories.ts';
import { challengeRepository } from './challenges.repository.ts';
import { taskRepository } from './challenges.tasks.repository.ts';

const t = useTestApp();

const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();
const today = () => shanghaiToday(new Date());

/** A poser (enterprise in 晋中) with a colleague, its administrator, two solver organisations, and a bystander with no organisation. */
async function world() {
  const f = t.factories;
  const poser = await f.user({ name: '众包发榜人' });
  const poserOrg = await f.organization(poser, { name: `晋中视觉装备${Date.now()}` });
  const admin = await f.admin('140700');
  const solvers: { user: TestUser; orgId: string }[] = [];
  for (const name of ['甲大学', '乙工作室']) {
    const user = await f.user({ name: `${name}成员` });
    const org = await f.organization(user, { type: 'university', name: `${name}${Date.now()}` });
    solvers.push({ user, orgId: org.id });
  }
  const bystander = await f.user({ name: '路人' });
  return { poser, poserOrgId: poserOrg.id, admin, solvers, bystander };
}
type World = Awaited<ReturnType<typeof world>>;

const task = (extra: Record<string, unknown> = {}) => ({ title: '划痕检测模型', description: '检出率 ≥ 98%', reward: 5_000_000, ...extra });

async function crowdChallenge(w: World, extra: Record<string, unknown> = {}) {
  const posted = await t.api('POST', '/api/challenges', {
    token: w.poser.token,
    body: { scheme: 'crowdsourcing', title: '外观缺陷检测众包', description: '五类缺陷', organizationId: w.poserOrgId, bounty: 20_000_000, deadline: inDays(20), resultsPublic: true, tasks: [task(), task({ title: '样本标注', reward: 1_000_000, quota: 2 })], ...extra },
  });
  expect(posted.statusCode, posted.body).toBe(201);
  const id = posted.json().id as string;
  const reviewed = await t.api('POST', `/api/challenges/${id}/review`, { token: w.admin.token, body: { decision: 'approve' } });
  expect(reviewed.statusCode, reviewed.body).toBe(200);
  return id;
}

const tasksOf = async (id: string, token?: string) => (await t.api('GET', `/api/challenges/${id}/tasks`, { token })).json();
const submit = (id: string, taskId: string, s: { user: TestUser; orgId: string }, text = '模型与评测报告') =>
  t.api('POST', `/api/challenges/${id}/tasks/${taskId}/submissions`, { token: s.user.token, body: { organizationId: s.orgId, text } });
const accept = (id: string, taskId: string, subId: string, token: string, body: Record<string, unknown> = { paidOn: today(), reference: 'ZF-2026-001' }) =>
  t.api('POST', `/api/challenges/${id}/tasks/${taskId}/submissions/${subId}/accept`, { token, body });

describe('研发众包 tasks', () => {
  it('are posted with the challenge, take open submissions, and each accepted one is paid, announced and shown to the public', async () => {
    const w = await world();
    const id = await crowdChallenge(w);
    const listed = await tasksOf(id);
    expect(listed.budget).toEqual({ bounty: 20_000_000, committed: 7_000_000, paid: 0, remaining: 13_000_000 });
    expect(listed.items.map((x: { n: number; title: string; quota: number; open: boolean }) => [x.n, x.title, x.quota, x.open])).toEqual([
      [1, '划痕检测模型', 1, true],
      [2, '样本标注', 2, true],
    ]);
    expect(listed.allowedActions).toEqual([]);
    expect((await tasksOf(id, w.poser.token)).allowedActions).toEqual(['createTask']);

    // The poser adds a third task after publication.
    const added = await t.api('POST', `/api/challenges/${id}/tasks`, { token: w.poser.token, body: task({ title: '缺件识别', reward: 3_000_000, deadline: inDays(10) }) });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ n: 3, reward: 3_000_000, quota: 1, accepted: 0 });

    const [first, second] = (await tasksOf(id, w.solvers[0]!.user.token)).items;
    expect(first.submitAs).toEqual([{ id: w.solvers[0]!.orgId, name: expect.any(String) }]);
    const a = await submit(id, first.id, w.solvers[0]!);
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ status: 'submitted', mine: true, payment: null });
    const b = await submit(id, first.id, w.solvers[1]!, '另一份方案');
    expect(b.statusCode).toBe(201);

    // Before acceptance: the poser sees both, each submitter its own, the public none.
    const seen = async (token?: string) => (await t.api('GET', `/api/challenges/${id}/tasks/${first.id}/submissions`, { token })).json().items.map((s: { id: string }) => s.id);
    expect(await seen(w.poser.token)).toEqual([a.json().id, b.json().id]);
    expect(await seen(w.solvers[1]!.user.token)).toEqual([b.json().id]);
    expect(await seen()).toEqual([]);
    expect((await t.api('GET', `/api/challenges/${id}/tasks/${first.id}/submissions`, { token: w.poser.token })).json().items[0].allowedActions).toEqual(['accept', 'return']);

    const ok = await accept(id, first.id, a.json().id, w.poser.token, { paidOn: today(), reference: 'ZF-2026-001', comment: '满足指标' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', decisionNote: '满足指标', payment: { amount: 5_000_000, paidOn: today(), reference: 'ZF-2026-001' } });

    // The task's one place is taken: the other submission can only be returned, and no more are taken.
    const other = (await t.api('GET', `/api/challenges/${id}/tasks/${first.id}/submissions`, { token: w.poser.token })).json().items[1];
    expect(other.allowedActions).toEqual(['return']);
    const full = await accept(id, first.id, b.json().id, w.poser.token);
    expect(full.statusCode).toBe(409);
    expect(full.json().detail).toBe('该任务的验收名额已满');
    const returned = await t.api('POST', `/api/challenges/${id}/tasks/${first.id}/submissions/${b.json().id}/return`, { token: w.poser.token, body: { reason: '名额已满' } });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', decisionNote: '名额已满' });

    // Accepted work is public (resultsPublic), without the payment; the submitter sees its payment.
    const pub = (await t.api('GET', `/api/challenges/${id}/tasks/${first.id}/submissions`)).json().items;
    expect(pub).toHaveLength(1);
    expect(pub[0]).toMatchObject({ id: a.json().id, status: 'accepted', payment: null, mine: false });
    expect((await t.api('GET', `/api/challenges/${id}/tasks/${first.id}/submissions`, { token: w.solvers[0]!.user.token })).json().items[0].payment.amount).toBe(5_000_000);
    expect((await tasksOf(id)).budget).toMatchObject({ paid: 5_000_000, committed: 10_000_000 });
    expect((await tasksOf(id)).items[0]).toMatchObject({ accepted: 1, open: false, submissions: 1 });

    // The policy engine and statistics hear of it as challenge.accepted, the submission standing for the bid.
    const events = await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'challenge.accepted'));
    const mine = events.filter((e) => (e.payload as { challenge: { id: string } }).challenge.id === id);
    expect(mine.map((e) => e.payload)).toEqual([
      { challenge: { id, scheme: 'crowdsourcing', kind: null }, poserOrganizationId: w.poserOrgId, solverOrganizationId: w.solvers[0]!.orgId, bidId: a.json().id, demandId: null, dealAmount: 5_000_000, jurisdictionCode: '140700', date: today() },
    ]);
    const told = await t.database.db.select().from(notifications).where(eq(notifications.organizationId, w.solvers[0]!.orgId));
    expect(told.map((n) => n.kind)).toContain('challenge.task.accepted');
    const audited = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'challenge.task.accept')));
    expect(audited).toHaveLength(1);

    // A task with two places pays two organisations.
    const s1 = await submit(id, second.id, w.solvers[0]!);
    const s2 = await submit(id, second.id, w.solvers[1]!);
    expect((await accept(id, second.id, s1.json().id, w.poser.token)).statusCode).toBe(200);
    expect((await accept(id, second.id, s2.json().id, w.poser.token, { paidOn: today(), reference: 'ZF-2026-003' })).statusCode).toBe(200);
    expect((await tasksOf(id)).budget.paid).toBe(7_000_000);

    // The timeline: tasks added and accepted work (results public) for all; submissions and returns for the participants only.
    const kinds = async (token?: string) => (await t.api('GET', `/api/challenges/${id}`, { token })).json().timeline.map((e: { kind: string }) => e.kind).filter((k: string) => k.startsWith('task'));
    expect(await kinds()).toEqual(['taskAdded', 'taskAdded', 'taskAdded', 'taskAccepted', 'taskAccepted', 'taskAccepted']);
    expect((await kinds(w.poser.token)).filter((k: string) => k === 'taskSubmitted' || k === 'taskReturned')).toEqual(['taskSubmitted', 'taskSubmitted', 'taskReturned', 'taskSubmitted', 'taskSubmitted']);
    const entries = (await t.api('GET', `/api/challenges/${id}`, { token: w.poser.token })).json().timeline as { kind: string; text: string; params: Record<string, unknown> }[];
    expect(entries.find((e) => e.kind === 'taskAccepted')).toMatchObject({ text: expect.stringMatching(/^甲大学\d+的众包任务「划痕检测模型」成果通过验收，报酬 5 万元 已支付$/), params: { title: '划痕检测模型', rewardFen: 5_000_000 } });
    expect(entries.find((e) => e.kind === 'taskReturned')!.text).toMatch(/^乙工作室\d+的众包任务「划痕检测模型」成果被退回：名额已满$/);
    const english = (await t.api('GET', `/api/challenges/${id}`, { headers: { 'accept-language': 'en' } })).json().timeline as { kind: string; text: string }[];
    expect(english.filter((e) => e.kind === 'taskAdded').map((e) => e.text)).toContain('Task “样本标注” added: 1 × 10k yuan each, 2 place(s)');
  });

  it('keeps submissions private when the poser did not make results public', async () => {
    const w = await world();
    const id = await crowdChallenge(w, { resultsPublic: false });
    const [first] = (await tasksOf(id)).items;
    const a = await submit(id, first.id, w.solvers[0]!);
    expect((await accept(id, first.id, a.json().id, w.poser.token)).statusCode).toBe(200);
    expect((await t.api('GET', `/api/challenges/${id}/tasks/${first.id}/submissions`)).json().items).toEqual([]);
    expect((await t.api('GET', `/api/challenges/${id}/tasks/${first.id}/submissions`, { token: w.solvers[1]!.user.token })).json().items).toEqual([]);
    expect((await t.api('GET', `/api/challenges/${id}/tasks/${first.id}/submissions`, { token: w.admin.token })).json().items).toHaveLength(1);
    // Nor is the acceptance on the public timeline: the participants see it.
    const accepted = async (token?: string) => (await t.api('GET', `/api/challenges/${id}`, { token })).json().timeline.filter((e: { kind: string }) => e.kind === 'taskAccepted').length;
    expect([await accepted(), await accepted(w.poser.token), await accepted(w.admin.token)]).toEqual([0, 1, 1]);
  });
});

describe('研发众包 tasks: bad input gets a clear refusal and nothing stored is lost', () => {
  it('refuses rewards over the bounty at the field, when posting and after', async () => {
    const w = await world();
    const over = await t.api('POST', '/api/challenges', {
      token: w.poser.token,
      body: { scheme: 'crowdsourcing', title: '超额', organizationId: w.poserOrgId, bounty: 10_000_000, deadline: inDays(20), tasks: [task({ reward: 6_000_000 }), task({ reward: 3_000_000, quota: 2 })] },
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().errors[0]).toMatchObject({ path: 'tasks.1.reward', message: '任务奖励合计 120,000.00 元（奖励 × 名额）超过榜单金额 100,000.00 元，请降低奖励或名额' });
    const wrongScheme = await t.api('POST', '/api/challenges', { token: w.poser.token, body: { scheme: 'bounty', title: '悬赏', organizationId: w.poserOrgId, bounty: 10_000_000, deadline: inDays(20), tasks: [task()] } });
    expect(wrongScheme.statusCode).toBe(422);
    expect(wrongScheme.json().errors[0]).toMatchObject({ path: 'tasks', message: '只有研发众包榜单可以设置众包任务' });

    const id = await crowdChallenge(w);
    const before = await taskRepository.tasks(t.database.db, id);
    const tooMuch = await t.api('POST', `/api/challenges/${id}/tasks`, { token: w.poser.token, body: task({ reward: 13_000_001 }) });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].path).toBe('reward');
    const late = await t.api('POST', `/api/challenges/${id}/tasks`, { token: w.poser.token, body: task({ reward: 100, deadline: inDays(30) }) });
    expect(late.json().errors[0]).toMatchObject({ path: 'deadline', message: expect.stringContaining('不能晚于榜单截止时间') });
    const badMoney = await t.api('POST', `/api/challenges/${id}/tasks`, { token: w.poser.token, body: task({ reward: 10.5 }) });
    expect(badMoney.statusCode).toBe(400);
    expect(badMoney.json().errors[0].path).toBe('reward');
    expect((await t.api('POST', `/api/challenges/${id}/tasks`, { token: w.solvers[0]!.user.token, body: task({ reward: 100 }) })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/challenges/${id}/tasks`, { body: task({ reward: 100 }) })).statusCode).toBe(401);
    expect(await taskRepository.tasks(t.database.db, id)).toEqual(before);
  });

  it('refuses a submission from the poser’s organisation, after the deadline, twice, or from a bystander', async () => {
    const w = await world();
    const id = await crowdChallenge(w);
    const [first] = (await tasksOf(id)).items;
    const own = await submit(id, first.id, { user: w.poser, orgId: w.poserOrgId });
    expect(own.statusCode).toBe(422);
    expect(own.json().errors[0]).toMatchObject({ path: 'organizationId', message: '发榜单位不能向自己的众包任务提交成果' });
    const stranger = await t.api('POST', `/api/challenges/${id}/tasks/${first.id}/submissions`, { token: w.bystander.token, body: { organizationId: w.solvers[0]!.orgId, text: '冒名' } });
    expect(stranger.json().errors[0]).toMatchObject({ path: 'organizationId', message: '须以您所在的已认证单位名义提交成果' });
    expect((await submit(id, first.id, w.solvers[0]!)).statusCode).toBe(201);
    const twice = await submit(id, first.id, w.solvers[0]!);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0].path).toBe('organizationId');
    const empty = await t.api('POST', `/api/challenges/${id}/tasks/${first.id}/submissions`, { token: w.solvers[1]!.user.token, body: { organizationId: w.solvers[1]!.orgId, text: '  ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0]).toMatchObject({ path: 'text' });

    await t.database.db.update(challengeTasks).set({ deadline: new Date(Date.now() - 60_000) }).where(eq(challengeTasks.id, first.id));
    const closed = await submit(id, first.id, w.solvers[1]!);
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ detail: expect.stringMatching(/^该任务已于 .+ 截止，不再接受成果$/), errors: [{ path: 'deadline' }] });
    // The challenge's own deadline closes tasks without one.
    const second = (await tasksOf(id)).items[1];
    await challengeRepository.update(t.database.db, id, { deadline: new Date(Date.now() - 60_000) });
    expect((await submit(id, second.id, w.solvers[1]!)).statusCode).toBe(409);
    expect((await t.api('POST', `/api/challenges/${id}/tasks`, { token: w.poser.token, body: task({ reward: 100 }) })).statusCode).toBe(409);
  });

  it('refuses acceptance by anyone but the poser, twice, with a future payment date, or through another challenge', async () => {
    const w = await world();
    const id = await crowdChallenge(w);
    const otherId = await crowdChallenge(w);
    const [first] = (await tasksOf(id)).items;
    const [foreign] = (await tasksOf(otherId)).items;
    const sub = (await submit(id, first.id, w.solvers[0]!)).json();

    const bySubmitter = await accept(id, first.id, sub.id, w.solvers[0]!.user.token);
    expect(bySubmitter.statusCode).toBe(403);
    expect(bySubmitter.json().title).toBeTruthy();
    expect((await accept(id, first.id, sub.id, w.admin.token)).statusCode).toBe(403);
    expect((await accept(id, first.id, sub.id, w.solvers[1]!.user.token)).statusCode).toBe(404);
    expect((await t.api('POST', `/api/challenges/${id}/tasks/${first.id}/submissions/${sub.id}/return`, { token: w.solvers[0]!.user.token, body: { reason: '自己退' } })).statusCode).toBe(403);

    // A task of another challenge, or a submission named through another task, is not found.
    expect((await submit(id, foreign.id, w.solvers[1]!)).statusCode).toBe(404);
    expect((await accept(otherId, foreign.id, sub.id, w.poser.token)).statusCode).toBe(404);
    const viaOther = await accept(id, foreign.id, sub.id, w.poser.token);
    expect(viaOther.statusCode).toBe(404);
    expect(viaOther.json().detail).toContain('众包任务');

    const future = await accept(id, first.id, sub.id, w.poser.token, { paidOn: shanghaiToday(new Date(Date.now() + 3 * 86400_000)), reference: 'X' });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0]).toMatchObject({ path: 'paidOn', message: '支付日期不能晚于今天' });
    const noRef = await accept(id, first.id, sub.id, w.poser.token, { paidOn: today() });
    expect(noRef.statusCode).toBe(400);
    expect(noRef.json().errors[0].path).toBe('reference');
    const noReason = await t.api('POST', `/api/challenges/${id}/tasks/${first.id}/submissions/${sub.id}/return`, { token: w.poser.token, body: {} });
    expect(noReason.statusCode).toBe(400);

    expect((await accept(id, first.id, sub.id, w.poser.token)).statusCode).toBe(200);
    const again = await accept(id, first.id, sub.id, w.poser.token, { paidOn: today(), reference: 'ZF-2' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('该成果已验收，奖励已记录支付');
    const [row] = await t.database.db.select().from(challengeTaskSubmissions).where(eq(challengeTaskSubmissions.id, sub.id));
    expect(row).toMatchObject({ status: 'accepted', paidFen: 5_000_000, paymentReference: 'ZF-2026-001' });
    const events = (await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'challenge.accepted'))).filter((e) => (e.payload as { bidId: string }).bidId === sub.id);
    expect(events).toHaveLength(1);
  });
});
