import type { CommissionRow, FollowUpRow } from './brokerage.repository.ts';

type Ref = { id: string; name: string | null };

export const presentFollowUp = (f: FollowUpRow) => ({
  id: f.id,
  entrustmentId: f.entrustmentId,
  happenedOn: f.happenedOn,
  content: f.content,
  nextStep: f.nextStep,
  nextOn: f.nextOn,
  createdAt: f.createdAt,
});

export const presentCommission = (c: CommissionRow, broker: Ref, achievement: Ref) => ({
  entrustmentId: c.entrustmentId,
  broker,
  achievement,
  amountFen: c.amountFen,
  rateBp: c.rateBp,
  note: c.note,
  updatedAt: c.updatedAt,
});

export const presentClientCommission = (r: { c: CommissionRow; brokerName: string | null; achievementId: string | null; achievementTitle: string | null }) =>
  presentCommission(r.c, { id: r.c.brokerUserId, name: r.brokerName }, { id: r.achievementId ?? '', name: r.achievementTitle });
