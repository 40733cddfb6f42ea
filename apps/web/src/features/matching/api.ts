import type { IndustrySection, TransferMode } from '@kzt/shared';
import { get, post, type Paged } from '../../api/client.ts';

/** The two sides of a match; also the record kinds a match is about. */
export type MatchSide = 'achievement' | 'demand';

export type ReasonKind = 'terms' | 'related' | 'industry' | 'maturity' | 'mode' | 'budget' | 'region' | 'fresh' | 'stale' | 'feedback';
/** Why a record was proposed: `text` is already in the reader's language; `terms` are the shared terms it names. */
export type MatchReason = { kind: ReasonKind | (string & {}); text: string; terms?: string[] };

export type Verdict = 'interested' | 'not_relevant';
export const REASON_CODES = ['wrong_field', 'too_early', 'too_expensive', 'region', 'duplicate', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export type MyFeedback = { verdict: Verdict; reasonCode: ReasonCode | null; reason: string | null };

export type ReviewSummary = { count: number; submitted: number; averageScore: number | null; recommend: number; notRecommend: number };

export type MatchRecord = {
  id: string;
  title: string;
  organization: { id: string; name: string };
  industry: IndustrySection | null;
  jurisdictionCode: string | null;
  publishedAt: string | null;
  stale: boolean;
  /** Abstract only for this reader: no price, budget or modes. */
  restricted?: boolean;
  maturity?: number | null;
  priceFen?: number | null;
  transferModes?: TransferMode[];
  budgetMinFen?: number | null;
  budgetMaxFen?: number | null;
  cooperationModes?: TransferMode[];
};

export type MatchItem = {
  /** null for an anonymous (secret) match. */
  id: string | null;
  type: MatchSide;
  /** 1–99; null where nothing was ranked (a push by subscription). */
  score: number | null;
  reasons: MatchReason[];
  anonymous: boolean;
  record: MatchRecord | null;
  /** What POST /api/match-inquiries takes, for an anonymous match. */
  ref?: string;
  feedback: MyFeedback | null;
  feedbackSummary: { interested: number; notRelevant: number } | null;
  review: ReviewSummary | null;
};

export type SentenceRole = 'goal' | 'problem' | 'background' | 'plain';
export type Intent = { sentences: { text: string; role: SentenceRole }[]; wanted: { min: number; max: number } | null };

export type MatchAnswer = { source: { type: MatchSide; id: string; title: string }; intent: Intent | null; items: MatchItem[] };

export type OrganizationMatch = {
  organization: { id: string; name: string; type: string };
  score: number;
  reasons: MatchReason[];
  records: { id: string; title: string; score: number }[];
};

export type ExpertMatch = {
  user: { id: string; name: string };
  title: string | null;
  fields: string[];
  organization: { id: string; name: string } | string | null;
  score: number;
  reasons: MatchReason[];
};

/** The other side: a demand is matched with achievements and the reverse. */
export const otherSide = (side: MatchSide): MatchSide => (side === 'demand' ? 'achievement' : 'demand');
/** The catalogue URL segment of a side. */
export const sidePath = (side: MatchSide) => (side === 'demand' ? 'demands' : 'achievements');
export const recordLink = (side: MatchSide, id: string) => `/${sidePath(side)}/${id}`;

const base = (side: MatchSide, id: string) => `/${sidePath(side)}/${encodeURIComponent(id)}/matches`;

export const fetchMatches = (side: MatchSide, id: string, query: { limit?: number } = {}, signal?: AbortSignal) =>
  get<MatchAnswer>(base(side, id), query, signal);
export const fetchOrganizationMatches = (side: MatchSide, id: string, signal?: AbortSignal) =>
  get<{ items: OrganizationMatch[] }>(`${base(side, id)}/organizations`, undefined, signal);
export const fetchExpertMatches = (side: MatchSide, id: string, signal?: AbortSignal) =>
  get<{ items: ExpertMatch[] }>(`${base(side, id)}/experts`, undefined, signal);

export type FeedbackInput = { sourceType: MatchSide; sourceId: string; targetId: string; verdict: Verdict; reasonCode?: ReasonCode; reason?: string };
export const sendFeedback = (body: FeedbackInput) => post<unknown>('/match-feedback', body);

// 专家论证
export type ReviewOpinion = 'recommend' | 'neutral' | 'not_recommend';
export const REVIEW_OPINIONS: ReviewOpinion[] = ['recommend', 'neutral', 'not_recommend'];
export type ReviewRecordRef = { id: string; title: string; organization?: { id: string; name: string } | null };
export type ReviewExpert = {
  user: { id: string; name: string };
  status: 'invited' | 'submitted' | 'declined';
  score: number | null;
  opinion: ReviewOpinion | null;
  comment: string | null;
  invitedAt: string;
  submittedAt: string | null;
};
/** A review of a pair: every expert's opinion for the requesting side and the parties. */
export type MatchReview = {
  id: string;
  demandId: string;
  achievementId: string;
  requestedBy: { id: string; name: string } | null;
  note: string;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  experts: ReviewExpert[];
};
/** An expert's own invitation: the pair to assess, the requester's note and the expert's own answer. */
export type MyReview = {
  id: string;
  status: 'open' | 'closed';
  note: string;
  requestedBy: { id: string; name: string } | null;
  createdAt: string;
  demand: ReviewRecordRef;
  achievement: ReviewRecordRef;
  invitation: Omit<ReviewExpert, 'user'>;
  allowedActions: ('submit' | 'decline' | 'close' | (string & {}))[];
};

export type ReviewRequest = { demandId: string; achievementId: string; expertUserIds: string[]; note: string };
export type ExcludedExpert = { user: { id: string; name: string }; reason: string; message: string };
export const requestReview = (body: ReviewRequest) => post<MatchReview & { excluded: ExcludedExpert[] }>('/match-reviews', body);
export const fetchPairReviews = (demandId: string, achievementId: string, signal?: AbortSignal) =>
  get<{ items: MatchReview[]; summary: ReviewSummary | null }>('/match-reviews', { demandId, achievementId }, signal);
export const fetchMyReviews = (signal?: AbortSignal) => get<{ items: MyReview[] }>('/match-reviews/mine', undefined, signal);
export const submitOpinion = (id: string, body: { score: number; opinion: ReviewOpinion; comment: string }) =>
  post<unknown>(`/match-reviews/${encodeURIComponent(id)}/opinions`, body);
export const declineReview = (id: string) => post<unknown>(`/match-reviews/${encodeURIComponent(id)}/decline`);

// "ask the platform" about a secret match
/** A record named by an inquiry: the title only for those who may read it. */
export type InquiryRecord = { type: MatchSide; id: string; title: string | null };
export type MatchInquiry = {
  id: string;
  source: InquiryRecord;
  target: InquiryRecord;
  requestedBy: { id: string; name: string | null };
  organization: { id: string; name: string | null } | null;
  message: string;
  status: 'open' | 'answered';
  answer: string | null;
  createdAt: string;
  handledAt: string | null;
  allowedActions: ('answer' | (string & {}))[];
};
export const sendInquiry = (body: { sourceType: MatchSide; sourceId: string; ref: string; message: string }) => post<MatchInquiry>('/match-inquiries', body);
export const listInquiries = (query: { status?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<Paged<MatchInquiry>>('/match-inquiries', query, signal);
export const answerInquiry = (id: string, answer: string) => post<MatchInquiry>(`/match-inquiries/${encodeURIComponent(id)}/answer`, { answer });

/** A verdict on a proposed match, as brokers and administrators see it. */
export type FeedbackEntry = {
  id: string;
  /** title: null for a secret record the reader may not read (brokers). */
  source: { type: MatchSide; id: string; title: string | null };
  target: { type: MatchSide; id: string; title: string | null };
  verdict: Verdict;
  reasonCode: ReasonCode | null;
  reason: string | null;
  by: { name: string; organization: string | null };
  updatedAt: string;
};
export const listFeedback = (query: { verdict?: Verdict; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  get<Paged<FeedbackEntry>>('/match-feedback', query, signal);

// a demand list matched as a job
export type BatchMatch = { achievementId: string; title: string; organization: string | { id: string; name: string } | null; score: number; reasons: MatchReason[] };
export type MatchBatch = {
  id: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  top?: number;
  error?: string | null;
  createdAt?: string;
  finishedAt?: string | null;
  results: { demandId: string; title: string; matches: BatchMatch[] }[];
};
export const listBatches = (demandListId: string, signal?: AbortSignal) =>
  get<{ items: Omit<MatchBatch, 'results'>[]; total: number }>('/match-batches', { demandListId }, signal);
export const startBatch = (demandListId: string, top: number) => post<MatchBatch>(`/demand-lists/${encodeURIComponent(demandListId)}/match-batches`, { top });
export const fetchBatch = (id: string, signal?: AbortSignal) => get<MatchBatch>(`/match-batches/${encodeURIComponent(id)}`, undefined, signal);
export const batchExportUrl = (id: string) => `/api/match-batches/${encodeURIComponent(id)}/export.xlsx`;

/** An organisation given as an object or a plain name. */
export const orgName = (o: { name: string | null } | string | null | undefined) => (o == null ? '' : typeof o === 'string' ? o : (o.name ?? ''));
