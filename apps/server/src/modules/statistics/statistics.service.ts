import { shanghaiToday, TARGET_UNITS, UNTRACKED_FIGURES, type IndustryFigures, type StatsDto, type StatsFigures, type StatsFlowsDto, type StatsQuery, type StatsTopDto, type StatsTopQuery, type TargetKey, type TargetsBody, type TargetsDto } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import { administers, type Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Lang } from '../../platform/i18n.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { resolveJurisdiction, resolveJurisdictions } from '../jurisdictions/jurisdictions.service.ts';
import { subsidyBudgetsWithin } from '../policy/policy.service.ts';
import { describeRecords } from './statistics.records.ts';
import { parentRegion } from './statistics.regions.ts';
import { regionName } from '../../platform/regions.ts';
import { regionPrefix, statisticsRepository as repo, type CauseRow, type FactFilter, type FactInsert, type FactRow, type FlowSumDelta, type Grain, type PartyRead, type PartySumDelta, type PeriodSplit, type RollupDelta, type RollupGrain, type SumRow } from './statistics.repository.ts';

type NewFact = Omit<FactInsert, 'id' | 'reversedAt' | 'createdAt'>;

/** The first day of a day's month or year. */
const periodStart = (day: string, grain: Grain) => (grain === 'month' ? `${day.slice(0, 7)}-01` : `${day.slice(0, 4)}-01-01`);

/** The daily, monthly or yearly sums' changes of counting (sign 1) or taking back (sign −1) these facts. */
function rollupDeltas(facts: Pick<FactRow, 'jurisdictions' | 'metric' | 'day' | 'kind' | 'amount' | 'amount2'>[], sign: 1 | -1, grain: RollupGrain): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const f of facts) {
    const period = grain === 'day' ? f.day : periodStart(f.day, grain);
    for (const code of f.jurisdictions) {
      const key = `${code}|${f.metric}|${period}|${f.kind}`;
      const d = deltas.get(key) ?? { jurisdictionCode: code, parentCode: parentRegion(code), period, metric: f.metric, kind: f.kind, count: 0, amount: 0, amount2: 0 };
      d.count += sign;
      d.amount += sign * f.amount;
      d.amount2 += sign * f.amount2;
      deltas.set(key, d);
    }
  }
  return [...deltas.values()];
}

type Counted = Pick<FactRow, 'jurisdictions' | 'metric' | 'day' | 'kind' | 'amount' | 'amount2' | 'sellerKey' | 'sellerName' | 'sellerRegion' | 'buyerKey' | 'buyerName' | 'buyerRegion'>;


/** The registered contracts' sums by party (by month, by year, in all) and by region pair (by month, by year), changed by counting (1) or taking back (−1) these facts. */
async function addContractSums(tx: Executor, facts: Counted[], sign: 1 | -1) {
  const contracts = facts.filter((f) => f.metric === 'contract');
  if (!contracts.length) return;
  for (const grain of ['month', 'year', 'total'] as const) {
    const parties = new Map<string, PartySumDelta>();
    const flows = new Map<string, FlowSumDelta>();
    for (const f of contracts) {
      const period = grain === 'total' ? null : periodStart(f.day, grain);
      if (period) {
        const fl = flows.get(`${period}|${f.sellerRegion}|${f.buyerRegion}`) ?? { period, sellerRegion: f.sellerRegion, buyerRegion: f.buyerRegion, count: 0, amount: 0 };
        fl.count! += sign;
        fl.amount! += sign * f.amount;
        flows.set(`${period}|${f.sellerRegion}|${f.buyerRegion}`, fl);
      }
      for (const [side, partyKey, name, region] of [['seller', f.sellerKey, f.sellerName, f.sellerRegion], ['buyer', f.buyerKey, f.buyerName, f.buyerRegion]] as const) {
        if (!partyKey) continue;
        for (const code of f.jurisdictions) {
          const key = `${code}|${side}|${period}|${partyKey}`;
          const p = parties.get(key) ?? { jurisdictionCode: code, side, partyKey, period, name, region, count: 0, amount: 0, amount2: 0 };
          p.count! += sign;
          p.amount! += sign * f.amount;
          p.amount2! += sign * f.amount2;
          parties.set(key, p);
        }
      }
    }
    await repo.addPartySums(tx, grain, [...parties.values()]);
    if (grain !== 'total') await repo.addFlowSums(tx, grain, [...flows.values()]);
  }
}

/** The daily, monthly and yearly sums and the contracts' sums by party and region pair, changed by counting (1) or taking back (−1) these facts. */
async function applyFacts(tx: Executor, facts: Counted[], sign: 1 | -1) {
  if (!facts.length) return;
  // Marked while the sums change: a writer outside a transaction that dies half-way leaves the mark for the start-up repair.
  const mark = await repo.markRollups(tx, 'sums changing');
  for (const grain of ['day', 'month', 'year'] as const) await repo.addRollups(tx, grain, rollupDeltas(facts, sign, grain));
  await addContractSums(tx, facts, sign);
  await repo.clearRollupMarks(tx, [mark]);
}

/**
 * The monthly and yearly sums rebuilt from the daily ones where they do not
 * add up to the same (a change that reached only the daily sums): run at
 * start-up. Only when a mark says they may (a writer that died half-way, a
 * migration), or when forced: a clean start reads the marks' index and
 * nothing else. Returns the metrics that differed (none: nothing rebuilt).
 */
export async function repairRollupSums(db: Db, opts: { force?: boolean } = {}) {
  const marks = await repo.rollupMarks(db);
  if (!marks.length && !opts.force) return [];
  const differing = await repo.rollupTotalsDiffering(db);
  if (differing.length) await db.transaction((tx) => repo.rebuildRollupSums(tx));
  await repo.clearRollupMarks(db, marks.map((m) => m.id));
  return differing.map((d) => d.metric);
}

/**
 * Counts facts once each (metric + source id) in their jurisdictions' daily
 * sums, in the caller's transaction; a fact counted before (a redelivered
 * event) is left out. Returns how many were new.
 */
export async function recordFacts(tx: Executor, facts: NewFact[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < facts.length; i += 1000) {
    const inserted = await repo.insertFacts(tx, facts.slice(i, i + 1000));
    await applyFacts(tx, inserted, 1);
    added += inserted.length;
  }
  return added;
}

/** Takes back every fact of a source (a terminated contract): its sums go down, the fact stays, marked reversed. */
export async function reverseFactsOf(tx: Executor, sourceId: string) {
  for (const fact of await repo.liveFactsOf(tx, sourceId)) await reverseFact(tx, fact);
}

/**
 * A source's live facts under these metrics counted anew with its figures in force (a registered contract amended):
 * their sums go down by the old amounts and up by the new. A restatement older than the last one applied (events
 * delivered out of order, or again) changes nothing.
 */
export async function restateFactsOf(tx: Executor, sourceId: string, metrics: readonly string[], figures: { amount: number; amount2: number }, at: Date) {
  const stale = (await repo.liveFactsOf(tx, sourceId)).filter((f) => metrics.includes(f.metric) && !(f.restatedAt && f.restatedAt >= at));
  if (!stale.length) return;
  // The sums move once for all of them: down by the old amounts, up by the new.
  await applyFacts(tx, stale, -1);
  const restated = [];
  for (const fact of stale) restated.push(await repo.restateFact(tx, fact.id, { ...figures, restatedAt: at }));
  await applyFacts(tx, restated, 1);
}

async function reverseFact(tx: Executor, fact: FactRow) {
  await applyFacts(tx, [fact], -1);
  await repo.markReversed(tx, fact.id);
}

/** A fact counted, or counted again when it had been taken back. */
async function countFact(tx: Executor, fact: NewFact) {
  if (await recordFacts(tx, [fact])) return;
  const revived = await repo.reviveFact(tx, fact);
  if (revived) await applyFacts(tx, [revived], 1);
}

/** Something that makes a subject count under a metric (a contract converting an achievement …): the fact it would count, and what it is. */
export type Cause = NewFact & { causeId: string };

const factOfCause = (c: CauseRow): NewFact => ({
  metric: c.metric,
  sourceType: c.sourceType,
  sourceId: c.subjectId,
  day: c.day,
  kind: c.kind,
  label: c.label,
  amount: c.amount,
  amount2: c.amount2,
  jurisdictions: c.jurisdictions,
  sellerKey: c.sellerKey,
  sellerName: c.sellerName,
  buyerKey: c.buyerKey,
  buyerName: c.buyerName,
  sellerRegion: c.sellerRegion,
  buyerRegion: c.buyerRegion,
});

const sameFact = (f: FactRow, c: NewFact) =>
  f.day === c.day && f.kind === c.kind && f.label === c.label && Number(f.amount) === Number(c.amount) && f.jurisdictions.join() === (c.jurisdictions ?? []).join();

/**
 * A subject counts once, as its earliest live cause says (its day, its
 * jurisdictions); with no live cause left it counts no more.
 */
async function settle(tx: Executor, metric: string, subjectId: string) {
  await repo.lockSubject(tx, metric, subjectId);
  const [first] = await repo.liveCausesOf(tx, metric, subjectId);
  const current = await repo.liveFactOf(tx, metric, subjectId);
  const wanted = first ? factOfCause(first) : undefined;
  if (current && wanted && sameFact(current, wanted)) return;
  if (current) await reverseFact(tx, current);
  if (wanted) await countFact(tx, wanted);
}

/** Keeps these causes (each once) and counts their subjects. */
export async function recordCauses(tx: Executor, causes: Cause[]) {
  for (const { causeId, ...fact } of causes) {
    await repo.insertCause(tx, { ...fact, subjectId: fact.sourceId, causeId, jurisdictions: fact.jurisdictions ?? [] });
  }
  for (const key of new Set(causes.map((c) => `${c.metric}|${c.sourceId}`))) {
    const [metric, subjectId] = key.split('|') as [string, string];
    await settle(tx, metric, subjectId);
  }
}

/** Withdraws what a thing caused (a terminated contract): each subject it counted stays counted only when another cause still holds. */
export async function withdrawCausesOf(tx: Executor, causeId: string) {
  const withdrawn = await repo.withdrawCausesBy(tx, causeId);
  for (const key of new Set(withdrawn.map((c) => `${c.metric}|${c.subjectId}`))) {
    const [metric, subjectId] = key.split('|') as [string, string];
    await settle(tx, metric, subjectId);
  }
}

/**
 * Conversions counted from registered contracts before causes were kept
 * stand under a cause that names no contract, so the contract's termination
 * took nothing back — and one terminated before then never did. Names the
 * contract behind each and, where that contract is terminated, withdraws
 * what it caused (what it alone converted is converted no more). Run at
 * start-up; once done it finds nothing. Returns how many it named.
 */
export async function repairConversionsCountedBefore(db: Db) {
  const found = await repo.conversionsCountedBefore(db);
  for (const contractId of new Set(found.map((c) => c.contractId))) {
    await db.transaction(async (tx) => {
      const mine = found.filter((c) => c.contractId === contractId);
      for (const c of mine) await repo.nameCause(tx, c.id, contractId);
      if (mine[0]!.terminated) await withdrawCausesOf(tx, contractId);
    });
  }
  return found.length;
}

/** The causes a deal (or anything else) is under a metric: a contract registered from a deal made from a demand meets that demand too. */
export const liveCausesBy = (tx: Executor, metric: string, causeId: string) => repo.liveCausesBy(tx, metric, causeId);

/** The industry each of these sources was counted with under a metric (achievement.published, demand.published). */
export async function industriesOf(tx: Executor, metric: string, sourceIds: string[]) {
  return new Map((await repo.kindsOf(tx, metric, sourceIds)).map((r) => [r.sourceId, r.kind]));
}

/** The industry and jurisdictions each of these sources was counted with when published. */
export async function publishedAs(tx: Executor, metric: 'achievement.published' | 'demand.published', sourceIds: string[]) {
  return new Map((await repo.kindsOf(tx, metric, sourceIds)).map((r) => [r.sourceId, { kind: r.kind, jurisdictions: r.jurisdictions }]));
}

/** What each figure counts, shown beside it. */
export const DEFINITIONS: Record<string, string> = {
  contracts: '在本辖区（含下级）登记点认定登记的技术合同：份数、合同成交额、技术交易额，按合同类别分列；合同终止（或撤销登记）后，从其登记日期所在期间的各项合同数字中扣除。',
  localAbsorbed: '本地吸纳：卖方与买方均在本辖区内的已登记合同（不论在何处登记）的份数与技术交易额；与技术合同页「年度统计」的本地吸纳同一口径。',
  output: '技术输出：卖方在本辖区内、买方在辖区外的已登记合同的份数与技术交易额。',
  input: '技术输入：买方在本辖区内、卖方在辖区外的已登记合同的份数与技术交易额。',
  localConversionRate: '科技成果本地转化率 = 本地吸纳合同 ÷ 卖方在本辖区内的全部合同（本地吸纳 + 技术输出），按份数与按技术交易额分别计算；无合同时不计算。',
  achievementsPublished: '期间内经审核首次发布的科技成果数（按成果所属辖区）。',
  demandsPosted: '期间内经审核首次发布的技术需求数（按需求所属辖区）。',
  achievementsConverted: '成果转化：期间内首次转化的科技成果数——成果方登记了转化（转让、许可、作价入股等）、在平台签约成交，或已登记技术合同关联了该成果；一项成果只计一次，按成果所属辖区（合同关联的按卖方所在地区）；关联合同终止后，若无其他转化记录或有效登记合同，该成果不再计为已转化。',
  demandsMet: '需求已满足：期间内首次满足的技术需求数——由该需求发布的揭榜挂帅榜单全部里程碑通过验收、由该需求达成的平台交易签约，或由这类交易登记的技术合同；一项需求只计一次，按需求所属辖区；仅因某份合同而满足的需求在该合同终止后不再计入。',
  matches: '匹配推送：期间内因本辖区成果或需求发布而定向推送给用户的匹配条数（每人每条记录只推一次）；匹配回应：本辖区成果或需求的推荐匹配得到「有意向」或「不相关」回应的条数（同一人改变意见不重复计）。',
  byIndustry: '按行业（国民经济行业分类 GB/T 4754 门类，取成果或需求登记的所属行业）：发布与转化的成果、发布与满足的需求、推送的匹配，以及登记合同的份数与合同成交额（取合同登记的行业，未登记的取其关联成果的行业）；都无行业的记为「未分类」。',
  topOrganizations: '机构排名：期间内在本辖区计入的已登记技术合同，按卖方（或买方）机构汇总的份数与合同成交额；无平台账户的当事方按其名称汇总。',
  flows: '地区流向：期间内卖方或买方在本辖区内的已登记技术合同（不论在何处登记），由卖方所在地区流向买方所在地区的份数与合同成交额；辖区内按下一级地区，辖区外按省份；只有地区之间的数量与金额，不含任何当事方。',
  deals: '期间内签约的平台交易（挂牌、协议定价公示、竞价拍卖）的笔数与成交金额，按定价方式分列；竞价溢价率 = 竞价成交额 ÷ 起拍价合计 − 1。',
  organizationsVerified: '期间内通过单位认证的机构数，按机构类型分列。',
  subsidies: '奖补：期间内审批通过（承诺）与已拨付的金额，按奖补所属辖区；对照预算：本辖区（含下级）为期间所涉各年度设置的奖补预算之和（各预算科目相加；未设置预算时不计算；预算按年度设置，按月的各期不分摊）。',
  untracked: '撮合对接活动、路演、技术经纪人培训、中试基地、双创载体、技术转移示范机构、技术转移转化人才：平台尚无记录这些事项的模块，显示为“暂未统计”，不是 0。',
  challenges: '揭榜挂帅等榜单：期间内审核发布的榜单数、完成评审揭榜的榜单数，与揭榜方全部里程碑通过验收（完成）的榜单数，按榜单所属辖区。',
};

/** The figures no module records yet: null each ("not tracked yet"). */
const untrackedFigures = () => Object.fromEntries(UNTRACKED_FIGURES.map((k) => [k, null])) as Record<(typeof UNTRACKED_FIGURES)[number], null>;

function emptyFigures(): StatsFigures {
  return {
    contracts: { count: 0, contractAmount: 0, technologyAmount: 0, byKind: {} },
    localAbsorbed: { count: 0, amount: 0 },
    output: { count: 0, amount: 0 },
    input: { count: 0, amount: 0 },
    localConversionRate: { byCount: null, byAmount: null },
    achievementsPublished: 0,
    achievementsConverted: 0,
    demandsPosted: 0,
    demandsMet: 0,
    matches: { pushed: 0, answered: 0 },
    deals: { count: 0, amount: 0, bySource: {}, auctionPremium: null },
    organizationsVerified: { count: 0, byType: {} },
    subsidies: { committed: 0, paid: 0, budget: null },
    challenges: { posted: 0, awarded: 0, completed: 0 },
    byIndustry: {},
    ...untrackedFigures(),
  };
}

/** Folds summed rollup rows into the figure set. */
export function figuresOf(rows: Pick<SumRow, 'metric' | 'kind' | 'count' | 'amount' | 'amount2'>[]): StatsFigures {
  const f = emptyFigures();
  const auctions = { sold: 0, start: 0 };
  const industry = (kind: string): IndustryFigures =>
    (f.byIndustry[kind] ??= { achievementsPublished: 0, achievementsConverted: 0, demandsPosted: 0, demandsMet: 0, matchesPushed: 0, contracts: 0, contractAmount: 0 });
  for (const r of rows) {
    const count = Number(r.count);
    const amount = Number(r.amount);
    const amount2 = Number(r.amount2);
    switch (r.metric) {
      case 'contract': {
        f.contracts.count += count;
        f.contracts.contractAmount += amount;
        f.contracts.technologyAmount += amount2;
        const k = (f.contracts.byKind[r.kind || 'other'] ??= { count: 0, contractAmount: 0, technologyAmount: 0 });
        k.count += count;
        k.contractAmount += amount;
        k.technologyAmount += amount2;
        break;
      }
      case 'contract.industry': {
        const i = industry(r.kind);
        i.contracts += count;
        i.contractAmount += amount;
        break;
      }
      case 'contract.local':
        f.localAbsorbed.count += count;
        f.localAbsorbed.amount += amount2;
        break;
      case 'contract.output':
        f.output.count += count;
        f.output.amount += amount2;
        break;
      case 'contract.input':
        f.input.count += count;
        f.input.amount += amount2;
        break;
      case 'achievement.published':
        f.achievementsPublished += count;
        industry(r.kind).achievementsPublished += count;
        break;
      case 'achievement.converted':
        f.achievementsConverted += count;
        industry(r.kind).achievementsConverted += count;
        break;
      case 'demand.published':
        f.demandsPosted += count;
        industry(r.kind).demandsPosted += count;
        break;
      case 'demand.met':
        f.demandsMet += count;
        industry(r.kind).demandsMet += count;
        break;
      case 'match.pushed':
        f.matches.pushed += count;
        industry(r.kind).matchesPushed += count;
        break;
      case 'match.answered':
        f.matches.answered += count;
        break;
      case 'challenge.completed':
        f.challenges.completed = (f.challenges.completed ?? 0) + count;
        break;
      case 'deal': {
        f.deals.count += count;
        f.deals.amount += amount;
        const s = (f.deals.bySource[r.kind || 'other'] ??= { count: 0, amount: 0 });
        s.count += count;
        s.amount += amount;
        if (r.kind === 'auction' && amount2 > 0) {
          auctions.sold += amount;
          auctions.start += amount2;
        }
        break;
      }
      case 'challenge.posted':
        f.challenges.posted = (f.challenges.posted ?? 0) + count;
        break;
      case 'challenge.awarded':
        f.challenges.awarded = (f.challenges.awarded ?? 0) + count;
        break;
      case 'subsidy.committed':
        f.subsidies.committed = (f.subsidies.committed ?? 0) + amount;
        break;
      case 'subsidy.paid':
        f.subsidies.paid = (f.subsidies.paid ?? 0) + amount;
        break;
      case 'organization.verified':
        f.organizationsVerified.count += count;
        f.organizationsVerified.byType[r.kind || 'other'] = (f.organizationsVerified.byType[r.kind || 'other'] ?? 0) + count;
        break;
    }
  }
  f.deals.auctionPremium = auctions.start ? (auctions.sold - auctions.start) / auctions.start : null;
  const sellerInsideCount = f.localAbsorbed.count + f.output.count;
  const sellerInsideAmount = f.localAbsorbed.amount + f.output.amount;
  f.localConversionRate = {
    byCount: sellerInsideCount ? f.localAbsorbed.count / sellerInsideCount : null,
    byAmount: sellerInsideAmount ? f.localAbsorbed.amount / sellerInsideAmount : null,
  };
  return f;
}

const periodError = (path: string, key: string, params: Record<string, string | number> = {}) => new AppError(422, 'invalid-period', 'problem.validation', key, params, [{ path, key }]);

/** The longest period a series answers: 120 months by month (ten years), 50 years by year. */
export const MAX_SERIES = { month: 120, year: 50 } as const;

/** The period asked for: this calendar year so far by default (Asia/Shanghai); a series by month or year no longer than MAX_SERIES points. */
export function periodOf(q: { from?: string; to?: string; by?: 'month' | 'year' | 'child' }, today = shanghaiToday()) {
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw periodError('from', 'err.stats.fromAfterTo');
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (q.by === 'month' && years * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1 > MAX_SERIES.month) throw periodError('to', 'err.stats.tooManyMonths', { max: MAX_SERIES.month });
  if (q.by === 'year' && years + 1 > MAX_SERIES.year) throw periodError('to', 'err.stats.tooManyYears', { max: MAX_SERIES.year });
  return { from, to };
}

async function jurisdictionOf(db: Executor, code: string) {
  const j = await resolveJurisdiction(db, code);
  if (!j) throw new AppError(404, 'not-found', 'problem.entityNotFound', 'err.stats.unknownJurisdiction', { code }, [{ path: 'jurisdiction', key: 'err.stats.unknownJurisdiction' }]);
  return j;
}

/** Who sees a jurisdiction's full figures and records: its administrators (and those above), platform administrators. */
export function mayReadStats(actor: Actor | null, path: string) {
  return !!actor && (actor.user.isPlatformAdmin || administers(actor, path));
}

/** The months (YYYY-MM) or years (YYYY) from `from` to `to`, both included. */
export function periodsBetween(from: string, to: string, by: 'month' | 'year'): string[] {
  const out: string[] = [];
  if (by === 'year') {
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(String(y));
    return out;
  }
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > end) return out;
    out.push(p);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const previousDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const nextMonth = (d: string) => {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** [from, to] as its whole months (from the first day of the first to the first day after the last) and the days at either end outside them. */
export function monthSplit(from: string, to: string): { months: { from: string; until: string } | null; edges: { from: string; to: string }[] } {
  const first = from.endsWith('-01') ? from : nextMonth(from);
  const until = nextDay(to).endsWith('-01') ? nextDay(to) : `${to.slice(0, 7)}-01`;
  if (first >= until) return { months: null, edges: [{ from, to }] };
  const edges: PeriodSplit['edges'] = [];
  if (from < first) edges.push({ from, to: previousDay(first) });
  if (until <= to) edges.push({ from: until, to });
  return { months: { from: first, until }, edges };
}

/** [from, to] as its whole months and the days of its partial months at either end (no years). */
const monthsOf = (from: string, to: string): PeriodSplit => {
  const m = monthSplit(from, to);
  return { years: null, months: m.months ? [m.months] : [], edges: m.edges };
};

/** [from, to] as its whole years, the whole months of its partial years and the days of its partial months. */
export function periodSplit(from: string, to: string): PeriodSplit {
  const first = from.endsWith('-01-01') ? from : `${Number(from.slice(0, 4)) + 1}-01-01`;
  const until = nextDay(to).endsWith('-01-01') ? nextDay(to) : `${to.slice(0, 4)}-01-01`;
  const parts = first < until ? [from < first ? monthSplit(from, previousDay(first)) : null, until <= to ? monthSplit(until, to) : null] : [monthSplit(from, to)];
  return {
    years: first < until ? { from: first, until } : null,
    months: parts.flatMap((p) => (p?.months ? [p.months] : [])),
    edges: parts.flatMap((p) => p?.edges ?? []),
  };
}

/** The earliest and the latest day the sums are read for: the pieces outside a period lie between them. */
const FIRST_DAY = '1900-01-01';
const LAST_DAY = '2999-12-31';

/**
 * How the party sums answer [from, to]: by its own years, months and days;
 * or — when it covers more of the years the jurisdiction has contracts in
 * than it leaves out (ten years of ten) — as every party's totals less the
 * years, months and days outside it, which reads one row per party instead
 * of one per party and year.
 */
async function partyRead(db: Executor, code: string, side: 'seller' | 'buyer', from: string, to: string): Promise<PartyRead> {
  const within = periodSplit(from, to);
  if (!within.years) return { within };
  const { first, last } = await repo.partyYearsExtent(db, code, side);
  if (!first || !last) return { within };
  const [y0, y1] = [Number(first.slice(0, 4)), Number(last.slice(0, 4))];
  const [in0, in1] = [Math.max(y0, Number(within.years.from.slice(0, 4))), Math.min(y1, Number(within.years.until.slice(0, 4)) - 1)];
  const inside = Math.max(0, in1 - in0 + 1);
  if (inside <= y1 - y0 + 1 - inside + 1) return { within };
  const outside = [from > FIRST_DAY ? periodSplit(FIRST_DAY, previousDay(from)) : null, to < LAST_DAY ? periodSplit(nextDay(to), LAST_DAY) : null];
  return { outside: outside.filter((x): x is PeriodSplit => x !== null) };
}

/** Every figure of a jurisdiction over a period, with a series by month, year or child region. */
/** Flows are each region's own (a contract between two cities is local to their province, output of one and input of the other): they do not subtract. */
const OWN_BOUNDARY_METRICS = new Set(['contract.local', 'contract.output', 'contract.input']);

/**
 * What a region's total counts beyond the sum of its children's (a university registered at the province itself, a
 * record whose place names no sub-region), metric by metric; the flows, each region's own, are left out.
 */
export function remainderOf(total: SumRow[], children: SumRow[]): SumRow[] {
  const left = new Map<string, SumRow>();
  const add = (r: SumRow, sign: 1 | -1) => {
    if (OWN_BOUNDARY_METRICS.has(r.metric)) return;
    const key = `${r.metric}|${r.kind}`;
    const l = left.get(key) ?? { grp: '', metric: r.metric, kind: r.kind, count: 0, amount: 0, amount2: 0 };
    l.count += sign * Number(r.count);
    l.amount += sign * Number(r.amount);
    l.amount2 += sign * Number(r.amount2);
    left.set(key, l);
  };
  for (const r of total) add(r, 1);
  for (const r of children) add(r, -1);
  return [...left.values()].filter((r) => r.count || r.amount || r.amount2);
}

/** The row of a region's own level beside its children's (省本级及未归属下级), named for its level. */
export function remainderName(code: string, lang: Lang): string {
  const level = code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county';
  return {
    province: { zh: '省本级及未归属下级', en: 'Province level and not in a sub-region' },
    city: { zh: '市本级及未归属下级', en: 'City level and not in a sub-region' },
    county: { zh: '本级及未归属下级', en: 'Own level and not in a sub-region' },
  }[level][lang];
}

export async function statsOf(db: Db, actor: Actor | null, q: StatsQuery, opts: { public: boolean; lang?: Lang }): Promise<StatsDto> {
  const by = q.by ?? 'month';
  const { from, to } = periodOf({ ...q, by });
  const j = await jurisdictionOf(db, q.jurisdiction);
  if (!opts.public && !mayReadStats(actor, j.path)) throw forbidden();
  // By month, whole months and days; else whole years too.
  const split: PeriodSplit = by === 'month' ? monthsOf(from, to) : periodSplit(from, to);
  const grouped = await repo.sums(db, j.code, split, by);
  // Every row of a month or a year is inside the period: its figures are theirs added up; a region's children are not all of it.
  const total = by === 'child' ? await repo.sums(db, j.code, split, 'none') : grouped;
  const groups = new Map<string, SumRow[]>();
  for (const r of grouped) groups.set(r.grp, [...(groups.get(r.grp) ?? []), r]);
  const names = by === 'child' ? new Map((await resolveJurisdictions(db, [...groups.keys()])).map((x) => [x.code, x.name])) : new Map<string, string>();
  // Every month (or year) of the period has its point, an empty one too; regions only where something was counted.
  const periods = by === 'child' ? [...groups.keys()] : periodsBetween(from, to, by);
  // Subsidies against budget: the budgets the policy module holds for the period's years, in the jurisdiction's subtree.
  const budgets = await subsidyBudgetsWithin(db, j.code, Number(from.slice(0, 4)), Number(to.slice(0, 4)));
  const budgetOf = (keep: (b: (typeof budgets)[number]) => boolean) => {
    const lines = budgets.filter(keep);
    return lines.length ? lines.reduce((sum, b) => sum + b.amount, 0) : null;
  };
  const figures = figuresOf(total);
  figures.subsidies.budget = budgetOf(() => true);
  // A period longer than a year would overlap the year before it: no comparison to make.
  if (q.compare === 'previousYear' && yearBefore(to) >= from) throw periodError('to', 'err.stats.compareTooLong');
  const previous = q.compare === 'previousYear' ? await previousYearOf(db, j.code, from, to) : undefined;
  // By child, the region's own level (and what no child holds) as one more row, so the rows add up to the total; none when nothing is left.
  const rest = by === 'child' ? remainderOf(total, grouped) : [];
  const ownBudget = budgetOf((b) => b.jurisdictionCode === j.code);
  const restFigures = figuresOf(rest);
  restFigures.subsidies.budget = ownBudget;
  const remainder = rest.length || ownBudget !== null ? [{ period: j.code, name: remainderName(j.code, opts.lang ?? 'zh'), jurisdiction: false, remainder: true, figures: restFigures }] : [];
  return {
    jurisdiction: { code: j.code, name: j.name },
    from,
    to,
    figures,
    series: periods.map((period) => {
      const f = figuresOf(groups.get(period) ?? []);
      if (by === 'year') f.subsidies.budget = budgetOf((b) => String(b.year) === period);
      if (by === 'child') f.subsidies.budget = budgetOf((b) => b.jurisdictionCode.startsWith(regionPrefix(period)));
      return { period, ...(by === 'child' ? { name: names.get(period) ?? regionName(period) ?? period, jurisdiction: names.has(period) } : {}), figures: f };
    }).concat(by === 'child' ? remainder : []),
    definitions: DEFINITIONS,
    ...(previous ? { previous } : {}),
  };
}

/** A day a year before (29 February becomes the 28th). */
export const yearBefore = (day: string) => {
  const y = `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
  return y.endsWith('-02-29') ? `${y.slice(0, 8)}28` : y;
};

/** The figures of the same period a year before (同比): one more read of the sums, whole years, months and days as the period falls. */
async function previousYearOf(db: Db, code: string, from: string, to: string) {
  const [pFrom, pTo] = [yearBefore(from), yearBefore(to)];
  return { from: pFrom, to: pTo, figures: figuresOf(await repo.sums(db, code, periodSplit(pFrom, pTo), 'none')) };
}

/** The period and jurisdiction of a request for non-public figures, once the caller may read them. */
async function readable(db: Db, actor: Actor | null, q: { jurisdiction: string; from?: string; to?: string }) {
  const { from, to } = periodOf(q);
  const j = await jurisdictionOf(db, q.jurisdiction);
  if (!mayReadStats(actor, j.path)) throw forbidden();
  return { from, to, j };
}

/** The records behind one figure (administrators of the jurisdiction), narrowed to a kind, a party or a flow when asked. */
export async function recordsOf(db: Db, actor: Actor | null, q: StatsQuery & FactFilter & { metric: string; page: number; pageSize: number }, lang: Lang = 'zh') {
  const { from, to, j } = await readable(db, actor, q);
  const { rows, total } = await repo.facts(db, j.code, q.metric, from, to, q, { kind: q.kind, seller: q.seller, buyer: q.buyer, sellerIn: q.sellerIn, buyerIn: q.buyerIn });
  return {
    items: await describeRecords(db, q.metric, rows, lang),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** At most this many records go into a sheet of the records behind a figure. */
export const RECORDS_EXPORT_MAX = 10_000;

/** The records behind one figure for a sheet: the first RECORDS_EXPORT_MAX, newest first, and how many there are. */
export async function recordsForExport(db: Db, actor: Actor | null, q: StatsQuery & FactFilter & { metric: string }) {
  return recordsOf(db, actor, { ...q, page: 1, pageSize: RECORDS_EXPORT_MAX });
}

/** The organisations with the most registered contracts counted in a jurisdiction (administrators: parties are named). */
export async function topOrganizationsOf(db: Db, actor: Actor | null, q: StatsTopQuery): Promise<StatsTopDto> {
  const { from, to, j } = await readable(db, actor, q);
  const rows = await repo.topParties(db, j.code, await partyRead(db, j.code, q.side, from, to), q.side, q.order, q.limit);
  return {
    jurisdiction: { code: j.code, name: j.name },
    from,
    to,
    side: q.side,
    order: q.order,
    items: rows.map((r) => ({ key: r.key, name: r.name, region: r.region, count: Number(r.count), contractAmount: Number(r.amount), technologyAmount: Number(r.amount2) })),
  };
}

/**
 * Registered contracts between regions that touch a jurisdiction (its seller
 * or its buyer inside, wherever registered): inside by its children (a
 * county by itself), outside by province. Counts and amounts only: no party
 * leaves here.
 */
export async function flowsOf(db: Db, actor: Actor | null, q: { jurisdiction: string; from?: string; to?: string }): Promise<StatsFlowsDto> {
  const { from, to, j } = await readable(db, actor, q);
  const prefix = regionPrefix(j.code);
  const digits = Math.min(6, prefix.length + 2);
  const rows = (await repo.flows(db, j.code, periodSplit(from, to), digits)).filter((r) => r.seller && r.buyer);
  const codes = [...new Set(rows.flatMap((r) => [r.seller, r.buyer]))];
  const names = new Map((await resolveJurisdictions(db, codes)).map((x) => [x.code, x.name]));
  return {
    jurisdiction: { code: j.code, name: j.name },
    from,
    to,
    // A district the platform has no jurisdiction for is named by the jurisdiction it lies in (沈阳市 210106), not by its bare code.
    regions: codes.map((code) => ({ code, name: names.get(code) ?? regionName(code) ?? (code.startsWith(prefix) && code !== j.code ? `${j.name} ${code}` : code), inside: code.startsWith(prefix) })),
    links: rows.map((r) => ({ seller: r.seller, buyer: r.buyer, count: Number(r.count), amount: Number(r.amount) })),
  };
}

/** The target keys the platform measures; the others' figures come from modules not built yet. */
const TRACKED_TARGETS = new Set<TargetKey>(['contractAmount', 'localConversionRate', 'achievementsPublished', 'localAbsorbedGrowth']);

/**
 * The measured value a target key compares with (null: not tracked yet, or nothing to measure it from — a past year
 * without a single record of its kind on the platform has no data, rather than a measured nought).
 */
function actualOf(key: TargetKey, year: StatsFigures, previous: StatsFigures, past: boolean): number | null {
  switch (key) {
    case 'contractAmount':
      return past && year.contracts.count === 0 ? null : year.contracts.contractAmount;
    case 'localConversionRate':
      return year.localConversionRate.byCount;
    case 'achievementsPublished':
      return past && !year.achievementsPublished ? null : year.achievementsPublished;
    case 'localAbsorbedGrowth':
      return previous.localAbsorbed.count ? year.localAbsorbed.count / previous.localAbsorbed.count - 1 : null;
    default:
      return null;
  }
}

/**
 * A jurisdiction's targets with progress: the year's figure so far, the share reached, and the trend needed to reach
 * it — money and counts per month (this year: per remaining month; a year to come: per month of that year, with the
 * growth a year it needs from the last whole year), rates as the gap in percentage points.
 */
export async function targetsOf(db: Db, code: string, today = shanghaiToday()): Promise<TargetsDto> {
  const j = await jurisdictionOf(db, code);
  const rows = await repo.targets(db, j.code);
  const thisYear = Number(today.slice(0, 4));
  const years = [...new Set(rows.map((r) => r.year))];
  // The targets' years and the years before them, this year and the last whole one, from the yearly sums in one read.
  const all = [...years, ...years.map((y) => y - 1), thisYear, thisYear - 1, thisYear - 2];
  const summed = rows.length ? await repo.sums(db, j.code, { years: { from: `${Math.min(...all)}-01-01`, until: `${Math.max(...all) + 1}-01-01` }, months: [], edges: [] }, 'year') : [];
  const figures = new Map<number, StatsFigures>(all.map((y) => [y, figuresOf(summed.filter((r) => r.grp === String(y)))]));
  const measured = (key: TargetKey, year: number) => actualOf(key, figures.get(year)!, figures.get(year - 1)!, year < thisYear);
  const month = Number(today.slice(5, 7));
  return {
    jurisdiction: { code: j.code, name: j.name },
    items: rows.map((r) => {
      const key = r.key as TargetKey;
      const unit = TARGET_UNITS[key];
      const tracked = TRACKED_TARGETS.has(key);
      const value = Number(r.value);
      const actual = measured(key, r.year);
      const progress = actual === null || value === 0 ? null : actual / value;
      const future = r.year > thisYear;
      const monthsLeft = r.year < thisYear ? 0 : (r.year - thisYear) * 12 + 12 - month + 1;
      let neededPerMonth: number | null = null;
      let neededGrowth: number | null = null;
      let gapPoints: number | null = null;
      if (tracked && unit !== 'rate') {
        // This year: what is left over the months left. A year to come: nothing counted before it counts for it, so each of its months needs a twelfth.
        if (r.year === thisYear && actual !== null) neededPerMonth = Math.max(0, Math.ceil((value - actual) / monthsLeft));
        if (future) {
          neededPerMonth = Math.ceil(value / 12);
          const last = measured(key, thisYear - 1);
          if (last) neededGrowth = (value / last) ** (1 / (r.year - thisYear + 1)) - 1;
        }
      }
      if (tracked && unit === 'rate') {
        const reference = future ? measured(key, thisYear) : actual;
        if (reference !== null) gapPoints = Math.round((value - reference) * 10_000) / 100;
      }
      return { key, year: r.year, value, unit, source: r.source, tracked, actual, progress, neededPerMonth, monthsLeft, neededGrowth, gapPoints };
    }),
  };
}

export async function setTargets(db: Db, ctx: RequestContext & { actor: Actor }, code: string, body: TargetsBody) {
  const j = await jurisdictionOf(db, code);
  if (!mayReadStats(ctx.actor, j.path)) throw forbidden();
  // Money is whole fen and counts are whole numbers: a fraction typed there is refused, never rounded.
  body.targets.forEach((t, i) => {
    // A share is a fraction 0–1: 50 meant as 50 % is refused, not read as 5,000 % (a growth may exceed 100 %: doubling is 1, tripling 2).
    if (TARGET_UNITS[t.key] === 'rate' && t.key !== 'localAbsorbedGrowth' && t.value > 1) throw new AppError(400, 'validation-error', 'problem.validation', 'problem.validation.detail', {}, [{ path: `targets.${i}.value`, key: 'err.target.rateAboveOne' }]);
    if (TARGET_UNITS[t.key] !== 'rate' && !Number.isInteger(t.value)) {
      const key = TARGET_UNITS[t.key] === 'fen' ? 'err.target.wholeFen' : 'err.target.wholeCount';
      throw new AppError(400, 'validation-error', 'problem.validation', 'problem.validation.detail', {}, [{ path: `targets.${i}.value`, key }]);
    }
  });
  await db.transaction(async (tx) => {
    const before = (await repo.targets(tx, j.code)).filter((r) => r.year === body.year).map((r) => ({ key: r.key, value: Number(r.value) }));
    for (const t of body.targets) await repo.upsertTarget(tx, { jurisdictionCode: j.code, year: body.year, key: t.key, value: String(t.value), source: t.source, updatedBy: ctx.actor.user.id });
    await recordAudit(tx, ctx, {
      action: 'jurisdiction.setTargets',
      entityType: 'jurisdiction',
      entityId: j.code,
      jurisdictionCode: j.code,
      before,
      after: { year: body.year, targets: body.targets.map((t) => ({ key: t.key, value: t.value })) },
    });
  });
  return targetsOf(db, j.code);
}

const Y = 100_000_000 * 100; // 1 亿元 in fen

/** The targets of the five regions' plans, with their sources (PRODUCT.md, "Targets the statistics page tracks"). */
export const REFERENCE_TARGETS: { code: string; year: number; key: TargetKey; value: number; source: string }[] = [
  { code: '210100', year: 2022, key: 'contractAmount', value: 360 * Y, source: '003 沈阳：到2022年，全市技术合同成交额达到360亿元' },
  { code: '210100', year: 2025, key: 'contractAmount', value: 500 * Y, source: '003 沈阳：到2025年，全市技术合同成交额达到500亿元' },
  { code: '210100', year: 2022, key: 'localAbsorbedGrowth', value: 0.2, source: '003 沈阳：到2022年，本地吸纳技术合同数量提高20%以上' },
  { code: '210100', year: 2025, key: 'localAbsorbedGrowth', value: 0.5, source: '003 沈阳：到2025年，本地吸纳技术合同数量提高50%以上' },
  { code: '210100', year: 2022, key: 'localConversionRate', value: 0.4, source: '003 沈阳：到2022年，科技成果本地转化率达到40%以上' },
  { code: '210100', year: 2025, key: 'localConversionRate', value: 0.5, source: '003 沈阳：到2025年，科技成果本地转化率达到50%以上' },
  { code: '210100', year: 2026, key: 'achievementsPublished', value: 2000, source: '003 沈阳：依托各类服务平台发布成果信息，每年不少于2000项' },
  { code: '210100', year: 2026, key: 'matchmakingEvents', value: 100, source: '003 沈阳：每年组织各类撮合对接活动不少于100场' },
  { code: '210100', year: 2025, key: 'incubationCarriers', value: 300, source: '003 沈阳：到2025年，双创载体数量达到300家' },
  { code: '610000', year: 2020, key: 'demonstrationAgencies', value: 100, source: '002 陕西：“十三五”期间，建成100家省级技术转移示范机构' },
  { code: '610000', year: 2020, key: 'transferProfessionals', value: 1000, source: '002 陕西：培养技术转移转化人才1000名' },
  { code: '610000', year: 2020, key: 'contractAmount', value: 1000 * Y, source: '002 陕西：“十三五”末，技术合同交易额达1000亿元' },
  { code: '140000', year: 2022, key: 'brokersTrained', value: 150, source: '001 山西：力争在2022年底……开展技术经纪人培训150人以上' },
  { code: '140000', year: 2022, key: 'pilotBases', value: 10, source: '001 山西：力争在2022年底……新建10个以上中试基地' },
];

/** Inserts the reference targets where a jurisdiction has none of that key and year (never overwriting an administrator's). */
export async function ensureReferenceTargets(db: Executor) {
  for (const t of REFERENCE_TARGETS) {
    if (!(await resolveJurisdiction(db, t.code))) continue;
    await repo.insertTargetIfAbsent(db, { jurisdictionCode: t.code, year: t.year, key: t.key, value: String(t.value), source: t.source });
  }
}
