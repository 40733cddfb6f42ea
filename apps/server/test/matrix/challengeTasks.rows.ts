import { challengeRepository } from '../../src/modules/challenges/challenges.repository.ts';
import { taskRepository } from '../../src/modules/challenges/challenges.tasks.repository.ts';
import type { TestApp } from '../testApp.ts';
import { all, type Row, type World } from './types.ts';

const inDays = (d: number) => new Date(Date.now() + d * 86400_000);

/**
 * A published crowdsourcing challenge in 晋中 (140700) with one task, posted
 * by the world's university (`member`, `owner`) or by a third organisation;
 * with a submission of another organisation to the task when asked.
 */
async function crowd(w: World, t: TestApp, opts: { poser?: 'university' | 'third'; submitted?: boolean } = {}) {
  const third = opts.poser === 'third' ? await t.factories.organization(await t.factories.user(), { jurisdictionCode: '140700' }) : null;
  const c = await challengeRepository.insert(t.database.db, {
    scheme: 'crowdsourcing',
    title: '矩阵众包',
    organizationId: third?.id ?? w.universityId,
    organizationName: third?.name ?? '大学',
    postedBy: third?.createdBy ?? w.users.owner.id,
    bountyFen: 10_000_000,
    deadline: inDays(10),
    jurisdictionCode: '140700',
    jurisdictionPath: '140000/140700',
    jurisdictionName: '晋中市',
    criteria: [{ key: 'technical', name: '技术', weightBp: 10_000 }],
    status: 'published',
    publishedAt: new Date(),
  });
  const task = await taskRepository.insertTask(t.database.db, { challengeId: c.id, n: 1, title: '任务', rewardFen: 1_000_000, quota: 1, createdBy: c.postedBy });
  const base = `/api/challenges/${c.id}/tasks/${task.id}/submissions`;
  if (!opts.submitted) return { c, task, base, subId: '' };
  const solver = await t.factories.organization(await t.factories.user(), { jurisdictionCode: '140700' });
  const s = await taskRepository.insertSubmission(t.database.db, { challengeId: c.id, taskId: task.id, organizationId: solver.id, organizationName: solver.name, submittedBy: solver.createdBy, text: '成果' });
  return { c, task, base, subId: s.id };
}

export const challengeTaskRows: Row[] = [
  { route: 'GET /api/challenges/:id/tasks', call: async (w, t) => ({ method: 'GET', url: `/api/challenges/${(await crowd(w, t)).c.id}/tasks` }), expect: all(200) },
  {
    route: 'POST /api/challenges/:id/tasks',
    call: async (w, t) => ({ method: 'POST', url: `/api/challenges/${(await crowd(w, t)).c.id}/tasks`, body: { title: '新任务', reward: 100_000 } }),
    expect: { anonymous: 401, outsider: 403, member: 201, owner: 201, foreignAdmin: 403, localAdmin: 201 },
  },
  { route: 'GET /api/challenges/:id/tasks/:taskId/submissions', call: async (w, t) => ({ method: 'GET', url: (await crowd(w, t, { submitted: true })).base }), expect: all(200) },
  {
    route: 'POST /api/challenges/:id/tasks/:taskId/submissions',
    call: async (w, t) => ({ method: 'POST', url: (await crowd(w, t, { poser: 'third' })).base, body: { organizationId: w.universityId, text: '成果说明' } }),
    expect: { anonymous: 401, outsider: 422, member: 201, owner: 201, foreignAdmin: 422, localAdmin: 422 },
  },
  {
    route: 'POST /api/challenges/:id/tasks/:taskId/submissions/:subId/accept',
    call: async (w, t) => {
      const { base, subId } = await crowd(w, t, { submitted: true });
      return { method: 'POST', url: `${base}/${subId}/accept`, body: { paidOn: '2026-01-05', reference: 'ZF-1' } };
    },
    expect: { anonymous: 401, outsider: 404, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 403 },
  },
  {
    route: 'POST /api/challenges/:id/tasks/:taskId/submissions/:subId/return',
    call: async (w, t) => {
      const { base, subId } = await crowd(w, t, { submitted: true });
      return { method: 'POST', url: `${base}/${subId}/return`, body: { reason: '不符合要求' } };
    },
    expect: { anonymous: 401, outsider: 404, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 403 },
  },
];
