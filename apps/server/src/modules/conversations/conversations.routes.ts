import { z } from 'zod';
import { conversationMessageBody, conversationPageDto, conversationQuery, conversationThreadDto, openConversationBody, openedConversationDto } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { getConversation, listConversations, openConversation, replyToConversation } from './conversations.service.ts';

const tags = ['洽谈 Conversations'];
const idParams = z.object({ id: z.uuid() });

/** Routes of 我要洽谈: threads between a record's viewer and its owner organisation. */
export function conversationRoutes(app: App, { db }: Deps) {
  app.get('/api/conversations', { schema: { tags, summary: '我的洽谈：我发起的，以及关于本单位成果、需求的洽谈（side=asker|owner，可按记录筛选）', querystring: conversationQuery, response: { 200: conversationPageDto } } }, async (req) =>
    listConversations(db, signedIn(req).actor, req.query),
  );

  app.post('/api/conversations', { schema: { tags, summary: '我要洽谈：就一项已发布、本人可见的成果或需求给其所属单位留言（同一记录再次留言则加入原洽谈）', body: openConversationBody, response: { 201: openedConversationDto } } }, async (req, reply) =>
    reply.code(201).send(await openConversation(db, signedIn(req), req.body)),
  );

  app.get('/api/conversations/:id', { schema: { tags, summary: '一项洽谈及其全部留言（洽谈双方可见；打开即标为已读）', params: idParams, response: { 200: conversationThreadDto } } }, async (req) =>
    getConversation(db, signedIn(req).actor, req.params.id),
  );

  app.post('/api/conversations/:id/messages', { schema: { tags, summary: '在洽谈中留言：发起人追问，或所属单位负责人答复', params: idParams, body: conversationMessageBody, response: { 201: conversationThreadDto } } }, async (req, reply) =>
    reply.code(201).send(await replyToConversation(db, signedIn(req), req.params.id, req.body.message)),
  );
}
