import { z } from 'zod';
import { announcementBody, announcementDto, announcementListDto, announcementQuery, announcementUpdateBody } from '@kzt/shared';
import { contextOf, signedIn } from '../../platform/http.ts';
import type { App, Deps } from '../../platform/types.ts';
import { getAnnouncement, listAnnouncements, postAnnouncement, updateAnnouncement, withdrawAnnouncement } from './announcements.service.ts';

const tags = ['通知公告 Announcements'];
const idParams = z.object({ id: z.uuid() });

export function announcementRoutes(app: App, { db }: Deps) {
  app.get('/api/announcements', { config: { public: true }, schema: { tags, summary: '通知公告（置顶在前，新的在前）', querystring: announcementQuery, response: { 200: announcementListDto } } }, async (req) =>
    listAnnouncements(db, contextOf(req).actor, req.query),
  );
  app.get('/api/announcements/:id', { config: { public: true }, schema: { tags, summary: '一则通知公告', params: idParams, response: { 200: announcementDto } } }, async (req) =>
    getAnnouncement(db, contextOf(req).actor, req.params.id),
  );
  app.post('/api/announcements', { schema: { tags, summary: '发布通知公告（辖区管理员为本辖区发布；平台管理员可发布全平台公告）', body: announcementBody, response: { 201: announcementDto } } }, async (req, reply) =>
    reply.code(201).send(await postAnnouncement(db, signedIn(req), req.body)),
  );
  app.patch('/api/announcements/:id', { schema: { tags, summary: '修改通知公告（所属辖区的管理员）', params: idParams, body: announcementUpdateBody, response: { 200: announcementDto } } }, async (req) =>
    updateAnnouncement(db, signedIn(req), req.params.id, req.body),
  );
  app.delete('/api/announcements/:id', { schema: { tags, summary: '撤下通知公告（不再展示，留存记录）', params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
    await withdrawAnnouncement(db, signedIn(req), req.params.id);
    return reply.code(204).send(null);
  });
}
