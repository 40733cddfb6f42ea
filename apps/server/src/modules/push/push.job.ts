import { z } from 'zod';
import { INDUSTRY_SECTIONS, type IndustrySection } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { StoredReason } from '../../db/schema/index.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { normalizeText } from '../../platform/text.ts';
import type { Deps } from '../../platform/types.ts';
import { matchRecord, presentReasons } from '../matching/matching.service.ts';
import type { MatchHit } from '../matching/matching.engine.ts';
import { organizationViewerFor } from '../catalogue/catalogue.service.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { recordLink } from './push.presenter.ts';
import { matchesPushed } from './push.events.ts';
import { publish } from '../../platform/events.ts';
import { shanghaiToday } from '@kzt/shared';
import { jurisdictionNames } from '../jurisdictions/jurisdictions.service.ts';
import { activeMembersOf } from '../organizations/organizations.service.ts';
import { userContacts } from '../accounts/accounts.service.ts';
import { achievementHeads, achievementsByIds } from '../achievements/achievements.service.ts';
import { demandHeads, demandsByIds } from '../demands/demands.service.ts';
import type { RecordHead } from '../../db/recordSearch.ts';
import { pushRepository, type PushInsert, type SubscriptionRow } from './push.repository.ts';
import { PUSH_MATCH_LIMIT, PUSH_MIN_SCORE, PUSH_RECORD_TYPES, type PushRecordType } from './push.schemas.ts';

export const matchPushPayload = z.object({ recordType: z.enum(PUSH_RECORD_TYPES), recordId: z.uuid() });
export type MatchPushPayload = z.infer<typeof matchPushPayload>;

const TYPE_ZH: Record<string, string> = { achievement: '科技成果', demand: '技术需求' };
const otherSide = (t: PushRecordType): PushRecordType => (t === 'achievement' ? 'demand' : 'achievement');

/** A record with what pushes need of it: owner, visibility, and the text subscriptions are matched against (its module reads it). */
async function recordOf(db: Executor, type: PushRecordType, id: string) {
  if (type === 'achievement') {
    const [r] = await achievementsByIds(db, [id]);
    return r && { ...headOf(r), text: r.summary };
  }
  const [r] = await demandsByIds(db, [id]);
  return r && { ...headOf(r), text: r.description };
}
const headOf = (r: RecordHead) => ({
  id: r.id,
  title: r.title,
  organizationId: r.organizationId,
  status: r.status,
  confidentiality: r.confidentiality,
  jurisdictionPath: r.jurisdictionPath,
  industry: r.industry,
  keywords: r.keywords,
});

type NewRecord = NonNullable<Awaited<ReturnType<typeof recordOf>>>;

/** Published records of one kind by id, from their module. */
const publishedRecords = (db: Executor, type: PushRecordType, ids: string[]) =>
  type === 'achievement' ? achievementHeads(db, ids, { published: true }) : demandHeads(db, ids, { published: true });

/** Of these subscriptions, those of people whose accounts are active. */
async function activeSubscriptions(db: Executor, subscriptions: SubscriptionRow[]) {
  const people = await userContacts(db, subscriptions.map((s) => s.userId));
  return subscriptions.filter((s) => people.get(s.userId)?.status === 'active');
}

/**
 * For one record: the keywords of a subscription found in its normalised
 * title, keywords and summary (or description) — traditional = simplified,
 * full-width = half-width. The record's text and each keyword are normalised once.
 */
export function keywordFinder(record: Pick<NewRecord, 'title' | 'keywords' | 'text'>) {
  const haystack = normalizeText([record.title, ...record.keywords, record.text].join(' '));
  const normalized = new Map<string, string>();
  return (keywords: string[]) =>
    keywords.filter((k) => {
      let needle = normalized.get(k);
      if (needle === undefined) normalized.set(k, (needle = normalizeText(k)));
      return needle.length > 0 && haystack.includes(needle);
    });
}

/** Why a record fits a subscription, in the words of a push (the caller checked industries and regions in SQL). */
function subscriptionReasons(s: SubscriptionRow, record: NewRecord, found: string[], regionNames: Map<string, string>): StoredReason[] {
  const reasons: StoredReason[] = [];
  if (found.length) reasons.push({ kind: 'terms', text: `订阅关键词：${found.join('、')}`, terms: found });
  if (s.industries.length) reasons.push({ kind: 'industry', text: `订阅行业：${INDUSTRY_SECTIONS[record.industry as IndustrySection]?.zh ?? record.industry}` });
  const codes = record.jurisdictionPath.split('/');
  const region = s.regions.find((c) => codes.includes(c));
  if (region) reasons.push({ kind: 'region', text: `订阅地区：${regionNames.get(region) ?? region}` });
  return reasons;
}

/**
 * Pushes a newly published (or changed) record's good matches (score ≥ 60)
 * both ways — the record to the members of each matching record's
 * organisation, and each matching record to the members of the new record's
 * organisation — and the record to the people whose active subscriptions it
 * fits. Never a person's own organisation's record, never a secret record to
 * anyone else, never the same record to the same person twice; each new
 * push is an in-app notification at once (the e-mail comes with the digest).
 */
export async function pushMatches(db: Db, deps: Pick<Deps, 'db' | 'matching'>, p: MatchPushPayload) {
  await deps.matching.catchUp();
  const record = await recordOf(db, p.recordType, p.recordId);
  if (!record || record.status !== 'published') return { pushed: 0 };
  const secret = record.confidentiality === 'secret';
  const otherType = otherSide(p.recordType);

  // Each side is told what it may see (catalogue.visibility.ts). The record's own organisation gets the
  // matching records as it sees them (an abstract one's modes, price and budget unknown unless granted);
  // the other organisations get the record as an outsider sees it: an abstract record asks without its
  // hidden keywords, modes, price and budget, so no score or reason (共同关键词) rests on them.
  const source = { type: p.recordType, id: p.recordId };
  const [ownRun, theirRun] = await Promise.all([
    matchRecord(deps, source, { limit: PUSH_MATCH_LIMIT, viewer: await organizationViewerFor(db, record.organizationId, otherType) }),
    secret ? { hits: [] } : matchRecord(deps, source, { limit: PUSH_MATCH_LIMIT, open: record.confidentiality !== 'public' }),
  ]);
  const good = (hits: MatchHit[]) => hits.filter((h) => h.score >= PUSH_MIN_SCORE && !h.doc.secret && h.doc.organizationId !== record.organizationId);
  const [forOwn, forTheirs] = [good(ownRun.hits), good(theirRun.hits)];
  // The database has the last word on what is published and secret (the index may lag a change).
  const others = new Map((await publishedRecords(db, otherType, [...new Set([...forOwn, ...forTheirs].map((h) => h.id))])).map((r) => [r.id, r]));
  const matched = (hits: MatchHit[]) =>
    hits.flatMap((h) => {
      const other = others.get(h.id);
      return other && other.confidentiality !== 'secret' ? [{ hit: h, other }] : [];
    });
  const [ownMatches, theirMatches] = [matched(forOwn), matched(forTheirs)];
  const matches = [...new Map([...ownMatches, ...theirMatches].map((x) => [x.other.id, x])).values()];

  const pathCodes = record.jurisdictionPath.split('/');
  // Subscribers are outsiders: an abstract record's hidden keywords are not searched for theirs (nor named in 订阅关键词).
  const keywordsFound = keywordFinder({ ...record, keywords: record.confidentiality === 'public' ? record.keywords : [] });
  const subscriptions = secret
    ? []
    : (await activeSubscriptions(db, await pushRepository.fittingSubscriptions(db, p.recordType, record.industry, pathCodes))).flatMap((s) => {
        const found = keywordsFound(s.keywords);
        return s.keywords.length && !found.length ? [] : [{ s, found }];
      });
  const regionNames = await jurisdictionNames(db, [...new Set(subscriptions.flatMap(({ s }) => s.regions))]);

  const members = new Map<string, Set<string>>();
  for (const m of await activeMembersOf(db, [...new Set([record.organizationId, ...matches.map((x) => x.other.organizationId)])])) {
    members.set(m.organizationId, (members.get(m.organizationId) ?? new Set()).add(m.userId));
  }
  const membersOf = (orgId: string) => members.get(orgId) ?? new Set<string>();
  const ownSide = membersOf(record.organizationId);

  // A person is told of a record once: the best-scoring source of the first run that finds it wins.
  const already = await pushRepository.pushedPairs(db, [record.id, ...matches.map((x) => x.other.id)]);
  const planned = new Map<string, PushInsert & { title: string; sourceTitle: string }>();
  const plan = (row: PushInsert & { title: string; sourceTitle: string }) => {
    const key = `${row.userId}:${row.recordId}`;
    if (already.has(key)) return;
    const before = planned.get(key);
    if (!before || before.score < row.score) planned.set(key, row);
  };
  for (const { hit, other } of theirMatches) {
    const theirs = membersOf(other.organizationId);
    const reasons = presentReasons(hit.reasons, 'zh', record.confidentiality === 'abstract');
    for (const userId of theirs) {
      if (ownSide.has(userId)) continue;
      plan({ userId, sourceType: otherType, sourceId: other.id, recordType: p.recordType, recordId: record.id, score: hit.score, reasons, title: record.title, sourceTitle: other.title });
    }
  }
  for (const { hit, other } of ownMatches) {
    const theirs = membersOf(other.organizationId);
    const reasons = presentReasons(hit.reasons, 'zh', other.confidentiality === 'abstract');
    for (const userId of ownSide) {
      if (theirs.has(userId)) continue;
      plan({ userId, sourceType: p.recordType, sourceId: record.id, recordType: otherType, recordId: other.id, score: hit.score, reasons, title: other.title, sourceTitle: record.title });
    }
  }
  for (const { s, found } of subscriptions) {
    if (ownSide.has(s.userId) || planned.has(`${s.userId}:${record.id}`)) continue; // told of it already because of their own record
    // A subscription's push is not ranked by the engine: it has no score (0).
    plan({ userId: s.userId, sourceType: 'subscription', sourceId: s.id, recordType: p.recordType, recordId: record.id, score: 0, reasons: subscriptionReasons(s, record, found, regionNames), title: record.title, sourceTitle: s.name });
  }

  const rows = [...planned.values()];
  const pushed = await db.transaction(async (tx) => {
    const inserted = await pushRepository.insertPushes(
      tx,
      rows.map(({ title: _t, sourceTitle: _s, ...row }) => row),
    );
    const byKey = new Map(rows.map((r) => [`${r.userId}:${r.sourceId}:${r.recordId}`, r]));
    await notifyMany(tx, matchNotices(inserted.map((push) => ({ push, ...byKey.get(`${push.userId}:${push.sourceId}:${push.recordId}`)! }))));
    if (inserted.length)
      await publish(tx, matchesPushed, {
        recordType: p.recordType,
        recordId: record.id,
        title: record.title,
        jurisdictionCode: record.jurisdictionPath.split('/').at(-1)!,
        industry: record.industry,
        date: shanghaiToday(),
        pushes: inserted.map((x) => ({ pushId: x.id, recordType: x.recordType, sourceType: x.sourceType })),
      });
    return inserted.length;
  });
  return { pushed };
}

type Pushed = { push: { id: string; userId: string; sourceType: string; sourceId: string; recordType: string; recordId: string; score: number }; title: string; sourceTitle: string };

const TYPE_EN: Record<string, string> = { achievement: 'achievement', demand: 'demand' };

/**
 * The notices of one run: a record found for a person is one notice; when a person's own record (just published)
 * finds several at once, they are one notice naming the best three and linking to the record's matches — not a
 * notice per match burying the person's to-dos.
 */
function matchNotices(pushed: Pushed[]) {
  const groups = new Map<string, Pushed[]>();
  for (const p of pushed) {
    const key = p.push.sourceType === 'subscription' ? `one:${p.push.id}` : `${p.push.userId}:${p.push.sourceType}:${p.push.sourceId}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group as [Pushed, ...Pushed[]];
    const { push } = first;
    if (group.length === 1)
      return {
        userId: push.userId,
        kind: 'match',
        dedupeKey: `match:${push.id}`,
        title: `新匹配：${TYPE_ZH[push.recordType]}「${first.title}」`,
        titleEn: `New match: ${TYPE_EN[push.recordType]} “${first.title}”`,
        body: push.sourceType === 'subscription' ? `符合您的订阅「${first.sourceTitle}」` : `与本单位的${TYPE_ZH[push.sourceType]}「${first.sourceTitle}」匹配度 ${push.score}`,
        bodyEn: push.sourceType === 'subscription' ? `Fits your subscription “${first.sourceTitle}”` : `Fits your ${TYPE_EN[push.sourceType]} “${first.sourceTitle}” (score ${push.score})`,
        link: recordLink(push.recordType, push.recordId),
      };
    const best = [...group].sort((a, b) => b.push.score - a.push.score || a.title.localeCompare(b.title));
    const named = best.slice(0, 3);
    return {
      userId: push.userId,
      kind: 'match',
      dedupeKey: `match:${best.map((p) => p.push.id).sort()[0]}`,
      title: `新匹配：本单位的${TYPE_ZH[push.sourceType]}「${first.sourceTitle}」匹配到 ${group.length} 项${TYPE_ZH[push.recordType]}`,
      titleEn: `New matches: your ${TYPE_EN[push.sourceType]} “${first.sourceTitle}” fits ${group.length} ${TYPE_EN[push.recordType]}s`,
      body: `${named.map((p) => `「${p.title}」匹配度 ${p.push.score}`).join('；')}${group.length > named.length ? `；另有 ${group.length - named.length} 项` : ''}`,
      bodyEn: `${named.map((p) => `“${p.title}” (${p.push.score})`).join('; ')}${group.length > named.length ? `; ${group.length - named.length} more` : ''}`,
      link: recordLink(push.sourceType as PushRecordType, push.sourceId),
    };
  });
}

export const matchPushJob = defineJob({
  name: 'match.push',
  bulk: true,
  version: 1,
  payload: matchPushPayload,
  run: async (db, payload, job) => {
    if (!job.deps) throw new Error('match.push needs the app’s match indexes: give the job runner the app’s deps');
    await pushMatches(db, job.deps, payload);
  },
});

/**
 * Schedules the pushes of a record just published or changed, in the
 * caller's transaction, two seconds on (so every replica has the row). One
 * job per state of the record: its version and the moment of the change.
 */
export function scheduleMatchPush(db: Executor, r: { recordType: PushRecordType; recordId: string; version: number; changedAt: Date }) {
  return scheduleJob(db, matchPushJob, {
    payload: { recordType: r.recordType, recordId: r.recordId },
    runAt: new Date(Date.now() + 2000),
    key: `match-push:${r.recordType}:${r.recordId}:${r.version}:${r.changedAt.getTime()}`,
  });
}
