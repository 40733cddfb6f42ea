import { z } from 'zod';

/**
 * The portal: home (live counts, latest records, 通知公告), one search box
 * over achievements, demands and listings, and the signed-in person's
 * workbench (工作台). Response contracts: the zod serializer strips every
 * field not named here, so a card never carries a confidential field.
 */

const instantOut = z.union([z.date(), z.string()]);
const textField = (max: number) => z.string().trim().min(1, { message: 'err.required' }).max(max);

// ---- 通知公告 announcements

export const announcementBody = z.object({
  title: textField(100),
  body: textField(10000),
  /** The jurisdiction it speaks for; omitted = the whole platform (platform administrators only). */
  jurisdictionCode: z.string().regex(/^\d{6}$/, { message: 'err.jurisdictionCode' }).optional(),
  pinned: z.boolean().default(false),
});
export type AnnouncementBody = z.infer<typeof announcementBody>;

export const announcementUpdateBody = z.object({ title: textField(100).optional(), body: textField(10000).optional(), pinned: z.boolean().optional() });
export type AnnouncementUpdateBody = z.infer<typeof announcementUpdateBody>;

export const announcementQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { message: 'err.pageSize' }).default(20),
});

export const announcementSummaryDto = z.object({
  id: z.string(),
  title: z.string(),
  jurisdiction: z.object({ code: z.string(), name: z.string() }).nullable(),
  pinned: z.boolean(),
  publishedAt: instantOut,
});
export const announcementDto = announcementSummaryDto.extend({
  body: z.string(),
  updatedAt: instantOut,
  allowedActions: z.array(z.enum(['update', 'withdraw'])),
});
export const announcementListDto = z.object({
  items: z.array(announcementSummaryDto),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Whether the caller may post a notice (an administrator). */
  canCreate: z.boolean(),
});
export type AnnouncementSummary = z.infer<typeof announcementSummaryDto>;
export type Announcement = z.infer<typeof announcementDto>;

// ---- cards of records, as everyone may see them

const segments = z.array(z.object({ text: z.string(), hit: z.boolean() }));
const orgRef = z.object({ id: z.string(), name: z.string() });

export const achievementCardDto = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  industry: z.string().nullable(),
  maturity: z.number().nullable(),
  confidentiality: z.string(),
  organization: orgRef,
  publishedAt: instantOut.nullable(),
  highlight: z.object({ title: segments, summary: segments }).optional(),
});
export const demandCardDto = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  industry: z.string().nullable(),
  commonProblem: z.boolean(),
  confidentiality: z.string(),
  organization: orgRef,
  publishedAt: instantOut.nullable(),
  highlight: z.object({ title: segments, description: segments }).optional(),
});
export const listingCardDto = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  transaction: z.string(),
  status: z.string(),
  phase: z.string(),
  organization: orgRef,
  industry: z.string().nullable(),
  price: z.number().nullable(),
  currentPrice: z.number().nullable(),
  bidCount: z.number(),
  endsAt: instantOut.nullable(),
  listedAt: instantOut.nullable(),
});
export type AchievementCard = z.infer<typeof achievementCardDto>;
export type DemandCard = z.infer<typeof demandCardDto>;
export type ListingCard = z.infer<typeof listingCardDto>;

// ---- home

export const siteInfoDto = z.object({
  name: z.string(),
  operator: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  /** ICP 备案号 */
  icp: z.string(),
  /** 公安备案号 */
  police: z.string(),
});
export type SiteInfo = z.infer<typeof siteInfoDto>;

export const homeDto = z.object({
  counts: z.object({ achievements: z.number(), demands: z.number(), listings: z.number(), deals: z.number() }),
  latest: z.object({ achievements: z.array(achievementCardDto), demands: z.array(demandCardDto), listings: z.array(listingCardDto) }),
  announcements: z.array(announcementSummaryDto),
  site: siteInfoDto,
});
export type Home = z.infer<typeof homeDto>;

// ---- search

export const SEARCH_KINDS = ['achievements', 'demands', 'listings'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const searchQuery = z.object({
  q: z.string().trim().min(1, { message: 'err.required' }).max(200),
  /** One kind only (a tab), or all three. */
  kind: z.enum(SEARCH_KINDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50, { message: 'err.pageSize' }).default(5),
});

const group = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });
export const searchDto = z.object({
  q: z.string(),
  achievements: group(achievementCardDto).nullable(),
  demands: group(demandCardDto).nullable(),
  listings: group(listingCardDto).nullable(),
});
export type SearchResult = z.infer<typeof searchDto>;

// ---- workbench

/** One thing waiting for the signed-in person: how many, and where to act. */
export const WORK_ITEM_KEYS = [
  'reviewOrganizations',
  'reviewAchievements',
  'reviewDemands',
  'reviewListings',
  'organizationPending',
  'invitations',
  'registrationsToConfirm',
  'auctions',
  'dealsToSign',
  'paymentsDue',
  'staleAchievements',
  'staleDemands',
  'returnedRecords',
  'draftRecords',
  'expertReviews',
  'challengeScorings',
  'entrustments',
  'contractDrafts',
  'contractsReturned',
  'contractsToRegister',
  'entitlementsToApply',
  'entitlementsReturned',
  'entitlementsToReview',
  'entitlementsToPay',
  'challengesToReview',
  'unread',
] as const;
export type WorkItemKey = (typeof WORK_ITEM_KEYS)[number];

export const workItemDto = z.object({ key: z.enum(WORK_ITEM_KEYS), count: z.number(), link: z.string() });
export type WorkItem = z.infer<typeof workItemDto>;

export const workbenchDto = z.object({
  user: z.object({ id: z.string(), name: z.string() }),
  /** What waits for me: only keys with something to do (count > 0). */
  tasks: z.array(workItemDto),
  /** My records, by kind, with the latest few. */
  mine: z.object({
    achievements: group(z.object({ id: z.string(), title: z.string(), status: z.string(), stale: z.boolean() })),
    demands: group(z.object({ id: z.string(), title: z.string(), status: z.string(), stale: z.boolean() })),
    listings: group(z.object({ id: z.string(), title: z.string(), status: z.string(), kind: z.string() })),
    deals: z.object({ total: z.number() }),
  }),
  /** Who I am here, for the shortcuts: an administrator, an organisation's member, an approved broker or expert. */
  roles: z.object({ admin: z.boolean(), member: z.boolean(), broker: z.boolean(), expert: z.boolean(), verifiedOrganization: z.boolean() }),
});
export type Workbench = z.infer<typeof workbenchDto>;
