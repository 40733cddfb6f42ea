import { RECORD_TRANSITIONS, type RecordStatus } from '@kzt/shared';
import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';

/** What the policy needs to know of an achievement or a demand. */
export type RecordLike = {
  organizationId: string;
  jurisdictionPath: string;
  status: string;
  confidentiality: string;
};

/**
 * Who may do what with a catalogue record (achievement or demand).
 * `granted`: the actor's organisation was granted access to an `abstract` record.
 */
export function recordPolicy(actor: Actor | null, r: RecordLike, granted = false) {
  const member = !!membershipIn(actor, r.organizationId);
  const admin = administers(actor, r.jurisdictionPath);
  const insider = member || admin;
  const published = r.status === 'published';
  const verifiedOutsider = !insider && !!actor?.memberships.some((m) => m.organizationStatus === 'verified');
  const status = r.status as RecordStatus;
  const importing = (r.status as string) === 'importing';
  return {
    read: !importing && (insider || (published && r.confidentiality !== 'secret')),
    readFull: insider || (published && (r.confidentiality === 'public' || (r.confidentiality === 'abstract' && granted))),
    update: member && RECORD_TRANSITIONS.edit.includes(status),
    submit: member && RECORD_TRANSITIONS.submit.includes(status),
    review: admin && RECORD_TRANSITIONS.review.includes(status),
    withdraw: member && RECORD_TRANSITIONS.withdraw.includes(status),
    confirm: member && published,
    requestAccess: verifiedOutsider && published && r.confidentiality === 'abstract' && !granted,
    manageAccess: member,
    track: member,
    viewHistory: insider,
  };
}
export type RecordPolicy = ReturnType<typeof recordPolicy>;

/** The actions the UI should offer on a record. */
export function allowedRecordActions(p: RecordPolicy): string[] {
  const shown: (keyof RecordPolicy)[] = ['update', 'submit', 'review', 'withdraw', 'confirm', 'requestAccess', 'manageAccess', 'track', 'viewHistory'];
  return shown.filter((k) => p[k]);
}
