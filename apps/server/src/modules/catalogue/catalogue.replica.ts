import type { Db } from '../../db/client.ts';
import { CatalogueIndex, type IndexedDoc } from './catalogue.index.ts';
import { replicaRepository } from '../../db/recordSearch.ts';
import { serialPasses } from '../../platform/passes.ts';

/** What the replica needs of a row (the record module reads it: everything but the long texts, see replicaRepository). */
export type Row = { id: string; updatedAt: Date };

/**
 * Where a replica reads its rows: the record module that owns them hands
 * this out (achievements.service `achievementReplicaSource`), so the
 * catalogue, below it, never reads its table.
 */
export type ReplicaSource<R extends Row> = {
  type: 'achievement' | 'demand';
  /** Published rows in id order after `afterId`. */
  publishedPage: (db: Db, afterId: string | null, limit: number) => Promise<R[]>;
  /** Rows changed at or after `since`, any status. */
  changedSince: (db: Db, since: Date, limit: number) => Promise<R[]>;
  /** Whole rows by id with their organisation's name, for a result page. */
  byIds: (db: Db, ids: string[]) => Promise<unknown[]>;
};

/** How long back a catch-up looks again, for transactions that committed after later ones. */
const OVERLAP_MS = 5_000;

/**
 * Keeps a CatalogueIndex equal to the published rows of one table: built
 * page by page at start, then caught up from `updated_at` before each search
 * and every half second. Any number of app servers can each keep one; they
 * converge on the same database.
 */
export class CatalogueReplica<R extends Row> {
  readonly index = new CatalogueIndex();
  /** Told of every row applied, with its document before the index takes its terms (the matching index follows the catalogue this way). */
  readonly listeners: ((row: R, doc: IndexedDoc) => void)[] = [];
  private cursor = new Date(0);

  constructor(
    private readonly db: Db,
    readonly source: ReplicaSource<R>,
    private readonly toDoc: (row: R) => IndexedDoc,
  ) {}

  async build() {
    this.cursor = new Date((await replicaRepository.now(this.db)).getTime() - OVERLAP_MS);
    let after: string | null = null;
    for (;;) {
      const rows = await this.source.publishedPage(this.db, after, 2000);
      for (const r of rows) this.apply(r);
      if (rows.length < 2000) break;
      after = rows.at(-1)!.id;
    }
  }

  private apply(row: R) {
    const doc = this.toDoc(row);
    for (const l of this.listeners) l(row, doc);
    this.index.upsert(doc);
  }

  /** Applies every row changed since the last look (up to at least the call); callers arriving during a pass share the next. */
  readonly catchUp = serialPasses(() => this.pass());

  private async pass() {
    for (;;) {
      const started = await replicaRepository.now(this.db);
      const rows = await this.source.changedSince(this.db, this.cursor, 5000);
      for (const r of rows) if (!this.index.isCurrent(r.id, r.updatedAt.getTime())) this.apply(r);
      if (rows.length < 5000) {
        this.cursor = new Date(started.getTime() - OVERLAP_MS);
        return;
      }
      this.cursor = rows.at(-1)!.updatedAt;
    }
  }
}
