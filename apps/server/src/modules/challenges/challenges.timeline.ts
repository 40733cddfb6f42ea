import { timelineParams, type TimelineParams } from '@kzt/shared';
import type { Executor } from '../../db/client.ts';
import { t, type Lang } from '../../platform/i18n.ts';
import { challengeRepository as repo, type ChallengeRow } from './challenges.repository.ts';

/**
 * The timeline of a challenge: each entry is kept as its kind and the facts it
 * names (`params`), and worded in the reader's language from the template
 * `ch.tl.<kind>` when read. `text` keeps the Chinese wording as recorded; it is
 * what entries recorded before params were kept still show.
 */
export type TimelineKind =
  | 'posted' | 'published' | 'rejected' | 'bid' | 'panel' | 'panelReplaced' | 'awarded' | 'awardFinal' | 'objection' | 'awardWithdrawn' | 'objectionDismissed'
  | 'agreementSigned' | 'milestoneReported' | 'milestoneAccepted' | 'milestoneReturned' | 'accepted' | 'completed' | 'stageGate' | 'terminated'
  | 'bountyPaid' | 'taskAdded' | 'taskSubmitted' | 'taskAccepted' | 'taskReturned';

/** An entry's wording in `lang`: from its params where it has them, else the text it was recorded with. */
export function timelineText(e: { kind: string; text: string; params: TimelineParams | null }, lang: Lang) {
  if (!e.params) return e.text;
  const params = timelineParams(e.params, lang);
  if (params.agreement) params.agreement = t(`ch.tl.agreement.${params.agreement}`, lang);
  return t(`ch.tl.${e.kind}`, lang, params);
}

/** Records an entry (public, or for participants and administrators only). */
export function timeline(tx: Executor, c: Pick<ChallengeRow, 'id'>, at: Date, kind: TimelineKind, params: TimelineParams = {}, visibility: 'public' | 'participants' = 'public') {
  return repo.addTimeline(tx, { challengeId: c.id, at, kind, params, text: timelineText({ kind, text: '', params }, 'zh'), visibility });
}
