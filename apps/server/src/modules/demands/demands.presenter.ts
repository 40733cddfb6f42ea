import type { Segment } from '../../platform/search.ts';
import { allowedRecordActions, shownStatus, type RecordPolicy } from '../catalogue/catalogue.policy.ts';
import type { DemandRow, DemandWithOrg } from './demands.repository.ts';

/** A demand as the API shows it; an `abstract` demand seen by an outsider shows its title, description and industry only. */
export function presentDemand(r: DemandWithOrg, policy: RecordPolicy, extra: { highlight?: { title: Segment[]; description: Segment[] } } = {}) {
  const open = {
    id: r.id,
    title: r.title,
    description: r.description,
    industry: r.industry,
    deadline: r.deadline,
    commonProblem: r.commonProblem,
    confidentiality: r.confidentiality,
    status: shownStatus(r.status),
    organization: { id: r.organizationId, name: r.organizationName },
    jurisdictionCode: r.jurisdictionCode,
    publishedAt: r.publishedAt,
    stale: r.stale,
    restricted: !policy.readFull,
    allowedActions: allowedRecordActions(policy),
    ...(extra.highlight ? { highlight: extra.highlight } : {}),
  };
  if (!policy.readFull) return open;
  return {
    ...open,
    keywords: r.keywords,
    industryTags: r.industryTags,
    budgetMin: r.budgetMinFen,
    budgetMax: r.budgetMaxFen,
    cooperationModes: r.cooperationModes,
    ownerType: r.ownerType,
    externalId: policy.update ? r.externalId : undefined,
    confirmedAt: r.confirmedAt,
    reviewReason: policy.viewHistory ? r.reviewReason : null,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export const snapshotDemand = (r: DemandRow) => ({
  title: r.title,
  description: r.description,
  keywords: r.keywords,
  industry: r.industry,
  industryTags: r.industryTags,
  budgetMin: r.budgetMinFen,
  budgetMax: r.budgetMaxFen,
  deadline: r.deadline,
  cooperationModes: r.cooperationModes,
  confidentiality: r.confidentiality,
  commonProblem: r.commonProblem,
  status: r.status,
  version: r.version,
});
