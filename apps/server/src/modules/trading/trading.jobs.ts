import { z } from 'zod';
import { shanghaiToday } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import { defineJob, scheduleJob, type AnyJob } from '../../platform/jobs.ts';
import { auctionCloseJob, closeEndedAuctions } from './auctions.service.ts';
import { lapsedDeals, lapseDeal, signDeadlineJob, sweepPayments } from './deals.service.ts';
import { noticeEndJob } from './objections.service.ts';

/**
 * The trading module's timers, all jobs in the database: an auction's close
 * at its end, a notice period's end, a deal's sign deadline, and the daily
 * look at payments (reminders, overdue). At start the server also closes
 * auctions and lapses deals whose time passed while it was down, in case a
 * job of theirs was lost.
 */

/** 09:00 Asia/Shanghai, the next one after `now`. */
export function nextPaymentSweepAt(now: Date): Date {
  const at = new Date(`${shanghaiToday(now)}T09:00:00+08:00`);
  return at > now ? at : new Date(at.getTime() + 86_400_000);
}

export const paymentSweepJob = defineJob({
  name: 'trading.paymentSweep',
  version: 1,
  payload: z.object({}),
  run: async (db) => {
    await sweepPayments(db);
    await schedulePaymentSweep(db);
  },
});

export async function schedulePaymentSweep(db: Db, now = new Date()) {
  const at = nextPaymentSweepAt(now);
  await scheduleJob(db, paymentSweepJob, { payload: {}, runAt: at, key: `trading.paymentSweep:${shanghaiToday(at)}` });
}

/** What start-up does for trading: the daily sweep scheduled, and whatever ended while the server was down settled. */
export async function startTrading(db: Db, now = new Date()) {
  await schedulePaymentSweep(db, now);
  const closed = await closeEndedAuctions(db, now);
  let lapsed = 0;
  for (const { id } of await lapsedDeals(db, now)) if (await lapseDeal(db, id, now)) lapsed++;
  return { closed, lapsed };
}

export const TRADING_JOBS: AnyJob[] = [auctionCloseJob, noticeEndJob, signDeadlineJob, paymentSweepJob];
