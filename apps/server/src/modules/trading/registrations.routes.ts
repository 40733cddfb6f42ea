import multipart from '@fastify/multipart';
import { z } from 'zod';
import { fileResponse, registrationBody, registrationDto, registrationListDto, registrationParams, registrationRejectBody, REGISTRATION_PROOF_MAX_BYTES } from '@kzt/shared';
import { signedIn } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import type { App, Deps } from '../../platform/types.ts';
import { attachmentStore } from '../../platform/files.ts';
import { contentDisposition } from '../../platform/files.ts';
import { confirmRegistration, getRegistration, listRegistrations, openProof, register, rejectRegistration, uploadProof } from './registrations.service.ts';

const tags = ['交易 Trading'];
const idParams = z.object({ id: z.uuid() });

/**
 * 竞买报名: registration to bid with the deposit's remittance proof. The
 * registration is JSON, or multipart/form-data with the fields
 * `organizationId`, `note` and the proof as `file` in one request.
 */
export function registrationRoutes(app: App, { db, config }: Deps) {
  const store = attachmentStore(config.dataDir);

  app.get('/api/listings/:id/registrations', { schema: { tags, summary: '竞买报名：保证金金额、收款账户、报名截止时间、转让方联系人，以及报名记录（转让方与管理员看全部，竞买单位看自己的）', params: idParams, response: { 200: registrationListDto } } }, async (req) =>
    listRegistrations(db, signedIn(req).actor, req.params.id),
  );

  app.get('/api/listings/:id/registrations/:registrationId', { schema: { tags, summary: '一项竞买报名', params: registrationParams, response: { 200: registrationDto } } }, async (req) =>
    getRegistration(db, signedIn(req).actor, req.params.id, req.params.registrationId),
  );

  app.post('/api/listings/:id/registrations/:registrationId/confirm', { schema: { tags, summary: '确认保证金到账（转让方或管理员）：登记保证金，报名单位即可出价', params: registrationParams, response: { 200: registrationDto } } }, async (req) =>
    confirmRegistration(db, signedIn(req), req.params.id, req.params.registrationId),
  );

  app.post('/api/listings/:id/registrations/:registrationId/reject', { schema: { tags, summary: '退回竞买报名（转让方或管理员，须说明原因）', params: registrationParams, body: registrationRejectBody, response: { 200: registrationDto } } }, async (req) =>
    rejectRegistration(db, signedIn(req), req.params.id, req.params.registrationId, req.body.reason),
  );

  app.get('/api/listings/:id/registrations/:registrationId/proof', { schema: { tags, summary: '下载保证金付款凭证（报名单位、转让方、管理员）', params: registrationParams, response: { 200: fileResponse('付款凭证文件（PDF 或图片）', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp') } } }, async (req, reply) => {
    const proof = await openProof(db, store, signedIn(req).actor, req.params.id, req.params.registrationId);
    return reply
      .header('x-content-type-options', 'nosniff')
      .header('content-type', proof.mime)
      .header('content-length', proof.size)
      .header('content-disposition', contentDisposition(proof.fileName))
      .send(proof.open());
  });

  // Multipart parsing exists only inside this scope, with the proof's size limit.
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: REGISTRATION_PROOF_MAX_BYTES, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: false });
    const bodyLimit = REGISTRATION_PROOF_MAX_BYTES + 1024 * 1024;

    scope.post(
      '/api/listings/:id/registrations',
      {
        bodyLimit,
        schema: {
          tags,
          summary: '竞买报名（认证单位；JSON { organizationId, note }，或 multipart/form-data：字段 organizationId、note 与付款凭证 file）',
          params: idParams,
          consumes: ['application/json', 'multipart/form-data'],
          response: { 201: registrationDto },
        },
      },
      async (req, reply) => {
        const ctx = signedIn(req);
        if (!req.isMultipart()) {
          const body = registrationBody.safeParse(req.body ?? {});
          if (!body.success) throw Object.assign(new Error('validation'), { zodIssues: body.error.issues });
          return reply.code(201).send(await register(db, ctx, req.params.id, body.data));
        }
        // Fields first, then the file: the registration is made before a byte of the proof is stored.
        const parts = req.parts();
        const fields: Record<string, string> = {};
        let created: Awaited<ReturnType<typeof register>> | undefined;
        for await (const part of parts) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          if (created) throw new AppError(400, 'validation-error', 'problem.validation', 'problem.validation.detail', {}, [{ path: 'file', key: 'err.attachment.multipart' }]);
          const body = registrationBody.safeParse(fields);
          if (!body.success) {
            part.file.resume();
            throw Object.assign(new Error('validation'), { zodIssues: body.error.issues });
          }
          created = await register(db, ctx, req.params.id, body.data);
          created = await uploadProof(db, store, ctx, req.params.id, created.id, async () => part);
        }
        if (!created) {
          const body = registrationBody.safeParse(fields);
          if (!body.success) throw Object.assign(new Error('validation'), { zodIssues: body.error.issues });
          created = await register(db, ctx, req.params.id, body.data);
        }
        return reply.code(201).send(created);
      },
    );

    scope.post(
      '/api/listings/:id/registrations/:registrationId/proof',
      {
        bodyLimit,
        schema: { tags, summary: '上传或更换保证金付款凭证（multipart/form-data，字段 file；PDF、PNG、JPEG、WebP，不超过 20 MB）', params: registrationParams, consumes: ['multipart/form-data'], response: { 200: registrationDto } },
      },
      async (req) => {
        const ctx = signedIn(req);
        if (!req.isMultipart()) throw new AppError(415, 'unsupported-media-type', 'problem.unsupportedMediaType', 'err.attachment.multipart');
        return uploadProof(db, store, ctx, req.params.id, req.params.registrationId, () => req.file());
      },
    );
  });
}
