import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from './database.ts';

/**
 * `npm start` is one process that stops within a few seconds of SIGTERM,
 * live auction streams and job loops included (on PGlite or on the
 * PostgreSQL server of DATABASE_URL).
 */
const repoRoot = path.resolve(import.meta.dirname, '../../..');
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const base = { ...process.env, NODE_ENV: 'development', SEED: 'demo', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', SKIP_WEB_BUILD: 'true' };
  if (process.env.DATABASE_URL) {
    const db = await scratchDatabase(process.env.DATABASE_URL);
    env = { ...base, DATABASE_URL: db.url };
    cleanup = db.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-shutdown-'));
    env = { ...base, DATABASE_URL: '', DATA_DIR: dir };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => cleanup?.());

function start(): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(process.execPath, ['scripts/start.mjs'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

describe('shutdown', () => {
  it('npm start runs the server in its own process, which exits within 5 s of SIGTERM with a live stream open', { timeout: 240_000 }, async () => {
    const { proc, base } = await start();
    try {
      // The server is this process itself, not a node child of it (esbuild's service, tsx's compiler, may run beside it).
      const serverChildren = fs
        .readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
          try {
            const parent = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1];
            return parent === String(proc.pid) && fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('main.ts');
          } catch {
            return false;
          }
        });
      expect(serverChildren).toEqual([]);

      const listings = (await (await fetch(`${base}/api/listings?kind=auction&status=open`)).json()) as { items: { id: string }[] };
      expect(listings.items.length).toBeGreaterThan(0);
      const stream = await fetch(`${base}/api/listings/${listings.items[0]!.id}/live`);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      const reader = stream.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain('event: listing');

      const exited = new Promise<{ code: number | null; at: number }>((resolve) => {
        proc.removeAllListeners('exit');
        proc.on('exit', (code) => resolve({ code, at: Date.now() }));
      });
      const sentAt = Date.now();
      proc.kill('SIGTERM');
      const { code, at } = await exited;
      expect(code).toBe(0);
      expect(at - sentAt).toBeLessThan(5000);
      // The stream was ended by the server, not left hanging.
      let done = false;
      for (let i = 0; i < 10 && !done; i++) done = (await reader.read().catch(() => ({ done: true }))).done;
      expect(done).toBe(true);
    } finally {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }
  });
});
