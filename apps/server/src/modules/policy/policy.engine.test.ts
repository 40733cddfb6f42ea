import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packVersion, type PackVersion, type PolicyParty } from '@kzt/shared';
import { applicablePacks, computeAll, computeEvent, isWithin, MemoryLedger, regionCodesOf, regionNames } from './policy.engine.ts';
import { JINZHONG_POOL_FROM, seededPacks } from './policy.packs.ts';

const 万 = 1_000_000;
/** Every seeded version (晋中 2, then 3 from the day its pool came in). */
const packs = seededPacks();
/** Each jurisdiction's latest seeded version: the rules as they stand. */
const latest = [...new Map(packs.map((pk) => [pk.jurisdiction, pk])).values()];

const p = (id: string, type: PolicyParty['type'], region: string, flags: Partial<PolicyParty> = {}): PolicyParty => ({ id, type, region, ...flags });
const whUni = p('whu', 'university', '371002');
const whFirm = p('whf', 'enterprise', '371002');
const whAgency = p('wha', 'agency', '371002');
const jzUni = p('jzu', 'university', '140702');
const jzFirm = p('jzf', 'enterprise', '140702');

function run(events: unknown[], ledger = new MemoryLedger()) {
  return computeAll(events, packs, ledger).map((c) => c.line);
}
function one(event: unknown, ledger = new MemoryLedger()) {
  return run([event], ledger)[0]!;
}
const pay = (id: string, date: string, amount: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'contract_payment',
  date,
  jurisdiction: '371000',
  contract: { id: 'c1', kind: 'development' },
  seller: whUni,
  buyer: whFirm,
  amount,
  ...extra,
});
const award = (scheme: string, amount: number, jurisdiction: string, beneficiary = p('b1', 'enterprise', jurisdiction), extra: Record<string, unknown> = {}) => ({
  id: `aw-${scheme}-${amount}`,
  type: 'evaluated_award',
  date: '2025-06-01',
  jurisdiction,
  scheme,
  beneficiary,
  amount,
  ...extra,
});
/** A ledger where agencies ag0…ag30 (and jza) entered 晋中's cultivation pool on 2024-03-01 (terms 2024–2026). */
function pooledLedger(): MemoryLedger {
  const ledger = new MemoryLedger();
  for (const id of ['ag', 'jza', ...Array.from({ length: 31 }, (_, i) => `ag${i}`)]) MemoryLedger.enterPool(ledger, id, { jurisdiction: '140700', from: '2024-03-01', firstYear: 2024, lastYear: 2026 });
  return ledger;
}
const amountOf = (line: ReturnType<typeof one>, rule: string) => line.entitlements.find((e) => e.rule === rule)?.amount;

describe('rule packs as data', () => {
  it('hold every rule of the five seeds, each quoting its source sentence', () => {
    const rules = latest.flatMap((pk) => pk.rules);
    expect(latest.map((pk) => pk.jurisdiction).sort()).toEqual(['140000', '140700', '210100', '371000', '610000']);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) expect(r.source.quote.length).toBeGreaterThan(10);
    // The income floors are data only (the contracts module reads them).
    expect(rules.filter((r) => r.kind === 'income_floor').map((r) => [r.id, r.floorBp])).toEqual([
      ['sn-11-self-conversion-floor', 8000],
      ['sn-11-unconverted-floor', 7000],
    ]);
  });

  const seeds = path.resolve(import.meta.dirname, '../../../../../../shared/seeds');
  it.skipIf(!fs.existsSync(seeds))('quote sentences found word for word in the seed files', () => {
    for (const r of packs.flatMap((pk) => pk.rules)) expect(fs.readFileSync(path.join(seeds, r.source.file), 'utf8'), r.id).toContain(r.source.quote);
  });

  it('refuse a rate above 100% and a cap below zero', () => {
    const rule = packs[0]!.rules[0]!;
    expect(packVersion.safeParse({ ...packs[0], rules: [{ ...rule, rateBp: 10_001 }] }).success).toBe(false);
    expect(packVersion.safeParse({ ...packs[0], rules: [{ ...rule, itemCap: -1 }] }).success).toBe(false);
  });

  it('apply the jurisdiction and every one above it (GB/T 2260 prefixes), in the version valid that day', () => {
    expect(isWithin('371002', '371000')).toBe(true);
    expect(isWithin('371000', '370000')).toBe(true);
    expect(isWithin('140700', '140000')).toBe(true);
    expect(isWithin('140700', '371000')).toBe(false);
    expect(applicablePacks(packs, '140702', '2025-01-01').map((x) => x.jurisdiction)).toEqual(['140700', '140000']);
    const v2: PackVersion = { ...packs.find((x) => x.jurisdiction === '371000')!, version: '2', validFrom: '2026-01-01' };
    const v1: PackVersion = { ...packs.find((x) => x.jurisdiction === '371000')!, validTo: '2025-12-31' };
    const both = [v1, v2];
    expect(applicablePacks(both, '371000', '2025-12-31').map((x) => x.version)).toEqual(['1']);
    expect(applicablePacks(both, '371000', '2026-01-01').map((x) => x.version)).toEqual(['2']);
  });
});

describe('events', () => {
  it('an unknown event type is refused with a clear message', () => {
    const c = computeEvent({ id: 'x', type: 'contract_signed', date: '2025-01-01', jurisdiction: '371000' }, { packs, ledger: new MemoryLedger() });
    expect(c.error).toContain('未知的事件类型 "contract_signed"');
    expect(c.line).toEqual({ event: 'x', entitlements: [], refusals: [{ rule: 'event', reason: c.error }] });
  });
  it('a fractional or negative amount names the field', () => {
    expect(computeEvent(pay('e', '2025-01-01', 10.5), { packs, ledger: new MemoryLedger() }).error).toContain('字段 amount');
    expect(computeEvent(pay('e', '2025-01-01', -1), { packs, ledger: new MemoryLedger() }).error).toContain('字段 amount');
  });
  it('an evaluated award of an unknown scheme is refused', () => {
    expect(one(award('no_such_scheme', 100, '371000')).refusals[0]!.reason).toContain('没有适用于评审项目 no_such_scheme');
  });
});

describe('晋中 140700', () => {
  const reg = (id: string, technologyAmount: number, buyer = jzFirm, contractId = id) => ({
    id,
    type: 'contract_registered',
    date: '2025-03-01',
    jurisdiction: '140700',
    contract: { id: contractId, kind: 'transfer', contractAmount: technologyAmount, technologyAmount },
    seller: jzUni,
    buyer,
  });
  it('000-13 university output: 15% of the technology amount', () => {
    const line = one(reg('r1', 2_000_000_00));
    expect(line.entitlements).toEqual([
      expect.objectContaining({ beneficiary: 'jzu', rule: 'jz-13-university-output', amount: 300_000_00, base: 2_000_000_00, rate: 1500, source: expect.objectContaining({ item: '13' }) }),
    ]);
    expect(line.entitlements[0]!.explanation).toContain('以技术交易额 2,000,000.00 元 为基数，按 15% 计 300,000.00 元');
  });
  it('000-13 cap of 1,500,000 a project bites, and a second registration of the project gets nothing more', () => {
    const ledger = new MemoryLedger();
    const line = one(reg('r1', 20_000_000_00), ledger);
    expect(line.entitlements[0]).toMatchObject({ amount: 150 * 万, cap: { kind: 'item', limit: 150 * 万 } });
    expect(line.entitlements[0]!.explanation).toContain('受单项上限 1,500,000.00 元 限制');
    const again = one({ ...reg('r2', 1_000_000_00, jzFirm, 'r1') }, ledger);
    expect(again.entitlements).toEqual([]);
    expect(again.refusals[0]!.reason).toContain('可得金额为 0');
  });
  it('000-13 a buyer outside 晋中 is refused with the reason', () => {
    const line = one(reg('r1', 1_000_000_00, p('out', 'enterprise', '371002')));
    expect(line.entitlements).toEqual([]);
    expect(line.refusals[0]!.reason).toContain('买方所在地威海市辖内（371002）不在本辖区（晋中市）');
  });
  it('names regions by name in refusals and explanations when the caller knows the names', () => {
    const names = regionNames(new Map([['140700', '晋中市'], ['140000', '山西省'], ['371000', '威海市'], ['140721', '榆社县']]));
    // Without names the engine says codes; the command and the server give it the names they know.
    expect(computeEvent(reg('r1', 1_000_000_00, p('out', 'enterprise', '371002')), { packs, ledger: new MemoryLedger(), names: regionNames({}) }).line.refusals[0]!.reason).toContain('买方所在地371002不在本辖区（140700）');
    const named = computeEvent(reg('r1', 1_000_000_00, p('out', 'enterprise', '371002')), { packs, ledger: new MemoryLedger(), names }).line;
    expect(named.refusals[0]!.reason).toContain('买方所在地威海市辖内（371002）不在本辖区（晋中市）');
    const income = { id: 'ai', type: 'agency_income', date: '2025-05-01', jurisdiction: '140700', agency: p('ag', 'agency', '140702'), contract: { id: 'c', kind: 'transfer' }, netIncome: 80_000_00, convertedIn: '140105' };
    const refused = computeEvent(income, { packs, ledger: new MemoryLedger(), names }).line.refusals[0]!.reason;
    expect(refused).toContain('成果在山西省辖内（140105）转化，不在本辖区（晋中市）');
    expect(refused).not.toMatch(/成果在 ?140105/);
    const granted = computeEvent({ ...income, convertedIn: '140721' }, { packs, ledger: new MemoryLedger(), names }).line.entitlements[0]!;
    expect(granted.explanation).toMatch(/（晋中市，第/);
    expect(regionCodesOf(income)).toEqual(expect.arrayContaining(['140700', '140000', '140702', '140105', '140100']));
  });
  it('000-13 researcher: a reward equal to the local fiscal contribution', () => {
    const line = one({ id: 'ri', type: 'researcher_income', date: '2025-05-01', jurisdiction: '140700', researcher: p('r', 'individual', '140702'), localFiscalContribution: 12_345_67 });
    expect(line.entitlements[0]).toMatchObject({ rule: 'jz-13-researcher-reward', amount: 12_345_67, rate: 10_000 });
  });
  it('000-20 agency: 10% of net income when converted in 晋中, refused elsewhere', () => {
    const ev = { id: 'ai', type: 'agency_income', date: '2025-05-01', jurisdiction: '140700', agency: p('ag', 'agency', '140702'), contract: { id: 'c', kind: 'transfer' }, netIncome: 80_000_00, convertedIn: '140721' };
    expect(amountOf(one(ev), 'jz-20-agency-net-income')).toBe(8_000_00);
    expect(one({ ...ev, convertedIn: '371002' }).refusals[0]!.reason).toContain('不在本辖区');
  });
  it('000-20 agency evaluation: 优良 up to 500,000, the decided amount capped; 合格 refused', () => {
    const ev = { id: 'ae', type: 'agency_evaluation', date: '2025-12-01', jurisdiction: '140700', agency: p('ag', 'agency', '140702'), year: 2025, scheme: 'city', grade: 'good', amount: 80 * 万, cohort: 10 };
    expect(one(ev, pooledLedger()).entitlements[0]).toMatchObject({ rule: 'jz-20-agency-evaluation', amount: 50 * 万, cap: { kind: 'item' } });
    expect(one({ ...ev, grade: 'pass' }, pooledLedger()).refusals[0]!.reason).toContain('评价结果为pass');
  });
  describe('000-20 入库培育有效期3年，每年评估', () => {
    const ag = p('pool-ag', 'agency', '140702');
    const pooled = (id: string, date: string) => ({ id, type: 'agency_pooled', date, jurisdiction: '140700', agency: ag });
    const evaluation = (year: number) => ({ id: `pe-${year}`, type: 'agency_evaluation', date: `${year}-12-01`, jurisdiction: '140700', agency: ag, year, scheme: 'city', grade: 'excellent', amount: 30 * 万, cohort: 10 });
    const got = (l: { entitlements: { rule: string; amount: number }[] }) => l.entitlements.find((e) => e.rule === 'jz-20-agency-evaluation')?.amount ?? null;

    it('an agency not in the pool gets no evaluation reward, and is told to enter it first', () => {
      const [line] = run([evaluation(2027)]);
      expect(got(line!)).toBeNull();
      expect(line!.refusals[0]).toMatchObject({ beneficiary: 'pool-ag', rule: 'jz-20-agency-evaluation' });
      expect(line!.refusals[0]!.reason).toContain('机构未入库培育');
    });

    it('a pooled agency is rewarded in the three evaluation years of its term and not in the fourth; it enters once per term', () => {
      const lines = run([pooled('in', '2027-05-10'), evaluation(2027), evaluation(2028), evaluation(2029), pooled('again', '2029-02-01'), evaluation(2030), pooled('renewed', '2030-03-01'), { ...evaluation(2030), id: 'pe-2030b' }]);
      expect(lines[0]).toEqual({ event: 'in', entitlements: [], refusals: [] });
      expect([lines[1], lines[2], lines[3]].map((l) => got(l!))).toEqual([30 * 万, 30 * 万, 30 * 万]);
      expect(lines[4]!.refusals[0]!.reason).toBe('科技服务机构入库培育（有效期3年，每年评估）：机构已于 2027-05-10 入库，培育有效期（评估年度 2027–2029 年）未满，不重复入库');
      expect(got(lines[5]!)).toBeNull();
      expect(lines[5]!.refusals[0]!.reason).toContain('机构 2027-05-10 入库，培育有效期内的评估年度为 2027–2029 年，2030 年不在有效期内');
      // After the term the agency may enter the pool again.
      expect(lines[6]!.refusals).toEqual([]);
      expect(got(lines[7]!)).toBe(30 * 万);
    });

    it('only agencies enter the pool, and only where a pack has a pool', () => {
      expect(one({ ...pooled('f', '2027-01-01'), agency: jzFirm }).refusals[0]!.reason).toContain('本条仅适用于技术转移机构');
      expect(one({ ...pooled('w', '2027-01-01'), jurisdiction: '371000', agency: p('w', 'agency', '371002') }).refusals[0]!.reason).toContain('没有适用于“机构入库培育”的政策条款');
    });
  
    it('an evaluation dated before the pool came into the rules is judged by the version then in force (no pool entry asked), one after it is not', () => {
      const before = { ...evaluation(2025), id: 'old', date: '2026-06-01' };
      const lines = run([before, { ...evaluation(2026), date: JINZHONG_POOL_FROM }]);
      expect(got(lines[0]!)).toBe(30 * 万);
      expect(lines[0]!.refusals).toEqual([]);
      expect(lines[1]!.refusals[0]!.reason).toContain('机构未入库培育');
    });

    it('an entry recorded for a date before the pool came in counts, with the pool rule’s term', () => {
      const lines = run([pooled('back', '2025-03-01'), { ...evaluation(2027), date: '2027-12-01' }, { ...evaluation(2028), date: '2028-12-01' }]);
      expect(lines[0]).toEqual({ event: 'back', entitlements: [], refusals: [] });
      expect(got(lines[1]!)).toBe(30 * 万);
      expect(lines[2]!.refusals[0]!.reason).toContain('评估年度为 2025–2027 年，2028 年不在有效期内');
    });
  });

  describe('000-20 优良率不超过30%', () => {
    // Every agency of these tests entered 晋中's pool in 2024 (000-20: evaluated yearly within the 3-year term).
    const runPooled = (events: unknown[]) => run(events, pooledLedger());
    const onePooled = (event: unknown) => runPooled([event])[0]!;
    const ev = (i: number, grade: string, extra: Record<string, unknown> = {}) => ({
      id: `ae-${i}`,
      type: 'agency_evaluation',
      date: '2025-12-01',
      jurisdiction: '140700',
      agency: p(`ag${i}`, 'agency', '140702'),
      year: 2025,
      scheme: 'city',
      grade,
      amount: 20 * 万,
      ...extra,
    });
    const granted = (lines: { entitlements: { rule: string }[] }[]) => lines.map((l) => l.entitlements.some((e) => e.rule === 'jz-20-agency-evaluation'));

    it('of a cohort of 10 agencies, 3 are rewarded as 优良 and the fourth is refused, with the counts', () => {
      const lines = runPooled([ev(1, 'excellent', { cohort: 10 }), ev(2, 'good', { cohort: 10 }), ev(3, 'good', { cohort: 10 }), ev(4, 'excellent', { cohort: 10 })]);
      expect(granted(lines)).toEqual([true, true, true, false]);
      expect(lines[3]!.refusals[0]).toMatchObject({ beneficiary: 'ag4', rule: 'jz-20-agency-evaluation' });
      expect(lines[3]!.refusals[0]!.reason).toBe('入库机构绩效评估优良奖励（优良率不超过30%）：优秀、良好率不超过 30%，2025 年参评 10 家，优秀、良好至多 3 家，已评定 3 家，本次评为优秀超出比例，不予奖励');
    });

    it('without a cohort the evaluations recorded so far are the base: 7 合格 first make room for 3 优良 of 10, not for an eleventh', () => {
      const events = [...Array.from({ length: 7 }, (_, i) => ev(i, 'pass')), ev(7, 'good'), ev(8, 'good'), ev(9, 'excellent'), ev(10, 'good')];
      const lines = runPooled(events);
      expect(granted(lines)).toEqual([false, false, false, false, false, false, false, true, true, true, false]);
      expect(lines[10]!.refusals[0]!.reason).toContain('2025 年已登记参评 11 家（含本次；事件未注明参评机构数 cohort），优秀、良好至多 3 家，已评定 3 家');
      // A first evaluation rated 优良 with nothing else known is beyond 30% of one.
      expect(onePooled(ev(20, 'excellent')).refusals[0]!.reason).toContain('优秀、良好至多 0 家');
    });

    it('counts each year apart, and leaves 威海’s evaluations (no such share) alone', () => {
      const lines = runPooled([ev(1, 'good', { cohort: 4 }), ev(2, 'good', { cohort: 4 }), ev(3, 'good', { cohort: 4, year: 2026, date: '2026-12-01' })]);
      expect(granted(lines)).toEqual([true, false, true]);
      const wh = runPooled([1, 2, 3].map((i) => ({ ...ev(i, 'excellent'), jurisdiction: '371000', agency: p(`w${i}`, 'agency', '371002') })));
      expect(wh.map((l) => l.entitlements.some((e) => e.rule === 'wh-9-agency-evaluation'))).toEqual([true, true, true]);
    });

    it('a cohort that is not a positive whole number is refused, naming the field', () => {
      expect(onePooled(ev(1, 'good', { cohort: 0 })).refusals[0]!.reason).toContain('字段 cohort：参评机构数须为正整数');
    });
  });
  it('000-25 先投后股: fiscal funding capped at 2,000,000', () => {
    expect(amountOf(one(award('jz_invest_then_equity', 300 * 万, '140700')), 'jz-25-invest-then-equity')).toBe(200 * 万);
  });
  it('provisions that promise no money (000-26 tax, 000-30 尽职免责) are data, each saying why the engine does not compute it', () => {
    const jz = packs.find((x) => x.jurisdiction === '140700')!;
    for (const id of ['jz-26-equity-transfer-tax', 'jz-30-due-diligence-exemption']) expect(jz.rules.find((r) => r.id === id)).toMatchObject({ kind: 'provision', trigger: null, note: expect.stringMatching(/税务机关|纪检监察/) });
    for (const r of packs.flatMap((x) => x.rules).filter((r) => r.kind === 'provision')) expect(r.note, r.id).toBeTruthy();
  });
});

describe('陕西 610000 and 沈阳 210100', () => {
  it('002-17 talent start-ups: 500,000 to 1,000,000; below refused, above capped', () => {
    const b = p('t', 'individual', '610102');
    expect(amountOf(one(award('sn_talent_startup', 150 * 万, '610000', b)), 'sn-17-talent-startup')).toBe(100 * 万);
    expect(one(award('sn_talent_startup', 40 * 万, '610000', b)).refusals[0]!.reason).toContain('低于本条最低额 500,000.00 元');
    expect(amountOf(one(award('sn_talent_startup', 70 * 万, '610000', b)), 'sn-17-talent-startup')).toBe(70 * 万);
  });
  it('003-2 filing units up to 100,000', () => {
    expect(one(award('sy_filing', 12 * 万, '210100')).entitlements[0]).toMatchObject({ rule: 'sy-2-filing-units', amount: 10 * 万, cap: { kind: 'item', limit: 10 * 万 } });
  });
  it('003-16 student roadshow 100,000', () => {
    expect(amountOf(one(award('sy_student_roadshow', 10 * 万, '210100')), 'sy-16-student-roadshow')).toBe(10 * 万);
  });
  it('003-13 揭榜挂帅: the poser gets 50% of the development contract in advance, capped at 3,000,000', () => {
    const ev = (amount: number) => ({
      id: `ch${amount}`,
      type: 'challenge_awarded',
      date: '2025-04-01',
      jurisdiction: '210100',
      challenge: { id: `ch${amount}`, scheme: 'jiebang_guashuai' },
      poser: p('sy-firm', 'enterprise', '210102'),
      solver: p('sy-uni', 'university', '210102'),
      contract: { id: 'k', kind: 'development', contractAmount: amount },
    });
    expect(one(ev(4 * 万)).entitlements[0]).toMatchObject({ beneficiary: 'sy-firm', rule: 'sy-13-jiebang-prefunding', amount: 2 * 万, rate: 5000 });
    expect(one(ev(800 * 万)).entitlements[0]).toMatchObject({ amount: 300 * 万, cap: { kind: 'item', limit: 300 * 万 } });
  });
});

describe('威海 371000', () => {
  it('004-4 buyer 5% and seller 1% of each payment; agency 1% when present (004-9)', () => {
    const line = one(pay('p1', '2025-02-01', 1_000_000_00, { agency: whAgency }));
    expect(amountOf(line, 'wh-4-buyer')).toBe(50_000_00);
    expect(amountOf(line, 'wh-4-seller')).toBe(10_000_00);
    expect(amountOf(line, 'wh-9-agency-landing')).toBe(10_000_00);
  });
  it('004-4 buyer yearly cap 300,000 across events, reset in the next calendar year', () => {
    const lines = run([pay('p1', '2025-02-01', 4_000_000_00), pay('p2', '2025-11-01', 4_000_000_00), pay('p3', '2025-12-31', 1_000_00), pay('p4', '2026-01-01', 1_000_000_00)]);
    expect(lines.map((l) => amountOf(l, 'wh-4-buyer'))).toEqual([20 * 万, 10 * 万, undefined, 5 * 万]);
    expect(lines[1]!.entitlements.find((e) => e.rule === 'wh-4-buyer')).toMatchObject({ cap: { kind: 'yearly', limit: 30 * 万 } });
    expect(lines[1]!.entitlements.find((e) => e.rule === 'wh-4-buyer')!.explanation).toContain('2025 年已获 200,000.00 元');
    expect(lines[2]!.refusals.find((r) => r.rule === 'wh-4-buyer')!.reason).toContain('可得金额为 0');
  });
  it('004-4 seller yearly cap 2,000,000; a private new R&D institution does not qualify, a public one does', () => {
    const lines = run([pay('p1', '2025-02-01', 15_000 * 万), pay('p2', '2025-03-01', 10_000 * 万)]);
    expect(lines.map((l) => amountOf(l, 'wh-4-seller'))).toEqual([150 * 万, 50 * 万]);
    const rnd = p('rnd', 'rnd_institution', '371002');
    expect(one(pay('p', '2025-01-01', 100 * 万, { seller: rnd })).refusals.find((r) => r.rule === 'wh-4-seller')!.reason).toContain('事业单位性质的新型研发机构');
    expect(amountOf(one(pay('p', '2025-01-01', 100 * 万, { seller: { ...rnd, publicInstitution: true } })), 'wh-4-seller')).toBe(1 * 万);
  });
  it('004-4 a service contract or a buyer outside 威海 is refused', () => {
    expect(one(pay('p', '2025-01-01', 100 * 万, { contract: { id: 'c', kind: 'service' } })).refusals.map((r) => r.rule)).toEqual(['wh-4-buyer', 'wh-4-seller']);
    expect(one(pay('p', '2025-01-01', 100 * 万, { buyer: p('x', 'enterprise', '370102') })).refusals[0]!.reason).toContain('买方所在地山东省辖内（370102）不在本辖区（威海市）');
  });
  it('004-9 agency landing: 1% capped at 500,000 a contract', () => {
    const lines = run([pay('p1', '2025-01-01', 4_000 * 万, { agency: whAgency }), pay('p2', '2025-02-01', 2_000 * 万, { agency: whAgency })]);
    expect(lines.map((l) => amountOf(l, 'wh-9-agency-landing'))).toEqual([40 * 万, 10 * 万]);
  });
  it('004-4 SME + university project: up to 1,000,000', () => {
    expect(amountOf(one(award('wh_sme_university_project', 120 * 万, '371000')), 'wh-4-sme-university-project')).toBe(100 * 万);
  });
  it('004-2/3/6/7/10 the "最高…" awards cap the decided amount', () => {
    expect(amountOf(one(award('wh_matchmaking_event', 15 * 万, '371000')), 'wh-2-matchmaking-event')).toBe(10 * 万);
    expect(amountOf(one(award('wh_cloud_rd_centre', 2 * 万, '371000')), 'wh-3-cloud-rd-centre')).toBe(2 * 万);
    expect(amountOf(one(award('wh_cloud_rd_centre', 5 * 万, '371000')), 'wh-3-cloud-rd-centre')).toBe(3 * 万);
    expect(amountOf(one(award('wh_pilot_base', 80 * 万, '371000')), 'wh-6-pilot-base')).toBe(50 * 万);
    expect(amountOf(one(award('wh_national_incubator', 100 * 万, '371000')), 'wh-7-national-incubator')).toBe(100 * 万);
    expect(amountOf(one(award('wh_training_base', 30 * 万, '371000', undefined, { level: 'national' })), 'wh-10-training-base')).toBe(20 * 万);
    expect(amountOf(one(award('wh_training_base', 30 * 万, '371000', undefined, { level: 'provincial' })), 'wh-10-training-base')).toBe(10 * 万);
  });
  it('004-3 cloud R&D centre yearly cap: a second award the same year gets the rest only', () => {
    const b = p('cloud', 'enterprise', '371002');
    const lines = run([{ ...award('wh_cloud_rd_centre', 2 * 万, '371000', b), id: 'a' }, { ...award('wh_cloud_rd_centre', 2 * 万, '371000', b), id: 'b' }]);
    expect(lines.map((l) => amountOf(l, 'wh-3-cloud-rd-centre'))).toEqual([2 * 万, 1 * 万]);
  });
  it('004-9 first provincial recognition: 100,000, once', () => {
    const ev = { id: 'rec', type: 'agency_recognised', date: '2025-01-01', jurisdiction: '371000', agency: whAgency, level: 'provincial' };
    const lines = run([ev, { ...ev, id: 'rec2' }]);
    expect(amountOf(lines[0]!, 'wh-9-agency-recognised')).toBe(10 * 万);
    expect(lines[1]!.entitlements).toEqual([]);
    expect(lines[1]!.refusals[0]!.reason).toContain('累计上限');
  });
  it('004-9 evaluation: 优秀 100,000, 良好 60,000, not stacked with provincial money the same year', () => {
    const ev = (id: string, grade: string, scheme = 'city', extra: Record<string, unknown> = {}) => ({ id, type: 'agency_evaluation', date: '2025-12-01', jurisdiction: '371000', agency: whAgency, year: 2025, scheme, grade, ...extra });
    expect(amountOf(one(ev('e1', 'excellent')), 'wh-9-agency-evaluation')).toBe(10 * 万);
    expect(amountOf(one(ev('e1', 'good')), 'wh-9-agency-evaluation')).toBe(6 * 万);
    // The province granted 80,000 first: the city tops up to its 100,000 only; a province above it leaves nothing.
    const ledger = new MemoryLedger();
    ledger.record({ beneficiary: 'wha', rule: 'province', group: 'wh-agency-evaluation', year: '2025', item: 'sd', amount: 8 * 万 });
    const line = one(ev('e2', 'excellent'), ledger);
    expect(line.entitlements[0]).toMatchObject({ amount: 2 * 万, cap: { kind: 'group' } });
    expect(line.entitlements[0]!.explanation).toContain('不叠加');
    const ledger2 = new MemoryLedger();
    ledger2.record({ beneficiary: 'wha', rule: 'province', group: 'wh-agency-evaluation', year: '2025', item: 'sd', amount: 10 * 万 });
    expect(one(ev('e3', 'good'), ledger2).refusals[0]!.reason).toContain('不叠加');
    // The next year starts afresh.
    expect(amountOf(one({ ...ev('e4', 'good'), date: '2026-12-01' }, ledger2), 'wh-9-agency-evaluation')).toBe(6 * 万);
  });
  it('004-9 a provincial evaluation’s award is recorded in the no-stacking ledger; the city pays only the rest', () => {
    const ev = (id: string, scheme: string, grade: string, extra: Record<string, unknown> = {}) => ({ id, type: 'agency_evaluation', date: '2025-12-01', jurisdiction: '371000', agency: whAgency, year: 2025, scheme, grade, ...extra });
    const lines = run([ev('sd', 'provincial', 'excellent', { amount: 8 * 万 }), ev('wh', 'city', 'excellent'), ev('sd-none', 'provincial', 'good')]);
    expect(lines[0]).toMatchObject({ entitlements: [], refusals: [], recorded: [{ beneficiary: 'wha', rule: 'wh-9-agency-evaluation', group: 'wh-agency-evaluation', year: 2025, amount: 8 * 万 }] });
    expect(lines[0]!.recorded![0]!.explanation).toContain('本级只补差额');
    expect(lines[1]!.entitlements[0]).toMatchObject({ rule: 'wh-9-agency-evaluation', amount: 2 * 万, cap: { kind: 'group' } });
    expect(lines[1]!.entitlements[0]!.explanation).toContain('2025 年已获同类资金 80,000.00 元');
    // Without the province's amount there is nothing to count: said so, by field.
    expect(lines[2]!.refusals[0]!.reason).toContain('未注明省级补助金额（字段 amount）');
    // A province that gave the full 100,000 leaves the city nothing; lines without provincial money keep their three fields.
    const full = run([ev('sd', 'provincial', 'excellent', { amount: 10 * 万 }), ev('wh', 'city', 'good')]);
    expect(full[1]!.refusals[0]!.reason).toContain('不叠加');
    expect(Object.keys(full[1]!)).toEqual(['event', 'entitlements', 'refusals']);
  });
  it('refuses a date that does not exist, naming the field and the value', () => {
    const line = one({ ...pay('p', '2025-02-30', 100 * 万) });
    expect(line.entitlements).toEqual([]);
    expect(line.refusals[0]!.reason).toBe('字段 date：2025-02-30 日期不存在（如 2 月没有 30 日），须为日历上的日期 YYYY-MM-DD');
    expect(one(pay('p', '2024-02-29', 100 * 万)).refusals).toEqual([]);
    expect(one({ ...pay('p', '2025-13-01', 1) }).refusals[0]!.reason).toContain('字段 date：2025-13-01 日期不存在');
    const stake = { id: 's', type: 'stake_exit', date: '2027-01-01', jurisdiction: '210100', stake: { id: 'g', principal: 1, investedOn: '2025-04-31' }, owner: p('o', 'university', '210102'), exitValue: 2, bankRateBp: 300 };
    expect(one(stake).refusals[0]!.reason).toContain('字段 stake.investedOn：2025-04-31 日期不存在');
  });
  it('004-5 two-way breakthrough: 20% of the deal after acceptance, capped at 500,000', () => {
    const ev = (deal: number) => ({ id: 'acc', type: 'challenge_accepted', date: '2025-07-01', jurisdiction: '371000', challenge: { id: 'tw1', scheme: 'two_way', kind: 'breakthrough' }, poser: whFirm, solver: whUni, dealAmount: deal });
    expect(amountOf(one(ev(100 * 万)), 'wh-5-two-way-breakthrough')).toBe(20 * 万);
    expect(one(ev(1000 * 万)).entitlements[0]).toMatchObject({ amount: 50 * 万, cap: { kind: 'item', limit: 50 * 万 } });
  });
  it('004-5 two-way conversion: a commitment at award, paid in milestone tranches never beyond it', () => {
    const lines = run([
      { id: 'aw', type: 'challenge_awarded', date: '2025-03-01', jurisdiction: '371000', challenge: { id: 'tw2', scheme: 'two_way', kind: 'conversion', bounty: 1500 * 万 }, poser: whFirm, solver: whUni },
      { id: 'm1', type: 'challenge_milestone', date: '2025-06-01', jurisdiction: '371000', challenge: { id: 'tw2' }, milestone: '样机', share: 0.3 },
      { id: 'm2', type: 'challenge_milestone', date: '2026-02-01', jurisdiction: '371000', challenge: { id: 'tw2' }, milestone: '中试', share: 0.5 },
      { id: 'm3', type: 'challenge_milestone', date: '2026-09-01', jurisdiction: '371000', challenge: { id: 'tw2' }, milestone: '量产', share: 0.5 },
      { id: 'm4', type: 'challenge_milestone', date: '2026-10-01', jurisdiction: '371000', challenge: { id: 'tw2' }, milestone: '追加', share: 0.1 },
      { id: 'm5', type: 'challenge_milestone', date: '2026-10-01', jurisdiction: '371000', challenge: { id: 'nope' }, milestone: 'x', share: 0.1 },
    ]);
    expect(lines[0]!.entitlements[0]).toMatchObject({ beneficiary: 'whu', rule: 'wh-5-two-way-conversion', amount: 0, committed: 200 * 万, cap: { kind: 'item', limit: 200 * 万 } });
    expect(lines.slice(1, 4).map((l) => l.entitlements[0]!.amount)).toEqual([60 * 万, 100 * 万, 40 * 万]);
    expect(lines[3]!.entitlements[0]!.cap).toEqual({ kind: 'commitment', limit: 200 * 万 });
    expect(lines[4]!.refusals[0]!.reason).toContain('承诺额已全部拨付');
    expect(lines[5]!.refusals[0]!.reason).toContain('没有已确定的里程碑资助承诺');
  });
  it('004-5 two-way conversion: an award that names contracts (two winning bids) keeps a commitment per contract, which its milestones find', () => {
    const other = p('whu2', 'university', '371002');
    const aw = (id: string, solver: PolicyParty, contract: string) => ({ id, type: 'challenge_awarded', date: '2025-03-01', jurisdiction: '371000', challenge: { id: 'tw3', scheme: 'two_way', kind: 'conversion', bounty: 500 * 万 }, poser: whFirm, solver, contract: { id: contract, kind: 'development', contractAmount: 300 * 万 } });
    const ms = (id: string, share: number, contract?: string) => ({ id, type: 'challenge_milestone', date: '2025-06-01', jurisdiction: '371000', challenge: { id: 'tw3' }, ...(contract ? { contract: { id: contract } } : {}), milestone: id, share });
    const lines = run([aw('a1', whUni, 'bid-1'), ms('alone', 0.5), aw('a2', other, 'bid-2'), ms('m1', 0.5, 'bid-1'), ms('m2', 0.25, 'bid-2'), ms('m3', 0.6, 'bid-1'), ms('either', 0.1), ms('m4', 0.1, 'bid-9')]);
    expect(lines[0]!.entitlements[0]).toMatchObject({ beneficiary: 'whu', amount: 0, committed: 100 * 万 });
    // One commitment on the challenge: a milestone that names no contract is paid from it.
    expect(lines[1]!.entitlements[0]).toMatchObject({ beneficiary: 'whu', amount: 50 * 万, committed: 100 * 万 });
    expect(lines[2]!.entitlements[0]).toMatchObject({ beneficiary: 'whu2', amount: 0, committed: 100 * 万 });
    expect(lines[3]!.entitlements[0]).toMatchObject({ beneficiary: 'whu', amount: 50 * 万, committed: 100 * 万 });
    expect(lines[4]!.entitlements[0]).toMatchObject({ beneficiary: 'whu2', amount: 25 * 万 });
    expect(lines[5]!.refusals[0]!.reason).toContain('承诺额已全部拨付');
    expect(lines[6]!.refusals[0]!.reason).toContain('里程碑须注明所属合同（字段 contract.id）');
    expect(lines[7]!.refusals[0]!.reason).toContain('没有合同（揭榜方案）bid-9 的已确定的里程碑资助承诺');
  });
  it('004-5 a milestone naming the contract finds a commitment fixed by an award that named none', () => {
    const lines = run([
      { id: 'aw', type: 'challenge_awarded', date: '2025-03-01', jurisdiction: '371000', challenge: { id: 'tw4', scheme: 'two_way', kind: 'conversion', bounty: 100 * 万 }, poser: whFirm, solver: whUni },
      { id: 'm1', type: 'challenge_milestone', date: '2025-06-01', jurisdiction: '371000', challenge: { id: 'tw4' }, contract: { id: 'bid-x' }, milestone: '样机', share: 1 },
    ]);
    expect(lines[1]!.entitlements[0]).toMatchObject({ beneficiary: 'whu', amount: 20 * 万, committed: 20 * 万 });
  });
  it('004-15 risk pool: covered balance per firm ≤ 20,000,000', () => {
    const loan = (id: string, principal: number, borrower = whFirm) => ({ id, type: 'loan_registered', date: '2025-01-01', jurisdiction: '371000', loan: { id, principal }, borrower, lender: '威海银行' });
    const lines = run([loan('l1', 1500 * 万), loan('l2', 500 * 万), loan('l3', 1), loan('l4', 2000 * 万, p('other', 'enterprise', '371002'))]);
    expect(lines.map((l) => l.refusals.length)).toEqual([0, 0, 1, 0]);
    expect(lines[2]!.refusals[0]!.reason).toContain('已纳入贷款余额 20,000,000.00 元');
  });
  it('004-15 risk pool: repaid principal lowers the covered balance, so a firm at the cap comes back under it', () => {
    const loan = (id: string, principal: number, borrower = whFirm) => ({ id, type: 'loan_registered', date: '2025-01-01', jurisdiction: '371000', loan: { id, principal }, borrower, lender: '威海银行' });
    const repaid = (id: string, loanId: string, principalRepaid: number, borrower = whFirm) => ({ id, type: 'loan_repaid', date: '2025-06-01', jurisdiction: '371000', loan: { id: loanId }, borrower, principalRepaid });
    const lines = run([
      loan('l1', 1500 * 万),
      loan('l2', 500 * 万),
      loan('l3', 300 * 万), // 2,300 万: refused
      repaid('r1', 'l1', 300 * 万),
      loan('l3b', 300 * 万), // 1,700 + 300 = 2,000 万: accepted
      repaid('r2', 'l2', 500 * 万 + 1), // more than is outstanding
      repaid('r3', 'zz', 1), // not in the pool
      repaid('r4', 'l1', 1, p('other', 'enterprise', '371002')), // another firm's loan
      repaid('r5', 'l1', 1, whFirm),
      { ...repaid('r6', 'l1', 1), jurisdiction: '140700' }, // 晋中 keeps no risk pool
      { id: 'd1', type: 'loan_default', date: '2025-09-01', jurisdiction: '371000', loan: { id: 'l1' }, borrower: whFirm, badPrincipal: 1500 * 万 },
    ]);
    expect(lines.map((l) => l.refusals.length)).toEqual([0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0]);
    expect(lines[3]).toEqual({ event: 'r1', entitlements: [], refusals: [] });
    expect(lines[5]!.refusals[0]).toMatchObject({ rule: 'wh-15-risk-pool', reason: expect.stringContaining('不超过未偿本金 5,000,000.00 元') });
    expect(lines[5]!.refusals[0]!.reason).toContain('principalRepaid');
    expect(lines[6]!.refusals[0]!.reason).toContain('未纳入该企业的风险补偿备案');
    expect(lines[7]!.refusals[0]!.reason).toContain('未纳入该企业的风险补偿备案');
    expect(lines[9]!.refusals[0]).toMatchObject({ rule: 'event', reason: expect.stringContaining('没有贷款风险补偿备案') });
    // A default is compensated on what is still outstanding: 1,500 − 300 − 0.01 万 repaid.
    expect(lines[10]!.entitlements[0]).toMatchObject({ rule: 'wh-15-loan-default', base: 1200 * 万 - 1, amount: Math.floor((1200 * 万 - 1) * 0.7) });
    expect(lines[10]!.entitlements[0]!.explanation).toContain('不良本金以未偿本金');
  });
  it('004-4 seller: a new R&D institution gets 1% only as a public institution (事业单位)', () => {
    const rnd = p('rnd', 'rnd_institution', '371002');
    expect(amountOf(one(pay('pub', '2025-01-01', 100 * 万, { seller: { ...rnd, publicInstitution: true } })), 'wh-4-seller')).toBe(1 * 万);
    const privateRnd = one(pay('priv', '2025-01-01', 100 * 万, { seller: rnd }));
    expect(amountOf(privateRnd, 'wh-4-seller')).toBeUndefined();
    expect(privateRnd.refusals.find((r) => r.rule === 'wh-4-seller')!.reason).toContain('事业单位性质的新型研发机构');
  });
  it('004-15 default: 70% of bad principal, 90% for early-stage credit-rated firms; a loan outside the pool refused', () => {
    const early = p('early', 'enterprise', '371002', { earlyStage: true, creditRated: true });
    const events = [
      { id: 'l1', type: 'loan_registered', date: '2025-01-01', jurisdiction: '371000', loan: { id: 'l1', principal: 1000 * 万 }, borrower: whFirm, lender: 'b' },
      { id: 'l2', type: 'loan_registered', date: '2025-01-01', jurisdiction: '371000', loan: { id: 'l2', principal: 1000 * 万 }, borrower: early, lender: 'b' },
      { id: 'd1', type: 'loan_default', date: '2025-09-01', jurisdiction: '371000', loan: { id: 'l1' }, borrower: whFirm, badPrincipal: 100 * 万 },
      { id: 'd2', type: 'loan_default', date: '2025-09-01', jurisdiction: '371000', loan: { id: 'l2' }, borrower: early, badPrincipal: 100 * 万 },
      { id: 'd3', type: 'loan_default', date: '2025-09-01', jurisdiction: '371000', loan: { id: 'zz' }, borrower: whFirm, badPrincipal: 100 * 万 },
      { id: 'd4', type: 'loan_default', date: '2025-09-01', jurisdiction: '371000', loan: { id: 'l2' }, borrower: { ...early, earlyStage: false }, badPrincipal: 100 * 万 },
    ];
    const lines = run(events);
    expect(lines[2]!.entitlements[0]).toMatchObject({ rule: 'wh-15-loan-default', amount: 70 * 万, rate: 7000 });
    expect(lines[3]!.entitlements[0]).toMatchObject({ amount: 90 * 万, rate: 9000 });
    expect(lines[3]!.entitlements[0]!.explanation).toContain('增信评估的早期、初创期企业');
    expect(lines[4]!.refusals[0]!.reason).toContain('未纳入风险补偿备案');
    expect(lines[5]!.entitlements[0]).toMatchObject({ rate: 7000 });
  });
  it('004-15 interest subsidy ≤ 500,000 a firm, across loans and years', () => {
    const events = [
      { id: 'l1', type: 'loan_registered', date: '2025-01-01', jurisdiction: '371000', loan: { id: 'l1', principal: 1000 * 万 }, borrower: whFirm, lender: 'b' },
      { id: 'l2', type: 'loan_registered', date: '2025-01-01', jurisdiction: '371000', loan: { id: 'l2', principal: 500 * 万 }, borrower: whFirm, lender: 'b' },
      { id: 'i1', type: 'loan_interest', date: '2025-12-01', jurisdiction: '371000', loan: { id: 'l1' }, borrower: whFirm, interest: 40 * 万 },
      { id: 'i2', type: 'loan_interest', date: '2026-12-01', jurisdiction: '371000', loan: { id: 'l2' }, borrower: whFirm, interest: 40 * 万 },
      { id: 'i3', type: 'loan_interest', date: '2027-12-01', jurisdiction: '371000', loan: { id: 'l2' }, borrower: whFirm, interest: 1 },
    ];
    const lines = run(events);
    expect(lines.slice(2).map((l) => amountOf(l, 'wh-15-loan-interest'))).toEqual([40 * 万, 10 * 万, undefined]);
    expect(lines[3]!.entitlements[0]!.cap).toEqual({ kind: 'total', limit: 50 * 万 });
  });
});

describe('the answer', () => {
  it('has exactly the contract fields', () => {
    const line = one(pay('p1', '2025-02-01', 100 * 万));
    expect(Object.keys(line)).toEqual(['event', 'entitlements', 'refusals']);
    expect(Object.keys(line.entitlements[0]!).sort()).toEqual(['amount', 'base', 'beneficiary', 'explanation', 'rate', 'rule', 'source'].sort());
    expect(line.entitlements[0]!.source).toEqual({ file: '004_a2c5bfed3da1a70b.txt', item: '4', quote: expect.stringContaining('5%') });
  });
  it('a jurisdiction with no rule for the event says so', () => {
    expect(one(pay('p1', '2025-02-01', 100, { jurisdiction: '440300' })).refusals[0]).toEqual({ rule: 'event', reason: expect.stringContaining('没有适用于“合同付款”的政策条款') });
    // The reason is read by officials and firms: it names the event, never its internal type.
    expect(one(pay('p1', '2025-02-01', 100, { jurisdiction: '440300' })).refusals[0]!.reason).not.toMatch(/contract_payment|[a-z]_[a-z]/);
  });
});

/**
 * PRODUCT.md lists 27 rules of the five seeds. One row each: the rule (or
 * rules) of the packs that carry it, and the events that drive it with the
 * amount the engine must compute (a commitment where the money is fixed at
 * award). The four rules that promise no money (a tax formula, 尽职免责, the
 * government stake's exit, the agency pool's term) are provisions the engine
 * keeps as data with their source; the two income floors are read by the
 * contracts module through `incomeFloorsFor`.
 */
describe('the 27 rules of PRODUCT.md, one row each', () => {
  const jzAgency = p('jza', 'agency', '140702');
  const reg = { id: 'r', type: 'contract_registered', date: '2025-03-01', jurisdiction: '140700', contract: { id: 'c-r', kind: 'transfer', contractAmount: 200 * 万, technologyAmount: 200 * 万 }, seller: jzUni, buyer: jzFirm };
  const poolLoan = (borrower: PolicyParty) => ({ id: 'pl', type: 'loan_registered', date: '2025-01-01', jurisdiction: '371000', loan: { id: 'pl', principal: 1000 * 万 }, borrower, lender: '威海银行' });
  type Row = [row: string, rule: string, events: unknown[], expected: { amount?: number; committed?: number }];
  const money: Row[] = [
    ['晋中 000-13 university output ≤15%, ≤1,500,000 a project', 'jz-13-university-output', [{ ...reg, contract: { ...reg.contract, technologyAmount: 2000 * 万 } }], { amount: 150 * 万 }],
    ['晋中 000-20 agency 10% of net income converted locally', 'jz-20-agency-net-income', [{ id: 'ai', type: 'agency_income', date: '2025-05-01', jurisdiction: '140700', agency: jzAgency, contract: { id: 'c', kind: 'transfer' }, netIncome: 80 * 万, convertedIn: '140702' }], { amount: 8 * 万 }],
    ['晋中 000-20 yearly evaluation, 优良 ≤30%, up to 500,000', 'jz-20-agency-evaluation', [{ id: 'pool', type: 'agency_pooled', date: '2025-02-01', jurisdiction: '140700', agency: jzAgency }, { id: 'ev', type: 'agency_evaluation', date: '2025-12-01', jurisdiction: '140700', agency: jzAgency, year: 2025, scheme: 'city', grade: 'excellent', amount: 80 * 万, cohort: 10 }], { amount: 50 * 万 }],
    ['晋中 000-25 先投后股 ≤2,000,000', 'jz-25-invest-then-equity', [award('jz_invest_then_equity', 300 * 万, '140700')], { amount: 200 * 万 }],
    ['陕西 002-17 talent start-ups 500,000–1,000,000', 'sn-17-talent-startup', [award('sn_talent_startup', 150 * 万, '610000', p('t', 'individual', '610102'))], { amount: 100 * 万 }],
    ['沈阳 003-2 filing units up to 100,000', 'sy-2-filing-units', [award('sy_filing', 12 * 万, '210100')], { amount: 10 * 万 }],
    [
      '沈阳 003-13 揭榜挂帅 50% of the development contract, ≤3,000,000, to the poser',
      'sy-13-jiebang-prefunding',
      [{ id: 'jb', type: 'challenge_awarded', date: '2025-04-01', jurisdiction: '210100', challenge: { id: 'jb', scheme: 'jiebang_guashuai' }, poser: p('syf', 'enterprise', '210102'), solver: p('syu', 'university', '210102'), contract: { id: 'jbc', kind: 'development', contractAmount: 400 * 万 } }],
      { amount: 200 * 万 },
    ],
    ['沈阳 003-16 student roadshow 100,000', 'sy-16-student-roadshow', [award('sy_student_roadshow', 10 * 万, '210100')], { amount: 10 * 万 }],
    ['威海 004-4 buyer ≤5% of the year’s payments, ≤300,000', 'wh-4-buyer', [pay('pb', '2025-03-01', 100 * 万)], { amount: 5 * 万 }],
    ['威海 004-4 seller ≤1% of the year’s receipts, ≤2,000,000', 'wh-4-seller', [pay('ps', '2025-03-01', 100 * 万)], { amount: 1 * 万 }],
    ['威海 004-5 two-way breakthrough ≤20% of the deal, ≤500,000', 'wh-5-two-way-breakthrough', [{ id: 'acc', type: 'challenge_accepted', date: '2025-07-01', jurisdiction: '371000', challenge: { id: 'tw', scheme: 'two_way', kind: 'breakthrough' }, poser: whFirm, solver: whUni, dealAmount: 100 * 万 }], { amount: 20 * 万 }],
    [
      '威海 004-5 two-way conversion ≤20% of the bounty, ≤2,000,000, by milestones',
      'wh-5-two-way-conversion',
      [{ id: 'tc', type: 'challenge_awarded', date: '2025-04-01', jurisdiction: '371000', challenge: { id: 'tc', scheme: 'two_way', kind: 'conversion', bounty: 2000 * 万 }, poser: whFirm, solver: whUni }],
      { amount: 0, committed: 200 * 万 },
    ],
    ['威海 004-2 matchmaking events up to 100,000', 'wh-2-matchmaking-event', [award('wh_matchmaking_event', 15 * 万, '371000')], { amount: 10 * 万 }],
    ['威海 004-3 cloud R&D centre up to 30,000', 'wh-3-cloud-rd-centre', [award('wh_cloud_rd_centre', 5 * 万, '371000')], { amount: 3 * 万 }],
    ['威海 004-6 pilot bases up to 500,000', 'wh-6-pilot-base', [award('wh_pilot_base', 80 * 万, '371000')], { amount: 50 * 万 }],
    ['威海 004-9 first provincial recognition 100,000', 'wh-9-agency-recognised', [{ id: 'rec', type: 'agency_recognised', date: '2025-01-01', jurisdiction: '371000', agency: whAgency, level: 'provincial' }], { amount: 10 * 万 }],
    ['威海 004-9 evaluation 优秀 100,000 / 良好 60,000, not stacked', 'wh-9-agency-evaluation', [{ id: 'we', type: 'agency_evaluation', date: '2025-12-01', jurisdiction: '371000', agency: whAgency, year: 2025, scheme: 'city', grade: 'good' }], { amount: 6 * 万 }],
    ['威海 004-9 agency landing ≤1%, ≤500,000', 'wh-9-agency-landing', [pay('pa', '2025-03-01', 100 * 万, { agency: whAgency })], { amount: 1 * 万 }],
    ['晋中 000-13 researcher reward equal to the local fiscal contribution', 'jz-13-researcher-reward', [{ id: 'ri', type: 'researcher_income', date: '2025-05-01', jurisdiction: '140700', researcher: p('r', 'individual', '140702'), localFiscalContribution: 12_345_67 }], { amount: 12_345_67 }],
    ['威海 004-4 SME + university project up to 1,000,000', 'wh-4-sme-university-project', [award('wh_sme_university_project', 120 * 万, '371000')], { amount: 100 * 万 }],
    ['威海 004-7 national incubator up to 1,000,000', 'wh-7-national-incubator', [award('wh_national_incubator', 150 * 万, '371000')], { amount: 100 * 万 }],
    ['威海 004-10 national training base up to 200,000', 'wh-10-training-base', [award('wh_training_base', 30 * 万, '371000', undefined, { level: 'national' })], { amount: 20 * 万 }],
    ['威海 004-15 default 70% of bad principal', 'wh-15-loan-default', [poolLoan(whFirm), { id: 'd', type: 'loan_default', date: '2025-09-01', jurisdiction: '371000', loan: { id: 'pl' }, borrower: whFirm, badPrincipal: 100 * 万 }], { amount: 70 * 万 }],
    ['沈阳 003-3 government stake exits at principal + bank interest, the appreciation to the owner', 'sy-3-government-stake', [{ id: 'se', type: 'stake_exit', date: '2028-01-01', jurisdiction: '210100', stake: { id: 'gs', principal: 100 * 万, investedOn: '2027-01-01' }, owner: p('syo', 'university', '210102'), exitValue: 200 * 万, bankRateBp: 365 }], { amount: 963_500_00 }],
    ['威海 004-15 interest subsidy ≤500,000 a firm', 'wh-15-loan-interest', [poolLoan(whFirm), { id: 'i', type: 'loan_interest', date: '2025-09-01', jurisdiction: '371000', loan: { id: 'pl' }, borrower: whFirm, interest: 60 * 万 }], { amount: 50 * 万 }],
  ];
  it.each(money)('%s (%s)', (_row, rule, events, expected) => {
    const lines = run(events);
    const got = lines.at(-1)!.entitlements.find((e) => e.rule === rule);
    expect(got, JSON.stringify(lines.at(-1))).toMatchObject(expected);
    expect(got!.explanation.length).toBeGreaterThan(0);
  });

  const data: [row: string, rule: string, kind: 'provision' | 'income_floor', item: string][] = [
    ['晋中 000-26 equity transfer tax (income − cost − fees) × 20%', 'jz-26-equity-transfer-tax', 'provision', '26'],
    ['晋中 000-30 尽职免责 for listed, auctioned or noticed prices', 'jz-30-due-diligence-exemption', 'provision', '30'],
    ['陕西 002-11 self-conversion ≥80% to completers', 'sn-11-self-conversion-floor', 'income_floor', '11'],
    ['陕西 002-11 unconverted 2 years → ≥70% to completers', 'sn-11-unconverted-floor', 'income_floor', '11'],
  ];
  // 000-20's pool term pays nothing itself: it admits the agency, and its evaluation reward (a row above) pays only within the term.
  const pool: [row: string, rule: string, events: unknown[], refused: string][] = [
    ['晋中 000-20 an agency stays in the pool 3 years, evaluated every year', 'jz-20-agency-pool-term', [{ id: 'pool', type: 'agency_pooled', date: '2027-02-01', jurisdiction: '140700', agency: jzAgency }, { id: 'ev', type: 'agency_evaluation', date: '2030-12-01', jurisdiction: '140700', agency: jzAgency, year: 2030, scheme: 'city', grade: 'good', amount: 10 * 万, cohort: 10 }], '2027–2029 年，2030 年不在有效期内'],
  ];
  it.each(pool)('%s (%s) is computed: out of the term the evaluation is refused', (_row, rule, events, refused) => {
    const lines = run(events);
    expect(lines[0]!.refusals).toEqual([]);
    expect(latest.flatMap((x) => x.rules).find((r) => r.id === rule)).toMatchObject({ trigger: 'agency_pooled', poolTermYears: 3 });
    expect(lines.at(-1)!.refusals[0]!.reason).toContain(refused);
  });

  it.each(data)('%s (%s) is kept as data with its source, never paid as money', (_row, rule, kind, item) => {
    const r = latest.flatMap((x) => x.rules).find((x) => x.id === rule);
    expect(r).toMatchObject({ kind, trigger: null, source: { item } });
  });

  it('covers every rule of the seeded packs that pays money, and the 27 rows of PRODUCT.md', () => {
    // The 004-15 pool admission and 004-10's provincial level ride on rows above; 山西's racing rule is beyond the 27.
    const covered = new Set([...money.map((r) => r[1]), ...data.map((r) => r[1]), ...pool.map((r) => r[1]), 'wh-15-risk-pool', 'sx-1-challenge-racing']);
    expect(latest.flatMap((x) => x.rules.map((r) => r.id)).filter((id) => !covered.has(id))).toEqual([]);
    // 30 rows for PRODUCT.md's 27: 004-2/3, 004-9's recognition and evaluation, and 004-15's default and interest each take two.
    expect(new Set([...money, ...data, ...pool].map((r) => r[0])).size).toBe(30);
  });
});
