import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  amendContractBody,
  contractDto,
  contractImportDto,
  contractImportIdParams,
  contractImportQuery,
  fileResponse,
  contractListDto,
  contractPaymentBody,
  contractQuery,
  contractTotalsDto,
  contractTotalsQuery,
  paymentTotalsDto,
  paymentTotalsQuery,
  createContractBody,
  jurisdictionCodeParams,
  publicRegistrationDto,
  registrationNumberParams,
  registrationPointBody,
  registrationPointDto,
  registrationPointListDto,
  registrationPointStaffBody,
  registrationSettingsBody,
  registrationSettingsDto,
  reviewContractBody,
  submitContractBody,
  terminateContractBody,
  updateContractBody,
} from '@kzt/shared';
import { contextOf, signedIn } from '../../platform/http.ts';
import { AppError, invalidState } from '../../platform/errors.ts';

import { ATTACHMENT_MAX_BYTES, attachmentStore, type IncomingFile } from '../../platform/files.ts';
import { contentDisposition } from '../../platform/files.ts';
import type { App, Deps } from '../../platform/types.ts';
import { uploadedFile, withUploads } from '../imports/imports.routes.ts';
import { certificatePdf } from './contracts.certificate.ts';
import { CONTRACT_IMPORT_INLINE_ROWS, CONTRACT_IMPORT_MAX_ROWS, contractImport, contractImportTemplate, discardContractImport, importContracts, runContractImport } from './contracts.import.ts';
import {
  amendContract,
  contractTotals,
  confirmContractPayment,
  createContract,
  createRegistrationPoint,
  getContract,
  listRegistrationPoints,
  setRegistrationPointStaff,
  addPaymentReceipt,
  addContractDocument,
  openContractDocument,
  removeContractDocument,
  openPaymentReceipt,
  removePaymentReceipt,
  paymentTotals,
  recordContractPayment,
  reviewContract,
  saveRegistrationSettings,
  searchContracts,
  submitContract,
  terminateContract,
  updateContract,
  verifyRegistration,
} from './contracts.service.ts';

const tags = ['技术合同 Contracts'];

/** Streams a stored file of a contract (a receipt or a document) with its type and name. */
const sendFile = (reply: FastifyReply, { attachment, open }: { attachment: { mime: string; size: number; fileName: string }; open: () => unknown }) =>
  reply
    .header('x-content-type-options', 'nosniff')
    .header('content-type', attachment.mime)
    .header('content-length', attachment.size)
    .header('content-disposition', contentDisposition(attachment.fileName))
    .send(open());
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParams = z.object({ id: z.uuid() });
const paymentParams = idParams.extend({ paymentId: z.uuid() });

/** Routes of the contracts module: contracts, registration at registration points, payments, amendments, termination, public verification. */
export function contractRoutes(app: App, { db, config }: Deps) {
  const store = attachmentStore(config.dataDir);
  app.get('/api/contracts', { schema: { tags, summary: '技术合同列表（scope=mine 我的，jurisdiction 辖区（管理员），desk 登记点待办；可按类别、状态、年度、当事方筛选）', querystring: contractQuery, response: { 200: contractListDto } } }, async (req) =>
    searchContracts(db, signedIn(req).actor, req.query),
  );

  app.post('/api/contracts', { schema: { tags, summary: '录入技术合同（卖方；可由已签约成交 dealId 预填）', body: createContractBody, response: { 200: contractDto, 201: contractDto } } }, async (req, reply) => {
    const { created, contract } = await createContract(db, signedIn(req), req.body);
    return reply.code(created ? 201 : 200).send(contract);
  });

  app.get('/api/contracts/payment-totals', { schema: { tags, summary: '当年实际支付与到账金额（按单位；威海等地奖补所用）：某单位（其成员或所在辖区管理员），或本人所在单位，或管理员辖区内的单位', querystring: paymentTotalsQuery, response: { 200: paymentTotalsDto } } }, async (req) =>
    paymentTotals(db, signedIn(req).actor, req.query),
  );

  app.get('/api/contracts/import/template', { config: { public: true }, schema: { tags, summary: '下载技术合同导入模板（平台外签订的合同；含填写说明、下拉选项和示例行）', response: { 200: fileResponse('Excel 导入模板', XLSX) } } }, async (_req, reply) =>
    reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="contracts-template.xlsx"; filename*=UTF-8''${encodeURIComponent('技术合同导入模板.xlsx')}`)
      .send(await contractImportTemplate()),
  );

  withUploads(app, (scope) =>
    scope.post(
      '/api/contracts/import',
      {
        schema: {
          tags,
          summary: '从 Excel/CSV 导入平台外签订的技术合同：上传并预检（dryRun=true，默认）；dryRun=false 预检后在后台导入通过检查的行（草稿）',
          description: `multipart/form-data，字段 file；.xlsx 或 .csv，不超过 10 MB、${CONTRACT_IMPORT_MAX_ROWS} 行。每行按 POST /api/contracts 的规则检查。文件保存在服务器上直至导入完成；不超过 ${CONTRACT_IMPORT_INLINE_ROWS} 行时立即返回预检报告（status=validated），更大的文件由后台任务预检（status=checking，用 GET /api/contracts/imports/:id 查看进度与报告）。`,
          consumes: ['multipart/form-data'],
          querystring: contractImportQuery,
          response: { 200: contractImportDto, 202: contractImportDto },
        },
      },
      async (req, reply) => {
        const result = await importContracts(db, signedIn(req), { ...req.query, dataDir: config.dataDir, quotaBytes: config.storageQuotaBytes, upload: () => uploadedFile(req) });
        return reply.code(req.query.dryRun ? 200 : 202).send(result);
      },
    ),
  );

  app.get('/api/contracts/imports/:id', { schema: { tags, summary: '技术合同导入的状态、进度、逐行预检报告与已创建的草稿（上传者或其单位成员）', params: contractImportIdParams, response: { 200: contractImportDto } } }, async (req) =>
    contractImport(db, signedIn(req).actor, req.params.id),
  );

  app.post('/api/contracts/imports/:id/run', { schema: { tags, summary: '导入预检通过的行（后台任务，导入为草稿；服务重启后继续，不会重复导入）', params: contractImportIdParams, response: { 202: contractImportDto } } }, async (req, reply) =>
    reply.code(202).send(await runContractImport(db, signedIn(req), req.params.id, config.dataDir)),
  );

  app.post(
    '/api/contracts/imports/:id/discard',
    { schema: { tags, summary: '放弃中断的导入：删除其已写入但尚未显示的合同（同一文件可重新上传），记入审计（上传者或其单位成员；导入进行中不可）', params: contractImportIdParams, response: { 200: contractImportDto } } },
    async (req) => discardContractImport(db, signedIn(req), req.params.id),
  );

  app.get('/api/contracts/:id', { schema: { tags, summary: '技术合同详情（含付款、变更历史、辖区分类与可执行操作）', params: idParams, response: { 200: contractDto } } }, async (req) =>
    getContract(db, signedIn(req).actor, req.params.id),
  );

  app.get(
    '/api/contracts/:id/certificate.pdf',
    { schema: { tags, summary: '技术合同认定登记证明（PDF：登记号、当事方、类别、认定技术交易额与核验链接；可读该合同者）', params: idParams, response: { 200: fileResponse('登记证明 PDF', 'application/pdf') } } },
    async (req, reply) => {
      const c = await getContract(db, signedIn(req).actor, req.params.id);
      if (!c.registrationNumber) throw invalidState('err.certificate.notRegistered');
      // The configured public address, never the request's Host header (a forged Host would print a foreign link on an official certificate).
      const verifyUrl = `${config.publicOrigin}/verify/contracts/${encodeURIComponent(c.registrationNumber)}`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="certificate-${c.registrationNumber}.pdf"; filename*=UTF-8''${encodeURIComponent(`技术合同登记证明-${c.registrationNumber}.pdf`)}`)
        .send(await certificatePdf(c, verifyUrl));
    },
  );

  app.patch('/api/contracts/:id', { schema: { tags, summary: '修改草稿或退回的合同（已登记合同不可修改，须变更登记）', params: idParams, body: updateContractBody, response: { 200: contractDto } } }, async (req) =>
    updateContract(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/contracts/:id/submit', { schema: { tags, summary: '申请认定登记（卖方，在本方所在地区的登记点，签订后规定期限内）', params: idParams, body: submitContractBody, response: { 200: contractDto } } }, async (req) =>
    submitContract(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/contracts/:id/review', { schema: { tags, summary: '登记审核：予以登记（发登记号与认定技术交易额）、不予登记或退回（登记点工作人员、辖区管理员）', params: idParams, body: reviewContractBody, response: { 200: contractDto } } }, async (req) =>
    reviewContract(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/contracts/:id/payments', { schema: { tags, summary: '登记付款（买方；不得超过合同金额）', params: idParams, body: contractPaymentBody, response: { 201: contractDto } } }, async (req, reply) =>
    reply.code(201).send(await recordContractPayment(db, signedIn(req), req.params.id, req.body)),
  );

  app.post('/api/contracts/:id/payments/:paymentId/confirm', { schema: { tags, summary: '确认到账（卖方）', params: idParams.extend({ paymentId: z.uuid() }), response: { 200: contractDto } } }, async (req) =>
    confirmContractPayment(db, signedIn(req), req.params.id, req.params.paymentId),
  );

  // Receipts and documents: multipart in a scope of its own, with the attachments' size limit.
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: false });
    /** A file posted to a contract (multipart, field `file`), handed to `run` with the route's params; answers the contract (201). */
    const uploadRoute = <P extends z.ZodObject>(url: string, summary: string, params: P, run: (ctx: ReturnType<typeof signedIn>, p: z.infer<P>, next: () => Promise<IncomingFile | undefined>) => ReturnType<typeof getContract>) =>
      scope.post(url, { bodyLimit: ATTACHMENT_MAX_BYTES + 1024 * 1024, schema: { tags, summary, params, consumes: ['multipart/form-data'], response: { 201: contractDto } } }, async (req, reply) => {
        const ctx = signedIn(req);
        if (!req.isMultipart()) throw new AppError(415, 'unsupported-media-type', 'problem.unsupportedMediaType', 'err.attachment.multipart');
        return reply.code(201).send(await run(ctx, req.params as z.infer<P>, () => req.file()));
      });
    uploadRoute(
      '/api/contracts/:id/documents',
      '上传签章合同文本（卖方或其代理机构成员；草稿或退回修改的合同；multipart/form-data，字段 file；PDF、PNG、JPEG、WebP，不超过 20 MB，计入本单位存储空间；登记时必须已有）',
      idParams,
      (ctx, p, next) => addContractDocument(db, store, ctx, p.id, null, next, config.storageQuotaBytes),
    );
    uploadRoute(
      '/api/contracts/:id/amendments/:amendmentId/documents',
      '为变更登记附文件（变更后的合同或补充协议；卖方或其代理机构成员，已登记的合同；multipart/form-data，字段 file）',
      idParams.extend({ amendmentId: z.uuid() }),
      (ctx, p, next) => addContractDocument(db, store, ctx, p.id, p.amendmentId, next, config.storageQuotaBytes),
    );
    uploadRoute(
      '/api/contracts/:id/payments/:paymentId/receipts',
      '上传付款凭证（买方或卖方；multipart/form-data，字段 file；PDF、PNG、JPEG、WebP，不超过 20 MB，计入本单位存储空间）',
      paymentParams,
      (ctx, p, next) => addPaymentReceipt(db, store, ctx, p.id, p.paymentId, next, config.storageQuotaBytes),
    );
  });

  const fileParams = idParams.extend({ attachmentId: z.uuid() });
  app.get(
    '/api/contracts/:id/documents/:attachmentId',
    { schema: { tags, summary: '下载合同文本或变更登记的文件（可读该合同者：当事方、登记点、辖区管理员；不公开）', params: fileParams, response: { 200: fileResponse('合同文本（PDF 或图片）', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp') } } },
    async (req, reply) => sendFile(reply, await openContractDocument(db, store, signedIn(req).actor, req.params.id, req.params.attachmentId)),
  );

  app.delete(
    '/api/contracts/:id/documents/:attachmentId',
    { schema: { tags, summary: '删除合同文本（上传者本人；合同文本在提交之前，变更登记的文件在合同登记有效期间）', params: fileParams, response: { 200: contractDto } } },
    async (req) => removeContractDocument(db, signedIn(req), req.params.id, req.params.attachmentId),
  );

  app.get(
    '/api/contracts/:id/payments/:paymentId/receipts/:attachmentId',
    { schema: { tags, summary: '下载付款凭证（可读该合同者）', params: paymentParams.extend({ attachmentId: z.uuid() }), response: { 200: fileResponse('付款凭证（PDF 或图片）', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp') } } },
    async (req, reply) => sendFile(reply, await openPaymentReceipt(db, store, signedIn(req).actor, req.params.id, req.params.paymentId, req.params.attachmentId)),
  );

  app.delete(
    '/api/contracts/:id/payments/:paymentId/receipts/:attachmentId',
    { schema: { tags, summary: '删除付款凭证（上传者本人，付款确认到账之前）', params: paymentParams.extend({ attachmentId: z.uuid() }), response: { 200: contractDto } } },
    async (req) => removePaymentReceipt(db, signedIn(req), req.params.id, req.params.paymentId, req.params.attachmentId),
  );

  app.post('/api/contracts/:id/amendments', { schema: { tags, summary: '变更登记（已登记合同；原登记数据保留，变更记入历史）', params: idParams, body: amendContractBody, response: { 200: contractDto } } }, async (req) =>
    amendContract(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/contracts/:id/terminate', { schema: { tags, summary: '终止已登记的合同（须说明理由）', params: idParams, body: terminateContractBody, response: { 200: contractDto } } }, async (req) =>
    terminateContract(db, signedIn(req), req.params.id, req.body),
  );

  app.get('/api/jurisdictions/:code/registration-points', { config: { public: true }, schema: { tags, summary: '辖区的技术合同登记点（含登记期限设置）', params: jurisdictionCodeParams, response: { 200: registrationPointListDto } } }, async (req) =>
    listRegistrationPoints(db, contextOf(req).actor, req.params.code),
  );

  app.post('/api/jurisdictions/:code/registration-points', { schema: { tags, summary: '设立登记点（辖区管理员）', params: jurisdictionCodeParams, body: registrationPointBody, response: { 201: registrationPointDto } } }, async (req, reply) =>
    reply.code(201).send(await createRegistrationPoint(db, signedIn(req), req.params.code, req.body)),
  );

  app.put('/api/jurisdictions/:code/registration-points/:pointId/staff', { schema: { tags, summary: '设置登记点工作人员（按用户 ID；辖区管理员）', params: jurisdictionCodeParams.extend({ pointId: z.uuid() }), body: registrationPointStaffBody, response: { 200: registrationPointDto } } }, async (req) =>
    setRegistrationPointStaff(db, signedIn(req), req.params.code, req.params.pointId, req.body),
  );

  app.put('/api/jurisdictions/:code/registration-settings', { schema: { tags, summary: '设置签订后申请登记的期限（天，辖区管理员；默认 30 天）', params: jurisdictionCodeParams, body: registrationSettingsBody, response: { 200: registrationSettingsDto } } }, async (req) =>
    saveRegistrationSettings(db, signedIn(req), req.params.code, req.body),
  );

  app.get('/api/jurisdictions/:code/contract-totals', { schema: { tags, summary: '辖区年度技术合同登记统计：按类别的份数、合同金额、技术交易额、认定额，本地吸纳、输出、输入，及卖方当年实际到账（辖区管理员）', params: jurisdictionCodeParams, querystring: contractTotalsQuery, response: { 200: contractTotalsDto } } }, async (req) =>
    contractTotals(db, signedIn(req).actor, req.params.code, req.query.year),
  );

  app.get('/api/contract-registrations/:number', { config: { public: true }, schema: { tags, summary: '核验登记号（公开：类别、登记日期、登记点、认定技术交易额）', params: registrationNumberParams, response: { 200: publicRegistrationDto } } }, async (req) =>
    verifyRegistration(db, req.params.number),
  );
}
