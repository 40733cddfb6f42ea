import { formatStatAmount, regionChain, targetSourceLine, targetSourceOf } from '@kzt/shared';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { achievementBody } from '../../../test/catalogueFixtures.ts';
import { publish } from '../../platform/events.ts';
import { platformRunner } from '../../runner.ts';
import { contractAmended, contractRegistered, contractTerminated, type ContractParty } from '../contracts/contracts.events.ts';
import { domainEvents } from '../../db/schema/index.ts';
import { dealSigned } from '../trading/deals.events.ts';
import { entitlementApproved, entitlementPaid } from '../policy/policy.events.ts';
import { achievementPublished, demandPublished } from '../catalogue/catalogue.events.ts';
import { challengeAccepted, challengeAwarded, challengePublished } from '../challenges/challenges.events.ts';
import { multipartFile, tinyPdf } from '../../../test/matrix/attachments.rows.ts';
import { uniqueCreditCode, unique } from '../../../test/factories.ts';
import { matchesPushed } from '../push/push.events.ts';
import { matchAnswered } from '../matching/matching.events.ts';
import { defineEvent } from '../../platform/events.ts';
import { z } from 'zod';
import { classifyContract } from './statistics.regions.ts';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { figuresOf, targetsOf, monthSplit, periodSplit, recordFacts, repairConversionsCountedBefore, repairRollupSums, reverseFactsOf } from './statistics.service.ts';
import { statisticsRepository } from './statistics.repository.ts';
import { achievementConverted } from '../achievements/achievements.events.ts';

const t = useTestApp();
const quiet = { error: () => {} };
const deliver = () => platformRunner(t.database.db, quiet, t.app.deps).runDue(new Date(Date.now() + 5000));
const year = new Date().getFullYear();
const day = (md: string) => `${year}-${md}`;

const party = (region: string, name: string, entityType = 'enterprise'): ContractParty => ({ organizationId: null, name, region, entityType });

/** `contract.registered` with whatever the contracts module may send beyond its schema today (the contract's `industry`). */
const registeredAsSent = defineEvent('contract.registered', z.record(z.string(), z.unknown()));

async function registered(o: { id?: string; seller: string; buyer: string; at: string; kind?: string; amount: number; technology?: number; on: string; sellerName?: string; sellerOrg?: string; buyerName?: string; achievementIds?: string[]; dealId?: string; industry?: string }) {
  const contractId = o.id ?? randomUUID();
  await publish(t.database.db, o.industry ? registeredAsSent : contractRegistered, {
    ...(o.industry ? { industry: o.industry } : {}),
    contractId,
    kind: o.kind ?? 'transfer',
    subkind: null,
    title: `合同${contractId.slice(0, 4)}`,
    signedOn: o.on,
    seller: { ...party(o.seller, o.sellerName ?? '卖方大学', 'university'), organizationId: o.sellerOrg ?? null },
    buyer: party(o.buyer, o.buyerName ?? '买方企业'),
    agency: null,
    achievementIds: o.achievementIds ?? [],
    dealId: o.dealId ?? null,
    registrationNumber: `${year}${o.at}0001${contractId.slice(0, 4)}`,
    registeredOn: o.on,
    jurisdictionCode: o.at,
    contractAmount: o.amount,
    technologyAmount: o.technology ?? o.amount,
    certifiedAmount: o.technology ?? o.amount,
  });
  return contractId;
}

const stats = (query: string, token?: string) => t.api('GET', `/api/stats?${query}`, token ? { token } : {});

describe('a period cut into whole months and the days at either end', () => {
  it('reads whole months from the monthly sums and only the partial ends from the contracts', () => {
    expect(monthSplit('2026-01-01', '2026-12-31')).toEqual({ months: { from: '2026-01-01', until: '2027-01-01' }, edges: [] });
    expect(monthSplit('2026-01-15', '2026-03-10')).toEqual({ months: { from: '2026-02-01', until: '2026-03-01' }, edges: [{ from: '2026-01-15', to: '2026-01-31' }, { from: '2026-03-01', to: '2026-03-10' }] });
    expect(monthSplit('2026-02-03', '2026-02-20')).toEqual({ months: null, edges: [{ from: '2026-02-03', to: '2026-02-20' }] });
    expect(monthSplit('2024-02-01', '2024-02-29')).toEqual({ months: { from: '2024-02-01', until: '2024-03-01' }, edges: [] });
    expect(monthSplit('2026-12-31', '2026-12-31')).toEqual({ months: null, edges: [{ from: '2026-12-31', to: '2026-12-31' }] });
  });

  it('reads whole years from the yearly sums, the months of the partial years from the monthly sums, the partial months from the contracts', () => {
    expect(periodSplit('2017-01-01', '2026-12-31')).toEqual({ years: { from: '2017-01-01', until: '2027-01-01' }, months: [], edges: [] });
    expect(periodSplit('2017-03-15', '2026-02-10')).toEqual({
      years: { from: '2018-01-01', until: '2026-01-01' },
      months: [{ from: '2017-04-01', until: '2018-01-01' }, { from: '2026-01-01', until: '2026-02-01' }],
      edges: [{ from: '2017-03-15', to: '2017-03-31' }, { from: '2026-02-01', to: '2026-02-10' }],
    });
    // Within one year: months and days only.
    expect(periodSplit('2025-01-01', '2025-06-30')).toEqual({ years: null, months: [{ from: '2025-01-01', until: '2025-07-01' }], edges: [] });
    expect(periodSplit('2025-12-20', '2026-01-05')).toEqual({ years: null, months: [], edges: [{ from: '2025-12-20', to: '2026-01-05' }] });
    expect(periodSplit('2025-12-01', '2026-12-31')).toEqual({ years: { from: '2026-01-01', until: '2027-01-01' }, months: [{ from: '2025-12-01', until: '2026-01-01' }], edges: [] });
  });
});

describe('a target’s source', () => {
  it('is the plan’s title with the sentence it quotes; a source an administrator typed stays as typed', () => {
    expect(targetSourceOf('001 山西：力争在2022年底……开展技术经纪人培训150人以上')).toEqual({ document: '山西省科技成果转化行动方案（2022 年）', quote: '力争在2022年底……开展技术经纪人培训150人以上' });
    expect(targetSourceOf('001 山西：力争', 'en').document).toBe('Shanxi action plan for the conversion of research results');
    expect(targetSourceOf('晋中市年度计划')).toEqual({ document: null, quote: '晋中市年度计划' });
    expect(targetSourceLine('晋中市年度计划')).toBe('晋中市年度计划');
  });
});

describe('amounts as the plans say them', () => {
  it('from 1 亿元 up in 亿元 (沈阳’s 360 亿元 target), below in 万元 and 元 as everywhere', () => {
    expect(formatStatAmount(360 * 100_000_000_00)).toBe('360 亿元');
    expect(formatStatAmount(123_456_789_012_34)).toBe('1,234.57 亿元');
    expect(formatStatAmount(1_000 * 100_000_000_00, 'en')).toBe('1,000 × 100m yuan');
    expect(formatStatAmount(50_000_000_00)).toBe('5,000 万元');
    expect(formatStatAmount(12_200_000_00)).toBe('1,220 万元');
    expect(formatStatAmount(52_00)).toBe('52 元');
  });
});

describe('regions of a GB/T 2260 code', () => {
  it('a county counts in its city and province; flows are read per region above the parties', () => {
    expect(regionChain('140702')).toEqual(['140000', '140700', '140702']);
    expect(regionChain('140700')).toEqual(['140000', '140700']);
    expect(regionChain('140000')).toEqual(['140000']);
    expect(regionChain('nonsense')).toEqual([]);
    // 榆次 (晋中) sells to 太原: local for 山西, output for 晋中 and 榆次, input for 太原.
    expect(classifyContract('140702', '140100')).toEqual({ local: ['140000'], output: ['140700', '140702'], input: ['140100'] });
  });
});

describe('statistics from the platform’s events', () => {
  it('counts registered contracts where they are registered, locally absorbed / output / input per region, the local conversion rate, once per contract, and takes a terminated one back', async () => {
    const admin = await t.factories.admin('140000');
    const a = await registered({ seller: '140702', buyer: '140100', at: '140700', amount: 1_000_000_00, technology: 800_000_00, on: day('01-15') });
    await registered({ seller: '140700', buyer: '140700', at: '140700', kind: 'development', amount: 500_000_00, on: day('02-03') });
    await registered({ seller: '371000', buyer: '140700', at: '371000', amount: 300_000_00, on: day('02-20') });
    // The same contract announced again (a redelivery) is not counted twice.
    await registered({ id: a, seller: '140702', buyer: '140100', at: '140700', amount: 1_000_000_00, technology: 800_000_00, on: day('01-15') });
    await deliver();

    const jz = (await stats(`jurisdiction=140700&from=${day('01-01')}&to=${day('12-31')}`, admin.token)).json();
    expect(jz.figures.contracts).toEqual({
      count: 2,
      contractAmount: 1_500_000_00,
      technologyAmount: 1_300_000_00,
      byKind: { transfer: { count: 1, contractAmount: 1_000_000_00, technologyAmount: 800_000_00 }, development: { count: 1, contractAmount: 500_000_00, technologyAmount: 500_000_00 } },
    });
    expect(jz.figures.localAbsorbed).toEqual({ count: 1, amount: 500_000_00 });
    // The flows count the technology amount (技术交易额), as the contracts' yearly totals do: a's 80 万元, not its 100 万元.
    expect(jz.figures.output).toEqual({ count: 1, amount: 800_000_00 });
    expect(jz.figures.input).toEqual({ count: 1, amount: 300_000_00 });
    expect(jz.figures.localConversionRate).toEqual({ byCount: 0.5, byAmount: 500_000_00 / 1_300_000_00 });
    expect(jz.series.map((s: { period: string }) => s.period)).toEqual(Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`));
    expect(jz.series[1].figures.contracts.count).toBe(1);
    expect(jz.series[5].figures.contracts.count).toBe(0);
    expect(jz.figures.challenges).toEqual({ posted: 0, awarded: 0, completed: 0 });
    expect(jz.figures.subsidies).toEqual({ committed: 0, paid: 0, budget: null });
    expect(jz.definitions.localConversionRate).toContain('本地吸纳合同');

    const sx = (await stats(`jurisdiction=140000&from=${day('01-01')}&to=${day('12-31')}&by=child`, admin.token)).json();
    expect(sx.figures.localAbsorbed.count).toBe(2);
    expect(sx.figures.input).toEqual({ count: 1, amount: 300_000_00 });
    // 太原 (140100) is no jurisdiction of the platform yet: it is named by GB/T 2260, and said not to be one (nothing to open).
    expect(sx.series.map((s: { period: string; name: string; jurisdiction: boolean }) => [s.period, s.name, s.jurisdiction])).toEqual([['140100', '太原市', false], ['140700', '晋中市', true]]);

    // Drill down: the records behind the output figure.
    const records = (await t.api('GET', `/api/stats/records?jurisdiction=140700&metric=contract.output&from=${day('01-01')}&to=${day('12-31')}`, { token: admin.token })).json();
    expect(records.items.map((r: { sourceId: string }) => r.sourceId)).toEqual([a]);

    await publish(t.database.db, contractTerminated, { contractId: a, registrationNumber: null, terminatedOn: day('03-01'), reason: '双方协议解除' });
    await deliver();
    const after = (await stats(`jurisdiction=140700&from=${day('01-01')}&to=${day('12-31')}`, admin.token)).json();
    expect(after.figures.contracts.count).toBe(1);
    expect(after.figures.output).toEqual({ count: 0, amount: 0 });
    expect(after.figures.localConversionRate.byCount).toBe(1);
  });

  it('by sub-region, the province’s own level (and what no city holds) is one more row, so the rows add up to the total; flows and rates are each region’s own and stay out of it', async () => {
    const admin = await t.factories.admin('140000');
    const on = '2011-05-05';
    // 太行理工大学 is registered at the province itself (140000): its contract counts for 山西, in no city.
    await registered({ seller: '140000', buyer: '140000', at: '140000', amount: 888_000_000, on });
    await registered({ seller: '140702', buyer: '140702', at: '140700', amount: 100_000_00, on });
    await deliver();
    const q = 'jurisdiction=140000&from=2011-01-01&to=2011-12-31&by=child';
    const sx = (await stats(q, admin.token)).json();
    const rows = sx.series as { period: string; name: string; jurisdiction: boolean; remainder?: boolean; figures: { contracts: { count: number; contractAmount: number }; localAbsorbed: { count: number }; localConversionRate: { byCount: number | null } } }[];
    expect(rows.map((r) => [r.period, r.name, r.jurisdiction, !!r.remainder])).toEqual([['140700', '晋中市', true, false], ['140000', '省本级及未归属下级', false, true]]);
    const rest = rows.at(-1)!;
    expect(rest.figures.contracts).toMatchObject({ count: 1, contractAmount: 888_000_000 });
    // The rows add up to the total.
    expect(rows.reduce((n, r) => n + r.figures.contracts.contractAmount, 0)).toBe(sx.figures.contracts.contractAmount);
    expect(rows.reduce((n, r) => n + r.figures.contracts.count, 0)).toBe(sx.figures.contracts.count);
    // 本地吸纳 is the province's own (both contracts are local to 山西): not subtracted into the row.
    expect(sx.figures.localAbsorbed.count).toBe(2);
    expect(rest.figures.localAbsorbed.count).toBe(0);
    expect(rest.figures.localConversionRate.byCount).toBeNull();
    // The workbook's row for it leaves the flows empty (the page shows —), never a 0 that reads as counted.
    const xlsx = await t.api('GET', `/api/stats/export.xlsx?${q}`, { token: admin.token });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('统计')!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const header = values.find((v) => v[0] === '期间/地区')!;
    const restRow = values.find((v) => v[0] === '省本级及未归属下级')!;
    const total = values.find((v) => v[0] === '合计')!;
    const cell = (row: unknown[], name: string) => row[header.indexOf(name)];
    expect(cell(restRow, '登记合同（份）')).toBe(1);
    for (const name of ['本地吸纳（份）', '技术输出（份）', '技术输入金额（元）', '本地转化率（按份数）']) expect(cell(restRow, name) ?? null, name).toBeNull();
    expect(cell(total, '本地吸纳（份）')).toBe(2);
    // In English too; by month there is no such row.
    expect((await t.api('GET', `/api/stats?${q}`, { token: admin.token, headers: { 'accept-language': 'en' } })).json().series.at(-1).name).toBe('Province level and not in a sub-region');
    expect((await stats('jurisdiction=140000&from=2011-01-01&to=2011-12-31&by=month', admin.token)).json().series.some((r: { remainder?: boolean }) => r.remainder)).toBe(false);
  });

  it('counts an amended contract with its figures in force — totals, flows, top organisations — and a stale restatement delivered late changes nothing', async () => {
    const admin = await t.factories.admin('140000');
    const seller = `变更卖方大学${unique()}`;
    const a = await registered({ seller: '140702', buyer: '370000', at: '140700', amount: 1_000_000_00, technology: 800_000_00, on: day('04-10'), sellerName: seller });
    await deliver();
    const read = async () => (await stats(`jurisdiction=140700&from=${day('01-01')}&to=${day('12-31')}`, admin.token)).json();
    const before = (await read()).figures;
    const amend = (contractAmount: number, technologyAmount: number) =>
      publish(t.database.db, contractAmended, { contractId: a, registrationNumber: null, contractAmount, technologyAmount, certifiedAmount: null });
    // Two amendments: 120 万 / 90 万, then 150 万 / 130 万. The second is delivered first; the first, older, comes late and is stale.
    const first = await amend(1_200_000_00, 900_000_00);
    const second = await amend(1_500_000_00, 1_300_000_00);
    await t.database.db.update(domainEvents).set({ occurredAt: new Date(Date.now() - 60_000) }).where(eq(domainEvents.id, first));
    await t.database.db.update(domainEvents).set({ occurredAt: new Date() }).where(eq(domainEvents.id, second));
    await deliver();
    const after = (await read()).figures;
    expect(after.contracts.count).toBe(before.contracts.count);
    expect(after.contracts.contractAmount - before.contracts.contractAmount).toBe(500_000_00);
    expect(after.contracts.technologyAmount - before.contracts.technologyAmount).toBe(500_000_00);
    // 输出 counts the technology amount in force (130 万元), as the contracts' yearly totals do.
    expect(after.output.count).toBe(before.output.count);
    expect(after.output.amount - before.output.amount).toBe(500_000_00);
    const top = (await t.api('GET', `/api/stats/organizations?jurisdiction=140700&from=${day('01-01')}&to=${day('12-31')}&side=seller&limit=50`, { token: admin.token })).json();
    expect(top.items.find((o: { name: string }) => o.name === seller)).toMatchObject({ count: 1, contractAmount: 1_500_000_00 });
    // Delivered again, and the stale one again: nothing moves.
    await publish(t.database.db, contractAmended, { contractId: a, registrationNumber: null, contractAmount: 1_200_000_00, technologyAmount: 900_000_00, certifiedAmount: null }).then((id) =>
      t.database.db.update(domainEvents).set({ occurredAt: new Date(Date.now() - 30_000) }).where(eq(domainEvents.id, id)),
    );
    await deliver();
    expect((await read()).figures.output).toEqual(after.output);
    // Terminated, it leaves the figures in force, not the registered ones.
    await publish(t.database.db, contractTerminated, { contractId: a, registrationNumber: null, terminatedOn: day('05-01'), reason: '解除' });
    await deliver();
    const ended = (await read()).figures;
    expect(before.contracts.contractAmount - ended.contracts.contractAmount).toBe(1_000_000_00);
    expect(ended.output.amount).toBe(before.output.amount - 800_000_00);
  });

  it('counts deals by how their price was formed, achievements published through the catalogue, and subsidies committed and paid', async () => {
    const admin = await t.factories.admin('371000');
    await publish(t.database.db, dealSigned, {
      dealId: randomUUID(), listingId: randomUUID(), achievementId: randomUUID(), sellerOrganizationId: randomUUID(), buyerOrganizationId: randomUUID(), agentOrganizationId: null,
      jurisdictionCode: '371000', source: 'auction', transaction: 'transfer', amountFen: 2_000_000_00, listPriceFen: 1_600_000_00, signedOn: day('03-10'), contractNo: null, payments: [],
    });
    const owner = await t.factories.user();
    const org = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '371000' });
    const created = await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody({ organizationId: org.id }) });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await t.api('POST', `/api/achievements/${id}/submit`, { token: owner.token })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/achievements/${id}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    await deliver();
    const entitlementId = randomUUID();
    const money = { entitlementId, jurisdictionCode: '371000', rule: '371000.buyer-payment', budgetLine: 'tech-transfer' };
    await publish(t.database.db, entitlementApproved, { ...money, amount: 300_000_00, on: day('04-01') });
    await publish(t.database.db, entitlementPaid, { ...money, amount: 250_000_00, on: day('04-20') });
    await deliver();
    const s = (await stats(`jurisdiction=371000`, admin.token)).json();
    expect(s.figures.subsidies).toEqual({ committed: 300_000_00, paid: 250_000_00, budget: null });
    expect(s.figures.deals.bySource.auction).toEqual({ count: 1, amount: 2_000_000_00 });
    // Sold at 200 万 from a start of 160 万: a premium of 25 %.
    expect(s.figures.deals.auctionPremium).toBe(0.25);
    expect(s.figures.achievementsPublished).toBe(1);
  });

  it('counts achievements converted, demands met, matches pushed and answered, challenges completed — by industry too — and each goes down to its records', async () => {
    const admin = await t.factories.admin('140700');
    const on = day('05-10');
    const changedAt = new Date(`${on}T10:00:00+08:00`).toISOString();
    const [a1, a2, d1, challengeId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const org = randomUUID();
    await publish(t.database.db, achievementPublished, { recordType: 'achievement', recordId: a1, organizationId: org, jurisdictionCode: '140702', industry: 'C', version: 1, changedAt });
    await publish(t.database.db, achievementPublished, { recordType: 'achievement', recordId: a2, organizationId: org, jurisdictionCode: '140702', industry: 'I', version: 1, changedAt });
    await publish(t.database.db, demandPublished, { recordType: 'demand', recordId: d1, organizationId: org, jurisdictionCode: '140702', industry: 'C', version: 1, changedAt });
    await deliver();
    // a1 is named by a registered contract (twice: it counts once); a2 by its owner's conversion (through the achievements module below).
    const c1 = await registered({ seller: '140702', buyer: '140100', at: '140700', amount: 800_000_00, on, achievementIds: [a1] });
    await registered({ seller: '140702', buyer: '140700', at: '140700', amount: 200_000_00, on: day('05-11'), achievementIds: [a1] });
    await publish(t.database.db, matchesPushed, {
      recordType: 'demand', recordId: d1, title: '高强钢焊接需求', jurisdictionCode: '140702', industry: 'C', date: on,
      pushes: [{ pushId: randomUUID(), recordType: 'demand', sourceType: 'achievement' }, { pushId: randomUUID(), recordType: 'achievement', sourceType: 'demand' }],
    });
    const feedbackId = randomUUID();
    const answer = { feedbackId, sourceType: 'demand' as const, sourceId: d1, targetId: a1, verdict: 'interested', jurisdictionCode: '140702', date: on };
    await publish(t.database.db, matchAnswered, answer);
    // The same person changes their mind: still one answered match.
    await publish(t.database.db, matchAnswered, { ...answer, verdict: 'not_relevant' });
    await publish(t.database.db, challengeAccepted, {
      challenge: { id: challengeId, scheme: 'jiebang_guashuai', kind: null }, poserOrganizationId: org, solverOrganizationId: randomUUID(), bidId: randomUUID(), demandId: d1, dealAmount: 500_000_00, jurisdictionCode: '140700', date: on,
    });
    await deliver();

    // A conversion the owner records on a published achievement of 晋中 (the real path: achievements → event → statistics).
    const owner = await t.factories.user();
    const owned = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700' });
    const created = await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody({ organizationId: owned.id }) });
    const id = created.json().id;
    expect((await t.api('POST', `/api/achievements/${id}/submit`, { token: owner.token })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/achievements/${id}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    const conv = await t.api('POST', `/api/achievements/${id}/conversions`, { token: owner.token, body: { kind: 'licensed', date: on, counterparty: '晋中智造装备有限公司', amount: 30_000_000 } });
    expect(conv.statusCode, conv.body).toBe(201);
    await deliver();

    const period = `jurisdiction=140700&from=${day('01-01')}&to=${day('12-31')}`;
    const s = (await stats(period, admin.token)).json();
    expect(s.figures.achievementsConverted).toBe(2);
    expect(s.figures.demandsMet).toBe(1);
    expect(s.figures.matches).toEqual({ pushed: 2, answered: 1 });
    expect(s.figures.challenges.completed).toBe(1);
    // By industry: 制造业 (C) has the two published achievements (a1 and the one of the API), both converted, and the demand posted and met.
    // The two contracts naming a1 (制造业) count there too, with their contract amount.
    expect(s.figures.byIndustry.C).toEqual({ achievementsPublished: 2, achievementsConverted: 2, demandsPosted: 1, demandsMet: 1, matchesPushed: 2, contracts: 2, contractAmount: 1_000_000_00 });
    expect(s.figures.byIndustry.I).toMatchObject({ achievementsPublished: 1, achievementsConverted: 0 });
    for (const k of ['achievementsConverted', 'demandsMet', 'matches', 'byIndustry', 'topOrganizations', 'flows']) expect(s.definitions[k]).toBeTruthy();
    // The month's series carries them too.
    expect(s.series[4].figures.matches.pushed).toBe(2);
    // The public figures (the wall screen) count them as well.
    const pub = (await t.api('GET', `/api/stats/public?${period}`)).json();
    expect(pub.figures.achievementsConverted).toBe(2);
    expect(pub.figures.matches).toEqual({ pushed: 2, answered: 1 });

    const records = async (q: string) => (await t.api('GET', `/api/stats/records?${period}&${q}`, { token: admin.token })).json();
    const converted = await records('metric=achievement.converted');
    expect(converted.items.map((r: { sourceId: string }) => r.sourceId).sort()).toEqual([a1, id].sort());
    expect((await records('metric=achievement.converted&kind=C')).total).toBe(2);
    expect((await records('metric=demand.met')).items).toEqual([expect.objectContaining({ sourceType: 'demand', sourceId: d1, amount: 500_000_00 })]);
    expect((await records('metric=match.pushed')).total).toBe(2);
    expect((await records('metric=match.answered')).items).toEqual([expect.objectContaining({ sourceId: feedbackId, kind: 'interested' })]);
    expect((await records('metric=challenge.completed')).items).toEqual([expect.objectContaining({ sourceId: challengeId })]);
    // A contract figure down to one seller's and one flow's contracts.
    expect((await records('metric=contract&sellerIn=140702&buyerIn=140100')).items.map((r: { sourceId: string }) => r.sourceId)).toEqual([c1]);
    // (The contracts of the test above are in January and February.)
    expect((await t.api('GET', `/api/stats/records?jurisdiction=140700&from=${day('05-01')}&to=${day('05-31')}&metric=contract&buyerIn=140000`, { token: admin.token })).json().total).toBe(2);
    expect((await records('metric=contract&buyerIn=140100')).items[0]).toMatchObject({ seller: '卖方大学', buyer: '买方企业' });
  });

  it('a demand is met once — by its challenge, a deal made from it, or a contract registered from that deal; a terminated contract un-converts what only it converted; contracts by industry', async () => {
    const admin = await t.factories.admin('210100');
    const period = `jurisdiction=210100&from=${day('01-01')}&to=${day('12-31')}`;
    const figures = async () => (await stats(period, admin.token)).json().figures;
    const records = async (q: string) => (await t.api('GET', `/api/stats/records?${period}&${q}`, { token: admin.token })).json();
    const changedAt = new Date(`${day('06-01')}T10:00:00+08:00`).toISOString();
    const org = randomUUID();
    const [demand, a, b, dealId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await publish(t.database.db, demandPublished, { recordType: 'demand', recordId: demand, organizationId: org, jurisdictionCode: '210102', industry: 'M', version: 1, changedAt });
    for (const id of [a, b]) await publish(t.database.db, achievementPublished, { recordType: 'achievement', recordId: id, organizationId: org, jurisdictionCode: '210102', industry: 'M', version: 1, changedAt });
    // A deal made from the demand is signed (in 大连, where the achievement's listing is): the demand is met, counted where the demand is (沈阳).
    await publish(t.database.db, dealSigned, {
      dealId, listingId: randomUUID(), achievementId: a, sellerOrganizationId: randomUUID(), buyerOrganizationId: org, agentOrganizationId: null,
      jurisdictionCode: '210200', source: 'negotiated', transaction: 'transfer', amountFen: 900_000_00, listPriceFen: 900_000_00, signedOn: day('06-10'), demandId: demand, contractNo: 'HT-1', payments: [],
    });
    await deliver();
    expect((await figures()).demandsMet).toBe(1);
    expect((await records('metric=demand.met')).items).toEqual([expect.objectContaining({ sourceId: demand, kind: 'M', day: day('06-10'), label: '平台成交 HT-1' })]);
    // Its challenge accepted later too: still one demand met, from the deal's day.
    await publish(t.database.db, challengeAccepted, {
      challenge: { id: randomUUID(), scheme: 'jiebang_guashuai', kind: null }, poserOrganizationId: org, solverOrganizationId: randomUUID(), bidId: randomUUID(), demandId: demand, dealAmount: 100_000_00, jurisdictionCode: '210100', date: day('06-20'),
    });
    await deliver();
    expect((await records('metric=demand.met')).items).toEqual([expect.objectContaining({ sourceId: demand, day: day('06-10') })]);

    // The contract registered from that deal: the demand is still met once; it converts a (no industry sent: its achievement's as published, M).
    const c1 = await registered({ seller: '210102', buyer: '210104', at: '210100', amount: 900_000_00, on: day('06-12'), achievementIds: [a], dealId });
    // b is converted by two contracts; the later one says its industry (信息技术 I).
    const c2 = await registered({ seller: '210102', buyer: '210104', at: '210100', amount: 100_000_00, on: day('06-13'), achievementIds: [b] });
    const c3 = await registered({ seller: '210102', buyer: '210104', at: '210100', amount: 300_000_00, on: day('08-05'), achievementIds: [b], industry: 'I' });
    await deliver();
    let f = await figures();
    expect(f.demandsMet).toBe(1);
    expect(f.achievementsConverted).toBe(2);
    expect(f.contracts.count).toBe(3);
    expect(f.byIndustry.I).toMatchObject({ contracts: 1, contractAmount: 300_000_00 });
    expect(f.byIndustry.M).toMatchObject({ contracts: 2, contractAmount: 1_000_000_00 });
    // A contract naming no achievement and saying no industry is 未分类 ('').
    await registered({ seller: '210102', buyer: '210104', at: '210100', amount: 10_000_00, on: day('12-01') });
    await deliver();
    expect((await figures()).byIndustry['']).toMatchObject({ contracts: 1, contractAmount: 10_000_00 });
    expect((await records('metric=contract.industry&kind=I')).items.map((r: { sourceId: string }) => r.sourceId)).toEqual([c3]);

    // c1 and c2 are terminated: a was converted by c1 alone and is no longer; b still is, by c3 (from c3's day); the demand is still met by the deal.
    for (const id of [c1, c2]) await publish(t.database.db, contractTerminated, { contractId: id, registrationNumber: null, terminatedOn: day('09-01'), reason: '双方协议解除' });
    await deliver();
    f = await figures();
    expect(f.achievementsConverted).toBe(1);
    expect((await records('metric=achievement.converted')).items).toEqual([expect.objectContaining({ sourceId: b, day: day('08-05'), amount: 300_000_00 })]);
    expect(f.demandsMet).toBe(1);
    expect(f.contracts).toMatchObject({ count: 2, contractAmount: 310_000_00 });
    expect(f.byIndustry.M).toMatchObject({ contracts: 0, contractAmount: 0, achievementsConverted: 1, demandsMet: 1 });
    // The month of the terminated contracts drops them; August keeps c3.
    const months = (await stats(`${period}&by=month`, admin.token)).json().series;
    expect(months[5].figures.contracts.count).toBe(0);
    expect(months[5].figures.achievementsConverted).toBe(0);
    expect(months[7].figures.achievementsConverted).toBe(1);
    // Terminated again (a redelivery) changes nothing.
    await publish(t.database.db, contractTerminated, { contractId: c1, registrationNumber: null, terminatedOn: day('09-01'), reason: '双方协议解除' });
    await deliver();
    expect((await figures()).achievementsConverted).toBe(1);

    // A new contract naming a converts it again, from its own day.
    await registered({ seller: '210102', buyer: '210104', at: '210100', amount: 50_000_00, on: day('10-08'), achievementIds: [a] });
    await deliver();
    expect((await figures()).achievementsConverted).toBe(2);
    expect((await records('metric=achievement.converted')).items.map((r: { sourceId: string; day: string }) => [r.sourceId, r.day])).toEqual([[a, day('10-08')], [b, day('08-05')]]);
  });

  it('conversions counted from contracts before causes were kept: the start-up repair names their contracts and takes back those of contracts terminated', async () => {
    const admin = await t.factories.admin('210100');
    const period = `jurisdiction=210100&from=${day('01-01')}&to=${day('12-31')}`;
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const converted = async () =>
      (await t.api('GET', `/api/stats/records?${period}&metric=achievement.converted&pageSize=100`, { token: admin.token })).json().items.map((r: { sourceId: string }) => r.sourceId).filter((id: string) => ([a, b, c] as string[]).includes(id)).sort();
    const changedAt = new Date(`${day('02-01')}T10:00:00+08:00`).toISOString();
    for (const id of [a, b, c]) await publish(t.database.db, achievementPublished, { recordType: 'achievement', recordId: id, organizationId: randomUUID(), jurisdictionCode: '210102', industry: 'C', version: 1, changedAt });
    const early = await registered({ seller: '210102', buyer: '210104', at: '210100', amount: 20_000_00, on: day('02-10'), achievementIds: [a] });
    const kept = await registered({ seller: '210102', buyer: '210104', at: '210100', amount: 30_000_00, on: day('02-11'), achievementIds: [b] });
    // c converted by its owner's own record, not by a contract.
    await publish(t.database.db, achievementConverted, { achievementId: c, conversionId: randomUUID(), date: day('02-12'), kind: 'licensed', industry: 'C', title: '成果转化登记', amountFen: 10_000_00, jurisdictionCode: '210102' });
    await deliver();
    // As a database migrated from before causes were kept has them: each conversion under a cause naming its fact, not its contract …
    await t.database.db.execute(sql`update stat_causes c set cause_id = 'counted-before:' || f.id from stat_facts f
      where f.metric = c.metric and f.source_id = c.subject_id and f.reversed_at is null and c.subject_id in (${a}, ${b}, ${c})`);
    // … and `early` terminated then, when a termination took back the contract's own figures only.
    await t.database.db.transaction((tx) => reverseFactsOf(tx, early));
    const before = await converted();
    expect(before).toEqual([a, b, c].sort());

    expect(await repairConversionsCountedBefore(t.database.db)).toBe(2);
    expect(await converted()).toEqual([b, c].sort());
    const figures = async () => (await stats(period, admin.token)).json().figures.achievementsConverted;
    const counted = await figures();
    // Run again (the next start): nothing left to name.
    expect(await repairConversionsCountedBefore(t.database.db)).toBe(0);
    // `kept`, registered before and terminated now, takes its conversion back as any contract does; c's own record stays.
    await publish(t.database.db, contractTerminated, { contractId: kept, registrationNumber: null, terminatedOn: day('03-01'), reason: '双方协议解除' });
    await deliver();
    expect(await converted()).toEqual([c]);
    expect(await figures()).toBe(counted - 1);
  });

  it('a contract takes its industry from its achievements through the achievements module when it does not say one, and leaves that industry when terminated', async () => {
    const admin = await t.factories.admin('210100');
    const owner = await t.factories.user();
    const owned = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '210100' });
    const created = await t.api('POST', '/api/achievements', { token: owner.token, body: achievementBody({ organizationId: owned.id }) });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const period = `jurisdiction=210100&from=${day('11-01')}&to=${day('11-30')}`;
    const c = await registered({ seller: '210102', buyer: '210104', at: '210100', amount: 70_000_00, on: day('11-03'), achievementIds: [id] });
    await deliver();
    // achievementBody is of 制造业 (C).
    expect((await stats(period, admin.token)).json().figures.byIndustry.C).toMatchObject({ contracts: 1, contractAmount: 70_000_00 });
    await publish(t.database.db, contractTerminated, { contractId: c, registrationNumber: null, terminatedOn: day('11-20'), reason: '撤销登记' });
    await deliver();
    expect((await stats(period, admin.token)).json().figures.byIndustry.C).toMatchObject({ contracts: 0, contractAmount: 0 });
  });

  it('top organisations by registered contract amount or count, as sellers or buyers; the flows between regions; both in the Excel export and down to their contracts', async () => {
    const admin = await t.factories.admin('210100');
    const university = randomUUID();
    const on = (d: string) => day(`07-${d}`);
    await registered({ seller: '210102', sellerOrg: university, sellerName: '沈阳工业大学', buyer: '210106', buyerName: '铁西装备公司', at: '210100', amount: 500_000_00, on: on('01') });
    await registered({ seller: '210102', sellerOrg: university, sellerName: '沈阳工业大学', buyer: '140700', buyerName: '晋中企业', at: '210100', amount: 300_000_00, on: on('02') });
    await registered({ seller: '371002', sellerName: '威海研究院', buyer: '210106', buyerName: '铁西装备公司', at: '210100', amount: 900_000_00, on: on('03') });
    await registered({ seller: '210103', sellerName: '沈河科技', buyer: '210103', buyerName: '沈河企业', at: '210100', amount: 100_000_00, on: on('04') });
    // Registered in 晋中, bought in 沈阳: not 沈阳's contract, but a flow into it.
    await registered({ seller: '140702', sellerName: '晋中大学', buyer: '210106', buyerName: '铁西装备公司', at: '140700', amount: 50_000_00, on: on('05') });
    await deliver();
    const period = `jurisdiction=210100&from=${on('01')}&to=${on('31')}`;
    const top = async (q: string) => (await t.api('GET', `/api/stats/organizations?${period}&${q}`, { token: admin.token })).json();

    const byAmount = await top('side=seller');
    expect(byAmount.items.map((x: { name: string; count: number; contractAmount: number }) => [x.name, x.count, x.contractAmount])).toEqual([
      ['威海研究院', 1, 900_000_00],
      ['沈阳工业大学', 2, 800_000_00],
      ['沈河科技', 1, 100_000_00],
    ]);
    // A party without an account is told by its name; one with an account by its organisation.
    expect(byAmount.items[0].key).toBe('威海研究院');
    expect(byAmount.items[1].key).toBe(university);
    expect((await top('side=seller&order=count&limit=1')).items.map((x: { name: string }) => x.name)).toEqual(['沈阳工业大学']);
    expect((await top('side=buyer')).items[0]).toMatchObject({ name: '铁西装备公司', count: 2, contractAmount: 1_400_000_00 });
    // Periods that cut months (summed by month inside, from the contracts at either end) give the same as counting the contracts.
    const cut = async (from: string, to: string) =>
      (await t.api('GET', `/api/stats/organizations?jurisdiction=210100&from=${from}&to=${to}&side=seller`, { token: admin.token })).json().items.map((x: { name: string; count: number; contractAmount: number }) => [x.name, x.count, x.contractAmount]);
    expect(await cut(day('06-25'), day('08-03'))).toEqual(await cut(on('01'), on('31')));
    expect(await cut(on('02'), on('03'))).toEqual([['威海研究院', 1, 900_000_00], ['沈阳工业大学', 1, 300_000_00]]);
    expect(await cut(day('06-20'), on('01'))).toEqual([['沈阳工业大学', 1, 500_000_00]]);

    // Flows: every contract whose seller or buyer is in 沈阳, wherever registered; inside 沈阳 by district, outside by province.
    const flows = (await t.api('GET', `/api/stats/flows?${period}`, { token: admin.token })).json();
    const links = (f: { links: { seller: string; buyer: string; count: number; amount: number }[] }) => f.links.map((l) => [l.seller, l.buyer, l.count, l.amount]);
    expect(links(flows)).toEqual([
      ['370000', '210106', 1, 900_000_00],
      ['210102', '210106', 1, 500_000_00],
      ['210102', '140000', 1, 300_000_00],
      ['210103', '210103', 1, 100_000_00],
      ['140000', '210106', 1, 50_000_00],
    ]);
    // Counts and amounts between regions only: no party leaves.
    expect(JSON.stringify(flows)).not.toMatch(/铁西装备|大学|研究院|企业/); // regions are named (铁西区), parties never
    // A period cutting months gives the same flows.
    expect(links((await t.api('GET', `/api/stats/flows?jurisdiction=210100&from=${day('06-30')}&to=${day('08-02')}`, { token: admin.token })).json())).toEqual(links(flows));
    // 晋中's administrators see the flows that touch their city — 沈阳 selling into 晋中, 榆次 (晋中) selling to 沈阳 — and none of 沈阳's own; a platform administrator sees any jurisdiction's.
    const jinzhong = await t.factories.admin('140700');
    const out = (await t.api('GET', `/api/stats/flows?jurisdiction=140700&${period.slice(period.indexOf('&') + 1)}`, { token: jinzhong.token })).json();
    expect(links(out)).toEqual([['210000', '140700', 1, 300_000_00], ['140702', '210000', 1, 50_000_00]]);
    const platform = await t.factories.user({ platformAdmin: true });
    expect(links((await t.api('GET', `/api/stats/flows?${period}`, { token: platform.token })).json())).toEqual(links(flows));
    expect(flows.regions).toContainEqual(expect.objectContaining({ code: '370000', inside: false }));
    // Regions are named: by the platform's jurisdictions, else (a province it has none for, 江苏 …) by GB/T 2260.
    expect(flows.regions).toContainEqual({ code: '140000', name: '山西省', inside: false });
    expect(flows.regions).toContainEqual(expect.objectContaining({ code: '210106', inside: true }));

    // Down to the contracts of one seller, and of one flow.
    const records = async (q: string) => (await t.api('GET', `/api/stats/records?${period}&metric=contract&${q}`, { token: admin.token })).json();
    expect((await records(`seller=${university}`)).total).toBe(2);
    expect((await records('sellerIn=370000&buyerIn=210106')).items).toEqual([expect.objectContaining({ seller: '威海研究院', buyer: '铁西装备公司', amount: 900_000_00 })]);

    const xlsx = await t.api('GET', `/api/stats/export.xlsx?${period}`, { token: admin.token });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计', '行业分布', '卖方机构排名', '买方机构排名', '地区流向', '目标与进度', '口径说明']);
    // 沈阳's plan targets, with their sources.
    const targetsSheet = wb.getWorksheet('目标与进度')!;
    expect(targetsSheet.getRow(1).values).toEqual([undefined, '指标', '年度', '目标', '当前', '完成度', '每月需', '年均需增长', '差距（百分点）', '来源']);
    expect(targetsSheet.getColumn(1).values).toContain('技术合同成交额（元）');
    // Named by the plan's title, never by the seed's number.
    expect(targetsSheet.getColumn(9).values).toContain('《沈阳市促进科技成果本地转化行动方案》：到2025年，全市技术合同成交额达到500亿元');

    // The public page's export: the same figures, industries and targets — and no party, no ranking, no flow.
    const pub = await t.api('GET', `/api/stats/public/export.xlsx?${period}`);
    expect(pub.statusCode).toBe(200);
    const pwb = new ExcelJS.Workbook();
    await pwb.xlsx.load(pub.rawPayload as unknown as ArrayBuffer);
    expect(pwb.worksheets.map((w) => w.name)).toEqual(['统计', '行业分布', '目标与进度', '口径说明']);
    const cells = pwb.worksheets.flatMap((w) => w.getSheetValues().flat()).map(String).join('|');
    expect(cells).not.toMatch(/沈阳工业大学|铁西装备公司|威海研究院/);
    expect(pwb.getWorksheet('统计')!.getRow(3).getCell(2).value).toBe('登记合同（份）');

    // The records behind a figure, as the drawer lists them, to Excel.
    const rx = await t.api('GET', `/api/stats/records.xlsx?${period}&metric=contract&seller=${university}`, { token: admin.token });
    expect(rx.statusCode).toBe(200);
    expect(rx.headers['content-disposition']).toContain(encodeURIComponent('登记合同明细'));
    const rwb = new ExcelJS.Workbook();
    await rwb.xlsx.load(rx.rawPayload as unknown as ArrayBuffer);
    const rs = rwb.getWorksheet('明细')!;
    expect(rs.getRow(1).values).toEqual([undefined, '登记合同', '共 2 条']);
    // What the record's owner adds beside it (who, what else) in its own column.
    expect(rs.getRow(2).values).toEqual([undefined, '日期', '记录', '说明', '卖方', '买方', '类别', '金额（元）', '技术交易额（元）', '记录编号']);
    expect([rs.getRow(3).getCell(4).value, rs.getRow(3).getCell(7).value]).toEqual(['沈阳工业大学', 300_000]);
    expect(rs.rowCount).toBe(4);
    // Refused to another jurisdiction's administrators, with the reason in Chinese.
    const refused = await t.api('GET', `/api/stats/records.xlsx?${period}&metric=contract`, { token: (await t.factories.admin('371000')).token });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const badMetric = await t.api('GET', `/api/stats/records.xlsx?${period}&metric=nonsense`, { token: admin.token });
    expect(badMetric.statusCode).toBe(400);
    expect(badMetric.json().errors[0].path).toBe('metric');
    expect(wb.getWorksheet('卖方机构排名')!.getRow(2).values).toEqual([undefined, 1, '威海研究院', '371002', 1, 900_000, 900_000]);
    expect(wb.getWorksheet('地区流向')!.rowCount).toBe(6);
  });

  it('top organisations and flows over several years — read by year, or as every party\'s totals less what lies outside the period — equal counting the contracts', async () => {
    const admin = await t.factories.admin('610000');
    const y = (n: number, md: string) => `${year - n}-${md}`;
    const a = { seller: '610102', sellerName: '秦岭大学', buyer: '610113', buyerName: '雁塔企业', at: '610100' };
    const b = { seller: '610113', sellerName: '西安研究院', buyer: '210102', buyerName: '沈阳企业', at: '610100' };
    await registered({ ...a, amount: 100_00, on: y(3, '01-10') });
    await registered({ ...a, amount: 200_00, on: y(2, '06-30') });
    await registered({ ...b, amount: 400_00, on: y(1, '12-31') });
    const gone = await registered({ ...b, amount: 800_00, on: y(1, '03-03') });
    await registered({ ...a, amount: 1_000_00, on: y(0, '03-02') });
    await registered({ ...b, amount: 50_00, on: y(0, '03-01') });
    await deliver();
    await publish(t.database.db, contractTerminated, { contractId: gone, registrationNumber: null, terminatedOn: y(1, '04-01'), reason: '撤销登记' });
    await deliver();
    const top = async (from: string, to: string, side = 'seller') =>
      (await t.api('GET', `/api/stats/organizations?jurisdiction=610000&from=${from}&to=${to}&side=${side}`, { token: admin.token })).json().items.map((x: { name: string; count: number; contractAmount: number }) => [x.name, x.count, x.contractAmount]);
    // Every year with contracts: the totals (less nothing).
    expect(await top(y(3, '01-01'), y(0, '12-31'))).toEqual([['秦岭大学', 3, 1_300_00], ['西安研究院', 2, 450_00]]);
    expect(await top(y(3, '01-01'), y(0, '12-31'), 'buyer')).toEqual([['雁塔企业', 3, 1_300_00], ['沈阳企业', 2, 450_00]]);
    // Ten years around them, and periods cutting the first and the last year at a day: the totals less the pieces outside.
    expect(await top(y(9, '01-01'), y(0, '12-31'))).toEqual([['秦岭大学', 3, 1_300_00], ['西安研究院', 2, 450_00]]);
    expect(await top(y(3, '01-11'), y(0, '12-31'))).toEqual([['秦岭大学', 2, 1_200_00], ['西安研究院', 2, 450_00]]);
    expect(await top(y(3, '01-10'), y(0, '03-01'))).toEqual([['西安研究院', 2, 450_00], ['秦岭大学', 2, 300_00]]);
    expect(await top(y(3, '02-01'), y(1, '12-30'))).toEqual([['秦岭大学', 1, 200_00]]);
    // A shorter period, by its own years, months and days.
    expect(await top(y(2, '06-30'), y(1, '12-31'))).toEqual([['西安研究院', 1, 400_00], ['秦岭大学', 1, 200_00]]);
    // Flows over the years: the same by year as by month.
    const flows = async (from: string, to: string) =>
      (await t.api('GET', `/api/stats/flows?jurisdiction=610000&from=${from}&to=${to}`, { token: admin.token })).json().links.map((l: { seller: string; buyer: string; count: number; amount: number }) => [l.seller, l.buyer, l.count, l.amount]);
    expect(await flows(y(9, '01-01'), y(0, '12-31'))).toEqual([['610100', '610100', 3, 1_300_00], ['610100', '210000', 2, 450_00]]);
    expect(await flows(y(3, '01-11'), y(0, '03-01'))).toEqual([['610100', '210000', 2, 450_00], ['610100', '610100', 1, 200_00]]);
  });

  it('the figure set read from yearly, monthly and daily sums equals the daily sums alone, for periods cut mid-year, across a terminated contract and a conversion moved to another day; the start-up repair rebuilds sums that missed a change', async () => {
    const admin = await t.factories.admin('370000');
    const y = (n: number, md: string) => `${year - n}-${md}`;
    const [a, b] = [randomUUID(), randomUUID()];
    const changedAt = new Date(`${y(3, '01-05')}T10:00:00+08:00`).toISOString();
    for (const id of [a, b]) await publish(t.database.db, achievementPublished, { recordType: 'achievement', recordId: id, organizationId: randomUUID(), jurisdictionCode: '371002', industry: 'C', version: 1, changedAt });
    const w = { seller: '371002', buyer: '371003', at: '371000' };
    await registered({ ...w, amount: 100_00, on: y(2, '01-01') });
    const converting = await registered({ ...w, amount: 200_00, on: y(2, '03-15'), achievementIds: [a] });
    await registered({ ...w, seller: '210102', kind: 'development', amount: 400_00, on: y(2, '12-31') });
    await registered({ ...w, buyer: '110108', amount: 800_00, on: y(1, '01-01'), achievementIds: [b] });
    const gone = await registered({ ...w, amount: 1_600_00, on: y(1, '06-30') });
    await registered({ ...w, seller: '370200', buyer: '370200', at: '370200', amount: 3_200_00, on: y(1, '07-01') });
    await registered({ ...w, amount: 6_400_00, on: y(0, '02-28'), achievementIds: [a] });
    await publish(t.database.db, dealSigned, {
      dealId: randomUUID(), listingId: randomUUID(), achievementId: b, sellerOrganizationId: randomUUID(), buyerOrganizationId: randomUUID(), agentOrganizationId: null,
      jurisdictionCode: '371000', source: 'auction', transaction: 'transfer', amountFen: 500_00, listPriceFen: 400_00, signedOn: y(1, '11-30'), contractNo: null, payments: [],
    });
    await deliver();
    // `gone` is terminated (its sums go down); `converting` too, so a is converted from the later contract's day instead (its fact moves from one year to another).
    for (const id of [gone, converting]) await publish(t.database.db, contractTerminated, { contractId: id, registrationNumber: null, terminatedOn: y(0, '01-10'), reason: '撤销登记' });
    await deliver();
    const converted = (await t.api('GET', `/api/stats/records?jurisdiction=370000&metric=achievement.converted&from=${y(3, '01-01')}&to=${y(0, '12-31')}`, { token: admin.token })).json();
    expect(converted.items.map((r: { sourceId: string; day: string }) => [r.sourceId, r.day])).toEqual([[a, y(0, '02-28')], [b, y(1, '01-01')]]);

    /** The figures and series as the daily sums alone give them. */
    const fromDays = async (code: string, from: string, to: string, by: 'month' | 'year' | 'child') => {
      const grp = by === 'month' ? sql`to_char(day, 'YYYY-MM')` : by === 'year' ? sql`to_char(day, 'YYYY')` : sql`jurisdiction_code`;
      const rows = async (where: ReturnType<typeof sql>, g: ReturnType<typeof sql>) =>
        queryRows<{ grp: string; metric: string; kind: string; count: number; amount: number; amount2: number }>(
          t.database.db,
          sql`select ${g} as grp, metric, kind, sum(count)::float8 as count, sum(amount)::float8 as amount, sum(amount2)::float8 as amount2
          from stat_rollups where ${where} and day between ${from}::date and ${to}::date group by 1, 2, 3`,
        );
      const grouped = await rows(by === 'child' ? sql`parent_code = ${code}` : sql`jurisdiction_code = ${code}`, grp);
      const series = Object.fromEntries([...new Set(grouped.map((r) => r.grp))].map((g) => [g, figuresOf(grouped.filter((r) => r.grp === g))]));
      return { figures: figuresOf(await rows(sql`jurisdiction_code = ${code}`, sql`''`)), series };
    };
    const fromApi = async (code: string, from: string, to: string, by: 'month' | 'year' | 'child') => {
      const r = (await stats(`jurisdiction=${code}&from=${from}&to=${to}&by=${by}`, admin.token)).json();
      // Periods with nothing counted are in the series as empty points; the daily sums have no row for them.
      // The region's own level (by child) is no child: the daily sums have no row for it.
      const series = Object.fromEntries(r.series.filter((s: { remainder?: boolean; figures: { contracts: { count: number } } }) => !s.remainder && JSON.stringify(s.figures) !== JSON.stringify(figuresOf([]))).map((s: { period: string; figures: unknown }) => [s.period, s.figures]));
      return { figures: r.figures, series };
    };
    const periods: [string, string][] = [
      [y(3, '01-01'), y(0, '12-31')], // whole years only
      [y(2, '03-15'), y(0, '02-10')], // cut mid-month at both ends, a whole year between
      [y(2, '02-01'), y(1, '06-30')], // whole months of a partial year, then days
      [y(2, '12-31'), y(1, '01-01')], // two days across a year's end
      [y(1, '06-30'), y(1, '07-01')],
      [y(2, '03-16'), y(0, '02-28')],
    ];
    const compare = async () => {
      for (const [from, to] of periods) {
        for (const by of ['month', 'year', 'child'] as const) {
          for (const code of ['370000', '371000']) {
            const want = await fromDays(code, from, to, by);
            const got = await fromApi(code, from, to, by);
            expect(got.figures, `${code} ${from}–${to} by ${by}`).toEqual(want.figures);
            expect(Object.keys(got.series).sort(), `${code} ${from}–${to} by ${by}`).toEqual(Object.keys(want.series).filter((k) => JSON.stringify(want.series[k]) !== JSON.stringify(figuresOf([]))).sort());
            for (const k of Object.keys(got.series)) expect(got.series[k], `${code} ${from}–${to} by ${by}: ${k}`).toEqual(want.series[k]);
          }
        }
      }
    };
    await compare();
    // The years before this one (other tests count in this one): four live contracts, b converted, one auction.
    const whole = (await fromApi('370000', y(3, '01-01'), y(1, '12-31'), 'year')).figures;
    expect(whole.contracts).toMatchObject({ count: 4, contractAmount: 100_00 + 400_00 + 800_00 + 3_200_00 });
    expect(whole.achievementsConverted).toBe(1);
    expect(whole.deals.auctionPremium).toBe(0.25);

    // Sums that missed a change (a yearly row off by one, a month lost): the figures differ until the start-up repair rebuilds them from the daily sums.
    await t.database.db.execute(sql`update stat_rollup_years set count = count + 1 where jurisdiction_code = '370000' and metric = 'contract' and year = ${y(1, '01-01')}::date`);
    await t.database.db.execute(sql`delete from stat_rollup_months where jurisdiction_code = '371000' and metric = 'contract.output' and month = ${y(1, '01-01')}::date`);
    expect((await fromApi('370000', y(3, '01-01'), y(1, '12-31'), 'year')).figures.contracts.count).toBe(5);
    expect((await fromApi('371000', y(1, '01-01'), y(1, '06-30'), 'month')).figures.output.count).toBe(0);
    // Without a mark a start trusts the sums (a hand edit is found when forced); with one, as a writer that died half-way leaves, it repairs them.
    expect(await repairRollupSums(t.database.db)).toEqual([]);
    await statisticsRepository.markRollups(t.database.db, 'test: a writer died half-way');
    expect((await repairRollupSums(t.database.db)).sort()).toEqual(['contract', 'contract.output']);
    await compare();
    expect(await repairRollupSums(t.database.db, { force: true })).toEqual([]);
  });

  it('a start compares the sums only when a writer died half-way (its mark is left) or a migration asks; a clean start reads the marks and nothing else', async () => {
    const db = t.database.db;
    const totals = vi.spyOn(statisticsRepository, 'rollupTotalsDiffering');
    const marks = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stat_rollup_marks`))[0]!.n;
    const yearCount = async () => (await queryRows<{ n: number }>(db, sql`select coalesce(sum(count), 0)::int as n from stat_rollup_years where jurisdiction_code = '140000' and metric = 'achievement.published'`))[0]!.n;
    const fact = (id = randomUUID()) => ({ metric: 'achievement.published', sourceType: 'achievement', sourceId: id, day: day('03-15'), kind: 'C', jurisdictions: regionChain('140700') });
    try {
      // The migration's mark (or an earlier test's repair) is gone after one start; the next start is clean.
      await repairRollupSums(db);
      expect(await marks()).toBe(0);
      totals.mockClear();
      // Counted inside a transaction and outside one: no mark stays, and a start does not compare the sums.
      await db.transaction((tx) => recordFacts(tx, [fact()]));
      await recordFacts(db, [fact()]);
      expect(await marks()).toBe(0);
      expect(await repairRollupSums(db)).toEqual([]);
      expect(totals).not.toHaveBeenCalled();

      // A crash inside a transaction takes the daily sums back with the rest: nothing to repair, no mark.
      const before = await yearCount();
      const crash = () => vi.spyOn(statisticsRepository, 'addRollups').mockImplementation(async (ex, grain, rows) => {
        if (grain === 'month') throw new Error('crash');
        await addRollups(ex, grain, rows);
      });
      const addRollups = statisticsRepository.addRollups;
      let spy = crash();
      await expect(db.transaction((tx) => recordFacts(tx, [fact()]))).rejects.toThrow('crash');
      spy.mockRestore();
      expect(await marks()).toBe(0);
      expect(await repairRollupSums(db)).toEqual([]);
      expect(totals).not.toHaveBeenCalled();

      // A writer outside a transaction that dies between the daily and the monthly sums leaves its mark: the next start rebuilds them from the daily sums.
      spy = crash();
      await expect(recordFacts(db, [fact()])).rejects.toThrow('crash');
      spy.mockRestore();
      expect(await marks()).toBe(1);
      expect(await yearCount()).toBe(before);
      expect(await repairRollupSums(db)).toEqual(['achievement.published']);
      expect(totals).toHaveBeenCalledTimes(1);
      expect(await yearCount()).toBe(before + 1);
      expect(await marks()).toBe(0);
      totals.mockClear();
      expect(await repairRollupSums(db)).toEqual([]);
      expect(totals).not.toHaveBeenCalled();
    } finally {
      totals.mockRestore();
    }
  });

  it('refuses the top organisations and the flows to visitors and other jurisdictions’ administrators, and bad periods, jurisdictions and filters', async () => {
    const local = await t.factories.admin('140700');
    const foreign = await t.factories.admin('371000');
    for (const path of ['/api/stats/organizations', '/api/stats/flows']) {
      expect((await t.api('GET', `${path}?jurisdiction=140700`)).statusCode).toBe(401);
      const refused = await t.api('GET', `${path}?jurisdiction=140700`, { token: foreign.token });
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().detail).toMatch(/[\u4e00-\u9fa5]/);
      // A member of an organisation is no administrator: refused too.
      expect((await t.api('GET', `${path}?jurisdiction=140700`, { token: (await t.factories.user()).token })).statusCode).toBe(403);
      const backwards = await t.api('GET', `${path}?jurisdiction=140700&from=${day('05-01')}&to=${day('04-01')}`, { token: local.token });
      expect(backwards.statusCode).toBe(422);
      expect(backwards.json().errors[0]).toMatchObject({ path: 'from', message: '开始日期不能晚于结束日期' });
      expect((await t.api('GET', `${path}?jurisdiction=999900`, { token: local.token })).statusCode).toBe(404);
      expect((await t.api('GET', `${path}?jurisdiction=140700`, { token: local.token })).statusCode).toBe(200);
    }
    expect((await t.api('GET', '/api/stats/organizations?jurisdiction=140700&side=agency', { token: local.token })).statusCode).toBe(400);
    expect((await t.api('GET', '/api/stats/organizations?jurisdiction=140700&limit=0', { token: local.token })).statusCode).toBe(400);
    const badRegion = await t.api('GET', '/api/stats/records?jurisdiction=140700&metric=contract&sellerIn=14', { token: local.token });
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.json().errors[0].path).toBe('sellerIn');
    // Another jurisdiction's export and records are refused as its figures are.
    expect((await t.api('GET', '/api/stats/export.xlsx?jurisdiction=140700', { token: foreign.token })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/stats/records?jurisdiction=140700&metric=match.pushed', { token: foreign.token })).statusCode).toBe(403);
    // The public figures of an unknown jurisdiction or a backwards period are refused too.
    expect((await t.api('GET', '/api/stats/public?jurisdiction=999900')).statusCode).toBe(404);
    expect((await t.api('GET', `/api/stats/public?jurisdiction=140700&from=${day('05-01')}&to=${day('04-01')}`)).statusCode).toBe(422);
  });

  it('refuses a period that ends before it starts, an unknown jurisdiction, and another jurisdiction’s figures; the public page answers anyone', async () => {
    const local = await t.factories.admin('140700');
    const foreign = await t.factories.admin('371000');
    const backwards = await stats(`jurisdiction=140700&from=${day('05-01')}&to=${day('04-01')}`, local.token);
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors).toEqual([expect.objectContaining({ path: 'from', message: '开始日期不能晚于结束日期' })]);
    const unknown = await stats('jurisdiction=999900', local.token);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors[0].path).toBe('jurisdiction');
    expect((await stats('jurisdiction=14070', local.token)).statusCode).toBe(400);
    expect((await stats('jurisdiction=140700')).statusCode).toBe(401);
    expect((await stats('jurisdiction=140700', foreign.token)).statusCode).toBe(403);
    expect((await t.api('GET', '/api/stats/records?jurisdiction=140700&metric=contract', { token: foreign.token })).statusCode).toBe(403);
    expect((await stats('jurisdiction=140700', local.token)).statusCode).toBe(200);
    expect((await t.api('GET', '/api/stats/public?jurisdiction=140700')).statusCode).toBe(200);
    const xlsx = await t.api('GET', '/api/stats/export.xlsx?jurisdiction=140700', { token: local.token });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('targets: the plans’ targets are there with their sources; administrators set a year’s, never a negative one', async () => {
    const seeded = (await t.api('GET', '/api/jurisdictions/210100/targets')).json();
    expect(seeded.items).toContainEqual(expect.objectContaining({ key: 'contractAmount', year: 2025, value: 500 * 100_000_000 * 100, unit: 'fen', source: expect.stringContaining('500亿元') }));
    // A figure nothing tracks yet has no actual value.
    expect(seeded.items.find((i: { key: string }) => i.key === 'matchmakingEvents')).toMatchObject({ tracked: false, actual: null, progress: null });
    // One the platform measures, with nothing to measure it from (no contracts of 沈阳 in 2022): tracked, no value — "no data", not "not tracked yet".
    expect(seeded.items.find((i: { key: string; year: number }) => i.key === 'localConversionRate' && i.year === 2022)).toMatchObject({ tracked: true, actual: null, progress: null });
    // The same for an amount: a past year without a contract on the platform has no data, not a turnover of 0 元 (0 %).
    expect(seeded.items.find((i: { key: string; year: number }) => i.key === 'contractAmount' && i.year === 2022)).toMatchObject({ tracked: true, actual: null, progress: null });

    const local = await t.factories.admin('140700');
    const foreign = await t.factories.admin('371000');
    const body = { year, targets: [{ key: 'achievementsPublished', value: 400, source: '晋中市年度计划' }] };
    expect((await t.api('PUT', '/api/jurisdictions/140700/targets', { token: foreign.token, body })).statusCode).toBe(403);
    const negative = await t.api('PUT', '/api/jurisdictions/140700/targets', { token: local.token, body: { year, targets: [{ key: 'achievementsPublished', value: -1 }] } });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0]).toMatchObject({ path: 'targets.0.value', message: '目标值不能为负数' });
    const notNumber = await t.api('PUT', '/api/jurisdictions/140700/targets', { token: local.token, body: { year, targets: [{ key: 'achievementsPublished', value: '很多' }] } });
    expect(notNumber.statusCode).toBe(400);
    // A fraction of a fen or of an achievement is refused at its field, not rounded.
    const fraction = await t.api('PUT', '/api/jurisdictions/140700/targets', { token: local.token, body: { year, targets: [{ key: 'contractAmount', value: 100.5 }] } });
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().errors[0]).toMatchObject({ path: 'targets.0.value', message: expect.stringContaining('整数') });
    expect((await t.api('PUT', '/api/jurisdictions/140700/targets', { token: local.token, body: { year, targets: [{ key: 'achievementsPublished', value: 2.5 }] } })).statusCode).toBe(400);
    const set = await t.api('PUT', '/api/jurisdictions/140700/targets', { token: local.token, body });
    expect(set.statusCode, set.body).toBe(200);
    const item = set.json().items.find((i: { key: string; year: number }) => i.key === 'achievementsPublished' && i.year === year);
    expect(item).toMatchObject({ value: 400, unit: 'count', source: '晋中市年度计划', actual: expect.any(Number) });
    expect(item.neededPerMonth).toBeGreaterThan(0);
  });
});

/** The figures sheet of a statistics workbook: a cell by its row's label (a period, a region, 合计) and its column's header. */
async function figuresSheet(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('统计')!;
  const headers = ws.getRow(3).values as unknown[];
  return (label: string, header: string) => {
    const column = headers.indexOf(header);
    expect(column, `column ${header}`).toBeGreaterThan(0);
    for (let i = 4; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === label) return ws.getRow(i).getCell(column).value;
    throw new Error(`no row ${label}`);
  };
}

describe('subsidies against budget, every figure in the workbook, period limits, targets’ trends', () => {
  it('subsidies against budget: the budget lines the policy module holds for the period’s years, in the jurisdiction’s subtree; by year and by sub-region; null when none is set', async () => {
    const admin = await t.factories.admin('210000');
    const budget = (jurisdiction: string, budgetLine: string, y: number, amount: number) => t.api('PUT', '/api/policy/budgets', { token: admin.token, body: { jurisdiction, budgetLine, year: y, amount } });
    expect((await budget('210100', 'tech-transfer', year, 1_000_000_00)).statusCode).toBe(200);
    expect((await budget('210100', 'pilot-base', year, 200_000_00)).statusCode).toBe(200);
    expect((await budget('210000', 'tech-transfer', year, 5_000_000_00)).statusCode).toBe(200);
    expect((await budget('210100', 'tech-transfer', year - 1, 700_000_00)).statusCode).toBe(200);
    const money = { entitlementId: randomUUID(), jurisdictionCode: '210102', rule: '210100.buyer-payment', budgetLine: 'tech-transfer' };
    await publish(t.database.db, entitlementApproved, { ...money, amount: 300_000_00, on: day('04-01') });
    await publish(t.database.db, entitlementPaid, { ...money, amount: 100_000_00, on: day('04-20') });
    await deliver();

    const thisYear = `from=${day('01-01')}&to=${day('12-31')}`;
    const city = (await stats(`jurisdiction=210100&${thisYear}`, admin.token)).json();
    expect(city.figures.subsidies).toEqual({ committed: 300_000_00, paid: 100_000_00, budget: 1_200_000_00 });
    // A budget is yearly: a month's point carries none.
    expect(city.series[3].figures.subsidies).toEqual({ committed: 300_000_00, paid: 100_000_00, budget: null });
    expect(city.definitions.subsidies).toContain('预算');
    // Two years: each year its own budget; the period both.
    const years = (await stats(`jurisdiction=210100&from=${year - 1}-01-01&to=${day('12-31')}&by=year`, admin.token)).json();
    expect(years.figures.subsidies.budget).toBe(1_900_000_00);
    expect(years.series.map((x: { figures: { subsidies: { budget: number | null } } }) => x.figures.subsidies.budget)).toEqual([700_000_00, 1_200_000_00]);
    // The province: its own budget and its cities’; by sub-region, each city its own.
    const province = (await stats(`jurisdiction=210000&${thisYear}&by=child`, admin.token)).json();
    expect(province.figures.subsidies.budget).toBe(6_200_000_00);
    expect(province.series.find((x: { period: string }) => x.period === '210100').figures.subsidies).toMatchObject({ committed: 300_000_00, budget: 1_200_000_00 });
    // No budget set for the period’s years: null, not 0; the public page says the same as the administrators’.
    expect((await stats('jurisdiction=210100&from=2001-01-01&to=2001-12-31', admin.token)).json().figures.subsidies).toEqual({ committed: 0, paid: 0, budget: null });
    expect((await t.api('GET', `/api/stats/public?jurisdiction=210100&${thisYear}`)).json().figures.subsidies).toEqual(city.figures.subsidies);
  });

  it('the workbook carries every figure the page shows, each cell equal to the API’s figure (amounts in 元)', async () => {
    const admin = await t.factories.admin('210100');
    const on = (d: string) => day(`09-${d}`);
    await registered({ seller: '210102', buyer: '210104', at: '210100', kind: 'development', amount: 400_000_00, technology: 300_000_00, on: on('02') });
    await registered({ seller: '210102', buyer: '110108', at: '210100', kind: 'licence', amount: 250_000_00, on: on('03') });
    await registered({ seller: '320102', buyer: '210104', at: '210100', kind: 'consulting', amount: 120_000_00, on: on('04') });
    const deal = { listingId: randomUUID(), achievementId: randomUUID(), sellerOrganizationId: randomUUID(), buyerOrganizationId: randomUUID(), agentOrganizationId: null, jurisdictionCode: '210100', transaction: 'transfer', contractNo: null, payments: [] };
    await publish(t.database.db, dealSigned, { ...deal, dealId: randomUUID(), source: 'auction', amountFen: 2_400_000_00, listPriceFen: 2_000_000_00, signedOn: on('05') });
    await publish(t.database.db, dealSigned, { ...deal, dealId: randomUUID(), source: 'offer', amountFen: 500_000_00, listPriceFen: 500_000_00, signedOn: on('06') });
    const money = { entitlementId: randomUUID(), jurisdictionCode: '210100', rule: '210100.buyer-payment', budgetLine: 'tech-transfer' };
    await publish(t.database.db, entitlementApproved, { ...money, amount: 80_000_00, on: on('07') });
    await publish(t.database.db, entitlementPaid, { ...money, amount: 60_000_00, on: on('08') });
    const challenge = { id: randomUUID(), scheme: 'jiebang_guashuai', bounty: 1_000_000_00 };
    await publish(t.database.db, challengePublished, { challenge, title: '沈阳揭榜', jurisdictionCode: '210100', date: on('09') });
    await publish(t.database.db, challengeAwarded, { challenge, poserOrganizationId: null, solverOrganizationIds: [randomUUID()], bids: [], jurisdictionCode: '210100', date: on('10') });
    await deliver();

    for (const [query, token] of [[`jurisdiction=210100&from=${on('01')}&to=${on('30')}&by=month`, admin.token], [`jurisdiction=210100&from=${day('01-01')}&to=${day('12-31')}&by=month`, admin.token]] as const) {
      const s = (await stats(query, token)).json();
      const f = s.figures;
      const xlsx = await t.api('GET', `/api/stats/export.xlsx?${query}`, { token });
      expect(xlsx.statusCode).toBe(200);
      const cell = await figuresSheet(xlsx.rawPayload);
      const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
      const expected: [string, unknown][] = [
        ['登记合同（份）', f.contracts.count],
        ['合同成交额（元）', yuan(f.contracts.contractAmount)],
        ['技术交易额（元）', yuan(f.contracts.technologyAmount)],
        ['技术开发（份）', f.contracts.byKind.development?.count ?? 0],
        ['技术开发合同成交额（元）', yuan(f.contracts.byKind.development?.contractAmount ?? 0)],
        ['技术许可（份）', f.contracts.byKind.licence?.count ?? 0],
        ['技术咨询合同成交额（元）', yuan(f.contracts.byKind.consulting?.contractAmount ?? 0)],
        ['本地吸纳（份）', f.localAbsorbed.count],
        ['本地吸纳金额（元）', yuan(f.localAbsorbed.amount)],
        ['技术输出金额（元）', yuan(f.output.amount)],
        ['技术输入金额（元）', yuan(f.input.amount)],
        ['本地转化率（按份数）', f.localConversionRate.byCount],
        ['本地转化率（按金额）', f.localConversionRate.byAmount],
        ['平台成交（笔）', f.deals.count],
        ['平台成交额（元）', yuan(f.deals.amount)],
        ['竞价成交（笔）', f.deals.bySource.auction.count],
        ['竞价成交成交额（元）', yuan(f.deals.bySource.auction.amount)],
        ['挂牌摘牌成交额（元）', yuan(f.deals.bySource.offer.amount)],
        ['竞价溢价率', f.deals.auctionPremium],
        ['奖补承诺（元）', yuan(f.subsidies.committed)],
        ['奖补拨付（元）', yuan(f.subsidies.paid)],
        ['奖补预算（元）', yuan(f.subsidies.budget)],
        ['发布榜单', f.challenges.posted],
        ['揭榜榜单', f.challenges.awarded],
        ['认证机构', f.organizationsVerified.count],
        ['认证机构：高校', f.organizationsVerified.byType.university ?? 0],
        ['认证机构：企业', f.organizationsVerified.byType.enterprise ?? 0],
      ];
      for (const [header, value] of expected) expect(cell('合计', header), header).toEqual(value);
      // A month’s row is that month’s figures.
      const september = s.series.find((x: { period: string }) => x.period === `${year}-09`).figures;
      expect(cell(`${year}-09`, '本地吸纳金额（元）')).toBe(september.localAbsorbed.amount / 100);
      expect(cell(`${year}-09`, '竞价溢价率')).toBe(september.deals.auctionPremium);
      // Not tracked yet: said so, never 0.
      for (const header of ['撮合对接活动', '路演', '技术经纪人培训', '中试基地', '双创载体', '技术转移示范机构']) expect(cell('合计', header)).toBe('暂未统计');
    }
    // September alone, as counted: the figures themselves, not only their agreement with the API.
    const cell = await figuresSheet((await t.api('GET', `/api/stats/export.xlsx?jurisdiction=210100&from=${on('01')}&to=${on('30')}`, { token: admin.token })).rawPayload);
    expect(cell('合计', '本地吸纳金额（元）')).toBe(300_000); // its technology amount (技术交易额), not the 40 万元 contract amount
    expect(cell('合计', '技术输出金额（元）')).toBe(250_000);
    expect(cell('合计', '技术输入金额（元）')).toBe(120_000);
    expect(cell('合计', '竞价溢价率')).toBe(0.2);
    expect(cell('合计', '奖补承诺（元）')).toBe(80_000);
    expect(cell('合计', '揭榜榜单')).toBe(1);
    // The public workbook carries the same figures.
    const pub = await figuresSheet((await t.api('GET', `/api/stats/public/export.xlsx?jurisdiction=210100&from=${on('01')}&to=${on('30')}`)).rawPayload);
    expect(pub('合计', '技术许可合同成交额（元）')).toBe(250_000);
  });

  it('challenges posted and awarded are counted from the challenges’ events, once each; organisations verified by type from a real verification', async () => {
    const admin = await t.factories.admin('140700');
    const period = `jurisdiction=140700&from=${day('01-01')}&to=${day('12-31')}`;
    const before = (await stats(period, admin.token)).json().figures;
    const [c1, c2] = [randomUUID(), randomUUID()];
    for (const id of [c1, c2]) await publish(t.database.db, challengePublished, { challenge: { id, scheme: 'jiebang_guashuai', bounty: 100_000_00 }, title: `榜单${id.slice(0, 4)}`, jurisdictionCode: '140702', date: day('03-05') });
    const awarded = { challenge: { id: c1, scheme: 'jiebang_guashuai' }, poserOrganizationId: null, solverOrganizationIds: [randomUUID()], bids: [{ bidId: randomUUID(), organizationId: randomUUID(), budget: 80_000_00 }], jurisdictionCode: '140702', date: day('04-06') };
    await publish(t.database.db, challengeAwarded, awarded);
    // Redelivered: counted once.
    await publish(t.database.db, challengeAwarded, awarded);
    await publish(t.database.db, challengePublished, { challenge: { id: c1, scheme: 'jiebang_guashuai' }, title: '榜单', jurisdictionCode: '140702', date: day('03-05') });

    // Two organisations apply, upload their licences and are verified by 晋中's administrator (the real path: organisations → event → statistics).
    const verified: string[] = [];
    for (const type of ['university', 'enterprise']) {
      const owner = await t.factories.user();
      const applied = await t.api('POST', '/api/organizations', { token: owner.token, body: { name: `晋中统计测试${unique()}`, type, creditCode: uniqueCreditCode(), jurisdictionCode: '140700', contactPhone: '13900000000' } });
      expect(applied.statusCode, applied.body).toBe(201);
      const { body, headers } = multipartFile('营业执照.pdf', tinyPdf('licence'));
      expect((await t.api('PUT', `/api/organizations/${applied.json().id}/licence`, { token: owner.token, body, headers })).statusCode).toBe(200);
      const ok = await t.api('POST', `/api/organizations/${applied.json().id}/verify`, { token: admin.token, body: { decision: 'approve' } });
      expect(ok.statusCode, ok.body).toBe(200);
      verified.push(applied.json().id);
    }
    await deliver();
    const after = (await stats(period, admin.token)).json();
    expect(after.figures.challenges.posted).toBe(before.challenges.posted + 2);
    expect(after.figures.challenges.awarded).toBe(before.challenges.awarded + 1);
    expect(after.series[2].figures.challenges.posted).toBeGreaterThanOrEqual(2);
    expect(after.series[3].figures.challenges.awarded).toBeGreaterThanOrEqual(1);
    expect(after.figures.organizationsVerified.count).toBe(before.organizationsVerified.count + 2);
    expect(after.figures.organizationsVerified.byType.university).toBe((before.organizationsVerified.byType.university ?? 0) + 1);
    expect(after.figures.organizationsVerified.byType.enterprise).toBe((before.organizationsVerified.byType.enterprise ?? 0) + 1);
    // Counted in the province above too, and down to their records.
    const records = async (metric: string) => (await t.api('GET', `/api/stats/records?${period}&metric=${metric}&pageSize=100`, { token: admin.token })).json().items.map((r: { sourceId: string }) => r.sourceId);
    expect(await records('challenge.posted')).toEqual(expect.arrayContaining([c1, c2]));
    expect(await records('challenge.awarded')).toContain(c1);
    expect(await records('organization.verified')).toEqual(expect.arrayContaining(verified));
    const province = (await stats(`jurisdiction=140000&from=${day('01-01')}&to=${day('12-31')}`, (await t.factories.admin('140000')).token)).json().figures;
    expect(province.organizationsVerified.byType.university).toBeGreaterThanOrEqual(1);
    expect(province.challenges.awarded).toBeGreaterThanOrEqual(1);
  });

  it('figures no module records yet (events held, roadshows, brokers trained, pilot bases …) are null — not tracked yet — in the figures and every point of the series', async () => {
    const admin = await t.factories.admin('140000');
    const s = (await stats(`jurisdiction=140000&from=${day('01-01')}&to=${day('12-31')}`, admin.token)).json();
    for (const key of ['matchmakingEvents', 'roadshows', 'brokersTrained', 'pilotBases', 'incubationCarriers', 'demonstrationAgencies', 'transferProfessionals']) {
      expect(s.figures[key], key).toBeNull();
      for (const point of s.series) expect(point.figures[key], `${key} ${point.period}`).toBeNull();
    }
    expect(s.definitions.untracked).toContain('暂未统计');
    expect((await t.api('GET', '/api/stats/public?jurisdiction=140000')).json().figures.brokersTrained).toBeNull();
  });

  it('refuses a series longer than 120 months by month or 50 years by year (the public page too), and a share above 100 %', async () => {
    const problem = (r: Awaited<ReturnType<typeof stats>>, pattern: RegExp) => {
      expect(r.statusCode, r.body).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors).toEqual([expect.objectContaining({ path: 'to', message: expect.stringMatching(pattern) })]);
    };
    const pub = (q: string) => t.api('GET', `/api/stats/public?jurisdiction=140000&${q}`);
    problem(await pub('from=0001-01-01&to=9999-12-31&by=month'), /120 个月/);
    // By month is the default.
    problem(await pub('from=0001-01-01&to=9999-12-31'), /120 个月/);
    problem(await pub('from=0001-01-01&to=9999-12-31&by=year'), /50 年/);
    problem(await pub('from=2016-12-31&to=2026-12-31&by=month'), /120 个月/);
    problem(await pub('from=1976-12-31&to=2026-01-01&by=year'), /50 年/);
    const admin = await t.factories.admin('140000');
    problem(await stats('jurisdiction=140000&from=2000-01-01&to=2026-12-31', admin.token), /按月统计/);
    problem(await t.api('GET', '/api/stats/export.xlsx?jurisdiction=140000&from=2000-01-01&to=2026-12-31', { token: admin.token }), /按月统计/);
    // Ten years by month and fifty by year are answered; by sub-region a long period builds no series.
    expect((await pub('from=2017-01-01&to=2026-12-31&by=month')).json().series).toHaveLength(120);
    expect((await pub('from=1977-01-01&to=2026-12-31&by=year')).json().series).toHaveLength(50);
    expect((await pub('from=1900-01-01&to=2099-12-31&by=child')).statusCode).toBe(200);

    const put = (targets: unknown[]) => t.api('PUT', '/api/jurisdictions/140000/targets', { token: admin.token, body: { year, targets } });
    const above = await put([{ key: 'achievementsPublished', value: 10 }, { key: 'localConversionRate', value: 50 }]);
    expect(above.statusCode).toBe(400);
    expect(above.headers['content-type']).toContain('application/problem+json');
    expect(above.json().errors).toEqual([expect.objectContaining({ path: 'targets.1.value', message: expect.stringContaining('100%') })]);
    // Nothing of the refused request was stored.
    expect((await t.api('GET', '/api/jurisdictions/140000/targets')).json().items.find((i: { key: string; year: number }) => i.year === year && i.key === 'achievementsPublished')).toBeUndefined();
    expect((await put([{ key: 'localConversionRate', value: 1 }])).statusCode).toBe(200);
    // A growth may exceed 100 % (tripling the locally absorbed contracts is 2).
    expect((await put([{ key: 'localAbsorbedGrowth', value: 2 }])).statusCode).toBe(200);
  });

  it('targets: what a year to come needs per month and a year, from the last whole year; rates as the gap in points', async () => {
    const admin = await t.factories.admin('140700');
    const db = t.database.db;
    // Last year's turnover of 晋中, and this year’s local conversion rate, as the figures count them.
    await registered({ seller: '140702', buyer: '140702', at: '140700', amount: 2_000_000_00, on: `${year - 1}-05-05` });
    await deliver();
    const lastYear = (await stats(`jurisdiction=140700&from=${year - 1}-01-01&to=${year - 1}-12-31`, admin.token)).json().figures.contracts.contractAmount;
    const rate = (await stats(`jurisdiction=140700&from=${year}-01-01&to=${year}-12-31`, admin.token)).json().figures.localConversionRate.byCount;
    expect(lastYear).toBeGreaterThan(0);
    expect(rate).not.toBeNull();
    const Y = 100_000_000 * 100;
    for (const [y, targets] of [
      [year + 1, [{ key: 'contractAmount', value: 12 * Y }, { key: 'localConversionRate', value: 0.7 }, { key: 'achievementsPublished', value: 1_201 }]],
      [year, [{ key: 'localConversionRate', value: 0.6 }, { key: 'contractAmount', value: 3 * Y }]],
      [year - 1, [{ key: 'achievementsPublished', value: 100 }]],
    ] as const) expect((await t.api('PUT', '/api/jurisdictions/140700/targets', { token: admin.token, body: { year: y, targets } })).statusCode).toBe(200);

    // As on 15 October: this year has three months left (October included), next year fifteen.
    const items = (await targetsOf(db, '140700', `${year}-10-15`)).items;
    const item = (key: string, y: number) => items.find((i) => i.key === key && i.year === y)!;
    const next = item('contractAmount', year + 1);
    expect(next).toMatchObject({ monthsLeft: 15, neededPerMonth: Y, gapPoints: null });
    // 12 亿 next year from last year's turnover: two years of growth.
    expect(next.neededGrowth).toBeCloseTo(Math.sqrt((12 * Y) / lastYear) - 1, 10);
    expect(item('achievementsPublished', year + 1)).toMatchObject({ neededPerMonth: 101, monthsLeft: 15 });
    const now = item('contractAmount', year);
    expect(now.monthsLeft).toBe(3);
    expect(now.neededPerMonth).toBe(Math.max(0, Math.ceil((3 * Y - now.actual!) / 3)));
    expect(now.neededGrowth).toBeNull();
    // Rates: no amount per month, the gap in percentage points — next year's from this year's rate so far.
    expect(item('localConversionRate', year)).toMatchObject({ neededPerMonth: null, gapPoints: Math.round((0.6 - rate) * 10_000) / 100 });
    expect(item('localConversionRate', year + 1)).toMatchObject({ neededPerMonth: null, monthsLeft: 15, gapPoints: Math.round((0.7 - rate) * 10_000) / 100 });
    // A past year needs nothing any more.
    expect(item('achievementsPublished', year - 1)).toMatchObject({ monthsLeft: 0, neededPerMonth: null, neededGrowth: null });
    // The API answers the same fields.
    const api = (await t.api('GET', '/api/jurisdictions/140700/targets')).json().items.find((i: { key: string; year: number }) => i.key === 'contractAmount' && i.year === year + 1);
    expect(api).toMatchObject({ neededPerMonth: Y, neededGrowth: next.neededGrowth });
  });
});
