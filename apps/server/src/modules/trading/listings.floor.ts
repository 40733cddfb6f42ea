import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { listingPolicy } from './listings.policy.ts';
import { loadListingState, viewOf, type ListingState } from './listings.access.ts';
import { bidsFor, loadBids, moreBids, type BidsState } from './auctions.service.ts';
import { watch } from './listings.live.ts';
import { listingRepository } from './listings.repository.ts';

/**
 * The live floor (实时竞价大厅) inside one app server. Everyone watching a
 * listing is served from one load per change: the listing is read once and
 * only the bids made since the last load are read, then each viewer is sent
 * what they may see of it — the listing when its version moved, and the bids
 * they have not had. A change costs the same few queries whether two people
 * watch or two hundred; changes arriving during a load are folded into one
 * more load.
 */

export type Viewer = {
  actor: Actor | null;
  lang: 'zh' | 'en';
  /** Sends one server-sent event whose data is already JSON. */
  send: (event: 'listing' | 'bids', json: string) => void;
  /** The last bid this viewer was sent. */
  lastSeq: number;
  /** The listing version this viewer was sent last. */
  version?: number;
};

type Hub = { viewers: Set<Viewer>; stop: () => void; loading: boolean; dirty: boolean; bids: BidsState };

/** One load's views, serialised once per kind of viewer (most bidders see the same thing). */
type Serialised = Map<string, string>;

function serve(v: Viewer, state: ListingState, bids: BidsState, now: Date, cache: Serialised) {
  if (v.version !== state.row.version) {
    const view = viewOf(state, v.actor, now);
    if (!view) return;
    const key = `listing|${v.lang}|${view.key}`;
    let json = cache.get(key);
    if (json === undefined) cache.set(key, (json = JSON.stringify(view.present())));
    v.version = state.row.version;
    v.send('listing', json);
  }
  if (bids.bids.length <= v.lastSeq) return;
  const viewer = { actor: v.actor, confidential: listingPolicy(v.actor, state.row, now).readConfidential, lang: v.lang };
  const own = new Set(v.actor?.memberships.map((m) => m.organizationId) ?? []);
  const mine = bids.bids.slice(v.lastSeq).map((b) => (own.has(b.organizationId) ? 1 : 0)).join('');
  const key = `bids|${v.lang}|${viewer.confidential}|${v.lastSeq}|${mine}`;
  let json = cache.get(key);
  if (json === undefined) cache.set(key, (json = JSON.stringify(bidsFor(bids, viewer, v.lastSeq))));
  v.lastSeq = bids.bids.at(-1)!.seq;
  v.send('bids', json);
}

export function liveFloor(db: Db) {
  const hubs = new Map<string, Hub>();

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
        hub.bids = await moreBids(db, id, hub.bids);
        const now = new Date();
        const cache: Serialised = new Map();
        for (const v of hub.viewers) serve(v, state, hub.bids, now, cache);
      } while (hub.dirty);
    } catch {
      // The database hiccupped: the next change (or the version look) tries again.
    } finally {
      hub.loading = false;
    }
  };

  return {
    /** Sends the viewer the listing and its bids as they are now (no watching). */
    async once(id: string, viewer: Viewer) {
      const state = await loadListingState(db, id);
      if (state) serve(viewer, state, await loadBids(db, id), new Date(), new Map());
    },

    /** Sends the viewer the listing as it is now, then every change until the returned function is called. */
    join(id: string, viewer: Viewer): () => void {
      let hub = hubs.get(id);
      if (!hub) {
        const created: Hub = { viewers: new Set(), stop: () => {}, loading: false, dirty: false, bids: { bids: [], numbers: new Map(), names: new Map() } };
        created.stop = watch(id, () => void refresh(id, created), async () => (await listingRepository.byId(db, id))?.version);
        hubs.set(id, created);
        hub = created;
      }
      hub.viewers.add(viewer);
      // The first look for this viewer is the hub's next load: it sends only what this viewer lacks.
      void refresh(id, hub);
      const joined = hub;
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
