import type { AchievementType, ConversionKind, TransferMode } from '@kzt/shared';
import { get, patch, post, put } from '../../api/client.ts';
import type { CataloguePage, CommonQuery, RecordBase, RecordFull, Segment } from '../catalogue/api.ts';

export type IpItem = { number: string; kind: string; status: string; title?: string };
/** `userId`: the member's account, seen only by the record's editors (it lets a challenge panel's avoidance know the person). */
export type Completer = { name: string; organization?: string; userId?: string; share: number };
export type Benefit = { metric: string; baseline?: string; value: string; improvement?: string };
export type Conversion = { id: string; kind: ConversionKind; date: string; counterparty: string; amount: number | null; note: string | null; createdAt: string };
export type FollowupStatus = 'not_started' | 'in_progress' | 'converted' | 'stopped';
export const FOLLOWUP_STATUSES: FollowupStatus[] = ['not_started', 'in_progress', 'converted', 'stopped'];
export type Followup = { year: number; status: FollowupStatus; revenue: number | null; note: string | null; updatedAt: string };

export type Achievement = RecordBase & {
  summary: string;
  maturity: number;
  maturityStage: string | null;
  highlight?: { title: Segment[]; summary: Segment[] };
} & Partial<
    RecordFull & {
      type: AchievementType;
      ip: IpItem[];
      completers: Completer[];
      transferModes: TransferMode[];
      /** fen; null = 面议 */
      price: number | null;
      priceNegotiable: boolean;
      benefits: Benefit[];
      source: string | null;
      converted: boolean;
      unconvertedFlaggedAt: string | null;
      conversions: Conversion[];
      followups: Followup[];
    }
  >;

export type AchievementFacet = 'industry' | 'type' | 'maturity' | 'ownerType' | 'transferMode';

export type AchievementQuery = CommonQuery & {
  type?: string;
  maturityMin?: number;
  maturityMax?: number;
  transferMode?: string;
  priceMin?: number;
  priceMax?: number;
  unconverted?: 'true';
};

export type AchievementInput = {
  title: string;
  summary: string;
  keywords: string[];
  type: AchievementType;
  industry: string;
  industryTags: string[];
  maturity: number;
  ip: IpItem[];
  completers: Completer[];
  transferModes: TransferMode[];
  price: number | '面议' | null;
  confidentiality: string;
  benefits: Benefit[];
  organizationId?: string;
};

const one = (id: string, rest = '') => `/achievements/${encodeURIComponent(id)}${rest}`;

export const listAchievements = (query: AchievementQuery, signal?: AbortSignal) =>
  get<CataloguePage<Achievement, AchievementFacet>>('/achievements', query, signal);
export const fetchAchievement = (id: string) => get<Achievement>(one(id));
export const createAchievement = (body: AchievementInput) => post<Achievement>('/achievements', body);
export const updateAchievement = (id: string, body: Partial<AchievementInput>) => patch<Achievement>(one(id), body);
export const addConversion = (id: string, body: { kind: ConversionKind; date: string; counterparty: string; amount: number | null; note?: string }) =>
  post<Conversion>(one(id, '/conversions'), body);
export const saveFollowup = (id: string, year: number, body: { status: FollowupStatus; revenue: number | null; note?: string }) =>
  put<Followup>(one(id, `/followups/${year}`), body);
