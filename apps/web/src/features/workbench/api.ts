import type { BrokerWorkbench, CommissionBody, commissionListDto, ExpertWorkbench, FollowUpBody, ProfileReviewDto, ProfileStatus, Wire, WireOf, profileReviewListDto } from '@kzt/shared';
import { get, post, put } from '../../api/client.ts';

// Dates and instants arrive as strings over JSON (Wire).
export type BrokerWorkbenchData = Wire<BrokerWorkbench>;
export type BrokerDeal = BrokerWorkbenchData['deals'][number];
export type ExpertWorkbenchData = Wire<ExpertWorkbench>;
export type ExpertTask = ExpertWorkbenchData['due'][number];
export type ProfileReview = Wire<ProfileReviewDto>;
export type ClientCommission = WireOf<typeof commissionListDto>['items'][number];

export const brokerWorkbench = (signal?: AbortSignal) => get<BrokerWorkbenchData>('/me/broker-workbench', undefined, signal);
export const expertWorkbench = (signal?: AbortSignal) => get<ExpertWorkbenchData>('/me/expert-workbench', undefined, signal);
export const logFollowUp = (entrustmentId: string, body: Partial<FollowUpBody>) => post(`/broker/entrustments/${encodeURIComponent(entrustmentId)}/follow-ups`, body);
export const recordCommission = (entrustmentId: string, body: Partial<CommissionBody>) => put(`/broker/entrustments/${encodeURIComponent(entrustmentId)}/commission`, body);

export const clientCommissions = (orgId: string, signal?: AbortSignal) => get<WireOf<typeof commissionListDto>>(`/organizations/${encodeURIComponent(orgId)}/broker-commissions`, undefined, signal);

export const profileReviews = (q: { status: ProfileStatus; page: number; pageSize: number }, signal?: AbortSignal) => get<WireOf<typeof profileReviewListDto>>('/profiles/reviews', q, signal);
export const reviewProfile = (userId: string, kind: 'broker' | 'expert', body: { decision: 'approve' | 'reject'; reason?: string }) =>
  post<ProfileReview>(`/profiles/${encodeURIComponent(userId)}/${kind}/review`, body);

