import { describe, expect, it, vi } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { shanghaiToday, toBasisPoints } from '@kzt/shared';
import { achievements, attachments, auditEvents, challengeMilestones, challengeScores, contracts, distributionPlans, distributionReceipts, distributionShares, domainEvents, jobs, notifications } from '../../db/schema/index.ts';
import { achievementRepository } from '../achievements/achievements.repository.ts';
import { achievementsCompletedBy } from '../achievements/achievements.service.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { publishedAchievement } from '../../../test/catalogueFixtures.ts';
import { multipart } from '../imports/imports.testkit.ts';
import type { TestUser } from '../../../test/factories.ts';
import { challengeRepository } from './challenges.repository.ts';
import { awardNoticeJob, sweepMilestoneFiles, sweepMilestones } from './challenges.service.ts';
import { CHALLENGE_JOBS, milestoneSweepJob, nextMilestoneSweepAt, scheduleMilestoneSweep } from './challenges.jobs.ts';
import { JobRunner } from '../../platform/jobs.ts';
import { milestoneAmounts, trimmedResult } from './challenges.scoring.ts';

const t = useTestApp();

const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();
const dayIn = (d: number) => shanghaiToday(new Date(Date.now() + d * 86400_000));

/** A poser (enterprise in 晋中), the administrator of 晋中, two bidding teams, three experts of their own institutes. */
async function world() {
  const f = t.factories;
  const poser = await f.user({ name: '发榜人' });
  const poserOrg = await f.organization(poser, { name: `晋中精密机械${Date.now()}` });
  const admin = await f.admin('140700');
  const teams: { user: TestUser; orgId: string }[] = [];
  for (const name of ['甲大学', '乙研究院']) {
    const user = await f.user({ name: `${name}负责人` });
    const org = await f.organization(user, { type: 'university', name: `${name}${Date.now()}` });
    teams.push({ user, orgId: org.id });
  }
  const experts: TestUser[] = [];
  const expertOrgIds: string[] = [];
  for (const name of ['王专家', '李专家', '赵专家']) {
    const u = await f.user({ name });
    expertOrgIds.push((await f.organization(u, { type: 'institute', name: `${name}所在研究所${Date.now()}` })).id);
    await f.approvedProfile(u.id, 'expert');
    experts.push(u);
  }
  return { poser, poserOrgId: poserOrg.id, admin, teams, experts, expertOrgIds };
}

type World = Awaited<ReturnType<typeof world>>;

const challengeBody = (w: World, extra: Record<string, unknown> = {}) => ({
  scheme: 'jiebang_guashuai',
  title: '高精度减速器寿命提升攻关',
  description: '现有减速器寿命不足 5000 小时，需提升至 20000 小时。',
  organizationId: w.poserOrgId,
  bounty: 300_000_000,
  deadline: inDays(20),
  requirements: '三年内完成样机验证',
  ...extra,
});

const bidBody = (orgId: string, extra: Record<string, unknown> = {}) => ({
  organizationId: orgId,
  team: '教授 1 名，博士 3 名',
  plan: '材料改性与润滑结构优化',
  budget: 250_000_000,
  milestones: [
    { title: '材料方案', dueOn: dayIn(60), share: 0.3, deliverable: '试验报告' },
    { title: '样机', dueOn: dayIn(200), share: 0.3333, deliverable: '样机一台' },
    { title: '验收', dueOn: dayIn(400), share: 0.3667, deliverable: '验收报告' },
  ],
  ...extra,
});

async function publishedChallenge(w: World, extra: Record<string, unknown> = {}) {
  const posted = await t.api('POST', '/api/challenges', { token: w.poser.token, body: challengeBody(w, extra) });
  expect(posted.statusCode, posted.body).toBe(201);
  const id = posted.json().id as string;
  const reviewed = await t.api('POST', `/api/challenges/${id}/review`, { token: w.admin.token, body: { decision: 'approve' } });
  expect(reviewed.statusCode, reviewed.body).toBe(200);
  return id;
}

const closeBidding = (id: string) => challengeRepository.update(t.database.db, id, { deadline: new Date(Date.now() - 60_000) });
/** Runs the award's notice timer as the job runner would at its time (the row is in the jobs table). */
async function endNotice(id: string) {
  const rows = (await t.database.db.select().from(jobs).where(and(eq(jobs.name, 'challenges.awardNotice'), eq(jobs.status, 'pending')))).filter((j) => (j.payload as { challengeId: string }).challengeId === id);
  expect(rows).toHaveLength(1);
  const job = rows[0]!;
  await awardNoticeJob.run(t.database.db, awardNoticeJob.payload.parse(job.payload), { id: job.id, runAt: job.runAt, heartbeat: async () => {} });
  await t.database.db.update(jobs).set({ status: 'done' }).where(eq(jobs.id, job.id));
}

const scores = (a: number, b: number, c: number, d: number) => ({ scores: { technical: a, team: b, budget: c, schedule: d }, comment: '意见' });

/** Both teams bid, pass the check, the three experts score them, the first team wins and the notice ends: the milestones are live. */
async function awardFirstTeam(w: World, id: string) {
  const bidIds: string[] = [];
  for (const tm of w.teams) bidIds.push((await t.api('POST', `/api/challenges/${id}/bids`, { token: tm.user.token, body: bidBody(tm.orgId, { budget: 300_000_000 }) })).json().id);
  for (const b of bidIds) await t.api('POST', `/api/challenges/${id}/bids/${b}/check`, { token: w.admin.token, body: { decision: 'pass' } });
  await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: w.experts.map((e) => e.id) } });
  await closeBidding(id);
  for (const e of w.experts) for (const [i, b] of bidIds.entries()) await t.api('POST', `/api/challenges/${id}/bids/${b}/scores`, { token: e.token, body: scores(90 - i * 20, 80, 80, 80) });
  expect((await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [bidIds[0]] } })).statusCode).toBe(200);
  await endNotice(id);
  return bidIds;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** Uploads one file to milestone `n` as the holder of `token`. */
const uploadTo = (id: string, n: number, token: string, name = '试验报告.pdf', content: Buffer | string = PDF) => {
  const m = multipart(name, content, 'application/pdf');
  return t.api('POST', `/api/challenges/${id}/milestones/${n}/attachments`, { token, body: m.body, headers: m.headers });
};

describe('scoring arithmetic', () => {
  it('reads shares exactly, trims the highest and lowest of three or more, and gives milestones amounts that add up', () => {
    expect([0.3, 0.3333, 0.3667].map(toBasisPoints)).toEqual([3000, 3333, 3667]);
    expect(toBasisPoints(0.33333)).toBeNull();
    expect(toBasisPoints(0.1 + 0.2)).toBeNull();
    expect(trimmedResult([800_000, 900_000, 500_000], 3)).toEqual({ experts: 3, scored: 3, mean: 80, spread: { min: 50, max: 90 } });
    expect(trimmedResult([805_000, 900_000], 2).mean).toBe(85.25);
    expect(milestoneAmounts(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
    expect(milestoneAmounts(1e15, [5000, 5000]).reduce((a, b) => a + b, 0)).toBe(1e15);
  });
});

describe('a challenge from posting to the last milestone', () => {
  it('is posted, reviewed, bid on by two teams, scored by three experts, awarded, and its milestones accepted, announcing each step', async () => {
    const w = await world();
    const anonymousBefore = (await t.api('GET', '/api/challenges?scheme=jiebang_guashuai&pageSize=100')).json().items.length;
    const posted = await t.api('POST', '/api/challenges', { token: w.poser.token, body: challengeBody(w) });
    expect(posted.statusCode, posted.body).toBe(201);
    const c = posted.json();
    expect(c).toMatchObject({ status: 'pending_review', biddingOpen: false, jurisdiction: { code: '140700' }, bounty: 300_000_000 });
    expect(c.criteria.map((k: { weight: number }) => k.weight)).toEqual([0.4, 0.3, 0.15, 0.15]);
    expect((await t.api('GET', `/api/challenges/${c.id}`)).statusCode).toBe(404);
    expect((await t.api('POST', `/api/challenges/${c.id}/review`, { token: w.poser.token, body: { decision: 'approve' } })).statusCode).toBe(403);
    const published = (await t.api('POST', `/api/challenges/${c.id}/review`, { token: w.admin.token, body: { decision: 'approve' } })).json();
    expect(published).toMatchObject({ status: 'published', biddingOpen: true });
    expect((await t.api('POST', `/api/challenges/${c.id}/review`, { token: w.admin.token, body: { decision: 'approve' } })).statusCode).toBe(409);
    const board = (await t.api('GET', '/api/challenges?scheme=jiebang_guashuai&jurisdiction=140000&q=减速器&pageSize=100')).json();
    expect(board.items.some((i: { id: string }) => i.id === c.id)).toBe(true);
    expect((await t.api('GET', '/api/challenges?scheme=jiebang_guashuai&pageSize=100')).json().items.length).toBe(anonymousBefore + 1);

    const team = (await t.api('GET', `/api/challenges/${c.id}`, { token: w.teams[0]!.user.token })).json();
    expect(team.allowedActions).toContain('bid');
    expect(team.biddableOrganizations).toEqual([{ id: w.teams[0]!.orgId, name: expect.any(String) }]);
    const bids: string[] = [];
    for (const tm of w.teams) {
      const r = await t.api('POST', `/api/challenges/${c.id}/bids`, { token: tm.user.token, body: bidBody(tm.orgId) });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ mine: true, check: { status: 'pending' }, outcome: { status: 'pending' } });
      bids.push(r.json().id);
    }
    for (const b of bids) expect((await t.api('POST', `/api/challenges/${c.id}/bids/${b}/check`, { token: w.admin.token, body: { decision: 'pass' } })).statusCode).toBe(200);

    const panel = await t.api('POST', `/api/challenges/${c.id}/panel`, { token: w.admin.token, body: { expertIds: w.experts.map((e) => e.id) } });
    expect(panel.statusCode, panel.body).toBe(200);
    expect(panel.json().panel).toHaveLength(3);
    expect((await t.api('GET', '/api/challenges?q=减速器&pageSize=100')).json().items.find((i: { id: string }) => i.id === c.id).bidCount).toBe(2);
    for (const token of [w.teams[1]!.user.token, w.experts[2]!.token, w.poser.token]) {
      expect((await t.api('GET', '/api/challenges?scope=mine&pageSize=100', { token })).json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    }
    expect((await t.api('GET', '/api/challenges?scope=mine&pageSize=100', { token: w.admin.token })).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    expect((await t.api('GET', '/api/challenges?scope=review', { token: w.teams[0]!.user.token })).statusCode).toBe(403);
    // Scoring waits for the deadline.
    expect((await t.api('POST', `/api/challenges/${c.id}/bids/${bids[0]}/scores`, { token: w.experts[0]!.token, body: scores(80, 80, 80, 80) })).statusCode).toBe(409);
    await closeBidding(c.id);

    const sheet: [number, number, number, number][][] = [
      [[90, 85, 80, 80], [70, 70, 70, 70]],
      [[80, 80, 80, 80], [60, 70, 80, 90]],
      [[100, 100, 100, 100], [50, 50, 50, 50]],
    ];
    for (const [e, expert] of w.experts.entries()) {
      for (const [b, bid] of bids.entries()) {
        const r = await t.api('POST', `/api/challenges/${c.id}/bids/${bid}/scores`, { token: expert.token, body: scores(...sheet[e]![b]!) });
        expect(r.statusCode, r.body).toBe(200);
        if (e === 1 && b === 0) {
          // Before the third expert scored, the second sees only their own score.
          expect(r.json().scores).toEqual([expect.objectContaining({ mine: true, weighted: 80 })]);
          expect(r.json().result).toBeNull();
        }
      }
    }
    const seen = (await t.api('GET', `/api/challenges/${c.id}/bids/${bids[0]}`, { token: w.experts[0]!.token })).json();
    expect(seen.scores).toHaveLength(3);
    // 90×0.4+85×0.3+80×0.15+80×0.15 = 85.5; 80; 100 → trimmed: 85.5
    expect(seen.result).toEqual({ experts: 3, scored: 3, mean: 85.5, spread: { min: 80, max: 100 } });
    // The bidder sees no scores before the award.
    expect((await t.api('GET', `/api/challenges/${c.id}/bids/${bids[0]}`, { token: w.teams[0]!.user.token })).json().scores).toBeNull();
    expect((await t.api('GET', `/api/challenges/${c.id}/bids/${bids[0]}`, { token: w.teams[1]!.user.token })).statusCode).toBe(404);

    const awarded = await t.api('POST', `/api/challenges/${c.id}/award`, { token: w.admin.token, body: { bidIds: [bids[0]] } });
    expect(awarded.statusCode, awarded.body).toBe(200);
    expect(awarded.json()).toMatchObject({ status: 'notice', winners: [{ bidId: bids[0], budget: 250_000_000, mean: 85.5 }], notice: { final: false }, milestones: [] });
    // The public timeline states the winner's budget as the rest of the page does (万元).
    expect(awarded.json().timeline.find((e: { kind: string }) => e.kind === 'awarded').text).toMatch(/^拟中标公示：甲大学\d*（预算 250 万元），公示至 /);
    // Money follows the final award: nothing is announced while the award is in notice.
    const early = await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'challenge.awarded'));
    expect(early.filter((e) => (e.payload as { challenge: { id: string } }).challenge.id === c.id)).toHaveLength(0);
    expect((await t.api('POST', `/api/challenges/${c.id}/milestones/1/report`, { token: w.teams[0]!.user.token, body: {} })).json().detail).toContain('公示期');
    // The agreement (军令状) is a draft during the notice and cannot be signed yet.
    const agreementUrl = `/api/challenges/${c.id}/bids/${bids[0]}/agreement`;
    const draft = await t.api('GET', agreementUrl, { token: w.teams[0]!.user.token });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ kind: 'pledge', final: false, signed: null, allowedActions: [] });
    const unsignable = await t.api('POST', `${agreementUrl}/sign`, { token: w.teams[0]!.user.token, body: { confirm: true } });
    expect(unsignable.statusCode).toBe(409);
    expect(unsignable.json().detail).toBe('中标结果公示期满、确定后方可签署');
    await endNotice(c.id);
    const pledge = (await t.api('GET', agreementUrl, { token: w.teams[0]!.user.token })).json();
    expect(pledge).toMatchObject({
      kind: 'pledge',
      final: true,
      challengeTitle: c.title,
      issuer: { code: '140700' },
      poser: { id: w.poserOrgId },
      solver: { id: w.teams[0]!.orgId },
      budget: 250_000_000,
      bounty: 300_000_000,
      completeBy: dayIn(400),
      allowedActions: ['sign'],
    });
    expect(pledge.milestones.map((m: { amount: number; dueOn: string }) => [m.amount, m.dueOn])).toEqual([[75_000_000, dayIn(60)], [83_325_000, dayIn(200)], [91_675_000, dayIn(400)]]);
    expect(pledge.clauses[0]).toContain('立此军令状');
    expect(pledge.clauses.join('')).toContain('2,500,000.00 元');
    // Only the parties read it; only the winning team signs it, once.
    expect((await t.api('GET', agreementUrl, { token: w.teams[1]!.user.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/challenges/${c.id}/bids/${bids[1]}/agreement`, { token: w.poser.token })).statusCode).toBe(404);
    expect((await t.api('GET', agreementUrl)).statusCode).toBe(401);
    expect((await t.api('GET', agreementUrl, { token: w.poser.token })).json().allowedActions).toEqual([]);
    expect((await t.api('POST', `${agreementUrl}/sign`, { token: w.poser.token, body: { confirm: true } })).statusCode).toBe(403);
    expect((await t.api('POST', `${agreementUrl}/sign`, { token: w.teams[0]!.user.token, body: {} })).json().errors[0]).toMatchObject({ path: 'confirm', message: '请确认已阅读并同意上述承诺' });
    const signed = await t.api('POST', `${agreementUrl}/sign`, { token: w.teams[0]!.user.token, body: { confirm: true } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signed).toMatchObject({ by: '甲大学负责人' });
    expect((await t.api('POST', `${agreementUrl}/sign`, { token: w.teams[0]!.user.token, body: { confirm: true } })).statusCode).toBe(409);
    expect((await t.api('GET', `/api/challenges/${c.id}`)).json().timeline.map((e: { text: string }) => e.text)).toContainEqual(expect.stringMatching(/^甲大学\d+签署军令状$/));
    const final = (await t.api('GET', `/api/challenges/${c.id}`, { token: w.poser.token })).json();
    expect(final).toMatchObject({ status: 'awarded', notice: { final: true } });
    expect(final.milestones.map((m: { amount: number }) => m.amount)).toEqual([75_000_000, 83_325_000, 91_675_000]);
    const loser = (await t.api('GET', `/api/challenges/${c.id}/bids/${bids[1]}`, { token: w.teams[1]!.user.token })).json();
    expect(loser.outcome.status).toBe('not_chosen');
    expect(loser.outcome.reason).toContain('综合评分 70 分');
    expect(loser.scores.map((s: { expert: string }) => s.expert).sort()).toEqual(['专家 1', '专家 2', '专家 3']);
    expect((await t.api('GET', `/api/challenges/${c.id}`)).json().winners).toHaveLength(1);

    // Milestones: the winning team reports, the poser accepts or returns.
    const winner = w.teams[0]!.user.token;
    expect((await t.api('POST', `/api/challenges/${c.id}/milestones/1/accept`, { token: w.poser.token, body: {} })).statusCode).toBe(409);
    expect((await t.api('POST', `/api/challenges/${c.id}/milestones/1/report`, { token: w.teams[1]!.user.token, body: { note: '冒充' } })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/challenges/${c.id}/milestones/1/report`, { token: winner, body: { note: '已完成材料试验' } })).json().milestones[0].status).toBe('reported');
    const returned = await t.api('POST', `/api/challenges/${c.id}/milestones/1/return`, { token: w.poser.token, body: { reason: '缺少疲劳试验数据' } });
    expect(returned.json().milestones[0]).toMatchObject({ status: 'returned', decisionNote: '缺少疲劳试验数据' });
    for (const n of [1, 2, 3]) {
      expect((await t.api('POST', `/api/challenges/${c.id}/milestones/${n}/report`, { token: winner, body: { note: `第 ${n} 阶段成果` } })).statusCode).toBe(200);
      const r = await t.api('POST', `/api/challenges/${c.id}/milestones/${n}/accept`, { token: n === 2 ? w.experts[0]!.token : w.poser.token, body: { comment: '通过' } });
      expect(r.statusCode, r.body).toBe(200);
    }
    const done = (await t.api('GET', `/api/challenges/${c.id}`, { token: w.poser.token })).json();
    expect(done.status).toBe('completed');
    expect(done.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['posted', 'published', 'awarded', 'milestoneAccepted', 'accepted', 'completed']));
    // The last acceptance's three entries share their instant and read in the order they were recorded.
    const closing = done.timeline.filter((e: { kind: string }) => ['milestoneAccepted', 'accepted', 'completed'].includes(e.kind));
    expect(closing.slice(-3).map((e: { kind: string }) => e.kind)).toEqual(['milestoneAccepted', 'accepted', 'completed']);
    expect(new Set(closing.slice(-3).map((e: { at: string }) => e.at)).size).toBe(1);

    const events = await t.database.db.select().from(domainEvents).where(inArray(domainEvents.type, ['challenge.awarded', 'challenge.milestoneAccepted', 'challenge.accepted']));
    const mine = events.filter((e) => JSON.stringify(e.payload).includes(c.id));
    expect(mine.map((e) => e.type).sort()).toEqual(['challenge.accepted', 'challenge.awarded', 'challenge.milestoneAccepted', 'challenge.milestoneAccepted', 'challenge.milestoneAccepted']);
    expect(mine.find((e) => e.type === 'challenge.awarded')!.payload).toMatchObject({ challenge: { id: c.id, scheme: 'jiebang_guashuai', bounty: 300_000_000 }, title: c.title, poserOrganizationId: w.poserOrgId, solverOrganizationIds: [w.teams[0]!.orgId], jurisdictionCode: '140700' });
    expect(mine.find((e) => e.type === 'challenge.accepted')!.payload).toMatchObject({ dealAmount: 250_000_000, solverOrganizationId: w.teams[0]!.orgId });
    expect(mine.filter((e) => e.type === 'challenge.milestoneAccepted').map((e) => (e.payload as { share: number }).share)).toEqual([0.3, 0.3333, 0.3667]);
  });
});

describe('bad input gets a clear refusal and nothing stored is lost', () => {
  it('refuses a past deadline, weights not adding up to 1, a two-way challenge without kind, and an unverified poser', async () => {
    const w = await world();
    const past = await t.api('POST', '/api/challenges', { token: w.poser.token, body: challengeBody(w, { deadline: inDays(-1) }) });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0]).toMatchObject({ path: 'deadline', message: '揭榜截止时间必须晚于当前时间' });
    const weights = await t.api('POST', '/api/challenges', { token: w.poser.token, body: challengeBody(w, { criteria: [{ key: 'a', name: '甲', weight: 0.5 }, { key: 'b', name: '乙', weight: 0.4 }] }) });
    expect(weights.statusCode).toBe(400);
    expect(weights.json().errors[0]).toMatchObject({ path: 'criteria', message: '各项评分标准的权重之和必须恰好等于 1' });
    expect((await t.api('POST', '/api/challenges', { token: w.poser.token, body: challengeBody(w, { scheme: 'two_way' }) })).json().errors[0].path).toBe('kind');
    const pending = await t.factories.organization(w.poser, { status: 'pending' });
    expect((await t.api('POST', '/api/challenges', { token: w.poser.token, body: challengeBody(w, { organizationId: pending.id }) })).json().errors[0].path).toBe('organizationId');
    expect((await t.api('POST', '/api/challenges', { body: challengeBody(w) })).statusCode).toBe(401);
  });

  it('refuses a bid after the deadline, from the poser’s own organisation, and with shares not adding up to 1', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    const own = await t.api('POST', `/api/challenges/${id}/bids`, { token: w.poser.token, body: bidBody(w.poserOrgId) });
    expect(own.statusCode).toBe(422);
    expect(own.json().errors[0]).toMatchObject({ path: 'organizationId', message: '发榜单位不能揭自己的榜' });
    const shares = bidBody(w.teams[0]!.orgId);
    shares.milestones[2]!.share = 0.3666;
    const bad = await t.api('POST', `/api/challenges/${id}/bids`, { token: w.teams[0]!.user.token, body: shares });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'milestones', message: '各里程碑的比例之和必须恰好等于 1（100%）' });
    const floaty = bidBody(w.teams[0]!.orgId, { milestones: [{ title: '一', dueOn: dayIn(10), share: 0.1 }, { title: '二', dueOn: dayIn(20), share: 0.2 }, { title: '三', dueOn: dayIn(30), share: 0.7 }] });
    expect((await t.api('POST', `/api/challenges/${id}/bids`, { token: w.teams[0]!.user.token, body: floaty })).statusCode).toBe(201);
    expect((await t.api('POST', `/api/challenges/${id}/bids`, { token: w.teams[0]!.user.token, body: bidBody(w.teams[0]!.orgId) })).statusCode).toBe(409);
    await closeBidding(id);
    const late = await t.api('POST', `/api/challenges/${id}/bids`, { token: w.teams[1]!.user.token, body: bidBody(w.teams[1]!.orgId) });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/^揭榜已于 .+ 截止，不再接受揭榜方案$/);
    const kept = (await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json();
    expect(kept.bids).toHaveLength(1);
  });

  it('refuses experts with a conflict (poser’s or a bidder’s organisation, declared), scores outside the scale, an award before all scores are in and a second award', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    const bidIds: string[] = [];
    for (const tm of w.teams) bidIds.push((await t.api('POST', `/api/challenges/${id}/bids`, { token: tm.user.token, body: bidBody(tm.orgId) })).json().id);
    for (const b of bidIds) await t.api('POST', `/api/challenges/${id}/bids/${b}/check`, { token: w.admin.token, body: { decision: 'pass' } });
    const ofPoser = await t.factories.member(w.poserOrgId);
    await t.factories.approvedProfile(ofPoser.id, 'expert');
    const ofBidder = await t.factories.member(w.teams[1]!.orgId);
    await t.factories.approvedProfile(ofBidder.id, 'expert');
    const notExpert = await t.factories.user();
    const declared = await t.factories.user();
    await t.factories.approvedProfile(declared.id, 'expert');
    expect((await t.api('POST', `/api/challenges/${id}/conflicts`, { token: declared.token, body: { reason: '曾与揭榜团队合作' } })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/challenges/${id}/conflicts`, { token: notExpert.token, body: { reason: '无' } })).statusCode).toBe(403);
    const refused = await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [w.experts[0]!.id, ofPoser.id, ofBidder.id, notExpert.id, declared.id] } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      { path: 'expertIds.1', message: '回避：该专家属于发榜单位' },
      { path: 'expertIds.2', message: '回避：该专家属于揭榜单位' },
      { path: 'expertIds.3', message: '该用户不是已认证的专家' },
      { path: 'expertIds.4', message: '回避：该专家已声明与本榜存在利益冲突' },
    ]);
    expect((await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json().panel).toEqual([]);
    expect((await t.api('POST', `/api/challenges/${id}/panel`, { token: w.poser.token, body: { expertIds: [w.experts[0]!.id] } })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: w.experts.map((e) => e.id) } })).statusCode).toBe(200);
    await closeBidding(id);

    const scale = await t.api('POST', `/api/challenges/${id}/bids/${bidIds[0]}/scores`, { token: w.experts[0]!.token, body: scores(101, 80, 80, 80) });
    expect(scale.statusCode).toBe(400);
    expect(scale.json().errors[0]).toMatchObject({ path: 'scores.technical', message: '评分应为 0–100 的整数' });
    // Nothing typed off the scale is brought onto it (120 → 100, 70.5 → 71): each is refused, naming the criterion.
    for (const [body, path] of [[scores(80, 70.5, 80, 80), 'scores.team'], [scores(80, 80, -1, 80), 'scores.budget'], [scores(80, 80, 80, 120), 'scores.schedule']] as const) {
      const r = await t.api('POST', `/api/challenges/${id}/bids/${bidIds[0]}/scores`, { token: w.experts[0]!.token, body });
      expect(r.statusCode).toBe(400);
      expect(r.json().errors).toEqual([expect.objectContaining({ path, message: '评分应为 0–100 的整数' })]);
    }
    const keys = await t.api('POST', `/api/challenges/${id}/bids/${bidIds[0]}/scores`, { token: w.experts[0]!.token, body: { scores: { technical: 80 } } });
    expect(keys.statusCode).toBe(422);
    expect(keys.json().errors[0].path).toBe('scores');
    expect((await t.api('POST', `/api/challenges/${id}/bids/${bidIds[0]}/scores`, { token: w.teams[0]!.user.token, body: scores(80, 80, 80, 80) })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/challenges/${id}/bids/${bidIds[0]}/scores`, { token: w.experts[0]!.token, body: scores(80, 80, 80, 80) })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/challenges/${id}/bids/${bidIds[0]}/scores`, { token: w.experts[0]!.token, body: scores(90, 90, 90, 90) })).statusCode).toBe(409);

    const early = await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [bidIds[0]] } });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('尚有 5 项专家评分未完成，全部评分后方可评定');
    for (const e of w.experts) for (const b of bidIds) await t.api('POST', `/api/challenges/${id}/bids/${b}/scores`, { token: e.token, body: scores(70, 70, 70, 70) });
    expect((await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds } })).json().errors[0]).toMatchObject({ path: 'bidIds', message: expect.stringContaining('只能评定一个') });
    expect((await t.api('POST', `/api/challenges/${id}/award`, { token: w.teams[0]!.user.token, body: { bidIds: [bidIds[0]] } })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/challenges/${id}/award`, { token: w.poser.token, body: { bidIds: [bidIds[0]] } })).statusCode).toBe(200);
    const again = await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [bidIds[1]] } });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('本榜已评定，不能重复评定');
    const after = (await t.api('GET', `/api/challenges/${id}`)).json();
    expect(after.winners.map((x: { bidId: string }) => x.bidId)).toEqual([bidIds[0]]);
  });

  it('refuses an expert who worked with a bidder in the past three years where the platform knows it, naming the link; the picker shows every reason', async () => {
    const w = await world();
    const f = t.factories;
    const id = await publishedChallenge(w);
    const [a, b] = w.teams;
    for (const [i, tm] of w.teams.entries()) {
      const r = await t.api('POST', `/api/challenges/${id}/bids`, { token: tm.user.token, body: bidBody(tm.orgId, i === 1 ? { team: '负责人周海涛教授，博士 2 名' } : {}) });
      expect(r.statusCode, r.body).toBe(201);
    }
    const yearsAgo = (y: number) => new Date(Date.now() - y * 365.25 * 86400_000);
    const party = (orgId: string, name: string) => ({ organizationId: orgId, name, creditCode: '', region: '晋中', regionPath: '140000/140700', entityType: 'enterprise' });
    const contract = (sellerId: string, buyerId: string, title: string, signedOn: string) =>
      t.database.db.insert(contracts).values({ kind: 'development', title, signedOn, validUntil: '2030-12-31', seller: party(sellerId, '甲'), buyer: party(buyerId, '乙'), sellerOrganizationId: sellerId, buyerOrganizationId: buyerId, sellerKey: sellerId, buyerKey: buyerId, sellerPath: '140000/140700', buyerPath: '140000/140700', contractAmount: 1_000_000, technologyAmount: 1_000_000, status: 'registered', registrationNumber: `T${Date.now()}${title.length}`, registeredOn: signedOn });
    // 王专家's institute registered a contract with 甲 a year ago, and one with 乙 four years ago (too old to count).
    await contract(w.expertOrgIds[0]!, a!.orgId, '减速器齿面强化技术开发', shanghaiToday(yearsAgo(1)));
    await contract(b!.orgId, w.expertOrgIds[0]!, '旧合作', shanghaiToday(yearsAgo(4)));
    // 李专家 completed an achievement with 周海涛, whom 乙's bid names in its team.
    await achievementRepository.insert(t.database.db, {
      organizationId: w.expertOrgIds[1]!, jurisdictionCode: '140700', jurisdictionPath: '140000/140700', ownerType: 'institute', createdBy: w.experts[1]!.id,
      status: 'published', title: '精密传动润滑新材料', type: 'development', industry: 'C', maturity: 5, publishedAt: yearsAgo(2),
      completers: [{ name: '李专家', share: 60 }, { name: '周海涛', organization: '某大学', share: 40 }],
    });
    // 钱专家's company posed another challenge that 甲 won last year; 孙专家 bid for 乙 on it.
    const qian = await f.user({ name: '钱专家' });
    const qianOrg = await f.organization(qian, { name: `钱氏机械${Date.now()}` });
    await f.approvedProfile(qian.id, 'expert');
    const sun = await f.user({ name: '孙专家' });
    await f.approvedProfile(sun.id, 'expert');
    const other = await publishedChallenge(w, { title: '另一项攻关' });
    await challengeRepository.update(t.database.db, other, { organizationId: qianOrg.id, organizationName: qianOrg.name, awardedAt: yearsAgo(1), status: 'awarded' });
    const old = { team: '团队', plan: '方案', budgetFen: 100, milestones: [], organizationName: '' };
    await challengeRepository.insertBid(t.database.db, { ...old, challengeId: other, organizationId: a!.orgId, submittedBy: a!.user.id, outcome: 'won', createdAt: yearsAgo(1) });
    await challengeRepository.insertBid(t.database.db, { ...old, challengeId: other, organizationId: b!.orgId, submittedBy: sun.id, outcome: 'not_chosen', createdAt: yearsAgo(1) });

    const [wang, li, zhao] = w.experts;
    const refused = await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [wang!.id, li!.id, zhao!.id, qian.id, sun.id] } });
    expect(refused.statusCode, refused.body).toBe(422);
    const nameA = (await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json().bids[0].organization.name;
    expect(refused.json().errors).toEqual([
      { path: 'expertIds.0', message: `回避：该专家近三年与揭榜单位「${nameA}」有合作（所在单位与其签订技术合同「减速器齿面强化技术开发」，${shanghaiToday(yearsAgo(1))}）` },
      { path: 'expertIds.1', message: expect.stringMatching(/^回避（按姓名推断，平台没有此人的账号记录）：该专家近三年可能与揭榜单位「乙研究院\d+」有合作（共同完成成果「精密传动润滑新材料」，\d{4} 年）$/) },
      { path: 'expertIds.3', message: expect.stringMatching(/^回避：该专家近三年与揭榜单位「甲大学\d+」有合作（所在单位与其在榜单「另一项攻关」中为发榜与揭榜双方，\d{4} 年）$/) },
      { path: 'expertIds.4', message: expect.stringMatching(/^回避：该专家近三年与揭榜单位「乙研究院\d+」有合作（曾代表该单位揭榜「另一项攻关」，\d{4} 年）$/) },
    ]);
    expect((await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json().panel).toEqual([]);

    // The picker lists the pool with each expert's reasons; only the challenge's administrators see it.
    const candidate = async (name: string, userId: string) => {
      const r = await t.api('GET', `/api/challenges/${id}/panel/candidates?q=${encodeURIComponent(name)}`, { token: w.admin.token });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().items.find((x: { id: string }) => x.id === userId);
    };
    expect(await candidate('赵专家', zhao!.id)).toMatchObject({ name: '赵专家', avoid: [], onPanel: false, organizations: [expect.stringContaining('赵专家所在研究所')] });
    expect((await candidate('王专家', wang!.id)).avoid).toEqual([expect.stringContaining('减速器齿面强化技术开发')]);
    expect((await candidate('李专家', li!.id)).avoid).toEqual([expect.stringContaining('精密传动润滑新材料')]);
    const teamMember = await f.member(a!.orgId);
    await f.approvedProfile(teamMember.id, 'expert');
    expect((await candidate(teamMember.name, teamMember.id)).avoid).toEqual(['回避：该专家属于揭榜单位']);
    expect((await t.api('GET', `/api/challenges/${id}/panel/candidates`, { token: w.poser.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/challenges/${id}/panel/candidates`, { token: zhao!.token })).statusCode).toBe(403);

    const ok = await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [zhao!.id] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await candidate('赵专家', zhao!.id)).onPanel).toBe(true);
  });

  it('avoids by identity where the platform has it (completers’ and beneficiaries’ user ids), by a normalised name only as a marked fallback, and not for another person of the same name or a collaboration older than three years', async () => {
    const w = await world();
    const f = t.factories;
    const id = await publishedChallenge(w);
    const [a, b] = w.teams;
    await t.api('POST', `/api/challenges/${id}/bids`, { token: a!.user.token, body: bidBody(a!.orgId) });
    await t.api('POST', `/api/challenges/${id}/bids`, { token: b!.user.token, body: bidBody(b!.orgId, { team: '负责人 周 海濤 教授，博士 2 名' }) });
    const yearsAgo = (y: number) => new Date(Date.now() - y * 365.25 * 86400_000);
    const expert = async (name: string) => {
      const u = await f.user({ name });
      const org = await f.organization(u, { type: 'institute', name: `${name}的研究所${Date.now()}` });
      await f.approvedProfile(u.id, 'expert');
      return { ...u, orgId: org.id, orgName: org.name };
    };
    const achievement = (orgId: string, createdBy: string, title: string, completers: { name: string; organization?: string; userId?: string; share: number }[], at = yearsAgo(1)) =>
      achievementRepository.insert(t.database.db, { organizationId: orgId, jurisdictionCode: '140700', jurisdictionPath: '140000/140700', ownerType: 'institute', createdBy, status: 'published', title, type: 'development', industry: 'C', maturity: 5, publishedAt: at, completers });
    const teamMember = await f.member(a!.orgId);

    // Identity: 陈晓东 is named by his user id beside 甲's member (by user id) — whatever the spelling of the names.
    const chen = await expert('陈晓东');
    await achievement(chen.orgId, chen.id, '齿轮钢渗碳新工艺', [{ name: '陳 曉東', userId: chen.id, share: 50 }, { name: teamMember.name, userId: teamMember.id, share: 50 }]);
    // Name fallback: 刘　建國 (traditional, a full-width space) completed an achievement of 乙 with no account stated: it is 刘建国.
    const liu = await expert('刘建国');
    await achievement(b!.orgId, b!.user.id, '润滑涂层', [{ name: '刘　建國', share: 50 }, { name: '某人', share: 50 }]);
    // Name fallback on the bidder's side: 周海涛 (no account) named in 乙's team as 「周 海濤」.
    const gao = await expert('高明');
    await achievement(gao.orgId, gao.id, '传动噪声抑制', [{ name: '高明', userId: gao.id, share: 50 }, { name: '周海涛', share: 50 }]);
    // Same name, another person: 王芳 of another account, and 王芳 of another organisation, completed 乙's and 甲's achievements.
    const wangFang = await expert('王芳');
    const otherWangFang = await f.user({ name: '王芳' });
    await achievement(b!.orgId, b!.user.id, '另一位王芳的成果', [{ name: '王芳', userId: otherWangFang.id, share: 100 }]);
    await achievement(a!.orgId, a!.user.id, '外校王芳的成果', [{ name: '王芳', organization: '某外省大学', share: 100 }]);
    // Older than three years: 赵磊 completed 甲's achievement four years ago.
    const zhaoLei = await expert('赵磊');
    await achievement(a!.orgId, a!.user.id, '四年前的合作', [{ name: '赵磊', userId: zhaoLei.id, share: 100 }], yearsAgo(4));
    // Income distribution: 孙悦 shared the income of 甲's contract (by user id); 吴刚 did so four years ago.
    const sunYue = await expert('孙悦');
    const wuGang = await expert('吴刚');
    const distribution = async (who: { id: string; name: string }, paidOn: string, title: string) => {
      const paymentId = crypto.randomUUID();
      const contractId = crypto.randomUUID();
      await t.database.db.insert(distributionReceipts).values({ paymentId, contractId, eventId: crypto.randomUUID(), kind: 'transfer', title, signedOn: paidOn, sellerOrganizationId: a!.orgId, sellerName: '甲', sellerRegion: '140700', sellerEntityType: 'university', buyerName: '某企业', achievementIds: [], paidOn, amount: 1_000_000 });
      const [plan] = await t.database.db.insert(distributionPlans).values({ contractId, paymentId, organizationId: a!.orgId, basis: 'other', received: 1_000_000, costs: [], netIncome: 1_000_000, floorChecks: [], createdBy: a!.user.id }).returning();
      await t.database.db.insert(distributionShares).values({ planId: plan!.id, position: 0, beneficiary: who.name, userId: who.id, organization: null, role: 'completer', amount: 1_000_000, form: 'cash' });
    };
    await distribution(sunYue, shanghaiToday(yearsAgo(1)), '齿轮检测技术转让');
    await distribution(wuGang, shanghaiToday(yearsAgo(4)), '旧转让');

    const r = await t.api('GET', `/api/challenges/${id}/panel/candidates`, { token: w.admin.token });
    expect(r.statusCode, r.body).toBe(200);
    const reasonsOf = (userId: string) => r.json().items.find((x: { id: string }) => x.id === userId).reasons as { text: string; basis: string }[];
    const nameA = (await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json().bids.find((x: { organization: { id: string } }) => x.organization.id === a!.orgId).organization.name as string;
    const nameB = (await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json().bids.find((x: { organization: { id: string } }) => x.organization.id === b!.orgId).organization.name as string;
    expect(reasonsOf(chen.id)).toEqual([{ basis: 'identity', text: expect.stringMatching(new RegExp(`^回避：该专家近三年与揭榜单位「${nameA}」有合作（共同完成成果「齿轮钢渗碳新工艺」，\\d{4} 年）$`)) }]);
    expect(reasonsOf(liu.id)).toEqual([{ basis: 'name', text: expect.stringMatching(new RegExp(`^回避（按姓名推断，平台没有此人的账号记录）：该专家近三年可能与揭榜单位「${nameB}」有合作（共同完成成果「润滑涂层」，\\d{4} 年）$`)) }]);
    expect(reasonsOf(gao.id)).toEqual([{ basis: 'name', text: expect.stringContaining(`「${nameB}」有合作（共同完成成果「传动噪声抑制」`) }]);
    expect(reasonsOf(sunYue.id)).toEqual([{ basis: 'identity', text: expect.stringContaining(`「${nameA}」有合作（参与该单位技术合同「齿轮检测技术转让」的收益分配`) }]);
    expect(reasonsOf(wangFang.id)).toEqual([]);
    expect(reasonsOf(zhaoLei.id)).toEqual([]);
    expect(reasonsOf(wuGang.id)).toEqual([]);
    expect(r.json().items.find((x: { id: string }) => x.id === liu.id).avoid).toEqual([reasonsOf(liu.id)[0]!.text]);

    // Setting the panel refuses the avoided (name-inferred ones too) and takes the others.
    const refused = await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [wangFang.id, liu.id, zhaoLei.id] } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([{ path: 'expertIds.1', message: reasonsOf(liu.id)[0]!.text }]);
    const ok = await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [wangFang.id, zhaoLei.id, wuGang.id] } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('reads only the achievements the candidate experts completed, however many the bidders have: the same reasons with a large pool', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    const [a] = w.teams;
    await t.api('POST', `/api/challenges/${id}/bids`, { token: a!.user.token, body: bidBody(a!.orgId) });
    const colleague = await t.factories.member(a!.orgId);
    const [wang, li] = w.experts;
    const base = { jurisdictionCode: '140700', jurisdictionPath: '140000/140700', ownerType: 'university', createdBy: a!.user.id, status: 'published' as const, type: 'development' as const, industry: 'C' as const, maturity: 5, publishedAt: new Date(Date.now() - 86400_000) };
    // 600 achievements of the bidder and of the experts' institutes that none of the experts completed.
    const noise = Array.from({ length: 600 }, (_, i) => ({
      ...base,
      organizationId: i % 3 === 0 ? w.expertOrgIds[i % 2]! : a!.orgId,
      title: `批量成果${i}`,
      completers: [{ name: `完成人${i}`, share: 60 }, { name: colleague.name, userId: colleague.id, share: 40 }],
    }));
    await t.database.db.insert(achievements).values(noise);
    // One by 王专家's account beside the bidder's member; one by 李专家's name only (traditional, spaced) on the bidder's own.
    await t.database.db.insert(achievements).values([
      { ...base, organizationId: w.expertOrgIds[0]!, title: '王专家与甲的成果', completers: [{ name: '王专家', userId: wang!.id, share: 50 }, { name: colleague.name, userId: colleague.id, share: 50 }] },
      { ...base, organizationId: a!.orgId, title: '李专家参与的成果', completers: [{ name: '李 專家', share: 50 }, { name: '某人', share: 50 }] },
    ]);
    const read = await achievementsCompletedBy(t.database.db, { people: w.experts.map((e) => ({ id: e.id, name: e.name })), since: new Date(Date.now() - 3 * 365 * 86400_000) });
    // (Other tests' achievements of experts of the same names may be there too; none of the 600 is.)
    expect(read.map((x) => x.title)).toEqual(expect.arrayContaining(['李专家参与的成果', '王专家与甲的成果']));
    expect(read.filter((x) => x.title.startsWith('批量成果'))).toEqual([]);

    const r = await t.api('GET', `/api/challenges/${id}/panel/candidates`, { token: w.admin.token });
    expect(r.statusCode, r.body).toBe(200);
    const reasonsOf = (userId: string) => r.json().items.find((x: { id: string }) => x.id === userId).reasons as { text: string; basis: string }[];
    expect(reasonsOf(wang!.id)).toEqual([{ basis: 'identity', text: expect.stringContaining('共同完成成果「王专家与甲的成果」') }]);
    expect(reasonsOf(li!.id)).toEqual([{ basis: 'name', text: expect.stringContaining('共同完成成果「李专家参与的成果」') }]);
    expect(reasonsOf(w.experts[2]!.id)).toEqual([]);
  });

  it('refuses a milestone report by someone outside the team, acceptance of a milestone not reported, and a budget beyond the bounty; nothing stored is lost', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    const over = await t.api('POST', `/api/challenges/${id}/bids`, { token: w.teams[0]!.user.token, body: bidBody(w.teams[0]!.orgId, { budget: 300_000_001 }) });
    expect(over.statusCode).toBe(422);
    expect(over.json().errors[0]).toMatchObject({ path: 'budget', message: '揭榜预算 3,000,000.01 元 超过榜单金额 3,000,000.00 元：各里程碑拨付合计不能超出发榜方承诺的金额' });
    await awardFirstTeam(w, id);
    const stored = async () => (await t.api('GET', `/api/challenges/${id}`, { token: w.poser.token })).json().milestones.map((m: { status: string; reportNote: string | null }) => [m.status, m.reportNote]);
    const before = await stored();
    expect(before).toEqual([['pending', null], ['pending', null], ['pending', null]]);

    // Outside the winning team: the losing team, the poser, a stranger, nobody signed in.
    const stranger = await t.factories.user();
    for (const token of [w.teams[1]!.user.token, w.poser.token, stranger.token]) {
      const r = await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token, body: { note: '冒充提交' } });
      expect(r.statusCode).toBe(403);
      expect(r.json().detail).toBe('只有中标团队可以报告里程碑');
    }
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { body: { note: '匿名' } })).statusCode).toBe(401);
    // Acceptance (or return) of a milestone not reported.
    for (const verb of ['accept', 'return']) {
      const r = await t.api('POST', `/api/challenges/${id}/milestones/1/${verb}`, { token: w.poser.token, body: { reason: '未见报告', comment: '' } });
      expect(r.statusCode).toBe(409);
      expect(r.json().detail).toBe('该里程碑尚未提交报告，不能验收或退回');
    }
    expect((await t.api('POST', `/api/challenges/${id}/milestones/9/report`, { token: w.teams[0]!.user.token, body: { note: '不存在' } })).statusCode).toBe(404);
    expect(await stored()).toEqual(before);
    const accepted = await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'challenge.milestoneAccepted'));
    expect(accepted.filter((e) => JSON.stringify(e.payload).includes(id))).toHaveLength(0);

    // The team reports; an outsider cannot accept it, the poser can, once.
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token: w.teams[0]!.user.token, body: { note: '材料试验完成' } })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token: w.teams[0]!.user.token, body: { note: '再次提交' } })).json().detail).toBe('该里程碑已提交报告，等待验收');
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/accept`, { token: w.teams[0]!.user.token, body: {} })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/accept`, { token: w.poser.token, body: { comment: '通过' } })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/accept`, { token: w.poser.token, body: { comment: '再次' } })).json().detail).toBe('该里程碑已验收');
    expect(await stored()).toEqual([['accepted', '材料试验完成'], ['pending', null], ['pending', null]]);
  });

  it('hands files in with a milestone report: the team uploads them, the poser and the panel download them, nobody else; a foreign id is refused', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    await awardFirstTeam(w, id);
    const team = w.teams[0]!.user.token;
    const stranger = await t.factories.user();

    // Only the winning team uploads, and only PDFs or images.
    for (const token of [w.teams[1]!.user.token, w.poser.token, w.experts[0]!.token]) {
      const r = await uploadTo(id, 1, token);
      expect(r.statusCode, r.body).toBe(403);
    }
    const exe = await uploadTo(id, 1, team, '脚本.exe', 'MZ not a pdf');
    expect(exe.statusCode).toBe(400);
    expect(exe.json().errors).toEqual([{ path: 'file', message: '只接受 .pdf、.png、.jpg、.jpeg、.webp 文件' }]);
    const up = await uploadTo(id, 1, team);
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json() as { id: string; fileName: string; url: string; size: number };
    expect(file).toMatchObject({ fileName: '试验报告.pdf', size: PDF.length, url: `/api/challenges/${id}/milestones/1/attachments/${file.id}` });
    const wrong = (await uploadTo(id, 1, team, '传错了.pdf')).json().id as string;
    expect((await t.api('DELETE', `/api/challenges/${id}/milestones/1/attachments/${wrong}`, { token: w.poser.token })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/challenges/${id}/milestones/1/attachments/${wrong}`, { token: team })).statusCode).toBe(204);

    // A report may hand in only files uploaded to this milestone: another milestone's, a deleted one's or any other id is refused at the field.
    const other = (await uploadTo(id, 2, team, '样机照片.pdf')).json().id as string;
    for (const bad of [other, wrong, w.poserOrgId]) {
      const r = await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token: team, body: { note: '材料试验完成', attachmentIds: [file.id, bad] } });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().errors).toEqual([{ path: 'attachmentIds', message: '附件须是为本里程碑上传的文件（请先上传再提交报告）' }]);
    }
    const milestoneOf = async (token: string) => (await t.api('GET', `/api/challenges/${id}`, { token })).json().milestones.find((m: { n: number }) => m.n === 1);
    expect(await milestoneOf(w.poser.token)).toMatchObject({ status: 'pending', attachments: [] });

    const reported = await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token: team, body: { note: '材料试验完成', attachmentIds: [file.id] } });
    expect(reported.statusCode, reported.body).toBe(200);
    // The poser and each expert see the file on the acceptance page and download its bytes.
    for (const token of [w.poser.token, ...w.experts.map((e) => e.token), w.admin.token, team]) {
      expect((await milestoneOf(token)).attachments).toEqual([expect.objectContaining({ id: file.id, fileName: '试验报告.pdf', url: file.url, mime: 'application/pdf' })]);
      const got = await t.api('GET', file.url, { token });
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(PDF)).toBe(true);
    }
    // The losing team, a stranger and the public do not; nor through another milestone's number.
    for (const token of [w.teams[1]!.user.token, stranger.token, undefined]) expect((await t.api('GET', file.url, token ? { token } : {})).statusCode).toBe(404);
    expect((await t.api('GET', `/api/challenges/${id}/milestones/2/attachments/${file.id}`, { token: w.poser.token })).statusCode).toBe(404);
    // Once reported, its files stay as handed in.
    const late = await t.api('DELETE', `/api/challenges/${id}/milestones/1/attachments/${file.id}`, { token: team });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe('该里程碑已提交报告、已验收或已停止，不能再上传或删除附件');
    expect((await uploadTo(id, 1, team)).statusCode).toBe(409);
    expect((await milestoneOf(w.poser.token)).attachmentIds).toEqual([file.id]);
  });

  it('sweeps the files a team uploaded but never reported, a week after the milestone closed; the reported ones stay', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    await awardFirstTeam(w, id);
    const team = w.teams[0]!.user.token;
    const handed = (await uploadTo(id, 1, team, '试验报告.pdf')).json().id as string;
    const unused = (await uploadTo(id, 1, team, '草稿.pdf')).json().id as string;
    const later = (await uploadTo(id, 2, team, '样机照片.pdf')).json().id as string;
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token: team, body: { note: '材料试验完成', attachmentIds: [handed] } })).statusCode).toBe(200);
    const stored = async () => (await t.database.db.select({ id: attachments.id }).from(attachments).where(inArray(attachments.id, [handed, unused, later]))).map((r) => r.id).sort();
    const day = 86400_000;

    // Within the week nothing goes; an open milestone's files stay (they count against the team's storage).
    expect((await sweepMilestoneFiles(t.database.db, new Date(Date.now() + 6 * day))).removed).toBe(0);
    expect(await stored()).toEqual([handed, unused, later].sort());
    await sweepMilestoneFiles(t.database.db, new Date(Date.now() + 8 * day));
    expect(await stored()).toEqual([handed, later].sort());
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'challenge.milestone.filesSwept'), eq(auditEvents.entityId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ n: 1, files: [expect.objectContaining({ attachmentId: unused, fileName: '草稿.pdf' })] });
    // The reported file is still served to the poser.
    expect((await t.api('GET', `/api/challenges/${id}/milestones/1/attachments/${handed}`, { token: w.poser.token })).statusCode).toBe(200);

    // A terminated challenge's open milestones: their files go a week later. The daily job does it (a row in the jobs table).
    await t.api('POST', `/api/challenges/${id}/terminate`, { token: w.poser.token, body: { reason: '企业战略调整' } });
    expect((await sweepMilestoneFiles(t.database.db, new Date(Date.now() + 3 * day))).removed).toBe(0);
    await milestoneSweepJob.run(t.database.db, {}, { id: 'test', runAt: new Date(), heartbeat: async () => {} });
    expect(await stored()).toEqual([handed, later].sort());
    expect((await sweepMilestoneFiles(t.database.db, new Date(Date.now() + 8 * day))).removed).toBe(1);
    expect(await stored()).toEqual([handed]);
  });

  it('sweeps incrementally: a milestone already swept is not looked at again, one closed later is still swept, one returned and reported anew is swept anew', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    await awardFirstTeam(w, id);
    const team = w.teams[0]!.user.token;
    const day = 86400_000;
    const first = new Date(Date.now() + 8 * day);
    const report = (n: number, attachmentIds: string[]) => t.api('POST', `/api/challenges/${id}/milestones/${n}/report`, { token: team, body: { note: `第 ${n} 阶段完成`, attachmentIds } });
    const sweptAt = async () =>
      Object.fromEntries((await t.database.db.select({ n: challengeMilestones.n, at: challengeMilestones.filesSweptAt }).from(challengeMilestones).where(eq(challengeMilestones.challengeId, id))).map((r) => [r.n, r.at?.getTime() ?? null]));
    const sweptAudits = async () => (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'challenge.milestone.filesSwept'), eq(auditEvents.entityId, id)))).map((a) => a.before as { n: number; files: { fileName: string }[] }).sort((x, y) => x.n - y.n); // a table's rows come in no promised order
    const exists = async (fileId: string) => (await t.database.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.id, fileId))).length === 1;

    const handed1 = (await uploadTo(id, 1, team, '报告一.pdf')).json().id as string;
    const draft1 = (await uploadTo(id, 1, team, '草稿一.pdf')).json().id as string;
    expect((await report(1, [handed1])).statusCode).toBe(200);
    expect(await sweepMilestoneFiles(t.database.db, first)).toEqual({ removed: 1, milestones: 1 });
    expect(await exists(draft1)).toBe(false);
    expect(await sweptAt()).toEqual({ 1: first.getTime(), 2: null, 3: null });

    // Milestone 2 closes after that sweep: the next sweep takes it, and only it.
    const handed2 = (await uploadTo(id, 2, team, '报告二.pdf')).json().id as string;
    const draft2 = (await uploadTo(id, 2, team, '草稿二.pdf')).json().id as string;
    expect((await report(2, [handed2])).statusCode).toBe(200);
    const second = new Date(Date.now() + 9 * day);
    expect(await sweepMilestoneFiles(t.database.db, second)).toEqual({ removed: 1, milestones: 1 });
    expect([await exists(handed2), await exists(draft2), await exists(handed1)]).toEqual([true, false, true]);
    expect(await sweptAt()).toEqual({ 1: first.getTime(), 2: second.getTime(), 3: null });
    // A third sweep finds nothing to look at.
    expect(await sweepMilestoneFiles(t.database.db, new Date(Date.now() + 10 * day))).toEqual({ removed: 0, milestones: 0 });
    expect((await sweptAudits()).map((a) => [a.n, a.files.map((f) => f.fileName)])).toEqual([[1, ['草稿一.pdf']], [2, ['草稿二.pdf']]]);

    // Returned, milestone 1 opens again: files uploaded then and left out of the new report go at the next sweep after its grace.
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/return`, { token: w.poser.token, body: { reason: '请补充试验数据' } })).statusCode).toBe(200);
    expect((await sweptAt())[1]).toBeNull();
    const draft1b = (await uploadTo(id, 1, team, '草稿一补.pdf')).json().id as string;
    const handed1b = (await uploadTo(id, 1, team, '报告一补.pdf')).json().id as string;
    expect((await report(1, [handed1, handed1b])).statusCode).toBe(200);
    expect(await sweepMilestoneFiles(t.database.db, new Date(Date.now() + 3 * day))).toEqual({ removed: 0, milestones: 0 });
    expect(await sweepMilestoneFiles(t.database.db, new Date(Date.now() + 11 * day))).toEqual({ removed: 1, milestones: 1 });
    expect([await exists(draft1b), await exists(handed1b), await exists(handed1)]).toEqual([false, true, true]);
  });

  it('lets racing award several teams, asks which team a milestone decision is about, and terminates with a reason', async () => {
    const w = await world();
    const id = await publishedChallenge(w, { scheme: 'racing' });
    const bidIds: string[] = [];
    for (const tm of w.teams) bidIds.push((await t.api('POST', `/api/challenges/${id}/bids`, { token: tm.user.token, body: bidBody(tm.orgId) })).json().id);
    for (const b of bidIds) await t.api('POST', `/api/challenges/${id}/bids/${b}/check`, { token: w.admin.token, body: { decision: 'pass' } });
    await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [w.experts[0]!.id] } });
    await closeBidding(id);
    for (const b of bidIds) await t.api('POST', `/api/challenges/${id}/bids/${b}/scores`, { token: w.experts[0]!.token, body: scores(80, 80, 80, 80) });
    const r = await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().winners).toHaveLength(2);
    await endNotice(id);
    await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token: w.teams[1]!.user.token, body: {} });
    const which = await t.api('POST', `/api/challenges/${id}/milestones/1/accept`, { token: w.poser.token, body: {} });
    expect(which.json().errors[0]).toMatchObject({ path: 'bidId' });
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/accept`, { token: w.poser.token, body: { bidId: bidIds[0] } })).statusCode).toBe(409);
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/accept`, { token: w.poser.token, body: { bidId: bidIds[1] } })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/challenges/${id}/terminate`, { token: w.teams[0]!.user.token, body: { reason: '退出' } })).statusCode).toBe(403);
    const ended = (await t.api('POST', `/api/challenges/${id}/terminate`, { token: w.poser.token, body: { reason: '企业战略调整' } })).json();
    expect(ended).toMatchObject({ status: 'terminated', terminationReason: '企业战略调整' });
    expect(ended.milestones.find((m: { bidId: string; n: number }) => m.bidId === bidIds[1] && m.n === 1).status).toBe('accepted');
    // Announced once, with the reason and the day, for the policy engine to cancel what the challenge committed and has not paid.
    const announced = await t.database.db.select().from(domainEvents).where(and(eq(domainEvents.type, 'challenge.terminated'), sql`${domainEvents.payload}->'challenge'->>'id' = ${id}`));
    expect(announced.map((e) => e.payload)).toEqual([{ challenge: { id, scheme: 'racing' }, jurisdictionCode: expect.any(String), terminatedOn: shanghaiToday(), reason: '企业战略调整' }]);
    expect((await t.api('POST', `/api/challenges/${id}/terminate`, { token: w.poser.token, body: { reason: '再次' } })).statusCode).toBe(409);
  });

  it('keeps the best racing team at a stage gate and ends the other with the reason; its milestones stop', async () => {
    const w = await world();
    const id = await publishedChallenge(w, { scheme: 'racing' });
    const bidIds: string[] = [];
    for (const tm of w.teams) bidIds.push((await t.api('POST', `/api/challenges/${id}/bids`, { token: tm.user.token, body: bidBody(tm.orgId) })).json().id);
    for (const b of bidIds) await t.api('POST', `/api/challenges/${id}/bids/${b}/check`, { token: w.admin.token, body: { decision: 'pass' } });
    await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [w.experts[0]!.id] } });
    await closeBidding(id);
    for (const b of bidIds) await t.api('POST', `/api/challenges/${id}/bids/${b}/scores`, { token: w.experts[0]!.token, body: scores(80, 80, 80, 80) });
    await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds } });
    const gate = (body: Record<string, unknown>, token = w.experts[0]!.token) => t.api('POST', `/api/challenges/${id}/stage-gate`, { token, body });
    expect((await gate({ keepBidIds: [bidIds[0]], reason: '样机性能领先' })).json().detail).toContain('公示期');
    await endNotice(id);
    await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token: w.teams[1]!.user.token, body: { note: '材料方案' } });
    expect((await gate({ keepBidIds: [bidIds[0]], reason: 'x' }, w.poser.token)).statusCode).toBe(403);
    expect((await gate({ keepBidIds: [bidIds[0]], reason: 'x' }, w.teams[0]!.user.token)).statusCode).toBe(403);
    expect((await gate({ keepBidIds: bidIds, reason: '都好' })).json().errors[0]).toMatchObject({ path: 'keepBidIds' });
    expect((await gate({ keepBidIds: [w.poserOrgId], reason: 'x' })).json().errors[0]).toMatchObject({ path: 'keepBidIds.0' });
    expect((await gate({ keepBidIds: [bidIds[0]], reason: '' })).statusCode).toBe(400);
    const r = await gate({ keepBidIds: [bidIds[0]], reason: '第一阶段样机寿命测试落后' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().allowedActions).not.toContain('stageGate');
    expect(r.json().milestones.filter((m: { bidId: string }) => m.bidId === bidIds[1]).map((m: { status: string }) => m.status)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(r.json().milestones.filter((m: { bidId: string }) => m.bidId === bidIds[0]).map((m: { status: string }) => m.status)).toEqual(['pending', 'pending', 'pending']);
    // The ended team sees why, and can report no more; the kept team goes on.
    const ended = (await t.api('GET', `/api/challenges/${id}/bids/${bidIds[1]}`, { token: w.teams[1]!.user.token })).json();
    expect(ended.outcome).toEqual({ status: 'ended', reason: '阶段评审未保留：第一阶段样机寿命测试落后' });
    expect((await t.api('POST', `/api/challenges/${id}/milestones/2/report`, { token: w.teams[1]!.user.token, body: {} })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token: w.teams[0]!.user.token, body: {} })).statusCode).toBe(200);
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.kind, 'challenge.stageGate.ended'), eq(notifications.organizationId, w.teams[1]!.orgId)));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toBe('第一阶段样机寿命测试落后');
    // Only racing has stage gates.
    const other = await publishedChallenge(w);
    expect((await t.api('POST', `/api/challenges/${other}/stage-gate`, { token: w.admin.token, body: { keepBidIds: [bidIds[0]], reason: 'x' } })).statusCode).toBe(409);
  });

  it('prefills from a demand, shows an overdue milestone, and the daily sweep tells the team and the poster once', async () => {
    const w = await world();
    const demand = await t.api('POST', '/api/demands', {
      token: w.poser.token,
      body: { organizationId: w.poserOrgId, title: '轴承噪声治理', description: '降低高速轴承噪声 10 分贝', industry: 'C', budgetMin: null, budgetMax: 50_000_000, confidentiality: 'public', commonProblem: false, deadline: null },
    });
    expect(demand.statusCode, demand.body).toBe(201);
    const posted = await t.api('POST', '/api/challenges', { token: w.poser.token, body: { scheme: 'bounty', demandId: demand.json().id, deadline: inDays(10) } });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ title: '轴承噪声治理', description: '降低高速轴承噪声 10 分贝', bounty: 50_000_000, organization: { id: w.poserOrgId }, demandId: demand.json().id });
    const row = await challengeRepository.byId(t.database.db, posted.json().id);
    expect(row?.status).toBe('pending_review');
    const id = posted.json().id as string;
    await t.api('POST', `/api/challenges/${id}/review`, { token: w.admin.token, body: { decision: 'approve' } });
    const bid = (await t.api('POST', `/api/challenges/${id}/bids`, { token: w.teams[0]!.user.token, body: bidBody(w.teams[0]!.orgId, { budget: 50_000_000, milestones: [{ title: '全部', dueOn: dayIn(1), share: 1 }] }) })).json().id;
    await t.api('POST', `/api/challenges/${id}/bids/${bid}/check`, { token: w.admin.token, body: { decision: 'pass' } });
    await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [w.experts[0]!.id] } });
    await closeBidding(id);
    await t.api('POST', `/api/challenges/${id}/bids/${bid}/scores`, { token: w.experts[0]!.token, body: scores(80, 80, 80, 80) });
    await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [bid] } });
    await endNotice(id);
    await t.database.db.update(challengeMilestones).set({ dueOn: dayIn(-2) }).where(eq(challengeMilestones.bidId, bid));
    const seen = (await t.api('GET', `/api/challenges/${id}`, { token: w.teams[0]!.user.token })).json();
    expect(seen.milestones[0]).toMatchObject({ status: 'overdue', allowedActions: ['report'] });
    // The daily sweep tells the team and the poster once.
    await sweepMilestones(t.database.db);
    await sweepMilestones(t.database.db);
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.kind, 'challenge.milestone.overdue'), inArray(notifications.organizationId, [w.teams[0]!.orgId, w.poserOrgId])));
    expect(told.map((n) => n.organizationId).sort()).toEqual([w.teams[0]!.orgId, w.poserOrgId].sort());
  });

  it('keeps the timeline as facts and words it in the reader’s language; entries recorded before keep their text', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    await awardFirstTeam(w, id);
    const read = async (lang?: string, token?: string) =>
      (await t.api('GET', `/api/challenges/${id}`, { token, headers: lang ? { 'accept-language': lang } : {} })).json().timeline as { kind: string; text: string; params: Record<string, unknown> | null }[];
    const zh = await read(undefined, w.poser.token);
    const en = await read('en-GB,en;q=0.9', w.poser.token);
    expect(en.map((e) => e.kind)).toEqual(zh.map((e) => e.kind));
    const of = (xs: typeof zh, kind: string) => xs.find((e) => e.kind === kind)!;
    // Amounts in fen and instants are kept as facts; both languages read them as 万元 and Asia/Shanghai time.
    expect(of(zh, 'awarded').params).toEqual({ winners: [{ name: expect.stringMatching(/^甲大学\d+$/), budgetFen: 300_000_000 }], until: expect.any(String) });
    expect(of(en, 'awarded').text).toMatch(/^Proposed award on notice: 甲大学\d+ \(budget 300 × 10k yuan\); notice until \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(of(zh, 'published').text).toMatch(/^晋中市审核通过，榜单发布，揭榜截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(of(en, 'published').text).toMatch(/^Approved by 晋中市 and published; bids close \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(of(en, 'panel').text).toBe('Expert panel formed (3 experts)');
    expect(of(en, 'awardFinal').text).toMatch(/^Notice period over; the award is final: 甲大学\d+$/);
    // The deadline reads in Asia/Shanghai whatever the server's zone.
    const deadline = new Date(of(zh, 'published').params!.deadline as string);
    expect(of(zh, 'published').text.slice(-16)).toBe(new Date(deadline.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));

    // An entry recorded before params were kept shows its text in either language; the public sees only public entries.
    await challengeRepository.addTimeline(t.database.db, { challengeId: id, at: new Date(), kind: 'legacy', text: '旧记录：线下路演已完成', visibility: 'public' });
    expect((await read('en')).find((e) => e.kind === 'legacy')).toMatchObject({ kind: 'legacy', text: '旧记录：线下路演已完成', params: null });
    expect((await read()).map((e) => e.kind)).not.toContain('bid');
    expect((await read(undefined, w.teams[1]!.user.token)).map((e) => e.kind)).toContain('bid');
  });

  it('publishes an award for a notice period: objections from verified organisations, upheld back to review, dismissed to final', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    const bidIds: string[] = [];
    for (const tm of w.teams) bidIds.push((await t.api('POST', `/api/challenges/${id}/bids`, { token: tm.user.token, body: bidBody(tm.orgId) })).json().id);
    for (const b of bidIds) await t.api('POST', `/api/challenges/${id}/bids/${b}/check`, { token: w.admin.token, body: { decision: 'pass' } });
    await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [w.experts[0]!.id] } });
    await closeBidding(id);
    for (const b of bidIds) await t.api('POST', `/api/challenges/${id}/bids/${b}/scores`, { token: w.experts[0]!.token, body: scores(80, 80, 80, 80) });
    // Before an award there is nothing to object to.
    expect((await t.api('POST', `/api/challenges/${id}/objections`, { token: w.teams[1]!.user.token, body: { organizationId: w.teams[1]!.orgId, reason: '评分不公' } })).statusCode).toBe(409);
    const a = await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [bidIds[0]], noticeDays: 7 } });
    expect(a.statusCode, a.body).toBe(200);
    expect(new Date(a.json().notice.endsAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const lodge = (who: number, reason = '中标单位业绩材料不实') => t.api('POST', `/api/challenges/${id}/objections`, { token: w.teams[who]!.user.token, body: { organizationId: w.teams[who]!.orgId, reason } });
    expect((await lodge(0)).statusCode).toBe(409); // the winner cannot object to its own award
    expect((await t.api('POST', `/api/challenges/${id}/objections`, { body: { organizationId: w.teams[1]!.orgId, reason: 'x' } })).statusCode).toBe(401);
    expect((await t.api('POST', `/api/challenges/${id}/objections`, { token: w.teams[1]!.user.token, body: { organizationId: w.poserOrgId, reason: 'x' } })).json().errors[0]).toMatchObject({ path: 'organizationId' });
    expect((await t.api('POST', `/api/challenges/${id}/objections`, { token: w.teams[1]!.user.token, body: { organizationId: w.teams[1]!.orgId, reason: '' } })).statusCode).toBe(400);
    const first = await lodge(1);
    expect(first.statusCode, first.body).toBe(201);
    expect((await lodge(1, '再次')).statusCode).toBe(409);
    // The public list names no person and no organisation; administrators see the organisation.
    const pub = (await t.api('GET', `/api/challenges/${id}/objections`)).json();
    expect(pub.items).toEqual([expect.objectContaining({ reason: '中标单位业绩材料不实', status: 'pending', organization: null, allowedActions: [] })]);
    expect(JSON.stringify(pub)).not.toContain(w.teams[1]!.user.id);
    const forAdmin = (await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json();
    expect(forAdmin.objections[0]).toMatchObject({ organization: { id: w.teams[1]!.orgId }, allowedActions: ['resolve'] });
    expect(forAdmin.allowedActions).toContain('resolveObjections');

    const resolve = (oid: string, decision: string, token = w.admin.token) => t.api('POST', `/api/challenges/${id}/objections/${oid}/resolve`, { token, body: { decision, reason: '经核查' } });
    expect((await resolve(first.json().id, 'uphold', w.poser.token)).statusCode).toBe(403);
    // The notice ends with an objection pending: the award waits for its resolution.
    await endNotice(id);
    expect((await t.api('GET', `/api/challenges/${id}`)).json().status).toBe('notice');
    // Upheld: the award is withdrawn back to review, the bids' outcomes cleared.
    const up = await resolve(first.json().id, 'uphold');
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ status: 'published', awardedAt: null, notice: null, winners: [] });
    expect(up.json().bids.map((b: { outcome: { status: string } }) => b.outcome.status)).toEqual(['pending', 'pending']);
    expect((await resolve(first.json().id, 'dismiss')).statusCode).toBe(409);

    // A second award: an objection dismissed after the notice has ended makes it final at once.
    expect((await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [bidIds[1]] } })).statusCode).toBe(200);
    const second = await lodge(0, '评审专家与中标单位有合作');
    expect(second.statusCode).toBe(201);
    await challengeRepository.update(t.database.db, id, { noticeEndsAt: new Date(Date.now() - 1000) });
    expect((await lodge(0, '逾期')).statusCode).toBe(409);
    const down = await resolve(second.json().id, 'dismiss');
    expect(down.json()).toMatchObject({ status: 'awarded', notice: { final: true }, winners: [{ bidId: bidIds[1] }] });
    expect(down.json().milestones).toHaveLength(3);
    const ev = await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'challenge.awarded'));
    expect(ev.filter((e) => (e.payload as { challenge: { id: string } }).challenge.id === id).map((e) => (e.payload as { solverOrganizationIds: string[] }).solverOrganizationIds)).toEqual([[w.teams[1]!.orgId]]);
    // The stale timer of the withdrawn award does nothing.
    await endNotice(id);
    expect((await t.api('GET', `/api/challenges/${id}/objections`)).json().items.map((o: { status: string }) => o.status)).toEqual(['upheld', 'dismissed']);
  });

  it('shares a bounty’s accepted solution with the firms on the list, not the public; crowdsourcing submissions with the poser, and once accepted with the public when allowed', async () => {
    const w = await world();
    const solve = async (scheme: string, extra: Record<string, unknown> = {}) => {
      const id = await publishedChallenge(w, { scheme, ...extra });
      const bid = (await t.api('POST', `/api/challenges/${id}/bids`, { token: w.teams[0]!.user.token, body: bidBody(w.teams[0]!.orgId, { milestones: [{ title: '方案', dueOn: dayIn(30), share: 0.5 }, { title: '最终成果', dueOn: dayIn(60), share: 0.5 }] }) })).json().id;
      await t.api('POST', `/api/challenges/${id}/bids/${bid}/check`, { token: w.admin.token, body: { decision: 'pass' } });
      await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: [w.experts[0]!.id] } });
      await closeBidding(id);
      await t.api('POST', `/api/challenges/${id}/bids/${bid}/scores`, { token: w.experts[0]!.token, body: scores(80, 80, 80, 80) });
      await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [bid] } });
      await endNotice(id);
      return id;
    };
    const report = async (id: string, n: number, note: string) => {
      const file = (await uploadTo(id, n, w.teams[0]!.user.token, `${note}.pdf`)).json().id as string;
      return t.api('POST', `/api/challenges/${id}/milestones/${n}/report`, { token: w.teams[0]!.user.token, body: { note, attachmentIds: [file] } });
    };
    const accept = (id: string, n: number) => t.api('POST', `/api/challenges/${id}/milestones/${n}/accept`, { token: w.poser.token, body: {} });
    const firmHere = await t.factories.user();
    await t.factories.organization(firmHere, { jurisdictionCode: '140700' });
    const firmAway = await t.factories.user();
    await t.factories.organization(firmAway, { jurisdictionCode: '371000' });
    const pending = await t.factories.user();
    await t.factories.organization(pending, { jurisdictionCode: '140700', status: 'pending' });
    const resultsOf = async (id: string, token?: string) => (await t.api('GET', `/api/challenges/${id}`, token ? { token } : {})).json().results as { reportNote: string; n: number; status: string }[];

    const bounty = await solve('bounty');
    await report(bounty, 1, '中间方案');
    await accept(bounty, 1);
    await report(bounty, 2, '最终解决方案：降噪 12 分贝');
    expect(await resultsOf(bounty, firmHere.token)).toEqual([]); // not accepted yet
    await accept(bounty, 2);
    const shared = (await resultsOf(bounty, firmHere.token)) as unknown as { attachments: { url: string; fileName: string }[] }[];
    expect(shared).toEqual([expect.objectContaining({ n: 2, reportNote: '最终解决方案：降噪 12 分贝', attachments: [expect.objectContaining({ fileName: '最终解决方案：降噪 12 分贝.pdf' })], status: 'accepted' })]);
    // The firms on the list download the shared solution's file; a firm elsewhere does not.
    expect((await t.api('GET', shared[0]!.attachments[0]!.url, { token: firmHere.token })).statusCode).toBe(200);
    expect((await t.api('GET', shared[0]!.attachments[0]!.url, { token: firmAway.token })).statusCode).toBe(404);
    expect(await resultsOf(bounty, w.poser.token)).toHaveLength(1);
    expect(await resultsOf(bounty)).toEqual([]);
    expect(await resultsOf(bounty, firmAway.token)).toEqual([]);
    expect(await resultsOf(bounty, pending.token)).toEqual([]);

    // Only crowdsourcing may open its results to the public.
    expect((await t.api('POST', '/api/challenges', { token: w.poser.token, body: challengeBody(w, { scheme: 'bounty', resultsPublic: true }) })).json().errors[0]).toMatchObject({ path: 'resultsPublic' });
    const open = await solve('crowdsourcing', { resultsPublic: true });
    await report(open, 1, '众包提交一');
    expect(await resultsOf(open, w.poser.token)).toEqual([expect.objectContaining({ reportNote: '众包提交一', status: 'reported' })]);
    expect(await resultsOf(open)).toEqual([]);
    expect(await resultsOf(open, firmHere.token)).toEqual([]);
    await accept(open, 1);
    expect(await resultsOf(open)).toEqual([expect.objectContaining({ reportNote: '众包提交一', status: 'accepted' })]);
    const closed = await solve('crowdsourcing');
    await report(closed, 1, '不公开的提交');
    await accept(closed, 1);
    expect(await resultsOf(closed)).toEqual([]);
    expect(await resultsOf(closed, w.poser.token)).toHaveLength(1);
    expect((await t.api('GET', `/api/challenges/${closed}`)).json().resultsPublic).toBe(false);
  });
});

describe('avoidance once the panel sits, checks before the award, termination and the board', () => {
  /** A challenge with team 0's bid passed, the three experts on the panel, and then a late bid from expert 0's own organisation. */
  async function lateConflict(w: World) {
    const id = await publishedChallenge(w);
    const early = (await t.api('POST', `/api/challenges/${id}/bids`, { token: w.teams[0]!.user.token, body: bidBody(w.teams[0]!.orgId) })).json().id as string;
    await t.api('POST', `/api/challenges/${id}/bids/${early}/check`, { token: w.admin.token, body: { decision: 'pass' } });
    expect((await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: w.experts.map((e) => e.id) } })).statusCode).toBe(200);
    const late = await t.api('POST', `/api/challenges/${id}/bids`, { token: w.experts[0]!.token, body: bidBody(w.expertOrgIds[0]!) });
    expect(late.statusCode, late.body).toBe(201);
    await t.api('POST', `/api/challenges/${id}/bids/${late.json().id}/check`, { token: w.admin.token, body: { decision: 'pass' } });
    return { id, early, late: late.json().id as string, lateOrg: late.json().organization.name as string };
  }

  it('puts the bids waiting for an expert’s scores on their workbench and expert workbench, without the bid they must avoid, until scored', async () => {
    const w = await world();
    const { id, early } = await lateConflict(w);
    const expert = w.experts[0]!;
    const tasks = async (token: string) => ((await t.api('GET', '/api/me/workbench', { token })).json().tasks as { key: string; count: number; link: string }[]).find((x) => x.key === 'challengeScorings');
    // Before the deadline nothing is due.
    expect(await tasks(expert.token)).toBeUndefined();
    await closeBidding(id);
    // Expert 0 must avoid the late bid of their own organisation: only the early one waits for them; the others have both.
    expect(await tasks(expert.token)).toEqual({ key: 'challengeScorings', count: 1, link: `/challenges/${id}/score` });
    expect(await tasks(w.experts[1]!.token)).toMatchObject({ count: 2, link: `/challenges/${id}/score` });
    const wb = (await t.api('GET', '/api/me/expert-workbench', { token: expert.token })).json();
    expect(wb.scorings).toEqual([{ challengeId: id, title: expect.any(String), deadline: expect.any(String), bidsToScore: 1, link: `/challenges/${id}/score` }]);
    // Someone not on the panel has nothing to score.
    expect(await tasks(w.poser.token)).toBeUndefined();
    expect((await t.api('POST', `/api/challenges/${id}/bids/${early}/scores`, { token: expert.token, body: scores(80, 80, 80, 80) })).statusCode).toBe(200);
    expect(await tasks(expert.token)).toBeUndefined();
    expect((await t.api('GET', '/api/me/expert-workbench', { token: expert.token })).json().scorings).toEqual([]);
  });

  it('refuses an expert a bid that came from their organisation after the panel was set, tells the administrators, and lets them replace the expert', async () => {
    const w = await world();
    const { id, early, late, lateOrg } = await lateConflict(w);
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.kind, 'challenge.panelConflict'), eq(notifications.userId, w.admin.id)));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(lateOrg);
    const detail = (await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json();
    expect(detail.panelConflicts).toEqual([{ expert: { id: w.experts[0]!.id, name: '王专家' }, bid: { id: late, organization: { id: w.expertOrgIds[0], name: lateOrg } }, reasons: ['回避：该专家属于揭榜单位'], scored: false }]);
    expect((await t.api('GET', `/api/challenges/${id}`, { token: w.poser.token })).json().panelConflicts).toBeNull();

    await closeBidding(id);
    expect((await t.api('POST', `/api/challenges/${id}/bids/${early}/scores`, { token: w.experts[0]!.token, body: scores(80, 80, 80, 80) })).statusCode).toBe(200);
    const refused = await t.api('POST', `/api/challenges/${id}/bids/${late}/scores`, { token: w.experts[0]!.token, body: scores(99, 99, 99, 99) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe(`回避：您不能评审「${lateOrg}」的揭榜方案（回避：该专家属于揭榜单位）；已告知管理员更换专家`);
    expect(await t.database.db.select().from(challengeScores).where(eq(challengeScores.bidId, late))).toHaveLength(0);
    for (const e of w.experts.slice(1)) for (const b of [early, late]) await t.api('POST', `/api/challenges/${id}/bids/${b}/scores`, { token: e.token, body: scores(70, 70, 70, 70) });
    const award = await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [early] } });
    expect(award.statusCode).toBe(409);
    expect(award.json().detail).toContain('王专家');

    // Replacing: administrators only, a replacement who is an approved expert off the panel; not once the bid was scored.
    const fresh = await t.factories.user({ name: '钱专家' });
    await t.factories.approvedProfile(fresh.id, 'expert');
    const replace = (token: string, replacementId: string) => t.api('POST', `/api/challenges/${id}/panel/replace`, { token, body: { expertId: w.experts[0]!.id, replacementId, reason: '须回避新揭榜单位' } });
    expect((await replace(w.poser.token, fresh.id)).statusCode).toBe(403);
    expect((await replace(w.admin.token, w.experts[1]!.id)).json().errors[0]).toMatchObject({ path: 'replacementId', message: '替换的专家已在专家组中' });
    expect((await replace(w.admin.token, w.teams[1]!.user.id)).json().errors[0]).toMatchObject({ path: 'replacementId', message: '该用户不是已认证的专家' });
    const refusedAfter = await replace(w.admin.token, fresh.id);
    expect(refusedAfter.statusCode).toBe(409);
    expect(refusedAfter.json().detail).toBe(`「${lateOrg}」的揭榜方案已有专家评分，不能再更换须回避该方案的专家`);
    expect((await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json().panelConflicts[0].scored).toBe(true);
  });

  it('replaces a panel member while no one has scored the bid they must avoid: their scores are withdrawn and the replacement scores every bid', async () => {
    const w = await world();
    const { id, early, late } = await lateConflict(w);
    await closeBidding(id);
    await t.api('POST', `/api/challenges/${id}/bids/${early}/scores`, { token: w.experts[0]!.token, body: scores(80, 80, 80, 80) });
    const fresh = await t.factories.user({ name: '孙专家' });
    await t.factories.approvedProfile(fresh.id, 'expert');
    const done = await t.api('POST', `/api/challenges/${id}/panel/replace`, { token: w.admin.token, body: { expertId: w.experts[0]!.id, replacementId: fresh.id, reason: '须回避新揭榜单位' } });
    expect(done.statusCode, done.body).toBe(200);
    const seated = done.json().panel.map((p: { id: string }) => p.id);
    expect(seated.at(-1)).toBe(fresh.id);
    expect([...seated].sort()).toEqual([w.experts[1]!.id, w.experts[2]!.id, fresh.id].sort());
    expect(done.json().panelConflicts).toEqual([]);
    // The timeline names who left, who came and why, for the participants only.
    const replaced = done.json().timeline.filter((e: { kind: string }) => e.kind === 'panelReplaced');
    expect(replaced.map((e: { text: string }) => e.text)).toEqual(['专家组成员更换：王专家 由 孙专家 接替（须回避新揭榜单位）']);
    expect((await t.api('GET', `/api/challenges/${id}`)).json().timeline.some((e: { kind: string }) => e.kind === 'panelReplaced')).toBe(false);
    // Each member who has scored nothing may be replaced from the panel card (administrators only).
    expect(done.json().panel.map((p: { allowedActions: string[] }) => p.allowedActions)).toEqual([['replace'], ['replace'], ['replace']]);
    expect((await t.api('GET', `/api/challenges/${id}`, { token: w.poser.token })).json().panel.every((p: { allowedActions: string[] }) => p.allowedActions.length === 0)).toBe(true);
    expect(await t.database.db.select().from(challengeScores).where(and(eq(challengeScores.challengeId, id), eq(challengeScores.expertId, w.experts[0]!.id)))).toHaveLength(0);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'challenge.replacePanelMember')));
    expect(audit).toHaveLength(1);
    expect(await t.database.db.select().from(notifications).where(and(eq(notifications.userId, fresh.id), eq(notifications.kind, 'challenge.panel')))).toHaveLength(1);
    expect((await t.api('POST', `/api/challenges/${id}/bids/${late}/scores`, { token: w.experts[0]!.token, body: scores(99, 99, 99, 99) })).statusCode).toBe(403);
    for (const e of [w.experts[1]!, w.experts[2]!, fresh]) for (const b of [early, late]) expect((await t.api('POST', `/api/challenges/${id}/bids/${b}/scores`, { token: e.token, body: scores(70, 70, 70, 70) })).statusCode).toBe(200);
    // A member who has scored is no longer offered for replacement, and the server refuses it.
    expect((await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json().panel.map((p: { allowedActions: string[] }) => p.allowedActions)).toEqual([[], [], []]);
    const other = await t.factories.user({ name: '周专家' });
    await t.factories.approvedProfile(other.id, 'expert');
    const late2 = await t.api('POST', `/api/challenges/${id}/panel/replace`, { token: w.admin.token, body: { expertId: fresh.id, replacementId: other.id, reason: '临时出差' } });
    expect(late2.statusCode).toBe(409);
    expect((await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [early] } })).statusCode).toBe(200);
  });

  it('refuses the award while a bid awaits its formal check, naming it; once every bid is checked each gets its outcome', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    const ids: string[] = [];
    for (const tm of w.teams) ids.push((await t.api('POST', `/api/challenges/${id}/bids`, { token: tm.user.token, body: bidBody(tm.orgId) })).json().id);
    await t.api('POST', `/api/challenges/${id}/bids/${ids[0]}/check`, { token: w.admin.token, body: { decision: 'pass' } });
    await t.api('POST', `/api/challenges/${id}/panel`, { token: w.admin.token, body: { expertIds: w.experts.map((e) => e.id) } });
    await closeBidding(id);
    for (const e of w.experts) await t.api('POST', `/api/challenges/${id}/bids/${ids[0]}/scores`, { token: e.token, body: scores(80, 80, 80, 80) });
    const detail = (await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json();
    expect(detail.allowedActions).not.toContain('award');
    const refused = await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [ids[0]] } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain(`尚有 1 份揭榜方案未完成形式审查（「${detail.bids[1].organization.name}」）`);
    expect((await t.api('GET', `/api/challenges/${id}`, { token: w.admin.token })).json().status).toBe('published');
    await t.api('POST', `/api/challenges/${id}/bids/${ids[1]}/check`, { token: w.admin.token, body: { decision: 'pass' } });
    for (const e of w.experts) await t.api('POST', `/api/challenges/${id}/bids/${ids[1]}/scores`, { token: e.token, body: scores(60, 60, 60, 60) });
    expect((await t.api('POST', `/api/challenges/${id}/award`, { token: w.admin.token, body: { bidIds: [ids[0]] } })).statusCode).toBe(200);
    const other = (await t.api('GET', `/api/challenges/${id}/bids/${ids[1]}`, { token: w.teams[1]!.user.token })).json();
    expect(other.outcome.status).toBe('not_chosen');
    expect(other.outcome.reason).toContain('未中标');
  });

  it('stops the winners’ open milestones on termination and never shows them overdue; the poser may withdraw a challenge in review', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    const [winner] = await awardFirstTeam(w, id);
    await t.database.db.update(challengeMilestones).set({ dueOn: dayIn(-3) }).where(and(eq(challengeMilestones.bidId, winner!), eq(challengeMilestones.n, 1)));
    expect((await t.api('GET', `/api/challenges/${id}`, { token: w.poser.token })).json().milestones[0].status).toBe('overdue');
    const ended = await t.api('POST', `/api/challenges/${id}/terminate`, { token: w.poser.token, body: { reason: '企业转产，需求取消' } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().milestones.map((m: { status: string }) => m.status)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(ended.json().milestones[0].allowedActions).toEqual([]);
    const rows = await t.database.db.select().from(challengeMilestones).where(eq(challengeMilestones.bidId, winner!));
    expect(rows.every((m) => m.status === 'stopped' && m.decisionNote === '榜单已终止：企业转产，需求取消')).toBe(true);
    const before = await t.database.db.select().from(notifications).where(eq(notifications.kind, 'challenge.milestone.overdue'));
    await sweepMilestones(t.database.db);
    expect(await t.database.db.select().from(notifications).where(eq(notifications.kind, 'challenge.milestone.overdue'))).toHaveLength(before.length);
    expect((await t.api('POST', `/api/challenges/${id}/terminate`, { token: w.poser.token, body: { reason: '再次' } })).statusCode).toBe(409);

    // In review: the poser withdraws it; it never reaches the board; a rejected one cannot be terminated.
    const posted = (await t.api('POST', '/api/challenges', { token: w.poser.token, body: challengeBody(w, { title: '撤回的榜单' }) })).json();
    expect((await t.api('POST', `/api/challenges/${posted.id}/terminate`, { token: w.teams[0]!.user.token, body: { reason: '不是我的' } })).statusCode).toBe(404);
    const withdrawn = await t.api('POST', `/api/challenges/${posted.id}/terminate`, { token: w.poser.token, body: { reason: '发榜单位撤回' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'terminated', terminationReason: '发榜单位撤回' });
    expect((await t.api('GET', `/api/challenges/${posted.id}`)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/challenges?status=terminated&pageSize=100')).json().items.some((x: { id: string }) => x.id === posted.id)).toBe(false);
    const rejected = (await t.api('POST', '/api/challenges', { token: w.poser.token, body: challengeBody(w) })).json();
    await t.api('POST', `/api/challenges/${rejected.id}/review`, { token: w.admin.token, body: { decision: 'reject', reason: '材料不全' } });
    expect((await t.api('POST', `/api/challenges/${rejected.id}/terminate`, { token: w.poser.token, body: { reason: '撤回' } })).statusCode).toBe(409);
  });

  it('names the winners and the amounts awarded on the board once the award is final', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    const open = await publishedChallenge(w);
    await awardFirstTeam(w, id);
    const board = (await t.api('GET', '/api/challenges?pageSize=100')).json().items as { id: string; winners: unknown[] }[];
    const team = (await t.api('GET', `/api/challenges/${id}`)).json().winners[0].organization.name;
    expect(board.find((x) => x.id === id)!.winners).toEqual([{ organizationName: team, amount: 300_000_000 }]);
    expect(board.find((x) => x.id === open)!.winners).toEqual([]);
  });

  it('posts a two-way conversion challenge from the university’s own published achievement, prefilled; not another’s', async () => {
    const w = await world();
    const uni = w.teams[0]!;
    const achievementId = await publishedAchievement(t, uni.user, w.admin, { title: '耐磨涂层成果转化', summary: '等离子喷涂耐磨涂层，寿命提高三倍。' });
    const body = { scheme: 'two_way', kind: 'conversion', achievementId, deadline: inDays(20), bounty: 50_000_000 };
    const posted = await t.api('POST', '/api/challenges', { token: uni.user.token, body });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ title: '耐磨涂层成果转化', description: '等离子喷涂耐磨涂层，寿命提高三倍。', achievementId, organization: { id: uni.orgId }, scheme: 'two_way', kind: 'conversion' });
    const typed = await t.api('POST', '/api/challenges', { token: uni.user.token, body: { ...body, title: '自拟标题' } });
    expect(typed.json()).toMatchObject({ title: '自拟标题', description: '等离子喷涂耐磨涂层，寿命提高三倍。' });
    const foreign = await t.api('POST', '/api/challenges', { token: w.poser.token, body: { ...body, organizationId: w.poserOrgId } });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0]).toMatchObject({ path: 'achievementId', message: '只能以发榜单位自己的科技成果发榜' });
  });

  it('reminds the team a week before a milestone is due and then tells team and poser it is overdue, from a timer in the jobs table that a restarted runner picks up', async () => {
    const w = await world();
    const id = await publishedChallenge(w);
    const [won] = await awardFirstTeam(w, id);
    const day = 86_400_000;
    const start = Date.now();
    // The first milestone falls due in ten days (the others much later).
    await t.database.db.update(challengeMilestones).set({ dueOn: shanghaiToday(new Date(start + 10 * day)) }).where(and(eq(challengeMilestones.bidId, won!), eq(challengeMilestones.n, 1)));
    const told = async (kind: string) =>
      (await t.database.db.select().from(notifications).where(eq(notifications.kind, kind))).filter((n) => n.link === `/challenges/${id}/milestones`).map((n) => n.organizationId).sort();
    const pendingSweeps = async () => t.database.db.select().from(jobs).where(and(eq(jobs.name, 'challenges.milestoneSweep'), eq(jobs.status, 'pending')));
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(start);
      await scheduleMilestoneSweep(t.database.db);
      const [row] = await pendingSweeps();
      expect(row!.runAt.getTime()).toBe(nextMilestoneSweepAt(new Date(start)).getTime());
      // A runner started afresh (as after a restart) finds the timer in the database and runs it at its time; each run sets the next.
      const runAt = async (days: number) => {
        const now = new Date(start + days * day);
        vi.setSystemTime(now);
        await new JobRunner(t.database.db, CHALLENGE_JOBS, { error: () => {} }).runDue(now);
        const next = await pendingSweeps();
        expect(next).toHaveLength(1);
        expect(next[0]!.runAt.getTime()).toBe(nextMilestoneSweepAt(now).getTime());
      };
      await runAt(2); // eight days ahead: nothing yet
      expect(await told('challenge.milestone.due')).toEqual([]);
      await runAt(4); // six days ahead: the team is reminded, once
      await runAt(5);
      expect(await told('challenge.milestone.due')).toEqual([w.teams[0]!.orgId]);
      expect(await told('challenge.milestone.overdue')).toEqual([]);
      await runAt(11); // the due date passed: overdue, told to the team and the poser once
      await runAt(12);
      expect(await told('challenge.milestone.overdue')).toEqual([w.teams[0]!.orgId, w.poserOrgId].sort());
      expect(await told('challenge.milestone.due')).toEqual([w.teams[0]!.orgId]);
    } finally {
      vi.useRealTimers();
    }
  });
});
