import { fileResponse, matchBatchDetailDto, matchBatchListDto } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { sendWorkbook, XLSX_MIME } from '../../platform/workbook.ts';
import { batchIdParams, batchListQuery, createBatchBody, demandListIdParams } from './matchBatches.schemas.ts';
import { batchForExport, getBatch, listBatches, startBatch } from './matchBatches.service.ts';
import { batchWorkbook } from './matchBatches.export.ts';

const tags = ['批量匹配 Batch matching'];

/** Routes of the matchBatches module: a whole demand list matched against the catalogue, as a job. */
export function matchBatchesRoutes(app: App, { db }: Deps) {
  app.post(
    '/api/demand-lists/:id/match-batches',
    { schema: { tags, summary: '对需求清单批量匹配成果（清单所在辖区的管理员；后台任务）', params: demandListIdParams, body: createBatchBody, response: { 201: matchBatchDetailDto } } },
    async (req, reply) => reply.code(201).send(await startBatch(db, signedIn(req), req.params.id, req.body)),
  );

  app.get('/api/match-batches', { schema: { tags, summary: '需求清单的批量匹配（最新在前）', querystring: batchListQuery, response: { 200: matchBatchListDto } } }, async (req) =>
    listBatches(db, signedIn(req).actor, req.query.demandListId),
  );

  app.get('/api/match-batches/:id', { schema: { tags, summary: '批量匹配的进度与结果', params: batchIdParams, response: { 200: matchBatchDetailDto } } }, async (req) => getBatch(db, signedIn(req).actor, req.params.id));

  app.get('/api/match-batches/:id/export.xlsx', { schema: { tags, summary: '导出批量匹配结果（Excel）', params: batchIdParams, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const { batch, list, results } = await batchForExport(db, signedIn(req).actor, req.params.id);
    return sendWorkbook(reply, `${list.title}-匹配结果.xlsx`, batchWorkbook(list, batch, results));
  });
}
