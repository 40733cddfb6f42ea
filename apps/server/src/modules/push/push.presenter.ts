import type { SubscriptionDto } from '@kzt/shared';
import type { StoredReason } from '../../db/schema/index.ts';
import type { PairFeedback } from '../matching/matching.service.ts';
import type { OutboxRow, PushDetailRow, PushSettingsRow, SubscriptionRow } from './push.repository.ts';

export const recordLink = (type: string, id: string) => `/${type}s/${id}`;

export const presentSubscription = (s: SubscriptionRow) => ({
  id: s.id,
  name: s.name,
  recordType: s.recordType as SubscriptionDto['recordType'],
  keywords: s.keywords,
  industries: s.industries,
  regions: s.regions,
  active: s.active,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

/** What the audit trail keeps of a subscription. */
export const snapshotSubscription = (s: SubscriptionRow) => ({
  name: s.name,
  recordType: s.recordType,
  keywords: s.keywords,
  industries: s.industries,
  regions: s.regions,
  active: s.active,
});

/**
 * One pushed match as its recipient sees it. A push because of a
 * subscription has no score (the engine did not rank it): `score` is null.
 */
export const presentPush = (r: PushDetailRow, feedback: PairFeedback | undefined) => {
  const p = r.push;
  const bySubscription = p.sourceType === 'subscription';
  return {
    id: p.id,
    createdAt: p.createdAt,
    score: bySubscription ? null : p.score,
    reasons: p.reasons as StoredReason[],
    source: { type: p.sourceType, id: p.sourceId, title: r.sourceTitle },
    record: {
      type: p.recordType,
      id: p.recordId,
      title: r.recordTitle ?? '',
      organization: { id: r.organizationId, name: r.organizationName ?? '' },
      link: recordLink(p.recordType, p.recordId),
    },
    feedback: feedback ? { verdict: feedback.verdict, reasonCode: feedback.reasonCode, reason: feedback.reason } : null,
  };
};

/** A person's push settings; the unsubscribe token stays on the server (it travels only in the person's own e-mails). */
export const presentPushSettings = (s: Pick<PushSettingsRow, 'email' | 'sms' | 'dailyLimit' | 'unsubscribedAt'>) => ({
  email: s.email,
  sms: s.sms,
  dailyLimit: s.dailyLimit,
  unsubscribedAt: s.unsubscribedAt,
});

export const presentOutboxMessage = (m: OutboxRow) => ({
  id: m.id,
  userId: m.userId,
  channel: m.channel,
  address: m.address,
  kind: m.kind,
  subject: m.subject,
  body: m.body,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  createdAt: m.createdAt,
  sentAt: m.sentAt,
});
