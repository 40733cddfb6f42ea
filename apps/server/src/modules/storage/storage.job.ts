import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { shanghaiToday } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit.ts';
import { systemContext } from '../../platform/context.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { storageRepository } from './storage.repository.ts';
import { STORAGE_LIMITS } from './storage.service.ts';

/**
 * The storage sweep (issue 11): import files past their grace period are let
 * go, then every file under DATA_DIR/attachments and DATA_DIR/imports whose
 * content hash no ledger row names (an attachment removed, an import file
 * expired, an upload refused half-way) is deleted once it is older than an
 * hour. What was deleted is audited as one `storage.sweep` event.
 */

const SHA = /^[0-9a-f]{64}$/;

/** Files of the two stores: content files by hash, and leftovers of uploads (temporary names). */
async function storedFilesOn(dataDir: string) {
  const found: { file: string; sha256: string | null }[] = [];
  const list = async (dir: string) => (await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) as import('node:fs').Dirent[];
  const attachments = path.join(dataDir, 'attachments');
  for (const d of await list(attachments)) {
    if (!d.isDirectory()) continue;
    for (const e of await list(path.join(attachments, d.name))) {
      if (e.isFile()) found.push({ file: path.join(attachments, d.name, e.name), sha256: SHA.test(e.name) ? e.name : null });
    }
  }
  for (const e of await list(path.join(dataDir, 'imports'))) {
    if (e.isFile()) found.push({ file: path.join(dataDir, 'imports', e.name), sha256: SHA.test(e.name) ? e.name : null });
  }
  return found;
}

export async function sweepStorage(db: Db, dataDir: string, now = new Date()) {
  const expired = await db.transaction((tx) => storageRepository.deleteExpired(tx, now));
  const kept = await storageRepository.referenced(db);
  const deleted: { file: string; size: number }[] = [];
  for (const { file, sha256 } of await storedFilesOn(dataDir)) {
    if (sha256 && kept.has(sha256)) continue;
    const stat = await fs.stat(file).catch(() => null);
    if (!stat || now.getTime() - stat.mtimeMs < STORAGE_LIMITS.orphanAgeMs) continue;
    await fs.rm(file, { force: true });
    deleted.push({ file: path.relative(dataDir, file).split(path.sep).join('/'), size: stat.size });
  }
  if (expired.length || deleted.length) {
    await db.transaction((tx) =>
      recordAudit(tx, systemContext(`storage.sweep:${now.toISOString()}`), {
        action: 'storage.sweep',
        entityType: 'storage',
        entityId: randomUUID(),
        after: {
          expired: expired.map((r) => ({ kind: r.kind, ref: r.ref, organizationId: r.organizationId, userId: r.userId, sha256: r.sha256 })).slice(0, 500),
          deleted: deleted.slice(0, 500),
          deletedFiles: deleted.length,
          freedBytes: deleted.reduce((s, d) => s + d.size, 0),
        },
      }),
    );
  }
  return { expired: expired.length, deleted: deleted.length, freedBytes: deleted.reduce((s, d) => s + d.size, 0) };
}

export const storageSweepJob = defineJob({
  name: 'storage.sweep',
  version: 1,
  payload: z.object({ dataDir: z.string() }),
  run: async (db, { dataDir }) => {
    await sweepStorage(db, dataDir);
    await scheduleStorageSweep(db, dataDir);
  },
});

/** Ensures the next daily sweep is scheduled: 03:00 Asia/Shanghai, one per day (by key). */
export async function scheduleStorageSweep(db: Db, dataDir: string, now = new Date()) {
  const today = shanghaiToday(now);
  let at = new Date(`${today}T03:00:00+08:00`);
  if (at <= now) at = new Date(at.getTime() + 86400_000);
  await scheduleJob(db, storageSweepJob, { payload: { dataDir }, runAt: at, key: `storage.sweep:${shanghaiToday(at)}` });
}
