import type { demandDto, demandPageDto, demandQuery, QueryOf, TransferMode, WireOf } from '@kzt/shared';
import { get, patch, post } from '../../api/client.ts';
import type { CataloguePage, RecordBase } from '../catalogue/api.ts';

/** A demand as the API shows it (the server's `demandDto`; a detail adds its reviewer). */
export type Demand = WireOf<typeof demandDto> & Pick<RecordBase, 'reviewer'>;

/** The demands list's filters (the server's `demandQuery`: the catalogue's common ones and its own). */
export type DemandQuery = QueryOf<typeof demandQuery>;
export type DemandPage = CataloguePage<Demand, typeof demandPageDto>;

export type DemandInput = {
  title: string;
  description: string;
  keywords: string[];
  industry: string;
  industryTags: string[];
  budgetMin: number | null;
  budgetMax: number | null;
  deadline: string | null;
  cooperationModes: TransferMode[];
  confidentiality: string;
  commonProblem: boolean;
  organizationId?: string;
};

const one = (id: string) => `/demands/${encodeURIComponent(id)}`;

export const listDemands = (query: DemandQuery, signal?: AbortSignal) => get<DemandPage>('/demands', query, signal);
export const fetchDemand = (id: string) => get<Demand>(one(id));
export const createDemand = (body: DemandInput) => post<Demand>('/demands', body);
export const updateDemand = (id: string, body: Partial<DemandInput>) => patch<Demand>(one(id), body);
