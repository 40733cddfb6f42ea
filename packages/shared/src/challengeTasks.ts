import { z } from 'zod';
import { dateSchema } from './catalogueSchemas.ts';
import { MONEY_MAX_FEN } from './tradingMoney.ts';

/**
 * 研发众包 tasks: a crowdsourcing challenge holds many small tasks, each with
 * its reward (fen) paid to every accepted submission up to its quota. What the
 * tasks may cost together (reward × quota, summed) never exceeds the
 * challenge's bounty; a task over it is refused, never clamped.
 */

export const TASK_SUBMISSION_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type TaskSubmissionStatus = (typeof TASK_SUBMISSION_STATUSES)[number];
/** Accepted submissions a task takes when its poser names no quota. */
export const DEFAULT_TASK_QUOTA = 1;
export const MAX_TASK_QUOTA = 100;

const text = (max: number) => z.string().trim().min(1, { message: 'err.required' }).max(max);
const reward = z.number({ message: 'err.money' }).int({ message: 'err.money' }).min(1, { message: 'err.money.range' }).max(MONEY_MAX_FEN, { message: 'err.money.range' });

/** One task as the poser defines it, when posting or later while the challenge is open. */
export const challengeTaskBody = z.object({
  title: text(200),
  description: z.string().trim().max(5000).default(''),
  /** Fen paid for each accepted submission. */
  reward,
  /** Submissions are taken until this instant (ISO 8601 with an offset; default and at most the challenge's deadline). */
  deadline: z.iso.datetime({ offset: true, message: 'err.datetime' }).nullable().default(null),
  /** How many submissions may be accepted (and paid); default 1. */
  quota: z.number().int().min(1).max(MAX_TASK_QUOTA).default(DEFAULT_TASK_QUOTA),
});
export type ChallengeTaskBody = z.infer<typeof challengeTaskBody>;

export const challengeTaskParams = z.object({ id: z.uuid(), taskId: z.uuid() });
export const taskSubmissionParams = challengeTaskParams.extend({ subId: z.uuid() });

/** An open submission to a task, for a verified organisation of the caller's (not the poser's). */
export const taskSubmissionBody = z.object({ organizationId: z.uuid(), text: text(10_000) });

/** Acceptance records the reward as paid by the poser: the day (not in the future) and the payment reference. */
export const taskAcceptBody = z.object({ paidOn: dateSchema, reference: text(100), comment: z.string().trim().max(2000).default('') });
export const taskReturnBody = z.object({ reason: text(2000) });

// ---- responses

const instantOut = z.union([z.date(), z.string()]);

export const taskSubmissionDto = z.object({
  id: z.string(),
  taskId: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  text: z.string(),
  status: z.enum(TASK_SUBMISSION_STATUSES),
  submittedAt: instantOut,
  decidedAt: instantOut.nullable(),
  /** The poser's comment on acceptance, or the reason it was returned. */
  decisionNote: z.string().nullable(),
  /** The reward recorded as paid (poser, administrators and the submitter only; null for others). */
  payment: z.object({ amount: z.number().int(), paidOn: z.string(), reference: z.string() }).nullable(),
  mine: z.boolean(),
  allowedActions: z.array(z.string()),
});
export type TaskSubmissionDto = z.infer<typeof taskSubmissionDto>;
export const taskSubmissionListDto = z.object({ items: z.array(taskSubmissionDto) });

export const challengeTaskDto = z.object({
  id: z.string(),
  challengeId: z.string(),
  n: z.number().int(),
  title: z.string(),
  description: z.string(),
  reward: z.number().int(),
  /** When submissions close: the task's own deadline or the challenge's. */
  deadline: instantOut,
  quota: z.number().int(),
  accepted: z.number().int(),
  /** Submissions the caller sees (all for the poser and administrators). */
  submissions: z.number().int(),
  open: z.boolean(),
  /** The caller's organisations that may submit now. */
  submitAs: z.array(z.object({ id: z.string(), name: z.string() })),
  allowedActions: z.array(z.string()),
});
export type ChallengeTaskDto = z.infer<typeof challengeTaskDto>;

export const challengeTaskListDto = z.object({
  items: z.array(challengeTaskDto),
  /** Fen: the challenge's bounty, what the tasks may cost (reward × quota), what they have paid, and what is left to define tasks with. */
  budget: z.object({ bounty: z.number().int().nullable(), committed: z.number().int(), paid: z.number().int(), remaining: z.number().int() }),
  resultsPublic: z.boolean(),
  allowedActions: z.array(z.string()),
});
export type ChallengeTaskListDto = z.infer<typeof challengeTaskListDto>;
