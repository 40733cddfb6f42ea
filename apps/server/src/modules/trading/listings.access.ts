import { DEFAULT_NOTICE_DAYS, DEFAULT_SIGN_DAYS } from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { listingActions, listingPolicy, phaseOf } from './listings.policy.ts';
import { presentListing } from './listings.presenter.ts';
import { listingRepository as repo, type ListingRow } from './listings.repository.ts';

/** What every listing command shares: loading and authorising a listing, answering with it, telling the seller. */

export type Signed = RequestContext & { actor: Actor };

/** The trading settings that apply to a jurisdiction (its own or its nearest ancestor's, else the platform's defaults). */
export async function settingsFor(db: Executor, jurisdictionPath: string) {
  const s = await repo.settingsFor(db, jurisdictionPath);
  return { noticeDays: s?.noticeDays ?? DEFAULT_NOTICE_DAYS, signDays: s?.signDays ?? DEFAULT_SIGN_DAYS, from: s?.jurisdictionCode ?? null };
}

/**
 * A listing the actor may read, with its policy (404 otherwise, as for a
 * record one may not see). `lock` takes the row lock a command needs.
 */
export async function authorizeListing(db: Executor, actor: Actor | null, id: string, opts: { lock?: boolean; now?: Date } = {}) {
  const listing = await repo.byId(db, id, { lock: opts.lock });
  if (!listing) throw notFound('listing');
  const policy = listingPolicy(actor, listing, opts.now ?? new Date());
  if (!policy.read) throw notFound('listing');
  return { listing, policy };
}

/** 409 when the actor stands on the side that may act and it is the listing's state that is in the way; 403 otherwise. */
export function refuse(side: boolean, stateKey: string): never {
  throw side ? invalidState(stateKey) : forbidden();
}

export const eventTarget = (l: Pick<ListingRow, 'id' | 'organizationId' | 'jurisdictionCode'>) => ({ id: l.id, organizationId: l.organizationId, jurisdictionCode: l.jurisdictionCode });

export const unprocessable = (path: string, key: string, params: Record<string, string | number> = {}) => new AppError(422, 'unprocessable', 'problem.validation', key, params, [{ path, key }]);

export async function notifySeller(tx: Tx, l: Pick<ListingRow, 'id' | 'organizationId' | 'agentOrganizationId'>, kind: string, title: string, body: string, key = '') {
  await notifyMany(
    tx,
    [l.organizationId, ...(l.agentOrganizationId ? [l.agentOrganizationId] : [])].map((organizationId) => ({
      organizationId,
      kind,
      dedupeKey: `${kind}:${l.id}:${organizationId}${key}`,
      title,
      body,
      link: `/listings/${l.id}`,
    })),
  );
}

export async function getListing(db: Db, actor: Actor | null, id: string) {
  const now = new Date();
  const { listing, policy } = await authorizeListing(db, actor, id, { now });
  const row = (await repo.withNames(db, listing.id))!;
  const deal = policy.readConfidential || (actor && listing.status === 'sold') ? await dealFor(db, actor, listing) : null;
  return presentListing(row, {
    phase: phaseOf(listing, now),
    allowedActions: listingActions(policy),
    confidential: policy.readConfidential,
    ownOrganizationIds: actor?.memberships.map((m) => m.organizationId) ?? [],
    openObjections: listing.kind === 'negotiated' ? await repo.openObjections(db, listing.id) : undefined,
    deal,
    now,
  });
}

/** The deal a listing ended in, for those who are party to it or administer it. */
async function dealFor(db: Executor, actor: Actor | null, l: ListingRow) {
  const d = await repo.dealOfListing(db, l.id);
  if (!d || !actor) return null;
  const party = !!membershipIn(actor, l.organizationId) || !!membershipIn(actor, d.buyerOrganizationId) || (!!l.agentOrganizationId && !!membershipIn(actor, l.agentOrganizationId));
  return party || administers(actor, l.jurisdictionPath) ? { id: d.id, status: d.status } : null;
}

