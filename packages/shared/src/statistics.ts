import { z } from 'zod';
import { formatFen } from './catalogue.ts';
import { dateSchema } from './catalogueSchemas.ts';
import { POLICY_DOCUMENTS } from './policy.ts';
import { jurisdictionCodeSchema } from './schemas.ts';

/**
 * Statistics (issue 18): each jurisdiction's figures measured from the
 * platform's own records, and its targets. Amounts in fen, rates as
 * fractions 0–1; a figure no module tracks yet is `null` ("not tracked yet",
 * never zero).
 */
export const STATS_GROUPINGS = ['month', 'year', 'child'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];

/** A period and a jurisdiction: what every statistics request names. */
const statsPeriodQuery = z.object({
  jurisdiction: jurisdictionCodeSchema,
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export const statsQuery = statsPeriodQuery.extend({
  by: z.enum(STATS_GROUPINGS).optional(),
  /** previousYear: the same period a year before beside the figures (同比), as `previous`; for a period of a year at most. */
  compare: z.enum(['previousYear']).optional(),
});
export type StatsQuery = z.infer<typeof statsQuery>;

const sums = z.object({ count: z.number().int(), amount: z.number().int() });
const contractSums = z.object({ count: z.number().int(), contractAmount: z.number().int(), technologyAmount: z.number().int() });

export const industryFigures = z.object({
  achievementsPublished: z.number().int(),
  achievementsConverted: z.number().int(),
  demandsPosted: z.number().int(),
  demandsMet: z.number().int(),
  matchesPushed: z.number().int(),
  /** Registered contracts in this industry (the contract's own, else its achievements'), and their contract amount in fen. */
  contracts: z.number().int(),
  contractAmount: z.number().int(),
});
export type IndustryFigures = z.infer<typeof industryFigures>;

/** Figures that modules not yet built would feed: null until one records them. */
export const UNTRACKED_FIGURES = ['matchmakingEvents', 'roadshows', 'brokersTrained', 'pilotBases', 'incubationCarriers', 'demonstrationAgencies', 'transferProfessionals'] as const;
export type UntrackedFigure = (typeof UNTRACKED_FIGURES)[number];
const untracked = z.number().int().nullable();

export const statsFigures = z.object({
  contracts: contractSums.extend({ byKind: z.record(z.string(), contractSums) }),
  localAbsorbed: sums,
  output: sums,
  input: sums,
  /** Contracts whose seller and buyer are both inside, over all whose seller is inside (null when there is none). */
  localConversionRate: z.object({ byCount: z.number().nullable(), byAmount: z.number().nullable() }),
  achievementsPublished: z.number().int(),
  /** Achievements first converted in the period (a conversion recorded, a deal signed, or a registered contract naming them). */
  achievementsConverted: z.number().int(),
  demandsPosted: z.number().int(),
  /** Demands met in the period: the challenge posted from them accepted, a deal made from them signed, or a contract registered from such a deal; each once. */
  demandsMet: z.number().int(),
  /** Matches pushed to people, and verdicts given on proposed matches. */
  matches: z.object({ pushed: z.number().int(), answered: z.number().int() }),
  /** auctionPremium: what auctions sold for above their start prices, as a fraction of them (null: no auction). */
  deals: sums.extend({ bySource: z.record(z.string(), sums), auctionPremium: z.number().nullable() }),
  organizationsVerified: z.object({ count: z.number().int(), byType: z.record(z.string(), z.number().int()) }),
  /** budget: the jurisdiction's subsidy budget lines (its whole subtree) for the years of the period, as the policy module holds them (null: none set; by month: a budget is yearly, so none). */
  subsidies: z.object({ committed: z.number().int().nullable(), paid: z.number().int().nullable(), budget: z.number().int().nullable() }),
  challenges: z.object({ posted: z.number().int().nullable(), awarded: z.number().int().nullable(), completed: z.number().int().nullable() }),
  /** The records with an industry (GB/T 4754 section; '' unknown), by industry. */
  byIndustry: z.record(z.string(), industryFigures),
  /** Figures no module records yet (events held, roadshows, brokers trained, pilot bases …): always null, "not tracked yet", never zero. */
  matchmakingEvents: untracked,
  roadshows: untracked,
  brokersTrained: untracked,
  pilotBases: untracked,
  incubationCarriers: untracked,
  demonstrationAgencies: untracked,
  transferProfessionals: untracked,
});
export type StatsFigures = z.infer<typeof statsFigures>;

export const statsDto = z.object({
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  figures: statsFigures,
  series: z.array(
    z.object({
      period: z.string(),
      /** By child: the region's name (the platform's jurisdiction's, else GB/T 2260's, else its code). */
      name: z.string().optional(),
      /** By child: whether the region is a jurisdiction of the platform (its own dashboard and records open). */
      jurisdiction: z.boolean().optional(),
      /**
       * By child, the last row: the jurisdiction's own figures less its children's (counted at its own level — a
       * university registered at the province — or in no sub-region), so the rows add up to the total; not a region
       * to open. Flows (本地吸纳, 输出, 输入) and the local conversion rate are each region's own and do not subtract:
       * this row has none of them.
       */
      remainder: z.boolean().optional(),
      figures: statsFigures,
    }),
  ),
  /** With `compare=previousYear`: the figures of the same period a year before (29 February read as the 28th). */
  previous: z.object({ from: z.string(), to: z.string(), figures: statsFigures }).optional(),
  /** What each figure counts, in words (shown beside it). */
  definitions: z.record(z.string(), z.string()),
});
export type StatsDto = z.infer<typeof statsDto>;

/** The figures behind one number: the records it counts. */
export const STATS_METRICS = [
  'contract',
  'contract.industry',
  'contract.local',
  'contract.output',
  'contract.input',
  'achievement.published',
  'achievement.converted',
  'demand.published',
  'demand.met',
  'match.pushed',
  'match.answered',
  'deal',
  'organization.verified',
  'subsidy.committed',
  'subsidy.paid',
  'challenge.posted',
  'challenge.awarded',
  'challenge.completed',
] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];
const regionCode = jurisdictionCodeSchema;
export const statsRecordsQuery = statsPeriodQuery.extend({
  metric: z.enum(STATS_METRICS),
  /** Only the records of this kind: a contract's kind, a deal's pricing, an industry, an organisation type … */
  kind: z.string().max(64).optional(),
  /** Only the contracts of this seller / buyer (the key the top organisations name). */
  seller: z.string().max(200).optional(),
  buyer: z.string().max(200).optional(),
  /** Only the contracts whose seller / buyer is inside this region (a flow between regions). */
  sellerIn: regionCode.optional(),
  buyerIn: regionCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
/** Where a record behind a figure lives on the platform (its page). */
export const STATS_RECORD_LINK_TYPES = ['achievement', 'demand', 'contract', 'deal', 'challenge', 'organization'] as const;
export const statsRecordLink = z.object({ type: z.enum(STATS_RECORD_LINK_TYPES), id: z.string() });
export type StatsRecordLink = z.infer<typeof statsRecordLink>;
export const statsRecordsDto = z.object({
  items: z.array(
    z.object({
      sourceType: z.string(),
      sourceId: z.string(),
      day: z.string(),
      kind: z.string(),
      /** The record's title (a contract's registration number and title, a deal's listing, a push's record …), named by the module that owns it. */
      label: z.string(),
      amount: z.number().int(),
      amount2: z.number().int(),
      seller: z.string(),
      buyer: z.string(),
      /** Who or what else: the owner, the beneficiary, the person a match was pushed to or who answered, the challenge's poster ('' none). */
      detail: z.string(),
      /** The record's page (null: none, or the record is gone). */
      link: statsRecordLink.nullable(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type StatsRecordsDto = z.infer<typeof statsRecordsDto>;

/** The organisations with the most registered contracts counted in a jurisdiction, as sellers or buyers. */
export const statsTopQuery = statsPeriodQuery.extend({
  side: z.enum(['seller', 'buyer']).default('seller'),
  order: z.enum(['amount', 'count']).default('amount'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type StatsTopQuery = z.infer<typeof statsTopQuery>;
export const statsTopDto = z.object({
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  side: z.enum(['seller', 'buyer']),
  order: z.enum(['amount', 'count']),
  items: z.array(
    z.object({
      /** The organisation's id, or the party's name when it has no account (the key records filter on). */
      key: z.string(),
      name: z.string(),
      region: z.string(),
      count: z.number().int(),
      contractAmount: z.number().int(),
      technologyAmount: z.number().int(),
    }),
  ),
});
export type StatsTopDto = z.infer<typeof statsTopDto>;

/** Registered contracts between regions: seller region → buyer region (children inside the jurisdiction, provinces outside). */
export const statsFlowsQuery = statsPeriodQuery;
export const statsFlowsDto = z.object({
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  /** Every region a flow starts or ends in; `inside`: within the jurisdiction. */
  regions: z.array(z.object({ code: z.string(), name: z.string(), inside: z.boolean() })),
  links: z.array(z.object({ seller: z.string(), buyer: z.string(), count: z.number().int(), amount: z.number().int() })),
});
export type StatsFlowsDto = z.infer<typeof statsFlowsDto>;

/** Targets a jurisdiction tracks (PRODUCT.md, "Targets the statistics page tracks"). */
export const TARGET_KEYS = [
  'contractAmount',
  'localAbsorbedGrowth',
  'localConversionRate',
  'achievementsPublished',
  'matchmakingEvents',
  'roadshows',
  'incubationCarriers',
  'demonstrationAgencies',
  'transferProfessionals',
  'brokersTrained',
  'pilotBases',
] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];
/** fen: money in fen; rate: fraction 0–1; count: a number of things. */
export const TARGET_UNITS: Record<TargetKey, 'fen' | 'rate' | 'count'> = {
  contractAmount: 'fen',
  localAbsorbedGrowth: 'rate',
  localConversionRate: 'rate',
  achievementsPublished: 'count',
  matchmakingEvents: 'count',
  roadshows: 'count',
  incubationCarriers: 'count',
  demonstrationAgencies: 'count',
  transferProfessionals: 'count',
  brokersTrained: 'count',
  pilotBases: 'count',
};

export const targetsBody = z.object({
  year: z.number().int().min(2000).max(2100),
  targets: z
    .array(
      z.object({
        key: z.enum(TARGET_KEYS),
        value: z.number({ message: 'err.target.number' }).finite().nonnegative({ message: 'err.target.negative' }),
        source: z.string().trim().max(500).default(''),
      }),
    )
    .min(1)
    .max(TARGET_KEYS.length),
});
export type TargetsBody = z.infer<typeof targetsBody>;

export const targetsDto = z.object({
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  items: z.array(
    z.object({
      key: z.enum(TARGET_KEYS),
      year: z.number().int(),
      value: z.number(),
      unit: z.enum(['fen', 'rate', 'count']),
      source: z.string(),
      /** Whether the platform measures this figure (false: events held, brokers trained … — "not tracked yet"). */
      tracked: z.boolean(),
      /** The figure measured for that year so far (null: not tracked yet, or nothing to measure it from — no contracts that year, none the year before for a growth). */
      actual: z.number().nullable(),
      /** actual / value (null when not tracked or the target is 0). */
      progress: z.number().nullable(),
      /**
       * Money and counts: what each month needs to reach it — this year, per remaining month (this one included);
       * a year to come, per month of that year (nothing counted now counts for it); null for a past year, a rate, or not tracked.
       */
      neededPerMonth: z.number().nullable(),
      /** Months from this one to the end of the target's year (this one included; 0 for a past year). */
      monthsLeft: z.number().int(),
      /** Money and counts of a year to come: the growth each year needs from the last whole year's figure to reach it (0.1 = 10 % a year; null when that year has none). */
      neededGrowth: z.number().nullable(),
      /** Rates: the gap to the target in percentage points (target − figure; for a year to come, the figure of this year so far); null when there is no figure. */
      gapPoints: z.number().nullable(),
    }),
  ),
});
export type TargetsDto = z.infer<typeof targetsDto>;

const STAT_AMOUNT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const YI = 100_000_000 * 100; // 1 亿元 in fen

/**
 * An amount of the statistics as the plans and officials say it: from 1 亿元
 * up in 亿元 (沈阳's 360 亿元, not 3,600,000 万元), below as formatFen
 * writes it (万元, 元). English keeps the Chinese unit's size, named in
 * English (× 100m yuan), as formatFen does (× 10k yuan).
 */
export function formatStatAmount(fen: number, lang: 'zh' | 'en' = 'zh'): string {
  if (Math.abs(fen) < YI) return formatFen(fen, lang);
  return lang === 'en' ? `${STAT_AMOUNT.format(fen / YI)} × 100m yuan` : `${STAT_AMOUNT.format(fen / YI)} 亿元`;
}

const WAN = 10_000 * 100; // 1 万元 in fen

/**
 * An amount in the unit formatStatAmount gives `like`: figures read side by
 * side (a target of 10 亿元, the 0.35 亿元 reached, 0.08 亿元 a month) share
 * one unit, so none looks a thousand times another by its unit alone.
 */
export function formatStatAmountLike(fen: number, like: number, lang: 'zh' | 'en' = 'zh'): string {
  const size = Math.abs(like);
  if (size >= YI) return lang === 'en' ? `${STAT_AMOUNT.format(fen / YI)} × 100m yuan` : `${STAT_AMOUNT.format(fen / YI)} 亿元`;
  if (size >= WAN) return lang === 'en' ? `${STAT_AMOUNT.format(fen / WAN)} × 10k yuan` : `${STAT_AMOUNT.format(fen / WAN)} 万元`;
  return formatFen(fen, lang);
}

/**
 * A target's source as a reader knows it: the plan's title (the seeded targets name their document by its number,
 * 「001 山西：力争在2022年底……」 → 山西省科技成果转化行动方案（2022 年）) and the sentence quoted from it; a source an
 * administrator typed (no such number) is its own text, with no document.
 */
export function targetSourceOf(source: string, lang: 'zh' | 'en' = 'zh'): { document: string | null; quote: string } {
  const m = /^(\d{3})\s+([\s\S]*)$/.exec(source.trim());
  const file = m ? Object.keys(POLICY_DOCUMENTS).find((f) => f.startsWith(`${m[1]}_`)) : undefined;
  // The quote's leading place (山西：) is the document's: said once, by its title.
  return file ? { document: POLICY_DOCUMENTS[file]![lang], quote: m![2]!.trim().replace(/^[\u4e00-\u9fa5]{2,4}：/, '') } : { document: null, quote: source.trim() };
}

/** A target's source in one line: the plan's title and its sentence (a sheet's cell), else the text as typed. */
export const targetSourceLine = (source: string, lang: 'zh' | 'en' = 'zh') => {
  const s = targetSourceOf(source, lang);
  return s.document ? `${s.document}${lang === 'en' ? ': ' : '：'}${s.quote}` : s.quote;
};
