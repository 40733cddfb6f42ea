import type { Row } from './types.ts';

/** Rows of the matching module's routes. */
export const matchingRows: Row[] = [];
