import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchBids, fetchListing, liveUrl, type Bid, type Listing, type PlacedBid } from './api.ts';
import { noteServerTime } from './clock.ts';

export type LiveState = {
  listing: Listing | undefined;
  bids: Bid[];
  error: unknown;
  loading: boolean;
  /** Whether the live stream is connected (false while it reconnects). */
  live: boolean;
  /** Loads the listing (and bids) again, e.g. after a command or when a phase begins by the clock. */
  refresh: () => Promise<void>;
  /** Applies the answer to one's own bid at once, before the stream brings it. */
  applyPlaced: (placed: PlacedBid) => void;
};

const mergeBids = (current: Bid[], fresh: Bid[]) => {
  const bySeq = new Map(current.map((b) => [b.seq, b]));
  for (const b of fresh) bySeq.set(b.seq, b);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
};

/**
 * A listing kept current: loaded once, then held up to date by the live
 * stream GET /api/listings/:id/live (server-sent events `listing` and
 * `bids`). EventSource reconnects by itself after a network drop; the server
 * then sends the whole state again, so bids are merged by their number. A
 * stream the server refused (the listing went out of sight) is retried
 * every few seconds.
 */
export function useLiveListing(id: string): LiveState {
  const [listing, setListing] = useState<Listing>();
  const [bids, setBids] = useState<Bid[]>([]);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [live, setLive] = useState(false);
  /** The stream opens once the listing has loaded: one the caller may not see is not watched. */
  const [ready, setReady] = useState(false);
  const latest = useRef<Listing | undefined>(undefined);

  const accept = useCallback((next: Listing, receivedAt = Date.now()) => {
    noteServerTime(next.serverTime, receivedAt);
    // An answer older than what the stream already brought is ignored.
    if (latest.current && latest.current.id === next.id && next.version < latest.current.version) return;
    latest.current = next;
    setListing(next);
    setReady(true);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const [l, b] = await Promise.all([fetchListing(id), fetchBids(id).catch(() => ({ items: [] as Bid[] }))]);
      accept(l);
      setBids((cur) => mergeBids(cur, b.items));
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [id, accept]);

  useEffect(() => {
    latest.current = undefined;
    setListing(undefined);
    setBids([]);
    setReady(false);
    setLoading(true);
    void refresh();
  }, [id, refresh]);

  useEffect(() => {
    if (!ready || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(liveUrl(id));
      source.addEventListener('open', () => setLive(true));
      source.addEventListener('listing', (ev) => {
        try {
          accept(JSON.parse((ev as MessageEvent<string>).data) as Listing);
        } catch {
          /* a malformed frame: the next one repairs it */
        }
      });
      source.addEventListener('bids', (ev) => {
        try {
          const fresh = JSON.parse((ev as MessageEvent<string>).data) as Bid[];
          setBids((cur) => mergeBids(cur, fresh));
        } catch {
          /* as above */
        }
      });
      source.addEventListener('error', () => {
        setLive(false);
        // CONNECTING: the browser retries by itself. CLOSED: the server said no; try again later.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          retry = setTimeout(open, 5000);
        }
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
      setLive(false);
    };
  }, [id, ready, accept]);

  const applyPlaced = useCallback((placed: PlacedBid) => {
    const cur = latest.current;
    if (!cur?.auction || placed.auction.bidCount < cur.auction.bidCount) return;
    const next: Listing = {
      ...cur,
      auction: { ...cur.auction, currentPrice: placed.auction.currentPrice, bidCount: placed.auction.bidCount, endsAt: placed.auction.endsAt, extensions: placed.auction.extensions, nextMinimum: placed.auction.nextMinimum, leading: true },
    };
    latest.current = next;
    setListing(next);
  }, []);

  return { listing, bids, error, loading, live, refresh, applyPlaced };
}
