import { RECORD_ACTIONS, RECORD_TRANSITIONS, type RecordAction, type RecordStatus, type StoredRecordStatus } from '@kzt/shared';
import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';

/** What the policy needs to know of an achievement or a demand. */
export type RecordLike = {
  organizationId: string;
  jurisdictionPath: string;
  status: StoredRecordStatus;
  confidentiality: string;
};

/**
 * Who may do what with a catalogue record (achievement or demand).
 * `granted`: the actor's organisation was granted access to an `abstract` record.
 */
export function recordPolicy(actor: Actor | null, r: RecordLike, granted = false) {
  const membership = membershipIn(actor, r.organizationId);
  const member = !!membership;
  /** Only a verified organisation submits for review: a pending one keeps drafts (the UI says why 提交审核 waits). */
  const verifiedMember = membership?.organizationStatus === 'verified';
  const admin = administers(actor, r.jurisdictionPath);
  const insider = member || admin;
  const published = r.status === 'published';
  const verifiedOutsider = !insider && !!actor?.memberships.some((m) => m.organizationStatus === 'verified');
  const importing = r.status === 'importing';
  /** An import's invisible row allows no command. */
  const allows = (command: keyof typeof RECORD_TRANSITIONS) => !importing && RECORD_TRANSITIONS[command].includes(r.status as RecordStatus);
  return {
    read: !importing && (insider || (published && r.confidentiality !== 'secret')),
    readFull: insider || (published && (r.confidentiality === 'public' || (r.confidentiality === 'abstract' && granted))),
    update: member && allows('edit'),
    submit: verifiedMember && allows('submit'),
    review: admin && allows('review'),
    withdraw: member && allows('withdraw'),
    confirm: member && published,
    requestAccess: verifiedOutsider && published && r.confidentiality === 'abstract' && !granted,
    manageAccess: member,
    track: member,
    viewHistory: insider,
  };
}
export type RecordPolicy = ReturnType<typeof recordPolicy>;

/** The actions the UI should offer on a record. */
export function allowedRecordActions(p: RecordPolicy): RecordAction[] {
  return RECORD_ACTIONS.filter((k) => p[k]);
}

/**
 * A record's status as a response shows it. An import's rows (`importing`)
 * are read by nobody (`read` is false, searches leave them out) until the
 * import commits and makes them drafts; typed as the draft they become, so a
 * response's status is always one of `RECORD_STATUSES`.
 */
export const shownStatus = (s: StoredRecordStatus): RecordStatus => (s === 'importing' ? 'draft' : s);
