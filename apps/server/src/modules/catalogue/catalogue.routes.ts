import { z } from 'zod';
import { jurisdictionCodeSchema } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { administers } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { jurisdictionRepository } from '../jurisdictions/jurisdictions.repository.ts';
import { freshnessRepository } from './catalogue.repository.ts';
import { sweepCatalogue } from './catalogue.freshness.ts';

const tags = ['目录设置 Catalogue settings'];
const codeParams = z.object({ code: jurisdictionCodeSchema });

export function catalogueRoutes(app: App, { db }: Deps) {
  app.get('/api/jurisdictions/:code/catalogue-settings', { schema: { tags, summary: '本辖区成果/需求的“新鲜度”期限（月）', params: codeParams } }, async (req) => {
    const { actor } = signedIn(req);
    const j = await jurisdictionRepository.byCode(db, req.params.code);
    if (!j) throw notFound('jurisdiction');
    if (!administers(actor, j.path)) throw forbidden();
    const [own] = await freshnessRepository.settings(db, j.code);
    return { jurisdictionCode: j.code, staleAfterMonths: own?.staleAfterMonths ?? null, inherited: !own };
  });

  app.put(
    '/api/jurisdictions/:code/catalogue-settings',
    { schema: { tags, summary: '设置本辖区的“新鲜度”期限（默认 12 个月，下级区划继承）', params: codeParams, body: z.object({ staleAfterMonths: z.number().int().min(1).max(60) }) } },
    async (req) => {
      const ctx = signedIn(req);
      const j = await jurisdictionRepository.byCode(db, req.params.code);
      if (!j) throw notFound('jurisdiction');
      if (!administers(ctx.actor, j.path)) throw forbidden();
      return db.transaction(async (tx) => {
        const [before] = await freshnessRepository.settings(tx, j.code);
        const row = await freshnessRepository.saveSettings(tx, j.code, req.body.staleAfterMonths);
        await recordAudit(tx, ctx, {
          action: 'jurisdiction.catalogueSettings.update',
          entityType: 'jurisdiction',
          entityId: j.code,
          jurisdictionCode: j.code,
          before: before ? { staleAfterMonths: before.staleAfterMonths } : null,
          after: { staleAfterMonths: row.staleAfterMonths },
        });
        return { jurisdictionCode: j.code, staleAfterMonths: row.staleAfterMonths, inherited: false };
      });
    },
  );

  app.post('/api/admin/catalogue/sweep', { schema: { tags, summary: '立即执行每日的新鲜度与“两年未转化”检查（平台管理员）' } }, async (req) => {
    if (!signedIn(req).actor.user.isPlatformAdmin) throw forbidden();
    return sweepCatalogue(db);
  });
}
