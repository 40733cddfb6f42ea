import type { Narrow, PushDto, PushSettingsDto, SubscriptionDto, Wire, WireOf, pushPageDto, subscriptionListDto } from '@kzt/shared';
import { del, get, patch, post, put } from '../../api/client.ts';
import type { MatchSide, MyFeedback } from '../matching/api.ts';

export type Subscription = Wire<SubscriptionDto>;
export type SubscriptionInput = Omit<Subscription, 'id' | 'createdAt' | 'updatedAt'>;

type WirePush = Wire<PushDto>;
/** One record pushed to the person: because of one of their own records (`source.type` demand | achievement) or a subscription. */
export type Push = Narrow<WirePush, { record: Narrow<WirePush['record'], { type: MatchSide }>; feedback: MyFeedback | null }>;

export type PushSettings = Wire<PushSettingsDto>;

export const listSubscriptions = (signal?: AbortSignal) => get<WireOf<typeof subscriptionListDto>>('/subscriptions', undefined, signal);
export const createSubscription = (body: SubscriptionInput) => post<Subscription>('/subscriptions', body);
export const updateSubscription = (id: string, body: Partial<SubscriptionInput>) => patch<Subscription>(`/subscriptions/${encodeURIComponent(id)}`, body);
export const deleteSubscription = (id: string) => del(`/subscriptions/${encodeURIComponent(id)}`);

export const listPushes = (query: { page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<Narrow<WireOf<typeof pushPageDto>, { items: Push[] }>>('/pushes', query, signal);

export const fetchPushSettings = (signal?: AbortSignal) => get<PushSettings>('/push-settings', undefined, signal);
export const savePushSettings = (body: Pick<PushSettings, 'email' | 'sms' | 'dailyLimit'>) => put<PushSettings>('/push-settings', body);
export const unsubscribe = (token: string) => post<unknown>('/push/unsubscribe', { token });

/** The person's own record a push was for, or null for a push by subscription. */
export function pushSource(p: Push): { type: MatchSide; id: string; title: string } | null {
  const { type, id, title } = p.source;
  if (type !== 'demand' && type !== 'achievement') return null;
  return { type: type as MatchSide, id, title: title ?? '' };
}
