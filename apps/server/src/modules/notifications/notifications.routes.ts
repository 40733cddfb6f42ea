import { z } from 'zod';
import { markedReadDto, notificationPageDto, notificationQuery } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { contextOf, signedIn } from '../../platform/http.ts';
import { notFound } from '../../platform/errors.ts';
import { paged } from '../../platform/pagination.ts';
import { notificationRepository } from './notifications.repository.ts';
import { markAllRead } from './notifications.service.ts';

const tags = ['通知 Notifications'];

export function notificationRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的通知（含所在单位的提醒）；unreadAction 为待办、unreadNews 为消息的未读数；标题和正文按 Accept-Language 给出',
        querystring: notificationQuery,
        response: { 200: notificationPageDto },
      },
    },
    async (req) => {
      const { actor } = signedIn(req);
      const en = contextOf(req).lang === 'en';
      const { rows, total, unreadAction, unreadNews } = await notificationRepository.list(db, actor, req.query.unread === 'true', req.query, req.query.category);
      return {
        ...paged(
          rows.map((n) => ({
            id: n.id,
            kind: n.kind,
            category: n.category === 'action' ? ('action' as const) : ('news' as const),
            title: (en && n.titleEn) || n.title,
            body: (en && n.bodyEn) || n.body,
            link: n.link,
            read: !!n.readAt,
            createdAt: n.createdAt,
          })),
          total,
          req.query,
        ),
        unread: unreadAction + unreadNews,
        unreadAction,
        unreadNews,
      };
    },
  );

  app.post('/api/notifications/:id/read', { schema: { tags, summary: '标为已读', params: z.object({ id: z.uuid() }), response: { 204: z.null() } } }, async (req, reply) => {
    const rows = await notificationRepository.markRead(db, signedIn(req).actor, req.params.id);
    if (!rows.length) throw notFound('notification');
    return reply.code(204).send(null);
  });

  app.post('/api/notifications/read-all', { schema: { tags, summary: '全部标为已读（记入审计）', response: { 200: markedReadDto } } }, async (req) => ({
    marked: await markAllRead(db, signedIn(req)),
  }));
}
