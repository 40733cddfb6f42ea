import type { BrokerWorkbench, CommissionBody, commissionListDto, ExpertWorkbench, FollowUpBody, ProfileReviewDto, ProfileStatus } from '@kzt/shared';
import { get, post, put, type Paged } from '../../api/client.ts';

/** Dates and instants arrive as strings over JSON. */
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type BrokerWorkbenchData = Json<BrokerWorkbench>;
export type BrokerDeal = BrokerWorkbenchData['deals'][number];
export type ExpertWorkbenchData = Json<ExpertWorkbench>;
export type ExpertTask = ExpertWorkbenchData['due'][number];
export type ProfileReview = Json<ProfileReviewDto>;
export type ClientCommission = Json<import('zod').infer<typeof commissionListDto>>['items'][number];

export const brokerWorkbench = (signal?: AbortSignal) => get<BrokerWorkbenchData>('/me/broker-workbench', undefined, signal);
export const expertWorkbench = (signal?: AbortSignal) => get<ExpertWorkbenchData>('/me/expert-workbench', undefined, signal);
export const logFollowUp = (entrustmentId: string, body: Partial<FollowUpBody>) => post(`/broker/entrustments/${encodeURIComponent(entrustmentId)}/follow-ups`, body);
export const recordCommission = (entrustmentId: string, body: Partial<CommissionBody>) => put(`/broker/entrustments/${encodeURIComponent(entrustmentId)}/commission`, body);

export const clientCommissions = (orgId: string, signal?: AbortSignal) => get<{ items: ClientCommission[] }>(`/organizations/${encodeURIComponent(orgId)}/broker-commissions`, undefined, signal);

export const profileReviews = (q: { status: ProfileStatus; page: number; pageSize: number }, signal?: AbortSignal) => get<Paged<ProfileReview>>('/profiles/reviews', q, signal);
export const reviewProfile = (userId: string, kind: 'broker' | 'expert', body: { decision: 'approve' | 'reject'; reason?: string }) =>
  post<ProfileReview>(`/profiles/${encodeURIComponent(userId)}/${kind}/review`, body);

/**
 * 元 typed as text → whole fen, exactly (no rounding, no clamping): null when
 * it is not a non-negative amount with at most two decimals.
 */
export function yuanTextToFen(text: string): number | null {
  const m = /^\s*(\d{1,13})(?:\.(\d{1,2}))?\s*$/.exec(text.replace(/,/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Percent typed as text (e.g. 3 or 2.5) → basis points, exactly; null when it has more than two decimals. */
export function percentTextToBp(text: string): number | null {
  const m = /^\s*(\d{1,5})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
