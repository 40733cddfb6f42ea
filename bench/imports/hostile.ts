/**
 * Hostile imports (issue 11, "denial of service by any new account"): the
 * real server process (PGlite in a scratch DATA_DIR) receives, as a member of
 * a verified organisation, the files that used to take it down — a sheet with
 * one cell in column XFD above 2,000 rows (the 20 KB file), the same
 * width as CSV, a row bomb, a zip bomb that declares its size and one that
 * lies about it, and a validation range over the whole sheet — while
 * GET /api/health is asked every 25 ms. Each must be refused (400 on the
 * field `file`) within 2 s, health must keep answering, and the server's
 * resident memory is watched. A valid file is sent last to show the path
 * still works. Protocol: bench/README.md, "hostile imports".
 *
 *   npm run bench:hostile-imports
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openDatabase } from '../../apps/server/src/db/client.ts';
import { seed } from '../../apps/server/src/seed.ts';
import { Factories } from '../../apps/server/test/factories.ts';
import { ACHIEVEMENT_HEADERS, achievementRow, multipart, workbook, xlsxParts, xmlRow, zipOf } from '../../apps/server/src/modules/imports/imports.testkit.ts';

const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
const serverRoot = path.resolve(import.meta.dirname, '../../apps/server');
const LIMIT_MS = 2_000;

async function prepare(dataDir: string) {
  const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  await database.migrate();
  await seed(database.db, { ...loadConfig({ NODE_ENV: 'test', SEED: 'none' }) }, () => {});
  const f = new Factories(database.db);
  const owner = await f.user({ name: '导入压测人' });
  const org = await f.organization(owner, { type: 'university', jurisdictionCode: '140700', status: 'verified', name: '压测大学' });
  await database.close();
  return { token: owner.token, orgId: org.id };
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) resolve({ proc, base: m[1]! });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out.slice(-2000)}`)));
  });
}

/** Resident memory of a process, in MB (Linux). */
const rssMb = (pid: number) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
};

const HEADER = xmlRow(1, ['A', '标题'], ['B', '成果类型'], ['C', '行业门类'], ['D', '成熟度(1-9)']);
const dataRow = (r: number) => xmlRow(r, ['A', `成果${r}`], ['B', '应用研究'], ['C', 'C'], ['D', 5]);

/** The hostile files, each built here byte by byte. */
async function files() {
  const wideRows = [xmlRow(1, ['A', '标题'], ['B', '成果类型'], ['C', '行业门类'], ['D', '成熟度(1-9)'], ['XFD', 'x'])];
  for (let r = 2; r <= 2001; r++) wideRows.push(dataRow(r));
  const rows: string[] = [HEADER];
  for (let r = 2; r <= 50_001; r++) rows.push(dataRow(r));
  const declared = xlsxParts('成果', HEADER + dataRow(2));
  declared[4] = { ...declared[4]!, declaredSize: 2_000_000_000 };
  const lying = xlsxParts('成果', HEADER + dataRow(2) + ' '.repeat(200 * 1024 * 1024));
  lying[4] = { ...lying[4]!, declaredSize: 4096 };
  const validated = xlsxParts('成果', HEADER + dataRow(2));
  validated[4] = {
    name: validated[4]!.name,
    data: Buffer.from(validated[4]!.data.toString('utf8').replace('</worksheet>', '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>1</formula1></dataValidation></dataValidations></worksheet>')),
  };
  return [
    { name: 'wide sheet: one cell in XFD1 above 2,000 rows (the issue’s file)', file: 'wide.xlsx', body: zipOf(xlsxParts('成果', wideRows.join(''))), expect: 400 },
    { name: 'wide CSV: a field in column XFD', file: 'wide.csv', body: Buffer.from(`标题,成果类型,行业门类,成熟度${','.repeat(16_380)}x\n成果,应用研究,C,5\n`), expect: 400 },
    { name: 'row bomb: 50,000 rows', file: 'rows.xlsx', body: zipOf(xlsxParts('成果', rows.join(''))), expect: 400 },
    { name: 'zip bomb, declared: a sheet of 2 GB', file: 'declared.xlsx', body: zipOf(declared), expect: 400 },
    { name: 'zip bomb, lying: declares 4 KB, inflates to 200 MB', file: 'bomb.xlsx', body: zipOf(lying), expect: 400 },
    { name: 'validation over the whole sheet (A1:XFD1048576)', file: 'validated.xlsx', body: zipOf(validated), expect: 400 },
    { name: 'valid file, 200 rows (control)', file: 'ok.xlsx', body: await workbook('成果', ACHIEVEMENT_HEADERS, Array.from({ length: 200 }, (_, i) => achievementRow(`压测成果${i}`))), expect: 201 },
  ];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-hostile-'));
  const env = { ...process.env, NODE_ENV: 'development', SEED: 'none', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '', DATA_DIR: dir };
  log('preparing a verified organisation…');
  const who = await prepare(dir);
  log('building the files…');
  const cases = await files();
  const { proc, base } = await startServer(env);
  log(`server at ${base} (pid ${proc.pid}); letting its import workers load (they start with the server)…`);
  await new Promise((r) => setTimeout(r, 15_000));
  const results: { name: string; bytes: number; status: number; ms: number; detail: string; healthMaxMs: number; healthN: number; rssMaxMb: number; ok: boolean }[] = [];
  try {
    for (const c of cases) {
      let healthMax = 0;
      let healthN = 0;
      let healthFailed = 0;
      let rssMax = rssMb(proc.pid!);
      let done = false;
      const poll = (async () => {
        while (!done) {
          const t0 = performance.now();
          try {
            const r = await fetch(`${base}/api/health`);
            if (!r.ok) healthFailed++;
            await r.arrayBuffer();
          } catch {
            healthFailed++;
          }
          healthMax = Math.max(healthMax, performance.now() - t0);
          healthN++;
          rssMax = Math.max(rssMax, rssMb(proc.pid!));
          await new Promise((res) => setTimeout(res, 25));
        }
      })();
      await new Promise((res) => setTimeout(res, 200));
      const { body, headers } = multipart(c.file, c.body);
      const t0 = performance.now();
      const res = await fetch(`${base}/api/imports?kind=achievements&organizationId=${who.orgId}`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${who.token}` }, body });
      const json = (await res.json()) as { detail?: string; totalRows?: number; validRows?: number };
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 200));
      done = true;
      await poll;
      const ok = res.status === c.expect && (c.expect !== 400 || ms < LIMIT_MS) && healthFailed === 0 && healthMax < LIMIT_MS;
      const detail = res.status === 201 ? `${json.validRows}/${json.totalRows} rows valid` : (json.detail ?? '');
      results.push({ name: c.name, bytes: c.body.length, status: res.status, ms, detail, healthMaxMs: healthMax, healthN, rssMaxMb: rssMax, ok });
      log(`${ok ? 'ok ' : 'BAD'} ${c.name}: ${res.status} in ${ms.toFixed(0)} ms, health max ${healthMax.toFixed(0)} ms over ${healthN}, RSS max ${rssMax.toFixed(0)} MB — ${detail}`);
    }
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n| file | size | answer | time | max /api/health | health calls | server RSS max |\n|---|---:|---|---:|---:|---:|---:|`);
  for (const r of results) {
    console.log(`| ${r.name} | ${(r.bytes / 1024).toFixed(0)} KB | ${r.status}: ${r.detail} | ${r.ms.toFixed(0)} ms | ${r.healthMaxMs.toFixed(0)} ms | ${r.healthN} | ${r.rssMaxMb.toFixed(0)} MB |`);
  }
  const bad = results.filter((r) => !r.ok);
  console.log(bad.length ? `\n${bad.length} case(s) failed the 2 s / health check` : `\nall ${results.length} cases within 2 s, health answering throughout`);
  process.exitCode = bad.length ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
