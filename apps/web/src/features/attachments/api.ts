import type { AttachmentDto, AttachmentListDto, StorageUsage, Wire } from '@kzt/shared';
import { ApiError, del, get, readCookie, type Problem } from '../../api/client.ts';
import { acceptLanguage, getLang, translate } from '../../i18n/index.tsx';
import type { RecordKindKey } from '../catalogue/api.ts';

export type Attachment = Wire<AttachmentDto>;
export type { StorageUsage };
export type AttachmentList = Wire<AttachmentListDto>;

export const fetchStorage = (organizationId: string, signal?: AbortSignal) => get<StorageUsage>(`/organizations/${encodeURIComponent(organizationId)}/storage`, undefined, signal);

export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp';

export const fetchAttachments = (kind: RecordKindKey, recordId: string, signal?: AbortSignal) =>
  get<AttachmentList>(`/${kind}/${encodeURIComponent(recordId)}/attachments`, undefined, signal);
export const deleteAttachment = (id: string) => del<void>(`/attachments/${encodeURIComponent(id)}`);

/** Uploads one file as multipart/form-data, with the same headers and error handling as every other call. */
export async function uploadAttachment(kind: RecordKindKey, recordId: string, file: File): Promise<Attachment> {
  return uploadFileTo<Attachment>(`/api/${kind}/${encodeURIComponent(recordId)}/attachments`, file);
}

/** POSTs one file as multipart/form-data (field `file`) to `url`, answering its JSON or throwing its problem. */
export async function uploadFileTo<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': acceptLanguage() };
  const csrf = readCookie('kzt_csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: form, headers, credentials: 'same-origin' });
  } catch {
    const msg = translate(getLang(), 'common.networkError');
    throw new ApiError({ status: 0, title: msg, detail: msg });
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (data && typeof data === 'object' && 'title' in data) throw new ApiError({ ...(data as Problem), status: res.status });
    const msg = translate(getLang(), 'common.unexpected');
    throw new ApiError({ status: res.status, title: msg, detail: `${msg} (HTTP ${res.status})` });
  }
  return data as T;
}

/** 512 KB, 3.4 MB */
export function formatSize(bytes: number) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
