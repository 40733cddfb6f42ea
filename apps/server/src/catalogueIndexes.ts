import type { Db } from './db/client.ts';
import { CatalogueReplica } from './modules/catalogue/catalogue.replica.ts';
import type { NotIndexed } from './db/recordSearch.ts';
import { achievementDoc } from './modules/achievements/achievements.index.ts';
import { demandDoc } from './modules/demands/demands.index.ts';
import { achievementReplicaSource, type AchievementRow } from './modules/achievements/achievements.service.ts';
import { demandReplicaSource, type DemandRow } from './modules/demands/demands.service.ts';

/**
 * The catalogue's in-memory search replicas, one per record type, built at
 * start and kept caught up. Part of the app's composition (like app.ts): it
 * assembles the catalogue's replica with each record module's document.
 */
export type CatalogueIndexes = {
  achievements: CatalogueReplica<Omit<AchievementRow, NotIndexed>>;
  demands: CatalogueReplica<Omit<DemandRow, NotIndexed>>;
  stop: () => Promise<void>;
};

/** How often the replicas read the rows changed since their last look (a request also catches up before it reads). */
const CATCH_UP_MS = 500;

/** Builds both catalogue indexes from the database and keeps them caught up every half second. */
export async function startCatalogueIndexes(
  db: Db,
  log: { error: (o: object, m: string) => void },
  /** Called with both replicas before they are built, to follow them (the matching indexes do). */
  follow?: (replicas: Pick<CatalogueIndexes, 'achievements' | 'demands'>) => void,
): Promise<CatalogueIndexes> {
  const a = new CatalogueReplica<Omit<AchievementRow, NotIndexed>>(db, achievementReplicaSource, achievementDoc);
  const d = new CatalogueReplica<Omit<DemandRow, NotIndexed>>(db, demandReplicaSource, demandDoc);
  follow?.({ achievements: a, demands: d });
  await Promise.all([a.build(), d.build()]);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = Promise.all([a.catchUp(), d.catchUp()]).catch((err) => log.error({ err }, 'catalogue index catch-up failed'));
  }, CATCH_UP_MS);
  timer.unref();
  const stop = async () => {
    clearInterval(timer);
    await running;
  };
  return { achievements: a, demands: d, stop };
}

declare module './platform/types.ts' {
  interface Deps {
    /** The catalogue's search replicas (achievements and demands). */
    indexes: CatalogueIndexes;
  }
}
