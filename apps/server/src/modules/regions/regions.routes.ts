import { z } from 'zod';
import { regionTreeDto } from '@kzt/shared';
import type { App } from '../../platform/types.ts';
import { regionTree } from './regions.service.ts';

const tags = ['行政区划 Jurisdictions'];

/** Cached by browsers and proxies for a week, then revalidated by ETag (the data changes only with a release). */
export const REGIONS_CACHE_CONTROL = 'public, max-age=604800';

export function regionRoutes(app: App) {
  // Public reference data (the GB/T 2260 names, no one's records): anyone may read it, signed in or not.
  app.get(
    '/api/regions',
    { config: { public: true }, schema: { tags, summary: 'GB/T 2260 行政区划树（省 → 地级市 → 县区，供地区选择器使用；可长期缓存）', response: { 200: regionTreeDto, 304: z.null() } } },
    async (req, reply) => {
      const { tree, etag } = regionTree();
      reply.header('etag', etag).header('cache-control', REGIONS_CACHE_CONTROL);
      const wanted = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
      if (wanted.includes(etag) || wanted.includes('*')) return reply.code(304).send(null);
      return tree;
    },
  );
}
