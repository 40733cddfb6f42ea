import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { listings } from '../src/db/schema/index.ts';
import { scratchDatabase } from './database.ts';

/**
 * The real server process: a write acknowledged with 2xx survives kill -9
 * and a restart, on PGlite (DATA_DIR) or on the PostgreSQL server of
 * DATABASE_URL when it is set.
 */
const serverRoot = path.resolve(import.meta.dirname, '..');
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const base = { ...process.env, NODE_ENV: 'development', SEED: 'demo', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' };
  if (process.env.DATABASE_URL) {
    const db = await scratchDatabase(process.env.DATABASE_URL);
    env = { ...base, DATABASE_URL: db.url };
    cleanup = db.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-durability-'));
    env = { ...base, DATABASE_URL: '', DATA_DIR: dir };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => cleanup?.());

function start(): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, base: m[1]! });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

const kill9 = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    proc.removeAllListeners('exit');
    proc.on('exit', () => resolve());
    proc.kill('SIGKILL');
  });

const post = (base: string, url: string, body: unknown, token?: string) =>
  fetch(base + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('durability', () => {
  it('acknowledged writes survive kill -9 and a restart; demo data is seeded once', { timeout: 240_000 }, async () => {
    const first = await start();
    const email = `durable${Date.now()}@example.cn`;
    expect((await post(first.base, '/api/auth/register', { email, password: 'durable-password', name: '持久用户', acceptTerms: true, acceptPrivacy: true })).status).toBe(202);
    // The code arrives in the outbox through the job runner (every second); development servers show it on /api/dev/outbox.
    // Right after a fresh demo start the runner is also making the demo's pushes: the code comes within seconds, not at once.
    let code: string | undefined;
    for (let i = 0; i < 240 && !code; i++) {
      const items = ((await (await fetch(`${first.base}/api/dev/outbox?address=${encodeURIComponent(email)}`)).json()) as { items: { body: string }[] }).items;
      code = items.map((m) => m.body.match(/验证码是 (\d{6})/)?.[1]).find(Boolean);
      if (!code) await new Promise((r) => setTimeout(r, 250));
    }
    const reg = await post(first.base, '/api/auth/register/verify', { login: email, code });
    expect(reg.status).toBe(201);
    const { token } = (await reg.json()) as { token: string };
    const org = await post(first.base, '/api/organizations', { name: '持久单位', type: 'enterprise', creditCode: '91350100M000100Y43', jurisdictionCode: '140700' }, token);
    expect(org.status).toBe(201);
    const orgId = ((await org.json()) as { id: string }).id;
    await kill9(first.proc);

    const second = await start();
    try {
      const login = await post(second.base, '/api/auth/login', { login: email, password: 'durable-password' });
      expect(login.status).toBe(200);
      const seen = await fetch(`${second.base}/api/organizations/${orgId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await seen.json()) as { name: string }).name).toBe('持久单位');
      const admin = await post(second.base, '/api/auth/login', { login: 'admin@kzt.demo', password: 'Demo@2026' });
      const adminToken = ((await admin.json()) as { token: string }).token;
      const orgs = (await (await fetch(`${second.base}/api/organizations?q=${encodeURIComponent('太行理工大学')}`)).json()) as { total: number };
      expect(orgs.total).toBe(1);
      const chain = (await (await fetch(`${second.base}/api/audit/verify`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { ok: boolean };
      expect(chain.ok).toBe(true);
    } finally {
      await kill9(second.proc);
    }
  });

  it('an auction killed in its last minute keeps its bids, and closes when the server starts again after its end', { timeout: 240_000 }, async () => {
    const server = await start();
    const login = async (base: string, email: string) => ((await (await post(base, '/api/auth/login', { login: email, password: 'Demo@2026' })).json()) as { token: string }).token;
    const json = async (res: Response) => (await res.json()) as Record<string, unknown>;
    const get = async (base: string, url: string, token?: string) => json(await fetch(base + url, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
    let listingId = '';
    try {
      const seller = await login(server.base, 'tto@lhkj.demo');
      const admin = await login(server.base, 'shenyang.admin@kzt.demo');
      const buyer = await login(server.base, 'sy.sme@sypm.demo');
      const mine = (await get(server.base, '/api/achievements?scope=mine&pageSize=100', seller)) as { items: { id: string; status: string; confidentiality: string }[] };
      const listed = (await get(server.base, '/api/listings?scope=mine&pageSize=100', seller)) as { items: { achievementId: string; status: string }[] };
      const busy = new Set(listed.items.filter((l) => l.status === 'open' || l.status === 'pending_review').map((l) => l.achievementId));
      // A published achievement that may be listed (not secret) and is not listed yet.
      const achievementId = mine.items.find((a) => a.status === 'published' && a.confidentiality !== 'secret' && !busy.has(a.id))!.id;
      const now = Date.now();
      const created = await post(server.base, '/api/listings', {
        achievementId,
        kind: 'auction',
        transaction: 'transfer',
        auction: { startPrice: 1_000_000, reservePrice: null, increment: 10_000, deposit: 0, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 65_000).toISOString(), extendSeconds: 0, maxExtensions: 0 },
      }, seller);
      expect(created.status).toBe(201);
      listingId = ((await created.json()) as { id: string }).id;
      expect((await post(server.base, `/api/listings/${listingId}/review`, { decision: 'approve' }, admin)).status).toBe(200);
      const bid = await fetch(`${server.base}/api/listings/${listingId}/bids`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer}`, 'idempotency-key': 'durable-bid-0001' },
        body: JSON.stringify({ amount: 1_200_000 }),
      });
      expect(bid.status).toBe(201);
    } finally {
      // Down in the auction's last minute…
      await kill9(server.proc);
    }
    // …and its end passes while the server is down (moved into the past rather than waited for).
    const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: path.join(env.DATA_DIR!, 'pglite') });
    await database.db.update(listings).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(listings.id, listingId));
    await database.close();
    const listing = async (base: string) => get(base, `/api/listings/${listingId}`);
    const again = await start();
    try {
      const l = await listing(again.base);
      expect(l).toMatchObject({ status: 'sold', finalPrice: 1_200_000 });
      expect(((await get(again.base, `/api/listings/${listingId}/bids`)) as { items: unknown[] }).items).toHaveLength(1);
      expect(((await get(again.base, `/api/listings/${listingId}/record`)) as { verified: { ok: boolean } }).verified.ok).toBe(true);
    } finally {
      await kill9(again.proc);
    }
  });
});
