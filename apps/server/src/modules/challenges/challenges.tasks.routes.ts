import { z } from 'zod';
import { challengeTaskBody, challengeTaskDto, challengeTaskListDto, challengeTaskParams, taskAcceptBody, taskReturnBody, taskSubmissionBody, taskSubmissionDto, taskSubmissionListDto, taskSubmissionParams } from '@kzt/shared';
import { contextOf, signedIn } from '../../platform/http.ts';
import type { App, Deps } from '../../platform/types.ts';
import { acceptSubmission, createTask, listSubmissions, listTasks, returnSubmission, submitToTask } from './challenges.tasks.service.ts';

const tags = ['揭榜挂帅 Challenges'];
const idParams = z.object({ id: z.uuid() });

/** Routes of 研发众包 tasks: the poser's tasks, open submissions, and the poser's acceptance (reward recorded as paid) or return. */
export function challengeTaskRoutes(app: App, { db }: Deps) {
  app.get('/api/challenges/:id/tasks', { config: { public: true }, schema: { tags, summary: '研发众包任务（可见榜单者；含奖励合计与榜单金额）', params: idParams, response: { 200: challengeTaskListDto } } }, async (req) =>
    listTasks(db, contextOf(req).actor, req.params.id),
  );

  app.post('/api/challenges/:id/tasks', { schema: { tags, summary: '新增众包任务（发榜方或辖区管理员；审核中或发布中、截止前；奖励 × 名额之和不超过榜单金额）', params: idParams, body: challengeTaskBody, response: { 201: challengeTaskDto } } }, async (req, reply) =>
    reply.code(201).send(await createTask(db, signedIn(req), req.params.id, req.body)),
  );

  app.get('/api/challenges/:id/tasks/:taskId/submissions', { config: { public: true }, schema: { tags, summary: '众包任务的成果（发榜方与管理员看全部，提交单位看自己的；公开成果的榜单公众可看已验收的）', params: challengeTaskParams, response: { 200: taskSubmissionListDto } } }, async (req) =>
    listSubmissions(db, contextOf(req).actor, req.params.id, req.params.taskId),
  );

  app.post('/api/challenges/:id/tasks/:taskId/submissions', { schema: { tags, summary: '提交众包成果（已认证单位，非发榜单位；任务截止前、名额未满）', params: challengeTaskParams, body: taskSubmissionBody, response: { 201: taskSubmissionDto } } }, async (req, reply) =>
    reply.code(201).send(await submitToTask(db, signedIn(req), req.params.id, req.params.taskId, req.body)),
  );

  app.post('/api/challenges/:id/tasks/:taskId/submissions/:subId/accept', { schema: { tags, summary: '验收众包成果（发榜方；记录已支付任务奖励的日期与凭证号；发布 challenge.accepted）', params: taskSubmissionParams, body: taskAcceptBody, response: { 200: taskSubmissionDto } } }, async (req) =>
    acceptSubmission(db, signedIn(req), req.params.id, req.params.taskId, req.params.subId, req.body),
  );

  app.post('/api/challenges/:id/tasks/:taskId/submissions/:subId/return', { schema: { tags, summary: '退回众包成果（发榜方，须说明原因）', params: taskSubmissionParams, body: taskReturnBody, response: { 200: taskSubmissionDto } } }, async (req) =>
    returnSubmission(db, signedIn(req), req.params.id, req.params.taskId, req.params.subId, req.body),
  );
}
