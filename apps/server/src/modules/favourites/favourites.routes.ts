import { favouritePageDto, favouriteParams, favouriteQuery, savedDto } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { listFavourites, removeFavourite, saveFavourite } from './favourites.service.ts';

const tags = ['收藏 Favourites'];

/** Routes of 收藏: a person's saved achievements, demands and listings. */
export function favouriteRoutes(app: App, { db }: Deps) {
  app.get('/api/favourites', { schema: { tags, summary: '我的收藏（可按类型、记录筛选；已撤回或不再可见的标明状态）', querystring: favouriteQuery, response: { 200: favouritePageDto } } }, async (req) =>
    listFavourites(db, signedIn(req).actor, req.query),
  );

  app.put('/api/favourites/:recordType/:recordId', { schema: { tags, summary: '收藏一项本人可见的成果、需求或挂牌项目（重复收藏不重复记录）', params: favouriteParams, response: { 200: savedDto } } }, async (req) =>
    saveFavourite(db, signedIn(req), req.params.recordType, req.params.recordId),
  );

  app.delete('/api/favourites/:recordType/:recordId', { schema: { tags, summary: '取消收藏（已不可见的记录也可取消）', params: favouriteParams, response: { 200: savedDto } } }, async (req) => {
    await removeFavourite(db, signedIn(req), req.params.recordType, req.params.recordId);
    return { saved: false };
  });
}
