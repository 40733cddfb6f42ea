import type { Row } from './types.ts';

/** Rows of the matchReviews module's routes. */
export const matchReviewsRows: Row[] = [];
