import ExcelJS from 'exceljs';
import { statsDto, statsQuery, statsRecordsDto, statsRecordsQuery, targetsBody, targetsDto, jurisdictionCodeSchema, type StatsDto, fileResponse } from '@kzt/shared';
import { z } from 'zod';
import { contextOf, signedIn } from '../../platform/http.ts';
import type { App, Deps } from '../../platform/types.ts';
import { recordsOf, setTargets, statsOf, targetsOf } from './statistics.service.ts';

const tags = ['统计 Statistics'];
const codeParams = z.object({ code: jurisdictionCodeSchema });
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The figures as rows of a sheet: one row per period (or child), amounts in 元. */
async function workbookOf(s: StatsDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('统计');
  const yuan = (fen: number) => fen / 100;
  sheet.addRow([`${s.jurisdiction.name}（${s.jurisdiction.code}）`, `${s.from} 至 ${s.to}`]);
  sheet.addRow(['期间/地区', '登记合同（份）', '合同成交额（元）', '技术交易额（元）', '本地吸纳（份）', '技术输出（份）', '技术输入（份）', '本地转化率（按份数）', '发布成果', '发布需求', '平台成交（笔）', '平台成交额（元）', '认证机构']);
  for (const row of [...s.series.map((x) => ({ label: x.name ?? x.period, f: x.figures })), { label: '合计', f: s.figures }]) {
    const f = row.f;
    sheet.addRow([row.label, f.contracts.count, yuan(f.contracts.contractAmount), yuan(f.contracts.technologyAmount), f.localAbsorbed.count, f.output.count, f.input.count, f.localConversionRate.byCount, f.achievementsPublished, f.demandsPosted, f.deals.count, yuan(f.deals.amount), f.organizationsVerified.count]);
  }
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

  app.get('/api/stats/export.xlsx', { schema: { tags, summary: '导出统计表（Excel）', querystring: statsQuery, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const s = await statsOf(db, signedIn(req).actor, req.query, { public: false });
    const name = `${s.jurisdiction.name}统计_${s.from}_${s.to}.xlsx`;
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', `attachment; filename="stats.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(await workbookOf(s));
  });

  app.get('/api/jurisdictions/:code/targets', { config: { public: true }, schema: { tags, summary: '辖区目标（来源于各地行动方案）及完成进度', params: codeParams, response: { 200: targetsDto } } }, async (req) =>
    targetsOf(db, req.params.code),
  );

  app.put('/api/jurisdictions/:code/targets', { schema: { tags, summary: '设置某年度的目标（本辖区管理员；数值不得为负）', params: codeParams, body: targetsBody, response: { 200: targetsDto } } }, async (req) =>
    setTargets(db, signedIn(req), req.params.code, req.body),
  );
}
