import { z } from 'zod';
import { shanghaiToday } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import { defineJob, scheduleJob, type AnyJob } from '../../platform/jobs.ts';
import { awardNoticeJob, sweepMilestoneFiles, sweepMilestones } from './challenges.service.ts';

/** 09:10 Asia/Shanghai, the next one after `now`. */
export function nextMilestoneSweepAt(now: Date): Date {
  const at = new Date(`${shanghaiToday(now)}T09:10:00+08:00`);
  return at > now ? at : new Date(at.getTime() + 86_400_000);
}

/** The daily milestone reminders and the sweep of files never reported, a job in the database so it survives a restart; each run schedules the next. */
export const milestoneSweepJob = defineJob({
  name: 'challenges.milestoneSweep',
  version: 1,
  payload: z.object({}),
  run: async (db) => {
    await sweepMilestones(db);
    await sweepMilestoneFiles(db);
    await scheduleMilestoneSweep(db);
  },
});

export async function scheduleMilestoneSweep(db: Db, now = new Date()) {
  const at = nextMilestoneSweepAt(now);
  await scheduleJob(db, milestoneSweepJob, { payload: {}, runAt: at, key: `challenges.milestoneSweep:${shanghaiToday(at)}` });
}

export const CHALLENGE_JOBS: AnyJob[] = [milestoneSweepJob, awardNoticeJob];
