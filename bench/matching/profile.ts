/**
 * Profiling aid (not a benchmark; its figures are not recorded):
 *   npx tsx --expose-gc bench/matching/profile.ts --save FILE   build the match index from kzt_bench_matching, write its snapshot
 *   npx tsx bench/matching/profile.ts --load FILE               read it back (seconds, not the build's minutes), time the speed
 *                                                               benchmark's latency demands on it, and print where the time goes
 *   npx tsx --expose-gc bench/matching/profile.ts --compare     build, then time the index and its snapshot in one process
 * DATABASE_URL overrides the bench database.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { demandQuery, MatchIndex } from '../../apps/server/src/modules/matching/matching.engine.ts';
import { buildMatchIndex } from '../../apps/server/src/modules/matching/matching.indexes.ts';
import { percentile, readRecords } from '../corpus.ts';
import { speedDemands } from './demands.ts';
import { openTarget } from './load.ts';

const { values } = parseArgs({ options: { compare: { type: 'boolean' }, save: { type: 'string' }, load: { type: 'string' }, n: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '500' }, rounds: { type: 'string', default: '3' } } });
const DEMAND_ORG = '00000000-0000-4000-8000-000000000001';

type Json = unknown;
function write(file: string, snap: object) {
  const blobs: Buffer[] = [];
  let offset = 0;
  const walk = (v: Json): Json => {
    if (ArrayBuffer.isView(v)) {
      const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      const at = offset;
      blobs.push(b);
      offset += b.length;
      return { $t: v.constructor.name, at, bytes: b.length };
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const manifest = Buffer.from(JSON.stringify(walk(snap)));
  const fd = fs.openSync(file, 'w');
  const head = Buffer.alloc(8);
  head.writeBigUInt64LE(BigInt(manifest.length));
  fs.writeSync(fd, head);
  fs.writeSync(fd, manifest);
  for (const b of blobs) fs.writeSync(fd, b);
  fs.closeSync(fd);
}

function read(file: string) {
  const all = fs.readFileSync(file);
  const m = Number(all.readBigUInt64LE(0));
  const base = 8 + m;
  const types = { Int32Array, Uint16Array, Float32Array, Float64Array, Uint8Array, Int8Array } as Record<string, { new (b: ArrayBuffer): ArrayBufferView; BYTES_PER_ELEMENT: number }>;
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as { $t?: string; at: number; bytes: number };
      if (o.$t) {
        const ab = new ArrayBuffer(o.bytes);
        new Uint8Array(ab).set(all.subarray(base + o.at, base + o.at + o.bytes));
        return new types[o.$t]!(ab);
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(JSON.parse(all.subarray(8, base).toString()));
}

/** The speed benchmark's latency demands as queries, each timed as it is made, and the options it matches them with. */
function latencyQueries() {
  const made: number[] = [];
  const queries = speedDemands(readRecords(), Number(values.n), Number(values.queries), 'latency').map((d) => {
    const s = performance.now();
    const q = demandQuery({ id: d.id, organizationId: DEMAND_ORG, jurisdictionPath: null, title: d.title, description: d.description, keywords: d.keywords, industry: d.industry, cooperationModes: d.cooperationModes, budgetMinFen: d.budgetMinFen, budgetMaxFen: d.budgetMaxFen });
    made.push(performance.now() - s);
    return q;
  });
  const options = { limit: 10, filter: (v: { organizationId: string }) => v.organizationId !== DEMAND_ORG };
  return { queries, options, made: made.sort((a, b) => a - b) };
}

function timeQueries(index: MatchIndex, label: string) {
  const { queries, options } = latencyQueries();
  for (const q of queries.slice(0, 20)) index.match(q, options);
  for (let r = 0; r < 2; r++) {
    const times: number[] = [];
    for (const q of queries) {
      const s = performance.now();
      index.match(q, options);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`${label}: p50 ${percentile(times, 50).toFixed(2)} p95 ${percentile(times, 95).toFixed(2)} p99 ${percentile(times, 99).toFixed(2)} ms; rss ${(process.memoryUsage().rss / 2 ** 30).toFixed(2)} GB`);
  }
}

if (values.compare) {
  const database = await openTarget({ kind: 'postgres', url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kzt_bench_matching' });
  const t0 = performance.now();
  const index = await buildMatchIndex(database.db, 'achievement');
  console.log(`built ${index.size} in ${((performance.now() - t0) / 1000).toFixed(1)} s; peak rss ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GB`);
  await database.close();
  (globalThis as { gc?: () => void }).gc?.();
  console.log(`after gc: rss ${(process.memoryUsage().rss / 2 ** 30).toFixed(2)} GB, heap ${(process.memoryUsage().heapUsed / 2 ** 30).toFixed(2)} of ${(process.memoryUsage().heapTotal / 2 ** 30).toFixed(2)} GB, external ${(process.memoryUsage().external / 2 ** 30).toFixed(2)} GB`);
  timeQueries(index, 'live');
  const snap = MatchIndex.fromSnapshot(index.snapshot());
  timeQueries(snap, 'snapshot');
  timeQueries(index, 'live');
  timeQueries(snap, 'snapshot');
} else if (values.save) {
  const database = await openTarget({ kind: 'postgres', url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kzt_bench_matching' });
  const t0 = performance.now();
  const index = await buildMatchIndex(database.db, 'achievement');
  console.log(`built ${index.size} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  write(values.save, index.snapshot());
  await database.close();
} else if (values.load) {
  const index = MatchIndex.fromSnapshot(read(values.load) as Parameters<typeof MatchIndex.fromSnapshot>[0]);
  const { queries, options, made } = latencyQueries();
  console.log(`demandQuery: p50 ${percentile(made, 50).toFixed(2)} p95 ${percentile(made, 95).toFixed(2)} ms`);
  for (const q of queries.slice(0, 20)) index.match(q, options);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const times: number[] = [];
  for (let r = 0; r < Number(values.rounds); r++) {
    for (const q of queries) {
      const s = performance.now();
      index.match(q, options);
      times.push(performance.now() - s);
    }
  }
  const { profile } = await session.post('Profiler.stop');
  times.sort((a, b) => a - b);
  console.log(`match: p50 ${percentile(times, 50).toFixed(2)} p95 ${percentile(times, 95).toFixed(2)} p99 ${percentile(times, 99).toFixed(2)} ms over ${times.length}`);
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  // Lines of the engine's files (matching.engine*.ts) by samples.
  const lines = new Map<string, number>();
  const sources = new Map<string, string[]>();
  let ticks = 0;
  for (const n of profile.nodes) {
    const file = n.callFrame.url.split('/').pop() ?? '';
    if (!/^matching\.engine[.\w]*\.ts$/.test(file)) continue;
    if (!sources.has(file)) sources.set(file, fs.readFileSync(new URL(n.callFrame.url), 'utf8').split('\n'));
    for (const pt of n.positionTicks ?? []) {
      const key = `${file}:${pt.line}`;
      lines.set(key, (lines.get(key) ?? 0) + pt.ticks);
      ticks += pt.ticks;
    }
  }
  for (const [key, v] of [...lines.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    const [file, l] = key.split(':') as [string, string];
    console.log(`${((100 * v) / ticks).toFixed(1).padStart(5)}%  ${key.padStart(34)} ${sources.get(file)![Number(l) - 1]?.trim().slice(0, 100)}`);
  }
}
