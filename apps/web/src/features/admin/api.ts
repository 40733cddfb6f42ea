import { get, type Paged } from '../../api/client.ts';

export type AuditEvent = {
  seq: number;
  at: string;
  actor: { id: string; name: string } | null;
  organizationId: string | null;
  jurisdictionCode: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
};

export type AuditQuery = {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
};

export type AuditVerification = { ok: boolean; count: number; firstBrokenSeq?: number; reason?: string };

export const listAudit = (query: AuditQuery) => get<Paged<AuditEvent>>('/audit', query);
export const verifyAudit = () => get<AuditVerification>('/audit/verify');
