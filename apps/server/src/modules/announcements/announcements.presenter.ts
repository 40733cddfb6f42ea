import type { AnnouncementPolicy } from './announcements.policy.ts';
import type { AnnouncementRow } from './announcements.repository.ts';

type Jurisdiction = { code: string; name: string } | null;

export const presentAnnouncementSummary = (a: AnnouncementRow, jurisdiction: Jurisdiction) => ({
  id: a.id,
  title: a.title,
  jurisdiction,
  pinned: a.pinned,
  publishedAt: a.publishedAt,
});

export const presentAnnouncement = (a: AnnouncementRow, jurisdiction: Jurisdiction, policy: AnnouncementPolicy) => ({
  ...presentAnnouncementSummary(a, jurisdiction),
  body: a.body,
  updatedAt: a.updatedAt,
  allowedActions: (['update', 'withdraw'] as const).filter((k) => policy[k]),
});
