import type { ChallengeTaskDto, ChallengeTaskListDto, TaskSubmissionDto, Wire } from '@kzt/shared';
import { get, post } from '../../api/client.ts';

/** 研发众包 tasks of a crowdsourcing challenge and their submissions; money in integer fen. */
export type ChallengeTask = Wire<ChallengeTaskDto>;
export type ChallengeTaskList = Wire<ChallengeTaskListDto>;
export type TaskSubmission = Wire<TaskSubmissionDto>;

export type CreateTaskInput = { title: string; description?: string; reward: number; deadline?: string | null; quota?: number };

export const fetchTasks = (id: string, signal?: AbortSignal) => get<ChallengeTaskList>(`/challenges/${id}/tasks`, undefined, signal);
export const createTask = (id: string, body: CreateTaskInput) => post<ChallengeTask>(`/challenges/${id}/tasks`, body);
export const fetchSubmissions = (id: string, taskId: string, signal?: AbortSignal) => get<{ items: TaskSubmission[] }>(`/challenges/${id}/tasks/${taskId}/submissions`, undefined, signal);
export const submitToTask = (id: string, taskId: string, body: { organizationId: string; text: string }) => post<TaskSubmission>(`/challenges/${id}/tasks/${taskId}/submissions`, body);
export const acceptSubmission = (id: string, taskId: string, subId: string, body: { paidOn: string; reference: string; comment?: string }) =>
  post<TaskSubmission>(`/challenges/${id}/tasks/${taskId}/submissions/${subId}/accept`, body);
export const returnSubmission = (id: string, taskId: string, subId: string, reason: string) => post<TaskSubmission>(`/challenges/${id}/tasks/${taskId}/submissions/${subId}/return`, { reason });
