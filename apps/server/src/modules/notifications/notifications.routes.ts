import { z } from 'zod';
import { pageQuery } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { notFound } from '../../platform/errors.ts';
import { paged } from '../../platform/pagination.ts';
import { notificationRepository } from './notifications.repository.ts';
import { markAllRead } from './notifications.service.ts';

const tags = ['通知 Notifications'];

export function notificationRoutes(app: App, { db }: Deps) {
  app.get('/api/notifications', { schema: { tags, summary: '我的通知（含所在单位的提醒）', querystring: pageQuery.extend({ unread: z.enum(['true', 'false']).optional() }) } }, async (req) => {
    const { actor } = signedIn(req);
    const { rows, total, unread } = await notificationRepository.list(db, actor, req.query.unread === 'true', req.query);
    return {
      ...paged(
        rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, read: !!n.readAt, createdAt: n.createdAt })),
        total,
        req.query,
      ),
      unread,
    };
  });

  app.post('/api/notifications/:id/read', { schema: { tags, summary: '标为已读', params: z.object({ id: z.uuid() }) } }, async (req, reply) => {
    const rows = await notificationRepository.markRead(db, signedIn(req).actor, req.params.id);
    if (!rows.length) throw notFound('notification');
    return reply.code(204).send();
  });

  app.post('/api/notifications/read-all', { schema: { tags, summary: '全部标为已读（记入审计）' } }, async (req) => ({
    marked: await markAllRead(db, signedIn(req)),
  }));
}
