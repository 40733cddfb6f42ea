import { currentSessionDto, meDto, profileBody, profileDto, profileKindParam, profileReviewBody, profileReviewDto, profileReviewListDto, profileReviewParams, profileReviewQuery } from '@kzt/shared';
import { z } from 'zod';
import { contextOf, signedIn } from '../../platform/http.ts';
import type { App, Deps } from '../../platform/types.ts';
import { me } from './me.service.ts';
import { deleteProfile, listProfileReviews, reviewProfile, saveProfile } from './profiles.service.ts';

const tags = ['账号 Accounts'];

/** The person's own view and profiles. */
export function meRoutes(app: App, { db }: Deps) {
  app.get('/api/session', { config: { public: true }, schema: { tags, summary: '当前会话：未登录时 {me: null}（不报 401），已登录时与 /api/me 相同', response: { 200: currentSessionDto } } }, async (req) => {
    const actor = contextOf(req).actor;
    return { me: actor ? await me(db, actor) : null };
  });

  app.get('/api/me', { schema: { tags, summary: '当前用户、所属单位、角色与可执行操作', response: { 200: meDto } } }, async (req) => me(db, signedIn(req).actor));

  app.put(
    '/api/me/profiles/:kind',
    { schema: { tags, summary: '保存个人档案（科研人员、技术经纪人、专家）', params: profileKindParam, body: profileBody, response: { 200: profileDto } } },
    async (req) => saveProfile(db, signedIn(req), req.params.kind, req.body),
  );

  app.delete('/api/me/profiles/:kind', { schema: { tags, summary: '删除个人档案', params: profileKindParam, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteProfile(db, signedIn(req), req.params.kind);
    return reply.code(204).send(null);
  });
}

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
