import { z } from 'zod';
import { shanghaiToday } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { recordAudit } from '../../platform/audit.ts';
import { systemContext } from '../../platform/context.ts';
import { flagUnconvertedAchievements, markStaleAchievements } from '../achievements/achievements.service.ts';
import { markStaleDemands } from '../demands/demands.service.ts';
import { notifyMany } from '../notifications/notifications.service.ts';

/**
 * The daily sweep of the catalogue (长效跟踪): records not confirmed by their
 * owners for their jurisdiction's period become stale (they rank lower), and
 * where a jurisdiction has a rule on unconverted achievements (陕西: two
 * years, 002 item 11) those published that long without a conversion are
 * flagged for listing. Each owner organisation gets one digest per sweep —
 * not one notice per record — listing what needs its attention; a sweep run
 * twice flags nothing twice, so it reminds once.
 *
 * Its own module, above achievements and demands: each marks its own rows
 * (the period comes from the catalogue's settings); this module only runs
 * the sweep, writes the digests and schedules the next day.
 */
export async function sweepCatalogue(db: Db, now = new Date()) {
  return db.transaction(async (tx) => {
    const staleAchievements = await markStaleAchievements(tx, now);
    const staleDemands = await markStaleDemands(tx, now);
    const unconverted = await flagUnconvertedAchievements(tx, now);
    const byOrg = new Map<string, Digest>();
    const of = (orgId: string) => byOrg.get(orgId) ?? byOrg.set(orgId, { achievements: [], demands: [], unconverted: [] }).get(orgId)!;
    for (const r of staleAchievements) of(r.organization_id).achievements.push(r);
    for (const r of staleDemands) of(r.organization_id).demands.push(r);
    for (const r of unconverted) of(r.organization_id).unconverted.push(r);
    await notifyMany(
      tx,
      [...byOrg].map(([organizationId, d]) => ({ organizationId, kind: 'catalogue.digest', category: 'action', dedupeKey: `catalogue.digest:${organizationId}:${now.toISOString()}`, ...digestText(d) })),
    );
    const result = { staleAchievements: staleAchievements.length, staleDemands: staleDemands.length, unconverted: unconverted.length };
    await recordAudit(tx, systemContext(`catalogue.sweep:${now.toISOString()}`), { action: 'catalogue.sweep', entityType: 'catalogue', entityId: now.toISOString().slice(0, 10), after: result });
    return result;
  });
}

type Item = { id: string; title: string };
type Digest = { achievements: Item[]; demands: Item[]; unconverted: (Item & { rule_years: number; rule_name: string })[] };

/** At most this many titles are named in a digest; the link lists them all. */
const NAMED = 5;
const titles = (items: Item[], sep: string, more: (n: number) => string) =>
  items.slice(0, NAMED).map((i) => `「${i.title}」`).join(sep) + (items.length > NAMED ? more(items.length - NAMED) : '');

/** The text of one owner's digest, in Chinese and English; a rule is named by the jurisdiction that made it (the record's own). */
export function digestText(d: Digest) {
  const zh: string[] = [];
  const en: string[] = [];
  const head: string[] = [];
  const headEn: string[] = [];
  if (d.achievements.length) {
    head.push(`${d.achievements.length} 项成果长期未更新`);
    headEn.push(`${d.achievements.length} achievement(s) not confirmed for a long time`);
    zh.push(`长期未更新的科技成果（请确认信息仍有效，或撤回、登记转化）：${titles(d.achievements, '、', (n) => ` 等另 ${n} 项`)}`);
    en.push(`Achievements not confirmed for a long time (confirm they are current, withdraw them or record a conversion): ${titles(d.achievements, ', ', (n) => ` and ${n} more`)}`);
  }
  if (d.demands.length) {
    head.push(`${d.demands.length} 项需求长期未更新`);
    headEn.push(`${d.demands.length} demand(s) not confirmed for a long time`);
    zh.push(`长期未更新的技术需求（请确认仍有效，已解决的请撤回）：${titles(d.demands, '、', (n) => ` 等另 ${n} 项`)}`);
    en.push(`Demands not confirmed for a long time (confirm they are current, withdraw solved ones): ${titles(d.demands, ', ', (n) => ` and ${n} more`)}`);
  }
  if (d.unconverted.length) {
    head.push(`${d.unconverted.length} 项成果发布满期未转化`);
    headEn.push(`${d.unconverted.length} achievement(s) unconverted past the local limit`);
    const rules = new Map<string, typeof d.unconverted>();
    for (const r of d.unconverted) {
      const k = `${r.rule_name}\u0000${r.rule_years}`;
      rules.set(k, [...(rules.get(k) ?? []), r]);
    }
    for (const [k, items] of rules) {
      const [name, years] = k.split('\u0000');
      zh.push(`按照${name}的规定，发布满 ${years} 年未转化的成果应通过挂牌、拍卖等方式公开交易；已转化的请登记转化情况：${titles(items, '、', (n) => ` 等另 ${n} 项`)}`);
      en.push(`Under the rule of ${name}, achievements published ${years} years without a conversion are to be offered publicly (listing, auction); record a conversion if there was one: ${titles(items, ', ', (n) => ` and ${n} more`)}`);
    }
  }
  const only = d.demands.length && !d.achievements.length && !d.unconverted.length;
  const flag = !d.achievements.length && !d.demands.length ? 'unconverted' : 'stale';
  return {
    title: `待处理提醒：${head.join('，')}`,
    titleEn: `To do: ${headEn.join('; ')}`,
    body: zh.join('\n'),
    bodyEn: en.join('\n'),
    link: `/me/${only ? 'demands' : 'achievements'}?flag=${flag}`,
  };
}

/** 02:00 Asia/Shanghai on the day after `now` (18:00 UTC). */
export function nextSweepAt(now: Date): Date {
  const today = shanghaiToday(now);
  const next = new Date(`${today}T02:00:00+08:00`);
  return next > now ? next : new Date(next.getTime() + 86400_000);
}

export const catalogueSweepJob = defineJob({
  name: 'catalogue.sweep',
  version: 1,
  payload: z.object({}),
  run: async (db) => {
    await sweepCatalogue(db);
    await scheduleCatalogueSweep(db);
  },
});

/** Ensures the next daily sweep is scheduled (one per day, by key). */
export async function scheduleCatalogueSweep(db: Db, now = new Date()) {
  const at = nextSweepAt(now);
  await scheduleJob(db, catalogueSweepJob, { payload: {}, runAt: at, key: `catalogue.sweep:${shanghaiToday(at)}` });
}
