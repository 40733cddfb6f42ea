import type { Row } from './types.ts';

/** Rows that modules keep beside the matrix; add a module's file here. */
export const extraRows: Row[] = [];
