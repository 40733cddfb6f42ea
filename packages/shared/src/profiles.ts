import { z } from 'zod';
import { PROFILE_KINDS, VERIFY_DECISIONS } from './enums.ts';

/** Profile review (技术经纪人 / 评审专家 档案审核) and the broker's and expert's workbenches: request and response contracts. */

export const PROFILE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];
/** The kinds whose profile grants rights and is therefore reviewed. */
export const REVIEWED_PROFILE_KINDS = ['broker', 'expert'] as const;

const instantOut = z.union([z.date(), z.string()]);
const ref = z.object({ id: z.string(), name: z.string().nullable() });

export const profileReviewParams = z.object({ userId: z.uuid(), kind: z.enum(REVIEWED_PROFILE_KINDS) });

export const profileReviewBody = z
  .object({
    decision: z.enum(VERIFY_DECISIONS),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason !== undefined && v.reason.length > 0), { message: 'err.reasonRequired', path: ['reason'] });
export type ProfileReviewBody = z.infer<typeof profileReviewBody>;

export const profileReviewQuery = z.object({
  status: z.enum(PROFILE_STATUSES).default('pending'),
  kind: z.enum(REVIEWED_PROFILE_KINDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { message: 'err.pageSize' }).default(20),
});

/** A profile as the reviewing administrator sees it. */
export const profileReviewDto = z.object({
  id: z.string(),
  kind: z.enum(PROFILE_KINDS),
  status: z.enum(PROFILE_STATUSES),
  user: z.object({ id: z.string(), name: z.string(), login: z.string().nullable() }),
  organization: ref.nullable(),
  jurisdiction: z.object({ code: z.string(), name: z.string() }).nullable(),
  title: z.string().nullable(),
  fields: z.array(z.string()),
  bio: z.string().nullable(),
  certificateNo: z.string().nullable(),
  reviewReason: z.string().nullable(),
  reviewedAt: instantOut.nullable(),
  updatedAt: instantOut,
  allowedActions: z.array(z.enum(['approve', 'reject'])),
});
export type ProfileReviewDto = z.infer<typeof profileReviewDto>;
export const profileReviewListDto = z.object({ items: z.array(profileReviewDto), total: z.number(), page: z.number(), pageSize: z.number() });

// ---- broker workbench

export const followUpBody = z.object({
  happenedOn: z.iso.date({ message: 'err.date' }),
  content: z.string().trim().min(1, { message: 'err.required' }).max(2000),
  nextStep: z.string().trim().max(500).default(''),
  nextOn: z.iso.date({ message: 'err.date' }).optional(),
});
export type FollowUpBody = z.infer<typeof followUpBody>;

/** A commission: a fixed amount in fen or a rate in basis points (1 bp = 0.01 %), exactly one of them. */
export const commissionBody = z
  .object({
    amountFen: z.number().int({ message: 'err.commission.amount' }).min(1, { message: 'err.commission.amount' }).max(1_000_000_000_000, { message: 'err.commission.amount' }).optional(),
    rateBp: z.number().int({ message: 'err.commission.rate' }).min(1, { message: 'err.commission.rate' }).max(10_000, { message: 'err.commission.rate' }).optional(),
    note: z.string().trim().max(500).default(''),
  })
  .refine((v) => (v.amountFen === undefined) !== (v.rateBp === undefined), { message: 'err.commission.oneOf', path: ['amountFen'] });
export type CommissionBody = z.infer<typeof commissionBody>;

export const entrustmentIdParams = z.object({ entrustmentId: z.uuid() });

export const followUpDto = z.object({
  id: z.string(),
  entrustmentId: z.string(),
  happenedOn: z.string(),
  content: z.string(),
  nextStep: z.string(),
  nextOn: z.string().nullable(),
  createdAt: instantOut,
});
export const commissionDto = z.object({
  entrustmentId: z.string(),
  broker: ref,
  achievement: ref,
  amountFen: z.number().nullable(),
  rateBp: z.number().nullable(),
  note: z.string(),
  updatedAt: instantOut,
});
export const commissionListDto = z.object({ items: z.array(commissionDto) });

export const brokerDealDto = z.object({
  entrustmentId: z.string(),
  /** active: the owner consented (or granted it); pending: waiting for the owner's confirmation. */
  status: z.enum(['active', 'pending']),
  consent: z.object({ confirmedAt: instantOut.nullable() }),
  achievement: ref,
  client: ref,
  note: z.string(),
  createdAt: instantOut,
  commission: commissionDto.nullable(),
  followUps: z.array(followUpDto),
});

export const myProfileStatusDto = z.object({
  kind: z.enum(PROFILE_KINDS),
  status: z.enum(PROFILE_STATUSES),
  jurisdiction: z.object({ code: z.string(), name: z.string() }).nullable(),
  reviewReason: z.string().nullable(),
  reviewedAt: instantOut.nullable(),
});

export const brokerWorkbenchDto = z.object({
  profile: myProfileStatusDto.nullable(),
  deals: z.array(brokerDealDto),
  clients: z.array(z.object({ id: z.string(), name: z.string().nullable(), deals: z.number() })),
  counts: z.object({ active: z.number(), pending: z.number(), followUpsDue: z.number() }),
});
export type BrokerWorkbench = z.infer<typeof brokerWorkbenchDto>;

const recordRef = z.object({ id: z.string(), title: z.string(), organization: ref });
export const expertTaskDto = z.object({
  reviewId: z.string(),
  status: z.string(),
  note: z.string().nullable(),
  requestedBy: ref,
  createdAt: instantOut,
  demand: recordRef,
  achievement: recordRef,
  invitation: z.object({ status: z.string(), score: z.number().nullable(), opinion: z.string().nullable(), comment: z.string().nullable(), invitedAt: instantOut, submittedAt: instantOut.nullable() }),
  allowedActions: z.array(z.string()),
});
export const expertWorkbenchDto = z.object({
  profile: myProfileStatusDto.nullable(),
  /** Open reviews the expert is invited to and has not answered. */
  due: z.array(expertTaskDto),
  /** 揭榜挂帅 challenges whose panel the expert sits on with bids waiting for their scores (asked of the challenges module). */
  scorings: z.array(z.object({ challengeId: z.string(), title: z.string(), deadline: instantOut, bidsToScore: z.number().int(), link: z.string() })),
  /** Opinions given. */
  past: z.array(expertTaskDto),
  /** Invitations declined or reviews closed before an answer. */
  other: z.array(expertTaskDto),
});
export type ExpertWorkbench = z.infer<typeof expertWorkbenchDto>;
