import { EventEmitter } from 'node:events';

/**
 * Live updates of listings. Inside one app server, services announce a
 * listing after a change commits and every watcher hears it at once. A
 * change made through another app server (or by a job there) is seen by
 * one shared look per watched listing at its version every few seconds,
 * however many people watch it.
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);

/** What changed: a bid (with its number), or any other change of state. */
export type ListingChange = { listingId: string; kind: 'bid' | 'state'; bidSeq?: number };

export function announce(change: ListingChange) {
  bus.emit(change.listingId, change);
}

/** How often a watched listing's version is read, for changes made through other app servers. */
export const POLL_MS = 2000;

type Poller = { watchers: number; timer: NodeJS.Timeout; version: number | undefined };
const pollers = new Map<string, Poller>();

/**
 * Calls `onChange` on every change of the listing until the returned
 * function is called. `versionOf` reads the listing's version (shared by
 * all watchers of one listing).
 */
export function watch(listingId: string, onChange: (c: ListingChange) => void, versionOf: () => Promise<number | undefined>): () => void {
  bus.on(listingId, onChange);
  let p = pollers.get(listingId);
  if (!p) {
    const look = () =>
      versionOf()
        .then((v) => {
          if (poller.version !== undefined && v !== poller.version) bus.emit(listingId, { listingId, kind: 'state' } satisfies ListingChange);
          poller.version = v;
        })
        .catch(() => {});
    const poller: Poller = { watchers: 0, version: undefined, timer: setInterval(look, POLL_MS) };
    poller.timer.unref();
    void look();
    pollers.set(listingId, poller);
    p = poller;
  }
  p.watchers++;
  return () => {
    bus.off(listingId, onChange);
    const q = pollers.get(listingId);
    if (q && --q.watchers === 0) {
      clearInterval(q.timer);
      pollers.delete(listingId);
    }
  };
}
