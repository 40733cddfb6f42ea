import type { Row } from './types.ts';

/** Rows of the push module's routes. */
export const pushRows: Row[] = [];
