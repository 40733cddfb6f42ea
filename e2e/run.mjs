// Browser test runner: builds the web app, starts the real server on a free port
// with a fresh data directory and the demo seed, runs e2e/*.test.mjs against it
// with node:test, stops the server and exits with the tests' exit code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(e2eDir, '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(cmd, args, opts = {}) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return r.status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log(`${CHROMIUM} is missing; installing chromium and fonts-wqy-zenhei with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const pkgs = ['install', '-y', 'chromium', 'fonts-wqy-zenhei'];
  if (run('apt-get', pkgs, { env }) !== 0) {
    run('apt-get', ['update'], { env });
    if (run('apt-get', pkgs, { env }) !== 0) throw new Error('could not install chromium');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} still missing after apt-get install`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// The first start seeds the demo (under a minute on a quiet machine); a busy one needs longer.
async function waitForHealth(url, child, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not become healthy within ${timeoutMs / 1000}s`);
}

function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

ensureChromium();
if (run('npm', ['run', 'build', '-w', 'apps/web']) !== 0) {
  console.error('web build failed');
  process.exit(1);
}

// E2E_PORT: a port of the caller's range (helpers sharing a machine each have theirs); else any free one.
const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
const dataDir = mkdtempSync(path.join(tmpdir(), 'kzt-e2e-'));
const logFile = path.join(dataDir, 'server.log');
const baseUrl = `http://127.0.0.1:${port}`;
const logFd = openSync(logFile, 'a');
const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
  cwd: root,
  env: {
    ...process.env, // DATABASE_URL passes through when set
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED: 'demo',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  },
  stdio: ['ignore', logFd, logFd],
});

let code = 1;
try {
  await waitForHealth(baseUrl, server);
  console.log(`server ready at ${baseUrl} (data in ${dataDir})`);
  const files = readdirSync(e2eDir)
    .filter((f) => f.endsWith('.test.mjs'))
    // `npm run test:e2e -- matching trading` runs only the files named.
    .filter((f) => process.argv.length <= 2 || process.argv.slice(2).some((name) => f.startsWith(`${name}.`)))
    .sort()
    .map((f) => path.join('e2e', f));
  code = run(process.execPath, ['--test', '--test-concurrency=1', ...files], {
    // E2E_DATA_DIR: a test may break the server's files on purpose (a kept import file gone: the import fails).
    env: { ...process.env, E2E_BASE_URL: baseUrl, E2E_DATA_DIR: dataDir },
  });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await stopServer(server);
  if (code !== 0) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    console.error(`--- server log (last 60 lines) ---\n${log.split('\n').slice(-60).join('\n')}`);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
