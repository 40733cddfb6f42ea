import { Worker } from 'node:worker_threads';
import { AppError } from '../../platform/errors.ts';
import { fileKindOf, fileProblem, type Table } from './imports.file.ts';
import { IMPORT_LIMITS, type ImportKind } from './imports.schemas.ts';

/**
 * Reading an uploaded file happens in a worker thread, never on the main
 * event loop (issue 11: one hostile .xlsx filled the heap and took the whole
 * server down). The worker has its own heap limit and a time limit; when it
 * runs out of either it is terminated and the file refused. At most
 * `IMPORT_LIMITS.workers` files are read at once, a few more wait, and
 * beyond that the caller is asked to try again shortly.
 */

let running = 0;
const queue: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= IMPORT_LIMITS.workers) {
    if (queue.length >= IMPORT_LIMITS.waiting) throw new AppError(503, 'import-busy', 'problem.import.busy', 'err.import.busy');
    await new Promise<void>((resolve) => queue.push(resolve));
  } else running++;
  return () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };
}

type Answer =
  | { table: Table }
  | { refusal: { status: number; slug: string; titleKey: string; detailKey?: string; params: Record<string, string | number>; fieldErrors: { path: string; key: string }[] } }
  | { failure: string };

/** The file's table, read in a worker thread with a heap and a time limit; a refusal of the file as a 400 problem on `file`. */
export async function readTableInWorker(buffer: Buffer, fileName: string, kind: ImportKind, limits: { heapMb?: number; timeoutMs?: number } = {}): Promise<Table> {
  fileKindOf(fileName);
  if (buffer.length === 0) throw fileProblem('err.import.empty');
  const release = await slot();
  try {
    return await new Promise<Table>((resolve, reject) => {
      const timeoutMs = limits.timeoutMs ?? IMPORT_LIMITS.workerTimeoutMs;
      const worker = new Worker(new URL('./imports.worker.mjs', import.meta.url), {
        workerData: { bytes: new Uint8Array(buffer), fileName, kind },
        resourceLimits: { maxOldGenerationSizeMb: limits.heapMb ?? IMPORT_LIMITS.workerHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
        stdout: true,
        stderr: true,
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const timer = setTimeout(() => settle(() => reject(fileProblem('err.import.timeout', { seconds: Math.round(timeoutMs / 1000) }))), timeoutMs);
      worker.on('message', (m: Answer) =>
        settle(() => {
          if ('table' in m) resolve(m.table);
          else if ('refusal' in m) {
            const r = m.refusal;
            reject(new AppError(r.status, r.slug, r.titleKey, r.detailKey, r.params, r.fieldErrors));
          } else reject(new Error(`import worker: ${m.failure}`));
        }),
      );
      worker.on('error', (err: Error & { code?: string }) =>
        settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? fileProblem('err.import.tooHeavy', { mb: limits.heapMb ?? IMPORT_LIMITS.workerHeapMb }) : err)),
      );
      worker.on('exit', (code) => settle(() => reject(new Error(`import worker stopped (exit code ${code})`))));
    });
  } finally {
    release();
  }
}
