import type { DemandListRow } from './demandLists.repository.ts';
import { demandListActions, type DemandListPolicy } from './demandLists.policy.ts';

/** A demand list as the API shows it. */
export const presentDemandList = (r: DemandListRow, policy: DemandListPolicy) => ({
  id: r.id,
  title: r.title,
  description: r.description,
  industry: r.industry,
  jurisdiction: { code: r.jurisdictionCode, name: r.jurisdictionName },
  status: r.status,
  itemCount: r.itemCount,
  publishedAt: r.publishedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  allowedActions: demandListActions(policy),
});

/** What the audit trail keeps of a list. */
export const snapshotDemandList = (r: Pick<DemandListRow, 'title' | 'industry' | 'description' | 'status' | 'jurisdictionCode'>) => ({
  title: r.title,
  industry: r.industry,
  description: r.description,
  status: r.status,
  jurisdictionCode: r.jurisdictionCode,
});
