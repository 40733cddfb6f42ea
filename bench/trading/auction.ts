/**
 * Auction load benchmark (issue 5): one auction, 200 concurrent bidders
 * over loopback against the real server process, on PGlite and on the
 * PostgreSQL server. Each bidder watches the live floor (server-sent events)
 * and bids the next minimum (now and then a jump) after a think time; a
 * share of bids is sent twice at once with the same Idempotency-Key, as a
 * client retrying a request it thinks was lost would. Afterwards it checks:
 * no accepted bid lost or duplicated, accepted bids strictly increasing by
 * at least the increment, exactly one winner, the hash chain verifying —
 * and reports bid latency. Protocol: bench/README.md, "auction under load".
 *
 *   npm run bench:auction -- [--db pglite,postgres] [--bidders 200] [--seconds 30] [--think-ms 1500] [--retry-share 0.05]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { execSync } from 'node:child_process';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openDatabase } from '../../apps/server/src/db/client.ts';
import { seed } from '../../apps/server/src/seed.ts';
import { achievementRepository } from '../../apps/server/src/modules/achievements/achievements.repository.ts';
import { achievementSearchVector } from '../../apps/server/src/modules/achievements/achievements.repository.ts';
import { Factories, type TestUser } from '../../apps/server/test/factories.ts';
import { scratchDatabase } from '../../apps/server/test/database.ts';
import { percentile } from '../corpus.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite,postgres' },
    server: { type: 'string', default: process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    bidders: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    'think-ms': { type: 'string', default: '1500' },
    'retry-share': { type: 'string', default: '0.05' },
  },
});
const BIDDERS = Number(values.bidders);
const SECONDS = Number(values.seconds);
const THINK = Number(values['think-ms']);
const RETRY = Number(values['retry-share']);
const START = 1_000_000;
const INCREMENT = 10_000;
const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
const serverRoot = path.resolve(import.meta.dirname, '../../apps/server');

type Person = TestUser & { orgId?: string };

/** The data the run needs, written before the server starts (PGlite is one process's): people, organisations, a published achievement. */
async function prepare(target: { url?: string; dataDir?: string }) {
  const database = await openDatabase(target.dataDir ? { dataDir: path.join(target.dataDir, 'pglite') } : { url: target.url });
  await database.migrate();
  await seed(database.db, { ...loadConfig({ NODE_ENV: 'test', SEED: 'none' }) }, () => {});
  const f = new Factories(database.db);
  const admin = await f.admin('140700');
  const root = await f.user({ platformAdmin: true });
  const owner = await f.user({ name: '转让方' });
  const uni = await f.organization(owner, { type: 'university', jurisdictionCode: '140700' });
  const fields = { title: '高强度耐腐蚀特种钢材连续轧制工艺', keywords: ['特种钢材'], industryTags: [], summary: '特种钢材连续轧制与在线热处理一体化工艺。', confidentiality: 'public' };
  const a = await achievementRepository.insert(database.db, {
    ...fields,
    type: 'development',
    industry: 'C',
    maturity: 7,
    organizationId: uni.id,
    jurisdictionCode: '140700',
    jurisdictionPath: '140000/140700',
    ownerType: 'university',
    createdBy: owner.id,
    status: 'published',
    publishedAt: new Date(),
    confirmedAt: new Date(),
    searchVector: achievementSearchVector(fields),
  });
  const bidders: Person[] = [];
  for (let i = 0; i < BIDDERS; i++) {
    const u = await f.user({ name: `竞买人${i + 1}` });
    const org = await f.organization(u, { jurisdictionCode: '140700', name: `压测竞买企业${i + 1}` });
    bidders.push({ ...u, orgId: org.id });
  }
  await database.close();
  return { admin, root, owner, achievementId: a.id, bidders };
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; base: string }> {
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server (e.g. --cpu-prof to see where its time goes).
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const proc = spawn(process.execPath, [...extra, '--import', 'tsx', 'src/main.ts'], { cwd: serverRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) resolve({ proc, base: m[1]! });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => { for (const l of d.toString().split('\n')) if (l.startsWith('QSTAT')) console.error(l); });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out.slice(-2000)}`)));
  });
}

async function api(base: string, method: string, url: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Reads a live stream, calling onListing with each listing event, until `signal` aborts. */
async function watchLive(base: string, id: string, token: string, signal: AbortSignal, onListing: (l: LiveListing) => void) {
  const res = await fetch(`${base}/api/listings/${id}/live`, { headers: { authorization: `Bearer ${token}` }, signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const chunks = buffer.split('\n\n');
      buffer = chunks.pop()!;
      for (const c of chunks) {
        if (!c.startsWith('event: listing')) continue;
        const data = /^data: (.+)$/m.exec(c)?.[1];
        if (data) onListing(JSON.parse(data));
      }
    }
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  }
}

type LiveListing = { status: string; auction: { nextMinimum: number; endsAt: string; bidCount: number } };
type Sent = { ms: number; status: number; id?: string; seq?: number; amount: number; replay: boolean; bidder: number };

async function run(name: string, target: { url?: string; dataDir?: string }, env: NodeJS.ProcessEnv) {
  log(`${name}: preparing ${BIDDERS} bidders…`);
  const p = await prepare(target);
  const { proc, base } = await startServer(env);
  log(`${name}: server at ${base}`);
  try {
    const startsAt = new Date(Date.now() + 8_000 + BIDDERS * 30);
    const endsAt = new Date(startsAt.getTime() + SECONDS * 1000);
    const created = await api(base, 'POST', '/api/listings', p.owner.token, {
      achievementId: p.achievementId,
      kind: 'auction',
      transaction: 'transfer',
      auction: { startPrice: START, reservePrice: START * 2, increment: INCREMENT, deposit: 100_000, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), extendSeconds: 5, maxExtensions: 6 },
    });
    if (created.status !== 201) throw new Error(`listing: ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    const reviewed = await api(base, 'POST', `/api/listings/${id}/review`, p.admin.token, { decision: 'approve' });
    if (reviewed.status !== 200) throw new Error(`review: ${JSON.stringify(reviewed.body)}`);
    for (const b of p.bidders) {
      const d = await api(base, 'POST', `/api/listings/${id}/deposits`, p.owner.token, { organizationId: b.orgId, amount: 100_000 });
      if (d.status !== 201) throw new Error(`deposit: ${JSON.stringify(d.body)}`);
    }

    const stop = new AbortController();
    const state = { nextMinimum: START, endsAt: endsAt.getTime(), status: 'open' };
    const sent: Sent[] = [];
    const watchers = p.bidders.map((b, i) =>
      watchLive(base, id, b.token, stop.signal, (l) => {
        // Each bidder keeps its own view; the shared one is what the slowest stream has said last (for the end).
        if (i === 0) {
          state.nextMinimum = l.auction.nextMinimum;
          state.endsAt = new Date(l.auction.endsAt).getTime();
          state.status = l.status;
        }
        views[i] = l.auction.nextMinimum;
        ends[i] = new Date(l.auction.endsAt).getTime();
      }),
    );
    const views: number[] = p.bidders.map(() => START);
    const ends: number[] = p.bidders.map(() => endsAt.getTime());
    log(`${name}: ${BIDDERS} live streams open; bidding from ${startsAt.toISOString().slice(11, 19)} for ${SECONDS} s`);
    await new Promise((r) => setTimeout(r, Math.max(0, startsAt.getTime() - Date.now() + 50)));
    const t0 = performance.now();
    const bidOnce = async (i: number, amount: number, key: string, replay: boolean) => {
      const s = performance.now();
      const r = await api(base, 'POST', `/api/listings/${id}/bids`, p.bidders[i]!.token, { amount }, { 'idempotency-key': key });
      sent.push({ ms: performance.now() - s, status: r.status, id: r.body?.id, seq: r.body?.seq, amount, replay, bidder: i });
      if (r.status === 201 || r.status === 200) views[i] = Math.max(views[i]!, r.body.auction.nextMinimum);
      if (r.status === 409 && r.body?.type === '/api/problems/bid-too-low') views[i] = views[i]! + INCREMENT;
    };
    await Promise.all(
      p.bidders.map(async (_b, i) => {
        for (;;) {
          await new Promise((r) => setTimeout(r, Math.random() * 2 * THINK));
          if (Date.now() >= ends[i]! - 50 || state.status !== 'open') return;
          const amount = views[i]! + (Math.random() < 0.1 ? INCREMENT * Math.ceil(Math.random() * 3) : 0);
          const key = randomUUID();
          // A client that retries at once with the same key.
          if (Math.random() < RETRY) await Promise.all([bidOnce(i, amount, key, false), bidOnce(i, amount, key, true)]);
          else await bidOnce(i, amount, key, false);
        }
      }),
    );
    const biddingSeconds = (performance.now() - t0) / 1000;
    // The close is the server's job at the end; wait for it.
    const closeStart = Date.now();
    let listing = (await api(base, 'GET', `/api/listings/${id}`, p.owner.token)).body;
    while (listing.status === 'open' && Date.now() - closeStart < 60_000) {
      await new Promise((r) => setTimeout(r, 200));
      listing = (await api(base, 'GET', `/api/listings/${id}`, p.owner.token)).body;
    }
    const closedAfterEndMs = Date.now() - new Date(listing.auction.endsAt).getTime();
    stop.abort();
    await Promise.allSettled(watchers);

    // ---- checks
    const server = (await api(base, 'GET', `/api/listings/${id}/bids`, p.owner.token)).body.items as { seq: number; amount: number; organization: { id: string } }[];
    const accepted = sent.filter((s) => s.status === 201);
    const replays = sent.filter((s) => s.status === 200);
    const ids = new Set(accepted.map((s) => s.id));
    const acceptedBySeq = new Map(accepted.map((s) => [s.seq!, s]));
    const lost = server.filter((b) => !acceptedBySeq.has(b.seq) || acceptedBySeq.get(b.seq)!.amount !== b.amount || p.bidders[acceptedBySeq.get(b.seq)!.bidder]!.orgId !== b.organization.id).length;
    const phantom = accepted.filter((s) => !server.some((b) => b.seq === s.seq)).length;
    let increasing = true;
    for (let k = 1; k < server.length; k++) if (server[k]!.amount < server[k - 1]!.amount + INCREMENT || server[k]!.seq !== server[k - 1]!.seq + 1) increasing = false;
    // A retried request got the very bid its twin made.
    const replayMismatch = replays.filter((r) => !ids.has(r.id)).length;
    const record = (await api(base, 'GET', `/api/listings/${id}/record`, p.owner.token)).body;
    const chain = (await api(base, 'GET', '/api/audit/verify', p.root.token)).body;
    const top = server.at(-1);
    const deals = (await api(base, 'GET', '/api/deals?scope=jurisdiction', p.admin.token)).body.items.filter((d: { listing: { id: string } }) => d.listing.id === id);
    const lat = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { n: s.length, p50: Number(percentile(s, 50).toFixed(1)), p95: Number(percentile(s, 95).toFixed(1)), p99: Number(percentile(s, 99).toFixed(1)), max: Number(s.at(-1)!.toFixed(1)) };
    };
    return {
      database: name,
      bidders: BIDDERS,
      seconds: SECONDS,
      thinkMsMean: THINK,
      requests: sent.length,
      requestsPerSecond: Number((sent.length / biddingSeconds).toFixed(1)),
      accepted: accepted.length,
      replays: replays.length,
      refused: Object.fromEntries([...new Set(sent.filter((s) => s.status >= 400).map((s) => s.status))].map((st) => [st, sent.filter((s) => s.status === st).length])),
      latencyAll: lat(sent.map((s) => s.ms)),
      latencyAccepted: lat(accepted.map((s) => s.ms)),
      checks: {
        serverBids: server.length,
        acceptedDistinct: ids.size,
        lostOrChanged: lost,
        phantom,
        replaysMatchingTheirBid: replays.length - replayMismatch,
        strictlyIncreasingByIncrement: increasing,
        status: listing.status,
        finalPrice: listing.finalPrice,
        topBid: top?.amount ?? null,
        oneWinner: listing.status === 'sold' && deals.length === 1 && deals[0].buyer.id === top?.organization.id && listing.finalPrice === top?.amount,
        extensions: listing.auction.extensions,
        closedAfterEndMs,
        recordVerified: record.verified.ok,
        recordEvents: record.events.length,
        chainVerified: chain.ok,
      },
    };
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
}

async function main() {
  const results = [];
  for (const name of values.db.split(',')) {
    const base = { ...process.env, NODE_ENV: 'development', SEED: 'none', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', SKIP_WEB_BUILD: 'true' };
    if (name === 'postgres') {
      const scratch = await scratchDatabase(values.server);
      try {
        results.push(await run('PostgreSQL 15', { url: scratch.url }, { ...base, DATABASE_URL: scratch.url }));
      } finally {
        await scratch.drop();
      }
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-auction-'));
      try {
        results.push(await run('PGlite', { dataDir: dir }, { ...base, DATABASE_URL: '', DATA_DIR: dir }));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    log(JSON.stringify(results.at(-1)));
  }
  console.log(JSON.stringify({ date: new Date().toISOString(), commit: execSync('git rev-parse --short HEAD').toString().trim(), loadAverage: os.loadavg()[0], results }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
