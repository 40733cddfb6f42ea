import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { entitlementsResponse, ledgerResponse, type EntitlementDto } from '@kzt/shared';
import { useTestApp } from '../../../test/testApp.ts';
import type { TestUser } from '../../../test/factories.ts';
import { publish, deliveryJobs } from '../../platform/events.ts';
import { JobRunner } from '../../platform/jobs.ts';
import { dispatchAll, HANDLERS } from '../../events.ts';
import { contractPaymentConfirmed, contractRegistered } from '../contracts/contracts.events.ts';
import { challengeAwarded, challengeMilestoneAccepted, challengeTerminated } from '../challenges/challenges.events.ts';
import { auditEvents, organizations, policyBudgets, policyEntitlements } from '../../db/schema/index.ts';

/**
 * What the platform feeds the engine beyond contracts' amounts: the 事业单位 flag of an organisation's profile,
 * a challenge's termination (its unpaid commitments cancelled) and repayments in 威海's risk pool.
 */
const t = useTestApp();
const 万 = 1_000_000;

async function deliver() {
  const runner = new JobRunner(t.database.db, deliveryJobs(HANDLERS), { error: (e: unknown) => console.error(e) }, undefined, (db) => dispatchAll(db, HANDLERS));
  await runner.runDue();
}
async function entitlements(user: TestUser, query = '?scope=mine'): Promise<EntitlementDto[]> {
  const res = await t.api('GET', `/api/entitlements${query}`, { token: user.token });
  expect(res.statusCode).toBe(200);
  return entitlementsResponse.parse(res.json()).items;
}
async function org(jurisdictionCode: string, type: 'enterprise' | 'university' | 'rnd_institution', name: string, status: 'verified' | 'pending' = 'verified') {
  const owner = await t.factories.user();
  const o = await t.factories.organization(owner, { jurisdictionCode, type, name, status });
  return { id: o.id, owner, name };
}

let whAdmin: TestUser;
beforeAll(async () => {
  whAdmin = await t.factories.admin('371000');
});

describe('事业单位 (publicInstitution) on the organisation profile', () => {
  it('the organisation declares it until verified; after that only its administrator changes it', async () => {
    const pending = await org('371000', 'rnd_institution', '威海待审研究院', 'pending');
    const declared = await t.api('PATCH', `/api/organizations/${pending.id}`, { token: pending.owner.token, body: { publicInstitution: true } });
    expect(declared.statusCode).toBe(200);
    expect(declared.json().publicInstitution).toBe(true);

    // At verification the administrator records what it found: here, not a public institution after all.
    await t.database.db.update(organizations).set({ licenceSha256: 'a'.repeat(64), licenceFileName: '营业执照.pdf', licenceMime: 'application/pdf', licenceSize: 1, licenceUploadedAt: new Date() }).where(eq(organizations.id, pending.id));
    const approved = await t.api('POST', `/api/organizations/${pending.id}/verify`, { token: whAdmin.token, body: { decision: 'approve', publicInstitution: false } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'verified', publicInstitution: false });

    const verified = await org('371000', 'rnd_institution', '威海已认证研究院');
    expect((await t.api('GET', `/api/organizations/${verified.id}`)).json().publicInstitution).toBe(false);
    const refused = await t.api('PATCH', `/api/organizations/${verified.id}`, { token: verified.owner.token, body: { publicInstitution: true } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors[0].path).toBe('publicInstitution');
    expect(refused.json().detail).toContain('辖区管理员');
    // Other fields the owner still edits; the same value is no change.
    expect((await t.api('PATCH', `/api/organizations/${verified.id}`, { token: verified.owner.token, body: { publicInstitution: false, address: '威海市环翠区' } })).statusCode).toBe(200);
    const stranger = await t.factories.user();
    expect((await t.api('PATCH', `/api/organizations/${verified.id}`, { token: stranger.token, body: { publicInstitution: true } })).statusCode).toBe(403);
    expect((await t.api('PATCH', `/api/organizations/${verified.id}`, { body: { publicInstitution: true } })).statusCode).toBe(401);
    expect((await t.api('PATCH', `/api/organizations/${verified.id}`, { token: whAdmin.token, body: { publicInstitution: 'yes' } })).statusCode).toBe(400);
    const byAdmin = await t.api('PATCH', `/api/organizations/${verified.id}`, { token: whAdmin.token, body: { publicInstitution: true } });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json().publicInstitution).toBe(true);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, verified.id), eq(auditEvents.action, 'organization.update')));
    expect(audit.some((a) => (a.before as { publicInstitution: boolean }).publicInstitution === false && (a.after as { publicInstitution: boolean }).publicInstitution === true)).toBe(true);
  });

  it('a payment to a public new R&D institution gets 威海 004-4’s 1%; to one that is not, nothing', async () => {
    const firm = await org('371000', 'enterprise', '威海付款企业');
    const pub = await org('371000', 'rnd_institution', '威海事业单位研究院');
    const priv = await org('371000', 'rnd_institution', '威海民办研究院');
    expect((await t.api('PATCH', `/api/organizations/${pub.id}`, { token: whAdmin.token, body: { publicInstitution: true } })).statusCode).toBe(200);
    for (const seller of [pub, priv]) {
      const contractId = randomUUID();
      const facts = {
        contractId,
        kind: 'development',
        subkind: null,
        title: '海洋生物材料中试',
        signedOn: '2025-01-10',
        seller: { organizationId: seller.id, name: seller.name, region: '371002', entityType: 'rnd_institution' },
        buyer: { organizationId: firm.id, name: firm.name, region: '371002', entityType: 'enterprise' },
        agency: null,
        achievementIds: [],
        dealId: null,
      };
      await publish(t.database.db, contractRegistered, { ...facts, registrationNumber: `2025371000${contractId.slice(0, 6)}`, registeredOn: '2025-01-20', jurisdictionCode: '371000', contractAmount: 300 * 万, technologyAmount: 300 * 万, certifiedAmount: 300 * 万 });
      await publish(t.database.db, contractPaymentConfirmed, { ...facts, paymentId: randomUUID(), paidOn: '2025-03-01', amount: 100 * 万 });
    }
    await deliver();
    expect((await entitlements(pub.owner)).map((e) => [e.rule, e.amount])).toEqual([['wh-4-seller', 1 * 万]]);
    expect(await entitlements(priv.owner)).toEqual([]);
  });
});

describe('a terminated challenge claws back what it committed and has not paid', () => {
  it('威海 conversion: the commitment and the unpaid tranches are cancelled with the reason, the paid tranche stays, the ledger and budget follow', async () => {
    const poser = await org('371000', 'enterprise', '威海终止发榜企业');
    const solver = await org('371000', 'university', '威海终止揭榜大学');
    const c = { id: randomUUID(), scheme: 'two_way', kind: 'conversion', bounty: 1000 * 万 };
    const bid = { bidId: randomUUID(), organizationId: solver.id, budget: 800 * 万 };
    await publish(t.database.db, challengeAwarded, { challenge: c, title: '海洋药物成果转化', poserOrganizationId: poser.id, solverOrganizationIds: [solver.id], bids: [bid], jurisdictionCode: '371000', date: '2026-03-01' });
    const milestone = (n: number, shareBp: number) =>
      publish(t.database.db, challengeMilestoneAccepted, { challengeId: c.id, scheme: 'two_way', bidId: bid.bidId, solverOrganizationId: solver.id, poserOrganizationId: poser.id, milestone: n, share: shareBp / 10_000, shareBp, amount: Math.floor((bid.budget * shareBp) / 10_000), jurisdictionCode: '371000', date: '2026-06-01' });
    await milestone(1, 3000);
    await milestone(2, 3000);
    await deliver();
    const before = await entitlements(solver.owner);
    expect(before.map((e) => [e.amount, e.committed]).sort((a, b) => a[0]! - b[0]!)).toEqual([[0, 200 * 万], [60 * 万, 200 * 万], [60 * 万, 200 * 万]]);

    // The first tranche is applied for, approved and paid; the second approved, not paid.
    await t.database.db.insert(policyBudgets).values({ jurisdictionCode: '371000', budgetLine: before[0]!.budgetLine, year: 2026, amount: 1000 * 万 });
    const [first, second] = before.filter((e) => e.amount > 0);
    await t.database.db.update(policyEntitlements).set({ status: 'paid', paidAmount: 60 * 万, paidOn: '2026-07-01' }).where(eq(policyEntitlements.id, first!.id));
    await t.database.db.update(policyEntitlements).set({ status: 'approved' }).where(eq(policyEntitlements.id, second!.id));
    const ledgerBefore = ledgerResponse.parse((await t.api('GET', '/api/policy/ledger?year=2026', { token: whAdmin.token })).json());
    const lineBefore = ledgerBefore.byBudgetLine.find((l) => l.budgetLine === second!.budgetLine)!;
    expect(lineBefore).toMatchObject({ approved: 120 * 万, paid: 60 * 万, pledged: 200 * 万 });

    const terminated = { challenge: { id: c.id, scheme: 'two_way' }, jurisdictionCode: '371000', terminatedOn: '2026-08-01', reason: '揭榜方无法继续研发' };
    await publish(t.database.db, challengeTerminated, terminated);
    await deliver();
    // Delivered again (or published twice with another id): nothing more changes.
    await deliver();
    const after = await entitlements(solver.owner);
    const byId = new Map(after.map((e) => [e.id, e]));
    expect(byId.get(first!.id)).toMatchObject({ status: 'paid', paidAmount: 60 * 万 });
    expect(byId.get(second!.id)).toMatchObject({ status: 'cancelled' });
    expect(byId.get(second!.id)!.reason).toBe('榜单已于 2026-08-01 终止（揭榜方无法继续研发），尚未拨付的 600,000.00 元 不再拨付');
    const commitment = after.find((e) => e.amount === 0)!;
    expect(commitment.status).toBe('cancelled');
    expect(commitment.reason).toContain('承诺的 2,000,000.00 元 中尚未兑现的部分不再拨付');
    expect(commitment.history.at(-1)).toMatchObject({ action: 'cancel' });
    const cancels = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'entitlement.cancel'), eq(auditEvents.entityId, second!.id)));
    expect(cancels).toHaveLength(1);

    // The ledger: the approved tranche no longer uses the budget, nothing is pledged, the paid one stands.
    const ledgerAfter = ledgerResponse.parse((await t.api('GET', '/api/policy/ledger?year=2026', { token: whAdmin.token })).json());
    expect(ledgerAfter.byBudgetLine.find((l) => l.budgetLine === second!.budgetLine)).toMatchObject({ committed: 60 * 万, approved: 60 * 万, paid: 60 * 万, pledged: 0, cancelled: 60 * 万, toRecover: 0 });
    // A payment to the cancelled tranche is refused; a later milestone finds no commitment.
    const pay = await t.api('POST', `/api/entitlements/${second!.id}/payments`, { token: whAdmin.token, body: { amount: 60 * 万, paidOn: '2026-08-02', reference: 'GK-9' } });
    expect(pay.statusCode).toBe(409);
    await milestone(3, 4000);
    await deliver();
    expect((await entitlements(solver.owner)).filter((e) => e.status !== 'cancelled' && e.status !== 'paid')).toEqual([]);
  });

  it('a challenge that committed nothing terminates without touching others’ entitlements', async () => {
    const poser = await org('371000', 'enterprise', '威海无承诺发榜企业');
    await publish(t.database.db, challengeTerminated, { challenge: { id: randomUUID(), scheme: 'bounty' }, jurisdictionCode: '371000', terminatedOn: '2026-08-01', reason: '需求取消' });
    const others = (await entitlements(whAdmin, '?scope=administered&pageSize=100')).filter((e) => e.status !== 'cancelled').length;
    await deliver();
    expect((await entitlements(whAdmin, '?scope=administered&pageSize=100')).filter((e) => e.status !== 'cancelled').length).toBe(others);
    expect(await entitlements(poser.owner)).toEqual([]);
  });
});

describe('威海 risk pool: a repayment lowers the covered balance (loan_repaid)', () => {
  it('an administrator records a repayment; the firm at the 2,000 万 cap comes back under it; refusals', async () => {
    const firm = await org('371000', 'enterprise', '威海还款企业');
    const record = (body: Record<string, unknown>, token = whAdmin.token) => t.api('POST', '/api/policy/records', { token, body: { jurisdiction: '371000', date: '2026-02-01', ...body } });
    const loan = (loanId: string, principal: number) => record({ kind: 'loan_registered', organizationId: firm.id, loanId, principal, lender: '威海银行' });
    expect((await loan('WH-L1', 2000 * 万)).json().line.refusals).toEqual([]);
    const over = await loan('WH-L2', 300 * 万);
    expect(over.statusCode).toBe(201);
    expect(over.json().line.refusals[0].reason).toContain('超过每家企业 20,000,000.00 元 的上限');

    const repaid = await record({ kind: 'loan_repaid', loanId: 'WH-L1', principalRepaid: 500 * 万 });
    expect(repaid.statusCode).toBe(201);
    expect(repaid.json()).toMatchObject({ kind: 'loan_repaid', organizationId: firm.id, subject: 'WH-L1', line: { entitlements: [], refusals: [] } });
    expect((await loan('WH-L3', 300 * 万)).json().line.refusals).toEqual([]);

    // More than is outstanding (1,500 万): refused in the line, the balance unchanged.
    const tooMuch = await record({ kind: 'loan_repaid', loanId: 'WH-L1', principalRepaid: 1500 * 万 + 1 });
    expect(tooMuch.statusCode).toBe(201);
    expect(tooMuch.json().line.refusals[0].reason).toContain('不超过未偿本金 15,000,000.00 元');
    expect((await loan('WH-L4', 200 * 万 + 1)).json().line.refusals[0].reason).toContain('已纳入贷款余额 18,000,000.00 元');
    // An unknown loan, a zero amount, someone who is not 威海's administrator.
    const unknown = await record({ kind: 'loan_repaid', loanId: 'NOPE', principalRepaid: 1 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('loanId');
    expect((await record({ kind: 'loan_repaid', loanId: 'WH-L1', principalRepaid: 0 })).statusCode).toBe(400);
    expect((await record({ kind: 'loan_repaid', loanId: 'WH-L1', principalRepaid: 1 }, firm.owner.token)).statusCode).toBe(403);
    const jzAdmin = await t.factories.admin('140700');
    expect((await record({ kind: 'loan_repaid', loanId: 'WH-L1', principalRepaid: 1 }, jzAdmin.token)).statusCode).toBe(403);

    // The raw event too (the trial page and POST /api/policy/events speak the command's events).
    const trial = await t.api('POST', '/api/policy/trial', {
      token: whAdmin.token,
      body: { events: [{ id: 'r', type: 'loan_repaid', date: '2026-02-01', jurisdiction: '371000', loan: { id: 'x' }, borrower: { id: 'f', type: 'enterprise', region: '371002' }, principalRepaid: 1 }] },
    });
    expect(trial.json().lines[0].refusals[0].reason).toContain('未纳入该企业的风险补偿备案');
  });
});
