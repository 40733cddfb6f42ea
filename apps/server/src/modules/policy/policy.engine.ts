import { formatYuanExact, policyEvent, type EntitlementLine, type PackVersion, type PolicyEvent, type PolicyParty, type PolicyRule, type RecordedLine, type RefusalLine, type SubsidyLine } from '@kzt/shared';
import { PACK_REGION_NAMES } from './policy.packs.ts';

/**
 * The policy engine: pure, no database. Given the rule packs and the ledger of
 * what each beneficiary already got, it turns one event into the lines of
 * entitlements and refusals, and records what it granted in the ledger. The
 * command (`npx kzt subsidies`), the trial route and the platform all call
 * `computeEvent`, so they never disagree.
 *
 * Rounding, written once: an amount from a rate is rounded DOWN to the fen
 * (the rules say "不超过", so the engine never pays a fraction above the rate).
 */

export function rateOf(amountFen: number, bp: number): number {
  return Number((BigInt(amountFen) * BigInt(bp)) / 10_000n);
}

/** GB/T 2260: whether `region` lies in `jurisdiction` (a province ends 0000, a city 00). */
export function isWithin(region: string, jurisdiction: string): boolean {
  if (region === jurisdiction) return true;
  if (jurisdiction.endsWith('0000')) return region.slice(0, 2) === jurisdiction.slice(0, 2);
  if (jurisdiction.endsWith('00')) return region.slice(0, 4) === jurisdiction.slice(0, 4);
  return false;
}

/** The version of each pack valid on `date` whose jurisdiction contains the event's. */
export function applicablePacks(packs: PackVersion[], jurisdiction: string, date: string): PackVersion[] {
  return packs
    .filter((p) => isWithin(jurisdiction, p.jurisdiction) && p.validFrom <= date && (p.validTo === null || date <= p.validTo))
    .sort((a, b) => b.jurisdiction.localeCompare(a.jurisdiction));
}

/**
 * A commitment fixed at a challenge's award (威海 004-5 conversion), kept
 * under the award's item (the contract the award named, else the challenge).
 * A milestone finds it by its challenge and, where the award named one, by
 * the contract (a winning bid's) the milestone names.
 */
export interface Commitment {
  challenge: string;
  contractId: string | null;
  item: string;
  rule: PolicyRule;
  jurisdiction: string;
  beneficiary: string;
  committed: number;
  paid: number;
  share: number;
}

/**
 * What each beneficiary already got. In memory; the platform fills one from
 * its stored entitlements before computing.
 */
export class MemoryLedger {
  private readonly sums = new Map<string, number>();
  readonly commitments = new Map<string, Commitment>();
  /** Loans in a risk pool: the principal registered, the principal repaid since, what defaults and interest were paid. */
  readonly loans = new Map<string, { borrower: string; principal: number; repaid: number; compensated: number }>();
  /** Agencies in a cultivation pool (晋中 000-20): each entry's date and the evaluation years it covers. */
  readonly agencyPools = new Map<string, { jurisdiction: string; from: string; firstYear: number; lastYear: number }[]>();

  get(key: string): number {
    return this.sums.get(key) ?? 0;
  }
  add(key: string, amount: number): void {
    this.sums.set(key, this.get(key) + amount);
  }
  static ruleYear = (b: string, rule: string, year: string) => `ry|${b}|${rule}|${year}`;
  static ruleTotal = (b: string, rule: string) => `rt|${b}|${rule}`;
  static groupYear = (b: string, group: string, year: string) => `gy|${b}|${group}|${year}`;
  static item = (rule: string, item: string) => `it|${rule}|${item}`;
  static pool = (b: string) => `pool|${b}`;
  /** A year's evaluations counted by a rule with a share of grades, and those of them rated within the share. */
  static evaluations = (rule: string, year: number) => `ev|${rule}|${year}`;
  static rated = (rule: string, year: number) => `evr|${rule}|${year}`;

  /** The commitments of a challenge a milestone pays from: those of the contract it names (else the award's without one), or all of the challenge. */
  commitmentsOf(challenge: string, contractId?: string): Commitment[] {
    const all = [...this.commitments.values()].filter((c) => c.challenge === challenge);
    if (contractId === undefined) return all;
    const named = all.filter((c) => c.contractId === contractId);
    return named.length > 0 ? named : all.filter((c) => c.contractId === null);
  }

  /** Adds an agency's pool entry (the platform, from its stored entries). */
  static enterPool(ledger: MemoryLedger, agency: string, entry: { jurisdiction: string; from: string; firstYear: number; lastYear: number }): void {
    ledger.agencyPools.set(agency, [...(ledger.agencyPools.get(agency) ?? []), entry]);
  }

  /** Records a grant (or, with a negative amount, its claw-back). */
  record(g: { beneficiary: string; rule: string; group?: string | undefined; year: string; item: string; amount: number }): void {
    this.add(MemoryLedger.ruleYear(g.beneficiary, g.rule, g.year), g.amount);
    this.add(MemoryLedger.ruleTotal(g.beneficiary, g.rule), g.amount);
    this.add(MemoryLedger.item(g.rule, g.item), g.amount);
    if (g.group) this.add(MemoryLedger.groupYear(g.beneficiary, g.group, g.year), g.amount);
  }
}

/** A line with what the platform needs to store it (not printed). */
export interface ComputedEntitlement extends EntitlementLine {
  jurisdiction: string;
  budgetLine: string;
  year: number;
  item: string;
  contractId: string | null;
  group?: string;
}
export interface Computed {
  line: SubsidyLine;
  event: PolicyEvent | null;
  granted: ComputedEntitlement[];
  /** A clear message when the event itself is not valid (unknown type, bad field). */
  error: string | null;
}

const yuan = (fen: number) => formatYuanExact(fen);
const pct = (bp: number) => `${bp / 100}%`;

const BASE_LABEL: Record<string, string> = {
  technologyAmount: '技术交易额',
  contractAmount: '合同额',
  paymentAmount: '本笔实际支付（到账）金额',
  netIncome: '技术转移净收入',
  bounty: '张榜标的额',
  dealAmount: '实际成交额',
  badPrincipal: '不良本金',
  interest: '应付利息',
  localFiscalContribution: '现金收入形成的地方财力贡献',
  stakeAppreciation: '股权增值部分',
  decided: '评审确定的金额',
  fixed: '规定金额',
};
const TYPE_LABEL: Record<string, string> = {
  enterprise: '企业',
  university: '高校',
  institute: '科研院所',
  rnd_institution: '新型研发机构',
  agency: '技术转移机构',
  individual: '个人',
  government: '政府机关',
  other: '其他',
};
/** Event types as officials name them (the messages keep the code beside it, for the JSON they paste). */
const EVENT_LABEL: Record<string, string> = {
  contract_registered: '合同登记',
  contract_payment: '合同付款',
  agency_income: '机构净收入',
  agency_recognised: '机构认定',
  agency_evaluation: '机构绩效评价',
  challenge_awarded: '揭榜立项',
  challenge_milestone: '里程碑',
  challenge_accepted: '揭榜验收',
  loan_registered: '贷款纳入风险补偿',
  loan_default: '贷款违约（不良）',
  loan_interest: '贷款利息',
  loan_repaid: '贷款还本',
  researcher_income: '科研人员收入',
  evaluated_award: '评定奖励',
  agency_pooled: '机构入库培育',
  stake_exit: '政府投资退出',
};
const ROLE_LABEL: Record<string, string> = { seller: '卖方', buyer: '买方', agency: '中介机构', poser: '发榜方', solver: '揭榜方', borrower: '借款企业', researcher: '科研人员', beneficiary: '受益方', owner: '成果所有人' };

function describeIssue(issue: { path: PropertyKey[]; message: string; code: string }, raw: unknown): string {
  const field = issue.path.map(String).join('.') || 'type';
  if (issue.message === 'err.policy.eventType') {
    const t = raw && typeof raw === 'object' ? (raw as { type?: unknown }).type : undefined;
    return `未知的事件类型 ${JSON.stringify(t ?? null)}（字段 type） / unknown event type`;
  }
  const msg: Record<string, string> = {
    'err.policy.amount': '金额须为非负整数（分）',
    'err.policy.date': '日期须为 YYYY-MM-DD',
    'err.policy.dateInvalid': '日期不存在（如 2 月没有 30 日），须为日历上的日期 YYYY-MM-DD',
    'err.policy.region': '行政区划须为 6 位 GB/T 2260 代码',
    'err.policy.share': '比例须在 0 到 1 之间',
    'err.policy.cohort': '参评机构数须为正整数',
    'err.policy.bankRate': '同期银行利率须为 0–10000 个基点（0%–100%）',
  };
  if (issue.message === 'err.policy.dateInvalid') {
    const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
    return `字段 ${field}：${typeof value === 'string' ? `${value} ` : ''}${msg[issue.message]}`;
  }
  return `字段 ${field}：${msg[issue.message] ?? issue.message}`;
}

/** Validates an event; the message names the field at fault. */
export function parseEvent(raw: unknown): { event: PolicyEvent; error: null } | { event: null; error: string } {
  const r = policyEvent.safeParse(raw);
  if (r.success) return { event: r.data, error: null };
  return { event: null, error: r.error.issues.map((i) => describeIssue(i, raw)).join('；') };
}

function party(ev: PolicyEvent, role: string): PolicyParty | null {
  const p = (ev as unknown as Record<string, unknown>)[role];
  return p && typeof p === 'object' && 'id' in p ? (p as PolicyParty) : null;
}

function baseValue(rule: PolicyRule, ev: PolicyEvent): number {
  const e = ev as unknown as Record<string, unknown>;
  const contract = (e['contract'] ?? {}) as Record<string, number>;
  switch (rule.base) {
    case 'technologyAmount':
      return contract['technologyAmount'] ?? 0;
    case 'contractAmount':
      return contract['contractAmount'] ?? 0;
    case 'paymentAmount':
      return (e['amount'] as number) ?? 0;
    case 'bounty':
      return ((e['challenge'] as Record<string, number>)['bounty'] as number | undefined) ?? 0;
    case 'decided':
      return (e['amount'] as number) ?? 0;
    case 'netIncome':
    case 'dealAmount':
    case 'badPrincipal':
    case 'interest':
    case 'localFiscalContribution':
      return (e[rule.base] as number) ?? 0;
    default:
      return 0;
  }
}

function selectorValue(ev: PolicyEvent): { scheme?: string; challengeKind?: string; evaluationScheme?: string; level?: string } {
  switch (ev.type) {
    case 'challenge_awarded':
    case 'challenge_accepted':
      return { scheme: ev.challenge.scheme, ...(ev.challenge.kind ? { challengeKind: ev.challenge.kind } : {}) };
    case 'agency_evaluation':
      return { evaluationScheme: ev.scheme };
    case 'agency_recognised':
      return { level: ev.level };
    case 'evaluated_award':
      return { scheme: ev.scheme, ...(ev.level ? { level: ev.level } : {}) };
    default:
      return {};
  }
}

function selected(rule: PolicyRule, ev: PolicyEvent): boolean {
  const v = selectorValue(ev);
  const s = rule.selector;
  if (s.scheme && !(v.scheme && s.scheme.includes(v.scheme))) return false;
  if (s.challengeKind && !(v.challengeKind && s.challengeKind.includes(v.challengeKind))) return false;
  if (s.evaluationScheme && !(v.evaluationScheme && s.evaluationScheme.includes(v.evaluationScheme))) return false;
  if (s.level && !(v.level && s.level.includes(v.level))) return false;
  return true;
}

/** Why the rule does not apply to this event (null: it applies). */
function conditionFails(rule: PolicyRule, pack: PackVersion, ev: PolicyEvent, who: PolicyParty, ledger: MemoryLedger, names: RegionNames): string | null {
  const c = rule.conditions;
  const types = (t: string[]) => t.map((x) => TYPE_LABEL[x] ?? x).join('、');
  if (c.beneficiaryTypes || c.publicInstitutionTypes) {
    const plain = c.beneficiaryTypes?.includes(who.type) ?? false;
    const pub = (c.publicInstitutionTypes?.includes(who.type) ?? false) && who.publicInstitution === true;
    if (!plain && !pub) {
      const allowed = [...(c.beneficiaryTypes ?? []).map((t) => TYPE_LABEL[t] ?? t), ...(c.publicInstitutionTypes ?? []).map((t) => `事业单位性质的${TYPE_LABEL[t] ?? t}`)];
      return `受益方类型为${TYPE_LABEL[who.type] ?? who.type}，本条仅适用于${allowed.join('、')}`;
    }
  }
  const seller = party(ev, 'seller');
  const buyer = party(ev, 'buyer');
  if (c.sellerTypes && !(seller && c.sellerTypes.includes(seller.type))) return `卖方须为${types(c.sellerTypes)}`;
  if (c.buyerTypes && !(buyer && c.buyerTypes.includes(buyer.type))) return `买方须为${types(c.buyerTypes)}`;
  if (c.agencyPresent && !party(ev, 'agency')) return '合同没有技术转移服务机构';
  for (const role of c.localRoles ?? []) {
    const p = role === rule.beneficiary ? who : party(ev, role);
    if (!p || !isWithin(p.region, pack.jurisdiction)) return `${ROLE_LABEL[role] ?? role}所在地${p ? names.place(p.region) : ''}不在本辖区（${names.name(pack.jurisdiction)}）`;
  }
  if (c.contractKinds) {
    const kind = ((ev as unknown as Record<string, { kind?: string } | undefined>)['contract'] ?? {}).kind;
    if (!kind || !c.contractKinds.includes(kind)) return `合同类型为${kind ?? '无'}，本条仅适用于${c.contractKinds.join('、')}`;
  }
  if (c.grades && ev.type === 'agency_evaluation' && !c.grades.includes(ev.grade)) return `评价结果为${ev.grade}，本条仅奖补${c.grades.join('、')}`;
  if (c.convertedLocally && ev.type === 'agency_income' && !isWithin(ev.convertedIn, pack.jurisdiction)) return `成果在${names.place(ev.convertedIn)}转化，不在本辖区（${names.name(pack.jurisdiction)}）`;
  if (c.loanInPool && 'loan' in ev) {
    const loan = ledger.loans.get(ev.loan.id);
    if (!loan || loan.borrower !== who.id) return `贷款 ${ev.loan.id} 未纳入风险补偿备案`;
  }
  if (c.agencyInPool && ev.type === 'agency_evaluation') {
    const entries = (ledger.agencyPools.get(who.id) ?? []).filter((e) => isWithin(e.jurisdiction, pack.jurisdiction));
    if (!entries.some((e) => e.firstYear <= ev.year && ev.year <= e.lastYear)) {
      const last = entries.at(-1);
      return last
        ? `机构 ${last.from} 入库，培育有效期内的评估年度为 ${last.firstYear}–${last.lastYear} 年，${ev.year} 年不在有效期内`
        : '机构未入库培育（入库机构培育有效期内每年评估），须先登记入库';
    }
  }
  return null;
}

function item(rule: PolicyRule, ev: PolicyEvent): { item: string; contractId: string | null } {
  const e = ev as unknown as Record<string, { id?: string } | undefined>;
  const id = e['contract']?.id ?? e['challenge']?.id ?? e['loan']?.id ?? e['stake']?.id;
  const contractId = e['contract']?.id ?? null;
  // A "first recognition" or a yearly evaluation is counted per beneficiary, not per event.
  return { item: id ?? (rule.base === 'decided' || rule.base === 'fixed' ? `${ev.type}:${ev.id}` : ev.id), contractId };
}

interface Ctx {
  packs: PackVersion[];
  ledger: MemoryLedger;
  /** How regions are named in refusals and explanations (the packs' regions when not given). */
  names?: RegionNames;
}

/** Computes one event (raw JSON as given) against the packs and the ledger, recording what it grants. */
export function computeEvent(raw: unknown, ctx: Ctx): Computed {
  const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '';
  const parsed = parseEvent(raw);
  if (!parsed.event) return { line: { event: id, entitlements: [], refusals: [{ rule: 'event', reason: parsed.error }] }, event: null, granted: [], error: parsed.error };
  const ev = parsed.event;
  const year = ev.date.slice(0, 4);
  const names = ctx.names ?? PACK_NAMES;
  const granted: ComputedEntitlement[] = [];
  const refusals: RefusalLine[] = [];

  if (ev.type === 'challenge_milestone') {
    milestone(ev, ctx.ledger, year, granted, refusals, names);
    return { line: toLine(ev.id, granted, refusals), event: ev, granted, error: null };
  }

  if (ev.type === 'loan_repaid') {
    repayLoan(ev, applicablePacks(ctx.packs, ev.jurisdiction, ev.date), ctx.ledger, refusals);
    return { line: toLine(ev.id, granted, refusals), event: ev, granted, error: null };
  }

  const packs = ev.type === 'agency_pooled' ? poolPacks(ctx.packs, ev.jurisdiction, ev.date) : applicablePacks(ctx.packs, ev.jurisdiction, ev.date);
  let considered = 0;
  const recorded: RecordedLine[] = [];
  if (ev.type === 'agency_evaluation' && ev.scheme === 'provincial') considered += otherLevelMoney(ev, packs, ctx.ledger, recorded, refusals, names);
  for (const pack of packs) {
    for (const rule of pack.rules) {
      if (rule.kind !== 'subsidy' || rule.trigger !== ev.type || !selected(rule, ev)) continue;
      considered++;
      // Every evaluation the rule selects counts in the base of its share of grades, whatever its grade.
      if (rule.gradeShare && ev.type === 'agency_evaluation') ctx.ledger.add(MemoryLedger.evaluations(rule.id, ev.year), 1);
      const who = rule.beneficiary ? party(ev, rule.beneficiary) : null;
      if (!who) {
        if (rule.beneficiary !== 'agency') refusals.push({ rule: rule.id, reason: `事件缺少${ROLE_LABEL[rule.beneficiary ?? ''] ?? '受益方'}` });
        continue;
      }
      const why = conditionFails(rule, pack, ev, who, ctx.ledger, names);
      if (why) {
        refusals.push({ beneficiary: who.id, rule: rule.id, reason: `${rule.title}：${why}` });
        continue;
      }
      if (ev.type === 'loan_registered') {
        const balance = ctx.ledger.get(MemoryLedger.pool(who.id));
        const cap = rule.balanceCap ?? Number.MAX_SAFE_INTEGER;
        if (ctx.ledger.loans.has(ev.loan.id)) refusals.push({ beneficiary: who.id, rule: rule.id, reason: `贷款 ${ev.loan.id} 已纳入风险补偿备案` });
        else if (balance + ev.loan.principal > cap)
          refusals.push({ beneficiary: who.id, rule: rule.id, reason: `${rule.title}：已纳入贷款余额 ${yuan(balance)}，加上本笔 ${yuan(ev.loan.principal)} 超过每家企业 ${yuan(cap)} 的上限，不予纳入` });
        else {
          ctx.ledger.add(MemoryLedger.pool(who.id), ev.loan.principal);
          ctx.ledger.loans.set(ev.loan.id, { borrower: who.id, principal: ev.loan.principal, repaid: 0, compensated: 0 });
        }
        continue;
      }
      if (ev.type === 'agency_pooled') {
        const out = enterPool(rule, pack, ev, who, ctx.ledger);
        if (out) refusals.push({ beneficiary: who.id, rule: rule.id, reason: out });
        continue;
      }
      const rated = rule.gradeShare && ev.type === 'agency_evaluation' && rule.gradeShare.grades.includes(ev.grade);
      if (rated) {
        const beyond = beyondGradeShare(rule, ev as Extract<PolicyEvent, { type: 'agency_evaluation' }>, ctx.ledger);
        if (beyond) {
          refusals.push({ beneficiary: who.id, rule: rule.id, reason: beyond });
          continue;
        }
      }
      const out = grant(rule, pack, ev, who, year, ctx.ledger, names);
      if ('reason' in out) refusals.push({ beneficiary: who.id, rule: rule.id, reason: out.reason });
      else {
        granted.push(out);
        if (rated && ev.type === 'agency_evaluation') ctx.ledger.add(MemoryLedger.rated(rule.id, ev.year), 1);
      }
    }
  }
  if (considered === 0) {
    const why = ev.type === 'evaluated_award' ? `没有适用于评审项目 ${ev.scheme} 的政策条款` : `辖区${names.place(ev.jurisdiction)}在 ${ev.date} 没有适用于“${EVENT_LABEL[ev.type] ?? ev.type}”的政策条款`;
    refusals.push({ rule: 'event', reason: why });
  }
  return { line: toLine(ev.id, granted, refusals, recorded), event: ev, granted, error: null };
}

/**
 * 省市不叠加 (威海 004-9): a provincial evaluation's award (`amount`, what the
 * province granted) is money of the no-stacking group of each rule of the
 * event's packs that rewards evaluations of another scheme and says the two
 * levels are not stacked. It is recorded in the agency's ledger of that group
 * for the year of the event's date, so the city pays only the rest; nothing
 * is payable here because of it. Returns how many rules it counted for.
 */
function otherLevelMoney(ev: Extract<PolicyEvent, { type: 'agency_evaluation' }>, packs: PackVersion[], ledger: MemoryLedger, recorded: RecordedLine[], refusals: RefusalLine[], names: RegionNames): number {
  const year = ev.date.slice(0, 4);
  const groups = new Set<string>();
  let counted = 0;
  for (const pack of packs)
    for (const rule of pack.rules) {
      if (rule.kind !== 'subsidy' || rule.trigger !== 'agency_evaluation' || !rule.noStackingGroup || selected(rule, ev) || groups.has(rule.noStackingGroup)) continue;
      groups.add(rule.noStackingGroup);
      counted++;
      if (!ev.amount) {
        refusals.push({ beneficiary: ev.agency.id, rule: rule.id, reason: `${rule.title}：省级绩效评价未注明省级补助金额（字段 amount），无法计入省市不叠加的台账` });
        continue;
      }
      ledger.add(MemoryLedger.groupYear(ev.agency.id, rule.noStackingGroup, year), ev.amount);
      recorded.push({
        beneficiary: ev.agency.id,
        rule: rule.id,
        group: rule.noStackingGroup,
        year: Number(year),
        amount: ev.amount,
        explanation: `省级${ev.year} 年度绩效评价（${GRADE_LABEL[ev.grade] ?? ev.grade}）补助 ${yuan(ev.amount)} 由省级拨付，计入${rule.title}（${names.name(pack.jurisdiction)}，第${rule.source.item}条）的不叠加台账：${year} 年本级只补差额。`,
      });
    }
  return counted;
}

/**
 * 入库培育 (晋中 000-20): an agency enters the pool for `poolTermYears`
 * yearly evaluations, from the year it enters. An agency still in its term
 * is refused (its term is not extended); after the term it may enter again.
 */
function enterPool(rule: PolicyRule, pack: PackVersion, ev: Extract<PolicyEvent, { type: 'agency_pooled' }>, who: PolicyParty, ledger: MemoryLedger): string | null {
  const entry = poolEntry(rule, pack, ev);
  const open = (ledger.agencyPools.get(who.id) ?? []).find((e) => isWithin(e.jurisdiction, pack.jurisdiction) && e.lastYear >= entry.firstYear);
  if (open) return `${rule.title}：机构已于 ${open.from} 入库，培育有效期（评估年度 ${open.firstYear}–${open.lastYear} 年）未满，不重复入库`;
  MemoryLedger.enterPool(ledger, who.id, entry);
  return null;
}
function poolEntry(rule: PolicyRule, pack: PackVersion, ev: { date: string }) {
  const firstYear = Number(ev.date.slice(0, 4));
  return { jurisdiction: pack.jurisdiction, from: ev.date, firstYear, lastYear: firstYear + (rule.poolTermYears ?? 1) - 1 };
}
const hasPool = (p: PackVersion) => p.rules.some((r) => r.kind === 'subsidy' && r.trigger === 'agency_pooled');
/**
 * The packs whose pool rule an agency's entry on `date` falls under: the
 * version in force that day, or, where that version had no pool yet (an
 * entry recorded now for a date before the pool came into the rules), the
 * jurisdiction's first later version that has one — the entry is a fact of
 * its date, its term the pool rule's.
 */
export function poolPacks(packs: PackVersion[], jurisdiction: string, date: string): PackVersion[] {
  return applicablePacks(packs, jurisdiction, date).map((p) => (hasPool(p) ? p : (packs.filter((q) => q.jurisdiction === p.jurisdiction && q.validFrom > date && hasPool(q)).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0] ?? p)));
}

/** The pool entries an accepted `agency_pooled` event made (the platform refills its ledger with them). */
export function poolEntriesOf(packs: PackVersion[], ev: { date: string; jurisdiction: string }) {
  return poolPacks(packs, ev.jurisdiction, ev.date).flatMap((pack) => pack.rules.filter((r) => r.kind === 'subsidy' && r.trigger === 'agency_pooled').map((r) => poolEntry(r, pack, ev)));
}

const GRADE_LABEL: Record<string, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/**
 * 优良率 (晋中 000-20): the share of a year's evaluations rated with these
 * grades may not pass the rule's share. The base is the cohort the event
 * names (参评机构数) or, without it, the evaluations counted so far (this one
 * included); an evaluation that would pass the share is refused, with the
 * counts, so the officials see which one to revisit.
 */
function beyondGradeShare(rule: PolicyRule, ev: Extract<PolicyEvent, { type: 'agency_evaluation' }>, ledger: MemoryLedger): string | null {
  const share = rule.gradeShare!;
  const counted = ledger.get(MemoryLedger.evaluations(rule.id, ev.year));
  const base = Math.max(ev.cohort ?? 0, counted);
  const allowed = Math.floor((base * share.maxBp) / 10_000);
  const already = ledger.get(MemoryLedger.rated(rule.id, ev.year));
  if (already + 1 <= allowed) return null;
  const grades = share.grades.map((g) => GRADE_LABEL[g] ?? g).join('、');
  const baseText = ev.cohort !== undefined && ev.cohort >= counted ? `${ev.year} 年参评 ${base} 家` : `${ev.year} 年已登记参评 ${base} 家（含本次${ev.cohort === undefined ? '；事件未注明参评机构数 cohort' : ''}）`;
  return `${rule.title}：${grades}率不超过 ${pct(share.maxBp)}，${baseText}，${grades}至多 ${allowed} 家，已评定 ${already} 家，本次评为${GRADE_LABEL[ev.grade] ?? ev.grade}超出比例，不予奖励`;
}

function toLine(event: string, granted: ComputedEntitlement[], refusals: RefusalLine[], recorded: RecordedLine[] = []): SubsidyLine {
  return {
    event,
    entitlements: granted.map((g) => ({
      beneficiary: g.beneficiary,
      rule: g.rule,
      amount: g.amount,
      ...(g.committed !== undefined ? { committed: g.committed } : {}),
      base: g.base,
      rate: g.rate,
      ...(g.cap ? { cap: g.cap } : {}),
      source: g.source,
      explanation: g.explanation,
    })),
    refusals,
    ...(recorded.length > 0 ? { recorded } : {}),
  };
}

/** How the engine names a region or jurisdiction to people; the caller says which names it knows (the engine has no database). */
export interface RegionNames {
  /** A jurisdiction by name (the code when its name is unknown). */
  name(code: string): string;
  /** A region by name (no code: people read it); a region not known by name is placed in its nearest known ancestor, with its code. */
  place(code: string): string;
}

/** GB/T 2260: the city and province a code lies in (itself excluded). */
export function regionAncestors(code: string): string[] {
  const out: string[] = [];
  if (!code.endsWith('00')) out.push(`${code.slice(0, 4)}00`);
  if (!code.endsWith('0000')) out.push(`${code.slice(0, 2)}0000`);
  return out;
}

/** Names from a code → name table; codes without a name fall back to an ancestor's name, else to the code itself. */
export function regionNames(known: ReadonlyMap<string, string> | Readonly<Record<string, string>>): RegionNames {
  const get = (code: string) => (known instanceof Map ? known.get(code) : (known as Record<string, string>)[code]);
  return {
    name: (code) => get(code) ?? code,
    place: (code) => {
      const own = get(code);
      if (own) return own;
      const above = regionAncestors(code).map(get).find((n) => n !== undefined);
      return above ? `${above}辖内（${code}）` : code;
    },
  };
}

/** Every region code an event names (parties' regions, where it was converted, its jurisdiction) with the codes above them. */
export function regionCodesOf(raw: unknown): string[] {
  const codes = new Set<string>();
  const visit = (v: unknown, depth: number) => {
    if (!v || typeof v !== 'object' || depth > 2) return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'string' && (k === 'region' || k === 'convertedIn' || k === 'jurisdiction') && /^\d{6}$/.test(x)) for (const c of [x, ...regionAncestors(x)]) codes.add(c);
      else visit(x, depth + 1);
    }
  };
  visit(raw, 0);
  return [...codes];
}

const PACK_NAMES = regionNames(PACK_REGION_NAMES);

const CAP_LABEL = { item: '单项上限', yearly: '年度上限', total: '累计上限', group: '不叠加', balance: '余额上限', commitment: '承诺额', decided: '评审确定额' } as const;

function grant(rule: PolicyRule, pack: PackVersion, ev: PolicyEvent, who: PolicyParty, year: string, ledger: MemoryLedger, names: RegionNames): ComputedEntitlement | { reason: string } {
  const parts: string[] = [];
  let base: number;
  let rate: number;
  let amount: number;
  let cap: { kind: keyof typeof CAP_LABEL; limit: number } | undefined;
  const decided = 'amount' in ev && typeof ev.amount === 'number' && ev.type !== 'contract_payment' ? ev.amount : undefined;

  if (rule.base === 'fixed') {
    const key = ev.type === 'agency_evaluation' ? ev.grade : ev.type === 'agency_recognised' ? ev.level : '';
    const fixed = rule.fixedByValue?.[key] ?? rule.fixedAmount ?? 0;
    base = fixed;
    rate = 10_000;
    amount = fixed;
    parts.push(`按规定金额 ${yuan(fixed)}`);
    if (decided !== undefined && decided < fixed) {
      amount = decided;
      parts.push(`评审确定 ${yuan(decided)}`);
    }
  } else if (rule.base === 'decided') {
    base = decided ?? 0;
    rate = 10_000;
    amount = base;
    parts.push(`评审确定金额 ${yuan(base)}`);
    if (rule.minAmount !== undefined && base < rule.minAmount) return { reason: `${rule.title}：评审确定金额 ${yuan(base)} 低于本条最低额 ${yuan(rule.minAmount)}` };
  } else if (rule.base === 'stakeAppreciation' && ev.type === 'stake_exit') {
    if (ev.stake.investedOn > ev.date) return { reason: `${rule.title}：投资日期 ${ev.stake.investedOn} 晚于退出日期 ${ev.date}` };
    const exit = stakeExit(ev);
    parts.push(exit.text);
    if (exit.appreciation <= 0) return { reason: `${rule.title}：${exit.text}；股权没有增值，无可让渡部分` };
    base = exit.appreciation;
    rate = rule.rateBp;
    amount = rateOf(base, rate);
    parts.push(`增值部分 ${yuan(base)} 按 ${pct(rate)} 让渡给成果所有人，计 ${yuan(amount)}`);
  } else {
    base = baseValue(rule, ev);
    rate = rule.rateBpWithFlags && rule.rateBpWithFlags.flags.every((f) => who[f] === true) ? rule.rateBpWithFlags.rateBp : rule.rateBp;
    if (ev.type === 'loan_default') {
      const loan = ledger.loans.get(ev.loan.id)!;
      const outstanding = loan.principal - loan.repaid;
      if (base > outstanding) {
        parts.push(loan.repaid > 0 ? `不良本金以未偿本金 ${yuan(outstanding)}（备案本金 ${yuan(loan.principal)}，已还 ${yuan(loan.repaid)}）为限` : `不良本金以备案本金 ${yuan(loan.principal)} 为限`);
        base = outstanding;
      }
    }
    amount = rateOf(base, rate);
    parts.push(`以${BASE_LABEL[rule.base] ?? rule.base} ${yuan(base)} 为基数，按 ${pct(rate)} 计 ${yuan(amount)}`);
    if (rate !== rule.rateBp) parts.push(`（受益方为增信评估的早期、初创期企业，适用 ${pct(rate)}）`);
  }
  if (base <= 0) return { reason: `${rule.title}：计算基数为 0` };
  const raw = amount;

  const { item: itemKey, contractId } = item(rule, ev);
  const bite = (kind: keyof typeof CAP_LABEL, limit: number, remaining: number, note: string) => {
    if (amount > remaining) {
      amount = Math.max(0, remaining);
      cap = { kind, limit };
      parts.push(`受${CAP_LABEL[kind]} ${yuan(limit)} 限制${note}，核定 ${yuan(amount)}`);
    }
  };
  let yearlyNoted = false;
  const itemLimit = (rule.itemCapByValue && 'level' in ev && typeof ev.level === 'string' ? rule.itemCapByValue[ev.level] : undefined) ?? rule.itemCap;
  if (itemLimit !== undefined) {
    const used = ledger.get(MemoryLedger.item(rule.id, itemKey));
    bite('item', itemLimit, itemLimit - used, used > 0 ? `（同一项目已获 ${yuan(used)}）` : '');
  }
  if (rule.yearlyCap !== undefined) {
    const used = ledger.get(MemoryLedger.ruleYear(who.id, rule.id, year));
    if (amount > rule.yearlyCap - used) yearlyNoted = true;
    bite('yearly', rule.yearlyCap, rule.yearlyCap - used, `（${year} 年已获 ${yuan(used)}）`);
  }
  if (rule.totalCap !== undefined) {
    const used = ledger.get(MemoryLedger.ruleTotal(who.id, rule.id));
    bite('total', rule.totalCap, rule.totalCap - used, `（累计已获 ${yuan(used)}）`);
  }
  if (rule.noStackingGroup) {
    const used = ledger.get(MemoryLedger.groupYear(who.id, rule.noStackingGroup, year));
    if (used > 0) {
      const before = amount;
      amount = Math.max(0, amount - used);
      cap = { kind: 'group', limit: before };
      parts.push(`省市两级资金不叠加享受：${year} 年已获同类资金 ${yuan(used)}，本级只补差额 ${yuan(amount)}`);
    }
  }
  if (amount <= 0) return { reason: `${rule.title}：${parts.join('；')}，可得金额为 0` };

  const entitlement: ComputedEntitlement = {
    beneficiary: who.id,
    rule: rule.id,
    amount,
    base,
    rate,
    ...(cap ? { cap } : {}),
    source: rule.source,
    explanation: '',
    jurisdiction: pack.jurisdiction,
    budgetLine: rule.budgetLine,
    year: Number(year),
    item: itemKey,
    contractId,
    ...(rule.noStackingGroup ? { group: rule.noStackingGroup } : {}),
  };
  if (rule.committed) {
    entitlement.committed = amount;
    entitlement.amount = 0;
    parts.push(`立项时确定补助额度 ${yuan(amount)}，按里程碑分期拨付`);
    const challenge = ev.type === 'challenge_awarded' ? ev.challenge.id : itemKey;
    ledger.commitments.set(itemKey, { challenge, contractId, item: itemKey, rule, jurisdiction: pack.jurisdiction, beneficiary: who.id, committed: amount, paid: 0, share: 0 });
    ledger.add(MemoryLedger.item(rule.id, itemKey), amount);
  } else {
    ledger.record({ beneficiary: who.id, rule: rule.id, group: rule.noStackingGroup, year, item: itemKey, amount });
    if (ev.type === 'loan_default' || ev.type === 'loan_interest') {
      const loan = ledger.loans.get(ev.loan.id);
      if (loan) loan.compensated += amount;
    }
  }
  if (raw === amount && !rule.committed) parts.push(`核定 ${yuan(amount)}`);
  if (yearlyNoted === false) {
    // What this beneficiary already got under the rule this year (said by the yearly cap's note when that cap bit).
    const before = ledger.get(MemoryLedger.ruleYear(who.id, rule.id, year)) - (rule.committed ? 0 : amount);
    parts.push(`${year} 年此前已获本条 ${yuan(before)}${rule.yearlyCap !== undefined ? `（年度上限 ${yuan(rule.yearlyCap)}）` : ''}`);
  }
  entitlement.explanation = `${rule.title}（${names.name(pack.jurisdiction)}，第${rule.source.item}条）：${parts.join('；')}。`;
  return entitlement;
}

/**
 * Principal repaid on a loan in a risk pool (威海 004-15): the borrower's covered balance goes down by it, so
 * a firm at the cap may register a new loan. Nothing is payable; refused when the jurisdiction keeps no pool,
 * the loan is not in it (or is another borrower's), or the repayment exceeds what is outstanding.
 */
function repayLoan(ev: Extract<PolicyEvent, { type: 'loan_repaid' }>, packs: PackVersion[], ledger: MemoryLedger, refusals: RefusalLine[]) {
  const rule = packs.flatMap((p) => p.rules).find((r) => r.kind === 'subsidy' && r.trigger === 'loan_registered' && r.balanceCap !== undefined);
  const who = ev.borrower.id;
  if (!rule) return void refusals.push({ beneficiary: who, rule: 'event', reason: '本辖区没有贷款风险补偿备案（风险池），无可冲减的贷款余额' });
  const loan = ledger.loans.get(ev.loan.id);
  if (!loan || loan.borrower !== who) return void refusals.push({ beneficiary: who, rule: rule.id, reason: `贷款 ${ev.loan.id} 未纳入该企业的风险补偿备案（字段 loan.id）` });
  const outstanding = loan.principal - loan.repaid;
  if (ev.principalRepaid <= 0 || ev.principalRepaid > outstanding)
    return void refusals.push({ beneficiary: who, rule: rule.id, reason: `还款本金 ${yuan(ev.principalRepaid)} 须大于 0 且不超过未偿本金 ${yuan(outstanding)}（备案本金 ${yuan(loan.principal)}，已还 ${yuan(loan.repaid)}）（字段 principalRepaid）` });
  loan.repaid += ev.principalRepaid;
  ledger.add(MemoryLedger.pool(who), -ev.principalRepaid);
}

/**
 * 沈阳 003-3: the government's stake exits at its principal plus interest at
 * the bank rate of the period (simple interest, actual days / 365, rounded
 * down to the fen); what the stake is worth above that is the appreciation
 * the owner of the achievement gets.
 */
export function stakeExit(ev: Extract<PolicyEvent, { type: 'stake_exit' }>): { days: number; interest: number; appreciation: number; text: string } {
  const days = Math.max(0, Math.round((Date.parse(`${ev.date}T00:00:00Z`) - Date.parse(`${ev.stake.investedOn}T00:00:00Z`)) / 86_400_000));
  const interest = Number((BigInt(ev.stake.principal) * BigInt(ev.bankRateBp) * BigInt(days)) / (10_000n * 365n));
  const back = ev.stake.principal + interest;
  const appreciation = ev.exitValue - back;
  const text = `政府投资本金 ${yuan(ev.stake.principal)}，自 ${ev.stake.investedOn} 至 ${ev.date} 共 ${days} 天，按同期银行利率 ${pct(ev.bankRateBp)}（年）计利息 ${yuan(interest)}，政府按本息 ${yuan(back)} 退出；退出时股权价值 ${yuan(ev.exitValue)}`;
  return { days, interest, appreciation, text };
}

function milestone(ev: Extract<PolicyEvent, { type: 'challenge_milestone' }>, ledger: MemoryLedger, year: string, granted: ComputedEntitlement[], refusals: RefusalLine[], names: RegionNames): void {
  const found = ledger.commitmentsOf(ev.challenge.id, ev.contract?.id);
  if (found.length === 0) {
    refusals.push({ rule: 'event', reason: `榜单 ${ev.challenge.id} 没有${ev.contract ? `合同（揭榜方案）${ev.contract.id} 的` : ''}已确定的里程碑资助承诺` });
    return;
  }
  if (found.length > 1) {
    const named = found.map((x) => x.contractId ?? '（未注明合同）').join('、');
    refusals.push({ rule: 'event', reason: `榜单 ${ev.challenge.id} 有 ${found.length} 项里程碑资助承诺（合同 ${named}），里程碑须注明所属合同（字段 contract.id）` });
    return;
  }
  const c = found[0]!;
  let amount = Math.floor(c.committed * ev.share);
  const remaining = c.committed - c.paid;
  const parts = [`承诺额 ${yuan(c.committed)}，里程碑“${ev.milestone}”占 ${ev.share * 100}%，计 ${yuan(amount)}`];
  let cap: { kind: 'commitment'; limit: number } | undefined;
  if (amount > remaining) {
    amount = remaining;
    cap = { kind: 'commitment', limit: c.committed };
    parts.push(`此前已拨付 ${yuan(c.paid)}，以承诺余额为限，核定 ${yuan(amount)}`);
  } else if (c.paid > 0) parts.push(`此前已拨付 ${yuan(c.paid)}`);
  if (amount <= 0) {
    refusals.push({ beneficiary: c.beneficiary, rule: c.rule.id, reason: `${c.rule.title}：${parts.join('；')}，承诺额已全部拨付` });
    return;
  }
  c.paid += amount;
  c.share += ev.share;
  ledger.record({ beneficiary: c.beneficiary, rule: c.rule.id, year, item: `${c.item}#tranche`, amount });
  granted.push({
    beneficiary: c.beneficiary,
    rule: c.rule.id,
    amount,
    committed: c.committed,
    base: c.committed,
    rate: Math.round(ev.share * 10_000),
    ...(cap ? { cap } : {}),
    source: c.rule.source,
    explanation: `${c.rule.title}（${names.name(c.jurisdiction)}，第${c.rule.source.item}条）：${parts.join('；')}。`,
    jurisdiction: c.jurisdiction,
    budgetLine: c.rule.budgetLine,
    year: Number(year),
    item: c.item,
    contractId: c.contractId,
  });
}

/** Computes events in order against a fresh ledger (the command and the trial). */
export function computeAll(events: unknown[], packs: PackVersion[], ledger = new MemoryLedger(), names?: RegionNames): Computed[] {
  return events.map((e) => computeEvent(e, { packs, ledger, ...(names ? { names } : {}) }));
}
