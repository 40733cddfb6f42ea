import type { Executor } from '../../db/client.ts';

export type ReviewSummary = { count: number; submitted: number; averageScore: number | null; recommend: number; notRecommend: number };

/** Expert-confirmation summaries of proposed matches, keyed `${demandId}:${achievementId}` (pairs without a review are absent). */
export async function reviewSummaries(_db: Executor, _pairs: { demandId: string; achievementId: string }[]): Promise<Map<string, ReviewSummary>> {
  return new Map();
}
