import type { BidDto, BountyPaymentsDto, ChallengeAgreementDto, ChallengeDto, ChallengeScheme, ChallengeStatus, ChallengeSummaryDto, MilestoneDto, MilestoneFileDto, PanelCandidateDto, Wire } from '@kzt/shared';
import { del, get, post, type Paged } from '../../api/client.ts';
import { uploadFileTo } from '../attachments/api.ts';

/** Money is integer fen; shares and weights decimals 0–1 (basis points / 10,000); instants UTC ISO strings. */

export type Challenge = Wire<ChallengeDto>;
export type ChallengeSummary = Wire<ChallengeSummaryDto>;
export type Bid = Wire<BidDto>;
export type Milestone = Wire<MilestoneDto>;
export type MilestoneFile = Wire<MilestoneFileDto>;
export type Agreement = Wire<ChallengeAgreementDto>;
export type PanelCandidate = Wire<PanelCandidateDto>;
export type BountyPayments = Wire<BountyPaymentsDto>;

export type ChallengeListQuery = { scheme?: ChallengeScheme; status?: ChallengeStatus; jurisdiction?: string; q?: string; scope?: 'board' | 'mine' | 'review'; page?: number; pageSize?: number };

export type CreateChallengeInput = {
  scheme: ChallengeScheme;
  kind?: 'breakthrough' | 'conversion' | null;
  title?: string;
  description?: string;
  organizationId?: string | null;
  demandId?: string | null;
  /** 双向揭榜 成果转化: the posting organisation's own published achievement (title and summary prefill what is left empty). */
  achievementId?: string | null;
  bounty?: number | null;
  deadline: string;
  jurisdiction?: string;
  requirements?: string;
  /** 研发众包 only: accepted submissions public. */
  resultsPublic?: boolean;
  criteria?: { key: string; name: string; weight: number }[];
};

export type CreateBidInput = {
  organizationId: string;
  team: string;
  plan: string;
  budget: number;
  milestones: { title: string; dueOn: string; share: number; deliverable: string }[];
};

/** A Date-or-string instant from a shared type, as the ISO string the API sent. */
export const iso = (v: Date | string | null | undefined): string | null => (v == null ? null : typeof v === 'string' ? v : v.toISOString());

export const listChallenges = (query: ChallengeListQuery, signal?: AbortSignal) => get<Paged<ChallengeSummary>>('/challenges', query, signal);
export const fetchChallenge = (id: string, signal?: AbortSignal) => get<Challenge>(`/challenges/${id}`, undefined, signal);
export const fetchBid = (id: string, bidId: string, signal?: AbortSignal) => get<Bid>(`/challenges/${id}/bids/${bidId}`, undefined, signal);
export const postChallenge = (body: CreateChallengeInput) => post<Challenge>('/challenges', body);
export const reviewChallenge = (id: string, body: { decision: 'approve' | 'reject'; reason?: string }) => post<Challenge>(`/challenges/${id}/review`, body);
export const submitBid = (id: string, body: CreateBidInput) => post<Bid>(`/challenges/${id}/bids`, body);
export const checkBid = (id: string, bidId: string, body: { decision: 'pass' | 'fail'; reason?: string }) => post<Bid>(`/challenges/${id}/bids/${bidId}/check`, body);
export const setPanel = (id: string, expertIds: string[]) => post<Challenge>(`/challenges/${id}/panel`, { expertIds });
/** Administrators replace one panel member (who must avoid a bid) while no one has scored that bid. */
export const replacePanelMember = (id: string, body: { expertId: string; replacementId: string; reason: string }) => post<Challenge>(`/challenges/${id}/panel/replace`, body);
export const declareConflict = (id: string, reason: string) => post<Challenge>(`/challenges/${id}/conflicts`, { reason });
export const scoreBid = (id: string, bidId: string, body: { scores: Record<string, number>; comment: string }) => post<Bid>(`/challenges/${id}/bids/${bidId}/scores`, body);
export const awardChallenge = (id: string, bidIds: string[], note = '') => post<Challenge>(`/challenges/${id}/award`, { bidIds, note });
export const reportMilestone = (id: string, n: number, body: { note: string; attachmentIds?: string[] }) => post<Challenge>(`/challenges/${id}/milestones/${n}/report`, body);
export const acceptMilestone = (id: string, n: number, body: { bidId?: string; comment?: string }) => post<Challenge>(`/challenges/${id}/milestones/${n}/accept`, body);
export const returnMilestone = (id: string, n: number, body: { bidId?: string; reason: string }) => post<Challenge>(`/challenges/${id}/milestones/${n}/return`, body);
/** 悬赏: the poser records a payment (fen, YYYY-MM-DD, voucher) to a team whose solution it accepted; never changed afterwards. */
export const recordBountyPayment = (id: string, body: { bidId?: string; amount: number; paidOn: string; reference: string; note?: string }) => post<Challenge>(`/challenges/${id}/payments`, body);
/** 榜单一览 as Excel (administrators: their regions, with the board's filters). */
export const boardExportUrl = (q: Omit<ChallengeListQuery, 'scope' | 'page' | 'pageSize'>) => {
  const p = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return `/api/challenges/export.xlsx${p.size ? `?${p}` : ''}`;
};
/** One challenge as Excel (its administrators and the poser: `export` among its allowed actions). */
export const challengeExportUrl = (id: string) => `/api/challenges/${id}/export.xlsx`;
export const terminateChallenge = (id: string, reason: string) => post<Challenge>(`/challenges/${id}/terminate`, { reason });
export const fetchAgreement = (id: string, bidId: string, signal?: AbortSignal) => get<Agreement>(`/challenges/${id}/bids/${bidId}/agreement`, undefined, signal);
export const signAgreement = (id: string, bidId: string) => post<Agreement>(`/challenges/${id}/bids/${bidId}/agreement/sign`, { confirm: true });
export const fetchPanelCandidates = (id: string, q?: string, signal?: AbortSignal) => get<{ items: PanelCandidate[] }>(`/challenges/${id}/panel/candidates`, q ? { q } : undefined, signal);
/** Uploads one file (PDF or image, ≤ 20 MB) to the caller's team's milestone `n`; the report then names it. */
export const uploadMilestoneFile = (id: string, n: number, file: File) => uploadFileTo<MilestoneFile>(`/api/challenges/${id}/milestones/${n}/attachments`, file);
export const deleteMilestoneFile = (id: string, n: number, attachmentId: string) => del<void>(`/challenges/${id}/milestones/${n}/attachments/${attachmentId}`);
