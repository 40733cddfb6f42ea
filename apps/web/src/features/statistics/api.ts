import type { StatsDto, StatsFlowsDto, StatsGrouping, StatsMetric, StatsRecordsDto, StatsTopDto, TargetsBody, TargetsDto } from '@kzt/shared';
import { get, put } from '../../api/client.ts';

export type StatsParams = { jurisdiction: string; from?: string; to?: string; by?: StatsGrouping; compare?: 'previousYear' };
export type StatsRecords = StatsRecordsDto;
export type RecordsFilter = { metric: StatsMetric; kind?: string; seller?: string; buyer?: string; sellerIn?: string; buyerIn?: string };

export const fetchStats = (p: StatsParams, signal?: AbortSignal) => get<StatsDto>('/stats', p, signal);
export const fetchPublicStats = (p: StatsParams, signal?: AbortSignal) => get<StatsDto>('/stats/public', p, signal);
export const fetchStatsRecords = (p: Omit<StatsParams, 'by'> & RecordsFilter & { page: number; pageSize: number }, signal?: AbortSignal) => get<StatsRecords>('/stats/records', p, signal);
export const fetchTopOrganizations = (p: Omit<StatsParams, 'by'> & { side: 'seller' | 'buyer'; order: 'amount' | 'count'; limit?: number }, signal?: AbortSignal) => get<StatsTopDto>('/stats/organizations', p, signal);
export const fetchFlows = (p: Omit<StatsParams, 'by'>, signal?: AbortSignal) => get<StatsFlowsDto>('/stats/flows', p, signal);
export const fetchTargets = (code: string, signal?: AbortSignal) => get<TargetsDto>(`/jurisdictions/${code}/targets`, undefined, signal);
export const saveTargets = (code: string, body: TargetsBody) => put<TargetsDto>(`/jurisdictions/${code}/targets`, body);
const queryOf = (p: Record<string, string | number | undefined>) => new URLSearchParams(Object.entries(p).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
/** The workbook of every table: the administrators' (with the rankings and flows), or the public page's (no parties). */
export const statsExportUrl = (p: StatsParams, audience: 'admin' | 'public' = 'admin') => `/api/stats/${audience === 'public' ? 'public/' : ''}export.xlsx?${queryOf(p)}`;
/** The records behind a figure, as the drawer lists them. */
export const statsRecordsExportUrl = (p: Omit<StatsParams, 'by'> & RecordsFilter) => `/api/stats/records.xlsx?${queryOf(p)}`;
