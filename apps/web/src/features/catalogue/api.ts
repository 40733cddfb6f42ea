import type {
  accessRequestDto,
  achievementDto,
  achievementPageDto,
  catalogueQuery,
  demandPageDto,
  facetCountDto,
  QueryOf,
  RecordAction,
  recordOpenDto,
  recordVersionListDto,
  reviewerDto,
  TransferMode,
  WireOf,
} from '@kzt/shared';
import { get, post } from '../../api/client.ts';

/** The two kinds of catalogue record; also their URL segment. */
export type RecordKindKey = 'achievements' | 'demands';

/** An action a record's `allowedActions` may name (the server's `RECORD_ACTIONS`). */
export type { RecordAction };

/** A piece of highlighted text: `hit` pieces matched the query. */
export type Segment = { text: string; hit: boolean };
/** How many matching records have one value of a facet (the server's `facetCountDto`). */
export type FacetCount = WireOf<typeof facetCountDto>;

type RecordPageDto = typeof achievementPageDto | typeof demandPageDto;

/**
 * A page of a catalogue list as the server sends it (`achievementPageDto`,
 * `demandPageDto`: items, paging, `relaxed`, every facet of the kind), its
 * items read as `T` (the kind's record type, narrowed where the DTO is loose).
 */
export type CataloguePage<T, P extends RecordPageDto = RecordPageDto> = Omit<WireOf<P>, 'items'> & { items: T[] };

/** What every catalogue record shows, even an abstract-only one (the server's `recordOpenDto`); a detail also names its reviewer. */
export type RecordBase = WireOf<typeof recordOpenDto> & {
  /** Which administration reviews the record and why (its organisation's jurisdiction). */
  reviewer?: Reviewer;
};

export type Reviewer = WireOf<typeof reviewerDto>;

/** Fields only full readers receive (absent when `restricted`). */
export type RecordFull = Pick<WireOf<typeof achievementDto>, 'keywords' | 'industryTags' | 'ownerType' | 'externalId' | 'confirmedAt' | 'reviewReason' | 'version' | 'createdAt' | 'updatedAt'>;

/** The filters both catalogue lists take (the server's `catalogueQuery`; lists comma-separated). */
export type CommonQuery = QueryOf<typeof catalogueQuery>;

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
