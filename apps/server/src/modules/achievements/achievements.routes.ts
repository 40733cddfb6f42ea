import { z } from 'zod';
import {
  achievementDetailDto,
  achievementPageDto,
  achievementQuery,
  conversionDto,
  followupDto,
  conversionBody,
  createAchievementBody,
  followupBody,
  updateAchievementBody,
} from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { contextOf, signedIn } from '../../platform/http.ts';
import { recordLifecycleRoutes } from '../catalogue/catalogue.routes.ts';
import { achievementCommands, achievementKind, addConversion, createAchievement, getAchievement, saveFollowup, searchAchievements, updateAchievement } from './achievements.service.ts';

const tags = ['科技成果 Achievements'];
const idParams = z.object({ id: z.uuid() });

export function achievementRoutes(app: App, { db, indexes }: Deps) {
  const detail = (req: Parameters<typeof signedIn>[0], id: string) => getAchievement(db, contextOf(req).actor, id);

  app.get('/api/achievements', { config: { public: true }, schema: { tags, summary: '成果目录：中文全文检索、筛选、分面统计（scope=mine 我的成果，scope=review 审核队列）', querystring: achievementQuery, response: { 200: achievementPageDto } } }, async (req) =>
    searchAchievements(db, contextOf(req).actor, req.query, indexes.achievements),
  );

  app.post('/api/achievements', { schema: { tags, summary: '登记科技成果（草稿）', body: createAchievementBody, response: { 201: achievementDetailDto } } }, async (req, reply) =>
    reply.code(201).send(await createAchievement(db, signedIn(req), req.body)),
  );

  app.get('/api/achievements/:id', { config: { public: true }, schema: { tags, summary: '成果详情（按保密级别与授权返回字段）', params: idParams, response: { 200: achievementDetailDto } } }, async (req) =>
    detail(req, req.params.id),
  );

  app.patch('/api/achievements/:id', { schema: { tags, summary: '修改成果（已发布的成果每次修改留存版本）', params: idParams, body: updateAchievementBody, response: { 200: achievementDetailDto } } }, async (req) => {
    await updateAchievement(db, signedIn(req), req.params.id, req.body);
    return detail(req, req.params.id);
  });

  app.post('/api/achievements/:id/conversions', { schema: { tags, summary: '登记转化事件（转让、许可、作价入股、自行实施）', params: idParams, body: conversionBody, response: { 201: conversionDto } } }, async (req, reply) =>
    reply.code(201).send(await addConversion(db, signedIn(req), req.params.id, req.body)),
  );

  app.put('/api/achievements/:id/followups/:year', { schema: { tags, summary: '年度跟踪记录', params: idParams.extend({ year: z.coerce.number().int().min(2000).max(2100) }), body: followupBody.omit({ year: true }), response: { 200: followupDto } } }, async (req) =>
    saveFollowup(db, signedIn(req), req.params.id, { ...req.body, year: req.params.year }),
  );

  recordLifecycleRoutes(app, db, { path: 'achievements', kind: achievementKind, commands: achievementCommands, tags, noun: '成果', dto: achievementDetailDto, detail: (actor, id) => getAchievement(db, actor, id) });
}
