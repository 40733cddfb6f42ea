import { z } from 'zod';
import { pageQuery } from '@kzt/shared';

export const IMPORT_KINDS = ['achievements', 'demands'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** `checking`: a large file of another module (contracts) is being checked by a job before its report is ready. */
export const IMPORT_STATUSES = ['checking', 'validated', 'queued', 'importing', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * Limits of one import, written down once. Batches are small and separated by
 * a pause because on PGlite (one connection) a batch transaction holds up every
 * other query: a request of a few queries needs a gap between two batches.
 */
export const IMPORT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  /** Data rows of one file (the header not counted); stated in the template and on the import page. */
  maxRows: 5_000,
  previewRows: 20,
  maxReport: 2_000,
  batchSize: 200,
  pauseMs: 25,
  /** Columns a file may fill beyond the template's (a 序号 or 备注 column); a cell with content further right refuses the file. */
  extraColumns: 5,
  /** An .xlsx (a zip): at most this many entries, and this many bytes once unzipped, declared and actual. */
  maxZipEntries: 200,
  maxUnzippedBytes: 64 * 1024 * 1024,
  /** Cells of all sheets together, and cells covered by merged or validated ranges (the reader expands those one by one). */
  maxCells: 300_000,
  maxRangeCells: 200_000,
  /** The worker thread that reads a file: its heap, its time, how many run at once and how many may wait. */
  workerHeapMb: 256,
  workerTimeoutMs: 20_000,
  workers: 2,
  waiting: 8,
} as const;

/** The widest a file of this kind may be: the template's columns and a few more. */
/** What the file reader needs of a template (it crosses to the worker thread, so plain data): the data sheet's name and its columns' count. */
export type SheetShape = { sheet: string; columnCount: number };
export const maxColumnsOf = (shape: SheetShape) => shape.columnCount + IMPORT_LIMITS.extraColumns;

export const importKind = z.enum(IMPORT_KINDS);
export const templateParams = z.object({ kind: importKind });
export const uploadQuery = z.object({ kind: importKind, organizationId: z.uuid().optional() });
export const importIdParams = z.object({ id: z.uuid() });
/** The imports listed: the catalogue's kinds, or `contracts` (the contracts module's, read here too). */
export const listImportsQuery = pageQuery.extend({ kind: z.enum([...IMPORT_KINDS, 'contracts']).optional() });

/** One finding of the dry run: the Excel row number, the column header, a sentence. */
export type ReportEntry = { row: number; column: string; message: string };
