import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { listingPolicy } from './listings.policy.ts';
import { loadListingState, viewFor, type ListingState } from './listings.access.ts';
import { bidsFor, loadBids, type BidsState } from './auctions.service.ts';
import { watch } from './listings.live.ts';
import { listingRepository } from './listings.repository.ts';

/**
 * The live floor (实时竞价大厅) inside one app server. Everyone watching a
 * listing is served from one load of it per change — the listing, its bids
 * and bidders' names are read once and presented to each viewer as they may
 * see it — so a change costs the same few queries whether two people watch
 * or two hundred. Changes arriving while a load runs are folded into one
 * more load.
 */

export type Viewer = {
  actor: Actor | null;
  lang: 'zh' | 'en';
  /** Sends one server-sent event. */
  send: (event: 'listing' | 'bids', data: unknown) => void;
  /** The last bid this viewer was sent. */
  lastSeq: number;
};

type Hub = { viewers: Set<Viewer>; stop: () => void; loading: boolean; dirty: boolean };

export function liveFloor(db: Db) {
  const hubs = new Map<string, Hub>();

  const serve = (v: Viewer, state: ListingState, bids: BidsState, now: Date) => {
    const view = viewFor(state, v.actor, now);
    if (!view) return;
    v.send('listing', view);
    const fresh = bidsFor(bids, { actor: v.actor, confidential: listingPolicy(v.actor, state.row, now).readConfidential, lang: v.lang }, v.lastSeq);
    if (fresh.length) {
      v.lastSeq = fresh.at(-1)!.seq;
      v.send('bids', fresh);
    }
  };

  const refresh = async (id: string, hub: Hub) => {
    if (hub.loading) {
      hub.dirty = true;
      return;
    }
    hub.loading = true;
    try {
      do {
        hub.dirty = false;
        const state = await loadListingState(db, id);
        if (!state) return;
        const bids = await loadBids(db, id);
        const now = new Date();
        for (const v of hub.viewers) serve(v, state, bids, now);
      } while (hub.dirty);
    } catch {
      // The database hiccupped: the next change (or the version look) tries again.
    } finally {
      hub.loading = false;
    }
  };

  /** Sends the viewer the listing and its bids as they are now. */
  const once = async (id: string, viewer: Viewer) => {
    const state = await loadListingState(db, id);
    if (state) serve(viewer, state, await loadBids(db, id), new Date());
  };

  return {
    once,
    /** Sends the viewer the listing as it is now, then every change until `leave` is called. */
    async join(id: string, viewer: Viewer): Promise<() => void> {
      let hub = hubs.get(id);
      if (!hub) {
        const created: Hub = { viewers: new Set(), stop: () => {}, loading: false, dirty: false };
        created.stop = watch(id, () => void refresh(id, created), async () => (await listingRepository.byId(db, id))?.version);
        hubs.set(id, created);
        hub = created;
      }
      // Watching before the first look: a change meanwhile is sent again rather than missed.
      hub.viewers.add(viewer);
      const joined = hub;
      await once(id, viewer);
      return () => {
        joined.viewers.delete(viewer);
        if (!joined.viewers.size) {
          joined.stop();
          hubs.delete(id);
        }
      };
    },
    watching: (id: string) => hubs.get(id)?.viewers.size ?? 0,
  };
}
