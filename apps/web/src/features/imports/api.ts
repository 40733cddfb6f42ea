import type { ImportDto, Wire } from '@kzt/shared';
import { ApiError, get, post, readCookie, type Paged, type Problem } from '../../api/client.ts';
import { acceptLanguage, getLang, translate } from '../../i18n/index.tsx';

export type ImportKind = 'achievements' | 'demands';
export const IMPORT_KINDS: ImportKind[] = ['achievements', 'demands'];
export type ImportStatus = 'validated' | 'queued' | 'importing' | 'done' | 'failed';

/** One finding of the dry run: the Excel row number, the column header, a sentence. */
export type ReportEntry = { row: number; column: string; message: string };

export type ImportJob = Wire<ImportDto>;

/** A valid row as the API will create it (fields of the create body), with its Excel row number. */
export type PreviewRow = { row: number; title: string } & Record<string, unknown>;

export type DryRun = ImportJob & { report: ReportEntry[]; reportTruncated: boolean; preview: PreviewRow[] };

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const templateUrl = (kind: ImportKind) => `/api/imports/templates/${kind}.xlsx`;

/** Uploads the file for the dry run: multipart with the CSRF header, like every unsafe call of the API client. */
export async function uploadImport(kind: ImportKind, file: File, organizationId?: string): Promise<DryRun> {
  const qs = new URLSearchParams({ kind, ...(organizationId ? { organizationId } : {}) });
  return uploadFile<DryRun>(`/api/imports?${qs}`, file);
}

/** POSTs one file as multipart/form-data (field `file`) with the CSRF header; a problem+json answer becomes an ApiError. */
export async function uploadFile<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': acceptLanguage() };
  const csrf = readCookie('kzt_csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    const msg = translate(getLang(), 'common.networkError');
    throw new ApiError({ status: 0, title: msg, detail: msg });
  }
  const data: unknown = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => undefined) : undefined;
  if (!res.ok) {
    if (data && typeof data === 'object' && 'title' in data) throw new ApiError({ ...(data as Problem), status: res.status });
    const msg = translate(getLang(), 'common.unexpected');
    throw new ApiError({ status: res.status, title: msg, detail: `${msg} (HTTP ${res.status})` });
  }
  return data as T;
}

export const runImport = (id: string) => post<ImportJob>(`/imports/${id}/run`);
export const fetchImport = (id: string, signal?: AbortSignal) => get<ImportJob>(`/imports/${id}`, undefined, signal);
export const listImports = (kind?: ImportKind, page = 1) => get<Paged<ImportJob>>('/imports', { kind, page, pageSize: 20 });
