import { createdMatchReviewDto, matchInquiryDto, matchInquiryPageDto, matchReviewDto, pairReviewsDto, reviewInvitationListDto } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { answerBody, createInquiryBody, createReviewBody, inquiryIdParams, inquiryQuery, opinionBody, reviewIdParams, reviewPairQuery } from './matchReviews.schemas.ts';
import { closeReview, createReview, declineReview, myInvitations, reviewsOfPair, submitOpinion } from './matchReviews.service.ts';
import { answerInquiry, createInquiry, listInquiries } from './matchInquiries.service.ts';

const tags = ['专家论证 Expert reviews'];

/** Routes of the matchReviews module: expert confirmation (专家论证) of a proposed match, and inquiries about secret matches. */
export function matchReviewsRoutes(app: App, { db }: Deps) {
  app.post('/api/match-reviews', { schema: { tags, summary: '发起专家论证（辖区管理员、平台管理员或技术经纪人；与双方同单位的专家自动回避）', body: createReviewBody, response: { 201: createdMatchReviewDto } } }, async (req, reply) =>
    reply.code(201).send(await createReview(db, signedIn(req), req.body)),
  );

  app.get('/api/match-reviews', { schema: { tags, summary: '一对成果与需求的专家论证及各专家意见', querystring: reviewPairQuery, response: { 200: pairReviewsDto } } }, async (req) =>
    reviewsOfPair(db, signedIn(req).actor, req.query),
  );

  app.get('/api/match-reviews/mine', { schema: { tags, summary: '我收到的论证邀请（专家）', response: { 200: reviewInvitationListDto } } }, async (req) => myInvitations(db, signedIn(req).actor));

  app.post('/api/match-reviews/:id/opinions', { schema: { tags, summary: '提交论证意见（受邀专家，仅一次）', params: reviewIdParams, body: opinionBody, response: { 200: matchReviewDto } } }, async (req) =>
    submitOpinion(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/match-reviews/:id/decline', { schema: { tags, summary: '谢绝论证邀请（受邀专家）', params: reviewIdParams, response: { 200: matchReviewDto } } }, async (req) =>
    declineReview(db, signedIn(req), req.params.id),
  );

  app.post('/api/match-reviews/:id/close', { schema: { tags, summary: '结束论证（发起人或管理员）', params: reviewIdParams, response: { 200: matchReviewDto } } }, async (req) =>
    closeReview(db, signedIn(req), req.params.id),
  );

  app.post('/api/match-inquiries', { schema: { tags, summary: '咨询一项保密的匹配记录（来源记录所属单位的成员；同一对只记一次）', body: createInquiryBody, response: { 200: matchInquiryDto, 201: matchInquiryDto } } }, async (req, reply) => {
    const { created, inquiry } = await createInquiry(db, signedIn(req), req.body);
    return reply.code(created ? 201 : 200).send(inquiry);
  });

  app.get('/api/match-inquiries', { schema: { tags, summary: '匹配咨询（管理员看本辖区，经纪人与平台管理员看全部，其他人看自己的）', querystring: inquiryQuery, response: { 200: matchInquiryPageDto } } }, async (req) =>
    listInquiries(db, signedIn(req).actor, req.query),
  );

  app.post('/api/match-inquiries/:id/answer', { schema: { tags, summary: '答复匹配咨询（辖区管理员、平台管理员或技术经纪人）', params: inquiryIdParams, body: answerBody, response: { 200: matchInquiryDto } } }, async (req) =>
    answerInquiry(db, signedIn(req), req.params.id, req.body.answer),
  );
}
