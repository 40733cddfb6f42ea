import { z } from 'zod';
import { expertMatchListDto, matchAnswerDto, matchFeedbackBody, matchFeedbackDto, matchFeedbackPageDto, matchQuery, organizationMatchListDto, pageQuery } from '@kzt/shared';
import { contextOf, signedIn } from '../../platform/http.ts';
import { langOf } from '../../platform/i18n.ts';
import type { App, Deps } from '../../platform/types.ts';
import { findMatches, giveFeedback, listFeedback, matchingExperts, matchingOrganizations } from './matching.service.ts';

const tags = ['智能匹配 Matching'];
const idParams = z.object({ id: z.uuid() });

/** Routes of the matching module: matches of a record (records, organisations, experts) and feedback on them. */
export function matchingRoutes(app: App, deps: Deps) {
  for (const [path, type, what] of [
    ['demands', 'demand', '成果'],
    ['achievements', 'achievement', '需求'],
  ] as const) {
    app.get(`/api/${path}/:id/matches`, { config: { public: true }, schema: { tags, summary: `匹配的${what}（带匹配度与理由；保密记录对无权者匿名）`, params: idParams, querystring: matchQuery, response: { 200: matchAnswerDto } } }, async (req) =>
      findMatches(deps, contextOf(req).actor, type, req.params.id, req.query, langOf(req.headers['accept-language'])),
    );
    app.get(`/api/${path}/:id/matches/organizations`, { config: { public: true }, schema: { tags, summary: '匹配的单位（团队/企业）', params: idParams, querystring: matchQuery, response: { 200: organizationMatchListDto } } }, async (req) =>
      matchingOrganizations(deps, contextOf(req).actor, type, req.params.id, req.query, langOf(req.headers['accept-language'])),
    );
    app.get(`/api/${path}/:id/matches/experts`, { config: { public: true }, schema: { tags, summary: '推荐专家（回避双方单位）', params: idParams, querystring: matchQuery, response: { 200: expertMatchListDto } } }, async (req) =>
      matchingExperts(deps, contextOf(req).actor, type, req.params.id, req.query, langOf(req.headers['accept-language'])),
    );
  }

  app.post('/api/match-feedback', { schema: { tags, summary: '对匹配结果反馈：感兴趣 / 不相关（附原因）', body: matchFeedbackBody, response: { 200: matchFeedbackDto } } }, async (req) => giveFeedback(deps, signedIn(req), req.body));

  app.get(
    '/api/match-feedback',
    { schema: { tags, summary: '匹配反馈（技术经纪人、管理员）', querystring: pageQuery.extend({ verdict: z.enum(['interested', 'not_relevant']).optional() }), response: { 200: matchFeedbackPageDto } } },
    // The rows come from raw SQL (untyped columns); the serializer checks them against the schema.
    async (req) => (await listFeedback(deps, signedIn(req).actor, req.query)) as z.infer<typeof matchFeedbackPageDto>,
  );
}
