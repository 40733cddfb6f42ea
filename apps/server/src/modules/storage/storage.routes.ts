import { z } from 'zod';
import { myStorageSchema, storageUsageSchema } from '@kzt/shared';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { myStorage, storageUsage } from './storage.service.ts';

const tags = ['单位 Organizations'];

/** The organisation's storage quota, shown where files are uploaded; a person's own files and quota. */
export function storageRoutes(app: App, { db, config }: Deps) {
  app.get(
    '/api/organizations/:id/storage',
    { schema: { tags, summary: '本单位已用存储空间与上限（附件、导入文件、营业执照；成员可见）', params: z.object({ id: z.uuid() }), response: { 200: storageUsageSchema } } },
    async (req) => storageUsage(db, signedIn(req).actor, req.params.id, config.storageQuotaBytes),
  );

  app.get(
    '/api/me/files',
    {
      schema: {
        tags: ['账号 Accounts'],
        summary: '我名下保存的文件（不属于任何单位的文件，如管理员不指定单位的合同导入）：存储上限、已用空间，每个文件的大小与到期删除时间（仅本人）',
        response: { 200: myStorageSchema },
      },
    },
    async (req) => myStorage(db, signedIn(req).actor, config.storageQuotaBytes),
  );
}
