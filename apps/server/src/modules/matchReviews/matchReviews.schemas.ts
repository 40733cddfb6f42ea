import { z } from 'zod';
import { pageQuery } from '@kzt/shared';

export const REVIEW_OPINIONS = ['recommend', 'neutral', 'not_recommend'] as const;
export type ReviewOpinion = (typeof REVIEW_OPINIONS)[number];
/** At most this many experts in one review. */
export const REVIEW_MAX_EXPERTS = 10;

export const reviewIdParams = z.object({ id: z.uuid() });

export const createReviewBody = z.object({
  demandId: z.uuid(),
  achievementId: z.uuid(),
  expertUserIds: z.array(z.uuid()).min(1).max(REVIEW_MAX_EXPERTS),
  note: z.string().trim().max(2000).default(''),
});
export type CreateReviewBody = z.infer<typeof createReviewBody>;

export const reviewPairQuery = z.object({ demandId: z.uuid(), achievementId: z.uuid() });
export type ReviewPairQuery = z.infer<typeof reviewPairQuery>;

export const opinionBody = z.object({
  score: z.number().int().min(1).max(5),
  opinion: z.enum(REVIEW_OPINIONS),
  comment: z.string().trim().max(2000).default(''),
});
export type OpinionBody = z.infer<typeof opinionBody>;

export const INQUIRY_STATUSES = ['open', 'answered'] as const;

export const inquiryIdParams = z.object({ id: z.uuid() });

export const createInquiryBody = z.object({
  sourceType: z.enum(['demand', 'achievement']),
  sourceId: z.uuid(),
  /** The secret matching record, as the matches answer gives it (`ref`). */
  ref: z.uuid(),
  message: z.string().trim().max(1000).default(''),
});
export type CreateInquiryBody = z.infer<typeof createInquiryBody>;

export const inquiryQuery = pageQuery.extend({ status: z.enum(INQUIRY_STATUSES).optional() });
export type InquiryQuery = z.infer<typeof inquiryQuery>;

export const answerBody = z.object({ answer: z.string().trim().min(1).max(2000) });
