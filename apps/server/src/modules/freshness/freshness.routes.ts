import { catalogueSweepDto } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { forbidden } from '../../platform/errors.ts';
import { sweepCatalogue } from './freshness.service.ts';

const tags = ['目录设置 Catalogue settings'];

export function freshnessRoutes(app: App, { db }: Deps) {
  app.post('/api/admin/catalogue/sweep', { schema: { tags, summary: '立即执行每日的新鲜度与“两年未转化”检查（平台管理员）', response: { 200: catalogueSweepDto } } }, async (req) => {
    if (!signedIn(req).actor.user.isPlatformAdmin) throw forbidden();
    return sweepCatalogue(db);
  });
}
