import { z } from 'zod';
import { brokerWorkbenchDto, commissionBody, commissionDto, commissionListDto, entrustmentIdParams, expertWorkbenchDto, followUpBody, followUpDto } from '@kzt/shared';
import { signedIn } from '../../platform/http.ts';
import type { App, Deps } from '../../platform/types.ts';
import { brokerWorkbench, clientCommissions, expertWorkbench, logFollowUp, recordCommission } from './brokerage.service.ts';

const tags = ['工作台 Workbenches'];

/** The broker's and the expert's workbenches, the broker's follow-up log and commissions. */
export function brokerageRoutes(app: App, { db }: Deps) {
  app.get('/api/me/broker-workbench', { schema: { tags, summary: '技术经纪人工作台：档案审核状态、受托交易（含委托方确认状态）、客户、跟进记录、佣金约定', response: { 200: brokerWorkbenchDto } } }, async (req) =>
    brokerWorkbench(db, signedIn(req).actor),
  );

  app.post(
    '/api/broker/entrustments/:entrustmentId/follow-ups',
    { schema: { tags, summary: '记录一笔受托交易的跟进（日期、内容、下一步；审核通过的受托经纪人）', params: entrustmentIdParams, body: followUpBody, response: { 201: followUpDto } } },
    async (req, reply) => reply.code(201).send(await logFollowUp(db, signedIn(req), req.params.entrustmentId, req.body)),
  );

  app.put(
    '/api/broker/entrustments/:entrustmentId/commission',
    { schema: { tags, summary: '记录与委托方约定的佣金（固定金额：分，或比例：基点；委托方单位收到通知）', params: entrustmentIdParams, body: commissionBody, response: { 200: commissionDto } } },
    async (req) => recordCommission(db, signedIn(req), req.params.entrustmentId, req.body),
  );

  app.get(
    '/api/organizations/:id/broker-commissions',
    { schema: { tags, summary: '本单位与技术经纪人约定的佣金（单位成员可见）', params: z.object({ id: z.uuid() }), response: { 200: commissionListDto } } },
    async (req) => clientCommissions(db, signedIn(req).actor, req.params.id),
  );

  app.get('/api/me/expert-workbench', { schema: { tags, summary: '评审专家工作台：档案审核状态、待论证邀请、已提交意见', response: { 200: expertWorkbenchDto } } }, async (req) =>
    expertWorkbench(db, signedIn(req).actor),
  );
}
