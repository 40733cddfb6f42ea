import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { shanghaiToday, REVIEW_CHECKLIST } from '@kzt/shared';
import { auditEvents, contracts, domainEvents, registrationCounters } from '../../db/schema/index.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { platformRunner } from '../../runner.ts';
import { publishedAchievement } from '../../../test/catalogueFixtures.ts';
import { attachSignedContract } from '../../../test/contractDocuments.ts';
import { multipartFile, tinyPdf } from '../../../test/matrix/attachments.rows.ts';
import { addDays, classifyContract, regionPathOf } from './contracts.classify.ts';

const t = useTestApp();
const today = shanghaiToday();

/** Point codes are two digits, unique in a jurisdiction: each world of this file takes the next one. */
let nextPoint = 10;

/** A university seller in 晋中 (140700) with its owner, a buyer enterprise in 威海 (371000), the 晋中 administrator and a point of 晋中 with its staff. */
async function world() {
  const owner = await t.factories.user();
  const seller = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700' });
  const buyerOwner = await t.factories.user();
  const buyer = await t.factories.organization(buyerOwner, { type: 'enterprise', jurisdictionCode: '371000' });
  const admin = await t.factories.admin('140700');
  const staff = await t.factories.user();
  const outsider = await t.factories.user();
  const code = String(nextPoint++);
  const point = await t.api('POST', '/api/jurisdictions/140700/registration-points', { token: admin.token, body: { code, name: `晋中市技术合同登记点${code}`, staffUserIds: [staff.id] } });
  expect(point.statusCode).toBe(201);
  return { owner, seller, buyerOwner, buyer, admin, staff, outsider, pointId: point.json().id as string, pointCode: code };
}

const body = (w: Awaited<ReturnType<typeof world>>, over: Record<string, unknown> = {}) => ({
  kind: 'transfer',
  subkind: 'patent',
  title: '一种煤矸石综合利用方法专利权转让合同',
  contractNo: `HT-${Math.random().toString(36).slice(2, 8)}`,
  signedOn: addDays(today, -3),
  validUntil: addDays(today, 365),
  seller: { organizationId: w.seller.id },
  buyer: { organizationId: w.buyer.id },
  contractAmount: 1_000_000_00,
  technologyAmount: 900_000_00,
  deductions: [{ item: '设备', amount: 100_000_00 }],
  expectedInvestment: 5_000_000_00,
  expectedOutput: 20_000_000_00,
  payments: [{ dueOn: addDays(today, 30), amount: 1_000_000_00 }],
  ...over,
});

describe('classification', () => {
  it('places each party by its region code and classifies against every jurisdiction above them', () => {
    expect(regionPathOf('140702')).toBe('140000/140700/140702');
    expect(regionPathOf('370000')).toBe('370000');
    expect(classifyContract('140000/140700', '370000/371000')).toEqual([
      { jurisdictionCode: '140000', absorbed: false, output: true, input: false },
      { jurisdictionCode: '140700', absorbed: false, output: true, input: false },
      { jurisdictionCode: '370000', absorbed: false, output: false, input: true },
      { jurisdictionCode: '371000', absorbed: false, output: false, input: true },
    ]);
    // Both in 山西, the buyer elsewhere in the province: absorbed by 山西, output of 晋中, input of 太原 — never two at once
    // (the statistics dashboard's rule, contractFlows).
    expect(classifyContract('140000/140700', '140000/140100')).toEqual([
      { jurisdictionCode: '140000', absorbed: true, output: false, input: false },
      { jurisdictionCode: '140700', absorbed: false, output: true, input: false },
      { jurisdictionCode: '140100', absorbed: false, output: false, input: true },
    ]);
  });
});

describe('a technology contract', () => {
  it('is refused with the field and the rule when its figures do not hold, and nothing is stored', async () => {
    const w = await world();
    const refuse = async (over: Record<string, unknown>) => {
      const r = await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, over) });
      return { status: r.statusCode, path: r.json().errors?.[0]?.path as string, message: r.json().errors?.[0]?.message as string };
    };
    expect(await refuse({ technologyAmount: 950_000_00 })).toMatchObject({ status: 422, path: 'technologyAmount', message: expect.stringContaining('90 万元') });
    expect(await refuse({ technologyAmount: 1_100_000_00, deductions: [] })).toMatchObject({ status: 422, path: 'technologyAmount' });
    expect(await refuse({ deductions: [{ item: '设备', amount: 2_000_000_00 }], technologyAmount: 0 })).toMatchObject({ status: 422, path: 'deductions' });
    expect(await refuse({ contractAmount: -1 })).toMatchObject({ status: 400, path: 'contractAmount' });
    expect(await refuse({ contractAmount: 100.5 })).toMatchObject({ status: 400, path: 'contractAmount' });
    expect(await refuse({ payments: [{ dueOn: today, amount: 1_000_000_01 }] })).toMatchObject({ status: 422, path: 'payments' });
    expect(await refuse({ signedOn: addDays(today, 1) })).toMatchObject({ status: 422, path: 'signedOn' });
    expect(await refuse({ subkind: 'training' })).toMatchObject({ status: 422, path: 'subkind' });
    expect(await refuse({ buyer: { organizationId: w.seller.id } })).toMatchObject({ status: 422, path: 'buyer' });
    expect(await refuse({ buyer: { name: '某公司', creditCode: '', region: '37', entityType: 'enterprise' } })).toMatchObject({ status: 400, path: 'buyer.region' });
    // Six digits that name no GB/T 2260 region (nor 北京's 市辖区 grouping 110100) are refused on the field, saying so.
    expect(await refuse({ buyer: { name: '某公司', creditCode: '', region: '149999', entityType: 'enterprise' } })).toMatchObject({ status: 422, path: 'buyer.region', message: expect.stringContaining('所在地区代码 149999 不是 GB/T 2260 中的行政区划') });
    expect(await refuse({ buyer: { name: '某公司', creditCode: '', region: '110100', entityType: 'enterprise' } })).toMatchObject({ status: 422, path: 'buyer.region' });
    // A party that is neither shape is told what either shape needs, on the party's field.
    expect(await refuse({ seller: {} })).toMatchObject({ status: 400, path: 'seller', message: '请选择平台内的单位，或填写单位名称、所在地区代码和主体类型' });
    // Someone outside the seller cannot enter its contract.
    expect((await t.api('POST', '/api/contracts', { token: w.outsider.token, body: body(w) })).statusCode).toBe(403);
    expect(await t.database.db.select().from(contracts).where(eq(contracts.sellerOrganizationId, w.seller.id))).toEqual([]);
  });

  it('is entered, submitted at a point of the seller’s region, registered with a structured number, verified publicly, paid, amended and terminated', async () => {
    const w = await world();
    const created = await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { buyer: { name: '威海某机械有限公司', creditCode: '91371000MA3C000001', region: '371002', entityType: 'enterprise' } }) });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ status: 'draft', seller: { organizationId: w.seller.id, region: '140700', entityType: 'university' }, buyer: { organizationId: null, region: '371002', regionName: '环翠区' }, allowedActions: ['update', 'submit', 'recordPayment', 'addDocument'] });
    expect(c.classification).toContainEqual({ jurisdictionCode: '140700', jurisdictionName: '晋中市', absorbed: false, output: true, input: false });
    // 环翠区 (371002) is no jurisdiction of the platform: named by GB/T 2260 all the same.
    expect(c.classification).toContainEqual({ jurisdictionCode: '371002', jurisdictionName: '环翠区', absorbed: false, output: false, input: true });
    const path = `/api/contracts/${c.id}`;
    expect((await t.api('GET', path, { token: w.outsider.token })).statusCode).toBe(404);
    expect((await t.api('GET', path, { token: w.admin.token })).statusCode).toBe(200);
    const mine = (await t.api('GET', '/api/contracts?kind=transfer', { token: w.owner.token })).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await t.api('GET', `/api/contracts?scope=jurisdiction&year=${today.slice(0, 4)}&party=威海某机械`, { token: w.admin.token })).json().total).toBe(1);

    // A point of another region is refused, and the window closes 30 days after signing (a jurisdiction setting).
    const weihaiAdmin = await t.factories.admin('371000');
    const foreign = (await t.api('POST', '/api/jurisdictions/371000/registration-points', { token: weihaiAdmin.token, body: { code: '01', name: '威海市登记点' } })).json();
    const outside = await t.api('POST', `${path}/submit`, { token: w.owner.token, body: { pointId: foreign.id ?? w.pointId } });
    if (foreign.id) expect(outside.json()).toMatchObject({ status: 422, errors: [{ path: 'pointId' }] });
    expect((await t.api('PUT', '/api/jurisdictions/140700/registration-settings', { token: w.admin.token, body: { windowDays: 1 } })).json()).toEqual({ jurisdictionCode: '140700', windowDays: 1 });
    const late = await t.api('POST', `${path}/submit`, { token: w.owner.token, body: { pointId: w.pointId } });
    expect(late.json()).toMatchObject({ status: 422, errors: [{ path: 'signedOn' }] });
    expect(late.json().errors[0].message).toContain('1 天');
    await t.api('PUT', '/api/jurisdictions/140700/registration-settings', { token: w.admin.token, body: { windowDays: 30 } });

    const submitted = (await t.api('POST', `${path}/submit`, { token: w.owner.token, body: { pointId: w.pointId } })).json();
    expect(submitted).toMatchObject({ status: 'submitted', point: { id: w.pointId } });
    expect((await t.api('PATCH', path, { token: w.owner.token, body: { title: '改' } })).statusCode).toBe(409);
    // Review: not the seller, not another point's staff; the desk sees it in its queue.
    expect((await t.api('POST', `${path}/review`, { token: w.owner.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).statusCode).toBe(403);
    // The 威海 administrator reads it (the buyer lies in 威海) but does not act at 晋中's point.
    expect((await t.api('POST', `${path}/review`, { token: weihaiAdmin.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).statusCode).toBe(403);
    const inQueue = async () => (await t.api('GET', '/api/contracts?scope=desk', { token: w.staff.token })).json().items.find((x: { id: string }) => x.id === c.id);
    // In the desk's queue, with no signed contract counted.
    expect(await inQueue()).toMatchObject({ status: 'submitted', documentCount: 0 });
    // No signed contract attached: not registered, and the checklist's “scan attached” cannot be ticked.
    const undocumented = (await t.api('POST', `${path}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).json();
    expect(undocumented).toMatchObject({ status: 422, errors: [{ path: 'documents' }] });
    expect(undocumented.detail).toContain('签章合同文本');
    expect((await t.api('POST', `${path}/review`, { token: w.staff.token, body: { decision: 'return', reason: '补传', checklist: ['signaturesAttached'] } })).json()).toMatchObject({ status: 422, errors: [{ path: 'checklist' }] });
    expect((await t.api('POST', `${path}/documents`, { token: w.owner.token, ...pdf() })).json()).toMatchObject({ status: 409, errors: [{ path: 'documents' }] });
    const returned = (await t.api('POST', `${path}/review`, { token: w.staff.token, body: { decision: 'return', reason: '请上传盖章合同扫描件' } })).json();
    expect(returned).toMatchObject({ status: 'returned', reviewReason: '请上传盖章合同扫描件', documents: [] });
    // The seller's side attaches it; the desk does not (it reads it), others do not see it.
    expect((await t.api('POST', `${path}/documents`, { token: w.outsider.token, ...pdf() })).statusCode).toBe(404);
    expect((await t.api('POST', `${path}/documents`, { token: w.staff.token, ...pdf() })).statusCode).toBe(403);
    const documented = await attachSignedContract(t, w.owner.token, c.id);
    expect(documented.documents).toMatchObject([{ fileName: '技术合同（签章版）.pdf', mime: 'application/pdf', allowedActions: ['delete'] }]);
    const doc = documented.documents[0].url as string;
    for (const reader of [w.owner, w.staff, w.admin]) expect((await t.api('GET', doc, { token: reader.token })).headers['content-type']).toBe('application/pdf');
    expect((await t.api('GET', doc, { token: w.outsider.token })).statusCode).toBe(404);
    expect((await t.api('GET', doc)).statusCode).toBe(401);
    await t.api('POST', `${path}/submit`, { token: w.owner.token, body: { pointId: w.pointId } });
    expect((await t.api('GET', path, { token: w.staff.token })).json().documents).toMatchObject([{ url: doc, allowedActions: [] }]);
    expect(await inQueue()).toMatchObject({ status: 'submitted', documentCount: 1 });
    // Submitted: the seller no longer removes it.
    expect((await t.api('DELETE', doc, { token: w.owner.token })).json()).toMatchObject({ status: 409, errors: [{ path: 'documents' }] });
    // Registered only when every checklist point is checked: the refusal names the ones left, nothing changes.
    for (const checklist of [[], ['kindIdentified', 'signaturesAttached']]) {
      const partial = (await t.api('POST', `${path}/review`, { token: w.staff.token, body: { decision: 'register', checklist } })).json();
      expect(partial).toMatchObject({ status: 422, errors: [{ path: 'checklist' }] });
      expect(partial.detail).toContain('技术交易额核定有据');
      expect(partial.detail.includes('合同类别认定正确')).toBe(checklist.length === 0);
    }
    expect((await t.api('GET', path, { token: w.staff.token })).json()).toMatchObject({ status: 'submitted', registrationNumber: null });
    expect((await t.api('POST', `${path}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST], certifiedAmount: 950_000_00 } })).json().errors[0].path).toBe('certifiedAmount');
    expect((await t.api('POST', `${path}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST], certifiedAmount: 800_000_00 } })).json().errors[0].path).toBe('reason');
    const registered = (
      await t.api('POST', `${path}/review`, { token: w.staff.token, body: { decision: 'register', certifiedAmount: 800_000_00, reason: '含培训费 10 万元不计入', checklist: ['kindIdentified', 'technologyAmountJustified', 'signaturesAttached'] } })
    ).json();
    const year = today.slice(0, 4);
    expect(registered).toMatchObject({ status: 'registered', certifiedAmount: 800_000_00, certifiedReason: '含培训费 10 万元不计入', registeredOn: today });
    expect(registered.registrationNumber).toMatch(new RegExp(`^${year}-140700-${w.pointCode}-\\d{6}$`));
    const ev = await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'contract.registered'));
    expect(ev.map((e) => (e.payload as { contractId: string }).contractId)).toContain(c.id);
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, c.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['contract.create', 'contract.submit', 'contract.return', 'contract.register']));

    // Anyone verifies the number: nothing confidential.
    const pub = (await t.api('GET', `/api/contract-registrations/${registered.registrationNumber}`)).json();
    expect(pub).toEqual({ registrationNumber: registered.registrationNumber, kind: 'transfer', registeredOn: today, point: { name: expect.any(String), jurisdictionCode: '140700' }, certifiedAmount: 800_000_00, status: 'registered' });
    expect((await t.api('GET', `/api/contract-registrations/${year}-140700-${w.pointCode}-999999`)).statusCode).toBe(404);

    // A second registration of the same contract is refused, naming the first.
    const again = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { contractNo: c.contractNo, buyer: { name: '另一家', creditCode: '', region: '371002', entityType: 'enterprise' } }) })).json();
    const dup = (await t.api('POST', `/api/contracts/${again.id}/submit`, { token: w.owner.token, body: { pointId: w.pointId } })).json();
    expect(dup).toMatchObject({ status: 409, detail: expect.stringContaining(registered.registrationNumber) });

    // Payments: the buyer is off the platform, so the seller records and confirms; never beyond the contract amount.
    const beyond = (await t.api('POST', `${path}/payments`, { token: w.owner.token, body: { paidOn: today, amount: 1_000_000_01 } })).json();
    expect(beyond).toMatchObject({ status: 422, errors: [{ path: 'amount' }] });
    const paid = (await t.api('POST', `${path}/payments`, { token: w.owner.token, body: { paidOn: today, amount: 400_000_00, note: '首付款' } })).json();
    expect(paid.totals).toMatchObject({ recorded: 400_000_00, confirmed: 0 });
    const confirmed = (await t.api('POST', `${path}/payments/${paid.payments[0].id}/confirm`, { token: w.owner.token })).json();
    expect(confirmed.totals).toMatchObject({ confirmed: 400_000_00, outstanding: 600_000_00 });
    expect((await t.api('POST', `${path}/payments/${paid.payments[0].id}/confirm`, { token: w.owner.token })).statusCode).toBe(409);

    // The jurisdictions' yearly totals: output for 晋中, input for 威海's 芝罘-area buyer; received money for the seller's side.
    const totals = (await t.api('GET', `/api/jurisdictions/140700/contract-totals?year=${year}`, { token: w.admin.token })).json();
    expect(totals.all.count).toBeGreaterThanOrEqual(1);
    expect(totals.byKind.find((k: { kind: string }) => k.kind === 'transfer')).toMatchObject({ outputCount: expect.any(Number) });
    expect(totals.all.outputAmount).toBeGreaterThanOrEqual(900_000_00);
    expect(totals.received.amount).toBeGreaterThanOrEqual(400_000_00);
    const weihai = (await t.api('GET', `/api/jurisdictions/371000/contract-totals?year=${year}`, { token: weihaiAdmin.token })).json();
    // Each contract counted is exactly one of 本地吸纳, 输出, 输入 (the statistics dashboard's rule).
    for (const r of [totals.all, weihai.all]) expect(r.absorbedCount + r.outputCount + r.inputCount).toBe(r.count);
    expect(weihai.all.inputAmount).toBeGreaterThanOrEqual(900_000_00);
    expect((await t.api('GET', `/api/jurisdictions/371000/contract-totals?year=${year}`, { token: w.admin.token })).statusCode).toBe(403);

    // The statistics dashboard counts it as the yearly totals do; after amendments too (read below).
    const deliver = () => platformRunner(t.database.db, { error: () => {} }, t.app.deps).runDue(new Date(Date.now() + 5000));
    const dashboard = async () => {
      await deliver();
      return (await t.api('GET', `/api/stats?jurisdiction=140700&from=${year}-01-01&to=${year}-12-31`, { token: w.admin.token })).json().figures;
    };
    const shownBefore = await dashboard();

    // Amendment: the registered figures stay, the amendment is history and the figures in force change.
    expect((await t.api('POST', `${path}/amendments`, { token: w.owner.token, body: { reason: '增加设备', contractAmount: 1_200_000_00, technologyAmount: 1_000_000_00 } })).json().errors[0].path).toBe('technologyAmount');
    const amended = (await t.api('POST', `${path}/amendments`, { token: w.staff.token, body: { reason: '补充协议增加设备', contractAmount: 1_200_000_00, technologyAmount: 900_000_00, deductions: [{ item: '设备', amount: 300_000_00 }] } })).json();
    expect(amended).toMatchObject({ contractAmount: 1_000_000_00, effective: { contractAmount: 1_200_000_00, certifiedAmount: 800_000_00 } });
    expect(amended.history.map((h: { kind: string }) => h.kind)).toEqual(['submission', 'return', 'submission', 'registration', 'amendment']);
    // 认定技术交易额 on an amendment is the desk's: the staff see the action, the seller does not and is refused.
    expect(amended.allowedActions).toContain('certify');
    expect((await t.api('GET', path, { token: w.owner.token })).json().allowedActions).not.toContain('certify');
    expect((await t.api('POST', `${path}/amendments`, { token: w.owner.token, body: { reason: '自行认定', certifiedAmount: 900_000_00 } })).statusCode).toBe(403);
    expect((await t.api('POST', `${path}/amendments`, { token: w.staff.token, body: { reason: '认定', certifiedAmount: 950_000_00 } })).json().errors[0].path).toBe('certifiedAmount');
    const certified = (await t.api('POST', `${path}/amendments`, { token: w.staff.token, body: { reason: '补充材料后重新认定', certifiedAmount: 850_000_00 } })).json();
    expect(certified.effective).toMatchObject({ technologyAmount: 900_000_00, certifiedAmount: 850_000_00 });
    expect(certified.history.at(-1)).toMatchObject({ kind: 'amendment', before: { certifiedAmount: 800_000_00 }, after: { certifiedAmount: 850_000_00 } });
    // The seller lowers the technology amount below the certification: the certification follows it down, never above what is declared.
    const lowered = (await t.api('POST', `${path}/amendments`, { token: w.owner.token, body: { reason: '设备增加', contractAmount: 1_200_000_00, technologyAmount: 700_000_00, deductions: [{ item: '设备', amount: 500_000_00 }] } })).json();
    expect(lowered.effective).toMatchObject({ technologyAmount: 700_000_00, certifiedAmount: 700_000_00 });
    // The dashboard moved with the figures in force, by as much as the yearly totals: 输出 and 技术交易额 down 20 万元, 合同金额 up 20 万元.
    const totalsAmended = (await t.api('GET', `/api/jurisdictions/140700/contract-totals?year=${year}`, { token: w.admin.token })).json().all;
    const shownAmended = await dashboard();
    expect(totalsAmended.outputAmount - totals.all.outputAmount).toBe(-200_000_00);
    expect(shownAmended.output.amount - shownBefore.output.amount).toBe(totalsAmended.outputAmount - totals.all.outputAmount);
    expect(shownAmended.contracts.technologyAmount - shownBefore.contracts.technologyAmount).toBe(-200_000_00);
    expect(shownAmended.contracts.contractAmount - shownBefore.contracts.contractAmount).toBe(200_000_00);
    expect(shownAmended.contracts.count).toBe(shownBefore.contracts.count);

    const before = (await t.api('GET', `/api/jurisdictions/140700/contract-totals?year=${year}`, { token: w.admin.token })).json().all;
    const ended = (await t.api('POST', `${path}/terminate`, { token: w.owner.token, body: { reason: '双方协商解除' } })).json();
    // The termination takes the contract out of the jurisdictions' totals.
    const after = (await t.api('GET', `/api/jurisdictions/140700/contract-totals?year=${year}`, { token: w.admin.token })).json().all;
    // The termination takes the figures in force (as amended: 700 000 yuan) out of the jurisdictions' totals.
    expect(after).toMatchObject({ count: before.count - 1, outputCount: before.outputCount - 1, technologyAmount: before.technologyAmount - 700_000_00, certifiedAmount: before.certifiedAmount - 700_000_00 });
    expect(ended).toMatchObject({ status: 'terminated', terminationReason: '双方协商解除', allowedActions: [] });
    expect((await t.api('GET', `/api/contract-registrations/${registered.registrationNumber}`)).json().status).toBe('terminated');
    expect((await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'contract.terminated'))).length).toBeGreaterThan(0);
  });

  it('is refused when past its validity, and refused registration is 未予登记 with the reason', async () => {
    const w = await world();
    const old = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { signedOn: addDays(today, -10), validUntil: addDays(today, -1) }) })).json();
    expect((await t.api('POST', `/api/contracts/${old.id}/submit`, { token: w.owner.token, body: { pointId: w.pointId } })).json()).toMatchObject({ status: 422, errors: [{ path: 'validUntil' }] });
    const c = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { expectedInvestment: null }) })).json();
    expect((await t.api('POST', `/api/contracts/${c.id}/submit`, { token: w.owner.token, body: { pointId: w.pointId } })).json()).toMatchObject({ status: 422, errors: [{ path: 'expectedInvestment' }] });
    expect((await t.api('PATCH', `/api/contracts/${c.id}`, { token: w.owner.token, body: { expectedInvestment: 0 } })).json()).toMatchObject({ expectedInvestment: 0 });
    expect((await t.api('POST', `/api/contracts/${c.id}/submit`, { token: w.owner.token, body: { pointId: w.pointId } })).json()).toMatchObject({ status: 'submitted' });
    expect((await t.api('POST', `/api/contracts/${c.id}/review`, { token: w.admin.token, body: { decision: 'refuse' } })).json().errors[0].path).toBe('reason');
    const refused = (await t.api('POST', `/api/contracts/${c.id}/review`, { token: w.admin.token, body: { decision: 'refuse', reason: '不属于技术合同' } })).json();
    expect(refused).toMatchObject({ status: 'refused', reviewReason: '不属于技术合同', registrationNumber: null });
    // The buyer (on the platform) records payments; the seller confirms.
    expect((await t.api('POST', `/api/contracts/${c.id}/payments`, { token: w.buyerOwner.token, body: { paidOn: today, amount: 1 } })).statusCode).toBe(409);
  });

  it('numbers registrations at a point in sequence, and answers the review with what a fresh read shows', async () => {
    const w = await world();
    const numbers: string[] = [];
    for (const amount of [300_000_00, 400_000_00]) {
      const c = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { contractAmount: amount, technologyAmount: amount, deductions: [], payments: [] }) })).json();
      await attachSignedContract(t, w.owner.token, c.id);
      await t.api('POST', `/api/contracts/${c.id}/submit`, { token: w.owner.token, body: { pointId: w.pointId } });
      const answered = (await t.api('POST', `/api/contracts/${c.id}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).json();
      const fresh = (await t.api('GET', `/api/contracts/${c.id}`, { token: w.staff.token })).json();
      expect(answered).toEqual(fresh);
      expect(fresh).toMatchObject({ status: 'registered', certifiedAmount: amount, certifiedReason: null, checklist: [...REVIEW_CHECKLIST], registeredOn: today });
      expect(fresh.history.at(-1)).toMatchObject({ kind: 'registration', after: { registrationNumber: fresh.registrationNumber, certifiedAmount: amount } });
      numbers.push(fresh.registrationNumber);
    }
    expect(numbers).toEqual([1, 2].map((n) => `${today.slice(0, 4)}-140700-${w.pointCode}-00000${n}`));
    // Two copies of one contract both submitted: the second is refused at review naming the first, and takes no number.
    const same = body(w, { contractAmount: 500_000_00, technologyAmount: 500_000_00, deductions: [], payments: [] });
    const [a, b] = await Promise.all([0, 1].map(async (i) => (await t.api('POST', '/api/contracts', { token: w.owner.token, body: { ...same, contractNo: `${same.contractNo}-${i}` } })).json()));
    for (const c of [a, b]) await attachSignedContract(t, w.owner.token, c.id);
    for (const c of [a, b]) expect((await t.api('POST', `/api/contracts/${c.id}/submit`, { token: w.owner.token, body: { pointId: w.pointId } })).statusCode).toBe(200);
    const first = (await t.api('POST', `/api/contracts/${a.id}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).json();
    const second = await t.api('POST', `/api/contracts/${b.id}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain(first.registrationNumber);
    expect((await t.api('GET', `/api/contracts/${b.id}`, { token: w.owner.token })).json()).toMatchObject({ status: 'submitted', registrationNumber: null, history: [expect.objectContaining({ kind: 'submission' })] });
    expect(first.registrationNumber).toBe(`${today.slice(0, 4)}-140700-${w.pointCode}-000003`);
  });
});

describe('the lists a person may open', () => {
  it('offers the registration desk to the staff of a point and to administrators, not to a firm or a university', async () => {
    const w = await world();
    const scopes = async (token: string) => (await t.api('GET', '/api/contracts?scope=mine', { token })).json().scopes;
    expect(await scopes(w.staff.token)).toEqual(['mine', 'desk']);
    expect(await scopes(w.admin.token)).toEqual(['mine', 'desk', 'jurisdiction']);
    expect(await scopes(w.owner.token)).toEqual(['mine']);
    expect(await scopes(w.buyerOwner.token)).toEqual(['mine']);
    // Whatever list is asked for, the answer is the same.
    expect((await t.api('GET', '/api/contracts?scope=desk', { token: w.buyerOwner.token })).json()).toMatchObject({ items: [], scopes: ['mine'] });
  });
});

describe('searching contracts by a party’s name', () => {
  it('takes % and _ literally: “50%” finds only a name with “50%”, “_” only a name with an underscore', async () => {
    const w = await world();
    const names = ['持股50%合伙企业', '持股500万有限公司', '晋中A_B科技公司', '晋中AXB科技公司'];
    const ids: Record<string, string> = {};
    for (const name of names) {
      const res = await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { buyer: { name, creditCode: '91140700MA0K00000X', region: '140702', entityType: 'enterprise' } }) });
      expect(res.json()).toMatchObject({ buyer: { name } });
      ids[name] = res.json().id;
    }
    const found = async (party: string) =>
      ((await t.api('GET', `/api/contracts?${new URLSearchParams({ party, pageSize: '100' })}`, { token: w.owner.token })).json().items as { id: string }[]).map((c) => c.id).sort();
    expect(await found('50%')).toEqual([ids['持股50%合伙企业']]);
    expect(await found('_')).toEqual([ids['晋中A_B科技公司']]);
    expect(await found('%')).toEqual([ids['持股50%合伙企业']]);
    expect(await found('晋中A')).toEqual([ids['晋中A_B科技公司'], ids['晋中AXB科技公司']].sort());
  });
});

describe('the industry of a contract', () => {
  it('is prefilled from its achievement, may be stated or corrected, is refused when not an industry code, and is in contract.registered', async () => {
    const w = await world();
    const achievementId = await publishedAchievement(t, w.owner, w.admin, { organizationId: w.seller.id, industry: 'B' });
    const prefilled = await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { achievementIds: [achievementId] }) });
    expect(prefilled.statusCode).toBe(201);
    expect(prefilled.json()).toMatchObject({ industry: 'B', achievementIds: [achievementId] });
    // The contract page names the achievement by title; an achievement of another organisation is refused at its place, and nothing is stored.
    expect(prefilled.json().achievements).toEqual([{ id: achievementId, title: expect.any(String) }]);
    const other = await t.factories.user();
    const otherOrg = await t.factories.organization(other, { type: 'university', jurisdictionCode: '140700' });
    const foreign = await publishedAchievement(t, other, w.admin, { organizationId: otherOrg.id });
    const refused = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { achievementIds: [achievementId, foreign], ipItems: ['ZL201910000001.X 一种煤矸石综合利用方法'] }) })).json();
    expect(refused).toMatchObject({ status: 422, errors: [{ path: 'achievementIds.1', message: expect.stringContaining('不属于卖方') }] });
    expect((await t.api('PATCH', `/api/contracts/${prefilled.json().id}`, { token: w.owner.token, body: { achievementIds: [foreign] } })).json().errors[0].path).toBe('achievementIds.0');
    // Stated, it wins over the achievement's; without either, none.
    expect((await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { achievementIds: [achievementId], industry: 'C' }) })).json().industry).toBe('C');
    expect((await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w) })).json().industry).toBeNull();

    const bad = await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { industry: 'Z9' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'industry', message: expect.stringContaining('行业') });
    const id = prefilled.json().id as string;
    expect((await t.api('PATCH', `/api/contracts/${id}`, { token: w.owner.token, body: { industry: 'nope' } })).json().errors[0].path).toBe('industry');
    expect((await t.api('PATCH', `/api/contracts/${id}`, { token: w.owner.token, body: { industry: 'M' } })).json().industry).toBe('M');

    await attachSignedContract(t, w.owner.token, id);
    await t.api('POST', `/api/contracts/${id}/submit`, { token: w.owner.token, body: { pointId: w.pointId } });
    expect((await t.api('POST', `/api/contracts/${id}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).json().status).toBe('registered');
    const ev = (await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'contract.registered'))).find((e) => (e.payload as { contractId: string }).contractId === id);
    expect(ev?.payload).toMatchObject({ contractId: id, industry: 'M' });
  });
});

/** A PDF upload (multipart body and headers). */
const pdf = (name = '合同.pdf') => multipartFile(name, tinyPdf(name));

/** Enters, submits and registers a contract of the world at its point (by its staff); answers the registered contract. */
async function registered(w: Awaited<ReturnType<typeof world>>, over: Record<string, unknown> = {}, review: Record<string, unknown> = {}) {
  const c = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, over) })).json();
  await attachSignedContract(t, w.owner.token, c.id);
  expect((await t.api('POST', `/api/contracts/${c.id}/submit`, { token: w.owner.token, body: { pointId: w.pointId } })).statusCode).toBe(200);
  const r = await t.api('POST', `/api/contracts/${c.id}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST], ...review } });
  expect(r.statusCode).toBe(200);
  return r.json();
}

describe('the jurisdictions’ yearly totals', () => {
  it('move by the difference of an amendment of amounts and of a certified amount changed, and a termination takes out the figures in force', async () => {
    const w = await world();
    const year = today.slice(0, 4);
    const totals = async (code: string, token: string) => (await t.api('GET', `/api/jurisdictions/${code}/contract-totals?year=${year}`, { token })).json().all;
    const weihaiAdmin = await t.factories.admin('371000');
    const [jz0, wh0] = [await totals('140700', w.admin.token), await totals('371000', weihaiAdmin.token)];
    const c = await registered(w);
    const path = `/api/contracts/${c.id}`;
    expect(await totals('140700', w.admin.token)).toMatchObject({ count: jz0.count + 1, contractAmount: jz0.contractAmount + 1_000_000_00, technologyAmount: jz0.technologyAmount + 900_000_00, certifiedAmount: jz0.certifiedAmount + 900_000_00 });
    // 补充协议增加设备: the contract amount rises, the technology amount stays.
    await t.api('POST', `${path}/amendments`, { token: w.owner.token, body: { reason: '补充协议增加设备', contractAmount: 1_300_000_00, technologyAmount: 900_000_00, deductions: [{ item: '设备', amount: 400_000_00 }] } });
    expect(await totals('140700', w.admin.token)).toMatchObject({ count: jz0.count + 1, contractAmount: jz0.contractAmount + 1_300_000_00, technologyAmount: jz0.technologyAmount + 900_000_00 });
    // More technology: output for 晋中, input for 威海 move with it (not 本地吸纳: the seller is not in 威海).
    await t.api('POST', `${path}/amendments`, { token: w.owner.token, body: { reason: '增加技术服务内容', contractAmount: 1_300_000_00, technologyAmount: 1_000_000_00, deductions: [{ item: '设备', amount: 300_000_00 }] } });
    expect(await totals('140700', w.admin.token)).toMatchObject({ technologyAmount: jz0.technologyAmount + 1_000_000_00, outputAmount: jz0.outputAmount + 1_000_000_00, certifiedAmount: jz0.certifiedAmount + 900_000_00 });
    expect(await totals('371000', weihaiAdmin.token)).toMatchObject({ count: wh0.count + 1, inputAmount: wh0.inputAmount + 1_000_000_00, absorbedAmount: wh0.absorbedAmount });
    // The desk certifies the added part.
    await t.api('POST', `${path}/amendments`, { token: w.staff.token, body: { reason: '补充材料后认定', certifiedAmount: 950_000_00 } });
    expect(await totals('140700', w.admin.token)).toMatchObject({ certifiedAmount: jz0.certifiedAmount + 950_000_00 });
    // Terminated: every total is back to what it was before the registration.
    await t.api('POST', `${path}/terminate`, { token: w.owner.token, body: { reason: '解除' } });
    expect(await totals('140700', w.admin.token)).toEqual(jz0);
    expect(await totals('371000', weihaiAdmin.token)).toEqual(wh0);
  });
});

describe('a copy of a terminated registered contract', () => {
  it('may be submitted, is shown to the desk with the terminated one, and is registered only when the desk says it is a new contract', async () => {
    const w = await world();
    const first = await registered(w);
    await t.api('POST', `/api/contracts/${first.id}/terminate`, { token: w.owner.token, body: { reason: '协商解除' } });
    const copy = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { contractNo: first.contractNo }) })).json();
    const path = `/api/contracts/${copy.id}`;
    expect(copy.terminatedCopies).toEqual([{ id: first.id, title: first.title, registrationNumber: first.registrationNumber, terminatedOn: today }]);
    await attachSignedContract(t, w.owner.token, copy.id);
    expect((await t.api('POST', `${path}/submit`, { token: w.owner.token, body: { pointId: w.pointId } })).json().status).toBe('submitted');
    expect((await t.api('GET', path, { token: w.staff.token })).json().terminatedCopies).toMatchObject([{ id: first.id, registrationNumber: first.registrationNumber }]);
    // The buyer does not see the seller's other contracts.
    expect((await t.api('GET', path, { token: w.buyerOwner.token })).json().terminatedCopies).toEqual([]);
    const refused = (await t.api('POST', `${path}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).json();
    expect(refused).toMatchObject({ status: 409, errors: [{ path: 'newAfterTermination' }] });
    expect(refused.detail).toContain(first.registrationNumber);
    expect((await t.api('GET', path, { token: w.owner.token })).json()).toMatchObject({ status: 'submitted', registrationNumber: null });
    const ok = (await t.api('POST', `${path}/review`, { token: w.staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST], newAfterTermination: true, reason: '原合同解除后重新签订' } })).json();
    expect(ok).toMatchObject({ status: 'registered', terminatedCopies: [] });
    expect(ok.registrationNumber).not.toBe(first.registrationNumber);
  });
});

describe('registration numbers', () => {
  it('are verified with a sequence of six digits or more, and anything shorter is refused as malformed', async () => {
    const w = await world();
    const year = Number(today.slice(0, 4));
    await t.database.db.insert(registrationCounters).values({ year, pointId: w.pointId, next: 1_234_567 });
    const c = await registered(w);
    expect(c.registrationNumber).toBe(`${year}-140700-${w.pointCode}-1234567`);
    expect((await t.api('GET', `/api/contract-registrations/${c.registrationNumber}`)).json()).toMatchObject({ registrationNumber: c.registrationNumber, status: 'registered' });
    expect((await t.api('GET', `/api/contract-registrations/${year}-140700-${w.pointCode}-7654321`)).statusCode).toBe(404);
    const short = (await t.api('GET', `/api/contract-registrations/${year}-140700-${w.pointCode}-12345`)).json();
    expect(short).toMatchObject({ status: 400, errors: [{ path: 'number' }] });
  });
});

describe('refusals that say why', () => {
  it('an edit of a registered contract names each field it would change and points to 变更登记', async () => {
    const w = await world();
    const c = await registered(w);
    const r = (await t.api('PATCH', `/api/contracts/${c.id}`, { token: w.owner.token, body: { title: '改名', contractAmount: 1 } })).json();
    expect(r).toMatchObject({ status: 409, detail: '已登记的合同不能直接修改，请办理变更登记' });
    expect(r.errors.map((e: { path: string }) => e.path)).toEqual(['title', 'contractAmount']);
    expect(r.errors[0].message).toContain('变更登记');
    // Another state refusal names the status.
    expect((await t.api('POST', `/api/contracts/${c.id}/submit`, { token: w.owner.token, body: { pointId: w.pointId } })).json()).toMatchObject({ status: 409, errors: [{ path: 'status' }] });
    expect((await t.api('GET', `/api/contracts/${c.id}`, { token: w.owner.token })).json().title).toBe(c.title);
  });

  it('the distributions of a contract whose seller is an enterprise: 404 saying why to those who read it, a plain 404 to others', async () => {
    const w = await world();
    const company = await t.factories.organization(w.owner, { type: 'enterprise', jurisdictionCode: '140700' });
    const c = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w, { seller: { organizationId: company.id } }) })).json();
    const told = (await t.api('GET', `/api/contracts/${c.id}/distributions`, { token: w.owner.token })).json();
    expect(told).toMatchObject({ status: 404, detail: '该合同的转让方不是高校、科研院所或新型研发机构，无需收益分配', errors: [{ path: 'seller.entityType' }] });
    expect((await t.api('GET', `/api/contracts/${c.id}/distributions`, { token: w.admin.token })).json().detail).toContain('无需收益分配');
    const other = (await t.api('GET', `/api/contracts/${c.id}/distributions`, { token: w.outsider.token })).json();
    expect(other.status).toBe(404);
    expect(other.detail).not.toContain('转让方');
    // A university's contract with no payment confirmed yet says so.
    const uni = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w) })).json();
    expect((await t.api('GET', `/api/contracts/${uni.id}/distributions`, { token: w.owner.token })).json()).toMatchObject({ status: 404, errors: [{ path: 'payments' }], detail: expect.stringContaining('尚无确认到账') });
  });
});

describe('the signed contract and the documents of an amendment', () => {
  it('are removed by their uploader while they may be, an amendment carries its own, and the public verification names none', async () => {
    const w = await world();
    const draft = (await t.api('POST', '/api/contracts', { token: w.owner.token, body: body(w) })).json();
    const url = (await attachSignedContract(t, w.owner.token, draft.id)).documents[0].url as string;
    expect((await t.api('DELETE', url, { token: w.admin.token })).statusCode).toBe(403);
    expect((await t.api('DELETE', url, { token: w.owner.token })).json().documents).toEqual([]);
    expect((await t.api('GET', url, { token: w.owner.token })).statusCode).toBe(404);

    const c = await registered(w);
    expect((await t.api('POST', `/api/contracts/${c.id}/documents`, { token: w.owner.token, ...pdf() })).json()).toMatchObject({ status: 409, errors: [{ path: 'documents' }] });
    const amended = (await t.api('POST', `/api/contracts/${c.id}/amendments`, { token: w.owner.token, body: { reason: '签订补充协议延长有效期', validUntil: addDays(today, 800) } })).json();
    const entry = amended.history.find((h: { kind: string }) => h.kind === 'amendment');
    expect(entry).toMatchObject({ documents: [], allowedActions: ['addDocument'] });
    const amendmentPath = `/api/contracts/${c.id}/amendments/${entry.id}/documents`;
    expect((await t.api('POST', amendmentPath, { token: w.staff.token, ...pdf() })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/contracts/${c.id}/amendments/${c.history[0].id}/documents`, { token: w.owner.token, ...pdf() })).statusCode).toBe(404);
    const up = await t.api('POST', amendmentPath, { token: w.owner.token, ...pdf('补充协议.pdf') });
    expect(up.statusCode).toBe(201);
    const file = up.json().history.find((h: { id: string }) => h.id === entry.id).documents[0];
    expect(file).toMatchObject({ fileName: '补充协议.pdf', allowedActions: ['delete'] });
    expect((await t.api('GET', file.url, { token: w.staff.token })).statusCode).toBe(200);
    expect(up.json().documents).toHaveLength(1);
    const verified = await t.api('GET', `/api/contract-registrations/${c.registrationNumber}`);
    expect(Object.keys(verified.json()).sort()).toEqual(['certifiedAmount', 'kind', 'point', 'registeredOn', 'registrationNumber', 'status']);
  });
});
