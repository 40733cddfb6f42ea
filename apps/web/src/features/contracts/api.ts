import type { ImportDto, PaymentTotalsDto, ContractImportDto, ContractTotalsDto, ContractDto, ContractKind, ContractStatus, ContractSummaryDto, PublicRegistrationDto, RegistrationPointDto, Wire, WireOf, registrationPointListDto, registrationSettingsDto } from '@kzt/shared';
import { del, get, patch, post, put, type Paged } from '../../api/client.ts';
import { uploadFile } from '../imports/api.ts';

/** Technology contracts: amounts are integer fen, dates YYYY-MM-DD (Beijing). Types come from the server's response contracts. */
export type Contract = Wire<ContractDto>;
export type ContractSummary = Wire<ContractSummaryDto>;
export type RegistrationPoint = Wire<RegistrationPointDto>;
export type PublicRegistration = Wire<PublicRegistrationDto>;
export type ContractScope = 'mine' | 'desk' | 'jurisdiction';

const c = (id: string, tail = '') => `/contracts/${encodeURIComponent(id)}${tail}`;

export const listContracts = (query: { scope: ContractScope; kind?: ContractKind; status?: ContractStatus; year?: number; party?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<Paged<ContractSummary> & { scopes: ContractScope[] }>('/contracts', query, signal);
export const fetchContract = (id: string, signal?: AbortSignal) => get<Contract>(c(id), undefined, signal);
export const createContract = (body: Record<string, unknown>) => post<Contract>('/contracts', body);
export const updateContract = (id: string, body: Record<string, unknown>) => patch<Contract>(c(id), body);
export const submitContract = (id: string, pointId: string) => post<Contract>(c(id, '/submit'), { pointId });
export const reviewContract = (id: string, body: { decision: 'register' | 'refuse' | 'return'; reason?: string; certifiedAmount?: number; checklist?: string[]; newAfterTermination?: boolean }) => post<Contract>(c(id, '/review'), body);
export const recordContractPayment = (id: string, body: { paidOn: string; amount: number; note?: string }) => post<Contract>(c(id, '/payments'), body);
export const confirmContractPayment = (id: string, paymentId: string) => post<Contract>(c(id, `/payments/${encodeURIComponent(paymentId)}/confirm`));
export const amendContract = (id: string, body: Record<string, unknown>) => post<Contract>(c(id, '/amendments'), body);
export const terminateContract = (id: string, body: { reason: string }) => post<Contract>(c(id, '/terminate'), body);

export const listPoints = (code: string, signal?: AbortSignal) =>
  get<WireOf<typeof registrationPointListDto>>(`/jurisdictions/${encodeURIComponent(code)}/registration-points`, undefined, signal);
export const createPoint = (code: string, body: { code: string; name: string; address?: string; staffUserIds?: string[] }) => post<RegistrationPoint>(`/jurisdictions/${encodeURIComponent(code)}/registration-points`, body);
export const setPointStaff = (code: string, pointId: string, staffUserIds: string[]) =>
  put<RegistrationPoint>(`/jurisdictions/${encodeURIComponent(code)}/registration-points/${encodeURIComponent(pointId)}/staff`, { staffUserIds });
export const saveWindow = (code: string, windowDays: number) => put<WireOf<typeof registrationSettingsDto>>(`/jurisdictions/${encodeURIComponent(code)}/registration-settings`, { windowDays });
export const verifyRegistration = (number: string, signal?: AbortSignal) => get<PublicRegistration>(`/contract-registrations/${encodeURIComponent(number)}`, undefined, signal);

/** The jurisdictions above a GB/T 2260 code (province, city, itself). */
export function regionChain(code: string): string[] {
  return [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((x, i, a) => a.indexOf(x) === i);
}
export type ContractTotals = Wire<ContractTotalsDto>;
export const fetchTotals = (code: string, year: number, signal?: AbortSignal) => get<ContractTotals>(`/jurisdictions/${encodeURIComponent(code)}/contract-totals`, { year }, signal);

export type ContractImport = Wire<ContractImportDto>;
export const CONTRACT_IMPORT_TEMPLATE_URL = '/api/contracts/import/template';
/** Uploads one .xlsx/.csv file for its dry run (kept on the server; a large file is checked in the background). */
export const importContractsFile = (file: File, organizationId?: string) =>
  uploadFile<ContractImport>(`/api/contracts/import?${new URLSearchParams({ dryRun: 'true', ...(organizationId ? { organizationId } : {}) })}`, file);
/** An import's status, progress, report and first drafts. */
export const fetchContractImport = (id: string, signal?: AbortSignal) => get<ContractImport>(`/contracts/imports/${encodeURIComponent(id)}`, undefined, signal);
/** Imports the rows that passed the dry run (a background job). */
export const runContractImport = (id: string) => post<ContractImport>(`/contracts/imports/${encodeURIComponent(id)}/run`);
/** Gives up a failed import: the contracts it entered (still hidden) are deleted, so the file can be uploaded again. */
export const discardContractImport = (id: string) => post<ContractImport>(`/contracts/imports/${encodeURIComponent(id)}/discard`);
/** My recent imports of contracts (newest first). */
export const listContractImports = (signal?: AbortSignal) => get<Paged<Wire<ImportDto>>>('/imports', { kind: 'contracts', pageSize: 5 }, signal);
export const fetchPaymentTotals = (query: { year: number; party?: string; registeredOnly?: boolean; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<PaymentTotalsDto>('/contracts/payment-totals', { ...query, registeredOnly: query.registeredOnly === undefined ? undefined : String(query.registeredOnly) }, signal);
/** Attaches a receipt (PDF or image, ≤ 20 MB) to a payment; answers the contract as it is now. */
export const addPaymentReceipt = (id: string, paymentId: string, file: File) => uploadFile<Contract>(`/api${c(id, `/payments/${encodeURIComponent(paymentId)}/receipts`)}`, file);
/** Removes a file of a contract (a receipt or a document) at the `url` the contract gives it; answers the contract. */
export const removeContractFile = (url: string) => del<Contract>(url.replace(/^\/api/, ''));
/** Attaches the signed contract (PDF or scans) to a draft or returned contract. */
export const addContractDocument = (id: string, file: File) => uploadFile<Contract>(`/api${c(id, '/documents')}`, file);
/** Attaches a document (the amended contract, a supplementary agreement) to an amendment of a registered contract. */
export const addAmendmentDocument = (id: string, amendmentId: string, file: File) => uploadFile<Contract>(`/api${c(id, `/amendments/${encodeURIComponent(amendmentId)}/documents`)}`, file);
