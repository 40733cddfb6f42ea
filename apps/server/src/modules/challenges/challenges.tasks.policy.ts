import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import type { ChallengeRow } from './challenges.repository.ts';
import { isPublic, type ChallengeRoles } from './challenges.policy.ts';
import type { SubmissionRow, TaskRow } from './challenges.tasks.repository.ts';

/** A crowdsourcing challenge as its task policy sees it: the caller's standing, the tasks and every submission, and the time. */
export type TaskView = { actor: Actor | null; c: ChallengeRow; roles: ChallengeRoles; tasks: TaskRow[]; submissions: SubmissionRow[]; now: Date };

/** When a task stops taking submissions: its own deadline, or the challenge's. */
export const taskDeadline = (c: Pick<ChallengeRow, 'deadline'>, t: Pick<TaskRow, 'deadline'>) => t.deadline ?? c.deadline;

/** Fen the tasks may cost: each reward times the submissions it may accept. */
export const committedOf = (tasks: Pick<TaskRow, 'rewardFen' | 'quota'>[]) => tasks.reduce((s, t) => s + t.rewardFen * t.quota, 0);

const acceptedOf = (v: TaskView, t: TaskRow) => v.submissions.filter((s) => s.taskId === t.id && s.status === 'accepted').length;

/** The task takes submissions: the challenge is published, the deadline not passed, places left. */
export const taskOpen = (v: TaskView, t: TaskRow) => v.c.status === 'published' && taskDeadline(v.c, t).getTime() > v.now.getTime() && acceptedOf(v, t) < t.quota;

/** The caller's verified organisations that may submit to the task now: not the poser's, none with a submission pending or accepted. */
export function submittersFor(v: TaskView, t: TaskRow) {
  if (!v.actor || !taskOpen(v, t)) return [];
  return v.actor.memberships.filter(
    (m) => m.organizationStatus === 'verified' && m.organizationId !== v.c.organizationId && !v.submissions.some((s) => s.taskId === t.id && s.organizationId === m.organizationId && s.status !== 'returned'),
  );
}

export function tasksPolicy(v: TaskView) {
  const { roles: r, c, actor } = v;
  const own = (s: Pick<SubmissionRow, 'organizationId'>) => !!actor && !!membershipIn(actor, s.organizationId);
  const seeAll = r.poser || r.admin;
  return {
    read: isPublic(c) || r.poser || r.admin || r.panel || r.ownBids.length > 0,
    /** The poser or an administrator defines tasks while the challenge is in review or open, before its deadline. */
    defineTasks: (r.poser || r.admin) && c.scheme === 'crowdsourcing' && (c.status === 'pending_review' || c.status === 'published') && c.deadline.getTime() > v.now.getTime(),
    seeAll,
    /** A submission: the poser and administrators see all; the submitter its own; everyone the accepted ones where the poser made results public. */
    seeSubmission: (s: Pick<SubmissionRow, 'organizationId' | 'status'>) => seeAll || own(s) || (s.status === 'accepted' && c.resultsPublic && isPublic(c)),
    /** The poser decides on submissions while the challenge is live (published, in notice, awarded). */
    decide: r.poser && (c.status === 'published' || c.status === 'notice' || c.status === 'awarded'),
  };
}
