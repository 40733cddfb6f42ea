import type { Narrow, WireOf, demandListCompiledDto, demandListDto, demandListItemsSetDto, demandListPageDto } from '@kzt/shared';
import { get, patch, post, put } from '../../api/client.ts';
import type { Demand } from '../demands/api.ts';

export type DemandListAction = 'update' | 'compile' | 'publish' | 'export';

// The answers' types come from the shared response schemas; the demands in a list keep the catalogue's own type.
export type DemandList = Narrow<WireOf<typeof demandListDto>, { status: 'draft' | 'published' }>;
export type DemandListDetail = DemandList & { items: Demand[] };
export type ItemsReport = Narrow<WireOf<typeof demandListItemsSetDto>, { list: DemandListDetail }>;

export type DemandListQuery = { jurisdictionCode?: string; industry?: string; status?: 'draft' | 'published'; page?: number; pageSize?: number };
export type DemandListInput = { title: string; jurisdictionCode: string; industry?: string | null; description?: string };

const one = (id: string) => `/demand-lists/${encodeURIComponent(id)}`;

export const listDemandLists = (query: DemandListQuery, signal?: AbortSignal) => get<Narrow<WireOf<typeof demandListPageDto>, { items: DemandList[] }>>('/demand-lists', query, signal);
export const fetchDemandList = (id: string, signal?: AbortSignal) => get<DemandListDetail>(one(id), undefined, signal);
export const createDemandList = (body: DemandListInput) => post<DemandListDetail>('/demand-lists', body);
export const updateDemandList = (id: string, body: Partial<Omit<DemandListInput, 'jurisdictionCode'>>) => patch<DemandListDetail>(one(id), body);
export const setDemandListItems = (id: string, demandIds: string[]) => put<ItemsReport>(`${one(id)}/items`, { demandIds });
export const compileDemandList = (id: string, industry?: string) => post<Narrow<WireOf<typeof demandListCompiledDto>, { list: DemandListDetail }>>(`${one(id)}/compile`, industry ? { industry } : {});
export const publishDemandList = (id: string) => post<DemandListDetail>(`${one(id)}/publish`);
export const exportUrl = (id: string) => `/api${one(id)}/export.xlsx`;
