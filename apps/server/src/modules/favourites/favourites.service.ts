import type { FavouriteQuery, FavouriteType } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { authorizeRecord, type BaseRow, type RecordKind } from '../catalogue/catalogue.service.ts';
import { achievementKind } from '../achievements/achievements.service.ts';
import { demandKind } from '../demands/demands.service.ts';
import { authorizeListing, loadListingState } from '../trading/listings.access.ts';
import { favouriteRepository as repo, type FavouriteRow } from './favourites.repository.ts';

type Signed = RequestContext & { actor: Actor };

/** Listing states in which a saved listing is gone from the market (shown as such in 我的收藏). */
const GONE_LISTING = ['withdrawn', 'cancelled', 'rejected'];
/** States shown to whoever saved a record even when they may no longer read it. */
const GONE = ['withdrawn', 'cancelled'];

const kindOf = (type: 'achievement' | 'demand') => (type === 'achievement' ? achievementKind : demandKind) as unknown as RecordKind<BaseRow>;

/**
 * The record as the caller may see it now: its title and status. A record
 * they may no longer read shows only whether it was withdrawn (or cancelled)
 * — what a person who saved it needs to know — else null.
 */
async function current(db: Executor, actor: Actor, type: FavouriteType, id: string): Promise<{ title: string | null; status: string; available: boolean } | null> {
  try {
    if (type === 'listing') {
      const { listing } = await authorizeListing(db, actor, id);
      return { title: listing.title, status: listing.status, available: !GONE_LISTING.includes(listing.status) };
    }
    const { row } = await authorizeRecord(db, kindOf(type), actor, id, 'read');
    return { title: row.title, status: row.status, available: row.status === 'published' };
  } catch (e) {
    if (!(e instanceof AppError && e.status === 404)) throw e;
    const status = type === 'listing' ? (await loadListingState(db, id))?.row.status : (await kindOf(type).load(db, id))?.status;
    return status && GONE.includes(status) ? { title: null, status, available: false } : null;
  }
}

const present = (f: FavouriteRow, now: Awaited<ReturnType<typeof current>>) => ({
  recordType: f.recordType as FavouriteType,
  recordId: f.recordId,
  title: now?.title ?? f.title,
  status: now?.status ?? null,
  available: !!now?.available,
  savedAt: f.createdAt,
});

/** 收藏: saves a record the caller can see now (saving twice is one save). */
export async function saveFavourite(db: Db, ctx: Signed, type: FavouriteType, id: string) {
  return db.transaction(async (tx) => {
    const now = await current(tx, ctx.actor, type, id);
    if (!now?.title) throw new AppError(404, 'not-found', 'problem.entityNotFound', 'problem.entityNotFound.detail', { entity: `entity.${type}` });
    if (await repo.add(tx, { userId: ctx.actor.user.id, recordType: type, recordId: id, title: now.title })) {
      await recordAudit(tx, ctx, { action: 'favourite.add', entityType: type, entityId: id, after: { userId: ctx.actor.user.id } });
    }
    return { saved: true };
  });
}

/** 取消收藏 (also of a record no longer visible). */
export async function removeFavourite(db: Db, ctx: Signed, type: FavouriteType, id: string) {
  await db.transaction(async (tx) => {
    if (await repo.remove(tx, ctx.actor.user.id, type, id)) {
      await recordAudit(tx, ctx, { action: 'favourite.remove', entityType: type, entityId: id, before: { userId: ctx.actor.user.id } });
    }
  });
}

/** 我的收藏, newest first, each with what became of it (a withdrawn record shows as withdrawn, not as it was). */
export async function listFavourites(db: Db, actor: Actor, q: FavouriteQuery) {
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const { rows, total } = await repo.list(db, actor.user.id, q, page);
  const items = [];
  for (const f of rows) items.push(present(f, await current(db, actor, f.recordType as FavouriteType, f.recordId)));
  return paged(items, total, page);
}
