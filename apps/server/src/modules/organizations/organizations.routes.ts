import { z } from 'zod';
import {
  createOrganizationBody,
  fileResponse,
  invitationDto,
  invitationAcceptedDto,
  invitationPreviewDto,
  invitationTokenBody,
  inviteMemberBody,
  listOrganizationsQuery,
  memberListDto,
  organizationDto,
  organizationPageDto,
  updateOrganizationBody,
  verifyOrganizationBody,
} from '@kzt/shared';
import multipart from '@fastify/multipart';
import { organizationLicenceSchema } from '@kzt/shared';
import { AppError } from '../../platform/errors.ts';
import { attachmentStore } from '../../platform/files.ts';
import { contentDisposition } from '../../platform/files.ts';
import { getLicence, LICENCE_MAX_BYTES, openLicence, uploadLicence } from './organizations.licence.ts';
import type { App, Deps } from '../../platform/types.ts';
import { contextOf, signedIn } from '../../platform/http.ts';
import {
  createOrganization,
  getOrganization,
  inviteMember,
  listMembers,
  listOrganizations,
  removeMember,
  previewInvitation,
  respondToInvitation,
  revokeInvitation,
  updateOrganization,
  verifyOrganization,
} from './organizations.service.ts';

const tags = ['单位 Organizations'];
const idParams = z.object({ id: z.uuid() });

export function organizationRoutes(app: App, { db, config }: Deps) {
  // Issue 12: the business licence (营业执照) of the verification request.
  const store = attachmentStore(config.dataDir);
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: LICENCE_MAX_BYTES, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: false });
    scope.put(
      '/api/organizations/:id/licence',
      {
        bodyLimit: LICENCE_MAX_BYTES + 1024 * 1024,
        schema: { tags, summary: '上传营业执照（负责人；multipart/form-data，字段 file；PDF、PNG、JPEG、WebP，不超过 10 MB；认证通过前可更换）', params: idParams, consumes: ['multipart/form-data'], response: { 200: organizationLicenceSchema } },
      },
      async (req) => {
        const ctx = signedIn(req);
        if (!req.isMultipart()) throw new AppError(415, 'unsupported-media-type', 'problem.unsupportedMediaType', 'err.attachment.multipart');
        return uploadLicence(db, store, ctx, req.params.id, () => req.file(), config.storageQuotaBytes);
      },
    );
  });

  app.get('/api/organizations/:id/licence', { schema: { tags, summary: '营业执照信息（本单位成员与辖区审核管理员可见）', params: idParams, response: { 200: organizationLicenceSchema } } }, async (req) =>
    getLicence(db, signedIn(req).actor, req.params.id),
  );

  app.get('/api/organizations/:id/licence/content', { schema: { tags, summary: '查看营业执照文件（本单位成员与辖区审核管理员可见）', params: idParams, response: { 200: fileResponse('营业执照文件（PDF 或图片）', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp') } } }, async (req, reply) => {
    const { licence, open } = await openLicence(db, store, signedIn(req).actor, req.params.id);
    return reply
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-type', licence.mime)
      .header('content-length', licence.size)
      .header('content-disposition', contentDisposition(licence.fileName, 'inline'))
      .send(open());
  });

  app.post('/api/organizations', { schema: { tags, summary: '申请单位认证（申请人成为负责人）', body: createOrganizationBody, response: { 201: organizationDto } } }, async (req, reply) =>
    reply.code(201).send(await createOrganization(db, signedIn(req), req.body)),
  );

  app.get('/api/organizations', { config: { public: true }, schema: { tags, summary: '单位列表（已认证单位公开；待审核单位仅成员与辖区管理员可见）', querystring: listOrganizationsQuery, response: { 200: organizationPageDto } } }, async (req) => {
    const { page, pageSize, mine, ...filter } = req.query;
    return listOrganizations(db, contextOf(req).actor, { ...filter, mine: mine === 'true' }, { page, pageSize });
  });

  app.get('/api/organizations/:id', { config: { public: true }, schema: { tags, summary: '单位详情', params: idParams, response: { 200: organizationDto } } }, async (req) =>
    getOrganization(db, contextOf(req).actor, req.params.id),
  );

  app.patch('/api/organizations/:id', { schema: { tags, summary: '修改单位信息（负责人或辖区管理员；被驳回的申请修改后重新提交）', params: idParams, body: updateOrganizationBody, response: { 200: organizationDto } } }, async (req) =>
    updateOrganization(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/organizations/:id/verify', { schema: { tags, summary: '审核单位认证（辖区管理员）', params: idParams, body: verifyOrganizationBody, response: { 200: organizationDto } } }, async (req) =>
    verifyOrganization(db, signedIn(req), req.params.id, req.body),
  );

  app.get('/api/organizations/:id/members', { schema: { tags, summary: '成员与待接受的邀请', params: idParams, response: { 200: memberListDto } } }, async (req) =>
    listMembers(db, signedIn(req).actor, req.params.id),
  );

  app.post('/api/organizations/:id/invitations', { schema: { tags, summary: '邀请成员（负责人）', params: idParams, body: inviteMemberBody, response: { 201: invitationDto } } }, async (req, reply) =>
    reply.code(201).send(await inviteMember(db, signedIn(req), req.params.id, req.body)),
  );

  app.delete('/api/organizations/:id/invitations/:invitationId', { schema: { tags, summary: '撤回邀请（负责人）', params: idParams.extend({ invitationId: z.uuid() }), response: { 204: z.null() } } }, async (req, reply) => {
    await revokeInvitation(db, signedIn(req), req.params.id, req.params.invitationId);
    return reply.code(204).send(null);
  });

  app.post(
    '/api/invitations/:id/accept',
    {
      schema: {
        tags,
        summary: '接受邀请（已用验证码验证被邀请地址的本人，或凭邀请消息中的一次性链接 token）',
        params: idParams,
        body: invitationTokenBody.nullish(),
        response: { 200: invitationAcceptedDto },
      },
    },
    async (req) => respondToInvitation(db, signedIn(req), req.params.id, true, req.body?.token),
  );

  app.post(
    '/api/invitations/:id/decline',
    { schema: { tags, summary: '谢绝邀请（同接受的条件）', params: idParams, body: invitationTokenBody.nullish(), response: { 200: invitationAcceptedDto } } },
    async (req) => respondToInvitation(db, signedIn(req), req.params.id, false, req.body?.token),
  );

  app.post(
    '/api/invitations/:id/preview',
    {
      config: { public: true },
      schema: { tags, summary: '邀请链接页：凭链接 token 查看邀请的单位与角色（无需登录）', params: idParams, body: invitationTokenBody.required({ token: true }), response: { 200: invitationPreviewDto } },
    },
    async (req) => previewInvitation(db, req.params.id, req.body.token),
  );

  app.delete('/api/organizations/:id/members/:userId', { schema: { tags, summary: '移除成员（负责人）或退出单位（本人）', params: idParams.extend({ userId: z.uuid() }), response: { 204: z.null() } } }, async (req, reply) => {
    await removeMember(db, signedIn(req), req.params.id, req.params.userId);
    return reply.code(204).send(null);
  });
}
