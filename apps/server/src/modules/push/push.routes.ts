import type { App, Deps } from '../../platform/types.ts';
import { outboxMessageDto, outboxPageDto, outboxPeekDto, outboxPeekQuery, pushPageDto, pushSettingsDto, subscriptionDto, subscriptionListDto } from '@kzt/shared';
import { z } from 'zod';
import { contextOf, signedIn } from '../../platform/http.ts';
import {
  createSubscriptionBody,
  outboxFailedBody,
  outboxIdParams,
  outboxQuery,
  pushesQuery,
  pushSettingsBody,
  subscriptionIdParams,
  unsubscribeBody,
  updateSubscriptionBody,
} from './push.schemas.ts';
import {
  createSubscription,
  deleteSubscription,
  getPushSettings,
  listOutbox,
  listPushes,
  listSubscriptions,
  messagesTo,
  reportOutbox,
  savePushSettings,
  unsubscribe,
  updateSubscription,
} from './push.service.ts';

const tags = ['定向推送 Pushes'];

/** Routes of the push module: subscriptions, pushed matches, push settings, unsubscribe, and the e-mail/SMS outbox. */
export function pushRoutes(app: App, { db, config }: Deps) {
  app.get('/api/subscriptions', { schema: { tags, summary: '我的订阅', response: { 200: subscriptionListDto } } }, async (req) => listSubscriptions(db, signedIn(req).actor));

  app.post('/api/subscriptions', { schema: { tags, summary: '新建订阅（关键词、行业、地区至少填一项）', body: createSubscriptionBody, response: { 201: subscriptionDto } } }, async (req, reply) =>
    reply.code(201).send(await createSubscription(db, signedIn(req), req.body)),
  );

  app.patch('/api/subscriptions/:id', { schema: { tags, summary: '修改订阅（仅本人）', params: subscriptionIdParams, body: updateSubscriptionBody, response: { 200: subscriptionDto } } }, async (req) =>
    updateSubscription(db, signedIn(req), req.params.id, req.body),
  );

  app.delete('/api/subscriptions/:id', { schema: { tags, summary: '删除订阅（仅本人）', params: subscriptionIdParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteSubscription(db, signedIn(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/pushes', { schema: { tags, summary: '推送给我的匹配（最新在前）', querystring: pushesQuery, response: { 200: pushPageDto } } }, async (req) => listPushes(db, signedIn(req).actor, req.query));

  app.get('/api/push-settings', { schema: { tags, summary: '我的推送设置', response: { 200: pushSettingsDto } } }, async (req) => getPushSettings(db, signedIn(req).actor));

  app.put('/api/push-settings', { schema: { tags, summary: '修改推送设置（邮件、短信、每日上限）', body: pushSettingsBody, response: { 200: pushSettingsDto } } }, async (req) => savePushSettings(db, signedIn(req), req.body));

  app.post('/api/push/unsubscribe', { config: { public: true }, schema: { tags, summary: '退订邮件和短信推送（邮件中的链接，无需登录）', body: unsubscribeBody, response: { 204: z.null() } } }, async (req, reply) => {
    await unsubscribe(db, contextOf(req), req.body.token);
    return reply.code(204).send(null);
  });

  app.get('/api/outbox', { schema: { tags, summary: '待发的邮件和短信（平台管理员，供发送程序读取）', querystring: outboxQuery, response: { 200: outboxPageDto } } }, async (req) => listOutbox(db, signedIn(req).actor, req.query));

  app.post('/api/outbox/:id/sent', { schema: { tags, summary: '标记消息已发送（平台管理员）', params: outboxIdParams, response: { 200: outboxMessageDto } } }, async (req) =>
    reportOutbox(db, signedIn(req), req.params.id, { sent: true }),
  );

  app.post('/api/outbox/:id/failed', { schema: { tags, summary: '标记消息发送失败（平台管理员）', params: outboxIdParams, body: outboxFailedBody, response: { 200: outboxMessageDto } } }, async (req) =>
    reportOutbox(db, signedIn(req), req.params.id, { sent: false, error: req.body.error }),
  );

  if (config.env !== 'production') {
    // Development and tests only: no real sender runs there, so a person (or the browser tests) reads the code of a registration here. Not registered in production.
    app.get(
      '/api/dev/outbox',
      { config: { public: true }, schema: { tags, summary: '（仅开发与测试环境，生产环境不存在）发往某地址的邮件和短信，最新在前', querystring: outboxPeekQuery, response: { 200: outboxPeekDto } } },
      async (req) => ({ items: await messagesTo(db, req.query.address) }),
    );
  }
}
