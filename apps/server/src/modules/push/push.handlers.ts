import { onEvent, type PublishedEvent } from '../../platform/events.ts';
import type { Db } from '../../db/client.ts';
import { notify } from '../notifications/notifications.service.ts';
import { achievementPublished, achievementReviewed, demandPublished, demandReviewed, type RecordPublished, type RecordReviewed } from '../catalogue/catalogue.events.ts';
import { accountMessageRequested } from '../accounts/accounts.events.ts';
import { invitationMessageRequested } from '../organizations/organizations.events.ts';
import { emailMembers, queueMessage } from './push.service.ts';
import { scheduleMatchPush } from './push.job.ts';

const NOUN = { achievement: { zh: '科技成果', en: 'achievement' }, demand: { zh: '技术需求', en: 'technology demand' } } as const;

/**
 * The owner is told of the review of their achievement or demand: published
 * (news), or returned with the reviewer's reason (something to do: correct
 * and resubmit). One notice per decision (the event id is the key).
 */
export async function noticeOfReview(db: Db, e: PublishedEvent<RecordReviewed>) {
  const p = e.payload;
  const noun = NOUN[p.recordType];
  const approved = p.decision === 'approve';
  await notify(db, {
    organizationId: p.organizationId,
    kind: `${p.recordType}.${approved ? 'published' : 'returned'}`,
    category: approved ? 'news' : 'action',
    dedupeKey: `${p.recordType}.reviewed:${e.id}`,
    title: approved ? `${noun.zh}「${p.title}」已通过审核并发布` : `${noun.zh}「${p.title}」被退回，请修改后重新提交`,
    body: approved
      ? `${p.jurisdictionName}审核通过${p.reason ? `，意见：${p.reason}` : '。'}`
      : `${p.jurisdictionName}退回原因：${p.reason ?? '（未填写）'}`,
    titleEn: approved ? `Your ${noun.en} “${p.title}” was approved and published` : `Your ${noun.en} “${p.title}” was returned: please correct it and submit again`,
    bodyEn: approved
      ? `Approved by ${p.jurisdictionCode} (${p.jurisdictionName})${p.reason ? `; comment: ${p.reason}` : '.'}`
      : `Returned by ${p.jurisdictionCode} (${p.jurisdictionName}). Reason: ${p.reason ?? '(none given)'}`,
    link: `/${p.recordType}s/${p.recordId}`,
  });
  // And by e-mail to the organisation's members, like other decisions on their records.
  await emailMembers(db, p.organizationId, {
    kind: `${p.recordType}.reviewed`,
    subject: approved ? `科转通：${noun.zh}「${p.title}」已通过审核` : `科转通：${noun.zh}「${p.title}」被退回`,
    body: [
      approved ? `${noun.zh}「${p.title}」已由${p.jurisdictionName}审核通过并发布。` : `${noun.zh}「${p.title}」被${p.jurisdictionName}退回，请修改后重新提交。`,
      ...(p.reason ? [`${approved ? '意见' : '退回原因'}：${p.reason}`] : []),
      `查看：/${p.recordType}s/${p.recordId}`,
    ].join('\n'),
    dedupeKey: `${p.recordType}.reviewed:${e.id}`,
  });
}

/** A published record (or version) is matched against the others a little later, once the replicas have it. */
function matchPublished(db: Db, e: PublishedEvent<RecordPublished>) {
  const p = e.payload;
  return scheduleMatchPush(db, { recordType: p.recordType, recordId: p.recordId, version: p.version, changedAt: new Date(p.changedAt) });
}

/** Messages other modules ask to send by e-mail or SMS go to the outbox, once per event (dedupe key). */
export const pushHandlers = [
  onEvent('push.noticeOfAchievementReview', achievementReviewed, noticeOfReview),
  onEvent('push.noticeOfDemandReview', demandReviewed, noticeOfReview),
  onEvent('push.matchPublishedAchievement', achievementPublished, matchPublished),
  onEvent('push.matchPublishedDemand', demandPublished, matchPublished),
  // A registration code or a sign-in notice is awaited at the screen: delivered before any queued work.
  onEvent(
    'push.accountMessage',
    accountMessageRequested,
    async (db, e) => {
      await queueMessage(db, e.payload);
    },
    { urgent: true },
  ),
  onEvent('push.invitationMessage', invitationMessageRequested, async (db, e) => {
    const p = e.payload;
    await queueMessage(db, { userId: null, channel: p.channel, address: p.address, kind: 'organization.invitation', subject: p.subject, body: p.body, dedupeKey: `invitation:${p.invitationId}:${e.id}` });
  }),
];
