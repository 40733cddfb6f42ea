import { z } from 'zod';
import { shanghaiToday } from '@kzt/shared';
import type { Db, Tx } from '../../db/client.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { userContacts } from '../accounts/accounts.service.ts';
import { recordLink } from './push.presenter.ts';
import { pushRepository, type PushDetailRow } from './push.repository.ts';
import { DEFAULT_PUSH_SETTINGS, ensurePushSettings, withOrganizationNames } from './push.service.ts';

const TYPE_ZH: Record<string, string> = { achievement: '科技成果', demand: '技术需求' };
/** An SMS of at most this many characters is sent as one message. */
export const SMS_MAX_CHARS = 70;

const chars = (s: string) => [...s].length;
const cut = (s: string, max: number) => (chars(s) <= max ? s : `${[...s].slice(0, Math.max(0, max - 1)).join('')}…`);

export const unsubscribeLink = (token: string) => `/unsubscribe?token=${encodeURIComponent(token)}`;

function why(p: PushDetailRow) {
  if (p.push.sourceType === 'subscription') return p.sourceTitle ? `符合您的订阅「${p.sourceTitle}」` : '符合您的订阅（已删除）';
  return `匹配度 ${p.push.score}，与本单位的${TYPE_ZH[p.push.sourceType]}「${p.sourceTitle ?? ''}」匹配`;
}

/** The e-mail of a digest: at most `limit` matches (newest first), the rest counted, and the unsubscribe link. */
export function digestEmail(name: string, shown: PushDetailRow[], limit: number, token: string) {
  const listed = shown.slice(0, limit);
  const rest = shown.length - listed.length;
  const lines = [
    `${name}，您好：`,
    '',
    `科转通为您找到 ${shown.length} 条新的匹配${rest ? `，以下是其中 ${listed.length} 条` : ''}：`,
    '',
    ...listed.flatMap((p, i) => [
      `${i + 1}. 【${TYPE_ZH[p.push.recordType]}】${p.recordTitle ?? ''}（${p.organizationName ?? ''}）`,
      `   ${why(p)}`,
      `   ${recordLink(p.push.recordType, p.push.recordId)}`,
    ]),
    ...(rest ? ['', `另有 ${rest} 条匹配，请登录科转通查看全部推送。`] : []),
    '',
    `不想再收到匹配推送的邮件和短信？退订：${unsubscribeLink(token)}`,
  ];
  return { subject: `科转通：${shown.length} 条新的技术匹配`, body: lines.join('\n') };
}

/** The SMS of a digest: the count and the newest match's title, cut so the whole fits one message. */
export function digestSms(shown: PushDetailRow[]) {
  const head = `【科转通】您有${shown.length}条新匹配，如「`;
  const tail = '」，请登录科转通查看。';
  return `${head}${cut(shown[0]?.recordTitle ?? '', SMS_MAX_CHARS - chars(head) - chars(tail))}${tail}`;
}

/**
 * One person's digest of the day: an e-mail (and an SMS if chosen) listing
 * the pushes not yet digested whose records are still shown, and all of
 * them marked digested — unless today's message was already written, in
 * which case they wait for tomorrow's.
 */
async function digestFor(tx: Tx, userId: string, day: string, now: Date) {
  const pushes = await withOrganizationNames(tx, await pushRepository.undigestedOf(tx, userId));
  if (!pushes.length) return 0;
  const shown = pushes.filter((p) => p.visible);
  const contact = (await userContacts(tx, [userId])).get(userId);
  const active = contact?.status === 'active';
  const current = (await pushRepository.settings(tx, userId)) ?? DEFAULT_PUSH_SETTINGS;
  const open = active && shown.length > 0 && !current.unsubscribedAt;
  const email = open && current.email && !!contact?.email;
  const sms = open && current.sms && !!contact?.phone;
  const rows = [];
  if (email) {
    const settings = await ensurePushSettings(tx, userId);
    const { subject, body } = digestEmail(contact!.name, shown, settings.dailyLimit, settings.unsubscribeToken);
    rows.push({ userId, channel: 'email', address: contact!.email!, kind: 'match.digest', subject, body, dedupeKey: `digest:${userId}:${day}` });
  }
  if (sms) rows.push({ userId, channel: 'sms', address: contact!.phone!, kind: 'match.digest', body: digestSms(shown), dedupeKey: `digest:${userId}:${day}:sms` });
  const written = await pushRepository.insertOutbox(tx, rows);
  if (rows.length && !written.length) return 0;
  await pushRepository.markDigested(
    tx,
    pushes.map((p) => p.push.id),
    now,
  );
  return written.length;
}

/** The daily digest (each person in a transaction of their own): how many people were covered and how many messages written. */
export async function sendDigests(db: Db, now = new Date()) {
  const day = shanghaiToday(now);
  let people = 0;
  let messages = 0;
  for (const userId of await pushRepository.undigestedUsers(db)) {
    const written = await db.transaction((tx) => digestFor(tx, userId, day, now));
    people++;
    messages += written;
  }
  return { people, messages };
}

/** 08:00 Asia/Shanghai: today's if still ahead, else tomorrow's. */
export function nextDigestAt(now: Date): Date {
  const next = new Date(`${shanghaiToday(now)}T08:00:00+08:00`);
  return next > now ? next : new Date(next.getTime() + 86400_000);
}

export const matchDigestJob = defineJob({
  name: 'match.digest',
  version: 1,
  payload: z.object({}),
  run: async (db) => {
    await sendDigests(db);
    await scheduleMatchDigest(db);
  },
});

/** Ensures the next daily digest is scheduled (one per day, by key). */
export async function scheduleMatchDigest(db: Db, now = new Date()) {
  const at = nextDigestAt(now);
  await scheduleJob(db, matchDigestJob, { payload: {}, runAt: at, key: `match.digest:${shanghaiToday(at)}` });
}
