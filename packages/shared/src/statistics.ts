import { z } from 'zod';
import { dateSchema } from './catalogueSchemas.ts';
import { jurisdictionCodeSchema } from './schemas.ts';

/**
 * Statistics (issue 18): each jurisdiction's figures measured from the
 * platform's own records, and its targets. Amounts in fen, rates as
 * fractions 0–1; a figure no module tracks yet is `null` ("not tracked yet",
 * never zero).
 */
export const STATS_GROUPINGS = ['month', 'year', 'child'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];

export const statsQuery = z.object({
  jurisdiction: jurisdictionCodeSchema,
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  by: z.enum(STATS_GROUPINGS).optional(),
});
export type StatsQuery = z.infer<typeof statsQuery>;

const sums = z.object({ count: z.number().int(), amount: z.number().int() });
const contractSums = z.object({ count: z.number().int(), contractAmount: z.number().int(), technologyAmount: z.number().int() });

export const statsFigures = z.object({
  contracts: contractSums.extend({ byKind: z.record(z.string(), contractSums) }),
  localAbsorbed: sums,
  output: sums,
  input: sums,
  /** Contracts whose seller and buyer are both inside, over all whose seller is inside (null when there is none). */
  localConversionRate: z.object({ byCount: z.number().nullable(), byAmount: z.number().nullable() }),
  achievementsPublished: z.number().int(),
  demandsPosted: z.number().int(),
  /** auctionPremium: what auctions sold for above their start prices, as a fraction of them (null: no auction). */
  deals: sums.extend({ bySource: z.record(z.string(), sums), auctionPremium: z.number().nullable() }),
  organizationsVerified: z.object({ count: z.number().int(), byType: z.record(z.string(), z.number().int()) }),
  subsidies: z.object({ committed: z.number().int().nullable(), paid: z.number().int().nullable() }),
  challenges: z.object({ posted: z.number().int().nullable(), awarded: z.number().int().nullable() }),
});
export type StatsFigures = z.infer<typeof statsFigures>;

export const statsDto = z.object({
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  figures: statsFigures,
  series: z.array(z.object({ period: z.string(), name: z.string().optional(), figures: statsFigures })),
  /** What each figure counts, in words (shown beside it). */
  definitions: z.record(z.string(), z.string()),
});
export type StatsDto = z.infer<typeof statsDto>;

/** The figures behind one number: the records it counts. */
export const STATS_METRICS = ['contract', 'contract.local', 'contract.output', 'contract.input', 'achievement.published', 'demand.published', 'deal', 'organization.verified', 'subsidy.committed', 'subsidy.paid', 'challenge.posted', 'challenge.awarded'] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];
export const statsRecordsQuery = statsQuery.omit({ by: true }).extend({
  metric: z.enum(STATS_METRICS),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const statsRecordsDto = z.object({
  items: z.array(z.object({ sourceType: z.string(), sourceId: z.string(), day: z.string(), kind: z.string(), label: z.string(), amount: z.number().int(), amount2: z.number().int() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

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
      /** The figure measured for that year so far (null: not tracked yet). */
      actual: z.number().nullable(),
      /** actual / value (null when not tracked or the target is 0). */
      progress: z.number().nullable(),
      /** What the rest of the year needs per remaining month to reach it (null when not applicable). */
      neededPerMonth: z.number().nullable(),
    }),
  ),
});
export type TargetsDto = z.infer<typeof targetsDto>;
