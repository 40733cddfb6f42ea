import { and, asc, eq, max } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { challengeTasks, challengeTaskSubmissions } from '../../db/schema/index.ts';

export type TaskRow = typeof challengeTasks.$inferSelect;
export type SubmissionRow = typeof challengeTaskSubmissions.$inferSelect;

/** All SQL of the crowdsourcing tasks (研发众包) of a challenge and their submissions. */
export const taskRepository = {
  tasks: (db: Executor, challengeId: string) => db.select().from(challengeTasks).where(eq(challengeTasks.challengeId, challengeId)).orderBy(asc(challengeTasks.n)),

  /** A task of this challenge (undefined when the id names a task of another one). */
  task: async (db: Executor, challengeId: string, taskId: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(challengeTasks).where(and(eq(challengeTasks.challengeId, challengeId), eq(challengeTasks.id, taskId)));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  nextN: async (db: Executor, challengeId: string) => ((await db.select({ n: max(challengeTasks.n) }).from(challengeTasks).where(eq(challengeTasks.challengeId, challengeId)))[0]?.n ?? 0) + 1,

  insertTask: async (db: Executor, row: typeof challengeTasks.$inferInsert) => (await db.insert(challengeTasks).values(row).returning())[0]!,

  submissions: (db: Executor, challengeId: string) =>
    db.select().from(challengeTaskSubmissions).where(eq(challengeTaskSubmissions.challengeId, challengeId)).orderBy(asc(challengeTaskSubmissions.createdAt), asc(challengeTaskSubmissions.id)),

  submission: async (db: Executor, taskId: string, subId: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(challengeTaskSubmissions).where(and(eq(challengeTaskSubmissions.taskId, taskId), eq(challengeTaskSubmissions.id, subId)));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  insertSubmission: async (db: Executor, row: typeof challengeTaskSubmissions.$inferInsert) => (await db.insert(challengeTaskSubmissions).values(row).returning())[0]!,

  updateSubmission: async (db: Executor, id: string, set: Partial<typeof challengeTaskSubmissions.$inferInsert>) =>
    (await db.update(challengeTaskSubmissions).set(set).where(eq(challengeTaskSubmissions.id, id)).returning())[0]!,
};
