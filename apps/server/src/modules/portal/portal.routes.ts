import { homeDto, searchDto, searchQuery, workbenchDto } from '@kzt/shared';
import { contextOf, signedIn } from '../../platform/http.ts';
import type { App, Deps } from '../../platform/types.ts';
import { homeOf, searchAll, workbenchOf } from './portal.service.ts';

const tags = ['门户 Portal'];

export function portalRoutes(app: App, { db, indexes, config }: Deps) {
  app.get('/api/home', { config: { public: true }, schema: { tags, summary: '首页：实时统计（已发布成果、需求、挂牌中项目、成交）、最新成果/需求/挂牌、通知公告、联系方式与备案号', response: { 200: homeDto } } }, async () =>
    homeOf(db, indexes, config),
  );
  app.get('/api/search', { config: { public: true }, schema: { tags, summary: '一框搜索：科技成果、技术需求、挂牌项目（按查看者可见范围，分类返回）', querystring: searchQuery, response: { 200: searchDto } } }, async (req) =>
    searchAll(db, indexes, contextOf(req).actor, req.query),
  );
  app.get('/api/me/workbench', { schema: { tags, summary: '我的工作台：待办（审核、竞价、待签约、待付款、提醒、报名确认）、我的成果/需求/挂牌', response: { 200: workbenchDto } } }, async (req) =>
    workbenchOf(db, indexes, signedIn(req).actor),
  );
}
