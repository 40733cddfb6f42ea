import { z } from 'zod';
import { storageUsageSchema } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { storageUsage } from './storage.service.ts';

const tags = ['单位 Organizations'];

/** The organisation's storage quota, shown where files are uploaded. */
export function storageRoutes(app: App, { db, config }: Deps) {
  app.get(
    '/api/organizations/:id/storage',
    { schema: { tags, summary: '本单位已用存储空间与上限（附件、导入文件、营业执照；成员可见）', params: z.object({ id: z.uuid() }), response: { 200: storageUsageSchema } } },
    async (req) => storageUsage(db, signedIn(req).actor, req.params.id, config.storageQuotaBytes),
  );
}
