import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse, importDryRunDto, importDto, importPageDto } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { AppError } from '../../platform/errors.ts';
import { signedIn } from '../../platform/http.ts';
import { SPECS } from './imports.columns.ts';
import { IMPORT_LIMITS, importIdParams, listImportsQuery, templateParams, uploadQuery } from './imports.schemas.ts';
import { buildTemplate, dryRunImport, getImport, listImports, noFile, runImport } from './imports.service.ts';

const tags = ['批量导入 Imports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Routes of the Excel/CSV import of achievements and demands, in a scope of their own that accepts multipart uploads. */
export function importRoutes(app: App, deps: Deps) {
  withUploads(app, (scope) => routes(scope, deps));
}

/** Registers routes in a scope that accepts one uploaded file of at most the import's size (other modules' imports use it too). */
export function withUploads(app: App, register: (scope: App) => void) {
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1, fields: 10, parts: 20 } });
    register(scope.withTypeProvider<ZodTypeProvider>() as unknown as App);
  });
}

/** The one uploaded file of a multipart request, or a problem saying what is wrong with it. */
export async function uploadedFile(req: FastifyRequest) {
  try {
    const part = await req.file();
    if (!part) throw noFile();
    return { fileName: part.filename, buffer: await part.toBuffer() };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'payload-too-large', 'problem.import.tooLarge', 'err.import.tooLarge', { limit: '10 MB' }, [{ path: 'file', key: 'problem.import.tooLarge' }]);
    }
    throw noFile();
  }
}

function routes(app: App, { db, config }: Deps) {
  app.get(
    '/api/imports/templates/:kind.xlsx',
    { config: { public: true }, schema: { tags, summary: '下载导入模板（含填写说明、下拉选项和示例行）', params: templateParams, response: { 200: fileResponse('Excel 导入模板', XLSX) } } },
    async (req, reply) => {
      const spec = SPECS[req.params.kind];
      const name = `${spec.kind === 'achievements' ? '科技成果' : '技术需求'}导入模板.xlsx`;
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${spec.kind}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await buildTemplate(spec));
    },
  );

  app.post(
    '/api/imports',
    {
      schema: {
        tags,
        summary: '上传 .xlsx 或 .csv 文件并预检（不导入）：逐行报告问题，返回有效行预览',
        description: `multipart/form-data，字段 file；文件不超过 10 MB、${IMPORT_LIMITS.maxRows} 行。`,
        consumes: ['multipart/form-data'],
        querystring: uploadQuery,
        response: { 201: importDryRunDto },
      },
    },
    async (req, reply) => {
      const upload = () => uploadedFile(req);
      return reply.code(201).send(await dryRunImport(db, signedIn(req), { ...req.query, upload, dataDir: config.dataDir, quotaBytes: config.storageQuotaBytes }));
    },
  );

  app.get('/api/imports', { schema: { tags, summary: '本人所在单位的导入记录', querystring: listImportsQuery, response: { 200: importPageDto } } }, async (req) =>
    listImports(db, signedIn(req).actor, req.query),
  );

  app.get('/api/imports/:id', { schema: { tags, summary: '导入详情与进度（预检报告、已处理行数）', params: importIdParams, response: { 200: importDto } } }, async (req) =>
    getImport(db, signedIn(req).actor, req.params.id),
  );

  app.post('/api/imports/:id/run', { schema: { tags, summary: '导入预检通过的行（后台任务，导入为草稿）', params: importIdParams, response: { 202: importDto } } }, async (req, reply) =>
    reply.code(202).send(await runImport(db, signedIn(req), req.params.id, config.dataDir)),
  );
}
