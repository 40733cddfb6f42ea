import { MATURITY_LEVELS } from '@kzt/shared';
import type { Segment } from '../../platform/search.ts';
import { allowedRecordActions, shownStatus, type RecordPolicy } from '../catalogue/catalogue.policy.ts';
import type { AchievementWithOrg } from './achievements.repository.ts';

/**
 * An achievement as the API shows it. Without `readFull` (an `abstract`
 * record seen by an outsider not granted access) only the title, summary,
 * industry and maturity leave the server.
 */
export function presentAchievement(r: AchievementWithOrg, policy: RecordPolicy, extra: { highlight?: { title: Segment[]; summary: Segment[] } } = {}) {
  const open = {
    id: r.id,
    title: r.title,
    summary: r.summary,
    industry: r.industry,
    maturity: r.maturity,
    maturityStage: MATURITY_LEVELS[r.maturity]?.stage.zh ?? null,
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
    type: r.type,
    industryTags: r.industryTags,
    ip: r.ip,
    // A completer's account id is for the owner's own editing and the avoidance checks, not for every reader.
    completers: policy.update ? r.completers : r.completers.map(({ userId: _account, ...c }) => c),
    transferModes: r.transferModes,
    price: r.priceFen,
    priceNegotiable: r.priceFen === null,
    benefits: r.benefits,
    ownerType: r.ownerType,
    externalId: policy.update ? r.externalId : undefined,
    source: r.source,
    converted: r.converted,
    unconvertedFlaggedAt: r.unconvertedFlaggedAt,
    confirmedAt: r.confirmedAt,
    reviewReason: policy.viewHistory ? r.reviewReason : null,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The stored state of an achievement, for versions and the audit trail. */
export const snapshotAchievement = (r: AchievementWithOrg | Omit<AchievementWithOrg, 'organizationName'>) => ({
  title: r.title,
  summary: r.summary,
  keywords: r.keywords,
  type: r.type,
  industry: r.industry,
  industryTags: r.industryTags,
  maturity: r.maturity,
  ip: r.ip,
  completers: r.completers,
  transferModes: r.transferModes,
  price: r.priceFen,
  confidentiality: r.confidentiality,
  benefits: r.benefits,
  status: r.status,
  version: r.version,
});
