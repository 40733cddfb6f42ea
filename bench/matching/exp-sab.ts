import { performance } from 'node:perf_hooks';
import { demandQuery } from '../../apps/server/src/modules/matching/matching.engine.ts';
import { buildMatchIndex } from '../../apps/server/src/modules/matching/matching.indexes.ts';
import { readRecords } from '../corpus.ts';
import { speedDemands } from './demands.ts';
import { openTarget } from './load.ts';

const records = readRecords();
const demands = speedDemands(records, 1_000_000, 500, 'latency');
const database = await openTarget({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/kzt_bench_matching' });
const t0 = performance.now();
const index = await buildMatchIndex(database.db, 'achievement');
(globalThis as any).gc?.();
const mem = process.memoryUsage();
console.log(`built ${index.size} in ${((performance.now() - t0) / 1000).toFixed(1)} s; rss ${Math.round(mem.rss / 2 ** 20)} MB, peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
const qs = demands.map((d) => demandQuery({ ...d, organizationId: 'x', jurisdictionPath: null }));
const opts = { limit: 10, filter: (v: { organizationId: string }) => v.organizationId !== 'x' };
const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) * p)]!.toFixed(2);
const postings = (index as any).postings as Map<string, { docs: Int32Array; tf: Uint16Array }>;
const shared = new Map([...postings].map(([t, p]) => [t, { docs: p.docs, tf: p.tf }]));
const regular = new Map([...postings].map(([t, p]) => [t, { docs: p.docs.slice(), tf: p.tf.slice() }]));
for (const round of [1, 2, 3]) {
  for (const [name, lists] of [['shared', shared], ['regular', regular]] as const) {
    for (const [t, p] of postings) { p.docs = lists.get(t)!.docs; p.tf = lists.get(t)!.tf; }
    for (const q of qs.slice(0, 20)) index.match(q, opts);
    const times: number[] = [];
    for (const q of qs) { const t = performance.now(); index.match(q, opts); times.push(performance.now() - t); }
    console.log(`round ${round} ${name}: p50 ${pct(times, 0.5)} p95 ${pct(times, 0.95)} ms`);
  }
}
process.exit(0);
