import { dispatchEvents, type AnyEventHandler } from './platform/events.ts';
import { pushHandlers } from './modules/push/push.handlers.ts';
import { statisticsHandlers } from './modules/statistics/statistics.handlers.ts';
import { distributionHandlers } from './modules/distributions/distributions.handlers.ts';
import { policyHandlers } from './modules/policy/policy.handlers.ts';
import { contractsHandlers } from './modules/contracts/contracts.handlers.ts';

/**
 * Every domain-event handler of the platform: who reacts to what. A module
 * exports its handlers from its `*.handlers.ts`; they are listed here, so the
 * publishing module never imports the reacting one.
 */
export const HANDLERS: AnyEventHandler[] = [
  ...pushHandlers,
  ...statisticsHandlers,
  ...distributionHandlers,
  ...policyHandlers,
  ...contractsHandlers,
];

/** Dispatches every new event to its handlers, in batches until none is left. */
export async function dispatchAll(db: Parameters<typeof dispatchEvents>[0], handlers: AnyEventHandler[] = HANDLERS): Promise<number> {
  let total = 0;
  for (let n = await dispatchEvents(db, handlers); n > 0; n = await dispatchEvents(db, handlers)) total += n;
  return total;
}
