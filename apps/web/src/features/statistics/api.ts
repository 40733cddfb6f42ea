import type { StatsDto, StatsGrouping, StatsMetric, TargetsBody, TargetsDto, WireOf, statsRecordsDto } from '@kzt/shared';
import { get, put } from '../../api/client.ts';

export type StatsParams = { jurisdiction: string; from?: string; to?: string; by?: StatsGrouping };
export type StatsRecords = WireOf<typeof statsRecordsDto>;

export const fetchStats = (p: StatsParams, signal?: AbortSignal) => get<StatsDto>('/stats', p, signal);
export const fetchPublicStats = (p: StatsParams, signal?: AbortSignal) => get<StatsDto>('/stats/public', p, signal);
export const fetchStatsRecords = (p: StatsParams & { metric: StatsMetric; page: number; pageSize: number }, signal?: AbortSignal) => get<StatsRecords>('/stats/records', p, signal);
export const fetchTargets = (code: string, signal?: AbortSignal) => get<TargetsDto>(`/jurisdictions/${code}/targets`, undefined, signal);
export const saveTargets = (code: string, body: TargetsBody) => put<TargetsDto>(`/jurisdictions/${code}/targets`, body);
export const statsExportUrl = (p: StatsParams) => `/api/stats/export.xlsx?${new URLSearchParams(Object.entries(p).filter(([, v]) => v) as [string, string][])}`;
