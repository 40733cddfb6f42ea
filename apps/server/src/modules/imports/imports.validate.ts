import { createAchievementBody, createDemandBody, type CreateAchievementBody, type CreateDemandBody } from '@kzt/shared';
import { AppError } from '../../platform/errors.ts';
import { issueMessage, t, type Lang } from '../../platform/i18n.ts';
import { COMMON_PROBLEM_TYPES, demandColumns } from '../demands/demands.service.ts';
import { cellText, columnFor, type ColumnDef, type KindSpec } from './imports.columns.ts';
import { fileProblem, isCellProblem, type Table } from './imports.file.ts';
import type { ReportEntry } from './imports.schemas.ts';

export type ImportBody = Omit<CreateAchievementBody, 'organizationId'> | Omit<CreateDemandBody, 'organizationId'>;
export type ValidRow = { row: number; body: ImportBody };
export type Validation = { totalRows: number; report: ReportEntry[]; valid: ValidRow[] };

/** Who posts the demands: a common industry problem comes from an enterprise or a government body (as in demands.service). */

/**
 * The dry run of a table: each row becomes the body the API would receive,
 * checked with the API's own request schema and the service's own checks,
 * so a row is refused here exactly when POST /api/achievements (or
 * /api/demands) would refuse it, with the same message. Rows repeating an
 * earlier row's external id (or, without one, its title) are reported too.
 */
export function validateTable(spec: KindSpec, table: Table, opts: { lang: Lang; organizationType: string }): Validation {
  const { lang } = opts;
  const mapped: { index: number; def: ColumnDef; header: string }[] = [];
  table.headers.forEach((header, index) => {
    const def = columnFor(spec, header);
    if (def && !mapped.some((m) => m.def === def)) mapped.push({ index, def, header });
  });
  const missing = spec.columns.filter((c) => c.required && !mapped.some((m) => m.def === c));
  if (missing.length) throw fileProblem('err.import.header', { columns: missing.map((c) => `“${c.header}”`).join('、') });

  const headerOf = (field: string) => mapped.find((m) => m.def.field === field)?.header ?? spec.columns.find((c) => c.field === field)?.header ?? field;
  const schema = spec.kind === 'achievements' ? createAchievementBody : createDemandBody;
  const report: ReportEntry[] = [];
  const valid: ValidRow[] = [];
  const seen = new Map<string, number>();

  for (const { row, cells } of table.rows) {
    const problems: ReportEntry[] = [];
    const add = (column: string, message: string) => problems.push({ row, column, message });
    const failed = new Set<string>();
    const body: Record<string, unknown> = {};
    for (const { index, def, header } of mapped) {
      const cell = cells[index] ?? null;
      if (isCellProblem(cell)) {
        add(header, t(cell.problem.key, lang, cell.problem.params));
        failed.add(def.field);
        continue;
      }
      if (cellText(cell) === '') continue;
      const converted = def.convert(cell);
      if ('problem' in converted) {
        add(header, t(converted.problem.key, lang, converted.problem.params));
        failed.add(def.field);
      } else body[def.field] = converted.value;
    }

    const parsed = schema.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (!failed.has(field)) add(headerOf(field), issueMessage(issue, lang));
      }
    } else if (spec.kind === 'demands') {
      const data = parsed.data as CreateDemandBody;
      try {
        demandColumns(data);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        for (const f of err.fieldErrors) add(headerOf(f.path), t(f.key, lang));
      }
      if (data.commonProblem && !COMMON_PROBLEM_TYPES.includes(opts.organizationType)) add(headerOf('commonProblem'), t('err.demand.commonProblem', lang));
    }

    if (parsed.success && problems.length === 0) {
      const data = parsed.data as ImportBody;
      const key = data.externalId ? `externalId:${data.externalId}` : `title:${data.title}`;
      const first = seen.get(key);
      if (first !== undefined) {
        const field = data.externalId ? 'externalId' : 'title';
        add(headerOf(field), t('err.import.duplicateInFile', lang, { row: first, column: headerOf(field) }));
      } else seen.set(key, row);
    }

    if (problems.length) report.push(...problems);
    else valid.push({ row, body: parsed.data as ImportBody });
  }
  return { totalRows: table.rows.length, report, valid };
}
