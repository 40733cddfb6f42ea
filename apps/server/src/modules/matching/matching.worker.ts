import { parentPort, workerData } from 'node:worker_threads';
import type { Lang } from '../../platform/i18n.ts';
import { MatchIndex } from './matching.engine.ts';
import { batchLine, type BatchDemand } from './matching.parallel.ts';
import type { IndexSnapshot } from './matching.snapshot.ts';

/** Matches the chunks of demands matching.parallel.ts sends against the snapshot it was started with. */
const { snapshot, top, lang } = workerData as { snapshot: IndexSnapshot; top: number; lang: Lang };
const index = MatchIndex.fromSnapshot(snapshot);
parentPort!.on('message', ({ no, demands }: { no: number; demands: BatchDemand[] }) => {
  parentPort!.postMessage({ no, lines: demands.map((d) => batchLine(index, d, top, lang)) });
});
