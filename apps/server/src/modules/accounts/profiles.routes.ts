import { profileReviewBody, profileReviewDto, profileReviewListDto, profileReviewParams, profileReviewQuery } from '@kzt/shared';
import { signedIn } from '../../platform/http.ts';
import type { App, Deps } from '../../platform/types.ts';
import { listProfileReviews, reviewProfile } from './profiles.service.ts';

const tags = ['账号 Accounts'];

/** Review of broker and expert profiles by the administrators of the holder's jurisdiction. */
export function profileReviewRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/profiles/reviews',
    { schema: { tags, summary: '技术经纪人、评审专家档案审核队列（辖区管理员看本辖区，平台管理员看全部）', querystring: profileReviewQuery, response: { 200: profileReviewListDto } } },
    async (req) => listProfileReviews(db, signedIn(req).actor, req.query),
  );

  app.post(
    '/api/profiles/:userId/:kind/review',
    { schema: { tags, summary: '审核技术经纪人、评审专家档案：通过或驳回（驳回须说明原因；持有人收到通知）', params: profileReviewParams, body: profileReviewBody, response: { 200: profileReviewDto } } },
    async (req) => reviewProfile(db, signedIn(req), req.params.userId, req.params.kind, req.body),
  );
}
