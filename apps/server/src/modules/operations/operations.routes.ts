import { z } from 'zod';
import { jobsPage, jobsQuery, jobView } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { listBackgroundJobs, retryBackgroundJob } from './operations.service.ts';

const tags = ['运维 Operations'];

export function operationsRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/operations/jobs',
    { schema: { tags, summary: '后台任务（平台管理员）：失败或重试中的任务与事件投递，status=failed|retrying|pending|running|done，name 按前缀（event: 为领域事件投递）', querystring: jobsQuery, response: { 200: jobsPage } } },
    async (req) => listBackgroundJobs(db, signedIn(req).actor, req.query),
  );

  app.post(
    '/api/operations/jobs/:id/retry',
    { schema: { tags, summary: '重新执行失败的后台任务（平台管理员）', params: z.object({ id: z.uuid() }), response: { 200: jobView } } },
    async (req) => retryBackgroundJob(db, signedIn(req), req.params.id),
  );
}
