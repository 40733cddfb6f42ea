import type { BudgetDto, EntitlementDto, LedgerResponse, EntitlementFileDto, PolicyRecordDto, PolicyRecordKind, Wire, EntitlementStatus, PolicyRulesResponse, PolicyTrialResponse } from '@kzt/shared';
import { del, get, post, put } from '../../api/client.ts';
import { uploadFileTo } from '../attachments/api.ts';

export type { BudgetDto, EntitlementDto, EntitlementStatus, PolicyRulesResponse, PolicyTrialResponse };

export const fetchRules = (jurisdiction?: string, signal?: AbortSignal) => get<PolicyRulesResponse>('/policy/rules', jurisdiction ? { jurisdiction } : undefined, signal);
export const runTrial = (events: unknown[]) => post<PolicyTrialResponse>('/policy/trial', { events });
export const listEntitlements = (query: { status?: EntitlementStatus; scope?: 'mine' | 'administered'; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<{ items: EntitlementDto[]; total: number }>('/entitlements', query, signal);
export type EntitlementFile = Wire<EntitlementFileDto>;
export const applyEntitlement = (id: string, note: string, documents: { name: string; attachmentId: string }[]) => post<EntitlementDto>(`/entitlements/${encodeURIComponent(id)}/apply`, { note, documents });
/** Uploads one document (申报材料) for an entitlement, before applying. */
export const uploadEntitlementFile = (id: string, file: File) => uploadFileTo<EntitlementFile>(`/api/entitlements/${encodeURIComponent(id)}/attachments`, file);
export const listEntitlementFiles = (id: string, signal?: AbortSignal) => get<{ items: EntitlementFile[] }>(`/entitlements/${encodeURIComponent(id)}/attachments`, undefined, signal);
/** Deletes a document uploaded by mistake (while the application is a draft or returned for correction). */
export const deleteEntitlementFile = (id: string, attachmentId: string) => del<null>(`/entitlements/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`);
export const entitlementFileUrl = (id: string, attachmentId: string) => `/api/entitlements/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}/content`;
export const reviewEntitlement = (id: string, decision: 'approve' | 'return' | 'reject', reason?: string) => post<EntitlementDto>(`/entitlements/${encodeURIComponent(id)}/review`, { decision, ...(reason ? { reason } : {}) });
export const payEntitlement = (id: string, body: { amount: number; paidOn: string; reference: string }) => post<EntitlementDto>(`/entitlements/${encodeURIComponent(id)}/payments`, body);
export const listBudgets = (signal?: AbortSignal) => get<{ items: BudgetDto[] }>('/policy/budgets', undefined, signal);
export const setBudget = (body: { jurisdiction: string; budgetLine: string; year: number; amount: number }) => put<BudgetDto>('/policy/budgets', body);
export const publishPackVersion = (jurisdiction: string, body: { version: string; name: string; validFrom: string; validTo: string | null; rules: unknown[] }) =>
  post<PolicyRulesResponse['packs'][number]>(`/policy/packs/${encodeURIComponent(jurisdiction)}/versions`, body);
export const LEDGER_XLSX_URL = '/api/policy/ledger.xlsx';
/** The Excel ledger of one year (all years without it). */
export const ledgerXlsxUrl = (year?: number) => (year ? `${LEDGER_XLSX_URL}?year=${year}` : LEDGER_XLSX_URL);
export type Ledger = LedgerResponse;
export const fetchLedger = (query: { year?: number; beneficiary?: string; budgetLine?: string; page?: number; pageSize?: number }, signal?: AbortSignal) => get<Ledger>('/policy/ledger', query, signal);
export const recordEvent = (event: Record<string, unknown>) => post<PolicyTrialResponse['lines'][number]>('/policy/events', { event });
export type PolicyRecord = Wire<PolicyRecordDto>;
export const listRecords = (query: { kind?: PolicyRecordKind; page?: number; pageSize?: number }, signal?: AbortSignal) => get<{ items: PolicyRecord[]; total: number }>('/policy/records', query, signal);
export const createRecord = (body: Record<string, unknown>) => post<PolicyRecord>('/policy/records', body);
