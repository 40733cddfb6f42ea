import { parentPort } from 'node:worker_threads';
import { AppError } from '../../platform/errors.ts';
import { readTable } from './imports.file.ts';
import type { SheetShape } from './imports.schemas.ts';

/**
 * A worker thread of imports.parse.ts that reads uploaded files into tables,
 * one at a time, off the main thread. It is started with a heap limit and
 * terminated by the main thread when a file takes longer than allowed. For
 * each request it answers once: the table, a refusal of the file (the
 * AppError's parts, rebuilt by the caller), or a failure.
 */
type Request = { id: number; bytes: Uint8Array; fileName: string; shape: SheetShape };

parentPort!.on('message', async ({ id, bytes, fileName, shape }: Request) => {
  try {
    const table = await readTable(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName, shape);
    parentPort!.postMessage({ id, table });
  } catch (err) {
    if (err instanceof AppError) {
      const { status, slug, titleKey, detailKey, params, fieldErrors } = err;
      parentPort!.postMessage({ id, refusal: { status, slug, titleKey, detailKey, params, fieldErrors } });
    } else parentPort!.postMessage({ id, failure: String((err as Error)?.message ?? err) });
  }
});
parentPort!.postMessage({ ready: true });
