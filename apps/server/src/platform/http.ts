import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Actor } from './actor.ts';
import type { RequestContext } from './context.ts';
import { recordAudit } from './audit.ts';
import { AppError, unauthorized } from './errors.ts';
import { langOf } from './i18n.ts';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, csrfMatches, csrfTokenFor, resolveActor } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Anonymous callers may use this route; every other /api route answers 401 to them before looking at the input. */
    public?: boolean;
    /**
     * The route may act on who the caller was up to RECENT_ACTOR_MS ago
     * instead of reading the session, organisations and jurisdictions again:
     * for hot routes whose callers send many requests a second (bids, the
     * live floor). A revoked session or a changed membership is seen there
     * that much later.
     */
    recentActor?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const RECENT_ACTOR_MS = 5000;
const RECENT_MAX = 20_000;

/** Actors resolved for `recentActor` routes in the last RECENT_ACTOR_MS, by token. */
const recent = new Map<string, { actor: Actor | null; at: number }>();

async function actorOf(db: Db, token: string, via: 'cookie' | 'bearer', useRecent: boolean): Promise<Actor | null> {
  if (!useRecent) return resolveActor(db, token, via);
  const key = `${via}:${token}`;
  const now = Date.now();
  const hit = recent.get(key);
  if (hit && now - hit.at < RECENT_ACTOR_MS) return hit.actor;
  const actor = await resolveActor(db, token, via);
  if (recent.size >= RECENT_MAX) for (const [k, v] of recent) if (now - v.at >= RECENT_ACTOR_MS) recent.delete(k);
  if (recent.size < RECENT_MAX) recent.set(key, { actor, at: now });
  return actor;
}

/**
 * Resolves the actor of every /api request from the Bearer token or the
 * session cookie, and refuses cookie-authenticated unsafe requests that do
 * not carry the session's CSRF token.
 */
export function registerAuth(app: FastifyInstance, db: Db) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const auth = req.headers.authorization;
    const useRecent = !!req.routeOptions.config?.recentActor;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await actorOf(db, auth.slice(7).trim(), 'bearer', useRecent);
      if (!req.actor) throw unauthorized();
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    req.actor = await actorOf(db, cookie, 'cookie', useRecent);
    if (req.actor && UNSAFE.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (!csrfMatches(req.actor.session.tokenHash, typeof header === 'string' ? header : undefined)) {
        // A forged cross-site write is a security event: audited with who was signed in and where it aimed.
        const actor = req.actor;
        await db.transaction((tx) =>
          recordAudit(tx, contextOf(req), { action: 'security.csrfRefused', entityType: 'user', entityId: actor.user.id, after: { method: req.method, path: req.url.split('?')[0]!.slice(0, 200) } }),
        );
        throw new AppError(403, 'csrf', 'problem.csrf', 'problem.csrf.detail');
      }
    }
  });
  app.addHook('preValidation', async (req) => {
    if (req.actor || req.is404 || req.routeOptions.config.public || !req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    throw unauthorized();
  });
}

export function setSessionCookies(reply: FastifyReply, config: Config, s: { token: string; tokenHash: string; expiresAt: Date }) {
  const base = { path: '/', sameSite: 'lax' as const, secure: config.secureCookies, expires: s.expiresAt };
  reply.setCookie(SESSION_COOKIE, s.token, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(s.tokenHash), { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function contextOf(req: FastifyRequest): RequestContext {
  return { actor: req.actor, requestId: String(req.id), clientRequestId: clientRequestIdOf(req), ip: req.ip, lang: langOf(req.headers['accept-language']) };
}

/** The request's context with a signed-in actor, or 401. */
export function signedIn(req: FastifyRequest): RequestContext & { actor: Actor } {
  if (!req.actor) throw unauthorized();
  return { ...contextOf(req), actor: req.actor };
}

const CLIENT_REQUEST_ID_RE = /^[A-Za-z0-9._-]{8,100}$/;

/** The client's own X-Request-Id when it is sane (letters, digits, . _ -; 8–100 long), else null. */
export function clientRequestIdOf(req: FastifyRequest): string | null {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID_RE.test(given) ? given : null;
}
