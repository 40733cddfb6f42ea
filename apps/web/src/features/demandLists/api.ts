import type { IndustrySection } from '@kzt/shared';
import { get, patch, post, put, type Paged } from '../../api/client.ts';
import type { Demand } from '../demands/api.ts';

export type DemandListAction = 'update' | 'compile' | 'publish' | 'export';

export type DemandList = {
  id: string;
  title: string;
  description: string;
  industry: IndustrySection | null;
  jurisdiction: { code: string; name: string };
  status: 'draft' | 'published';
  itemCount: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  allowedActions: DemandListAction[];
};

export type DemandListDetail = DemandList & { items: Demand[] };
export type ItemsReport = { accepted: string[]; refused: { id: string; reason: string; message: string }[]; list: DemandListDetail };

export type DemandListQuery = { jurisdictionCode?: string; industry?: string; status?: 'draft' | 'published'; page?: number; pageSize?: number };
export type DemandListInput = { title: string; jurisdictionCode: string; industry?: string | null; description?: string };

const one = (id: string) => `/demand-lists/${encodeURIComponent(id)}`;

export const listDemandLists = (query: DemandListQuery, signal?: AbortSignal) => get<Paged<DemandList>>('/demand-lists', query, signal);
export const fetchDemandList = (id: string, signal?: AbortSignal) => get<DemandListDetail>(one(id), undefined, signal);
export const createDemandList = (body: DemandListInput) => post<DemandListDetail>('/demand-lists', body);
export const updateDemandList = (id: string, body: Partial<Omit<DemandListInput, 'jurisdictionCode'>>) => patch<DemandListDetail>(one(id), body);
export const setDemandListItems = (id: string, demandIds: string[]) => put<ItemsReport>(`${one(id)}/items`, { demandIds });
export const compileDemandList = (id: string, industry?: string) => post<{ added: number; list: DemandListDetail }>(`${one(id)}/compile`, industry ? { industry } : {});
export const publishDemandList = (id: string) => post<DemandListDetail>(`${one(id)}/publish`);
export const exportUrl = (id: string) => `/api${one(id)}/export.xlsx`;
