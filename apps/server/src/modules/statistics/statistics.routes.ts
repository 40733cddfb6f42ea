import ExcelJS from 'exceljs';
import { INDUSTRY_SECTIONS, statsDto, statsFlowsDto, statsFlowsQuery, statsQuery, statsRecordsDto, statsRecordsQuery, statsTopDto, statsTopQuery, targetsBody, targetsDto, jurisdictionCodeSchema, type StatsDto, type StatsFlowsDto, type StatsTopDto, fileResponse } from '@kzt/shared';
import { z } from 'zod';
import { contextOf, signedIn } from '../../platform/http.ts';
import type { App, Deps } from '../../platform/types.ts';
import { flowsOf, recordsOf, setTargets, statsOf, targetsOf, topOrganizationsOf } from './statistics.service.ts';

const tags = ['统计 Statistics'];
const codeParams = z.object({ code: jurisdictionCodeSchema });
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const industryName = (k: string) => INDUSTRY_SECTIONS[k as keyof typeof INDUSTRY_SECTIONS]?.zh ?? (k ? k : '未分类');

/** The figures as rows of a sheet: one row per period (or child), amounts in 元; the industries, the top organisations and the flows between regions each on a sheet. */
async function workbookOf(s: StatsDto, top: { sellers: StatsTopDto; buyers: StatsTopDto }, flows: StatsFlowsDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('统计');
  const yuan = (fen: number) => fen / 100;
  sheet.addRow([`${s.jurisdiction.name}（${s.jurisdiction.code}）`, `${s.from} 至 ${s.to}`]);
  sheet.addRow(['期间/地区', '登记合同（份）', '合同成交额（元）', '技术交易额（元）', '本地吸纳（份）', '技术输出（份）', '技术输入（份）', '本地转化率（按份数）', '发布成果', '转化成果', '发布需求', '满足需求', '匹配推送', '匹配回应', '平台成交（笔）', '平台成交额（元）', '发布榜单', '揭榜榜单', '完成榜单', '认证机构']);
  for (const row of [...s.series.map((x) => ({ label: x.name ?? x.period, f: x.figures })), { label: '合计', f: s.figures }]) {
    const f = row.f;
    sheet.addRow([row.label, f.contracts.count, yuan(f.contracts.contractAmount), yuan(f.contracts.technologyAmount), f.localAbsorbed.count, f.output.count, f.input.count, f.localConversionRate.byCount, f.achievementsPublished, f.achievementsConverted, f.demandsPosted, f.demandsMet, f.matches.pushed, f.matches.answered, f.deals.count, yuan(f.deals.amount), f.challenges.posted, f.challenges.awarded, f.challenges.completed, f.organizationsVerified.count]);
  }
  const industries = wb.addWorksheet('行业分布');
  industries.addRow(['行业（GB/T 4754 门类）', '发布成果', '转化成果', '发布需求', '满足需求', '匹配推送', '登记合同（份）', '合同成交额（元）']);
  for (const [k, v] of Object.entries(s.figures.byIndustry)) industries.addRow([industryName(k), v.achievementsPublished, v.achievementsConverted, v.demandsPosted, v.demandsMet, v.matchesPushed, v.contracts, yuan(v.contractAmount)]);
  for (const [title, t] of [['卖方机构排名', top.sellers], ['买方机构排名', top.buyers]] as const) {
    const sheetOf = wb.addWorksheet(title);
    sheetOf.addRow(['名次', '机构', '所在地区', '登记合同（份）', '合同成交额（元）', '技术交易额（元）']);
    t.items.forEach((x, i) => sheetOf.addRow([i + 1, x.name, x.region, x.count, yuan(x.contractAmount), yuan(x.technologyAmount)]));
  }
  const flowSheet = wb.addWorksheet('地区流向');
  const regionName = new Map(flows.regions.map((r) => [r.code, r.name]));
  flowSheet.addRow(['卖方地区', '买方地区', '登记合同（份）', '合同成交额（元）']);
  for (const l of flows.links) flowSheet.addRow([regionName.get(l.seller) ?? l.seller, regionName.get(l.buyer) ?? l.buyer, l.count, yuan(l.amount)]);
  const defs = wb.addWorksheet('口径说明');
  for (const [k, v] of Object.entries(s.definitions)) defs.addRow([k, v]);
  return Buffer.from(await wb.xlsx.writeBuffer());
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

  app.get('/api/stats/export.xlsx', { schema: { tags, summary: '导出统计表（Excel）', querystring: statsQuery, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const actor = signedIn(req).actor;
    const s = await statsOf(db, actor, req.query, { public: false });
    const period = { jurisdiction: req.query.jurisdiction, from: s.from, to: s.to };
    const [sellers, buyers, flows] = await Promise.all([
      topOrganizationsOf(db, actor, { ...period, side: 'seller', order: 'amount', limit: 50 }),
      topOrganizationsOf(db, actor, { ...period, side: 'buyer', order: 'amount', limit: 50 }),
      flowsOf(db, actor, period),
    ]);
    const name = `${s.jurisdiction.name}统计_${s.from}_${s.to}.xlsx`;
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', `attachment; filename="stats.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(await workbookOf(s, { sellers, buyers }, flows));
  });

  app.get('/api/jurisdictions/:code/targets', { config: { public: true }, schema: { tags, summary: '辖区目标（来源于各地行动方案）及完成进度', params: codeParams, response: { 200: targetsDto } } }, async (req) =>
    targetsOf(db, req.params.code),
  );

  app.put('/api/jurisdictions/:code/targets', { schema: { tags, summary: '设置某年度的目标（本辖区管理员；数值不得为负）', params: codeParams, body: targetsBody, response: { 200: targetsDto } } }, async (req) =>
    setTargets(db, signedIn(req), req.params.code, req.body),
  );
}
