import type { Db } from '../../db/client.ts';
import { achievements, demands } from '../../db/schema/index.ts';
import { parseTsvector } from '../../platform/search.ts';
import type { IndexedDoc } from '../catalogue/catalogue.index.ts';
import type { CatalogueIndexes } from '../catalogue/catalogue.indexes.ts';
import { replicaRepository, type NotIndexed } from '../catalogue/catalogue.repository.ts';
import type { AchievementRow } from '../achievements/achievements.repository.ts';
import type { DemandRow } from '../demands/demands.repository.ts';
import { MatchIndex, type MatchDoc } from './matching.engine.ts';
import { wantedMaturity } from './matching.intent.ts';

type AchievementReplicaRow = Omit<AchievementRow, NotIndexed>;
type DemandReplicaRow = Omit<DemandRow, NotIndexed>;

/**
 * The matching engine's two indexes (achievements, demands) inside the app
 * server: they follow the catalogue replicas (catalogue.replica.ts), which
 * read PostgreSQL's changed rows every second and before each request, so a
 * record is matchable within a second of its publication, on every app
 * server. Related terms are learned after the build and again every ten
 * minutes when the catalogue has changed.
 */
export type MatchIndexes = {
  achievements: MatchIndex;
  demands: MatchIndex;
  /** Applies the rows changed since the last look (what a request does first). */
  catchUp: () => Promise<void>;
  stop: () => void;
};

/** Terms whose weight says they stand in the title or keywords (A = 1 per occurrence): what related terms are learned from. */
const headOf = (terms: Map<string, number>) => () => [...terms].filter(([, w]) => w >= 1).map(([t]) => t);

export function achievementMatchDoc(r: AchievementReplicaRow, terms: Map<string, number>): MatchDoc {
  return {
    id: r.id,
    organizationId: r.organizationId,
    jurisdictionPath: r.jurisdictionPath,
    secret: r.confidentiality === 'secret',
    stale: r.stale,
    publishedAt: r.publishedAt?.getTime() ?? 0,
    industry: r.industry,
    maturity: r.maturity,
    modes: r.transferModes,
    priceFen: r.priceFen,
    budgetMinFen: null,
    budgetMaxFen: null,
    wanted: null,
    terms,
    head: headOf(terms),
  };
}

export function demandMatchDoc(r: DemandReplicaRow, terms: Map<string, number>): MatchDoc {
  return {
    id: r.id,
    organizationId: r.organizationId,
    jurisdictionPath: r.jurisdictionPath,
    secret: r.confidentiality === 'secret',
    stale: r.stale,
    publishedAt: r.publishedAt?.getTime() ?? 0,
    industry: r.industry,
    maturity: null,
    modes: r.cooperationModes,
    priceFen: null,
    budgetMinFen: r.budgetMinFen,
    budgetMaxFen: r.budgetMaxFen,
    wanted: wantedMaturity(r.title, r.cooperationModes),
    terms,
    head: headOf(terms),
  };
}

const RELEARN_MS = 10 * 60_000;

/** Makes both matching indexes follow the catalogue replicas; call before the replicas are built. */
export function followCatalogue(replicas: Pick<CatalogueIndexes, 'achievements' | 'demands'>): MatchIndexes {
  const a = new MatchIndex('achievement');
  const d = new MatchIndex('demand');
  let changes = 0;
  replicas.achievements.listeners.push((row, doc: IndexedDoc) => {
    changes++;
    if (doc.visible) a.upsert(achievementMatchDoc(row, doc.terms), doc.updatedAt);
    else a.remove(row.id);
  });
  replicas.demands.listeners.push((row, doc: IndexedDoc) => {
    changes++;
    if (doc.visible) d.upsert(demandMatchDoc(row, doc.terms), doc.updatedAt);
    else d.remove(row.id);
  });
  let learnedAt = -1;
  const learn = () => {
    if (changes === learnedAt) return;
    learnedAt = changes;
    a.learnRelated();
    d.learnRelated();
  };
  const timer = setInterval(learn, RELEARN_MS);
  timer.unref();
  return {
    achievements: a,
    demands: d,
    catchUp: async () => {
      await Promise.all([replicas.achievements.catchUp(), replicas.demands.catchUp()]);
      if (learnedAt < 0) learn();
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * One matching index built straight from the database, without the
 * catalogue's (the benchmark, and a matching-only process): the same rows
 * and documents as the app's.
 */
export async function buildMatchIndex(db: Db, side: 'achievement' | 'demand'): Promise<MatchIndex> {
  const index = new MatchIndex(side);
  const table = side === 'achievement' ? achievements : demands;
  let after: string | null = null;
  for (;;) {
    const rows = await replicaRepository.publishedPage(db, table, after, 5000);
    for (const r of rows) {
      const terms = parseTsvector(r.searchVector ?? '');
      const doc = side === 'achievement' ? achievementMatchDoc(r as AchievementReplicaRow, terms) : demandMatchDoc(r as DemandReplicaRow, terms);
      index.upsert(doc, r.updatedAt.getTime());
    }
    if (rows.length < 5000) break;
    after = rows.at(-1)!.id;
  }
  index.learnRelated();
  return index;
}
