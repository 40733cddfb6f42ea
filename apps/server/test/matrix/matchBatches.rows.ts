import type { Row } from './types.ts';

/** Rows of the matchBatches module's routes. */
export const matchBatchesRows: Row[] = [];
