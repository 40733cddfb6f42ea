import { z } from 'zod';
import { OBJECTION_STATUSES } from './trading.ts';

/** Response contracts of trading routes (the zod serializer enforces them: no field outside leaves the server). */

const instantOut = z.union([z.date(), z.string()]);
const ref = z.object({ id: z.string(), name: z.string().nullable() });

export const placedBidDto = z.object({
  id: z.string(),
  seq: z.number(),
  amount: z.number(),
  at: instantOut,
  extended: z.boolean(),
  endsAt: instantOut,
  auction: z.object({ currentPrice: z.number().nullable(), bidCount: z.number(), endsAt: instantOut.nullable(), extensions: z.number(), nextMinimum: z.number() }),
});

export const entrustmentDto = z.object({
  id: z.string(),
  agentOrganization: ref.nullable(),
  agentUser: ref.nullable(),
  note: z.string(),
  status: z.enum(['active', 'pending']),
  createdAt: instantOut,
  confirmedAt: instantOut.nullable(),
  allowedActions: z.array(z.enum(['confirm', 'revoke'])),
});

export const entrustmentListDto = z.object({ items: z.array(entrustmentDto), allowedActions: z.array(z.enum(['manage', 'propose'])) });

export const objectionDto = z.object({
  id: z.string(),
  objector: z.string(),
  /** Who objected: administrators and the objector only. */
  user: z.object({ id: z.string() }).nullable(),
  mine: z.boolean(),
  reason: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  resolution: z.string().nullable(),
  resolvedAt: instantOut.nullable(),
  vexatious: z.boolean(),
  vexatiousReason: z.string().nullable(),
  createdAt: instantOut,
  allowedActions: z.array(z.enum(['resolve', 'markVexatious'])),
});
export const objectionListDto = z.object({ items: z.array(objectionDto) });
export const lodgedObjectionDto = z.object({ id: z.string(), reason: z.string(), status: z.enum(OBJECTION_STATUSES), createdAt: instantOut });
