import type { AuditVerification, WireOf, auditEventDto, auditPageDto, auditPeopleDto } from '@kzt/shared';
import { get } from '../../api/client.ts';

/** An audit event; `actionLabel` and `entity.typeLabel` in the reader's language. */
export type AuditEvent = WireOf<typeof auditEventDto>;

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

export const listAudit = (query: AuditQuery) => get<WireOf<typeof auditPageDto>>('/audit', query);
export const verifyAudit = () => get<AuditVerification>('/audit/verify');
export const findAuditPeople = (q: string) => get<WireOf<typeof auditPeopleDto>>('/audit/people', { q });
