import { DEFAULT_NOTICE_DAYS, DEFAULT_SIGN_DAYS, type DealStatus } from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';
import type { RequestContext } from '../../platform/context.ts';
import { forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { listingActions, listingPolicy, phaseOf } from './listings.policy.ts';
import { presentListing } from './listings.presenter.ts';
import { listingRepository as repo, type ListingRow } from './listings.repository.ts';
import { nameListings, type ListingWithNames } from './listings.names.ts';

/** What every listing command shares: loading and authorising a listing, answering with it, telling the seller. */

export type Signed = RequestContext & { actor: Actor };

/** The time of an act: the context's (the demo seed replays history), else now. */
export const clock = (ctx: Pick<RequestContext, 'now'>) => ctx.now ?? new Date();

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

export { unprocessable } from '../../platform/errors.ts';

export async function notifySeller(tx: Tx, l: Pick<ListingRow, 'id' | 'organizationId' | 'agentOrganizationId'>, kind: string, title: string, body: string, key = '', en?: { title: string; body: string }) {
  await notifyMany(
    tx,
    [l.organizationId, ...(l.agentOrganizationId ? [l.agentOrganizationId] : [])].map((organizationId) => ({
      organizationId,
      kind,
      dedupeKey: `${kind}:${l.id}:${organizationId}${key}`,
      title,
      body,
      ...(en ? { titleEn: en.title, bodyEn: en.body } : {}),
      link: `/listings/${l.id}`,
    })),
  );
}

/**
 * What a listing looks like at one moment, loaded once however many people
 * look at it: the listing with its names, its open objections, its deal.
 * viewFor presents it to one viewer.
 */
export type ListingState = { row: ListingWithNames; openObjections: number | undefined; deal: { id: string; status: DealStatus; buyerOrganizationId: string } | undefined };

export async function loadListingState(db: Executor, id: string): Promise<ListingState | undefined> {
  const found = await repo.byId(db, id);
  if (!found) return undefined;
  const row = (await nameListings(db, [found]))[0]!;
  const openObjections = row.kind === 'negotiated' ? await repo.openObjections(db, id) : undefined;
  const deal = row.status === 'sold' || row.status === 'failed' ? await repo.dealOfListing(db, id) : undefined;
  return { row, openObjections, deal };
}

/**
 * What one viewer's view of a listing state depends on, or null when they
 * may not see it. Viewers with the same `key` see the same thing (the live
 * floor serialises it once for all of them).
 */
export function viewOf(state: ListingState, actor: Actor | null, now: Date) {
  const l = state.row;
  const policy = listingPolicy(actor, l, now);
  if (!policy.read) return null;
  const d = state.deal;
  // The deal only for its parties and the administrators.
  const party = !!d && !!actor && (!!membershipIn(actor, l.organizationId) || !!membershipIn(actor, d.buyerOrganizationId) || (!!l.agentOrganizationId && !!membershipIn(actor, l.agentOrganizationId)) || administers(actor, l.jurisdictionPath));
  const ownOrganizationIds = actor?.memberships.map((m) => m.organizationId) ?? [];
  const allowedActions = listingActions(policy);
  const leading = !!l.leaderOrganizationId && ownOrganizationIds.includes(l.leaderOrganizationId);
  return {
    key: `${allowedActions.join(',')}|${policy.readConfidential}|${leading}|${party}`,
    present: () =>
      presentListing(l, {
        phase: phaseOf(l, now),
        allowedActions,
        confidential: policy.readConfidential,
        ownOrganizationIds,
        openObjections: state.openObjections,
        deal: party ? { id: d!.id, status: d!.status } : null,
        now,
      }),
  };
}

/** A listing as one viewer sees it, or null when they may not see it. */
export const viewFor = (state: ListingState, actor: Actor | null, now: Date) => viewOf(state, actor, now)?.present() ?? null;

export async function getListing(db: Db, actor: Actor | null, id: string) {
  const state = await loadListingState(db, id);
  const view = state && viewFor(state, actor, new Date());
  if (!view) throw notFound('listing');
  return view;
}
