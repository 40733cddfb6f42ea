import type { ImportDto } from '@kzt/shared';
import { allowed } from '../../platform/policy.ts';
import type { ImportPolicy } from './imports.policy.ts';
import type { ImportRow } from './imports.repository.ts';
import type { ReportEntry } from './imports.schemas.ts';

/** An import as the API shows it; the per-row report only on the detail. */
export function presentImport(r: ImportRow, policy: ImportPolicy, opts: { report?: boolean } = {}) {
  return {
    id: r.id,
    kind: r.kind as ImportDto['kind'],
    status: r.status as ImportDto['status'],
    organizationId: r.organizationId,
    fileName: r.fileName,
    totalRows: r.totalRows,
    validRows: r.validRows,
    invalidRows: r.totalRows - r.validRows,
    processedRows: r.processedRows,
    createdRows: r.createdRows,
    duplicateRows: r.duplicateRows,
    ...(opts.report ? { report: r.report as ReportEntry[] } : {}),
    error: r.error,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    allowedActions: allowed(policy).filter((a) => a !== 'read'),
  };
}
