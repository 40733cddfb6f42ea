import { Worker } from 'node:worker_threads';
import { AppError } from '../../platform/errors.ts';
import { fileKindOf, fileProblem, type Table } from './imports.file.ts';
import { IMPORT_LIMITS, type SheetShape } from './imports.schemas.ts';

/**
 * Reading an uploaded file happens in a worker thread, never on the main
 * event loop (issue 11: one hostile .xlsx filled the heap and took the whole
 * server down). Up to `IMPORT_LIMITS.workers` workers are kept warm (started
 * at server start by `warmImportWorkers`, or on first use) and each reads one
 * file at a time, with its own heap limit; a worker that runs out of heap, or
 * takes longer than the time limit, is terminated (a fresh one takes its
 * place) and the file is refused. A few more files may wait for a worker;
 * beyond that the caller is asked to try again shortly.
 */

type Answer =
  | { id: number; table: Table }
  | { id: number; refusal: { status: number; slug: string; titleKey: string; detailKey?: string; params: Record<string, string | number>; fieldErrors: { path: string; key: string }[] } }
  | { id: number; failure: string };

type Limits = { heapMb?: number; timeoutMs?: number };

class ParseWorker {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  private pending: { id: number; resolve: (t: Table) => void; reject: (e: unknown) => void } | null = null;
  dead = false;

  constructor(readonly heapMb: number) {
    this.worker = new Worker(new URL('./imports.worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    this.worker.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
    this.ready.catch(() => this.die(new Error('import worker failed to start')));
    this.worker.on('message', (m: Answer | { ready: true }) => {
      if (!('id' in m) || !this.pending || m.id !== this.pending.id) return;
      const p = this.pending;
      this.pending = null;
      if ('table' in m) p.resolve(m.table);
      else if ('refusal' in m) {
        const r = m.refusal;
        p.reject(new AppError(r.status, r.slug, r.titleKey, r.detailKey, r.params, r.fieldErrors));
      } else p.reject(new Error(`import worker: ${m.failure}`));
    });
    this.worker.on('error', (err: Error & { code?: string }) =>
      this.die(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? fileProblem('err.import.tooHeavy', { mb: this.heapMb }) : err),
    );
    this.worker.on('exit', (code) => this.die(new Error(`import worker stopped (exit code ${code})`)));
  }

  /** The worker is gone (out of heap, stopped, crashed): the file it was reading is refused and the pool forgets it. */
  die(reason: unknown) {
    if (this.dead) return;
    this.dead = true;
    pool.delete(this);
    this.pending?.reject(reason);
    this.pending = null;
    void this.worker.terminate();
  }

  async read(id: number, buffer: Buffer, fileName: string, shape: SheetShape, timeoutMs: number): Promise<Table> {
    await this.ready;
    return new Promise<Table>((resolve, reject) => {
      const timer = setTimeout(() => this.die(fileProblem('err.import.timeout', { seconds: Math.max(1, Math.round(timeoutMs / 1000)) })), timeoutMs);
      this.pending = {
        id,
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.worker.postMessage({ id, bytes: new Uint8Array(buffer), fileName, shape });
    });
  }
}

const pool = new Set<ParseWorker>();
const idle: ParseWorker[] = [];
let busy = 0;
const queue: (() => void)[] = [];
let nextId = 1;

/** Starts the workers ahead of the first upload (the server does at start), so no upload waits for one to load. */
export function warmImportWorkers() {
  while (pool.size < IMPORT_LIMITS.workers) {
    const w = new ParseWorker(IMPORT_LIMITS.workerHeapMb);
    pool.add(w);
    idle.push(w);
  }
}

async function acquire(heapMb: number): Promise<ParseWorker> {
  if (busy >= IMPORT_LIMITS.workers) {
    if (queue.length >= IMPORT_LIMITS.waiting) throw new AppError(503, 'import-busy', 'problem.import.busy', 'err.import.busy');
    await new Promise<void>((resolve) => queue.push(resolve));
  }
  busy++;
  if (heapMb !== IMPORT_LIMITS.workerHeapMb) return new ParseWorker(heapMb);
  let w = idle.pop();
  while (w && w.dead) w = idle.pop();
  if (!w) {
    w = new ParseWorker(heapMb);
    pool.add(w);
  }
  return w;
}

function release(w: ParseWorker, standard: boolean) {
  busy--;
  if (standard && !w.dead) idle.push(w);
  else if (!standard) void w.worker.terminate();
  queue.shift()?.();
}

/** The file's table (checked against the template's `shape`: its sheet, no wider than its columns allow), read in a worker thread with a heap and a time limit; a refusal of the file as a 400 problem on `file`. */
export async function readTableInWorker(buffer: Buffer, fileName: string, shape: SheetShape, limits: Limits = {}): Promise<Table> {
  fileKindOf(fileName);
  if (buffer.length === 0) throw fileProblem('err.import.empty');
  const heapMb = limits.heapMb ?? IMPORT_LIMITS.workerHeapMb;
  const w = await acquire(heapMb);
  try {
    return await w.read(nextId++, buffer, fileName, shape, limits.timeoutMs ?? IMPORT_LIMITS.workerTimeoutMs);
  } finally {
    release(w, heapMb === IMPORT_LIMITS.workerHeapMb);
  }
}
