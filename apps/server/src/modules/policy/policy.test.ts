import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { entitlementsResponse, policyRulesResponse, type EntitlementDto } from '@kzt/shared';
import { useTestApp } from '../../../test/testApp.ts';
import type { TestUser } from '../../../test/factories.ts';
import { publish, deliveryJobs } from '../../platform/events.ts';
import { challengeAccepted, challengeAwarded, challengeMilestoneAccepted } from '../challenges/challenges.events.ts';
import { JobRunner } from '../../platform/jobs.ts';
import { dispatchAll, HANDLERS } from '../../events.ts';
import { contractPaymentConfirmed, contractRegistered, contractTerminated } from '../contracts/contracts.events.ts';
import { BUDGET_LINES, JINZHONG_POOL_FROM, SHENYANG_STAKE_FROM, latestSeededPack, seededPacks } from './policy.packs.ts';
import { computePlatformEvent, effectivePacks, ensureSeededPacks, incomeFloorsFor } from './policy.service.ts';
import { computeAll } from './policy.engine.ts';
import { auditEvents, policyComputedEvents, policyEntitlements, policyPackVersions } from '../../db/schema/index.ts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../../../test/database.ts';
import { multipartFile, tinyPdf } from '../../../test/matrix/attachments.rows.ts';

const t = useTestApp();
const 万 = 1_000_000;

async function deliver() {
  const runner = new JobRunner(t.database.db, deliveryJobs(HANDLERS), { error: (e: unknown) => console.error(e) }, undefined, (db) => dispatchAll(db, HANDLERS));
  await runner.runDue();
}

type World = { whAdmin: TestUser; jzAdmin: TestUser; syAdmin: TestUser; buyerOwner: TestUser; uniOwner: TestUser; stranger: TestUser; buyerId: string; uniId: string };
const w = {} as World;

function facts(contractId: string) {
  return {
    contractId,
    kind: 'development',
    subkind: null,
    title: '高性能镁合金压铸工艺开发',
    signedOn: '2025-01-10',
    seller: { organizationId: w.uniId, name: '威海测试大学', region: '371002', entityType: 'university' },
    buyer: { organizationId: w.buyerId, name: '威海测试企业', region: '371002', entityType: 'enterprise' },
    agency: null,
    achievementIds: [],
    dealId: null,
  };
}

async function registerContract(contractId: string, amount: number) {
  await publish(t.database.db, contractRegistered, {
    ...facts(contractId),
    registrationNumber: `2025371000${contractId.slice(0, 6)}`,
    registeredOn: '2025-01-20',
    jurisdictionCode: '371000',
    contractAmount: amount,
    technologyAmount: amount,
    certifiedAmount: amount,
  });
}
async function confirmPayment(contractId: string, amount: number, paidOn = '2025-02-01') {
  await publish(t.database.db, contractPaymentConfirmed, { ...facts(contractId), paymentId: randomUUID(), paidOn, amount });
}

async function entitlements(user: TestUser, query = ''): Promise<EntitlementDto[]> {
  const res = await t.api('GET', `/api/entitlements${query}`, { token: user.token });
  expect(res.statusCode).toBe(200);
  return entitlementsResponse.parse(res.json()).items;
}

/** A member uploads each document the entitlement asks for, then applies naming them (申报). */
async function uploadDocs(id: string, user: TestUser, names?: string[]) {
  const e = (await entitlements(user)).find((x) => x.id === id)!;
  const documents = [];
  for (const name of names ?? e.requiredDocuments) {
    const { body, headers } = multipartFile(`${name}.pdf`, tinyPdf(name));
    const res = await t.api('POST', `/api/entitlements/${id}/attachments`, { token: user.token, body, headers });
    expect(res.statusCode).toBe(201);
    documents.push({ name, attachmentId: res.json().id as string });
  }
  return documents;
}
async function applyWithDocs(id: string, user: TestUser, note = '申报') {
  return t.api('POST', `/api/entitlements/${id}/apply`, { token: user.token, body: { note, documents: await uploadDocs(id, user) } });
}

/** A 威海 buyer subsidy (004-4) of 10,000 元 for the organisation, waiting for its application with two documents. */
const buyerEntitlement = (orgId: string) => ({
  sourceEventId: randomUUID(),
  eventKey: `e-${randomUUID()}`,
  eventType: 'contract_payment',
  eventDate: '2025-05-01',
  ruleId: 'wh-4-buyer',
  ruleTitle: '产学研合作购买方补助',
  jurisdictionCode: '371000',
  budgetLine: 'wh-industry-university',
  year: 2025,
  beneficiaryKey: orgId,
  beneficiaryOrganizationId: orgId,
  amount: 1 * 万,
  base: 20 * 万,
  rateBp: 500,
  item: randomUUID(),
  explanation: '…',
  source: { file: '004_a2c5bfed3da1a70b.txt', item: '4', quote: '5%' },
  requiredDocuments: ['技术合同登记证明', '付款（到账）凭证'],
});

beforeAll(async () => {
  const f = t.factories;
  w.whAdmin = await f.admin('371000');
  w.jzAdmin = await f.admin('140700');
  w.buyerOwner = await f.user();
  w.uniOwner = await f.user();
  w.stranger = await f.user();
  w.buyerId = (await f.organization(w.buyerOwner, { jurisdictionCode: '371000', type: 'enterprise', name: '威海测试企业' })).id;
  w.uniId = (await f.organization(w.uniOwner, { jurisdictionCode: '371000', type: 'university', name: '威海测试大学' })).id;
});

describe('policy rules', () => {
  it('are public, with their source text and version history', async () => {
    const res = await t.api('GET', '/api/policy/rules');
    expect(res.statusCode).toBe(200);
    const { packs } = policyRulesResponse.parse(res.json());
    expect([...new Set(packs.map((p) => p.jurisdiction))].sort()).toEqual(['140000', '140700', '210100', '371000', '610000']);
    // 晋中's history: version 2 until the day before its pool came in, version 3 from then.
    expect(packs.filter((p) => p.jurisdiction === '140700').map((p) => [p.version, p.validFrom, p.validTo])).toEqual([['2', '2020-01-01', '2026-12-05'], ['3', JINZHONG_POOL_FROM, null]]);
    const wh = packs.find((p) => p.jurisdiction === '371000')!;
    expect(wh).toMatchObject({ jurisdictionName: '威海市', version: '1', validFrom: '2020-01-01', validTo: null });
    expect(wh.rules.find((r) => r.id === 'wh-4-buyer')!.source.quote).toContain('5%');
  });

  it('a new version applies to events from its start; history is never edited; overlaps, rates above 100% and negative caps are refused', async () => {
    const wh = latestSeededPack('371000');
    const rules = wh.rules.map((r) => (r.id === 'wh-4-buyer' ? { ...r, rateBp: 800 } : r));
    const url = '/api/policy/packs/371000/versions';
    expect((await t.api('POST', url, { token: w.jzAdmin.token, body: { version: '2', name: '威海 2026', validFrom: '2026-01-01', rules } })).statusCode).toBe(403);
    const bad = await t.api('POST', url, { token: w.whAdmin.token, body: { version: '2', name: '威海 2026', validFrom: '2026-01-01', rules: [{ ...rules[0], rateBp: 10_001 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('100%');
    expect((await t.api('POST', url, { token: w.whAdmin.token, body: { version: '2', name: '威海 2026', validFrom: '2026-01-01', rules: [{ ...rules[0], yearlyCap: -1 }] } })).statusCode).toBe(400);
    const overlap = await t.api('POST', url, { token: w.whAdmin.token, body: { version: '2', name: '威海', validFrom: '2019-06-01', rules } });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().errors[0].path).toBe('validFrom');

    const ok = await t.api('POST', url, { token: w.whAdmin.token, body: { version: '2', name: '威海 2026', validFrom: '2026-01-01', rules } });
    expect(ok.statusCode).toBe(201);
    expect((await t.api('POST', url, { token: w.whAdmin.token, body: { version: '3', name: '威海', validFrom: '2026-01-01', rules } })).statusCode).toBe(409);

    const { packs } = policyRulesResponse.parse((await t.api('GET', '/api/policy/rules?jurisdiction=371000')).json());
    expect(packs.map((p) => [p.version, p.validFrom, p.validTo])).toEqual([
      ['1', '2020-01-01', '2025-12-31'],
      ['2', '2026-01-01', null],
    ]);
    // 威海's source is quoted as written (traditional characters) and read in simplified ones beside it.
    const buyerRule = packs[0]!.rules.find((r) => r.id === 'wh-4-buyer')!;
    expect(buyerRule.source.quote).toContain('按不超過當年實際支付金額的5%給予購買方補助');
    expect(packs[0]!.quotesSimplified['wh-4-buyer']).toContain('按不超过当年实际支付金额的5%给予购买方补助');

    // The trial reads the version valid on each event's date.
    const ev = (id: string, date: string) => ({ id, type: 'contract_payment', date, jurisdiction: '371000', contract: { id: 'c', kind: 'transfer' }, seller: { id: 'u', type: 'university', region: '371002' }, buyer: { id: 'b', type: 'enterprise', region: '371002' }, amount: 100 * 万 });
    const trial = await t.api('POST', '/api/policy/trial', { token: w.jzAdmin.token, body: { events: [ev('a', '2025-12-31'), ev('b', '2026-01-01'), { id: 'x', type: 'nope' }] } });
    expect(trial.statusCode).toBe(200);
    const lines = trial.json().lines;
    expect(lines[0].entitlements.find((e: { rule: string }) => e.rule === 'wh-4-buyer').amount).toBe(5 * 万);
    expect(lines[1].entitlements.find((e: { rule: string }) => e.rule === 'wh-4-buyer').amount).toBe(8 * 万);
    expect(lines[2].refusals[0].reason).toContain('未知的事件类型');

    // Places are named as people say them (GB/T 2260 through the regions module), never by code: 买方在本地 off in 晋中's trial.
    const away = { id: 'jz', type: 'contract_registered', date: '2026-03-01', jurisdiction: '140700', contract: { id: 'c', kind: 'development', contractAmount: 2000 * 万, technologyAmount: 2000 * 万 }, seller: { id: 'u', type: 'university', region: '140702' }, buyer: { id: 'b', type: 'enterprise', region: '110101' } };
    const reasons = (await t.api('POST', '/api/policy/trial', { token: w.jzAdmin.token, body: { events: [away, { ...away, id: 'none', type: 'contract_payment', amount: 100 * 万 }] } })).json().lines.flatMap((l: { refusals: { reason: string }[] }) => l.refusals.map((r) => r.reason)).join('\n');
    expect(reasons).toContain('买方所在地北京市东城区不在本辖区（晋中市）');
    expect(reasons).not.toMatch(/\d{6}/);
    expect((await t.api('POST', '/api/policy/trial', { token: w.buyerOwner.token, body: { events: [ev('a', '2025-01-01')] } })).statusCode).toBe(403);
  });
});

describe('bad input (issue 16), one by one', () => {
  const url = '/api/policy/packs/210100/versions';
  const sy = () => latestSeededPack('210100').rules;
  const publish = (rules: object[], version = 'bad') => t.api('POST', url, { token: w.syAdmin.token, body: { version, name: '沈阳（修订）', validFrom: '2027-01-01', rules } });
  const versions = async () => policyRulesResponse.parse((await t.api('GET', '/api/policy/rules?jurisdiction=210100')).json()).packs.map((p) => p.version);
  const seededVersions = seededPacks().filter((p) => p.jurisdiction === '210100').map((p) => p.version);

  beforeAll(async () => {
    w.syAdmin = await t.factories.admin('210100');
  });

  it('an unknown rule field (a mistyped cap) or trigger is refused, naming it, and nothing is published', async () => {
    const [first, ...rest] = sy();
    const typo = await publish([{ ...first, yearlyCaps: 100 * 万 }, ...rest]);
    expect(typo.statusCode).toBe(400);
    expect(typo.json().errors[0]).toMatchObject({ path: 'rules.0', message: '不接受的字段: yearlyCaps' });
    const nested = await publish([{ ...first, conditions: { ...first!.conditions, localRole: ['seller'] } }, ...rest]);
    expect(nested.json().errors[0]).toMatchObject({ path: 'rules.0.conditions', message: '不接受的字段: localRole' });
    const trigger = await publish([{ ...first, trigger: 'contract_signed' }, ...rest]);
    expect(trigger.statusCode).toBe(400);
    expect(trigger.json().errors[0].path).toBe('rules.0.trigger');
    expect(trigger.json().errors[0].message).toContain('取值无效');
    expect(await versions()).toEqual(seededVersions);
  });

  it('a rate above 100% and a cap below zero are refused at their fields with Chinese messages', async () => {
    const [first, ...rest] = sy();
    const rate = await publish([{ ...first, rateBp: 10_001 }, ...rest]);
    expect(rate.json().errors[0]).toMatchObject({ path: 'rules.0.rateBp', message: '比例须为 0–10000 个基点（0%–100%），不能超过 100%' });
    const cap = await publish([{ ...first, itemCap: -1 }, ...rest]);
    expect(cap.json().errors[0]).toMatchObject({ path: 'rules.0.itemCap', message: '上限须为不小于 0 的整数“分”' });
    const share = await publish([{ ...first, gradeShare: { grades: ['excellent'], maxBp: 12_000 } }, ...rest]);
    expect(share.json().errors[0].path).toBe('rules.0.gradeShare.maxBp');
    expect(await versions()).toEqual(seededVersions);
  });

  it('an unknown event type is refused by the trial line and by recording, naming the type', async () => {
    const trial = await t.api('POST', '/api/policy/trial', { token: w.syAdmin.token, body: { events: [{ id: 'u', type: 'patent_granted', date: '2025-01-01', jurisdiction: '210100' }] } });
    expect(trial.json().lines[0].refusals[0]).toMatchObject({ rule: 'event', reason: '未知的事件类型 "patent_granted"（字段 type） / unknown event type' });
    const rec = await t.api('POST', '/api/policy/events', { token: w.syAdmin.token, body: { event: { id: 'u', type: 'patent_granted', date: '2025-01-01', jurisdiction: '210100' } } });
    expect(rec.statusCode).toBe(422);
    expect(rec.json().errors[0].path).toBe('event');
  });
});

describe('income floors', () => {
  it('陕西’s floors hold for a 陕西 city, and nowhere else', async () => {
    const floors = await incomeFloorsFor(t.database.db, '610100', '2025-06-01');
    expect(floors.map((f) => [f.case, f.floorBp])).toEqual([
      ['self_conversion', 8000],
      ['unconverted_two_years', 7000],
    ]);
    expect(floors[0]!.source).toMatchObject({ file: '002_9de4a09c2f9ce9e4.txt', item: '11' });
    expect(await incomeFloorsFor(t.database.db, '371000', '2025-06-01')).toEqual([]);
  });
});

describe('entitlements from contract events', () => {
  let buyerEnt: EntitlementDto;
  let uniEnt: EntitlementDto;
  const contractId = randomUUID();

  it('a registered contract and a confirmed payment give the buyer 5% and the university 1%, once per event', async () => {
    await registerContract(contractId, 1000 * 万);
    await confirmPayment(contractId, 400 * 万);
    await deliver();
    await deliver();
    const mine = await entitlements(w.buyerOwner);
    expect(mine).toHaveLength(1);
    buyerEnt = mine[0]!;
    expect(buyerEnt).toMatchObject({ rule: 'wh-4-buyer', beneficiary: w.buyerId, beneficiaryName: '威海测试企业', amount: 20 * 万, committed: null, status: 'granted', jurisdiction: '371000', year: 2025 });
    uniEnt = (await entitlements(w.uniOwner))[0]!;
    expect(uniEnt).toMatchObject({ rule: 'wh-4-seller', amount: 4 * 万 });
    // The administrator of 威海 sees both; 晋中's and a stranger see none.
    expect((await entitlements(w.whAdmin)).map((e) => e.id).sort()).toEqual([buyerEnt.id, uniEnt.id].sort());
    expect(await entitlements(w.jzAdmin)).toEqual([]);
    expect(await entitlements(w.stranger)).toEqual([]);
  });

  it('yearly caps hold across payments: the second payment gets what is left of 300,000', async () => {
    await confirmPayment(contractId, 400 * 万, '2025-06-01');
    await deliver();
    const mine = await entitlements(w.buyerOwner);
    expect(mine.map((e) => e.amount).sort((a, b) => a - b)).toEqual([10 * 万, 20 * 万]);
    expect(mine.find((e) => e.amount === 10 * 万)!.explanation).toContain('2025 年已获 200,000.00 元');
  });

  it('apply → review → approve within the budget → pay; refusals leave nothing changed', async () => {
    const apply = (id: string, user: TestUser, documents: object[] = []) => t.api('POST', `/api/entitlements/${id}/apply`, { token: user.token, body: { note: '申报产学研合作补助', documents } });
    expect((await apply(buyerEnt.id, w.stranger)).statusCode).toBe(404);
    expect((await applyWithDocs(buyerEnt.id, w.buyerOwner)).json()).toMatchObject({ status: 'applied' });
    expect((await apply(buyerEnt.id, w.buyerOwner)).statusCode).toBe(409);

    const review = (id: string, user: TestUser, body: object) => t.api('POST', `/api/entitlements/${id}/review`, { token: user.token, body });
    expect((await review(buyerEnt.id, w.buyerOwner, { decision: 'approve' })).statusCode).toBe(403);
    expect((await review(buyerEnt.id, w.jzAdmin, { decision: 'approve' })).statusCode).toBe(404);
    const noBudget = await review(buyerEnt.id, w.whAdmin, { decision: 'approve' });
    expect(noBudget.statusCode).toBe(409);
    expect(noBudget.json().detail).toContain('尚未设定预算');
    // The budget line is named for people, its code beside the name.
    expect(noBudget.json().detail).toContain('产学研合作补助（威海 4）（wh-industry-university）');

    expect((await t.api('PUT', '/api/policy/budgets', { token: w.jzAdmin.token, body: { jurisdiction: '371000', budgetLine: 'wh-industry-university', year: 2025, amount: 100 * 万 } })).statusCode).toBe(403);
    expect((await t.api('PUT', '/api/policy/budgets', { token: w.whAdmin.token, body: { jurisdiction: '371000', budgetLine: 'wh-industry-university', year: 2025, amount: 22 * 万 } })).statusCode).toBe(200);

    const approved = await review(buyerEnt.id, w.whAdmin, { decision: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'approved' });
    // 20万 of 22万 used: the university's 4万 goes beyond it.
    await applyWithDocs(uniEnt.id, w.uniOwner);
    const over = await review(uniEnt.id, w.whAdmin, { decision: 'approve' });
    expect(over.statusCode).toBe(409);
    expect(over.json().detail).toContain('预算不足');
    expect((await review(uniEnt.id, w.whAdmin, { decision: 'reject' })).statusCode).toBe(400);
    expect((await review(uniEnt.id, w.whAdmin, { decision: 'reject', reason: '材料不全' })).json()).toMatchObject({ status: 'rejected', reason: '材料不全' });

    const pay = (body: object) => t.api('POST', `/api/entitlements/${buyerEnt.id}/payments`, { token: w.whAdmin.token, body });
    expect((await pay({ amount: 20 * 万 + 1, paidOn: '2025-08-01', reference: 'BK-1' })).statusCode).toBe(422);
    expect((await pay({ amount: 10.5, paidOn: '2025-08-01', reference: 'BK-1' })).statusCode).toBe(400);
    expect((await pay({ amount: 20 * 万, paidOn: '2025-08-01', reference: 'BK-1' })).json()).toMatchObject({ status: 'paid', paidAmount: 20 * 万 });
    // Paid once: a second payment is refused, so the ledger never pays twice.
    const twice = await pay({ amount: 1, paidOn: '2025-08-02', reference: 'BK-2' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('该奖补已于 2025-08-01 拨付 200,000.00 元，不能重复拨付');

    const budgets = await t.api('GET', '/api/policy/budgets', { token: w.whAdmin.token });
    const whLine = { zh: '产学研合作补助（威海 4）', en: 'Industry–university cooperation (Weihai 4)' };
    expect(budgets.json().items).toEqual([{ jurisdiction: '371000', budgetLine: 'wh-industry-university', budgetLineName: whLine, year: 2025, amount: 22 * 万, used: 20 * 万 }]);
    const mine = (await t.api('GET', '/api/entitlements', { token: w.buyerOwner.token })).json().items;
    expect(mine.find((e: { id: string }) => e.id === buyerEnt.id)).toMatchObject({ budgetLine: 'wh-industry-university', budgetLineName: whLine });

    // The ledger in Excel: every entitlement, per beneficiary, per budget line.
    const xlsx = await t.api('GET', '/api/policy/ledger.xlsx', { token: w.whAdmin.token });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['奖补明细', '按受益单位', '按预算科目']);
    const detail = wb.getWorksheet('奖补明细')!.getSheetValues().slice(2) as unknown[][];
    expect(detail.some((r) => r.includes('威海测试企业') && r.includes(200_000) && r.includes('已拨付'))).toBe(true);
    expect((wb.getWorksheet('按预算科目')!.getRow(2).values as unknown[]).slice(1)).toEqual(['371000', '产学研合作补助（威海 4）', 'wh-industry-university', 2025, 220_000, 200_000, 20_000]);
    expect(detail.some((r) => r.includes('产学研合作补助（威海 4）') && r.includes('wh-industry-university'))).toBe(true);
    // Per beneficiary, a finally rejected entitlement is not counted as owed: the university's rejected 4万 stands under 不予支持, apart from its other 4万.
    const perBeneficiary = (wb.getWorksheet('按受益单位')!.getSheetValues().slice(2) as unknown[][]).map((r) => r.slice(1));
    expect(perBeneficiary.find((r) => r[0] === '威海测试大学')).toEqual(['威海测试大学', 2025, 40_000, 0, 0, 0, 40_000]);
    expect((await t.api('GET', '/api/policy/ledger.xlsx', { token: w.buyerOwner.token })).statusCode).toBe(403);
  });

  it('two administrators approving the last of a budget at once: only one passes', async () => {
    const other = randomUUID();
    const firmOwner = await t.factories.user();
    const firmId = (await t.factories.organization(firmOwner, { jurisdictionCode: '371000', name: '另一家威海企业' })).id;
    await registerContract(other, 100 * 万);
    await publish(t.database.db, contractPaymentConfirmed, { ...facts(other), buyer: { organizationId: firmId, name: '另一家威海企业', region: '371003', entityType: 'enterprise' }, paymentId: randomUUID(), paidOn: '2025-03-01', amount: 40 * 万 });
    await deliver();
    const mine = await entitlements(firmOwner);
    expect(mine).toHaveLength(1);
    const [a] = mine;
    const b = (await entitlements(w.uniOwner)).find((e) => e.contractId === other)!;
    expect([a!.amount, b.amount]).toEqual([2 * 万, 4000_00]);
    expect((await applyWithDocs(a!.id, firmOwner)).statusCode).toBe(200);
    expect((await applyWithDocs(b.id, w.uniOwner)).statusCode).toBe(200);
    // 2万 left of the 22万 budget... set it so that only one of the two fits.
    await t.api('PUT', '/api/policy/budgets', { token: w.whAdmin.token, body: { jurisdiction: '371000', budgetLine: 'wh-industry-university', year: 2025, amount: 22 * 万 } });
    const second = await t.factories.admin('371000');
    const [r1, r2] = await Promise.all([
      t.api('POST', `/api/entitlements/${a!.id}/review`, { token: w.whAdmin.token, body: { decision: 'approve' } }),
      t.api('POST', `/api/entitlements/${b.id}/review`, { token: second.token, body: { decision: 'approve' } }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const budgets = await t.api('GET', '/api/policy/budgets', { token: w.whAdmin.token });
    expect(budgets.json().items[0].used).toBeLessThanOrEqual(22 * 万);
  });

  it('a terminated contract claws back what it caused; a payment to a cancelled entitlement is refused', async () => {
    const c = randomUUID();
    await registerContract(c, 100 * 万);
    await confirmPayment(c, 100 * 万, '2025-09-01');
    await deliver();
    const before = (await entitlements(w.uniOwner)).filter((e) => e.contractId === c);
    expect(before).toHaveLength(1);
    await publish(t.database.db, contractTerminated, { contractId: c, registrationNumber: null, terminatedOn: '2025-10-01', reason: '双方协商解除' });
    await deliver();
    const after = (await entitlements(w.uniOwner)).filter((e) => e.contractId === c);
    expect(after[0]).toMatchObject({ status: 'cancelled', reason: expect.stringContaining('双方协商解除') });
    const pay = await t.api('POST', `/api/entitlements/${after[0]!.id}/payments`, { token: w.whAdmin.token, body: { amount: 1, paidOn: '2025-10-02', reference: 'X' } });
    expect(pay.statusCode).toBe(409);
    expect(pay.json().detail).toContain('已取消');
    // A payment confirmed after the termination raises nothing.
    await confirmPayment(c, 100 * 万, '2025-10-05');
    await deliver();
    expect((await entitlements(w.uniOwner)).filter((e) => e.contractId === c)).toHaveLength(1);
  });

  it('an application beyond a yearly cap already used is refused, naming the cap and what is used', async () => {
    const owner = await t.factories.user();
    const orgId = (await t.factories.organization(owner, { jurisdictionCode: '371000', name: '上限测试企业' })).id;
    const row = (amount: number) => ({ ...buyerEntitlement(orgId), amount, base: amount * 20, yearlyCap: 30 * 万, requiredDocuments: [] });
    // Two grants computed under an earlier version of the rules that together pass this year's cap.
    const [a, b] = await t.database.db.insert(policyEntitlements).values([row(20 * 万), row(20 * 万)]).returning();
    expect((await t.api('POST', `/api/entitlements/${a!.id}/apply`, { token: owner.token, body: { note: '申报' } })).statusCode).toBe(200);
    const refused = await t.api('POST', `/api/entitlements/${b!.id}/apply`, { token: owner.token, body: { note: '申报' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('上限 300,000.00 元 已用 200,000.00 元');
    expect((await entitlements(owner)).find((e) => e.id === b!.id)!.status).toBe('granted');
  });
});

describe('applications (申报) with documents', () => {
  it('an application names each document the rule asks for, uploaded for this entitlement; one missing is refused by name and nothing changes', async () => {
    const owner = await t.factories.user();
    const orgId = (await t.factories.organization(owner, { jurisdictionCode: '371000', name: '材料测试企业' })).id;
    const row = () => buyerEntitlement(orgId);
    const [a, other] = await t.database.db.insert(policyEntitlements).values([row(), row()]).returning();
    const mine = (await entitlements(owner)).find((e) => e.id === a!.id)!;
    expect(mine.requiredDocuments).toEqual(['技术合同登记证明', '付款（到账）凭证']);

    // Only the beneficiary's members upload; a stranger does not even see the entitlement.
    const { body, headers } = multipartFile('登记证明.pdf', tinyPdf('x'));
    expect((await t.api('POST', `/api/entitlements/${a!.id}/attachments`, { token: w.stranger.token, body, headers })).statusCode).toBe(404);
    expect((await t.api('POST', `/api/entitlements/${a!.id}/attachments`, { token: w.whAdmin.token, ...multipartFile('登记证明.pdf', tinyPdf('x')) })).statusCode).toBe(403);

    const [registration] = await uploadDocs(a!.id, owner, ['技术合同登记证明']);
    const apply = (documents: object[]) => t.api('POST', `/api/entitlements/${a!.id}/apply`, { token: owner.token, body: { note: '申报', documents } });
    const missing = await apply([registration!]);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().detail).toBe('缺少申报材料：付款（到账）凭证。请先上传后再申报');
    expect(missing.json().errors[0].path).toBe('documents');

    // A document naming a file uploaded for another entitlement (or none at all) is refused at its field.
    const [foreign] = await uploadDocs(other!.id, owner, ['付款（到账）凭证']);
    const wrong = await apply([registration!, foreign!]);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].path).toBe('documents.1.attachmentId');
    expect(wrong.json().detail).toContain('付款（到账）凭证');
    expect((await entitlements(owner)).find((e) => e.id === a!.id)).toMatchObject({ status: 'granted', documents: [] });

    const [receipt] = await uploadDocs(a!.id, owner, ['付款（到账）凭证']);
    const ok = await apply([registration!, receipt!]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'applied', documents: [registration, receipt] });

    // The administrator of 威海 sees and downloads the files; 晋中's does not; no upload once applied.
    const files = await t.api('GET', `/api/entitlements/${a!.id}/attachments`, { token: w.whAdmin.token });
    expect(files.json().items.map((f: { fileName: string }) => f.fileName)).toEqual(['技术合同登记证明.pdf', '付款（到账）凭证.pdf']);
    const pdf = await t.api('GET', files.json().items[0].url, { token: w.whAdmin.token });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await t.api('GET', `/api/entitlements/${a!.id}/attachments`, { token: w.jzAdmin.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/entitlements/${other!.id}/attachments/${registration!.attachmentId}/content`, { token: owner.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/attachments/${registration!.attachmentId}/content`, { token: owner.token })).statusCode).toBe(404);
    const late = await t.api('POST', `/api/entitlements/${a!.id}/attachments`, { token: owner.token, ...multipartFile('补充.pdf', tinyPdf('late')) });
    expect(late.statusCode).toBe(409);
  });
});

describe('documents deleted, applications returned for correction and resubmitted, rejections final', () => {
  /** A 威海 buyer subsidy of a fresh organisation, waiting for its application. */
  async function fresh() {
    const owner = await t.factories.user();
    const orgId = (await t.factories.organization(owner, { jurisdictionCode: '371000', name: `补正测试企业${randomUUID().slice(0, 4)}` })).id;
    const [row] = await t.database.db.insert(policyEntitlements).values(buyerEntitlement(orgId)).returning();
    return { owner, id: row!.id };
  }
  const files = async (id: string, user: TestUser) => (await t.api('GET', `/api/entitlements/${id}/attachments`, { token: user.token })).json().items as { id: string; fileName: string; canDelete: boolean; submittedIn: number | null }[];
  const del = (id: string, attachmentId: string, user: TestUser) => t.api('DELETE', `/api/entitlements/${id}/attachments/${attachmentId}`, { token: user.token });
  const review = (id: string, body: object) => t.api('POST', `/api/entitlements/${id}/review`, { token: w.whAdmin.token, body });
  const actions = async (id: string) => (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'entitlement'), eq(auditEvents.entityId, id))).orderBy(asc(auditEvents.seq))).map((a) => a.action);

  it('the applicant deletes a wrong file while the application is a draft; after submission it is refused at the field, in Chinese', async () => {
    const { owner, id } = await fresh();
    const [registration, receipt] = await uploadDocs(id, owner);
    const [wrong] = await uploadDocs(id, owner, ['传错的文件']);
    expect((await files(id, owner)).map((f) => [f.fileName, f.canDelete])).toEqual([['技术合同登记证明.pdf', true], ['付款（到账）凭证.pdf', true], ['传错的文件.pdf', true]]);
    // Nobody else deletes it: a stranger does not see the entitlement, the administrator may not change the application.
    expect((await del(id, wrong!.attachmentId, w.stranger)).statusCode).toBe(404);
    expect((await del(id, wrong!.attachmentId, w.whAdmin)).statusCode).toBe(403);
    expect((await files(id, w.whAdmin)).every((f) => !f.canDelete)).toBe(true);

    expect((await del(id, wrong!.attachmentId, owner)).statusCode).toBe(204);
    expect((await files(id, owner)).map((f) => f.fileName)).toEqual(['技术合同登记证明.pdf', '付款（到账）凭证.pdf']);
    expect((await t.api('GET', `/api/entitlements/${id}/attachments/${wrong!.attachmentId}/content`, { token: owner.token })).statusCode).toBe(404);
    expect((await del(id, wrong!.attachmentId, owner)).statusCode).toBe(404);
    expect(await actions(id)).toContain('entitlement.attachment.delete');

    expect((await t.api('POST', `/api/entitlements/${id}/apply`, { token: owner.token, body: { note: '申报', documents: [registration, receipt] } })).statusCode).toBe(200);
    const locked = await del(id, receipt!.attachmentId, owner);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().detail).toBe('申报已提交（当前：已申报），申报材料不能再更改；如需补正，须由审核人员退回');
    expect(locked.json().errors[0].path).toBe('attachmentId');
    expect((await files(id, owner)).map((f) => [f.canDelete, f.submittedIn])).toEqual([[false, 1], [false, 1]]);
  });

  it('退回补正: the applicant replaces a document and submits again, each submission and decision kept; 不予支持 is final and states the reason', async () => {
    const { owner, id } = await fresh();
    const [registration, receipt] = await uploadDocs(id, owner);
    await t.api('POST', `/api/entitlements/${id}/apply`, { token: owner.token, body: { note: '第一次申报', documents: [registration, receipt] } });

    // A return states what to correct.
    const noReason = await review(id, { decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('reason');
    expect((await t.api('POST', `/api/entitlements/${id}/review`, { token: owner.token, body: { decision: 'return', reason: '自己退回' } })).statusCode).toBe(403);
    const returned = await review(id, { decision: 'return', reason: '付款凭证不清晰，请补正' });
    expect(returned.json()).toMatchObject({ status: 'returned', reason: '付款凭证不清晰，请补正' });
    // The returned application is the applicant's task on the workbench; a returned one cannot be approved or paid.
    const tasks = (await t.api('GET', '/api/me/workbench', { token: owner.token })).json().tasks as { key: string; count: number; link: string }[];
    expect(tasks.find((x) => x.key === 'entitlementsReturned')).toEqual({ key: 'entitlementsReturned', count: 1, link: '/subsidies?tab=mine' });
    expect((await review(id, { decision: 'approve' })).statusCode).toBe(409);

    // The file the first submission carried stays as its record; a new one replaces it.
    const kept = await del(id, receipt!.attachmentId, owner);
    expect(kept.statusCode).toBe(409);
    expect(kept.json().detail).toBe('该材料已随第 1 次申报提交，作为申报记录保留，不能删除；请上传新文件替换');
    expect(kept.json().errors[0].path).toBe('attachmentId');
    const [clearer] = await uploadDocs(id, owner, ['付款（到账）凭证']);
    expect((await files(id, owner)).map((f) => [f.canDelete, f.submittedIn])).toEqual([[false, 1], [false, 1], [true, null]]);
    const again = await t.api('POST', `/api/entitlements/${id}/apply`, { token: owner.token, body: { note: '已补正付款凭证', documents: [registration, clearer] } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'applied', reason: null, documents: [registration, clearer] });
    expect((await t.api('GET', '/api/me/workbench', { token: owner.token })).json().tasks.find((x: { key: string }) => x.key === 'entitlementsReturned')).toBeUndefined();

    const rejected = await review(id, { decision: 'reject', reason: '购买方不属于本市企业' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '购买方不属于本市企业' });
    const history = (rejected.json() as EntitlementDto).history;
    expect(history.map((h) => [h.action, h.text])).toEqual([
      ['apply', '第一次申报'],
      ['return', '付款凭证不清晰，请补正'],
      ['resubmit', '已补正付款凭证'],
      ['reject', '购买方不属于本市企业'],
    ]);
    expect(history[0]!.documents).toEqual([registration, receipt]);
    expect(history[2]!.documents).toEqual([registration, clearer]);
    expect(await actions(id)).toEqual(expect.arrayContaining(['entitlement.apply', 'entitlement.return', 'entitlement.resubmit', 'entitlement.reject']));

    // 不予支持 is final: no new submission, no new file, with the reason.
    const final = await t.api('POST', `/api/entitlements/${id}/apply`, { token: owner.token, body: { note: '再试一次', documents: [registration, clearer] } });
    expect(final.statusCode).toBe(409);
    expect(final.json().detail).toBe('该申报已不予支持（购买方不属于本市企业），不能再次申报');
    const upload = await t.api('POST', `/api/entitlements/${id}/attachments`, { token: owner.token, ...multipartFile('补充.pdf', tinyPdf('late')) });
    expect(upload.statusCode).toBe(409);
    expect(upload.json().errors[0].path).toBe('file');
    expect((await del(id, clearer!.attachmentId, owner)).statusCode).toBe(409);
  });
});

describe('seeded packs newer than the stored ones', () => {
  it('a database seeded with 晋中 version 1 gets the latest seeded version published from today, version 1 untouched; a restart publishes nothing more', async () => {
    // A database of its own (a copy of the run's migrated template), so the seeded packs are the only ones.
    const database = await freshDatabase();
    try {
      const jz = latestSeededPack('140700');
      // Version 1 as it was seeded before 000-20's 优良率 share was written into the rules.
      const v1Rules = jz.rules.map(({ gradeShare: _share, ...r }) => r);
      await database.db.insert(policyPackVersions).values({ jurisdictionCode: '140700', version: '1', name: jz.name, validFrom: '2020-01-01', validTo: null, rules: v1Rules });

      expect(await ensureSeededPacks(database.db, { today: '2026-12-06' })).toEqual([{ jurisdiction: '140700', version: jz.version, validFrom: '2026-12-06' }]);
      const stored = await database.db.select().from(policyPackVersions).where(eq(policyPackVersions.jurisdictionCode, '140700')).orderBy(asc(policyPackVersions.validFrom));
      expect(stored.map((v) => [v.version, v.validFrom, v.validTo])).toEqual([['1', '2020-01-01', null], [jz.version, '2026-12-06', null]]);
      expect(stored[0]!.rules).toEqual(v1Rules);
      expect((stored[1]!.rules as { id: string; gradeShare?: unknown }[]).find((r) => r.id === 'jz-20-agency-evaluation')!.gradeShare).toEqual({ grades: ['excellent', 'good'], maxBp: 3000 });
      // The other jurisdictions, never seeded here, get their packs as seeded.
      expect((await database.db.select().from(policyPackVersions)).length).toBe(7);
      const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'policyPack.publishSeeded'));
      expect(audit).toHaveLength(1);

      // A restart (the same seeded packs again) publishes nothing and edits nothing.
      expect(await ensureSeededPacks(database.db, { packs: seededPacks(), today: '2026-12-07' })).toEqual([]);
      expect((await database.db.select().from(policyPackVersions)).length).toBe(7);
    } finally {
      await database.close();
    }
  });

  it('a newer seeded version starts on its own date when that is later, never overlaps a closed version, and leaves a jurisdiction whose latest version an administrator published alone', async () => {
    const wh = latestSeededPack('371000');
    const pack = (jurisdiction: string, version: string, validFrom: string) => ({ ...wh, jurisdiction, version, validFrom, validTo: null });
    const versions = async (j: string) => (await t.database.db.select().from(policyPackVersions).where(eq(policyPackVersions.jurisdictionCode, j)).orderBy(asc(policyPackVersions.validFrom))).map((v) => [v.version, v.validFrom, v.validTo]);

    expect(await ensureSeededPacks(t.database.db, { packs: [pack('379900', '1', '2020-01-01')] })).toEqual([]);
    expect(await ensureSeededPacks(t.database.db, { packs: [pack('379900', '2', '2027-03-01')], today: '2026-12-06' })).toEqual([{ jurisdiction: '379900', version: '2', validFrom: '2027-03-01' }]);
    // An older or equal seeded version is not newer.
    expect(await ensureSeededPacks(t.database.db, { packs: [pack('379900', '1', '2020-01-01')] })).toEqual([]);
    expect(await versions('379900')).toEqual([['1', '2020-01-01', null], ['2', '2027-03-01', null]]);
    // '10' is newer than '2'; it may not start on or before version 2's start, so it starts the day after.
    expect(await ensureSeededPacks(t.database.db, { packs: [pack('379900', '10', '2020-01-01')], today: '2026-12-06' })).toEqual([{ jurisdiction: '379900', version: '10', validFrom: '2027-03-02' }]);
    const rules = await t.api('GET', '/api/policy/rules?jurisdiction=379900');
    expect(rules.json().packs.map((p: { version: string; validTo: string | null }) => [p.version, p.validTo])).toEqual([['1', '2027-02-28'], ['2', '2027-03-01'], ['10', null]]);

    // A closed latest version: the seeded one starts after its end.
    await t.database.db.insert(policyPackVersions).values({ jurisdictionCode: '379800', version: '1', name: '闭合', validFrom: '2020-01-01', validTo: '2030-12-31', rules: wh.rules });
    expect(await ensureSeededPacks(t.database.db, { packs: [pack('379800', '2', '2020-01-01')], today: '2026-12-06' })).toEqual([{ jurisdiction: '379800', version: '2', validFrom: '2031-01-01' }]);

    // An administrator's version is the latest: the seed does not override it.
    await t.database.db.insert(policyPackVersions).values({ jurisdictionCode: '379700', version: '1', name: '内置', validFrom: '2020-01-01', rules: wh.rules });
    await t.database.db.insert(policyPackVersions).values({ jurisdictionCode: '379700', version: '3', name: '本地修订', validFrom: '2025-01-01', rules: wh.rules, publishedBy: w.whAdmin.id });
    expect(await ensureSeededPacks(t.database.db, { packs: [pack('379700', '4', '2020-01-01')], today: '2026-12-06' })).toEqual([]);
  });
});

describe('沈阳’s version 2 (003-3 stake exit) on a database seeded with version 1', () => {
  it('is published from the day the stake exit came in, whatever day the server restarts, so the database, a fresh one, the trial and the command judge a stake exit alike', async () => {
    const [v1, v2] = seededPacks().filter((p) => p.jurisdiction === '210100');
    expect([v1!.version, v1!.validFrom, v1!.validTo, v2!.version, v2!.validFrom, v2!.validTo]).toEqual(['1', '2020-01-01', '2026-12-05', '2', SHENYANG_STAKE_FROM, null]);
    // Version 1 as databases seeded before 003-3 was computed stored it: 003-3 a provision, open-ended.
    expect(v1!.rules.find((r) => r.id === 'sy-3-government-stake')).toMatchObject({ kind: 'provision', trigger: null, budgetLine: 'sy-none' });
    const owner = { id: 'sy-owner', type: 'university' as const, region: '210102' };
    const exit = (id: string, date: string) => ({ id, type: 'stake_exit' as const, date, jurisdiction: '210100', stake: { id, principal: 100 * 万, investedOn: '2025-01-01' }, owner, exitValue: 200 * 万, bankRateBp: 300 });
    const old = await freshDatabase();
    try {
      await old.db.insert(policyPackVersions).values({ jurisdictionCode: '210100', version: '1', name: v1!.name, validFrom: '2020-01-01', validTo: null, rules: v1!.rules });
      // Restarted weeks later: version 2 still starts on its own day, not on the restart's.
      expect((await ensureSeededPacks(old.db, { today: '2027-02-01' })).filter((p) => p.jurisdiction === '210100')).toEqual([{ jurisdiction: '210100', version: '2', validFrom: SHENYANG_STAKE_FROM }]);
      const stored = await old.db.select().from(policyPackVersions).where(eq(policyPackVersions.jurisdictionCode, '210100')).orderBy(asc(policyPackVersions.validFrom));
      expect(stored.map((v) => [v.version, v.validFrom, v.validTo])).toEqual([['1', '2020-01-01', null], ['2', SHENYANG_STAKE_FROM, null]]);
      expect(stored[0]!.rules).toEqual(v1!.rules);
      expect(effectivePacks(stored).map((p) => [p.version, p.validFrom, p.validTo])).toEqual([['1', '2020-01-01', '2026-12-05'], ['2', SHENYANG_STAKE_FROM, null]]);
      // A restart publishes nothing more.
      expect(await ensureSeededPacks(old.db, { packs: seededPacks(), today: '2027-03-01' })).toEqual([]);

      for (const ev of [exit('sy-exit-before', '2026-11-30'), exit('sy-exit-after', '2027-01-05')]) {
        const inOld = computeAll([ev], effectivePacks(stored)).map((c) => c.line);
        const trial = await t.api('POST', '/api/policy/trial', { token: w.syAdmin.token, body: { events: [ev] } });
        expect(trial.json().lines).toEqual(inOld);
        expect(computeAll([ev], seededPacks()).map((c) => c.line)).toEqual(inOld);
        if (ev.date < SHENYANG_STAKE_FROM) expect(inOld[0]!.entitlements).toEqual([]);
        else expect(inOld[0]!.entitlements).toEqual([expect.objectContaining({ rule: 'sy-3-government-stake', beneficiary: owner.id })]);
      }
    } finally {
      await old.close();
    }
  }, 180_000);

  it('every budget line of the seeded rules has a name for people, in Chinese and English', () => {
    const lines = new Set(seededPacks().flatMap((p) => p.rules.map((r) => r.budgetLine)));
    expect([...lines].filter((l) => !BUDGET_LINES[l])).toEqual([]);
    for (const l of lines) expect(BUDGET_LINES[l]!.zh).not.toBe(BUDGET_LINES[l]!.en);
  });
});

describe('evaluations recorded before 晋中’s pool came in (version 2)', () => {
  it('are computed again alike — where they were recorded after version 3 is published, in a fresh database, on the trial page and by the command — while a later one needs the pool entry', async () => {
    const v2 = seededPacks().find((p) => p.jurisdiction === '140700' && p.version === '2')!;
    const agency = { id: 'jz-old-agency', type: 'agency' as const, region: '140702' };
    const evaluation = { id: 'jz-old-eval', type: 'agency_evaluation' as const, date: '2026-06-01', jurisdiction: '140700', agency, year: 2025, scheme: 'city' as const, grade: 'excellent' as const, amount: 30 * 万, cohort: 10 };
    const old = await freshDatabase();
    try {
      // A database seeded before the pool: 晋中 version 2 stored open-ended, as it was then.
      await old.db.insert(policyPackVersions).values({ jurisdictionCode: '140700', version: '2', name: v2.name, validFrom: '2020-01-01', validTo: null, rules: v2.rules });
      const recorded = await computePlatformEvent(old.db, randomUUID(), evaluation);
      expect(recorded!.entitlements).toEqual([expect.objectContaining({ rule: 'jz-20-agency-evaluation', beneficiary: agency.id, amount: 30 * 万 })]);
      // Version 3 was published over it from the day the pool came in; version 2 is untouched.
      const stored = await old.db.select().from(policyPackVersions).where(eq(policyPackVersions.jurisdictionCode, '140700')).orderBy(asc(policyPackVersions.validFrom));
      expect(stored.map((v) => [v.version, v.validFrom, v.validTo])).toEqual([['2', '2020-01-01', null], ['3', JINZHONG_POOL_FROM, null]]);

      // Computed again from what was stored, with the stored versions: the same line, nothing refused.
      const [row] = await old.db.select().from(policyComputedEvents).where(sql`${policyComputedEvents.engineEvent}->>'id' = ${evaluation.id}`);
      expect(computeAll([row!.engineEvent], effectivePacks(stored)).map((c) => c.line)).toEqual([recorded]);
      // The command (seeded packs, no database) and a fresh database's trial page agree.
      expect(computeAll([evaluation], seededPacks()).map((c) => c.line)).toEqual([recorded]);
      const trial = await t.api('POST', '/api/policy/trial', { token: w.jzAdmin.token, body: { events: [evaluation] } });
      expect(trial.json().lines).toEqual([recorded]);

      // After the pool came in, the agency's next evaluation needs its entry; one recorded for the day it entered counts.
      const next = { ...evaluation, id: 'jz-new-eval', date: '2026-12-20', year: 2026 };
      expect((await computePlatformEvent(old.db, randomUUID(), next))!.refusals[0]!.reason).toContain('机构未入库培育');
      expect((await computePlatformEvent(old.db, randomUUID(), { id: 'jz-old-pool', type: 'agency_pooled', date: '2025-03-01', jurisdiction: '140700', agency }))!.refusals).toEqual([]);
      // The old evaluation still counts in the ledger: 500,000 a year (of the event's date, 2026), 300,000 already granted.
      expect((await computePlatformEvent(old.db, randomUUID(), { ...next, id: 'jz-new-eval-2' }))!.entitlements[0]).toMatchObject({ rule: 'jz-20-agency-evaluation', amount: 20 * 万, cap: { kind: 'yearly' } });
    } finally {
      await old.close();
    }
    // A second database of its own: more time than one request.
  }, 180_000);
});

describe('events recorded by administrators', () => {
  const ev = (body: object) => ({ jurisdiction: '371000', date: '2025-04-01', ...body });
  const record = (user: TestUser, event: object) => t.api('POST', '/api/policy/events', { token: user.token, body: { event } });

  it('loans enter the pool up to 20,000,000 a firm, and a default is compensated at 70%, for the firm to apply', async () => {
    const borrower = { id: w.buyerId, type: 'enterprise', region: '371002' };
    const l1 = await record(w.whAdmin, ev({ id: 'loan-1', type: 'loan_registered', loan: { id: 'loan-1', principal: 1500 * 万 }, borrower, lender: '威海银行' }));
    expect(l1.statusCode).toBe(201);
    expect(l1.json().refusals).toEqual([]);
    const l2 = await record(w.whAdmin, ev({ id: 'loan-2', type: 'loan_registered', loan: { id: 'loan-2', principal: 600 * 万 }, borrower, lender: '威海银行' }));
    expect(l2.json().refusals[0].reason).toContain('已纳入贷款余额 15,000,000.00 元');
    const d = await record(w.whAdmin, ev({ id: 'default-1', type: 'loan_default', date: '2025-10-01', loan: { id: 'loan-1' }, borrower, badPrincipal: 100 * 万 }));
    expect(d.json().entitlements[0]).toMatchObject({ rule: 'wh-15-loan-default', amount: 70 * 万 });
    const d2 = await record(w.whAdmin, ev({ id: 'default-2', type: 'loan_default', date: '2025-10-01', loan: { id: 'loan-2' }, borrower, badPrincipal: 100 * 万 }));
    expect(d2.json().refusals[0].reason).toContain('未纳入风险补偿备案');
    expect((await entitlements(w.buyerOwner)).find((e) => e.rule === 'wh-15-loan-default')).toMatchObject({ amount: 70 * 万, status: 'granted', beneficiaryName: '威海测试企业' });
    // The same event twice, another city's administrator, an unknown type.
    expect((await record(w.whAdmin, ev({ id: 'loan-1', type: 'loan_registered', loan: { id: 'loan-1', principal: 1 }, borrower, lender: 'x' }))).statusCode).toBe(409);
    expect((await record(w.jzAdmin, ev({ id: 'loan-9', type: 'loan_registered', loan: { id: 'loan-9', principal: 1 }, borrower, lender: 'x' }))).statusCode).toBe(403);
    const bad = await record(w.whAdmin, ev({ id: 'x', type: 'loan_forgiven' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail).toContain('未知的事件类型');
  });

  it('晋中 优良率不超过30%: of a year’s 7 agencies evaluated, the third rated 优良 is refused with the counts, also when two are recorded at once', async () => {
    const agencyOwner = await t.factories.user();
    const agencies: string[] = [];
    for (let i = 0; i < 4; i++) agencies.push((await t.factories.organization(agencyOwner, { jurisdictionCode: '140700', type: 'agency', name: `晋中技术转移机构${i}` })).id);
    const evaluation = (i: number, grade: string) => ({ id: `jz-eval-2025-${i}`, type: 'agency_evaluation', date: '2025-12-10', jurisdiction: '140700', agency: { id: agencies[i]!, type: 'agency', region: '140702' }, year: 2025, scheme: 'city', grade, amount: 30 * 万, cohort: 7 });
    // 000-20: only agencies in the pool (入库培育) are evaluated for the reward.
    for (const [i, id] of agencies.entries()) expect((await record(w.jzAdmin, { id: `jz-pool-${i}`, type: 'agency_pooled', date: '2025-01-10', jurisdiction: '140700', agency: { id, type: 'agency', region: '140702' } })).json().refusals).toEqual([]);
    const first = await record(w.jzAdmin, evaluation(0, 'excellent'));
    expect(first.json().entitlements[0]).toMatchObject({ rule: 'jz-20-agency-evaluation', amount: 30 * 万 });
    // Two administrators record the second and third 优良 at the same moment: only one fits 30% of 7.
    const [a, b] = await Promise.all([record(w.jzAdmin, evaluation(1, 'good')), record(await t.factories.admin('140700'), evaluation(2, 'excellent'))]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const lines = [a.json(), b.json()];
    expect(lines.filter((l) => l.entitlements.length === 1)).toHaveLength(1);
    const refused = lines.find((l) => l.entitlements.length === 0)!;
    expect(refused.refusals[0].reason).toContain('优秀、良好率不超过 30%，2025 年参评 7 家，优秀、良好至多 2 家，已评定 2 家');
    // A 合格 is counted but never rewarded; the entitlements are the two within the share.
    expect((await record(w.jzAdmin, evaluation(3, 'pass'))).json().refusals[0].reason).toContain('评价结果为pass');
    const got = (await entitlements(agencyOwner)).filter((e) => e.rule === 'jz-20-agency-evaluation');
    expect(got.map((e) => e.amount)).toEqual([30 * 万, 30 * 万]);
  });

  it('a two-way conversion challenge: the commitment is fixed at award and paid by milestones, never beyond it', async () => {
    const poser = { id: w.buyerId, type: 'enterprise', region: '371002' };
    const solver = { id: w.uniId, type: 'university', region: '371002' };
    const award = await record(w.whAdmin, ev({ id: 'tw-award', type: 'challenge_awarded', challenge: { id: 'tw-9', scheme: 'two_way', kind: 'conversion', bounty: 1000 * 万 }, poser, solver }));
    expect(award.json().entitlements[0]).toMatchObject({ beneficiary: w.uniId, amount: 0, committed: 200 * 万 });
    const m = (id: string, share: number) => record(w.whAdmin, ev({ id, type: 'challenge_milestone', date: '2025-09-01', challenge: { id: 'tw-9' }, milestone: id, share }));
    expect((await m('m1', 0.5)).json().entitlements[0]).toMatchObject({ amount: 100 * 万, committed: 200 * 万 });
    expect((await m('m2', 0.6)).json().entitlements[0]).toMatchObject({ amount: 100 * 万, cap: { kind: 'commitment' } });
    expect((await m('m3', 0.1)).json().refusals[0].reason).toContain('承诺额已全部拨付');
    const uni = (await entitlements(w.uniOwner)).filter((e) => e.rule === 'wh-5-two-way-conversion');
    expect(uni.map((e) => e.amount).sort((a, b) => a - b)).toEqual([0, 100 * 万, 100 * 万]);
  });
});


describe('records administrators make in forms (登记事项)', () => {
  const create = (user: TestUser, body: object) => t.api('POST', '/api/policy/records', { token: user.token, body });

  it('a loan of an early-stage, credit-rated firm enters the pool; its default is compensated at 90%, its interest up to 500,000; entitlements appear for the firm', async () => {
    const owner = await t.factories.user();
    const firmId = (await t.factories.organization(owner, { jurisdictionCode: '371000', type: 'enterprise', name: '威海初创企业' })).id;
    const loan = await create(w.whAdmin, { kind: 'loan_registered', jurisdiction: '371000', date: '2025-03-01', organizationId: firmId, loanId: 'WHB-2025-0301', principal: 800 * 万, lender: '威海银行', earlyStage: true, creditRated: true });
    expect(loan.statusCode).toBe(201);
    expect(loan.json()).toMatchObject({ kind: 'loan_registered', organizationName: '威海初创企业', subject: 'WHB-2025-0301', line: { refusals: [] } });
    const again = await create(w.whAdmin, { kind: 'loan_registered', jurisdiction: '371000', date: '2025-03-02', organizationId: firmId, loanId: 'WHB-2025-0301', principal: 1, lender: '威海银行' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ detail: '贷款 WHB-2025-0301 已登记过', errors: [{ path: 'loanId' }] });

    const bad = await create(w.whAdmin, { kind: 'loan_default', jurisdiction: '371000', date: '2025-10-01', loanId: 'WHB-2025-0301', badPrincipal: 100 * 万 });
    expect(bad.statusCode).toBe(201);
    expect(bad.json().line.entitlements[0]).toMatchObject({ rule: 'wh-15-loan-default', beneficiary: firmId, amount: 90 * 万, rate: 9000 });
    const interest = await create(w.whAdmin, { kind: 'loan_interest', jurisdiction: '371000', date: '2025-12-01', loanId: 'WHB-2025-0301', interest: 60 * 万 });
    expect(interest.json().line.entitlements[0]).toMatchObject({ rule: 'wh-15-loan-interest', amount: 50 * 万, cap: { kind: 'total' } });
    const unknown = await create(w.whAdmin, { kind: 'loan_interest', jurisdiction: '371000', date: '2025-12-01', loanId: 'NOPE-1', interest: 1 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ detail: '本辖区没有登记过贷款 NOPE-1，请先登记贷款纳入风险补偿', errors: [{ path: 'loanId' }] });
    const typed = await create(w.whAdmin, { kind: 'loan_interest', jurisdiction: '371000', date: '2025-12-01', loanId: 'WHB-2025-0301', interest: 12.5 });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().errors[0]).toMatchObject({ path: 'interest', message: '金额须为大于 0 的整数“分”' });

    const got = await entitlements(owner);
    expect(got.map((e) => [e.rule, e.amount, e.status]).sort()).toEqual([
      ['wh-15-loan-default', 90 * 万, 'granted'],
      ['wh-15-loan-interest', 50 * 万, 'granted'],
    ]);
    expect(got[0]!.requiredDocuments).toContain('贷款合同');
  });

  it('an agency’s evaluation and recognition, a decided award and a researcher’s income each raise their event; refusals name the field', async () => {
    const owner = await t.factories.user();
    const agencyId = (await t.factories.organization(owner, { jurisdictionCode: '371000', type: 'agency', name: '威海技术转移中心' })).id;
    const evaluation = await create(w.whAdmin, { kind: 'agency_evaluation', jurisdiction: '371000', date: '2025-12-05', organizationId: agencyId, year: 2025, scheme: 'city', grade: 'excellent' });
    expect(evaluation.json().line.entitlements[0]).toMatchObject({ rule: 'wh-9-agency-evaluation', amount: 10 * 万 });
    const recognised = await create(w.whAdmin, { kind: 'agency_recognised', jurisdiction: '371000', date: '2025-06-01', organizationId: agencyId, level: 'provincial' });
    expect(recognised.json().line.entitlements[0]).toMatchObject({ rule: 'wh-9-agency-recognised', amount: 10 * 万 });
    const notAgency = await create(w.whAdmin, { kind: 'agency_evaluation', jurisdiction: '371000', date: '2025-12-05', organizationId: w.buyerId, year: 2025, scheme: 'city', grade: 'good' });
    expect(notAgency.statusCode).toBe(422);
    expect(notAgency.json()).toMatchObject({ detail: '“威海测试企业”不是技术转移服务机构，不能登记机构的评价、认定、入库或净收入', errors: [{ path: 'organizationId' }] });
    const award = await create(w.whAdmin, { kind: 'evaluated_award', jurisdiction: '371000', date: '2025-11-01', organizationId: w.buyerId, scheme: 'wh_pilot_base', amount: 80 * 万 });
    expect(award.json().line.entitlements[0]).toMatchObject({ rule: 'wh-6-pilot-base', amount: 50 * 万, cap: { kind: 'item' } });
    expect((await entitlements(owner)).map((e) => e.rule).sort()).toEqual(['wh-9-agency-evaluation', 'wh-9-agency-recognised']);

    // 晋中: a researcher's equal reward, applied for by the university.
    const uniOwner = await t.factories.user();
    const uniId = (await t.factories.organization(uniOwner, { jurisdictionCode: '140700', type: 'university', name: '晋中测试学院' })).id;
    const income = await create(w.jzAdmin, { kind: 'researcher_income', jurisdiction: '140700', date: '2025-07-01', organizationId: uniId, researcherName: '李慧', localFiscalContribution: 3 * 万 });
    expect(income.json().line.entitlements[0]).toMatchObject({ rule: 'jz-13-researcher-reward', amount: 3 * 万 });
    expect(await entitlements(uniOwner)).toEqual([expect.objectContaining({ rule: 'jz-13-researcher-reward', beneficiaryName: '李慧（晋中测试学院）', amount: 3 * 万 })]);

    // 晋中 000-20: an agency enters the pool, then its evaluations within the 3-year term are rewarded; one not pooled is refused.
    const jzAgencyOwner = await t.factories.user();
    const jzAgency = (await t.factories.organization(jzAgencyOwner, { jurisdictionCode: '140700', type: 'agency', name: '晋中入库机构' })).id;
    // (Evaluations dated from the day the pool came into 晋中's rules, version 3.)
    const jzEval = (year: number) => create(w.jzAdmin, { kind: 'agency_evaluation', jurisdiction: '140700', date: `${year}-12-20`, organizationId: jzAgency, year, scheme: 'city', grade: 'excellent', amount: 20 * 万, cohort: 10 });
    expect((await jzEval(2026)).json().line.refusals[0].reason).toContain('机构未入库培育');
    // An entry recorded now for the day the agency entered, before the pool came into the rules, counts with the pool's term.
    const pooled = await create(w.jzAdmin, { kind: 'agency_pooled', jurisdiction: '140700', date: '2026-03-01', organizationId: jzAgency });
    expect(pooled.statusCode).toBe(201);
    expect(pooled.json()).toMatchObject({ kind: 'agency_pooled', organizationName: '晋中入库机构', subject: '2026', line: { refusals: [] } });
    expect((await create(w.jzAdmin, { kind: 'agency_pooled', jurisdiction: '140700', date: '2027-03-01', organizationId: jzAgency })).json().line.refusals[0].reason).toContain('培育有效期（评估年度 2026–2028 年）未满');
    expect((await jzEval(2027)).json().line.entitlements[0]).toMatchObject({ rule: 'jz-20-agency-evaluation', amount: 20 * 万 });
    expect((await jzEval(2029)).json().line.refusals[0].reason).toContain('2029 年不在有效期内');
    expect((await create(w.jzAdmin, { kind: 'agency_pooled', jurisdiction: '140700', date: '2024-03-01', organizationId: uniId })).json()).toMatchObject({ errors: [{ path: 'organizationId' }] });

    // 晋中 000-20: an agency's net transfer income from a deal converted in 晋中 gets 10%, in a form; converted elsewhere it is refused with the reason.
    const netIncome = { kind: 'agency_income', jurisdiction: '140700', date: '2026-05-01', organizationId: jzAgency, contractNumber: 'JZ-2026-017', contractKind: 'transfer', netIncome: 80 * 万, convertedIn: '140702' };
    const incomeRecord = await create(w.jzAdmin, netIncome);
    expect(incomeRecord.statusCode).toBe(201);
    expect(incomeRecord.json()).toMatchObject({ kind: 'agency_income', subject: 'JZ-2026-017', line: { entitlements: [{ rule: 'jz-20-agency-net-income', beneficiary: jzAgency, amount: 8 * 万 }] } });
    expect((await entitlements(jzAgencyOwner)).map((e) => [e.rule, e.amount])).toContainEqual(['jz-20-agency-net-income', 8 * 万]);
    expect((await create(w.jzAdmin, { ...netIncome, contractNumber: 'JZ-2026-018', convertedIn: '371002' })).json().line.refusals[0].reason).toContain('成果在威海市环翠区转化，不在本辖区（晋中市）');
    expect((await create(w.jzAdmin, { ...netIncome, organizationId: uniId })).json()).toMatchObject({ detail: '“晋中测试学院”不是技术转移服务机构，不能登记机构的评价、认定、入库或净收入', errors: [{ path: 'organizationId' }] });
    // Where it was converted must be a region that exists: six digits of none are refused on the field.
    const nowhere = await create(w.jzAdmin, { ...netIncome, contractNumber: 'JZ-2026-019', convertedIn: '140799' });
    expect(nowhere.statusCode).toBe(422);
    expect(nowhere.json().errors[0]).toMatchObject({ path: 'convertedIn', message: expect.stringContaining('成果转化地 140799 不是 GB/T 2260 中的行政区划') });
    const badKind = await create(w.jzAdmin, { ...netIncome, contractKind: 'lease' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().errors[0]).toMatchObject({ path: 'contractKind', message: '请选择合同类型（技术开发、转让、许可、咨询或服务）' });

    // 沈阳 003-3: a government stake exits; the owner gets the appreciation above principal + bank interest.
    const syOwner = await t.factories.user();
    const syUni = (await t.factories.organization(syOwner, { jurisdictionCode: '210100', type: 'university', name: '沈阳成果所有人' })).id;
    const stake = { kind: 'stake_exit', jurisdiction: '210100', date: '2027-01-01', organizationId: syUni, stakeId: 'SY-GS-1', principal: 1000 * 万, investedOn: '2025-01-01', exitValue: 1500 * 万, bankRateBp: 300 };
    const syAdmin = await t.factories.admin('210100');
    const exit = await create(syAdmin, stake);
    expect(exit.statusCode).toBe(201);
    expect(exit.json().line.entitlements[0]).toMatchObject({ rule: 'sy-3-government-stake', beneficiary: syUni, amount: 440 * 万 });
    expect(await entitlements(syOwner)).toEqual([expect.objectContaining({ rule: 'sy-3-government-stake', amount: 440 * 万, requiredDocuments: ['政府投资退出协议', '股权价值评估报告'] })]);
    const early = await create(syAdmin, { ...stake, stakeId: 'SY-GS-2', investedOn: '2028-01-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ detail: '投资日期不能晚于退出日期', errors: [{ path: 'investedOn' }] });
    const rate = await create(syAdmin, { ...stake, stakeId: 'SY-GS-3', bankRateBp: 10_001 });
    expect(rate.json().errors[0]).toMatchObject({ path: 'bankRateBp', message: '同期银行利率须为 0–10000 个基点（0%–100%）' });

    // Who may: another city's administrator and a member are refused; an unknown kind is refused by name.
    expect((await create(w.jzAdmin, { kind: 'agency_recognised', jurisdiction: '371000', date: '2025-06-01', organizationId: agencyId, level: 'provincial' })).statusCode).toBe(403);
    expect((await create(owner, { kind: 'agency_recognised', jurisdiction: '371000', date: '2025-06-01', organizationId: agencyId, level: 'provincial' })).statusCode).toBe(403);
    const kind = await create(w.whAdmin, { kind: 'loan_forgiven', jurisdiction: '371000', date: '2025-06-01' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0].message).toBe('未知的登记事项类型');

    // The administrators' lists: 威海's sees its records (with what came of them), 晋中's its own.
    const mine = await t.api('GET', '/api/policy/records?kind=agency_evaluation', { token: w.whAdmin.token });
    expect(mine.json().items.map((r: { organizationName: string }) => r.organizationName)).toContain('威海技术转移中心');
    const jz = await t.api('GET', '/api/policy/records', { token: w.jzAdmin.token });
    expect(jz.json().items.every((r: { jurisdiction: string }) => r.jurisdiction.startsWith('1407'))).toBe(true);
    expect((await t.api('GET', '/api/policy/records', { token: owner.token })).statusCode).toBe(403);
  });
});

describe('challenges raise the policy engine’s events', () => {
  it('an award of a 沈阳 揭榜挂帅 challenge pre-funds the poser half of the winning plan, capped at 300 万', async () => {
    const poserOwner = await t.factories.user();
    const solverOwner = await t.factories.user();
    const poserId = (await t.factories.organization(poserOwner, { jurisdictionCode: '210100', type: 'enterprise', name: '沈阳揭榜企业' })).id;
    const solverId = (await t.factories.organization(solverOwner, { jurisdictionCode: '210100', type: 'university', name: '沈阳揭榜大学' })).id;
    const bidId = randomUUID();
    const award = { challenge: { id: randomUUID(), scheme: 'jiebang_guashuai', kind: null, bounty: null }, poserOrganizationId: poserId, solverOrganizationIds: [solverId], bids: [{ bidId, organizationId: solverId, budget: 800 * 万 }], jurisdictionCode: '210100', date: '2026-03-01' };
    await publish(t.database.db, challengeAwarded, award);
    await deliver();
    // The same award delivered again grants nothing more.
    await deliver();
    const granted = (await entitlements(poserOwner)).filter((e) => e.rule === 'sy-13-jiebang-prefunding');
    expect(granted.map((e) => e.amount)).toEqual([300 * 万]);
    expect(await entitlements(solverOwner)).toEqual([]);
  });
});

/**
 * The challenges module's own events (as its service publishes them on award, on each accepted milestone and on
 * acceptance), delivered to the policy handlers by the job runner: what the platform pays for real challenges.
 */
describe('challenge events through the policy handlers (award → milestones → acceptance)', () => {
  async function org(jurisdictionCode: string, type: 'enterprise' | 'university', name: string) {
    const owner = await t.factories.user();
    return { owner, id: (await t.factories.organization(owner, { jurisdictionCode, type, name: `${name}${randomUUID().slice(0, 6)}` })).id };
  }
  const awarded = (c: { id: string; scheme: string; kind: string | null; bounty: number | null }, poser: string, bids: { bidId: string; organizationId: string; budget: number }[], jurisdictionCode: string) =>
    publish(t.database.db, challengeAwarded, { challenge: c, title: '揭榜项目', poserOrganizationId: poser, solverOrganizationIds: bids.map((b) => b.organizationId), bids, jurisdictionCode, date: '2026-03-01' });
  const milestone = (challengeId: string, bid: { bidId: string; organizationId: string; budget: number }, poser: string, n: number, shareBp: number, jurisdictionCode = '371000') =>
    publish(t.database.db, challengeMilestoneAccepted, {
      challengeId,
      scheme: 'two_way',
      bidId: bid.bidId,
      solverOrganizationId: bid.organizationId,
      poserOrganizationId: poser,
      milestone: n,
      share: shareBp / 10_000,
      shareBp,
      amount: Math.floor((bid.budget * shareBp) / 10_000),
      jurisdictionCode,
      date: '2026-06-01',
    });
  const accepted = (c: { id: string; scheme: string; kind: string | null }, poser: string, bid: { bidId: string; organizationId: string; budget: number }, jurisdictionCode = '371000') =>
    publish(t.database.db, challengeAccepted, { challenge: c, poserOrganizationId: poser, solverOrganizationId: bid.organizationId, bidId: bid.bidId, demandId: null, dealAmount: bid.budget, jurisdictionCode, date: '2026-09-01' });
  const amounts = async (user: TestUser, rule: string) => (await entitlements(user, '?scope=mine')).filter((e) => e.rule === rule).map((e) => [e.amount, e.committed]).sort((a, b) => a[0]! - b[0]!);

  it('威海 two-way conversion: the commitment fixed at award (the award names each winning bid as its contract) is paid by that bid’s milestones, never beyond it', async () => {
    const poser = await org('371000', 'enterprise', '威海发榜企业');
    const [a, b] = [await org('371000', 'university', '威海揭榜大学'), await org('371000', 'university', '威海揭榜研究院')];
    const c = { id: randomUUID(), scheme: 'two_way', kind: 'conversion', bounty: 1000 * 万 };
    const bidA = { bidId: randomUUID(), organizationId: a.id, budget: 800 * 万 };
    const bidB = { bidId: randomUUID(), organizationId: b.id, budget: 600 * 万 };
    await awarded(c, poser.id, [bidA, bidB], '371000');
    await deliver();
    // 20% of the 1,000 万 bounty, ≤ 200 万: fixed at award, nothing payable yet.
    expect(await amounts(a.owner, 'wh-5-two-way-conversion')).toEqual([[0, 200 * 万]]);
    expect(await amounts(b.owner, 'wh-5-two-way-conversion')).toEqual([[0, 200 * 万]]);
    // A's three milestones (the shares the challenges module gives them) pay A's commitment and only A's.
    for (const [n, bp] of [[1, 3000], [2, 3333], [3, 3667]] as const) await milestone(c.id, bidA, poser.id, n, bp);
    await milestone(c.id, bidB, poser.id, 1, 5000);
    await deliver();
    const paidA = await amounts(a.owner, 'wh-5-two-way-conversion');
    expect(paidA).toEqual([[0, 200 * 万], [60 * 万, 200 * 万], [66_660_000, 200 * 万], [73_340_000, 200 * 万]]);
    expect(paidA.reduce((s, [x]) => s + x!, 0)).toBe(200 * 万);
    expect(await amounts(b.owner, 'wh-5-two-way-conversion')).toEqual([[0, 200 * 万], [100 * 万, 200 * 万]]);
    // A fourth milestone of A finds nothing left; the same milestone delivered again pays nothing more.
    await milestone(c.id, bidA, poser.id, 4, 1000);
    await deliver();
    await deliver();
    expect(await amounts(a.owner, 'wh-5-two-way-conversion')).toHaveLength(4);
    const line = await t.database.db.select({ line: policyComputedEvents.line }).from(policyComputedEvents).where(sql`${policyComputedEvents.engineEvent}->>'id' = ${`challenge.milestone:${c.id}:${bidA.bidId}:4`}`);
    expect(JSON.stringify(line[0]!.line)).toContain('承诺额已全部拨付');
    // Acceptance of a conversion challenge pays no breakthrough subsidy.
    await accepted(c, poser.id, bidA);
    await deliver();
    expect(await amounts(poser.owner, 'wh-5-two-way-breakthrough')).toEqual([]);
  });

  it('威海 two-way breakthrough: 20% of the deal to the poser after acceptance, ≤ 50 万', async () => {
    const poser = await org('371000', 'enterprise', '威海攻关企业');
    const solver = await org('371000', 'university', '威海攻关大学');
    const small = { id: randomUUID(), scheme: 'two_way', kind: 'breakthrough', bounty: 200 * 万 };
    const large = { id: randomUUID(), scheme: 'two_way', kind: 'breakthrough', bounty: 2000 * 万 };
    const bidSmall = { bidId: randomUUID(), organizationId: solver.id, budget: 100 * 万 };
    const bidLarge = { bidId: randomUUID(), organizationId: solver.id, budget: 1000 * 万 };
    await awarded(small, poser.id, [bidSmall], '371000');
    await awarded(large, poser.id, [bidLarge], '371000');
    await deliver();
    // Nothing is fixed at award for a breakthrough ("事后补助").
    expect(await entitlements(poser.owner, '?scope=mine')).toEqual([]);
    await accepted(small, poser.id, bidSmall);
    await accepted(large, poser.id, bidLarge);
    await deliver();
    expect(await amounts(poser.owner, 'wh-5-two-way-breakthrough')).toEqual([[20 * 万, null], [50 * 万, null]]);
    expect(await entitlements(solver.owner, '?scope=mine')).toEqual([]);
  });

  it('沈阳 揭榜挂帅: the poser is pre-funded 50% of each winning plan’s development contract at award, ≤ 300 万 a contract', async () => {
    const poser = await org('210100', 'enterprise', '沈阳发榜企业');
    const [a, b] = [await org('210100', 'university', '沈阳揭榜甲'), await org('210100', 'university', '沈阳揭榜乙')];
    const c = { id: randomUUID(), scheme: 'jiebang_guashuai', kind: null, bounty: 1500 * 万 };
    await awarded(c, poser.id, [{ bidId: randomUUID(), organizationId: a.id, budget: 400 * 万 }, { bidId: randomUUID(), organizationId: b.id, budget: 900 * 万 }], '210100');
    await deliver();
    const got = (await entitlements(poser.owner, '?scope=mine')).filter((e) => e.rule === 'sy-13-jiebang-prefunding');
    expect(got.map((e) => e.amount).sort((x, y) => x - y)).toEqual([200 * 万, 300 * 万]);
    expect(got.every((e) => e.committed === null && e.beneficiaryOrganizationId === poser.id)).toBe(true);
    expect(await entitlements(a.owner, '?scope=mine')).toEqual([]);
  });
});

describe('威海 004-9: a provincial evaluation recorded in the form counts in the no-stacking ledger', () => {
  it('the city then pays only what is left of its 100,000; the record says so', async () => {
    const owner = await t.factories.user();
    const agency = (await t.factories.organization(owner, { jurisdictionCode: '371000', type: 'agency', name: '威海省级评价机构' })).id;
    const create = (body: object) => t.api('POST', '/api/policy/records', { token: w.whAdmin.token, body });
    const province = await create({ kind: 'agency_evaluation', jurisdiction: '371000', date: '2026-11-20', organizationId: agency, year: 2026, scheme: 'provincial', grade: 'excellent', amount: 7 * 万 });
    expect(province.statusCode, province.body).toBe(201);
    expect(province.json().line).toMatchObject({ entitlements: [], refusals: [], recorded: [{ beneficiary: agency, rule: 'wh-9-agency-evaluation', group: 'wh-agency-evaluation', year: 2026, amount: 7 * 万 }] });
    const city = await create({ kind: 'agency_evaluation', jurisdiction: '371000', date: '2026-12-05', organizationId: agency, year: 2026, scheme: 'city', grade: 'excellent' });
    expect(city.json().line.entitlements[0]).toMatchObject({ rule: 'wh-9-agency-evaluation', amount: 3 * 万, cap: { kind: 'group' } });
    expect(city.json().line.entitlements[0].explanation).toContain('2026 年已获同类资金 70,000.00 元');
    expect((await entitlements(owner, '?scope=mine')).map((e) => [e.rule, e.amount])).toEqual([['wh-9-agency-evaluation', 3 * 万]]);
    // The trial answers the same pair the same way (the command is tested with its own file).
    const trial = await t.api('POST', '/api/policy/trial', {
      token: w.whAdmin.token,
      body: {
        events: [
          { id: 'sd', type: 'agency_evaluation', date: '2026-11-20', jurisdiction: '371000', agency: { id: 'a', type: 'agency', region: '371002' }, year: 2026, scheme: 'provincial', grade: 'excellent', amount: 7 * 万 },
          { id: 'wh', type: 'agency_evaluation', date: '2026-12-05', jurisdiction: '371000', agency: { id: 'a', type: 'agency', region: '371002' }, year: 2026, scheme: 'city', grade: 'excellent' },
        ],
      },
    });
    expect(trial.json().lines[1].entitlements[0]).toMatchObject({ amount: 3 * 万 });
    // A provincial evaluation without the province's amount is refused by field, and counts nothing.
    const none = await create({ kind: 'agency_evaluation', jurisdiction: '371000', date: '2026-11-21', organizationId: agency, year: 2026, scheme: 'provincial', grade: 'good' });
    expect(none.json().line.refusals[0].reason).toContain('未注明省级补助金额（字段 amount）');
  });
});

describe('a researcher’s reward on the university’s “my entitlements”, and paging', () => {
  it('the API names the organisation a beneficiary belongs to; scope=mine lists it for the university, with the total', async () => {
    const uniOwner = await t.factories.user();
    const uniId = (await t.factories.organization(uniOwner, { jurisdictionCode: '140700', type: 'university', name: '晋中科研人员所在学院' })).id;
    const create = (name: string) => t.api('POST', '/api/policy/records', { token: w.jzAdmin.token, body: { kind: 'researcher_income', jurisdiction: '140700', date: '2026-07-01', organizationId: uniId, researcherName: name, localFiscalContribution: 2 * 万 } });
    for (const name of ['张研', '王研', '赵研']) expect((await create(name)).statusCode).toBe(201);
    const page1 = await t.api('GET', '/api/entitlements?scope=mine&pageSize=2&page=1', { token: uniOwner.token });
    const body1 = entitlementsResponse.parse(page1.json());
    expect(body1.total).toBe(3);
    expect(body1.items).toHaveLength(2);
    expect(body1.items[0]).toMatchObject({ beneficiary: expect.stringMatching(new RegExp(`^researcher:${uniId}:`)), beneficiaryOrganizationId: uniId, rule: 'jz-13-researcher-reward' });
    const page2 = entitlementsResponse.parse((await t.api('GET', '/api/entitlements?scope=mine&pageSize=2&page=2', { token: uniOwner.token })).json());
    expect(page2.items.map((e) => e.beneficiaryName)).toHaveLength(1);
    expect(new Set([...body1.items, ...page2.items].map((e) => e.beneficiaryName))).toEqual(new Set(['张研（晋中科研人员所在学院）', '王研（晋中科研人员所在学院）', '赵研（晋中科研人员所在学院）']));
    // The university applies for its researcher's reward.
    const id = body1.items[0]!.id;
    expect((await applyWithDocs(id, uniOwner)).statusCode).toBe(200);
    // An administrator's queue (scope=administered) holds the jurisdiction's; "mine" holds only its organisations' (none for an administrator without one).
    const admin = entitlementsResponse.parse((await t.api('GET', '/api/entitlements?scope=administered&pageSize=100', { token: w.jzAdmin.token })).json());
    expect(admin.items.some((e) => e.id === id)).toBe(true);
    expect(entitlementsResponse.parse((await t.api('GET', '/api/entitlements?scope=mine', { token: w.jzAdmin.token })).json())).toEqual({ items: [], total: 0 });
    // Another city's administrator and a stranger do not see it.
    expect(entitlementsResponse.parse((await t.api('GET', '/api/entitlements?scope=administered&pageSize=100', { token: w.whAdmin.token })).json()).items.some((e) => e.id === id)).toBe(false);
    expect(entitlementsResponse.parse((await t.api('GET', '/api/entitlements', { token: w.stranger.token })).json()).items.some((e) => e.id === id)).toBe(false);
    expect((await t.api('GET', '/api/entitlements?scope=everyone', { token: uniOwner.token })).statusCode).toBe(400);
  });
});

describe('dates that are not on the calendar', () => {
  it('are refused with the field named, by the records form, the recorded event and the trial', async () => {
    const owner = await t.factories.user();
    const agency = (await t.factories.organization(owner, { jurisdictionCode: '371000', type: 'agency', name: '威海日期机构' })).id;
    const form = await t.api('POST', '/api/policy/records', { token: w.whAdmin.token, body: { kind: 'agency_evaluation', jurisdiction: '371000', date: '2025-02-30', organizationId: agency, year: 2025, scheme: 'city', grade: 'good' } });
    expect(form.statusCode).toBe(400);
    expect(form.json().errors[0]).toMatchObject({ path: 'date', message: '日期不存在（如 2 月没有 30 日），请填写日历上的日期 YYYY-MM-DD' });
    const raw = { id: 'feb30', type: 'agency_evaluation', date: '2025-02-30', jurisdiction: '371000', agency: { id: agency, type: 'agency', region: '371000' }, year: 2025, scheme: 'city', grade: 'good' };
    const recorded = await t.api('POST', '/api/policy/events', { token: w.whAdmin.token, body: { event: raw } });
    expect(recorded.statusCode).toBe(422);
    expect(recorded.json().detail).toContain('字段 date：2025-02-30 日期不存在');
    const trial = await t.api('POST', '/api/policy/trial', { token: w.whAdmin.token, body: { events: [raw, { ...raw, id: 'ok', date: '2024-02-29' }] } });
    expect(trial.json().lines[0].refusals[0].reason).toBe('字段 date：2025-02-30 日期不存在（如 2 月没有 30 日），须为日历上的日期 YYYY-MM-DD');
    expect(trial.json().lines[1].refusals).toEqual([]);
    expect(await entitlements(owner)).toEqual([]);
  });
});
