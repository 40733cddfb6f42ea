import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { shanghaiToday } from '@kzt/shared';
import { auditEvents, notifications } from '../../db/schema/index.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { challengeRepository as repo } from './challenges.repository.ts';
import { milestoneRowsOf } from './challenges.presenter.ts';

const t = useTestApp();
const daysFrom = (d: number) => new Date(Date.now() + d * 86_400_000);

/**
 * A bounty (悬赏) of a firm in 晋中 won by a university team whose two milestones
 * are accepted (the first only, when `accepted: 1`), a losing bidder, an
 * administrator of 晋中 and an expert on the panel. Budget: 2,000,000 fen.
 */
async function solvedBounty(opts: { scheme?: string; accepted?: number } = {}) {
  const f = t.factories;
  const poser = await f.user({ name: '悬赏发榜人' });
  const poserOrg = await f.organization(poser, { name: `晋中轴承${Date.now()}`, jurisdictionCode: '140700' });
  const team = await f.user({ name: '团队负责人' });
  const teamOrg = await f.organization(team, { type: 'university', name: `晋中学院${Date.now()}`, jurisdictionCode: '140700' });
  const loser = await f.user();
  const loserOrg = await f.organization(loser, { jurisdictionCode: '140700' });
  const admin = await f.admin('140700');
  const expert = await f.user({ name: '评审专家' });
  await f.approvedProfile(expert.id, 'expert');
  const c = await repo.insert(t.database.db, {
    scheme: opts.scheme ?? 'bounty',
    title: '轴承噪声治理悬赏',
    organizationId: poserOrg.id,
    organizationName: poserOrg.name,
    postedBy: poser.id,
    bountyFen: 3_000_000,
    deadline: daysFrom(-10),
    jurisdictionCode: '140700',
    jurisdictionPath: '140000/140700',
    jurisdictionName: '晋中市',
    criteria: [{ key: 'technical', name: '技术', weightBp: 10_000 }],
    status: 'awarded',
    publishedAt: daysFrom(-30),
    awardedAt: daysFrom(-5),
    finalAt: daysFrom(-1),
  });
  const milestones = [
    { title: '方案', dueOn: shanghaiToday(daysFrom(20)), shareBp: 5000, deliverable: '' },
    { title: '最终解决方案', dueOn: shanghaiToday(daysFrom(40)), shareBp: 5000, deliverable: '' },
  ];
  const bid = await repo.insertBid(t.database.db, { challengeId: c.id, organizationId: teamOrg.id, organizationName: teamOrg.name, submittedBy: team.id, team: '团队', plan: '方案', budgetFen: 2_000_000, milestones, checkStatus: 'passed', outcome: 'won' });
  await repo.insertBid(t.database.db, { challengeId: c.id, organizationId: loserOrg.id, organizationName: loserOrg.name, submittedBy: loser.id, team: '团队', plan: '方案', budgetFen: 1_500_000, milestones, checkStatus: 'passed', outcome: 'not_chosen' });
  await repo.replacePanel(t.database.db, c.id, [{ id: expert.id, name: '评审专家' }]);
  const accepted = opts.accepted ?? 2;
  await repo.insertMilestones(t.database.db, milestoneRowsOf(c, bid).map((m) => (m.n <= accepted ? { ...m, status: 'accepted', decidedAt: new Date() } : m)));
  if (accepted >= 2) await repo.update(t.database.db, c.id, { status: 'completed', completedAt: new Date() });
  await repo.insertScore(t.database.db, { challengeId: c.id, bidId: bid.id, expertId: expert.id, scores: { technical: 86 }, weightedBp: 860_000, comment: '方案可行' });
  return { id: c.id, bidId: bid.id, poser, team, loser, admin, expert, teamOrgId: teamOrg.id };
}

const pay = (id: string, token: string, body: Record<string, unknown>) => t.api('POST', `/api/challenges/${id}/payments`, { token, body });
const today = () => shanghaiToday(new Date());

describe('bounty payments: the poser records what it paid the accepted team', () => {
  it('records tranches up to the winning budget, shows them to the poser, the team, the panel and administrators, tells the team and audits', async () => {
    const w = await solvedBounty();
    const first = await pay(w.id, w.poser.token, { amount: 1_200_000, paidOn: today(), reference: '银行转账 20261206001', note: '首笔' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().payments).toEqual([
      expect.objectContaining({ bidId: w.bidId, committed: 2_000_000, paid: 1_200_000, remaining: 800_000, accepted: true, allowedActions: ['record'], records: [expect.objectContaining({ amount: 1_200_000, paidOn: today(), reference: '银行转账 20261206001', note: '首笔', recordedBy: '悬赏发榜人' })] }),
    ]);

    // A tranche beyond the commitment: refused with what remains, nothing stored lost.
    const over = await pay(w.id, w.poser.token, { amount: 800_001, paidOn: today(), reference: '第二笔' });
    expect(over.statusCode).toBe(422);
    expect(over.json().errors[0]).toMatchObject({ path: 'amount' });
    expect(over.json().detail).toContain('最多还可记录 8,000.00 元');
    const second = await pay(w.id, w.poser.token, { amount: 800_000, paidOn: today(), reference: '第二笔' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().payments[0]).toMatchObject({ paid: 2_000_000, remaining: 0, allowedActions: [] });
    expect(second.json().payments[0].records).toHaveLength(2);
    expect((await pay(w.id, w.poser.token, { amount: 1, paidOn: today(), reference: '多付' })).statusCode).toBe(422);

    // Who sees the payments: the team (its own), the panel, administrators; not the losing bidder nor the public.
    const seen = async (token?: string) => (await t.api('GET', `/api/challenges/${w.id}`, token ? { token } : {})).json();
    for (const who of [w.team, w.expert, w.admin]) expect((await seen(who.token)).payments[0]).toMatchObject({ paid: 2_000_000, allowedActions: [] });
    expect((await seen(w.loser.token)).payments).toEqual([]);
    const anonymous = await seen();
    expect(anonymous.payments).toEqual([]);
    expect(anonymous.timeline.some((e: { kind: string }) => e.kind === 'bountyPaid')).toBe(false);
    expect((await seen(w.team.token)).timeline.filter((e: { kind: string }) => e.kind === 'bountyPaid')).toHaveLength(2);

    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.kind, 'challenge.bounty.paid'), eq(notifications.organizationId, w.teamOrgId)));
    expect(told).toHaveLength(2);
    const audited = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, w.id), eq(auditEvents.action, 'challenge.recordPayment')));
    expect(audited.map((a) => (a.after as { amount: number }).amount).sort((a, b) => a - b)).toEqual([800_000, 1_200_000]);
  });

  it('refuses before acceptance, anyone but the poser, another scheme, and bad input, each with the field at fault', async () => {
    const early = await solvedBounty({ accepted: 1 });
    const before = await pay(early.id, early.poser.token, { amount: 100, paidOn: today(), reference: '预付' });
    expect(before.statusCode).toBe(409);
    expect(before.json().detail).toContain('验收通过后才能记录支付');
    expect((await t.api('GET', `/api/challenges/${early.id}`, { token: early.poser.token })).json().payments[0]).toMatchObject({ accepted: false, allowedActions: [] });

    const w = await solvedBounty();
    for (const who of [w.team, w.admin, w.expert]) {
      const r = await pay(w.id, who.token, { amount: 100, paidOn: today(), reference: '凭证' });
      expect(r.statusCode).toBe(403);
      expect(r.json().detail).toBe('只有发榜单位可以记录悬赏金支付');
    }
    expect((await pay(w.id, w.loser.token, { amount: 100, paidOn: today(), reference: '凭证' })).statusCode).toBe(403);

    const bad = async (body: Record<string, unknown>, path: string, status = 400) => {
      const r = await pay(w.id, w.poser.token, { amount: 100, paidOn: today(), reference: '凭证', ...body });
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors[0]).toMatchObject({ path });
    };
    await bad({ amount: 0 }, 'amount');
    expect((await pay(w.id, w.poser.token, { amount: 0, paidOn: today(), reference: '凭证' })).json().errors[0].message).toBe('支付金额须是大于 0 的整数（分）');
    await bad({ amount: 12.5 }, 'amount');
    await bad({ paidOn: '2026-13-01' }, 'paidOn');
    await bad({ paidOn: shanghaiToday(daysFrom(2)) }, 'paidOn', 422);
    await bad({ reference: ' ' }, 'reference');
    await bad({ bidId: crypto.randomUUID() }, 'bidId', 422);
    expect((await t.api('GET', `/api/challenges/${w.id}`, { token: w.poser.token })).json().payments[0]).toMatchObject({ paid: 0, records: [] });

    const other = await solvedBounty({ scheme: 'jiebang_guashuai' });
    expect((await pay(other.id, other.poser.token, { amount: 100, paidOn: today(), reference: '凭证' })).statusCode).toBe(409);
    expect((await t.api('GET', `/api/challenges/${other.id}`, { token: other.poser.token })).json().payments).toEqual([]);
  });
});

/** The sheets of a downloaded workbook, each as rows of cell values (header first). */
async function sheetsOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    out[ws.name] = [];
    ws.eachRow((r) => out[ws.name]!.push((r.values as unknown[]).slice(1)));
  });
  return out;
}

describe('challenge exports to Excel', () => {
  it('exports the board of an administrator’s regions with winners, amounts and payments; nobody else', async () => {
    const w = await solvedBounty();
    await pay(w.id, w.poser.token, { amount: 500_000, paidOn: today(), reference: '凭证 1' });
    const r = await t.api('GET', '/api/challenges/export.xlsx?jurisdiction=140700&scheme=bounty', { token: w.admin.token });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain('.xlsx');
    const rows = (await sheetsOf(r.rawPayload))['榜单一览']!;
    expect(rows[0]).toContain('中标方');
    const row = rows.find((x) => x[1] === '轴承噪声治理悬赏' && String(x[9]).startsWith('晋中学院'))!;
    expect(row).toBeDefined();
    expect(row.slice(2, 4)).toEqual(['悬赏', '已完成']);
    expect(row[6]).toBe(30_000);
    expect(row[10]).toBe(20_000);
    expect(row[11]).toBe(5_000);
    expect((await t.api('GET', '/api/challenges/export.xlsx', { token: w.poser.token })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/challenges/export.xlsx')).statusCode).toBe(401);
    const foreign = await t.factories.admin('371000');
    expect((await t.api('GET', '/api/challenges/export.xlsx?jurisdiction=140700', { token: foreign.token })).statusCode).toBe(403);
    const theirs = await t.api('GET', '/api/challenges/export.xlsx', { token: foreign.token });
    expect(theirs.statusCode).toBe(200);
    expect((await sheetsOf(theirs.rawPayload))['榜单一览']!.some((x) => x[1] === '轴承噪声治理悬赏' && String(x[4]) === '晋中市')).toBe(false);
  });

  it('exports one challenge with bids, scores, milestones and payments for its administrators and the poser; scores only as the poser may see them', async () => {
    const w = await solvedBounty();
    await pay(w.id, w.poser.token, { amount: 700_000, paidOn: today(), reference: '工行转账 88' });
    const url = `/api/challenges/${w.id}/export.xlsx`;
    const admin = await t.api('GET', url, { token: w.admin.token });
    expect(admin.statusCode, admin.body).toBe(200);
    const sheets = await sheetsOf(admin.rawPayload);
    expect(Object.keys(sheets)).toEqual(['榜单概况', '揭榜方案与评分', '专家评分明细', '里程碑', '悬赏金支付']);
    const won = sheets['揭榜方案与评分']!.find((x) => x[3] === '中标')!;
    expect(won.slice(5, 9)).toEqual(['1/1', 86, 86, 86]);
    expect(sheets['专家评分明细']![1]).toEqual([expect.stringContaining('晋中学院'), '评审专家', 86, 86, '方案可行']);
    expect(sheets['里程碑']!.slice(1).map((x) => x[6])).toEqual(['已验收', '已验收']);
    expect(sheets['悬赏金支付']![1]!.slice(1, 5)).toEqual([20_000, 7_000, today(), '工行转账 88']);
    const audited = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, w.id), eq(auditEvents.action, 'challenge.export')));
    expect(audited).toHaveLength(1);

    expect((await t.api('GET', url, { token: w.poser.token })).statusCode).toBe(200);
    for (const who of [w.team, w.loser, w.expert]) expect((await t.api('GET', url, { token: who.token })).statusCode).toBe(403);
    expect((await t.api('GET', url)).statusCode).toBe(401);

    // Before the award the poser's export holds no score; the administrators' does.
    await repo.update(t.database.db, w.id, { status: 'published', awardedAt: null, finalAt: null, completedAt: null });
    const early = await sheetsOf((await t.api('GET', url, { token: w.poser.token })).rawPayload);
    expect(early['专家评分明细']).toBeUndefined();
    expect(early['揭榜方案与评分']!.slice(1).every((x) => x[6] == null)).toBe(true);
    expect((await sheetsOf((await t.api('GET', url, { token: w.admin.token })).rawPayload))['专家评分明细']).toBeDefined();
  });
});
