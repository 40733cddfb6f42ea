import { statsDto, statsFlowsDto, statsFlowsQuery, statsQuery, statsRecordsDto, statsRecordsQuery, statsTopDto, statsTopQuery, targetsBody, targetsDto, jurisdictionCodeSchema, fileResponse } from '@kzt/shared';
import { z } from 'zod';
import { contextOf, signedIn } from '../../platform/http.ts';
import { sendWorkbook, XLSX_MIME } from '../../platform/workbook.ts';
import type { App, Deps } from '../../platform/types.ts';
import { industryName, METRIC_NAMES, recordsWorkbook, workbookOf } from './statistics.export.ts';
import { flowsOf, recordsForExport, recordsOf, RECORDS_EXPORT_MAX, setTargets, statsOf, targetsOf, topOrganizationsOf } from './statistics.service.ts';

const tags = ['统计 Statistics'];
const codeParams = z.object({ code: jurisdictionCodeSchema });

/** Statistics (issue 18): figures of a jurisdiction from the platform's own records, and its targets. */
export function statisticsRoutes(app: App, { db }: Deps) {
  app.get('/api/stats', { schema: { tags, summary: '辖区统计（本辖区及下级管理员）：登记合同、本地吸纳/输出/输入、本地转化率、成果、需求、成交、认证机构；按月、年或下级地区分列', querystring: statsQuery, response: { 200: statsDto } } }, async (req) =>
    {
    const ctx = signedIn(req);
    return statsOf(db, ctx.actor, req.query, { public: false, lang: ctx.lang });
  },
  );

  app.get('/api/stats/public', { config: { public: true }, schema: { tags, summary: '公开统计（数据大屏）：数量与金额，不含任何当事方信息', querystring: statsQuery, response: { 200: statsDto } } }, async (req) =>
    {
    const ctx = contextOf(req);
    return statsOf(db, ctx.actor, req.query, { public: true, lang: ctx.lang });
  },
  );

  app.get('/api/stats/records', { schema: { tags, summary: '某项统计背后的记录（下钻；本辖区管理员）：每条由其所属模块命名并给出页面链接', querystring: statsRecordsQuery, response: { 200: statsRecordsDto } } }, async (req) => {
    const ctx = signedIn(req);
    return recordsOf(db, ctx.actor, req.query, ctx.lang);
  });

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
