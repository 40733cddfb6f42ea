import type { AuditVerification } from '@kzt/shared';
import { get, type Paged } from '../../api/client.ts';

export type AuditEvent = {
  seq: number;
  at: string;
  actor: { id: string; name: string | null } | null;
  organizationId: string | null;
  organization: { id: string; name: string | null } | null;
  jurisdictionCode: string | null;
  jurisdiction: { code: string; name: string | null } | null;
  action: string;
  /** The action's name in the reader's language. */
  actionLabel: string;
  entityType: string;
  entityId: string;
  entity: { type: string; typeLabel: string; id: string; name: string | null; link: string | null };
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
  jurisdictionCode?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
};

export type { AuditVerification };

export const listAudit = (query: AuditQuery) => get<Paged<AuditEvent>>('/audit', query);
export const verifyAudit = () => get<AuditVerification>('/audit/verify');
export const findAuditPeople = (q: string) => get<{ items: { id: string; name: string; email: string | null }[] }>('/audit/people', { q });
