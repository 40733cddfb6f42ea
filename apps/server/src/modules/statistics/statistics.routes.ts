import ExcelJS from 'exceljs';
import { INDUSTRY_SECTIONS, statsDto, statsFlowsDto, statsFlowsQuery, statsQuery, statsRecordsDto, statsRecordsQuery, statsTopDto, statsTopQuery, targetsBody, targetsDto, jurisdictionCodeSchema, type StatsDto, type StatsFlowsDto, type StatsMetric, type StatsTopDto, type TargetKey, type TargetsDto, fileResponse } from '@kzt/shared';
import { z } from 'zod';
import { contextOf, signedIn } from '../../platform/http.ts';
import { sendWorkbook, XLSX_MIME } from '../../platform/workbook.ts';
import type { App, Deps } from '../../platform/types.ts';
import { flowsOf, recordsForExport, recordsOf, RECORDS_EXPORT_MAX, setTargets, statsOf, targetsOf, topOrganizationsOf } from './statistics.service.ts';

const tags = ['统计 Statistics'];
const codeParams = z.object({ code: jurisdictionCodeSchema });

const industryName = (k: string) => INDUSTRY_SECTIONS[k as keyof typeof INDUSTRY_SECTIONS]?.zh ?? (k ? k : '未分类');

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
const yuan = (fen: number) => fen / 100;

const METRIC_NAMES: Record<StatsMetric, string> = {
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
function workbookOf(s: StatsDto, targets: TargetsDto, admin?: { sellers: StatsTopDto; buyers: StatsTopDto; flows: StatsFlowsDto }) {
  const wb = new ExcelJS.Workbook();
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
function recordsWorkbook(title: string, r: Awaited<ReturnType<typeof recordsOf>>) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('明细');
  sheet.addRow([title, r.total > r.items.length ? `共 ${r.total} 条，导出最新的 ${r.items.length} 条` : `共 ${r.total} 条`]);
  sheet.addRow(['日期', '记录', '卖方', '买方', '类别', '金额（元）', '技术交易额（元）', '记录编号']);
  for (const x of r.items) sheet.addRow([x.day, x.label, x.seller, x.buyer, x.kind, yuan(x.amount), yuan(x.amount2), x.sourceId]);
  return wb;
}

/** Statistics (issue 18): figures of a jurisdiction from the platform's own records, and its targets. */
export function statisticsRoutes(app: App, { db }: Deps) {
  app.get('/api/stats', { schema: { tags, summary: '辖区统计（本辖区及下级管理员）：登记合同、本地吸纳/输出/输入、本地转化率、成果、需求、成交、认证机构；按月、年或下级地区分列', querystring: statsQuery, response: { 200: statsDto } } }, async (req) =>
    statsOf(db, signedIn(req).actor, req.query, { public: false }),
  );

  app.get('/api/stats/public', { config: { public: true }, schema: { tags, summary: '公开统计（数据大屏）：数量与金额，不含任何当事方信息', querystring: statsQuery, response: { 200: statsDto } } }, async (req) =>
    statsOf(db, contextOf(req).actor, req.query, { public: true }),
  );

  app.get('/api/stats/records', { schema: { tags, summary: '某项统计背后的记录（下钻；本辖区管理员）', querystring: statsRecordsQuery, response: { 200: statsRecordsDto } } }, async (req) =>
    recordsOf(db, signedIn(req).actor, req.query),
  );

  app.get('/api/stats/organizations', { schema: { tags, summary: '机构排名：按本辖区计入的已登记技术合同（卖方或买方；按金额或份数）（本辖区管理员）', querystring: statsTopQuery, response: { 200: statsTopDto } } }, async (req) =>
    topOrganizationsOf(db, signedIn(req).actor, req.query),
  );

  app.get('/api/stats/flows', { schema: { tags, summary: '地区流向：已登记技术合同由卖方地区流向买方地区的份数与金额（本辖区管理员）', querystring: statsFlowsQuery, response: { 200: statsFlowsDto } } }, async (req) =>
    flowsOf(db, signedIn(req).actor, req.query),
  );

  app.get('/api/stats/export.xlsx', { schema: { tags, summary: '导出统计表（Excel；本辖区管理员）：各期间数字、行业分布、机构排名、地区流向、目标与进度、口径说明', querystring: statsQuery, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const actor = signedIn(req).actor;
    const s = await statsOf(db, actor, req.query, { public: false });
    const period = { jurisdiction: req.query.jurisdiction, from: s.from, to: s.to };
    const [sellers, buyers, flows, targets] = await Promise.all([
      topOrganizationsOf(db, actor, { ...period, side: 'seller', order: 'amount', limit: 50 }),
      topOrganizationsOf(db, actor, { ...period, side: 'buyer', order: 'amount', limit: 50 }),
      flowsOf(db, actor, period),
      targetsOf(db, req.query.jurisdiction),
    ]);
    return sendWorkbook(reply, `${s.jurisdiction.name}统计_${s.from}_${s.to}.xlsx`, workbookOf(s, targets, { sellers, buyers, flows }));
  });

  app.get('/api/stats/public/export.xlsx', { config: { public: true }, schema: { tags, summary: '导出公开统计表（Excel）：各期间数字、行业分布、目标与进度、口径说明，不含任何当事方信息', querystring: statsQuery, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const s = await statsOf(db, contextOf(req).actor, req.query, { public: true });
    return sendWorkbook(reply, `${s.jurisdiction.name}公开统计_${s.from}_${s.to}.xlsx`, workbookOf(s, await targetsOf(db, req.query.jurisdiction)));
  });

  app.get('/api/stats/records.xlsx', { schema: { tags, summary: `导出某项统计背后的记录（Excel；本辖区管理员；最多 ${RECORDS_EXPORT_MAX} 条）`, querystring: statsRecordsQuery.omit({ page: true, pageSize: true }), response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const r = await recordsForExport(db, signedIn(req).actor, req.query);
    return sendWorkbook(reply, `${METRIC_NAMES[req.query.metric]}明细_${req.query.jurisdiction}.xlsx`, recordsWorkbook(`${METRIC_NAMES[req.query.metric]}${req.query.kind ? ` · ${industryName(req.query.kind)}` : ''}`, r));
  });

  app.get('/api/jurisdictions/:code/targets', { config: { public: true }, schema: { tags, summary: '辖区目标（来源于各地行动方案）及完成进度', params: codeParams, response: { 200: targetsDto } } }, async (req) =>
    targetsOf(db, req.params.code),
  );

  app.put('/api/jurisdictions/:code/targets', { schema: { tags, summary: '设置某年度的目标（本辖区管理员；数值不得为负）', params: codeParams, body: targetsBody, response: { 200: targetsDto } } }, async (req) =>
    setTargets(db, signedIn(req), req.params.code, req.body),
  );
}
