import type { accessRequestDto, achievementDto, RecordAction, recordOpenDto, RecordStatus, recordVersionListDto, reviewerDto, TransferMode, WireOf } from '@kzt/shared';
import { get, post, type Paged } from '../../api/client.ts';

/** The two kinds of catalogue record; also their URL segment. */
export type RecordKindKey = 'achievements' | 'demands';

/** An action a record's `allowedActions` may name (the server's `RECORD_ACTIONS`). */
export type { RecordAction };

/** A piece of highlighted text: `hit` pieces matched the query. */
export type Segment = { text: string; hit: boolean };
export type FacetCount = { value: string; count: number };

export type CataloguePage<T, F extends string> = Paged<T> & { relaxed: boolean; facets?: Record<F, FacetCount[]> };

/** What every catalogue record shows, even an abstract-only one (the server's `recordOpenDto`); a detail also names its reviewer. */
export type RecordBase = WireOf<typeof recordOpenDto> & {
  /** Which administration reviews the record and why (its organisation's jurisdiction). */
  reviewer?: Reviewer;
};

export type Reviewer = WireOf<typeof reviewerDto>;

/** Fields only full readers receive (absent when `restricted`). */
export type RecordFull = Pick<WireOf<typeof achievementDto>, 'keywords' | 'industryTags' | 'ownerType' | 'externalId' | 'confirmedAt' | 'reviewReason' | 'version' | 'createdAt' | 'updatedAt'>;

export type ListScope = 'catalogue' | 'mine' | 'review';

export type CommonQuery = {
  q?: string;
  industry?: string;
  ownerType?: string;
  jurisdictionCode?: string;
  publishedFrom?: string;
  publishedTo?: string;
  sort?: 'relevance' | 'date';
  page?: number;
  pageSize?: number;
  scope?: ListScope;
  status?: RecordStatus;
  stale?: 'true' | 'false';
};

export type AccessRequest = WireOf<typeof accessRequestDto>;

export type RecordVersion = WireOf<typeof recordVersionListDto>['items'][number];

const path = (kind: RecordKindKey, id: string, rest = '') => `/${kind}/${encodeURIComponent(id)}${rest}`;

export const submitRecord = <T>(kind: RecordKindKey, id: string) => post<T>(path(kind, id, '/submit'));
export const reviewRecord = <T>(kind: RecordKindKey, id: string, decision: 'approve' | 'return', reason?: string) =>
  post<T>(path(kind, id, '/review'), reason ? { decision, reason } : { decision });
export const withdrawRecord = <T>(kind: RecordKindKey, id: string, reason?: string) =>
  post<T>(path(kind, id, '/withdraw'), reason ? { reason } : {});
export const confirmRecord = <T>(kind: RecordKindKey, id: string) => post<T>(path(kind, id, '/confirm'));
export const fetchVersions = (kind: RecordKindKey, id: string) => get<{ items: RecordVersion[]; total: number }>(path(kind, id, '/versions'));
export const fetchAccessRequests = (kind: RecordKindKey, id: string) =>
  get<{ items: AccessRequest[]; total: number }>(path(kind, id, '/access-requests'));
export const requestAccess = (kind: RecordKindKey, id: string, body: { reason: string; organizationId?: string }) =>
  post<AccessRequest>(path(kind, id, '/access-requests'), body);
export const decideAccess = (kind: RecordKindKey, requestId: string, decision: 'approve' | 'decline', reason?: string) =>
  post(`/${kind}/access-requests/${encodeURIComponent(requestId)}/decision`, reason ? { decision, reason } : { decision });

export type { TransferMode };
