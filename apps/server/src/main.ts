import path from 'node:path';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { buildApp } from './app.ts';
import { seed } from './seed.ts';
import { platformRunner } from './runner.ts';
import { scheduleCatalogueSweep } from './modules/freshness/freshness.service.ts';
import { scheduleMatchDigest } from './modules/push/push.digest.ts';
import { startTrading } from './modules/trading/trading.jobs.ts';
import { scheduleMilestoneSweep } from './modules/challenges/challenges.jobs.ts';
import { scheduleStorageSweep } from './modules/storage/storage.job.ts';
import { warmImportWorkers } from './modules/imports/imports.parse.ts';
import { ensureSeededPacks } from './modules/policy/policy.service.ts';

async function main() {
  const config = loadConfig();
  // DATA_DIR holds the database (pglite/) beside the platform's files (attachments/, imports/).
  const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
  await database.migrate();
  await seed(database.db, config);
  // A rule pack whose seeded version is newer than the stored one is published as a new version (the old one kept).
  for (const p of await ensureSeededPacks(database.db)) console.log(`政策条款包 ${p.jurisdiction} 发布内置新版本 ${p.version}，${p.validFrom} 起适用`);
  const app = await buildApp({ db: database.db, config });
  const jobs = platformRunner(database.db, app.log, app.deps);
  await scheduleCatalogueSweep(database.db);
  await scheduleMatchDigest(database.db);
  await scheduleStorageSweep(database.db, config.dataDir);
  // The worker threads that read uploaded spreadsheets load ahead of the first upload.
  warmImportWorkers();
  await startTrading(database.db);
  await scheduleMilestoneSweep(database.db);
  // Every second: an auction closes within a second of its end.
  jobs.start(1000);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    // Whatever hangs (a stuck query, a client that does not let go) must not keep the process alive.
    setTimeout(() => {
      app.log.error('shutdown took longer than 8 s; exiting anyway');
      process.exit(1);
    }, 8000).unref();
    try {
      await jobs.stop();
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const where = database.kind === 'pglite' ? `PGlite at ${path.join(config.dataDir, 'pglite')}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`科转通 listening on http://${config.host}:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.port} — ${where}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
