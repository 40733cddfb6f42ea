import { z } from 'zod';
import {
  fileResponse,
  milestoneFileDto,
  milestoneFileParams,
  awardBody,
  bidCheckBody,
  bountyPaymentBody,
  agreementSignBody,
  bidDto,
  challengeAgreementDto,
  challengeDto,
  challengeListDto,
  challengeQuery,
  challengeExportQuery,
  challengeReviewBody,
  conflictBody,
  createBidBody,
  createChallengeBody,
  milestoneAcceptBody,
  milestoneParams,
  milestoneReportBody,
  milestoneReturnBody,
  challengeObjectionBody,
  challengeObjectionDto,
  challengeObjectionListDto,
  challengeObjectionParams,
  challengeObjectionResolveBody,
  panelBody,
  panelReplaceBody,
  panelCandidateListDto,
  panelCandidateQuery,
  scoreBody,
  stageGateBody,
  terminateBody,
} from '@kzt/shared';
import { contextOf, signedIn } from '../../platform/http.ts';
import { attachmentStore } from '../../platform/files.ts';
import { requireMultipart, sendStoredFile, UPLOAD_BODY_LIMIT, uploadScope } from '../../platform/uploads.ts';
import type { App, Deps } from '../../platform/types.ts';
import { sendWorkbook, XLSX_MIME } from '../../platform/workbook.ts';
import {
  acceptMilestone,
  addMilestoneFile,
  openMilestoneFile,
  removeMilestoneFile,
  awardChallenge,
  checkBid,
  declareConflict,
  exportBoard,
  exportChallenge,
  getAgreement,
  getBid,
  getChallenge,
  listObjections,
  panelCandidates,
  passStageGate,
  recordBountyPayment,
  lodgeObjection,
  resolveObjection,
  postChallenge,
  replacePanelMember,
  reportMilestone,
  returnMilestone,
  reviewChallenge,
  scoreBid,
  searchChallenges,
  setPanel,
  signAgreement,
  submitBid,
  terminateChallenge,
} from './challenges.service.ts';

const tags = ['揭榜挂帅 Challenges'];
const idParams = z.object({ id: z.uuid() });
const bidParams = idParams.extend({ bidId: z.uuid() });
const one = { 200: challengeDto };

/** Routes of the challenges module: posting and review, the public board, bids, the expert panel, the award and the milestones. */
export function challengeRoutes(app: App, { db, config, contractsBetween, distributionsNaming }: Deps) {
  const sources = { contractsBetween, distributionsNaming };
  const store = attachmentStore(config.dataDir);
  app.get('/api/challenges', { config: { public: true }, schema: { tags, summary: '榜单大厅（scope=mine 我参与的，scope=review 本辖区审核队列）', querystring: challengeQuery, response: { 200: challengeListDto } } }, async (req) =>
    searchChallenges(db, contextOf(req).actor, req.query),
  );

  app.get('/api/challenges/export.xlsx', { schema: { tags, summary: '导出榜单一览（Excel；管理员，本辖区或其中一个地区；含状态、金额、截止、中标方、中标金额与悬赏金支付）', querystring: challengeExportQuery, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const { fileName, workbook } = await exportBoard(db, signedIn(req), req.query);
    return sendWorkbook(reply, fileName, workbook);
  });

  app.get('/api/challenges/:id/export.xlsx', { schema: { tags, summary: '导出榜单明细（Excel；本辖区管理员与发榜单位；揭榜方案与评分（截尾均分、分差）、里程碑与支付）', params: idParams, response: { 200: fileResponse('Excel 工作簿', XLSX_MIME) } } }, async (req, reply) => {
    const { fileName, workbook } = await exportChallenge(db, signedIn(req), req.params.id);
    return sendWorkbook(reply, fileName, workbook);
  });

  app.post('/api/challenges', { schema: { tags, summary: '发榜（认证单位成员或管理员；可由技术需求预填；提交辖区管理员审核）', body: createChallengeBody, response: { 201: challengeDto } } }, async (req, reply) =>
    reply.code(201).send(await postChallenge(db, signedIn(req), req.body)),
  );

  app.get('/api/challenges/:id', { config: { public: true }, schema: { tags, summary: '榜单详情（时间线按读者语言、评分标准、中标方；参与方另见方案与里程碑）', params: idParams, response: one } }, async (req) => {
    const ctx = contextOf(req);
    return getChallenge(db, ctx.actor, req.params.id, new Date(), ctx.lang, sources);
  });

  app.post('/api/challenges/:id/review', { schema: { tags, summary: '审核榜单（辖区管理员；通过即发布）', params: idParams, body: challengeReviewBody, response: one } }, async (req) =>
    reviewChallenge(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/challenges/:id/bids', { schema: { tags, summary: '揭榜（认证单位；截止前；发榜单位不可揭；里程碑比例之和为 1）', params: idParams, body: createBidBody, response: { 201: bidDto } } }, async (req, reply) =>
    reply.code(201).send(await submitBid(db, signedIn(req), req.params.id, req.body, sources)),
  );

  app.get('/api/challenges/:id/bids/:bidId', { schema: { tags, summary: '揭榜方案（揭榜单位看自己的方案、评定后的评分与结果原因）', params: bidParams, response: { 200: bidDto } } }, async (req) =>
    getBid(db, signedIn(req).actor, req.params.id, req.params.bidId),
  );

  app.get('/api/challenges/:id/bids/:bidId/agreement', { schema: { tags, summary: '揭榜协议（揭榜挂帅为军令状：双方、金额、里程碑与期限；中标团队、发榜方、专家组与管理员可见）', params: bidParams, response: { 200: challengeAgreementDto } } }, async (req) =>
    getAgreement(db, signedIn(req).actor, req.params.id, req.params.bidId),
  );

  app.post('/api/challenges/:id/bids/:bidId/agreement/sign', { schema: { tags, summary: '签署军令状/揭榜协议（中标团队；中标结果确定后；只签一次）', params: bidParams, body: agreementSignBody, response: { 200: challengeAgreementDto } } }, async (req) =>
    signAgreement(db, signedIn(req), req.params.id, req.params.bidId),
  );

  app.post('/api/challenges/:id/bids/:bidId/check', { schema: { tags, summary: '形式审查（辖区管理员；不通过须说明原因）', params: bidParams, body: bidCheckBody, response: { 200: bidDto } } }, async (req) =>
    checkBid(db, signedIn(req), req.params.id, req.params.bidId, req.body),
  );

  app.post('/api/challenges/:id/panel', { schema: { tags, summary: '组建专家组（辖区管理员；expertIds 为已认证专家的用户 id；回避发榜与揭榜单位的专家、声明利益冲突者及平台所知近三年与揭榜单位合作者）', params: idParams, body: panelBody, response: one } }, async (req) =>
    setPanel(db, signedIn(req), req.params.id, req.body, sources),
  );

  app.post('/api/challenges/:id/panel/replace', { schema: { tags, summary: '更换专家组成员（辖区管理员；须回避的方案尚无人评分时；替换者同样回避；被替换者已给的评分撤回，替换者评审全部方案）', params: idParams, body: panelReplaceBody, response: one } }, async (req) =>
    replacePanelMember(db, signedIn(req), req.params.id, req.body, sources),
  );

  app.get('/api/challenges/:id/panel/candidates', { schema: { tags, summary: '专家组候选（辖区管理员；专家库中的已认证专家及各自的回避原因）', params: idParams, querystring: panelCandidateQuery, response: { 200: panelCandidateListDto } } }, async (req) =>
    panelCandidates(db, signedIn(req), req.params.id, req.query, sources),
  );

  app.post('/api/challenges/:id/conflicts', { schema: { tags, summary: '专家声明利益冲突（回避本榜评审）', params: idParams, body: conflictBody, response: one } }, async (req) =>
    declareConflict(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/challenges/:id/bids/:bidId/scores', { schema: { tags, summary: '专家评分（专家组成员；每项标准 0–100；全部专家评完前互不可见；须回避的方案拒绝评分并告知管理员）', params: bidParams, body: scoreBody, response: { 200: bidDto } } }, async (req) =>
    scoreBid(db, signedIn(req), req.params.id, req.params.bidId, req.body, sources),
  );

  app.post('/api/challenges/:id/award', { schema: { tags, summary: '评定中标（管理员或发榜方；全部方案形式审查、全部评分完成后；赛马制与研发众包可多个）', params: idParams, body: awardBody, response: one } }, async (req) =>
    awardChallenge(db, signedIn(req), req.params.id, req.body, sources),
  );

  app.get('/api/challenges/:id/objections', { config: { public: true }, schema: { tags, summary: '中标公示异议（公开，不含个人信息）', params: idParams, response: { 200: challengeObjectionListDto } } }, async (req) =>
    listObjections(db, contextOf(req).actor, req.params.id),
  );

  app.post('/api/challenges/:id/objections', { schema: { tags, summary: '对拟中标结果提出异议（认证单位；公示期内；须说明理由）', params: idParams, body: challengeObjectionBody, response: { 201: challengeObjectionDto } } }, async (req, reply) =>
    reply.code(201).send(await lodgeObjection(db, signedIn(req), req.params.id, req.body)),
  );

  app.post('/api/challenges/:id/objections/:objectionId/resolve', { schema: { tags, summary: '处理公示异议（辖区管理员；成立则撤回中标结果重新评定）', params: challengeObjectionParams, body: challengeObjectionResolveBody, response: one } }, async (req) =>
    resolveObjection(db, signedIn(req), req.params.id, req.params.objectionId, req.body),
  );

  app.post('/api/challenges/:id/milestones/:n/report', { schema: { tags, summary: '提交里程碑报告（中标团队）', params: milestoneParams, body: milestoneReportBody, response: one } }, async (req) =>
    reportMilestone(db, signedIn(req), req.params.id, req.params.n, req.body),
  );

  // A milestone's files: multipart in a scope of its own, with the attachments' size limit.
  uploadScope(app, (scope) =>
    scope.post(
      '/api/challenges/:id/milestones/:n/attachments',
      {
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: { tags, summary: '上传里程碑报告附件（中标团队，报告提交前；multipart/form-data，字段 file；PDF、PNG、JPEG、WebP，不超过 20 MB，计入本单位存储空间；提交报告时以 attachmentIds 列出）', params: milestoneParams, consumes: ['multipart/form-data'], response: { 201: milestoneFileDto } },
      },
      async (req, reply) => {
        const ctx = signedIn(req);
        requireMultipart(req);
        return reply.code(201).send(await addMilestoneFile(db, store, ctx, req.params.id, req.params.n, () => req.file(), config.storageQuotaBytes));
      },
    ),
  );

  app.get(
    '/api/challenges/:id/milestones/:n/attachments/:attachmentId',
    { config: { public: true }, schema: { tags, summary: '下载里程碑报告附件（可见该报告者：中标团队、发榜方、专家组、管理员；成果共享时榜单上的单位或公众）', params: milestoneFileParams, response: { 200: fileResponse('里程碑报告附件（PDF 或图片）', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp') } } },
    async (req, reply) => sendStoredFile(reply, await openMilestoneFile(db, store, contextOf(req).actor, req.params.id, req.params.n, req.params.attachmentId)),
  );

  app.delete(
    '/api/challenges/:id/milestones/:n/attachments/:attachmentId',
    { schema: { tags, summary: '删除里程碑报告附件（上传者本人，报告提交前）', params: milestoneFileParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await removeMilestoneFile(db, signedIn(req), req.params.id, req.params.n, req.params.attachmentId);
      return reply.code(204).send(null);
    },
  );

  app.post('/api/challenges/:id/milestones/:n/accept', { schema: { tags, summary: '验收里程碑（发榜方或专家组）', params: milestoneParams, body: milestoneAcceptBody, response: one } }, async (req) =>
    acceptMilestone(db, signedIn(req), req.params.id, req.params.n, req.body),
  );

  app.post('/api/challenges/:id/milestones/:n/return', { schema: { tags, summary: '退回里程碑（发榜方或专家组，须说明原因）', params: milestoneParams, body: milestoneReturnBody, response: one } }, async (req) =>
    returnMilestone(db, signedIn(req), req.params.id, req.params.n, req.body),
  );

  app.post('/api/challenges/:id/stage-gate', { schema: { tags, summary: '赛马制阶段评审（专家组或管理员；保留优胜团队，其余终止并说明原因）', params: idParams, body: stageGateBody, response: one } }, async (req) =>
    passStageGate(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/challenges/:id/payments', { schema: { tags, summary: '记录悬赏金支付（悬赏榜单；发榜单位成员；中标方案全部验收后；各笔合计不超过中标金额；记录后不可更改）', params: idParams, body: bountyPaymentBody, response: { 201: challengeDto } } }, async (req, reply) =>
    reply.code(201).send(await recordBountyPayment(db, signedIn(req), req.params.id, req.body)),
  );

  app.post('/api/challenges/:id/terminate', { schema: { tags, summary: '终止榜单（发榜方或管理员，须说明原因；完成前任何时候，审核中即撤回；中标方未验收的里程碑随之停止）', params: idParams, body: terminateBody, response: one } }, async (req) =>
    terminateChallenge(db, signedIn(req), req.params.id, req.body),
  );
}
