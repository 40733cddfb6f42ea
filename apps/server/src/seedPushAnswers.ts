import { and, asc, eq, like } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from './db/client.ts';
import { demands, users } from './db/schema/index.ts';
import { systemContext } from './platform/context.ts';
import { defineJob, scheduleJob } from './platform/jobs.ts';
import { loadActor } from './platform/sessions.ts';
import type { Deps } from './platform/types.ts';
import { giveFeedback } from './modules/matching/matching.service.ts';
import { pushMatches } from './modules/push/push.job.ts';
import { listPushes } from './modules/push/push.service.ts';

/**
 * 匹配回应 of the demo: a few 山西 firms answer the matches pushed to them for
 * their demands ("感兴趣"), through the same service the web's feedback on a
 * pushed match calls, so the statistics count them from its event.
 *
 * Pushes are made by match.push jobs once the app runs (they need its match
 * indexes), so this is a job too, scheduled by the demo seed a little after
 * them. It makes the pushes of the demands it answers for itself (a push is
 * made once per person and record, so the push jobs that follow add nothing
 * twice) and does not depend on the order the runner takes the jobs in.
 */
const DEMANDS = 3;
const ANSWERS_PER_DEMAND = 2;

export const demoPushAnswersJob = defineJob({
  name: 'demo.push-answers',
  version: 1,
  payload: z.object({}),
  run: async (db, _payload, job) => {
    if (!job.deps) throw new Error('demo.push-answers needs the app’s match indexes: give the job runner the app’s deps');
    await answerDemoPushes(db, job.deps);
  },
});

export async function answerDemoPushes(db: Db, deps: Deps) {
  // The first published public demands of 山西's firms, one per firm (晋中 among them).
  const rows = await db
    .select({ id: demands.id, organizationId: demands.organizationId, createdBy: demands.createdBy })
    .from(demands)
    .where(and(eq(demands.status, 'published'), eq(demands.confidentiality, 'public'), like(demands.jurisdictionPath, '140000%')))
    .orderBy(asc(demands.publishedAt), asc(demands.id));
  const chosen = [...new Map(rows.map((r) => [r.organizationId, r])).values()].slice(0, DEMANDS);
  let answered = 0;
  for (const d of chosen) {
    await pushMatches(db, deps, { recordType: 'demand', recordId: d.id });
    const [user] = await db.select().from(users).where(eq(users.id, d.createdBy));
    if (!user) continue;
    const actor = await loadActor(db, user, { tokenHash: 'seed-push-answers', via: 'bearer' });
    const ctx = { ...systemContext('seed-push-answers'), actor };
    const pushes = (await listPushes(db, actor, { page: 1, pageSize: 100 })).items.filter((p) => p.source.type === 'demand' && p.source.id === d.id && !p.feedback);
    for (const p of pushes.slice(0, ANSWERS_PER_DEMAND)) {
      await giveFeedback(deps, ctx, { sourceType: 'demand', sourceId: d.id, targetId: p.record.id, verdict: 'interested' });
      answered++;
    }
  }
  return answered;
}

/** Scheduled by the demo seed: some seconds after the push jobs of the records it published. */
export const scheduleDemoPushAnswers = (db: Executor) => scheduleJob(db, demoPushAnswersJob, { payload: {}, runAt: new Date(Date.now() + 15_000), key: 'demo-push-answers' });
