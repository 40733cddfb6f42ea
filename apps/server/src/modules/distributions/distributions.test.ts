import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { achievementBody } from '../../../test/catalogueFixtures.ts';
import { receivePayment, terminateContract } from '../../../test/distributionsFixtures.ts';
import { deliverEvents } from '../../../test/registration.ts';
import { achievementRepository } from '../achievements/achievements.repository.ts';
import { organizationRepository } from '../organizations/organizations.repository.ts';

const t = useTestApp();

/** A verified university in 陕西 (610000) with its owner, a member, and 陕西's administrator. */
async function shaanxiUniversity(name = `秦岭大学${Math.random().toString(36).slice(2, 6)}`) {
  const owner = await t.factories.user({ name: '转化办主任' });
  const org = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '610000', name });
  const member = await t.factories.member(org.id);
  const admin = await t.factories.admin('610000');
  const seller = { organizationId: org.id, name: org.name, region: '610100', entityType: 'university' };
  return { owner, org, member, admin, seller };
}

async function achievementOf(orgId: string, createdBy: string, completers: unknown[], flagged = false) {
  const { price, ...body } = achievementBody({ completers });
  const row = await achievementRepository.insert(t.database.db, {
    ...(body as object),
    title: body.title,
    type: body.type,
    industry: body.industry,
    maturity: body.maturity,
    priceFen: price as number,
    organizationId: orgId,
    jurisdictionCode: '610000',
    jurisdictionPath: '610000',
    ownerType: 'university',
    createdBy,
    status: 'published',
    publishedAt: new Date('2023-01-01'),
    unconvertedFlaggedAt: flagged ? new Date('2025-01-02') : null,
  });
  return row.id;
}

const plan = (paymentId: string, shares: unknown[], extra: Record<string, unknown> = {}) => ({ paymentId, basis: 'self_conversion', shares, ...extra });

describe('income distribution: receipts from the contracts module’s events', () => {
  it('records a confirmed payment of a university once, and shows it with the floors of its jurisdiction and those above', async () => {
    const u = await shaanxiUniversity();
    const p = await receivePayment(t, u.seller);
    // Delivered again (at least once): still one receipt.
    await receivePayment(t, u.seller, { contractId: p.contractId, paymentId: p.paymentId });
    const res = await t.api('GET', `/api/contracts/${p.contractId}/distributions`, { token: u.member.token });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.receipts).toEqual([{ paymentId: p.paymentId, paidOn: '2026-04-01', amount: 100_000_000, planId: null }]);
    expect(body.canPlan).toBe(false);
    expect(body.floors.map((f: { id: string; minBp: number }) => [f.id, f.minBp])).toEqual([
      ['sn-11-self-conversion-floor', 8000],
      ['sn-11-unconverted-floor', 7000],
    ]);
    // The policy module's income_floor rules, with their source (no copy of them here).
    expect(body.floors[0]).toMatchObject({ jurisdictionCode: '610000', basis: 'self_conversion', roles: ['completer'] });
    expect(body.floors[0].source).toEqual({ file: '002_9de4a09c2f9ce9e4.txt', item: '陕西省 002 第 11 条', quote: '成果完成人自行转化的，享有收益比例不低于80%。' });
    expect(body.floors[1]).toMatchObject({ basis: 'listed_after_unconverted', roles: ['completer', 'contributor'] });
    expect((await t.api('GET', `/api/contracts/${p.contractId}/distributions`, { token: u.owner.token })).json().canPlan).toBe(true);
    // The province's administrator reads it; another's does not see it.
    expect((await t.api('GET', `/api/contracts/${p.contractId}/distributions`, { token: u.admin.token })).statusCode).toBe(200);
    const other = await t.factories.admin('371000');
    expect((await t.api('GET', `/api/contracts/${p.contractId}/distributions`, { token: other.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/contracts/${p.contractId}/distributions`)).statusCode).toBe(401);
  });

  it('shows a receipt confirmed a moment ago, before the job runner has delivered its event, once', async () => {
    const u = await shaanxiUniversity();
    const p = await receivePayment(t, u.seller, {}, { deliver: false });
    const second = await receivePayment(t, u.seller, { contractId: p.contractId, paidOn: '2026-05-01', amount: 20_000_000 }, { deliver: false });
    const res = await t.api('GET', `/api/contracts/${p.contractId}/distributions`, { token: u.owner.token });
    expect(res.statusCode).toBe(200);
    expect(res.json().receipts.map((r: { paymentId: string }) => r.paymentId)).toEqual([p.paymentId, second.paymentId]);
    expect(res.json().canPlan).toBe(true);
    // A termination announced meanwhile is caught up too, after the receipts: no new plan.
    await terminateContract(t, p.contractId, { deliver: false });
    const after = (await t.api('GET', `/api/contracts/${p.contractId}/distributions`, { token: u.owner.token })).json();
    expect(after.contract.terminatedOn).toBe('2026-06-01');
    expect(after.canPlan).toBe(false);
    // The runner delivers the same events later: still two receipts.
    await deliverEvents(t);
    expect((await queryRows(t.database.db, sql`select payment_id from distribution_receipts where contract_id = ${p.contractId}`)).length).toBe(2);
  });

  it('takes a plan without a basis as the general case when the platform knows none', async () => {
    const u = await shaanxiUniversity();
    const p = await receivePayment(t, u.seller);
    const res = await t.api('POST', `/api/contracts/${p.contractId}/distributions`, {
      token: u.owner.token,
      body: { paymentId: p.paymentId, shares: [{ beneficiary: '王工', role: 'completer', amount: 50_000_000, form: 'cash' }, { beneficiary: '单位', role: 'unit', amount: 50_000_000, form: 'cash' }] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().basis).toBe('other');
  });

  it('ignores payments received by an enterprise', async () => {
    const u = await shaanxiUniversity();
    const p = await receivePayment(t, { ...u.seller, entityType: 'enterprise' });
    expect((await t.api('GET', `/api/contracts/${p.contractId}/distributions`, { token: u.owner.token })).statusCode).toBe(404);
    expect((await queryRows(t.database.db, sql`select payment_id from distribution_receipts where contract_id = ${p.contractId}`)).length).toBe(0);
    // A contract this module never heard of is not found, for anyone.
    const unknown = await t.api('GET', '/api/contracts/00000000-0000-4000-8000-000000000001/distributions', { token: u.owner.token });
    expect(unknown.statusCode).toBe(404);
    expect((await t.api('GET', '/api/contracts/not-a-uuid/distributions', { token: u.owner.token })).json().errors[0].path).toBe('id');
  });
});

describe('income distribution: plans', () => {
  it('says why a proposal by completers gives the unit the whole amount: no achievement on the contract, or none of its completers named', async () => {
    const u = await shaanxiUniversity();
    const bare = await receivePayment(t, u.seller, { achievementIds: [], amount: 5_000_000 });
    const res = await t.api('GET', `/api/contracts/${bare.contractId}/distributions/proposal?paymentId=${bare.paymentId}`, { token: u.owner.token });
    expect(res.statusCode).toBe(200);
    expect(res.json().shares).toEqual([expect.objectContaining({ beneficiary: u.org.name, role: 'unit', amount: 5_000_000 })]);
    expect(res.json().unitOnly).toBe('noAchievement');
    expect(res.json().note).toBe(`合同未列明成果，无法按成果完成人拟定：已将净收入全额拟给${u.org.name}（单位）。如有成果完成人或转化贡献人员，请手动添加并调整金额。`);
    const en = await t.api('GET', `/api/contracts/${bare.contractId}/distributions/proposal?paymentId=${bare.paymentId}`, { token: u.owner.token, headers: { 'accept-language': 'en' } });
    expect(en.json().note).toMatch(/^The contract names no achievement/);
    const a = await achievementOf(u.org.id, u.owner.id, []);
    const noNames = await receivePayment(t, u.seller, { achievementIds: [a], amount: 5_000_000 });
    const res2 = await t.api('GET', `/api/contracts/${noNames.contractId}/distributions/proposal?paymentId=${noNames.paymentId}`, { token: u.owner.token });
    expect(res2.json()).toMatchObject({ unitOnly: 'noCompleters', note: expect.stringContaining('未登记成果完成人') });
  });

  it('proposes the completers’ shares of the floor, split exactly by their shares, the rest to the unit', async () => {
    const u = await shaanxiUniversity();
    const a = await achievementOf(u.org.id, u.owner.id, [{ name: '李慧', share: 60 }, { name: '王强', organization: '西北工学院', share: 40 }]);
    const p = await receivePayment(t, u.seller, { achievementIds: [a], amount: 100_000_001 });
    // 李慧 has an account in the university: the proposal names it (王强 of another organisation is named by name only).
    const li = await t.factories.user({ name: '李慧' });
    await organizationRepository.addMember(t.database.db, { organizationId: u.org.id, userId: li.id, role: 'member' });
    const res = await t.api('GET', `/api/contracts/${p.contractId}/distributions/proposal?paymentId=${p.paymentId}`, { token: u.owner.token });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ basis: 'self_conversion', received: 100_000_001, costs: 0, netIncome: 100_000_001 });
    // 80% of 1,000,000.01 元 is 800,000.008 元: the floor is reached at 80,000,001 fen; 60/40 of it, the odd fen to the larger remainder.
    expect(body).toMatchObject({ unitOnly: null, note: null });
    expect(body.shares).toEqual([
      { beneficiary: '李慧', userId: li.id, organization: u.org.name, role: 'completer', amount: 48_000_001, form: 'cash', cashShares: 0, equity: null },
      { beneficiary: '王强', userId: null, organization: '西北工学院', role: 'completer', amount: 32_000_000, form: 'cash', cashShares: 0, equity: null },
      { beneficiary: u.org.name, userId: null, organization: u.org.name, role: 'unit', amount: 20_000_000, form: 'cash', cashShares: 0, equity: null },
    ]);
    const withCosts = await t.api('GET', `/api/contracts/${p.contractId}/distributions/proposal?paymentId=${p.paymentId}&costs=1&basis=listed_after_unconverted`, { token: u.owner.token });
    expect(withCosts.json()).toMatchObject({ netIncome: 100_000_000, basis: 'listed_after_unconverted' });
    expect(withCosts.json().shares.filter((s: { role: string }) => s.role === 'completer').reduce((x: number, s: { amount: number }) => x + s.amount, 0)).toBe(70_000_000);
    expect((await t.api('GET', `/api/contracts/${p.contractId}/distributions/proposal?paymentId=${p.paymentId}`, { token: u.member.token })).statusCode).toBe(403);
    const fractionalCosts = await t.api('GET', `/api/contracts/${p.contractId}/distributions/proposal?paymentId=${p.paymentId}&costs=1.5`, { token: u.owner.token });
    expect(fractionalCosts.statusCode).toBe(400);
    expect(fractionalCosts.json().errors[0].path).toBe('costs');
    const tooMuch = await t.api('GET', `/api/contracts/${p.contractId}/distributions/proposal?paymentId=${p.paymentId}&costs=100000002`, { token: u.owner.token });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].path).toBe('costs');

    // The proposal as it is is accepted.
    const filed = await t.api('POST', `/api/contracts/${p.contractId}/distributions`, { token: u.owner.token, body: plan(p.paymentId, body.shares) });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ netIncome: 100_000_001, basis: 'self_conversion', floorChecks: [{ floorId: 'sn-11-self-conversion-floor', required: 80_000_001, actual: 80_000_001 }] });
    const audit = await queryRows<{ action: string; jurisdiction_code: string }>(t.database.db, sql`select action, jurisdiction_code from audit_events where entity_id = ${filed.json().id}`);
    // 西安 (610100) is not in the tree: the record is placed at 陕西, the nearest jurisdiction that is.
    expect(audit.map((r) => [r.action, r.jurisdiction_code])).toEqual([['distribution.plan', '610000']]);
    const list = (await t.api('GET', `/api/contracts/${p.contractId}/distributions`, { token: u.member.token })).json();
    expect(list.receipts[0].planId).toBe(filed.json().id);
    expect(list.plans[0].shares).toHaveLength(3);
  });

  it('refuses a plan that does not add up to the net income, or falls below the floor, naming the field, the rule and the shortfall; nothing is stored', async () => {
    const u = await shaanxiUniversity();
    const p = await receivePayment(t, u.seller, { amount: 100_000_000 });
    const url = `/api/contracts/${p.contractId}/distributions`;
    const post = (body: unknown, token = u.owner.token) => t.api('POST', url, { token, body });

    const off = await post(plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 79_000_000, form: 'cash' }, { beneficiary: '单位', role: 'unit', amount: 20_000_000, form: 'cash' }], { costs: [{ item: '专利维持费', amount: 500_000 }] }));
    expect(off.statusCode).toBe(422);
    expect(off.json().errors).toEqual([{ path: 'shares', message: '各项份额合计 990,000.00 元，应等于净收入 995,000.00 元（相差 5,000.00 元）' }]);

    const below = await post(plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 79_000_000, form: 'cash' }, { beneficiary: '单位', role: 'unit', amount: 21_000_000, form: 'cash' }]));
    expect(below.statusCode).toBe(422);
    expect(below.json().errors[0].path).toBe('shares');
    expect(below.json().errors[0].message).toBe('低于法定下限（陕西省 002 第 11 条「成果完成人自行转化收益不低于80%」）：成果完成人自行转化的，完成人份额应不低于净收入的 80%，即 800,000.00 元；方案为 790,000.00 元，差 10,000.00 元');
    const en = await t.api('POST', url, { token: u.owner.token, headers: { 'accept-language': 'en' }, body: plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 79_000_000, form: 'cash' }, { beneficiary: '单位', role: 'unit', amount: 21_000_000, form: 'cash' }]) });
    expect(en.json().errors[0].message).toContain('10,000.00 yuan short');

    // After a listing: completers and contributors together reach 70%.
    const listed = await post(plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 50_000_000, form: 'cash' }, { beneficiary: '赵敏', role: 'contributor', amount: 19_000_000, form: 'cash' }, { beneficiary: '单位', role: 'unit', amount: 31_000_000, form: 'cash' }], { basis: 'listed_after_unconverted' }));
    expect(listed.statusCode).toBe(422);
    expect(listed.json().errors[0].message).toContain('差 10,000.00 元');

    const costs = await post(plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 1, form: 'cash' }], { costs: [{ item: '评估费', amount: 100_000_001 }] }));
    expect(costs.statusCode).toBe(422);
    expect(costs.json().errors[0].path).toBe('costs');

    const unknownPayment = await post(plan('00000000-0000-4000-8000-000000000000', [{ beneficiary: '李慧', role: 'completer', amount: 100_000_000, form: 'cash' }]));
    expect(unknownPayment.statusCode).toBe(422);
    expect(unknownPayment.json().errors[0].path).toBe('paymentId');

    const fractional = await post(plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 100_000_000.5, form: 'cash' }]));
    expect(fractional.statusCode).toBe(400);
    expect(fractional.json().errors[0].path).toBe('shares.0.amount');
    const negative = await post(plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: -1, form: 'cash' }]));
    expect(negative.json().errors[0].path).toBe('shares.0.amount');
    const role = await post(plan(p.paymentId, [{ beneficiary: '李慧', role: 'boss', amount: 100_000_000, form: 'cash' }]));
    expect(role.json().errors).toEqual([{ path: 'shares.0.role', message: '角色应为成果完成人、转化贡献人员、单位、服务机构、技术经纪人或政府投资之一' }]);
    expect((await post({ ...plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 100_000_000, form: 'cash' }]), basis: 'gift' })).json().errors[0].path).toBe('basis');

    expect((await queryRows(t.database.db, sql`select id from distribution_plans where contract_id = ${p.contractId}`)).length).toBe(0);

    // Who may file: the seller's owner only.
    const ok = plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 80_000_000, form: 'equity' }, { beneficiary: '单位', role: 'unit', amount: 20_000_000, form: 'cash' }]);
    expect((await post(ok, u.member.token)).statusCode).toBe(403);
    expect((await post(ok, u.admin.token)).statusCode).toBe(403);
    const outsider = await t.factories.user();
    expect((await post(ok, outsider.token)).statusCode).toBe(404);
    expect((await t.api('POST', url, { body: ok })).statusCode).toBe(401);
    expect((await post(ok)).statusCode).toBe(201);
    const again = await post(ok);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('paymentId');
  });

  it('knows the basis when an achievement flagged unconverted was traded on the platform, and takes no plan once the contract is terminated', async () => {
    const u = await shaanxiUniversity();
    const a = await achievementOf(u.org.id, u.owner.id, [{ name: '李慧', share: 100 }], true);
    const p = await receivePayment(t, u.seller, { achievementIds: [a], dealId: '11111111-1111-4111-8111-111111111111' });
    const url = `/api/contracts/${p.contractId}/distributions`;
    const proposal = (await t.api('GET', `${url}/proposal?paymentId=${p.paymentId}`, { token: u.owner.token })).json();
    expect(proposal.basis).toBe('listed_after_unconverted');
    const shares = [{ beneficiary: '李慧', role: 'completer', amount: 80_000_000, form: 'cash' }, { beneficiary: '单位', role: 'unit', amount: 20_000_000, form: 'cash' }];
    const wrong = await t.api('POST', url, { token: u.owner.token, body: plan(p.paymentId, shares) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].path).toBe('basis');
    // A plan as the contract spells it — {paymentId, shares}, no basis — takes the basis the platform knows, and its 70% floor.
    const { basis: _omitted, ...bare } = plan(p.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 60_000_000, form: 'cash' }, { beneficiary: '单位', role: 'unit', amount: 40_000_000, form: 'cash' }]);
    const below = await t.api('POST', url, { token: u.owner.token, body: bare });
    expect(below.statusCode).toBe(422);
    expect(below.json().errors[0].path).toBe('shares');
    const filed = await t.api('POST', url, { token: u.owner.token, body: { paymentId: p.paymentId, shares } });
    expect(filed.statusCode).toBe(201);
    expect(filed.json().basis).toBe('listed_after_unconverted');

    const second = await receivePayment(t, u.seller, { contractId: p.contractId, achievementIds: [a], dealId: p.dealId, paidOn: '2026-05-01' });
    await terminateContract(t, p.contractId);
    const after = await t.api('POST', url, { token: u.owner.token, body: plan(second.paymentId, shares, { basis: 'listed_after_unconverted' }) });
    expect(after.statusCode).toBe(409);
    const view = (await t.api('GET', url, { token: u.owner.token })).json();
    expect(view.contract.terminatedOn).toBe('2026-06-01');
    expect(view.canPlan).toBe(false);
  });
});

describe('income distribution: government investment and the tax on an equity transfer', () => {
  it('computes the exit at principal plus simple interest at the bank rate, actual/365, rounded half up once', async () => {
    const user = await t.factories.user();
    const exit = await t.api('POST', '/api/distributions/government-exit', {
      token: user.token,
      body: { principal: 1_000_000_000, rateBp: 350, investedOn: '2020-01-01', exitOn: '2023-01-01', valueAtExit: 1_500_000_000 },
    });
    expect(exit.statusCode).toBe(200);
    // 10,000,000 元 × 3.50% × 1096 / 365 = 1,050,958.904… 元 → 105,095,890 fen.
    expect(exit.json()).toMatchObject({ days: 1096, interest: 105_095_890, exitAmount: 1_105_095_890, appreciationToOwners: 394_904_110 });
    const half = await t.api('POST', '/api/distributions/government-exit', { token: user.token, body: { principal: 1_825_000, rateBp: 1, investedOn: '2024-01-01', exitOn: '2024-01-02' } });
    expect(half.json()).toMatchObject({ interest: 1, exitAmount: 1_825_001, valueAtExit: null, appreciationToOwners: null });
    const backwards = await t.api('POST', '/api/distributions/government-exit', { token: user.token, body: { principal: 100, rateBp: 350, investedOn: '2024-01-02', exitOn: '2024-01-01' } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ path: 'exitOn', message: '退出日期不能早于投资日期' }]);
    const fraction = await t.api('POST', '/api/distributions/government-exit', { token: user.token, body: { principal: 100.5, rateBp: 350, investedOn: '2024-01-01', exitOn: '2024-01-02' } });
    expect(fraction.json().errors[0].path).toBe('principal');
    expect((await t.api('POST', '/api/distributions/government-exit', { body: { principal: 100, rateBp: 350, investedOn: '2024-01-01', exitOn: '2024-01-02' } })).statusCode).toBe(401);
  });

  it('estimates 20% of (income − acquisition cost of the technology and cash shares − fees), nothing on a loss', async () => {
    const user = await t.factories.user();
    const est = await t.api('POST', '/api/distributions/equity-tax-estimate', { token: user.token, body: { income: 100_000_000, technologyCost: 0, cashCost: 20_000_000, fees: 1_000_000 } });
    expect(est.statusCode).toBe(200);
    expect(est.json()).toEqual({ income: 100_000_000, technologyCost: 0, cashCost: 20_000_000, acquisitionCost: 20_000_000, fees: 1_000_000, taxable: 79_000_000, rateBp: 2000, tax: 15_800_000, afterTax: 83_200_000 });
    const odd = await t.api('POST', '/api/distributions/equity-tax-estimate', { token: user.token, body: { income: 13 } });
    expect(odd.json()).toMatchObject({ taxable: 13, tax: 3 });
    const loss = await t.api('POST', '/api/distributions/equity-tax-estimate', { token: user.token, body: { income: 100, cashCost: 500 } });
    expect(loss.json()).toMatchObject({ taxable: 0, tax: 0 });
    const bad = await t.api('POST', '/api/distributions/equity-tax-estimate', { token: user.token, body: { income: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('income');
  });
});

describe('income distribution: statements and the unit’s export', () => {
  it('shows a completer every share across contracts and years, by user id or by name in their organisation', async () => {
    const u = await shaanxiUniversity();
    const li = await t.factories.user({ name: '李慧' });
    await organizationRepository.addMember(t.database.db, { organizationId: u.org.id, userId: li.id, role: 'member' });
    const namesake = await t.factories.user({ name: '李慧' });

    const p1 = await receivePayment(t, u.seller, { paidOn: '2025-11-20', amount: 10_000_000 });
    const p2 = await receivePayment(t, u.seller, { paidOn: '2026-04-01', amount: 20_000_000 });
    const r1 = await t.api('POST', `/api/contracts/${p1.contractId}/distributions`, {
      token: u.owner.token,
      body: plan(p1.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 8_000_000, form: 'cash' }, { beneficiary: '单位', role: 'unit', amount: 2_000_000, form: 'cash' }]),
    });
    expect(r1.statusCode).toBe(201);
    const r2 = await t.api('POST', `/api/contracts/${p2.contractId}/distributions`, {
      token: u.owner.token,
      body: plan(p2.paymentId, [
        { beneficiary: '李慧', userId: li.id, role: 'completer', amount: 10_000_000, form: 'equity', cashShares: 2_000_000 },
        { beneficiary: '李慧', userId: li.id, role: 'completer', amount: 6_000_000, form: 'cash' },
        { beneficiary: '单位', role: 'unit', amount: 4_000_000, form: 'cash' },
      ]),
    });
    expect(r2.statusCode).toBe(201);
    // 技术股 10 万 from the income + 现金股 2 万 paid in (not part of the net income); transferred at that value: (12 − 2) 万 × 20%.
    const equity = { technologyShares: 10_000_000, cashShares: 2_000_000, total: 12_000_000, acquisitionCost: 2_000_000, transferTax: 2_000_000 };
    expect(r2.json().shares.map((s: { form: string; cashShares: number; equity: unknown }) => [s.form, s.cashShares, s.equity])).toEqual([
      ['equity', 2_000_000, equity],
      ['cash', 0, null],
      ['cash', 0, null],
    ]);
    const p3 = await receivePayment(t, u.seller, { paidOn: '2026-05-01', amount: 100 });
    const stranger = await t.api('POST', `/api/contracts/${p3.contractId}/distributions`, {
      token: u.owner.token,
      body: plan(p3.paymentId, [{ beneficiary: '李慧', userId: namesake.id, role: 'completer', amount: 100, form: 'cash' }]),
    });
    expect(stranger.statusCode).toBe(422);
    const cashOnCash = await t.api('POST', `/api/contracts/${p3.contractId}/distributions`, { token: u.owner.token, body: plan(p3.paymentId, [{ beneficiary: '李慧', role: 'completer', amount: 100, form: 'cash', cashShares: 50 }]) });
    expect(cashOnCash.json()).toMatchObject({ status: 422, errors: [{ path: 'shares.0.cashShares', message: expect.stringContaining('现金股') }] });
    expect(stranger.json().errors).toEqual([{ path: 'shares.0.userId', message: '只能指定本单位成员的平台账号；其他受益人请只填写姓名与所属单位' }]);
    const mine = await t.api('GET', '/api/distributions/statement', { token: li.token });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items[0].equity).toEqual(equity);
    expect(mine.json().items.map((i: { paidOn: string; amount: number; form: string }) => [i.paidOn, i.amount, i.form])).toEqual([
      ['2026-04-01', 10_000_000, 'equity'],
      ['2026-04-01', 6_000_000, 'cash'],
      ['2025-11-20', 8_000_000, 'cash'],
    ]);
    expect(mine.json().byYear).toEqual([
      { year: 2026, cash: 6_000_000, equity: 10_000_000, total: 16_000_000 },
      { year: 2025, cash: 8_000_000, equity: 0, total: 8_000_000 },
    ]);
    expect(mine.json().total).toBe(24_000_000);
    // The same name elsewhere sees nothing.
    expect((await t.api('GET', '/api/distributions/statement', { token: namesake.token })).json()).toEqual({ items: [], byYear: [], total: 0 });
    expect((await t.api('GET', '/api/distributions/statement')).statusCode).toBe(401);

    const xlsx = await t.api('GET', `/api/organizations/${u.org.id}/distributions.xlsx`, { token: u.owner.token });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('收益分配')!;
    expect(ws.rowCount).toBe(6);
    expect(ws.getRow(2).values).toEqual([undefined, '2026-04-01', p2.title, p2.buyer.name, 200_000, 0, 200_000, '成果完成人自行转化', '李慧', '', '成果完成人', '股权', 100_000, 20_000]);
    const byYear = wb.getWorksheet('按年度汇总')!;
    expect(byYear.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1))).toEqual([
      [2026, '成果完成人', 60_000, 100_000, 160_000],
      [2026, '单位', 40_000, 0, 40_000],
      [2025, '成果完成人', 80_000, 0, 80_000],
      [2025, '单位', 20_000, 0, 20_000],
    ]);
    expect((await t.api('GET', `/api/organizations/${u.org.id}/distributions.xlsx`, { token: u.member.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/organizations/${u.org.id}/distributions.xlsx`, { token: namesake.token })).statusCode).toBe(404);
  });
});
