import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../platform/errors.ts';
import { SPECS } from './imports.columns.ts';
import { readTable } from './imports.file.ts';
import type { ImportKind } from './imports.schemas.ts';

/**
 * Reads one uploaded file into a table, off the main thread (imports.parse.ts
 * starts it with a heap limit and a time limit). Answers once: the table, a
 * refusal of the file (the AppError's parts, rebuilt by the caller), or a
 * failure.
 */
const { bytes, fileName, kind } = workerData as { bytes: Uint8Array; fileName: string; kind: ImportKind };

try {
  const table = await readTable(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName, SPECS[kind]);
  parentPort!.postMessage({ table });
} catch (err) {
  if (err instanceof AppError) {
    const { status, slug, titleKey, detailKey, params, fieldErrors } = err;
    parentPort!.postMessage({ refusal: { status, slug, titleKey, detailKey, params, fieldErrors } });
  } else parentPort!.postMessage({ failure: String((err as Error)?.message ?? err) });
}
