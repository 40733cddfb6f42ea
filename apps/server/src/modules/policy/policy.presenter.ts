import type { EntitlementDto, EntitlementHistoryEntry, EntitlementStatus, RuleSource } from '@kzt/shared';
import { budgetLineNameOf } from './policy.packs.ts';
import type { EntitlementRow } from './policy.repository.ts';

export function presentEntitlement(r: EntitlementRow): EntitlementDto {
  return {
    id: r.id,
    rule: r.ruleId,
    ruleTitle: r.ruleTitle,
    event: r.eventKey,
    beneficiary: r.beneficiaryKey,
    beneficiaryName: r.beneficiaryName,
    beneficiaryOrganizationId: r.beneficiaryOrganizationId,
    amount: r.amount,
    committed: r.committed,
    status: r.status as EntitlementStatus,
    jurisdiction: r.jurisdictionCode,
    budgetLine: r.budgetLine,
    budgetLineName: budgetLineNameOf(r.budgetLine),
    year: r.year,
    explanation: r.explanation,
    source: r.source as RuleSource,
    contractId: r.contractId,
    reason: r.reason,
    applicationNote: r.applicationNote,
    paidAmount: r.paidAmount,
    requiredDocuments: r.requiredDocuments,
    documents: r.documents,
    history: r.history as EntitlementHistoryEntry[],
    createdAt: r.createdAt,
  };
}
