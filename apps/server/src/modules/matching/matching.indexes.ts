import type { Db } from '../../db/client.ts';
import { parseTsvector } from '../../platform/search.ts';
import type { IndexedDoc } from '../catalogue/catalogue.index.ts';
import { replicaRepository, type NotIndexed } from '../../db/recordSearch.ts';
import { achievementReplicaSource, type AchievementRow } from '../achievements/achievements.service.ts';
import { demandReplicaSource, type DemandRow } from '../demands/demands.service.ts';
import { MatchIndex, type MatchDoc, type MatchSide } from './matching.engine.ts';
import { wantedMaturity } from './matching.intent.ts';
import { serialPasses } from '../../platform/passes.ts';
import { confidentialityFlags } from '../catalogue/catalogue.visibility.ts';
import type { Deps } from '../../platform/types.ts';

type AchievementReplicaRow = Omit<AchievementRow, NotIndexed>;
type DemandReplicaRow = Omit<DemandRow, NotIndexed>;

/**
 * The matching engine's two indexes (achievements, demands) inside the app
 * server: they follow the catalogue replicas (catalogue.replica.ts), which
 * read PostgreSQL's changed rows every half second and before each request, so a
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
    ...confidentialityFlags(r.confidentiality),
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
    ...confidentialityFlags(r.confidentiality),
    stale: r.stale,
    publishedAt: r.publishedAt?.getTime() ?? 0,
    industry: r.industry,
    maturity: null,
    modes: r.cooperationModes,
    priceFen: null,
    budgetMinFen: r.budgetMinFen,
    budgetMaxFen: r.budgetMaxFen,
    wanted: wantedMaturity(r.title, r.cooperationModes),
    wantedOpen: r.confidentiality === 'abstract' ? wantedMaturity(r.title, []) : undefined,
    terms,
    head: headOf(terms),
  };
}

const RELEARN_MS = 10 * 60_000;

/** Makes both matching indexes follow the catalogue replicas; call before the replicas are built. */
export function followCatalogue(replicas: Pick<Deps['indexes'], 'achievements' | 'demands'>): MatchIndexes {
  const a = new MatchIndex('achievement');
  const d = new MatchIndex('demand');
  // Each side's queries come from the other: the words most demands share weigh little when a demand looks for achievements, and the reverse.
  a.askers = d;
  d.askers = a;
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
    // After the first build: give back the room the growing posting lists kept.
    if (learnedAt < 0) {
      a.trim();
      d.trim();
    }
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
 * Rows a page of the build reads. Small enough that a page read ahead dies
 * young: with 5,000 rows a page outlived two scavenges, was promoted, and the
 * old generation grew to 2.2 GB reserved for 0.6 GB in use at a million
 * records (peak RSS 3.5 GB); with 1,000, 1.6 GB and a peak of 2.8 GB.
 */
const BUILD_PAGE = 1000;

/**
 * One matching index built straight from the database, without the
 * catalogue's (the benchmark, and a matching-only process): the same rows
 * and documents as the app's.
 */
export async function buildMatchIndex(db: Db, side: 'achievement' | 'demand'): Promise<MatchIndex> {
  const index = new MatchIndex(side);
  const source = side === 'achievement' ? achievementReplicaSource : demandReplicaSource;
  const page = (after: string | null) => source.publishedPage(db, after, BUILD_PAGE);
  let next = page(null);
  for (;;) {
    const rows = await next;
    // The database reads the next page while this one is indexed.
    if (rows.length === BUILD_PAGE) next = page(rows.at(-1)!.id);
    for (const r of rows) {
      const terms = parseTsvector(r.searchVector ?? '');
      const doc = side === 'achievement' ? achievementMatchDoc(r as AchievementReplicaRow, terms) : demandMatchDoc(r as DemandReplicaRow, terms);
      index.upsert(doc, r.updatedAt.getTime());
    }
    if (rows.length < BUILD_PAGE) break;
  }
  index.trim();
  index.learnRelated();
  return index;
}

/** How far back a catch-up looks again, for transactions that commit after later ones (as catalogue.replica.ts). */
const FOLLOW_OVERLAP_MS = 5_000;
const FOLLOW_PAGE = 5_000;
/** As often as the app's catalogue replicas look (catalogueIndexes.ts). */
const FOLLOW_EVERY_MS = 500;

/**
 * Keeps a lone MatchIndex (one from buildMatchIndex) equal to the published
 * rows of its table, as CatalogueReplica.catchUp keeps the app's: the rows
 * changed since a cursor (`updated_at`, looked at again 5 s back) are
 * upserted or, no longer published, removed; every `everyMs` and whenever
 * `catchUp()` is called (callers arriving during a pass share the next). `since` is the
 * database time read just before the index was built. The app itself does
 * not use this: its matching indexes follow the catalogue replicas
 * (followCatalogue). Related terms are not learned again here; call
 * `index.learnRelated()` on your own schedule (the app: every ten minutes
 * when records changed).
 */
export function followDatabase(
  db: Db,
  index: MatchIndex,
  side: MatchSide,
  opts: { since: Date; everyMs?: number; onError?: (err: unknown) => void },
) {
  const source = side === 'achievement' ? achievementReplicaSource : demandReplicaSource;
  let cursor = new Date(opts.since.getTime() - FOLLOW_OVERLAP_MS);
  const pass = async () => {
    let limit = FOLLOW_PAGE;
    for (;;) {
      const started = await replicaRepository.now(db);
      const rows = await source.changedSince(db, cursor, limit);
      for (const r of rows) {
        const updatedAt = r.updatedAt.getTime();
        if (index.isCurrent(r.id, updatedAt)) continue;
        if (r.status !== 'published') {
          index.remove(r.id);
          continue;
        }
        const terms = parseTsvector(r.searchVector ?? '');
        index.upsert(side === 'achievement' ? achievementMatchDoc(r as AchievementReplicaRow, terms) : demandMatchDoc(r as DemandReplicaRow, terms), updatedAt);
      }
      if (rows.length < limit) {
        cursor = new Date(started.getTime() - FOLLOW_OVERLAP_MS);
        return;
      }
      // A full page whose rows all share one updated_at (one transaction wrote them all) would be read again and again: read more at once.
      if (rows.at(-1)!.updatedAt.getTime() === rows[0]!.updatedAt.getTime()) limit *= 2;
      else limit = FOLLOW_PAGE;
      cursor = rows.at(-1)!.updatedAt;
    }
  };
  const catchUp = serialPasses(pass);
  const onError = opts.onError ?? ((err: unknown) => console.warn(`matching index: catching up failed: ${(err as Error).message ?? err}`));
  const timer = setInterval(() => void catchUp().catch(onError), opts.everyMs ?? FOLLOW_EVERY_MS);
  timer.unref();
  return { catchUp, stop: () => clearInterval(timer) };
}

declare module '../../platform/types.ts' {
  interface Deps {
    /** The matching engine's indexes. */
    matching: MatchIndexes;
  }
}
