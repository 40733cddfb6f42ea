import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Lang } from '../../platform/i18n.ts';
import { demandQuery, type MatchIndex } from './matching.engine.ts';
import { reasonText } from './matching.presenter.ts';

/**
 * A batch of demands matched on every core: the main thread and
 * `threads − 1` worker threads each match chunks of demands against one
 * index — the workers through its snapshot (postings and records in shared
 * memory, matching.snapshot.ts), so the index is not built or copied again —
 * and the lines come out in the demands' order. `npx kzt match-batch` and
 * the matching speed benchmark run their batches here.
 */

/** A demand of a batch (the fields demandQuery reads); `organizationId`, when given, keeps that organisation's achievements out of its matches. */
export type BatchDemand = Parameters<typeof demandQuery>[0] & { id: string };
export type BatchOptions = { top: number; lang: Lang; threads?: number; chunk?: number };

/** One demand's line: `{"demand": id, "matches": [{"achievement": id, "score": n, "reasons": [...]}]}`. */
export function batchLine(index: MatchIndex, d: BatchDemand, top: number, lang: Lang): string {
  const own = d.organizationId;
  // Without its id: a batch's demand ids and achievement ids are separate (the same "1" may be both).
  const hits = index.match(demandQuery({ ...d, id: undefined }), { limit: top, filter: own ? (v) => v.organizationId !== own : undefined });
  return JSON.stringify({ demand: d.id, matches: hits.map((h) => ({ achievement: h.id, score: h.score, reasons: h.reasons.map((r) => reasonText(r, lang)) })) });
}

/** Chunks each worker may hold at once: one being matched and one waiting, so it never waits for the main thread. */
const IN_FLIGHT = 2;

export async function* batchLines(index: MatchIndex, demands: Iterable<BatchDemand> | AsyncIterable<BatchDemand>, opts: BatchOptions): AsyncGenerator<string> {
  const threads = Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), 16));
  const chunk = opts.chunk ?? 20;
  if (threads === 1 || index.size === 0) {
    for await (const d of demands) yield batchLine(index, d, opts.top, opts.lang);
    return;
  }
  const snapshot = index.snapshot();
  const results = new Map<number, string[]>();
  const load = new Map<Worker, number>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const woken = () => {
    wake?.();
    wake = null;
  };
  let closing = false;
  const workers = Array.from({ length: threads - 1 }, () => {
    const w = new Worker(new URL('./matching.worker.mjs', import.meta.url), { workerData: { snapshot, top: opts.top, lang: opts.lang } });
    load.set(w, 0);
    w.on('message', (m: { no: number; lines: string[] }) => {
      results.set(m.no, m.lines);
      load.set(w, load.get(w)! - 1);
      woken();
    });
    w.on('error', (err) => {
      failure ??= err;
      woken();
    });
    w.on('exit', (code) => {
      if (!closing) failure ??= new Error(`a matching worker stopped (exit code ${code})`);
      woken();
    });
    return w;
  });

  let sent = 0;
  let next = 0;
  const dispatch = async (list: BatchDemand[]) => {
    const no = sent++;
    const w = workers.find((x) => load.get(x)! < IN_FLIGHT);
    if (w) {
      load.set(w, load.get(w)! + 1);
      w.postMessage({ no, demands: list });
    } else {
      results.set(no, list.map((d) => batchLine(index, d, opts.top, opts.lang)));
      // Lets the workers' answers in before the next chunk.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (failure) throw failure;
  };
  try {
    let buffer: BatchDemand[] = [];
    for await (const d of demands) {
      buffer.push(d);
      if (buffer.length < chunk) continue;
      await dispatch(buffer);
      buffer = [];
      for (let lines; (lines = results.get(next)); results.delete(next++)) yield* lines;
    }
    if (buffer.length) await dispatch(buffer);
    while (next < sent) {
      const lines = results.get(next);
      if (lines) {
        results.delete(next++);
        yield* lines;
        continue;
      }
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
