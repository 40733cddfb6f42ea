import type { Lang } from './i18n.ts';
import type { Actor } from './actor.ts';

/** What a service needs to know about the request it serves: who, which request, from where. */
export type RequestContext = {
  actor: Actor | null;
  /** The server's own id of the request (never taken from the client). */
  requestId: string;
  /** The X-Request-Id the client sent, if it was sane: kept beside the server's id in the audit. */
  clientRequestId?: string | null;
  ip: string;
  lang: Lang;
  /** When the act happens (default: now). The demo seed replays a trading history at the times it happened. */
  now?: Date;
};

/** Context for work the platform does on its own (start-up, seeding, jobs). */
export function systemContext(requestId: string): RequestContext {
  return { actor: null, requestId, ip: '127.0.0.1', lang: 'zh' };
}
