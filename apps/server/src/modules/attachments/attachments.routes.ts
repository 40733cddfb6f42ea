import multipart from '@fastify/multipart';
import { z } from 'zod';
import { attachmentDto, attachmentListDto, fileResponse } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { AppError } from '../../platform/errors.ts';
import { contextOf, signedIn } from '../../platform/http.ts';
import type { RecordType } from '../../db/recordSearch.ts';
import { attachmentIdParams, recordIdParams } from './attachments.schemas.ts';
import { ATTACHMENT_MAX_BYTES, attachmentStore } from '../../platform/files.ts';
import { contentDisposition } from '../../platform/files.ts';
import { deleteAttachment, listAttachments, openAttachment, uploadAttachment } from './attachments.service.ts';

const tags = ['附件 Attachments'];
const RECORDS: { type: RecordType; path: string; noun: string }[] = [
  { type: 'achievement', path: 'achievements', noun: '成果' },
  { type: 'demand', path: 'demands', noun: '需求' },
];

/** Routes of the attachments of catalogue records module. */
export function attachmentRoutes(app: App, { db, config }: Deps) {
  const store = attachmentStore(config.dataDir);

  // Multipart parsing exists only inside this scope, with its own size limit.
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: false });

    for (const r of RECORDS) {
      scope.post(
        `/api/${r.path}/:id/attachments`,
        {
          bodyLimit: ATTACHMENT_MAX_BYTES + 1024 * 1024,
          schema: { tags, summary: `上传${r.noun}附件（multipart/form-data，字段 file；PDF、PNG、JPEG、WebP，单个不超过 20 MB）`, params: recordIdParams, consumes: ['multipart/form-data'], response: { 201: attachmentDto } },
        },
        async (req, reply) => {
          const ctx = signedIn(req);
          if (!req.isMultipart()) throw new AppError(415, 'unsupported-media-type', 'problem.unsupportedMediaType', 'err.attachment.multipart');
          return reply.code(201).send(await uploadAttachment(db, store, ctx, r.type, req.params.id, () => req.file(), config.storageQuotaBytes));
        },
      );
    }
  });

  for (const r of RECORDS) {
    app.get(`/api/${r.path}/:id/attachments`, { config: { public: true }, schema: { tags, summary: `${r.noun}的附件（能查看详细信息者可见）`, params: recordIdParams, response: { 200: attachmentListDto } } }, async (req) =>
      listAttachments(db, contextOf(req).actor, r.type, req.params.id, config.storageQuotaBytes),
    );
  }

  app.get('/api/attachments/:id/content', { config: { public: true }, schema: { tags, summary: '下载附件', params: attachmentIdParams, response: { 200: fileResponse('附件文件（PDF 或图片）', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp'), 304: z.null() } } }, async (req, reply) => {
    const { attachment, open } = await openAttachment(db, store, contextOf(req).actor, req.params.id);
    const etag = `"${attachment.sha256}"`;
    reply.header('etag', etag).header('x-content-type-options', 'nosniff');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send(null);
    return reply
      .header('content-type', attachment.mime)
      .header('content-length', attachment.size)
      .header('content-disposition', contentDisposition(attachment.fileName))
      .send(open());
  });

  app.delete('/api/attachments/:id', { schema: { tags, summary: '删除附件（可修改该记录者）', params: attachmentIdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteAttachment(db, signedIn(req), req.params.id);
    return reply.code(204).send(null);
  });
}
