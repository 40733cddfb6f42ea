import { FOLLOWUP_STATUSES, type AchievementType, type achievementDto, type achievementPageDto, type achievementQuery, type ConversionKind, type conversionDto, type followupDto, type FollowupStatus, type Narrow, type QueryOf, type TransferMode, type WireOf } from '@kzt/shared';
import { get, patch, post, put } from '../../api/client.ts';
import type { CataloguePage, RecordBase } from '../catalogue/api.ts';

export type IpItem = { number: string; kind: string; status: string; title?: string };
/** `userId`: the member's account, seen only by the record's editors (it lets a challenge panel's avoidance know the person). */
export type Completer = { name: string; organization?: string; userId?: string; share: number };
export type Benefit = { metric: string; baseline?: string; value: string; improvement?: string };
export type Conversion = WireOf<typeof conversionDto>;
export type { FollowupStatus };
export { FOLLOWUP_STATUSES };
export type Followup = WireOf<typeof followupDto>;

/**
 * An achievement as the API shows it (the server's `achievementDto`; a detail
 * adds its reviewer, conversions and follow-ups). The stored JSON items (IP,
 * completers, benefits) leave the server as saved; they are read with the
 * shapes the forms write.
 */
export type Achievement = Narrow<WireOf<typeof achievementDto>, { ip?: IpItem[]; completers?: Completer[]; benefits?: Benefit[] }> &
  Pick<RecordBase, 'reviewer'> & {
    conversions?: Conversion[];
    followups?: Followup[];
  };

/** The achievements list's filters (the server's `achievementQuery`: the catalogue's common ones and its own). */
export type AchievementQuery = QueryOf<typeof achievementQuery>;
export type AchievementPage = CataloguePage<Achievement, typeof achievementPageDto>;

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
  get<AchievementPage>('/achievements', query, signal);
export const fetchAchievement = (id: string) => get<Achievement>(one(id));
export const createAchievement = (body: AchievementInput) => post<Achievement>('/achievements', body);
export const updateAchievement = (id: string, body: Partial<AchievementInput>) => patch<Achievement>(one(id), body);
export const addConversion = (id: string, body: { kind: ConversionKind; date: string; counterparty: string; amount: number | null; note?: string }) =>
  post<Conversion>(one(id, '/conversions'), body);
export const saveFollowup = (id: string, year: number, body: { status: FollowupStatus; revenue: number | null; note?: string }) =>
  put<Followup>(one(id, `/followups/${year}`), body);
