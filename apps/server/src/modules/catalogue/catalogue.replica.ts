import type { Db } from '../../db/client.ts';
import { achievements, demands } from '../../db/schema/index.ts';
import { CatalogueIndex, type IndexedDoc } from './catalogue.index.ts';
import { replicaRepository, type NotIndexed } from '../../db/recordSearch.ts';
import { serialPasses } from '../../platform/passes.ts';

type RecordTable = typeof achievements | typeof demands;
/** What the replica reads of a row: everything but the long texts (see replicaRepository). */
export type Row = Omit<typeof achievements.$inferSelect, NotIndexed> | Omit<typeof demands.$inferSelect, NotIndexed>;

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
    private readonly table: RecordTable,
    private readonly toDoc: (row: R) => IndexedDoc,
  ) {}

  async build() {
    this.cursor = new Date((await replicaRepository.now(this.db)).getTime() - OVERLAP_MS);
    let after: string | null = null;
    for (;;) {
      const rows = (await replicaRepository.publishedPage(this.db, this.table, after, 2000)) as R[];
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
      const rows = (await replicaRepository.changedSince(this.db, this.table, this.cursor, 5000)) as R[];
      for (const r of rows) if (!this.index.isCurrent(r.id, r.updatedAt.getTime())) this.apply(r);
      if (rows.length < 5000) {
        this.cursor = new Date(started.getTime() - OVERLAP_MS);
        return;
      }
      this.cursor = rows.at(-1)!.updatedAt;
    }
  }
}
