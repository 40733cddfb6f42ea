import type {
  IndustrySection,
  Narrow,
  TransferMode,
  WireOf,
  createdMatchReviewDto,
  expertMatchListDto,
  matchAnswerDto,
  matchBatchDetailDto,
  matchBatchListDto,
  matchFeedbackPageDto,
  matchInquiryDto,
  matchInquiryPageDto,
  matchItemDto,
  matchReasonDto,
  matchRecordDto,
  matchReviewDto,
  myFeedbackDto,
  organizationMatchListDto,
  pairReviewsDto,
  reviewExpertDto,
  reviewInvitationListDto,
  reviewSummaryDto,
} from '@kzt/shared';
import { get, post } from '../../api/client.ts';

// The answers' types come from the matching schemas in @kzt/shared (as JSON delivers them); the
// fields those leave as strings are narrowed to the values the server fills them from.

/** The two sides of a match; also the record kinds a match is about. */
export type MatchSide = 'achievement' | 'demand';

/**
 * Why a record was proposed (`kind`: terms, related, industry, maturity, mode, budget, region, fresh,
 * stale, feedback): `text` is already in the reader's language; `terms` are the shared terms it names.
 */
export type MatchReason = WireOf<typeof matchReasonDto>;

export type Verdict = 'interested' | 'not_relevant';
export const REASON_CODES = ['wrong_field', 'too_early', 'too_expensive', 'region', 'duplicate', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export type MyFeedback = Narrow<WireOf<typeof myFeedbackDto>, { verdict: Verdict; reasonCode: ReasonCode | null }>;

export type ReviewSummary = WireOf<typeof reviewSummaryDto>;

/** Abstract only for a `restricted` reader: no price, budget or modes. */
export type MatchRecord = Narrow<WireOf<typeof matchRecordDto>, { industry: IndustrySection | null; transferModes?: TransferMode[]; cooperationModes?: TransferMode[] }>;

/** `id` null for an anonymous (secret) match, whose `ref` POST /api/match-inquiries takes; `score` null where nothing was ranked. */
export type MatchItem = Narrow<WireOf<typeof matchItemDto>, { reasons: MatchReason[]; record: MatchRecord | null; feedback: MyFeedback | null }>;

export type SentenceRole = 'goal' | 'problem' | 'background' | 'plain';
type WireAnswer = WireOf<typeof matchAnswerDto>;
export type Intent = Narrow<NonNullable<WireAnswer['intent']>, { sentences: { text: string; role: SentenceRole }[] }>;

export type MatchAnswer = Narrow<WireAnswer, { intent: Intent | null; items: MatchItem[] }>;

export type OrganizationMatch = WireOf<typeof organizationMatchListDto>['items'][number];

export type ExpertMatch = WireOf<typeof expertMatchListDto>['items'][number];

/** The other side: a demand is matched with achievements and the reverse. */
export const otherSide = (side: MatchSide): MatchSide => (side === 'demand' ? 'achievement' : 'demand');
/** The catalogue URL segment of a side. */
export const sidePath = (side: MatchSide) => (side === 'demand' ? 'demands' : 'achievements');
export const recordLink = (side: MatchSide, id: string) => `/${sidePath(side)}/${id}`;

const base = (side: MatchSide, id: string) => `/${sidePath(side)}/${encodeURIComponent(id)}/matches`;

export const fetchMatches = (side: MatchSide, id: string, query: { limit?: number } = {}, signal?: AbortSignal) =>
  get<MatchAnswer>(base(side, id), query, signal);
export const fetchOrganizationMatches = (side: MatchSide, id: string, signal?: AbortSignal) =>
  get<WireOf<typeof organizationMatchListDto>>(`${base(side, id)}/organizations`, undefined, signal);
export const fetchExpertMatches = (side: MatchSide, id: string, signal?: AbortSignal) =>
  get<WireOf<typeof expertMatchListDto>>(`${base(side, id)}/experts`, undefined, signal);

export type FeedbackInput = { sourceType: MatchSide; sourceId: string; targetId: string; verdict: Verdict; reasonCode?: ReasonCode; reason?: string };
export const sendFeedback = (body: FeedbackInput) => post<unknown>('/match-feedback', body);

// 专家论证
export type ReviewOpinion = 'recommend' | 'neutral' | 'not_recommend';
export const REVIEW_OPINIONS: ReviewOpinion[] = ['recommend', 'neutral', 'not_recommend'];
type ReviewStatus = 'open' | 'closed';
export type ReviewExpert = Narrow<WireOf<typeof reviewExpertDto>, { status: 'invited' | 'submitted' | 'declined'; opinion: ReviewOpinion | null }>;
/** A review of a pair: every expert's opinion for the requesting side and the parties. */
export type MatchReview = Narrow<WireOf<typeof matchReviewDto>, { status: ReviewStatus; experts: ReviewExpert[] }>;
type WireInvitations = WireOf<typeof reviewInvitationListDto>;
/** An expert's own invitation: the pair to assess, the requester's note and the expert's own answer. */
export type MyReview = Narrow<WireInvitations['items'][number], { status: ReviewStatus; invitation: Omit<ReviewExpert, 'user'> }>;
export type ReviewRecordRef = MyReview['demand'];

export type ReviewRequest = { demandId: string; achievementId: string; expertUserIds: string[]; note: string };
export type ExcludedExpert = WireOf<typeof createdMatchReviewDto>['excluded'][number];
export const requestReview = (body: ReviewRequest) => post<MatchReview & { excluded: ExcludedExpert[] }>('/match-reviews', body);
export const fetchPairReviews = (demandId: string, achievementId: string, signal?: AbortSignal) =>
  get<Narrow<WireOf<typeof pairReviewsDto>, { items: MatchReview[] }>>('/match-reviews', { demandId, achievementId }, signal);
export const fetchMyReviews = (signal?: AbortSignal) => get<Narrow<WireInvitations, { items: MyReview[] }>>('/match-reviews/mine', undefined, signal);
export const submitOpinion = (id: string, body: { score: number; opinion: ReviewOpinion; comment: string }) =>
  post<unknown>(`/match-reviews/${encodeURIComponent(id)}/opinions`, body);
export const declineReview = (id: string) => post<unknown>(`/match-reviews/${encodeURIComponent(id)}/decline`);

// "ask the platform" about a secret match
/** A record named by an inquiry: the title only for those who may read it. */
type WireInquiry = WireOf<typeof matchInquiryDto>;
export type InquiryRecord = Narrow<WireInquiry['source'], { type: MatchSide }>;
export type MatchInquiry = Narrow<WireInquiry, { source: InquiryRecord; target: InquiryRecord; status: 'open' | 'answered' }>;
export const sendInquiry = (body: { sourceType: MatchSide; sourceId: string; ref: string; message: string }) => post<MatchInquiry>('/match-inquiries', body);
export const listInquiries = (query: { status?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<Narrow<WireOf<typeof matchInquiryPageDto>, { items: MatchInquiry[] }>>('/match-inquiries', query, signal);
export const answerInquiry = (id: string, answer: string) => post<MatchInquiry>(`/match-inquiries/${encodeURIComponent(id)}/answer`, { answer });

/** A verdict on a proposed match, as brokers and administrators see it. */
type WireFeedbackPage = WireOf<typeof matchFeedbackPageDto>;
type FeedbackRecord = Narrow<WireFeedbackPage['items'][number]['source'], { type: MatchSide }>;
export type FeedbackEntry = Narrow<WireFeedbackPage['items'][number], { source: FeedbackRecord; target: FeedbackRecord; verdict: Verdict; reasonCode: ReasonCode | null }>;
export const listFeedback = (query: { verdict?: Verdict; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<Narrow<WireFeedbackPage, { items: FeedbackEntry[] }>>('/match-feedback', query, signal);

// a demand list matched as a job
type BatchStatus = 'pending' | 'running' | 'done' | 'failed';
type WireBatch = WireOf<typeof matchBatchDetailDto>;
export type BatchMatch = Narrow<WireBatch['results'][number]['matches'][number], { reasons: MatchReason[] }>;
export type MatchBatch = Narrow<WireBatch, { status: BatchStatus }>;
export const listBatches = (demandListId: string, signal?: AbortSignal) =>
  get<Narrow<WireOf<typeof matchBatchListDto>, { items: Omit<MatchBatch, 'results'>[] }>>('/match-batches', { demandListId }, signal);
export const startBatch = (demandListId: string, top: number) => post<MatchBatch>(`/demand-lists/${encodeURIComponent(demandListId)}/match-batches`, { top });
export const fetchBatch = (id: string, signal?: AbortSignal) => get<MatchBatch>(`/match-batches/${encodeURIComponent(id)}`, undefined, signal);
export const batchExportUrl = (id: string) => `/api/match-batches/${encodeURIComponent(id)}/export.xlsx`;

/** An organisation given as an object or a plain name. */
export const orgName = (o: { name: string | null } | string | null | undefined) => (o == null ? '' : typeof o === 'string' ? o : (o.name ?? ''));
