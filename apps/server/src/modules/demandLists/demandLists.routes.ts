import { demandListCompiledDto, demandListDetailDto, demandListItemsSetDto, demandListPageDto, fileResponse } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { contextOf, signedIn } from '../../platform/http.ts';
import { sendWorkbook, XLSX_MIME } from '../../platform/workbook.ts';
import { compileBody, createDemandListBody, demandListIdParams, demandListQuery, setItemsBody, updateDemandListBody } from './demandLists.schemas.ts';
import {
  compileDemandList,
  createDemandList,
  demandListForExport,
  getDemandList,
  publishDemandList,
  searchDemandLists,
  setDemandListItems,
  updateDemandList,
} from './demandLists.service.ts';
import { demandListWorkbook } from './demandLists.export.ts';

const tags = ['需求清单 Demand lists'];

/** Routes of the demand lists (需求清单) module. */
export function demandListRoutes(app: App, { db }: Deps) {
  app.get('/api/demand-lists', { config: { public: true }, schema: { tags, summary: '需求清单（已发布的公开；草稿仅本辖区管理员可见）', querystring: demandListQuery, response: { 200: demandListPageDto } } }, async (req) =>
    searchDemandLists(db, contextOf(req).actor, req.query),
  );

  app.post('/api/demand-lists', { schema: { tags, summary: '新建需求清单（辖区管理员，草稿）', body: createDemandListBody, response: { 201: demandListDetailDto } } }, async (req, reply) =>
    reply.code(201).send(await createDemandList(db, signedIn(req), req.body)),
  );

  app.get('/api/demand-lists/:id', { config: { public: true }, schema: { tags, summary: '需求清单详情及其中的需求（按保密级别展示）', params: demandListIdParams, response: { 200: demandListDetailDto } } }, async (req) =>
    getDemandList(db, contextOf(req).actor, req.params.id),
  );

  app.patch('/api/demand-lists/:id', { schema: { tags, summary: '修改清单标题、行业、说明', params: demandListIdParams, body: updateDemandListBody, response: { 200: demandListDetailDto } } }, async (req) =>
    updateDemandList(db, signedIn(req), req.params.id, req.body),
  );

  app.put('/api/demand-lists/:id/items', { schema: { tags, summary: '设置清单中的需求（逐条报告接受与拒绝的原因）', params: demandListIdParams, body: setItemsBody, response: { 200: demandListItemsSetDto } } }, async (req) =>
    setDemandListItems(db, signedIn(req), req.params.id, req.body.demandIds),
  );

  app.post('/api/demand-lists/:id/compile', { schema: { tags, summary: '按行业汇编：本辖区全部已发布需求（共性技术难题在前）', params: demandListIdParams, body: compileBody, response: { 200: demandListCompiledDto } } }, async (req) =>
    compileDemandList(db, signedIn(req), req.params.id, req.body ?? {}),
  );

  app.post('/api/demand-lists/:id/publish', { schema: { tags, summary: '发布清单', params: demandListIdParams, response: { 200: demandListDetailDto } } }, async (req) => publishDemandList(db, signedIn(req), req.params.id));

  app.get('/api/demand-lists/:id/export.xlsx', { config: { public: true }, schema: { tags, summary: '导出 Excel', params: demandListIdParams, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const { list, items } = await demandListForExport(db, contextOf(req).actor, req.params.id);
    return sendWorkbook(reply, `${list.title}.xlsx`, demandListWorkbook(list, items));
  });
}
