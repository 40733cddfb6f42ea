import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ListingPhase } from '@kzt/shared';

/**
 * The server's clock as the browser can know it: every listing the server
 * sends carries `serverTime`, and the difference to the browser's clock when
 * it arrives corrects every countdown (a browser clock that is minutes off
 * must not show an auction as open when it has closed).
 */
let offsetMs = 0;
let known = false;
const listeners = new Set<() => void>();

/** Takes the server's time from a response that has just arrived. */
export function noteServerTime(serverTime: string | undefined, receivedAt = Date.now()) {
  if (!serverTime) return;
  const t = Date.parse(serverTime);
  if (Number.isNaN(t)) return;
  offsetMs = t - receivedAt;
  known = true;
  for (const l of listeners) l();
}

export const serverClockKnown = () => known;

/** Now, on the server's clock (ms since the epoch). */
export const serverNow = () => Date.now() + offsetMs;

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Re-renders every `intervalMs` (and when the offset is learnt) with the server's current time. */
export function useServerNow(intervalMs = 1000): number {
  useSyncExternalStore(subscribe, () => offsetMs);
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return serverNow();
}

/** Milliseconds as 2天 03:04:05 / 03:04:05 (never negative). */
export function formatRemaining(ms: number, lang: 'zh' | 'en'): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const hms = [Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  if (d === 0) return hms;
  return lang === 'zh' ? `${d}天 ${hms}` : `${d}d ${hms}`;
}

type Timed = { status: string; kind: string; phase: ListingPhase; startsAt?: string | null; endsAt?: string | null; noticeEndsAt?: string | null };

/**
 * Where an open listing stands now on the server's clock, as the server
 * works it out (listings.policy phaseOf): the phase the server sent may have
 * passed since (an auction that began, a notice period that ran out).
 */
export function phaseAt(l: Timed, now: number): ListingPhase {
  if (l.status !== 'open') return l.phase;
  if (l.kind === 'auction' && l.startsAt && l.endsAt) return now < Date.parse(l.startsAt) ? 'upcoming' : now < Date.parse(l.endsAt) ? 'bidding' : 'ended';
  if (l.kind === 'negotiated' && l.noticeEndsAt) return now < Date.parse(l.noticeEndsAt) ? 'notice' : 'held';
  return l.phase;
}
