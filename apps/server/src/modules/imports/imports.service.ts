import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { AppError, badRequest, failureMessage, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { scheduleJob, type JobDefinition } from '../../platform/jobs.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { ACHIEVEMENT_OWNER_TYPES } from '../achievements/achievements.service.ts';
import { DEMAND_OWNER_TYPES } from '../demands/demands.service.ts';
import { owningMembership, type Signed } from '../catalogue/catalogue.service.ts';
import { shapeOf, SPECS } from './imports.columns.ts';
import { readTableInWorker } from './imports.parse.ts';
import { importJob, type ImportPayload } from './imports.job.ts';
import { importPolicy, type ImportPolicy } from './imports.policy.ts';
import { presentImport } from './imports.presenter.ts';
import { importRepository, type ImportRow } from './imports.repository.ts';
import { IMPORT_KINDS, IMPORT_LIMITS, type ImportKind } from './imports.schemas.ts';
import { validateTable } from './imports.validate.ts';
import { checkQuota, expireFile, keepFile, keptFile, STORAGE_LIMITS, unverifiedUpload } from '../storage/storage.service.ts';

export { buildTemplate } from './imports.template.ts';

const OWNER_TYPES: Record<ImportKind, readonly string[]> = { achievements: ACHIEVEMENT_OWNER_TYPES, demands: DEMAND_OWNER_TYPES };

/** Where an upload is kept: by its SHA-256, so the same file is stored once. */
export const storedFile = (dataDir: string, sha256: string) => path.join(dataDir, 'imports', sha256);

/**
 * The organisation the import is for: the one named, of which the actor must
 * be a member (403 otherwise), or the actor's first that may hold records of
 * this kind; checked before the file is read.
 */
function importingMembership(actor: Actor, kind: ImportKind, organizationId: string | undefined) {
  if (organizationId && !membershipIn(actor, organizationId)) throw forbidden();
  const m = owningMembership(actor, organizationId, OWNER_TYPES[kind]);
  // Issue 11: a self-registered account with an unverified organisation may not make the server read files.
  if (m.organizationStatus !== 'verified') throw unverifiedUpload(m.organizationName);
  return m;
}

/** Step 1, the dry run: once the actor may import for the organisation, reads and checks every row, stores the file, and reports; nothing is imported. */
export async function dryRunImport(
  db: Db,
  ctx: Signed,
  input: { kind: ImportKind; organizationId?: string; dataDir: string; quotaBytes: number; upload: () => Promise<{ fileName: string; buffer: Buffer }> },
) {
  const m = importingMembership(ctx.actor, input.kind, input.organizationId);
  const { fileName, buffer } = await input.upload();
  // The file is kept for the import to run: it counts against the organisation's storage quota.
  await checkQuota(db, m.organizationId, buffer.length, input.quotaBytes);
  const spec = SPECS[input.kind];
  const table = await readTableInWorker(buffer, fileName, shapeOf(spec)).catch(async (err: unknown) => {
    // A refused file is a security event too: who sent what, and why it was refused.
    if (err instanceof AppError && err.status !== 503) {
      await db.transaction((tx) =>
        recordAudit(tx, ctx, {
          action: input.kind === 'achievements' ? 'achievement.import.refuse' : 'demand.import.refuse',
          entityType: 'import',
          entityId: m.organizationId,
          organizationId: m.organizationId,
          jurisdictionCode: m.jurisdictionPath.split('/').at(-1) ?? null,
          after: { fileName: fileName.slice(0, 255), bytes: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex'), reason: err.detailKey ?? err.titleKey, params: err.params },
        }),
      );
    }
    throw err;
  });
  const result = validateTable(spec, table, { lang: ctx.lang, organizationType: m.organizationType });

  const row = await recordImport(db, ctx, {
    kind: input.kind,
    organizationId: m.organizationId,
    fileName,
    buffer,
    dataDir: input.dataDir,
    quotaBytes: input.quotaBytes,
    status: 'validated',
    totalRows: result.totalRows,
    validRows: result.valid.length,
    report: result.report.slice(0, IMPORT_LIMITS.maxReport),
    audit: (tx, row, after) =>
      recordAudit(tx, ctx, {
        action: input.kind === 'achievements' ? 'achievement.import.dryRun' : 'demand.import.dryRun',
        entityType: 'import',
        entityId: row.id,
        organizationId: m.organizationId,
        jurisdictionCode: m.jurisdictionPath.split('/').at(-1) ?? null,
        after,
      }),
  });
  return {
    ...presentImport(row, importPolicy(ctx.actor, row), { report: true }),
    reportTruncated: result.report.length > IMPORT_LIMITS.maxReport,
    preview: result.valid.slice(0, IMPORT_LIMITS.previewRows).map((v) => ({ row: v.row, ...v.body })),
  };
}

/**
 * Keeps an upload for its import (under `${dataDir}/imports/<sha256>`, written
 * once and atomically) and records the import with its audit event, in one
 * transaction: who made the server read which file, and what it found. The
 * file counts against the organisation's quota — an administrator's import
 * without an organisation against its creator's — and is kept a week.
 * Other modules' imports (contracts) record theirs through this.
 */
export async function recordImport(
  db: Db,
  ctx: Signed,
  input: {
    kind: string;
    organizationId: string | null;
    fileName: string;
    buffer: Buffer;
    dataDir: string;
    quotaBytes: number;
    status: 'validated' | 'checking';
    totalRows: number;
    validRows: number;
    report: unknown[];
    preview?: unknown[];
    /** Writes the caller's audit event (its literal action) in the import's transaction, with what the file was and what the check found. */
    audit: (tx: Tx, row: ImportRow, after: Record<string, unknown>) => Promise<unknown>;
  },
) {
  const sha256 = createHash('sha256').update(input.buffer).digest('hex');
  const file = storedFile(input.dataDir, sha256);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, input.buffer);
  await fs.rename(tmp, file);
  return db.transaction(async (tx) => {
    const row = await importRepository.insert(tx, {
      kind: input.kind,
      organizationId: input.organizationId,
      createdBy: ctx.actor.user.id,
      fileName: input.fileName.slice(0, 255),
      sha256,
      status: input.status,
      totalRows: input.totalRows,
      validRows: input.validRows,
      report: input.report,
      preview: input.preview ?? [],
    });
    const owner = input.organizationId ? { organizationId: input.organizationId } : { userId: ctx.actor.user.id };
    await keepFile(tx, { ...owner, kind: 'import', ref: row.id, name: row.fileName, sha256, size: input.buffer.length, expiresAt: new Date(Date.now() + STORAGE_LIMITS.importGraceMs) }, input.quotaBytes);
    await input.audit(tx, row, { importId: row.id, fileName: row.fileName, sha256, bytes: input.buffer.length, totalRows: input.totalRows, validRows: input.validRows });
    return row;
  });
}

/** Loads an import and checks one permission: 404 for those who may not see it, 409 when its state does not allow it. */
async function authorizeImport(db: Executor, actor: Actor, id: string, action: keyof ImportPolicy, opts: { lock?: boolean } = {}) {
  const row = await importRepository.byId(db, id, opts);
  if (!row) throw notFound('import');
  const policy = importPolicy(actor, row);
  if (!policy.read) throw notFound('import');
  if (!policy[action]) throw invalidState(row.validRows === 0 && row.status === 'validated' ? 'err.import.nothing' : 'err.import.state');
  return { row, policy };
}

/** Step 2: queues the import of the valid rows as a persistent job. */
export async function runImport(db: Db, ctx: Signed, id: string, dataDir: string) {
  return queueImport(db, ctx, id, dataDir, { job: importJob, kinds: IMPORT_KINDS });
}

/**
 * Queues the job that imports a checked file's valid rows (the catalogue's, or
 * another module's `job` for its `kinds`; an import of another kind is not
 * found here). The job's key is the import's, so asking twice queues it once.
 */
export async function queueImport<P extends ImportPayload>(db: Db | Executor, ctx: Signed, id: string, dataDir: string, opts: { job: JobDefinition<P>; kinds: readonly string[]; payload?: Omit<P, keyof ImportPayload> }) {
  const queue = async (tx: Executor) => {
    const { row } = await authorizeImport(tx, ctx.actor, id, 'run', { lock: true });
    if (!opts.kinds.includes(row.kind)) throw notFound('import');
    // The file of a dry run is kept for a week; after that the file must be uploaded again.
    if (!(await keptFile(tx, 'import', row.id))) throw invalidState('err.import.expired');
    const queued = await importRepository.update(tx, row.id, { status: 'queued' });
    const payload = { ...opts.payload, importId: row.id, file: storedFile(dataDir, row.sha256), actorId: ctx.actor.user.id, requestId: ctx.requestId, ip: ctx.ip } as P;
    await scheduleJob(tx, opts.job, { payload, key: `${opts.job.name}:${row.id}` });
    return presentImport(queued, importPolicy(ctx.actor, queued), { report: true });
  };
  return 'transaction' in db ? db.transaction(queue) : queue(db);
}

/** Another module's import job: its import row and the steps it records (progress, the end, a failure). */
export const importRun = {
  byId: (db: Executor, id: string) => importRepository.byId(db, id),
  /** The check of a file done by a job: its counts, report and preview; the import is `validated`. */
  checked: (db: Executor, id: string, r: { totalRows: number; validRows: number; report: unknown[]; preview: unknown[] }) =>
    importRepository.update(db, id, { status: 'validated', totalRows: r.totalRows, validRows: r.validRows, report: r.report.slice(0, IMPORT_LIMITS.maxReport), preview: r.preview }),
  /** The job starts (again): false when the import was discarded meanwhile (the job then stops). */
  start: async (db: Executor, id: string) => !!(await importRepository.startUnlessDiscarded(db, id)),
  progress: (db: Executor, id: string, p: { processed: number; created: number; duplicates: number }) => importRepository.addProgress(db, id, p),
  /** Done: the counts, and the file is released to the storage sweep (a day later). */
  done: async (tx: Executor, id: string, r: { created: number; duplicates: number }) => {
    const row = await importRepository.update(tx, id, { status: 'done', createdRows: r.created, duplicateRows: r.duplicates, finishedAt: new Date() });
    await expireFile(tx, 'import', id, new Date(Date.now() + STORAGE_LIMITS.importDoneGraceMs));
    return row;
  },
  /**
   * Gives up a failed import (in the caller's transaction, which deletes what
   * it entered): loads and locks it, checks the actor may discard it (404, 409),
   * marks it `discarded` and releases its file to the storage sweep.
   */
  discard: async (tx: Executor, actor: Actor, id: string, kinds: readonly string[]) => {
    const { row } = await authorizeImport(tx, actor, id, 'discard', { lock: true });
    if (!kinds.includes(row.kind)) throw notFound('import');
    const discarded = await importRepository.update(tx, id, { status: 'discarded', finishedAt: new Date() });
    await expireFile(tx, 'import', id, new Date(Date.now() + STORAGE_LIMITS.importDoneGraceMs));
    return discarded;
  },
  /** A run failed: the import reads `failed` with the reason, unless it was discarded or finished meanwhile. */
  failed: (db: Executor, id: string, err: unknown) => importRepository.failUnlessEnded(db, id, failureMessage(err)),
};

export async function getImport(db: Db, actor: Actor, id: string) {
  const { row, policy } = await authorizeImport(db, actor, id, 'read');
  return presentImport(row, policy, { report: true });
}

/** An import the actor may read (the row and what the actor may do), for other modules' presenters; 404 otherwise. */
export const readableImport = (db: Executor, actor: Actor, id: string) => authorizeImport(db, actor, id, 'read');

export async function listImports(db: Db, actor: Actor, q: { kind?: string } & Page) {
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const { rows, total } = await importRepository.list(db, actor.memberships.map((m) => m.organizationId), actor.user.id, q.kind, page);
  return paged(rows.map((r: ImportRow) => presentImport(r, importPolicy(actor, r))), total, page);
}

/** A multipart upload that is not a file. */
export const noFile = () => badRequest('file', 'err.import.noFile');
