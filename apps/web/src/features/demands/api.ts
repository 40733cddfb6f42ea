import type { demandDto, TransferMode, WireOf } from '@kzt/shared';
import { get, patch, post } from '../../api/client.ts';
import type { CataloguePage, CommonQuery, RecordBase } from '../catalogue/api.ts';

/** A demand as the API shows it (the server's `demandDto`; a detail adds its reviewer). */
export type Demand = WireOf<typeof demandDto> & Pick<RecordBase, 'reviewer'>;

export type DemandFacet = 'industry' | 'ownerType' | 'cooperationMode' | 'commonProblem';

export type DemandQuery = CommonQuery & {
  cooperationMode?: string;
  budgetMin?: number;
  budgetMax?: number;
  commonProblem?: 'true';
};

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

export const listDemands = (query: DemandQuery, signal?: AbortSignal) => get<CataloguePage<Demand, DemandFacet>>('/demands', query, signal);
export const fetchDemand = (id: string) => get<Demand>(one(id));
export const createDemand = (body: DemandInput) => post<Demand>('/demands', body);
export const updateDemand = (id: string, body: Partial<DemandInput>) => patch<Demand>(one(id), body);
