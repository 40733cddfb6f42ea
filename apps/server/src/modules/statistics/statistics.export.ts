import type ExcelJS from 'exceljs';
import { INDUSTRY_SECTIONS, type StatsDto, type StatsFlowsDto, type StatsMetric, type StatsTopDto, type TargetKey, type TargetsDto } from '@kzt/shared';
import { newWorkbook, yuanCell as yuan } from '../../platform/workbook.ts';
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


/** The targets table: each target with its year, value, what is reached, the progress, what each remaining month needs and its source (not tracked yet: empty). */
function targetsSheet(wb: ExcelJS.Workbook, targets: TargetsDto) {
  const sheet = wb.addWorksheet('目标与进度');
  sheet.addRow(['指标', '年度', '目标', '当前', '完成度', '余下每月需', '来源']);
  const value = (unit: 'fen' | 'rate' | 'count', v: number | null) => (v === null ? '尚未统计' : unit === 'fen' ? yuan(v) : v);
  for (const i of targets.items) sheet.addRow([TARGET_NAMES[i.key], i.year, value(i.unit, i.value), value(i.unit, i.actual), i.progress, i.neededPerMonth === null ? '' : value(i.unit, i.neededPerMonth), i.source]);
}

/**
 * The figures as rows of a sheet: one row per period (or child), amounts in
 * 元; the industries and the targets each on a sheet; for administrators
 * the top organisations and the flows between regions too.
 */
export function workbookOf(s: StatsDto, targets: TargetsDto, admin?: { sellers: StatsTopDto; buyers: StatsTopDto; flows: StatsFlowsDto }) {
  const wb = newWorkbook();
  const sheet = wb.addWorksheet('统计');
  sheet.addRow([`${s.jurisdiction.name}（${s.jurisdiction.code}）`, `${s.from} 至 ${s.to}`]);
  sheet.addRow(['期间/地区', '登记合同（份）', '合同成交额（元）', '技术交易额（元）', '本地吸纳（份）', '技术输出（份）', '技术输入（份）', '本地转化率（按份数）', '发布成果', '转化成果', '发布需求', '满足需求', '匹配推送', '匹配回应', '平台成交（笔）', '平台成交额（元）', '发布榜单', '揭榜榜单', '完成榜单', '认证机构']);
  for (const row of [...s.series.map((x) => ({ label: x.name ?? x.period, f: x.figures })), { label: '合计', f: s.figures }]) {
    const f = row.f;
    sheet.addRow([row.label, f.contracts.count, yuan(f.contracts.contractAmount), yuan(f.contracts.technologyAmount), f.localAbsorbed.count, f.output.count, f.input.count, f.localConversionRate.byCount, f.achievementsPublished, f.achievementsConverted, f.demandsPosted, f.demandsMet, f.matches.pushed, f.matches.answered, f.deals.count, yuan(f.deals.amount), f.challenges.posted, f.challenges.awarded, f.challenges.completed, f.organizationsVerified.count]);
  }
  const industries = wb.addWorksheet('行业分布');
  industries.addRow(['行业（GB/T 4754 门类）', '发布成果', '转化成果', '发布需求', '满足需求', '匹配推送', '登记合同（份）', '合同成交额（元）']);
  for (const [k, v] of Object.entries(s.figures.byIndustry)) industries.addRow([industryName(k), v.achievementsPublished, v.achievementsConverted, v.demandsPosted, v.demandsMet, v.matchesPushed, v.contracts, yuan(v.contractAmount)]);
  if (admin) {
    for (const [title, t] of [['卖方机构排名', admin.sellers], ['买方机构排名', admin.buyers]] as const) {
      const sheetOf = wb.addWorksheet(title);
      sheetOf.addRow(['名次', '机构', '所在地区', '登记合同（份）', '合同成交额（元）', '技术交易额（元）']);
      t.items.forEach((x, i) => sheetOf.addRow([i + 1, x.name, x.region, x.count, yuan(x.contractAmount), yuan(x.technologyAmount)]));
    }
    const flowSheet = wb.addWorksheet('地区流向');
    const regionName = new Map(admin.flows.regions.map((r) => [r.code, r.name]));
    flowSheet.addRow(['卖方地区', '买方地区', '登记合同（份）', '合同成交额（元）']);
    for (const l of admin.flows.links) flowSheet.addRow([regionName.get(l.seller) ?? l.seller, regionName.get(l.buyer) ?? l.buyer, l.count, yuan(l.amount)]);
  }
  targetsSheet(wb, targets);
  const defs = wb.addWorksheet('口径说明');
  for (const [k, v] of Object.entries(s.definitions)) defs.addRow([k, v]);
  return wb;
}

/** The records behind one figure, as the drawer lists them: date, record, parties, kind, amounts in 元. */
export function recordsWorkbook(title: string, r: Awaited<ReturnType<typeof recordsOf>>) {
  const wb = newWorkbook();
  const sheet = wb.addWorksheet('明细');
  sheet.addRow([title, r.total > r.items.length ? `共 ${r.total} 条，导出最新的 ${r.items.length} 条` : `共 ${r.total} 条`]);
  sheet.addRow(['日期', '记录', '卖方', '买方', '类别', '金额（元）', '技术交易额（元）', '记录编号']);
  for (const x of r.items) sheet.addRow([x.day, x.label, x.seller, x.buyer, x.kind, yuan(x.amount), yuan(x.amount2), x.sourceId]);
  return wb;
}

