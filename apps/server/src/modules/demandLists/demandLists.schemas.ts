import { z } from 'zod';
import { INDUSTRY_CODES, jurisdictionCodeSchema, pageQuery } from '@kzt/shared';

export const DEMAND_LIST_STATUSES = ['draft', 'published'] as const;
/** At most this many demands in one list (a compiled list is cut here). */
export const DEMAND_LIST_MAX_ITEMS = 500;

export const demandListIdParams = z.object({ id: z.uuid() });

export const createDemandListBody = z.object({
  title: z.string().trim().min(1).max(100),
  jurisdictionCode: jurisdictionCodeSchema,
  industry: z.enum(INDUSTRY_CODES).nullable().optional(),
  description: z.string().trim().max(2000).optional(),
});
export type CreateDemandListBody = z.infer<typeof createDemandListBody>;

export const updateDemandListBody = z
  .object({
    title: z.string().trim().min(1).max(100),
    industry: z.enum(INDUSTRY_CODES).nullable(),
    description: z.string().trim().max(2000),
  })
  .partial()
  .strict();
export type UpdateDemandListBody = z.infer<typeof updateDemandListBody>;

export const demandListQuery = pageQuery.extend({
  jurisdictionCode: jurisdictionCodeSchema.optional(),
  industry: z.enum(INDUSTRY_CODES).optional(),
  status: z.enum(DEMAND_LIST_STATUSES).optional(),
});
export type DemandListQuery = z.infer<typeof demandListQuery>;

export const setItemsBody = z.object({ demandIds: z.array(z.uuid()).max(DEMAND_LIST_MAX_ITEMS) });
export const compileBody = z.object({ industry: z.enum(INDUSTRY_CODES).optional() }).default({});
