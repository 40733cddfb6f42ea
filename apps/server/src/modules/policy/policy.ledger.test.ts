import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerResponse } from '@kzt/shared';
import { useTestApp } from '../../../test/testApp.ts';
import type { TestUser } from '../../../test/factories.ts';
import { policyBudgets, policyEntitlements } from '../../db/schema/index.ts';

const t = useTestApp();
const 万 = 1_000_000;

type World = { whAdmin: TestUser; jzAdmin: TestUser; firmOwner: TestUser; firmId: string; uniId: string };
const w = {} as World;

/** An entitlement as the engine stores it, in a status, of a beneficiary, a line and a year. */
async function entitlement(o: { beneficiary: string; name: string; status: string; amount: number; year?: number; paidAmount?: number; committed?: number; budgetLine?: string; jurisdiction?: string; rule?: string }) {
  await t.database.db.insert(policyEntitlements).values({
    sourceEventId: randomUUID(),
    eventKey: `e-${randomUUID()}`,
    eventType: 'contract_payment',
    eventDate: `${o.year ?? 2025}-05-01`,
    ruleId: o.rule ?? 'wh-4-buyer',
    ruleTitle: '产学研合作购买方补助',
    jurisdictionCode: o.jurisdiction ?? '371000',
    budgetLine: o.budgetLine ?? 'wh-industry-university',
    year: o.year ?? 2025,
    beneficiaryKey: o.beneficiary,
    beneficiaryOrganizationId: o.beneficiary,
    beneficiaryName: o.name,
    amount: o.amount,
    committed: o.committed ?? null,
    paidAmount: o.paidAmount ?? null,
    base: 100 * 万,
    rateBp: 500,
    item: randomUUID(),
    explanation: '…',
    source: { file: '004_a2c5bfed3da1a70b.txt', item: '4', quote: '5%' },
    status: o.status,
  });
}

beforeAll(async () => {
  const f = t.factories;
  w.whAdmin = await f.admin('371000');
  w.jzAdmin = await f.admin('140700');
  w.firmOwner = await f.user();
  w.firmId = (await f.organization(w.firmOwner, { jurisdictionCode: '371000', name: '台账测试企业' })).id;
  w.uniId = (await f.organization(await f.user(), { jurisdictionCode: '371000', type: 'university', name: '台账测试大学' })).id;
  const firm = { beneficiary: w.firmId, name: '台账测试企业' };
  const uni = { beneficiary: w.uniId, name: '台账测试大学' };
  await entitlement({ ...firm, status: 'granted', amount: 10 * 万 });
  await entitlement({ ...firm, status: 'approved', amount: 5 * 万 });
  await entitlement({ ...firm, status: 'paid', amount: 4 * 万, paidAmount: 3 * 万 });
  await entitlement({ ...firm, status: 'rejected', amount: 7 * 万 });
  await entitlement({ ...firm, status: 'paid', amount: 1 * 万, year: 2026 });
  // Paid, then its contract was terminated: cancelled, the 2万 paid to be recovered.
  await entitlement({ ...uni, status: 'cancelled', amount: 2 * 万, paidAmount: 2 * 万 });
  // A conversion commitment (威海 004-5): nothing payable yet, 200万 pledged.
  await entitlement({ ...uni, status: 'granted', amount: 0, committed: 200 * 万, budgetLine: 'wh-challenge', rule: 'wh-5-conversion' });
  // 晋中's: not in 威海's ledger.
  await entitlement({ ...uni, status: 'granted', amount: 9 * 万, jurisdiction: '140700', budgetLine: 'jz-achievement-output', rule: 'jz-13-university-output' });
  await t.database.db.insert(policyBudgets).values([
    { jurisdictionCode: '371000', budgetLine: 'wh-industry-university', year: 2025, amount: 100 * 万 },
    { jurisdictionCode: '371000', budgetLine: 'wh-agency', year: 2025, amount: 50 * 万 },
  ]);
});

const ledger = async (user: TestUser, query = '') => {
  const res = await t.api('GET', `/api/policy/ledger${query}`, { token: user.token });
  expect(res.statusCode).toBe(200);
  return ledgerResponse.parse(res.json());
};

describe('GET /api/policy/ledger (奖补台账)', () => {
  it('sums per beneficiary and per budget line for a year: owed, pledged, approved, paid, cancelled, to recover', async () => {
    const l = await ledger(w.whAdmin, '?year=2025');
    expect(l.year).toBe(2025);
    // Owed: 10 + 5 + 4 (+0 for the commitment); approved counts the paid one at what was paid (3).
    expect(l.totals).toEqual({ committed: 19 * 万, pledged: 200 * 万, approved: 8 * 万, paid: 3 * 万, cancelled: 2 * 万, toRecover: 2 * 万, count: 6 });
    expect(l.byBeneficiary.map((b) => [b.beneficiaryName, b.committed, b.approved, b.paid, b.count])).toEqual([
      ['台账测试企业', 19 * 万, 8 * 万, 3 * 万, 4],
      ['台账测试大学', 0, 0, 0, 2],
    ]);
    expect(l.byBeneficiary[1]).toMatchObject({ beneficiary: w.uniId, beneficiaryOrganizationId: w.uniId, pledged: 200 * 万, cancelled: 2 * 万, toRecover: 2 * 万 });
    // Each line with its year's budget; a line with a budget and nothing granted shows too; one without a budget says null.
    expect(l.byBudgetLine.map((b) => [b.budgetLine, b.year, b.budget, b.committed, b.approved, b.paid])).toEqual([
      ['wh-agency', 2025, 50 * 万, 0, 0, 0],
      ['wh-challenge', 2025, null, 0, 0, 0],
      ['wh-industry-university', 2025, 100 * 万, 19 * 万, 8 * 万, 3 * 万],
    ]);
    expect(l.byBudgetLine[2]!.budgetLineName.zh).toBe('产学研合作补助（威海 4）');
    expect(l.total).toBe(6);
  });

  it('every year when none is asked; 2026 alone', async () => {
    expect((await ledger(w.whAdmin)).totals).toMatchObject({ committed: 20 * 万, paid: 4 * 万, count: 7 });
    const y = await ledger(w.whAdmin, '?year=2026');
    expect(y.totals).toMatchObject({ committed: 1 * 万, approved: 1 * 万, paid: 1 * 万, count: 1 });
    expect(y.byBudgetLine.map((b) => [b.budgetLine, b.year])).toEqual([['wh-industry-university', 2026]]);
  });

  it('drills from a beneficiary to its entitlements, paged; and from a budget line', async () => {
    const first = await ledger(w.whAdmin, `?year=2025&beneficiary=${w.firmId}&pageSize=3`);
    expect(first.total).toBe(4);
    expect(first.items).toHaveLength(3);
    expect(first.items.every((e) => e.beneficiary === w.firmId && e.year === 2025)).toBe(true);
    const second = await ledger(w.whAdmin, `?year=2025&beneficiary=${w.firmId}&pageSize=3&page=2`);
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(4);
    // The sums stay the jurisdiction's while the detail narrows.
    expect(first.byBeneficiary).toHaveLength(2);
    const line = await ledger(w.whAdmin, '?budgetLine=wh-challenge');
    expect(line.items.map((e) => [e.rule, e.committed])).toEqual([['wh-5-conversion', 200 * 万]]);
  });

  it('an administrator sees only their jurisdictions: 晋中 sees its own', async () => {
    const jz = await ledger(w.jzAdmin);
    expect(jz.totals).toMatchObject({ committed: 9 * 万, count: 1 });
    expect(jz.byBudgetLine.map((b) => b.jurisdiction)).toEqual(['140700']);
    expect(jz.items.map((e) => e.jurisdiction)).toEqual(['140700']);
    // 威海 narrowed to itself by name.
    expect((await ledger(w.whAdmin, '?jurisdiction=371000')).totals.count).toBe(7);
  });

  it('refuses: not signed in 401; a member of an organisation 403; another jurisdiction 403; a bad year or page size 400', async () => {
    expect((await t.api('GET', '/api/policy/ledger')).statusCode).toBe(401);
    expect((await t.api('GET', '/api/policy/ledger', { token: w.firmOwner.token })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/policy/ledger?jurisdiction=140700', { token: w.whAdmin.token })).statusCode).toBe(403);
    const year = await t.api('GET', '/api/policy/ledger?year=25', { token: w.whAdmin.token });
    expect(year.statusCode).toBe(400);
    expect(year.json().errors[0].path).toBe('year');
    expect((await t.api('GET', '/api/policy/ledger?pageSize=1000', { token: w.whAdmin.token })).statusCode).toBe(400);
    expect((await t.api('GET', '/api/policy/ledger?jurisdiction=37', { token: w.whAdmin.token })).statusCode).toBe(400);
  });

  it('the Excel ledger takes the same year', async () => {
    const res = await t.api('GET', '/api/policy/ledger.xlsx?year=2026', { token: w.whAdmin.token });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const detail = wb.getWorksheet('奖补明细')!.getSheetValues().slice(2) as unknown[][];
    expect(detail).toHaveLength(1);
    expect(detail[0]).toContain(2026);
    // No budget of 2026: the budget sheet is empty.
    expect(wb.getWorksheet('按预算科目')!.rowCount).toBe(1);
    expect((await t.api('GET', '/api/policy/ledger.xlsx?jurisdiction=140700', { token: w.whAdmin.token })).statusCode).toBe(403);
  });
});
