import type ExcelJS from 'exceljs';
import {
  CONTRACT_KIND_LABELS,
  CONTRACT_KINDS,
  DEAL_SOURCE_LABELS,
  DEAL_SOURCES,
  INDUSTRY_SECTIONS,
  ORGANIZATION_TYPE_LABELS,
  ORGANIZATION_TYPES,
  targetSourceLine,
  UNTRACKED_FIGURES,
  type StatsDto,
  type StatsFigures,
  type StatsFlowsDto,
  type StatsMetric,
  type StatsTopDto,
  type TargetKey,
  type TargetsDto,
  type UntrackedFigure,
} from '@kzt/shared';
import { addSheet, addTitledSheet, newWorkbook, yuanCell as yuan, type SheetColumn } from '../../platform/workbook.ts';
import type { recordsOf } from './statistics.service.ts';

/** The statistics downloads (issue 18): the figures, industries, rankings, flows, targets and definitions; the records behind a figure. Amounts in 元. */
export const industryName = (k: string) => INDUSTRY_SECTIONS[k as keyof typeof INDUSTRY_SECTIONS]?.zh ?? (k ? k : '未分类');

const TARGET_NAMES: Record<TargetKey, string> = {
  contractAmount: '技术合同成交额（元）',
  localAbsorbedGrowth: '本地吸纳合同数增长',
  localConversionRate: '科技成果本地转化率',
  achievementsPublished: '年发布成果',
  matchmakingEvents: '年撮合对接活动',
  roadshows: '年路演场次',
  incubationCarriers: '双创载体',
  demonstrationAgencies: '省级技术转移示范机构',
  transferProfessionals: '技术转移转化人才',
  brokersTrained: '技术经纪人培训',
  pilotBases: '中试基地',
};

export const METRIC_NAMES: Record<StatsMetric, string> = {
  contract: '登记合同',
  'contract.industry': '登记合同（按行业）',
  'contract.local': '本地吸纳合同',
  'contract.output': '技术输出合同',
  'contract.input': '技术输入合同',
  'achievement.published': '发布成果',
  'achievement.converted': '转化成果',
  'demand.published': '发布需求',
  'demand.met': '满足需求',
  'match.pushed': '匹配推送',
  'match.answered': '匹配回应',
  deal: '平台成交',
  'organization.verified': '认证机构',
  'subsidy.committed': '奖补承诺',
  'subsidy.paid': '奖补拨付',
  'challenge.posted': '发布榜单',
  'challenge.awarded': '揭榜榜单',
  'challenge.completed': '完成榜单',
};


/** The targets table: each target with its year, value, what is reached, the progress, the trend needed to reach it and its source (not tracked yet: 尚未统计). */
function targetsSheet(wb: ExcelJS.Workbook, targets: TargetsDto) {
  const value = (unit: 'fen' | 'rate' | 'count', v: number | null) => (v === null ? '尚未统计' : unit === 'fen' ? yuan(v) : v);
  addSheet(
    wb,
    '目标与进度',
    [
      { header: '指标', width: 24 },
      { header: '年度', width: 8 },
      { header: '目标', width: 18 },
      { header: '当前', width: 18 },
      { header: '完成度', width: 10, percent: true },
      { header: '每月需', width: 18 },
      { header: '年均需增长', width: 12, percent: true },
      { header: '差距（百分点）', width: 14 },
      { header: '来源', width: 60 },
    ],
    targets.items.map((i) => [TARGET_NAMES[i.key], i.year, value(i.unit, i.value), value(i.unit, i.actual), i.progress, i.neededPerMonth === null ? null : value(i.unit, i.neededPerMonth), i.neededGrowth, i.gapPoints, targetSourceLine(i.source)]),
  );
}

const kindLabel = (labels: Record<string, { zh: string }>, k: string) => labels[k]?.zh ?? (k === 'other' ? '其他' : k);
/** The known keys first, then any other the figures carry (an older pricing, a kind added later). */
const keysOf = (known: readonly string[], found: Record<string, unknown>[]) => [...new Set([...known, ...found.flatMap((x) => Object.keys(x))])];

/**
 * The figures sheet's columns, each with the cell it takes from a figure set: every figure the page shows
 * (contracts by kind, the flows' amounts, both conversion rates, deals by pricing, the auction premium,
 * subsidies against budget, organisations by type, the figures not tracked yet). Amounts in 元.
 */
function figureColumns(all: StatsFigures[]) {
  /** `flow`: measured against each region's own boundary (本地吸纳, 输出, 输入), so not a difference a remainder row can carry. */
  type Column = SheetColumn & { cell: (f: StatsFigures) => unknown; flow?: boolean };
  const count = (header: string, cell: Column['cell']): Column => ({ header, width: 12, cell });
  const money = (header: string, cell: (f: StatsFigures) => number | null): Column => ({ header, width: 18, money: true, cell: (f) => yuan(cell(f)) });
  const rate = (header: string, cell: (f: StatsFigures) => number | null): Column => ({ header, width: 14, percent: true, cell });
  const kinds = keysOf(CONTRACT_KINDS, all.map((f) => f.contracts.byKind));
  const sources = keysOf(DEAL_SOURCES, all.map((f) => f.deals.bySource));
  const types = keysOf(ORGANIZATION_TYPES, all.map((f) => f.organizationsVerified.byType));
  const columns: Column[] = [
    count('登记合同（份）', (f) => f.contracts.count),
    money('合同成交额（元）', (f) => f.contracts.contractAmount),
    money('技术交易额（元）', (f) => f.contracts.technologyAmount),
    ...kinds.flatMap((k) => {
      const name = kindLabel(CONTRACT_KIND_LABELS, k);
      return [count(`${name}（份）`, (f) => f.contracts.byKind[k]?.count ?? 0), money(`${name}合同成交额（元）`, (f) => f.contracts.byKind[k]?.contractAmount ?? 0)];
    }),
    ...[
      count('本地吸纳（份）', (f) => f.localAbsorbed.count),
      money('本地吸纳金额（元）', (f) => f.localAbsorbed.amount),
      count('技术输出（份）', (f) => f.output.count),
      money('技术输出金额（元）', (f) => f.output.amount),
      count('技术输入（份）', (f) => f.input.count),
      money('技术输入金额（元）', (f) => f.input.amount),
      rate('本地转化率（按份数）', (f) => f.localConversionRate.byCount),
      rate('本地转化率（按金额）', (f) => f.localConversionRate.byAmount),
    ].map((c) => ({ ...c, flow: true })),
    count('发布成果', (f) => f.achievementsPublished),
    count('转化成果', (f) => f.achievementsConverted),
    count('发布需求', (f) => f.demandsPosted),
    count('满足需求', (f) => f.demandsMet),
    count('匹配推送', (f) => f.matches.pushed),
    count('匹配回应', (f) => f.matches.answered),
    count('平台成交（笔）', (f) => f.deals.count),
    money('平台成交额（元）', (f) => f.deals.amount),
    ...sources.flatMap((k) => {
      const name = kindLabel(DEAL_SOURCE_LABELS, k);
      return [count(`${name}（笔）`, (f) => f.deals.bySource[k]?.count ?? 0), money(`${name}成交额（元）`, (f) => f.deals.bySource[k]?.amount ?? 0)];
    }),
    rate('竞价溢价率', (f) => f.deals.auctionPremium),
    money('奖补承诺（元）', (f) => f.subsidies.committed),
    money('奖补拨付（元）', (f) => f.subsidies.paid),
    money('奖补预算（元）', (f) => f.subsidies.budget),
    count('发布榜单', (f) => f.challenges.posted),
    count('揭榜榜单', (f) => f.challenges.awarded),
    count('完成榜单', (f) => f.challenges.completed),
    count('认证机构', (f) => f.organizationsVerified.count),
    ...types.map((k) => count(`认证机构：${kindLabel(ORGANIZATION_TYPE_LABELS, k)}`, (f) => f.organizationsVerified.byType[k] ?? 0)),
    // Not tracked yet: said so, never a 0.
    ...UNTRACKED_FIGURES.map((k) => count(UNTRACKED_NAMES[k], (f) => f[k] ?? '暂未统计')),
  ];
  return columns;
}

const UNTRACKED_NAMES: Record<UntrackedFigure, string> = {
  matchmakingEvents: '撮合对接活动',
  roadshows: '路演',
  brokersTrained: '技术经纪人培训',
  pilotBases: '中试基地',
  incubationCarriers: '双创载体',
  demonstrationAgencies: '技术转移示范机构',
  transferProfessionals: '技术转移转化人才',
};

/**
 * The figures as rows of a sheet: one row per period (or child) and the total, amounts in 元; the
 * industries and the targets each on a sheet; for administrators the top organisations and the flows
 * between regions too.
 */
export function workbookOf(s: StatsDto, targets: TargetsDto, admin?: { sellers: StatsTopDto; buyers: StatsTopDto; flows: StatsFlowsDto }) {
  const wb = newWorkbook();
  const rows: { label: string; f: StatsFigures; remainder?: boolean }[] = [...s.series.map((x) => ({ label: x.name ?? x.period, f: x.figures, remainder: x.remainder })), { label: '合计', f: s.figures }];
  // Asked with compare=previousYear: the same period a year before under the total (同比).
  if (s.previous) rows.push({ label: `去年同期（${s.previous.from} 至 ${s.previous.to}）`, f: s.previous.figures });
  const columns = [{ header: '期间/地区', width: 14, cell: () => null, percent: false } as const, ...figureColumns(rows.map((r) => r.f))];
  addTitledSheet(
    wb,
    '统计',
    { title: `${s.jurisdiction.name}（${s.jurisdiction.code}）统计`, about: `${s.from} 至 ${s.to}；金额单位：元；“暂未统计”：平台尚无记录该事项的模块` },
    columns,
    // The remainder row (省本级及未归属下级) leaves the flows empty, as the page shows —.
    rows.map((r) => [r.label, ...columns.slice(1).map((c) => (r.remainder && 'flow' in c && c.flow ? null : c.cell(r.f)))]),
  );
  addSheet(
    wb,
    '行业分布',
    [
      { header: '行业（GB/T 4754 门类）', width: 28 },
      { header: '发布成果', width: 10 },
      { header: '转化成果', width: 10 },
      { header: '发布需求', width: 10 },
      { header: '满足需求', width: 10 },
      { header: '匹配推送', width: 10 },
      { header: '登记合同（份）', width: 14 },
      { header: '合同成交额（元）', width: 18, money: true },
    ],
    Object.entries(s.figures.byIndustry).map(([k, v]) => [industryName(k), v.achievementsPublished, v.achievementsConverted, v.demandsPosted, v.demandsMet, v.matchesPushed, v.contracts, yuan(v.contractAmount)]),
  );
  if (admin) {
    for (const [title, t] of [['卖方机构排名', admin.sellers], ['买方机构排名', admin.buyers]] as const) {
      addSheet(
        wb,
        title,
        [
          { header: '名次', width: 6 },
          { header: '机构', width: 32 },
          { header: '所在地区', width: 10 },
          { header: '登记合同（份）', width: 14 },
          { header: '合同成交额（元）', width: 18, money: true },
          { header: '技术交易额（元）', width: 18, money: true },
        ],
        t.items.map((x, i) => [i + 1, x.name, x.region, x.count, yuan(x.contractAmount), yuan(x.technologyAmount)]),
      );
    }
    const regionName = new Map(admin.flows.regions.map((r) => [r.code, r.name]));
    addSheet(
      wb,
      '地区流向',
      [
        { header: '卖方地区', width: 20 },
        { header: '买方地区', width: 20 },
        { header: '登记合同（份）', width: 14 },
        { header: '合同成交额（元）', width: 18, money: true },
      ],
      admin.flows.links.map((l) => [regionName.get(l.seller) ?? l.seller, regionName.get(l.buyer) ?? l.buyer, l.count, yuan(l.amount)]),
    );
  }
  targetsSheet(wb, targets);
  addSheet(wb, '口径说明', [{ header: '指标', width: 24 }, { header: '口径', width: 100 }], Object.entries(s.definitions).map(([k, v]) => [k, v]));
  return wb;
}

/** The records behind one figure, as the drawer lists them: date, record, parties, kind, amounts in 元. */
export function recordsWorkbook(title: string, r: Awaited<ReturnType<typeof recordsOf>>) {
  const wb = newWorkbook();
  const sheet = wb.addWorksheet('明细');
  sheet.addRow([title, r.total > r.items.length ? `共 ${r.total} 条，导出最新的 ${r.items.length} 条` : `共 ${r.total} 条`]);
  sheet.addRow(['日期', '记录', '说明', '卖方', '买方', '类别', '金额（元）', '技术交易额（元）', '记录编号']);
  for (const x of r.items) sheet.addRow([x.day, x.label, x.detail, x.seller, x.buyer, x.kind, yuan(x.amount), yuan(x.amount2), x.sourceId]);
  return wb;
}

