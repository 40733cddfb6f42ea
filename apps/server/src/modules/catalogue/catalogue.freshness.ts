import { z } from 'zod';
import { shanghaiToday } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import { achievements, demands } from '../../db/schema/index.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { recordAudit } from '../../platform/audit.ts';
import { systemContext } from '../../platform/context.ts';
import { freshnessRepository } from './catalogue.repository.ts';
import { notifyMany } from '../notifications/notifications.service.ts';

/**
 * The daily sweep of the catalogue (长效跟踪): records not confirmed by their
 * owners for their jurisdiction's period become stale (they rank lower and
 * their owners are reminded), and achievements published for two years
 * without a conversion are flagged for listing and their owners reminded.
 * Reminders are notifications with a dedupe key, so a sweep run twice
 * reminds once.
 */
export async function sweepCatalogue(db: Db, now = new Date()) {
  return db.transaction(async (tx) => {
    const staleAchievements = await freshnessRepository.markStale(tx, achievements, now);
    const staleDemands = await freshnessRepository.markStale(tx, demands, now);
    const unconverted = await freshnessRepository.flagUnconverted(tx, now);
    const day = (d: string | null) => (d ? new Date(d).toISOString().slice(0, 10) : 'never');
    await notifyMany(tx, [
      ...staleAchievements.map((r) => ({
        organizationId: r.organization_id,
        kind: 'record.stale',
        dedupeKey: `stale:achievement:${r.id}:${day(r.confirmed_at)}`,
        title: `科技成果「${r.title}」长期未更新，请确认信息是否仍然有效`,
        body: '确认后成果将恢复正常排序；如已转化或不再对外提供，请撤回或登记转化情况。',
        link: `/achievements/${r.id}`,
      })),
      ...staleDemands.map((r) => ({
        organizationId: r.organization_id,
        kind: 'record.stale',
        dedupeKey: `stale:demand:${r.id}:${day(r.confirmed_at)}`,
        title: `技术需求「${r.title}」长期未更新，请确认需求是否仍然有效`,
        body: '确认后需求将恢复正常排序；如已解决，请撤回。',
        link: `/demands/${r.id}`,
      })),
      ...unconverted.map((r) => ({
        organizationId: r.organization_id,
        kind: 'achievement.unconverted',
        dedupeKey: `unconverted:${r.id}`,
        title: `科技成果「${r.title}」发布满两年尚未转化`,
        body: '按照陕西省促进科技成果转化的规定，发布满两年未转化的成果应通过挂牌、拍卖等方式公开交易；已转化的请登记转化情况。',
        link: `/achievements/${r.id}`,
      })),
    ]);
    const result = { staleAchievements: staleAchievements.length, staleDemands: staleDemands.length, unconverted: unconverted.length };
    await recordAudit(tx, systemContext(`catalogue.sweep:${now.toISOString()}`), { action: 'catalogue.sweep', entityType: 'catalogue', entityId: now.toISOString().slice(0, 10), after: result });
    return result;
  });
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
