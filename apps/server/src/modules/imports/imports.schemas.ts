import { z } from 'zod';
import { pageQuery } from '@kzt/shared';

export const IMPORT_KINDS = ['achievements', 'demands'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_STATUSES = ['validated', 'queued', 'importing', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * Limits of one import, written down once. Batches are small and separated by
 * a pause because on PGlite (one connection) a batch transaction holds up every
 * other query: a request of a few queries needs a gap between two batches.
 */
export const IMPORT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRows: 10_000, previewRows: 20, maxReport: 2_000, batchSize: 200, pauseMs: 25 } as const;

export const importKind = z.enum(IMPORT_KINDS);
export const templateParams = z.object({ kind: importKind });
export const uploadQuery = z.object({ kind: importKind, organizationId: z.uuid().optional() });
export const importIdParams = z.object({ id: z.uuid() });
export const listImportsQuery = pageQuery.extend({ kind: importKind.optional() });

/** One finding of the dry run: the Excel row number, the column header, a sentence. */
export type ReportEntry = { row: number; column: string; message: string };
