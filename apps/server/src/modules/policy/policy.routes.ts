import {
  budgetBody,
  budgetDto,
  budgetsResponse,
  entitlementApplyBody,
  entitlementDto,
  entitlementFileDto,
  entitlementFileParams,
  entitlementFilesResponse,
  entitlementParams,
  entitlementPaymentBody,
  entitlementReviewBody,
  entitlementsQuery,
  entitlementsResponse,
  packVersionBody,
  packVersionDto,
  packVersionParams,
  policyRulesQuery,
  policyRulesResponse,
  policyTrialBody,
  policyTrialResponse,
  policyEventBody,
  policyRecordBody,
  policyRecordDto,
  policyRecordsQuery,
  policyRecordsResponse,
  subsidyLine, fileResponse, ledgerExportQuery, ledgerQuery, ledgerResponse } from '@kzt/shared';
import { signedIn } from '../../platform/http.ts';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { ATTACHMENT_MAX_BYTES, contentDisposition } from '../../platform/files.ts';

import { attachmentStore } from '../../platform/files.ts';
import { sendWorkbook, XLSX_MIME } from '../../platform/workbook.ts';
import type { App, Deps } from '../../platform/types.ts';
import {
  applyForEntitlement,
  createPolicyRecord,
  listPolicyRecords,
  listEntitlementFiles,
  openEntitlementFile,
  uploadEntitlementFile,
  deleteEntitlementFile,
  recordPolicyEvent,
  exportLedger,
  getLedger,
  listBudgets,
  listEntitlements,
  listRules,
  publishPackVersion,
  recordEntitlementPayment,
  reviewEntitlement,
  setBudget,
  trial,
} from './policy.service.ts';

const tags = ['奖补 Policy'];

/** Policy rules (政策条款), the trial (试算), entitlements (奖补) from application to payment, and budgets. */
export function policyRoutes(app: App, { db, config }: Deps) {
  const store = attachmentStore(config.dataDir);
  app.get(
    '/api/policy/rules',
    { config: { public: true }, schema: { tags, summary: '政策条款：各辖区条款包的全部版本，每条附出处原文', querystring: policyRulesQuery, response: { 200: policyRulesResponse } } },
    async (req) => listRules(db, req.query.jurisdiction),
  );

  app.post(
    '/api/policy/trial',
    { schema: { tags, summary: '试算（管理员）：按事件计算奖补，与 npx kzt subsidies 输出相同的行', body: policyTrialBody, response: { 200: policyTrialResponse } } },
    async (req) => trial(db, signedIn(req).actor, req.body.events),
  );

  app.post(
    '/api/policy/packs/:jurisdiction/versions',
    { schema: { tags, summary: '发布条款包新版本（本辖区管理员）：历史版本不可修改，新版本自其开始日起适用', params: packVersionParams, body: packVersionBody, response: { 201: packVersionDto } } },
    async (req, reply) => reply.code(201).send(await publishPackVersion(db, signedIn(req), req.params.jurisdiction, req.body)),
  );

  app.post(
    '/api/policy/events',
    { schema: { tags, summary: '登记事件（本辖区管理员）：评审结果、评定奖励、贷款纳入风险补偿、里程碑等，按现行条款计入奖补台账', body: policyEventBody, response: { 201: subsidyLine } } },
    async (req, reply) => reply.code(201).send(await recordPolicyEvent(db, signedIn(req), req.body.event)),
  );

  app.get(
    '/api/policy/records',
    { schema: { tags, summary: '登记事项（管理员）：所辖辖区登记的评价、认定、贷款、评定奖励、科研人员收入，及其计算结果', querystring: policyRecordsQuery, response: { 200: policyRecordsResponse } } },
    async (req) => listPolicyRecords(db, signedIn(req).actor, req.query),
  );

  app.post(
    '/api/policy/records',
    { schema: { tags, summary: '登记事项（本辖区管理员）：机构评价或认定、贷款纳入风险补偿及其违约与利息、评定奖励、科研人员收入；按现行条款计入受益单位的奖补', body: policyRecordBody, response: { 201: policyRecordDto } } },
    async (req, reply) => reply.code(201).send(await createPolicyRecord(db, signedIn(req), req.body)),
  );

  app.get('/api/policy/budgets', { schema: { tags, summary: '预算（管理员）：各预算科目的年度预算与已批准金额', response: { 200: budgetsResponse } } }, async (req) => listBudgets(db, signedIn(req).actor));

  app.put('/api/policy/budgets', { schema: { tags, summary: '设定预算科目的年度预算（本辖区管理员）', body: budgetBody, response: { 200: budgetDto } } }, async (req) => setBudget(db, signedIn(req), req.body));

  app.get(
    '/api/policy/ledger',
    { schema: { tags, summary: '奖补台账（本辖区管理员）：按受益单位、按预算科目的应得、已批准、已拨付合计（可按年度），及明细（分页，可按受益单位或预算科目）', querystring: ledgerQuery, response: { 200: ledgerResponse } } },
    async (req) => getLedger(db, signedIn(req).actor, req.query),
  );

  app.get('/api/policy/ledger.xlsx', { schema: { tags, summary: '导出奖补台账 Excel（管理员）：明细、按受益单位、按预算科目（可按年度、辖区）', querystring: ledgerExportQuery, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    return sendWorkbook(reply, req.query.year ? `奖补台账-${req.query.year}.xlsx` : '奖补台账.xlsx', await exportLedger(db, signedIn(req).actor, req.query));
  });

  app.get(
    '/api/entitlements',
    { schema: { tags, summary: '奖补：本单位的，或管理员所辖辖区的', querystring: entitlementsQuery, response: { 200: entitlementsResponse } } },
    async (req) => listEntitlements(db, signedIn(req).actor, req.query),
  );

  app.post(
    '/api/entitlements/:id/apply',
    { schema: { tags, summary: '申报奖补（受益单位成员，附说明与材料）', params: entitlementParams, body: entitlementApplyBody, response: { 200: entitlementDto } } },
    async (req) => applyForEntitlement(db, signedIn(req), req.params.id, req.body),
  );

  app.post(
    '/api/entitlements/:id/review',
    { schema: { tags, summary: '审核奖补申报（本辖区管理员）：批准（占用预算）、退回补正（申报单位补正后可再次申报）或不予支持（终结），后两者须说明原因', params: entitlementParams, body: entitlementReviewBody, response: { 200: entitlementDto } } },
    async (req) => reviewEntitlement(db, signedIn(req), req.params.id, req.body),
  );

  app.post(
    '/api/entitlements/:id/payments',
    { schema: { tags, summary: '登记拨付（本辖区管理员）：已批准的奖补，已取消的不能拨付', params: entitlementParams, body: entitlementPaymentBody, response: { 200: entitlementDto } } },
    async (req) => recordEntitlementPayment(db, signedIn(req), req.params.id, req.body),
  );

  // 申报材料: multipart parsing exists only inside this scope, with its own size limit.
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: false });
    scope.post(
      '/api/entitlements/:id/attachments',
      {
        bodyLimit: ATTACHMENT_MAX_BYTES + 1024 * 1024,
        schema: { tags, summary: '上传奖补申报材料（受益单位成员，申报前；multipart/form-data，字段 file；PDF、PNG、JPEG、WebP，单个不超过 20 MB）', params: entitlementParams, consumes: ['multipart/form-data'], response: { 201: entitlementFileDto } },
      },
      async (req, reply) => {
        const ctx = signedIn(req);
        if (!req.isMultipart()) throw new AppError(415, 'unsupported-media-type', 'problem.unsupportedMediaType', 'err.attachment.multipart');
        return reply.code(201).send(await uploadEntitlementFile(db, store, ctx, req.params.id, () => req.file(), config.storageQuotaBytes));
      },
    );
  });

  app.get(
    '/api/entitlements/:id/attachments',
    { schema: { tags, summary: '奖补的申报材料（受益单位成员与本辖区管理员）', params: entitlementParams, response: { 200: entitlementFilesResponse } } },
    async (req) => listEntitlementFiles(db, signedIn(req).actor, req.params.id),
  );

  app.delete(
    '/api/entitlements/:id/attachments/:attachmentId',
    { schema: { tags, summary: '删除奖补申报材料（受益单位成员；仅待申报或退回补正时，已随申报提交的材料作为记录保留）', params: entitlementFileParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteEntitlementFile(db, signedIn(req), req.params.id, req.params.attachmentId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/entitlements/:id/attachments/:attachmentId/content',
    { schema: { tags, summary: '下载奖补申报材料', params: entitlementFileParams, response: { 200: fileResponse('申报材料（PDF 或图片）', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp'), 304: z.null() } } },
    async (req, reply) => {
      const { attachment, open } = await openEntitlementFile(db, store, signedIn(req).actor, req.params.id, req.params.attachmentId);
      const etag = `"${attachment.sha256}"`;
      reply.header('etag', etag).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return reply.header('content-type', attachment.mime).header('content-length', attachment.size).header('content-disposition', contentDisposition(attachment.fileName)).send(open());
    },
  );
}
