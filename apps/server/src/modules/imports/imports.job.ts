import fs from 'node:fs/promises';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit.ts';
import { failureMessage } from '../../platform/errors.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { actorOfUser } from '../../platform/sessions.ts';
import { findOrganization, type OrganizationWithJurisdiction } from '../organizations/organizations.service.ts';
import { achievementColumns, achievementImports, completerLinker, insertImportedAchievement } from '../achievements/achievements.service.ts';
import { demandColumns, demandImports, insertImportedDemand } from '../demands/demands.service.ts';
import { shapeOf, SPECS } from './imports.columns.ts';
import { readTableInWorker } from './imports.parse.ts';
import { importRepository } from './imports.repository.ts';
import { IMPORT_LIMITS, type ImportKind } from './imports.schemas.ts';
import { validateTable, type ImportBody } from './imports.validate.ts';
import { expireFile, STORAGE_LIMITS } from '../storage/storage.service.ts';
import type { CreateAchievementBody, CreateDemandBody } from '@kzt/shared';

export const importPayload = z.object({
  importId: z.uuid(),
  /** The stored upload, `${DATA_DIR}/imports/<sha256>`. */
  file: z.string(),
  /** Who asked for the import, for the audit event. */
  actorId: z.uuid(),
  requestId: z.string(),
  ip: z.string(),
});
export type ImportPayload = z.infer<typeof importPayload>;

export type ImportRunOptions = {
  batchSize?: number;
  /** Called after each committed batch (tests use it to simulate a crash). */
  afterBatch?: (batch: number) => void | Promise<void>;
  /** Extends the job's lease after each batch (from the job runner). */
  heartbeat?: () => Promise<void>;
};

type Org = OrganizationWithJurisdiction;

/** The records of each kind of import belong to their module, which reads and changes them. */
const RECORDS = { achievements: achievementImports, demands: demandImports } as const;

/** The columns of a new record of the import: a draft-to-be, invisible while `importing`. */
function recordOf(kind: ImportKind, body: ImportBody, org: Org, createdBy: string, importId: string) {
  const owner = {
    organizationId: org.id,
    jurisdictionCode: org.jurisdictionCode,
    jurisdictionPath: org.jurisdictionPath,
    ownerType: org.type,
    createdBy,
    status: 'importing' as const,
    importId,
  };
  if (kind === 'achievements') {
    const b = body as Omit<CreateAchievementBody, 'organizationId'>;
    return { kind, row: { ...achievementColumns(b), title: b.title, type: b.type, industry: b.industry, maturity: b.maturity, ...owner } } as const;
  }
  const b = body as Omit<CreateDemandBody, 'organizationId'>;
  return { kind, row: { ...demandColumns(b), title: b.title, industry: b.industry, ...owner } } as const;
}

/**
 * Imports the valid rows of a dry-run file as drafts of its organisation.
 *
 * Steps, each with its compensation: (1) rows an interrupted attempt left
 * behind (status `importing`, invisible) are deleted; (2) rows are inserted
 * in batches, each its own transaction, still `importing`, and the progress
 * counted; (3) one transaction turns them all into drafts, marks the import
 * done and writes the audit event. A crash before (3) leaves nothing visible
 * and the runner re-claims the job when its lease runs out; a failure
 * removes what was inserted.
 */
export async function executeImport(db: Db, p: ImportPayload, opts: ImportRunOptions & { jobId?: string } = {}) {
  const imp = await importRepository.byId(db, p.importId);
  if (!imp || imp.status === 'done') return;
  const kind = imp.kind as ImportKind;
  const spec = SPECS[kind];
  const org = imp.organizationId ? await findOrganization(db, imp.organizationId) : undefined;
  if (!org) throw new Error(`organisation ${imp.organizationId} of import ${imp.id} is gone`);

  await db.transaction(async (tx) => {
    await RECORDS[kind].deleteImporting(tx, imp.id);
    await importRepository.update(tx, imp.id, { status: 'importing', startedAt: new Date(), processedRows: 0, createdRows: 0, duplicateRows: 0, error: null });
  });

  try {
    const table = await readTableInWorker(await fs.readFile(p.file), imp.fileName, shapeOf(spec));
    const { valid } = validateTable(spec, table, { lang: 'zh', organizationType: org.type });
    const existing = await RECORDS[kind].existingKeys(db, org.id, imp.id);
    // Completers named as exactly one member of the organisation get that member's account.
    const link = kind === 'achievements' ? await completerLinker(db, org) : undefined;
    const size = opts.batchSize ?? IMPORT_LIMITS.batchSize;
    for (let start = 0, batch = 1; start < valid.length; start += size, batch++) {
      await db.transaction(async (tx) => {
        let created = 0;
        let duplicates = 0;
        for (const { body } of valid.slice(start, start + size)) {
          const duplicate = body.externalId ? existing.externalIds.has(body.externalId) : existing.titles.has(body.title);
          if (duplicate) {
            duplicates++;
            continue;
          }
          const record = recordOf(kind, body, org, imp.createdBy, imp.id);
          if (record.kind === 'achievements') await insertImportedAchievement(tx, record.row, link);
          else await insertImportedDemand(tx, record.row);
          if (body.externalId) existing.externalIds.add(body.externalId);
          existing.titles.add(body.title);
          created++;
        }
        await importRepository.addProgress(tx, imp.id, { processed: Math.min(size, valid.length - start), created, duplicates });
      });
      await opts.afterBatch?.(batch);
      await opts.heartbeat?.();
      await new Promise((resolve) => setTimeout(resolve, IMPORT_LIMITS.pauseMs));
    }

    const ctx = await jobContext(db, p, opts.jobId);
    await db.transaction(async (tx) => {
      const created = await RECORDS[kind].reveal(tx, imp.id);
      const done = await importRepository.update(tx, imp.id, { status: 'done', createdRows: created, finishedAt: new Date() });
      // The imported file is not needed any more: the storage sweep deletes it after a day.
      await expireFile(tx, 'import', imp.id, new Date(Date.now() + STORAGE_LIMITS.importDoneGraceMs));
      await recordAudit(tx, ctx, {
        action: kind === 'achievements' ? 'achievement.import' : 'demand.import',
        entityType: 'import',
        entityId: imp.id,
        organizationId: org.id,
        jurisdictionCode: org.jurisdictionCode,
        after: { importId: imp.id, fileName: imp.fileName, created, duplicates: done.duplicateRows },
      });
    });
  } catch (err) {
    // Compensation: nothing of this attempt stays; the runner retries with backoff.
    await db.transaction(async (tx) => {
      await RECORDS[kind].deleteImporting(tx, imp.id);
      await importRepository.failUnlessEnded(tx, imp.id, failureMessage(err));
    });
    throw err;
  }
}

/** The request context of the person who started the import, for the audit event written by the job. */
async function jobContext(db: Db, p: ImportPayload, jobId = 'import'): Promise<RequestContext> {
  const actor = await actorOfUser(db, p.actorId, { tokenHash: `job:${jobId}`, via: 'bearer' });
  return { ...systemContext(p.requestId), ip: p.ip, actor };
}

/** The import job, with options for tests (a smaller batch, a crash after a batch). */
export const importJobWith = (opts: ImportRunOptions = {}) =>
  defineJob({
    name: 'imports.run',
    version: 1,
    payload: importPayload,
    run: (db, payload, job) => executeImport(db, payload, { ...opts, jobId: job.id, heartbeat: job.heartbeat }),
  });

export const importJob = importJobWith();
