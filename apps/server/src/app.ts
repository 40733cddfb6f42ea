import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { sql } from 'drizzle-orm';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthDto } from '@kzt/shared';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { registerErrorHandling, sendProblem, zodValidatorCompiler } from './platform/errors.ts';
import { clientRequestIdOf, registerAuth } from './platform/http.ts';
import { useActorSource } from './platform/sessions.ts';
import { registerInputGuard } from './platform/inputGuard.ts';
import { responseSerializer } from './platform/responses.ts';
import { langOf, t } from './platform/i18n.ts';
import type { App, Deps } from './platform/types.ts';
import { accountRoutes } from './modules/accounts/accounts.routes.ts';
import { jurisdictionRoutes } from './modules/jurisdictions/jurisdictions.routes.ts';
import { organizationRoutes } from './modules/organizations/organizations.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { achievementRoutes } from './modules/achievements/achievements.routes.ts';
import { demandRoutes } from './modules/demands/demands.routes.ts';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes.ts';
import { freshnessRoutes } from './modules/freshness/freshness.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { attachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { storageRoutes } from './modules/storage/storage.routes.ts';
import { demandListRoutes } from './modules/demandLists/demandLists.routes.ts';
import { startCatalogueIndexes } from './catalogueIndexes.ts';
import { followCatalogue, type MatchIndexes } from './modules/matching/matching.indexes.ts';
import { matchingRoutes } from './modules/matching/matching.routes.ts';
import { pushRoutes } from './modules/push/push.routes.ts';
import { matchReviewsRoutes } from './modules/matchReviews/matchReviews.routes.ts';
import { matchBatchesRoutes } from './modules/matchBatches/matchBatches.routes.ts';
import { tradingRoutes } from './modules/trading/trading.routes.ts';
import { operationsRoutes } from './modules/operations/operations.routes.ts';
import { conversationRoutes } from './modules/conversations/conversations.routes.ts';
import { favouriteRoutes } from './modules/favourites/favourites.routes.ts';
import { meRoutes, profileReviewRoutes } from './modules/profiles/profiles.routes.ts';
import { profileActors } from './modules/profiles/profiles.actor.ts';
import { brokerageRoutes } from './modules/brokerage/brokerage.routes.ts';
import { announcementRoutes } from './modules/announcements/announcements.routes.ts';
import { distributionRoutes } from './modules/distributions/distributions.routes.ts';
import { distributionsNaming } from './modules/distributions/distributions.service.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { statisticsRoutes } from './modules/statistics/statistics.routes.ts';
import { policyRoutes } from './modules/policy/policy.routes.ts';
import { challengeRoutes } from './modules/challenges/challenges.routes.ts';
import { challengeTaskRoutes } from './modules/challenges/challenges.tasks.routes.ts';
import { registeredContractsBetween } from './modules/contracts/contracts.service.ts';
import { contractRoutes } from './modules/contracts/contracts.routes.ts';
import { regionRoutes } from './modules/regions/regions.routes.ts';

export const BODY_LIMIT = 1024 * 1024;

export async function buildApp({ db, config }: { db: Db; config: Config }): Promise<App> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    // The request id is always the server's own: a client's X-Request-Id is kept beside it (clientRequestId), never trusted as the audit's id.
    genReqId: () => randomUUID(),
    // A URL the router cannot decode (e.g. a lone surrogate `/%ED%A0%80`) gets a problem like any other 400.
    frameworkErrors: (error, req, reply) => {
      const lang = langOf(req.headers['accept-language']);
      if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_ASYNC_CONSTRAINT') {
        return sendProblem(reply, req, { status: 400, slug: 'validation-error', title: t('problem.validation', lang), detail: t('problem.validation.detail', lang), errors: [{ path: '(path)', message: t('err.text.invalidCharacters', lang) }] });
      }
      return sendProblem(reply, req, { status: 400, slug: 'bad-request', title: t('problem.validation', lang), detail: t('problem.validation.detail', lang) });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(responseSerializer());
  registerErrorHandling(app, { bodyLimit: BODY_LIMIT });
  registerInputGuard(app);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const clientId = clientRequestIdOf(req);
    if (clientId) reply.header('x-client-request-id', clientId);
    // Answers of the API are not stored, unless a route says they are public and may be (GET /api/regions).
    if (req.url.startsWith('/api/') && !String(reply.getHeader('cache-control') ?? '').startsWith('public')) reply.header('cache-control', 'no-store');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.env === 'production',
  });
  // Answers compressed for clients that accept it (a catalogue page, the region tree: about a fifth of the bytes):
  // Brotli at a quick level, from 1 KB. The web build brings its own precompressed copies (their Content-Encoding is
  // left alone), files already compressed (xlsx, pdf, images) are not compressible types, and the live auction
  // stream writes to the socket itself.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } });
  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '科转通 API',
        version: '0.1.0',
        description:
          '科技成果转化服务平台接口。错误以 application/problem+json 返回；认证使用 Authorization: Bearer 令牌或会话 Cookie（Cookie 认证的写请求需带 X-CSRF-Token）。',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets a few inline styles of its own.
    transformStaticCSP: (header) => header.replace("style-src 'self' https:", "style-src 'self' https: 'unsafe-inline'"),
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  // Who a request's actor is comes from the modules that own people, organisations and jurisdictions (profiles puts them together).
  useActorSource(profileActors);
  registerAuth(app, db);

  let matching: MatchIndexes | undefined;
  const indexes = await startCatalogueIndexes(db, app.log, (replicas) => (matching = followCatalogue(replicas)));
  await matching!.catchUp();
  app.addHook('onClose', async () => {
    matching!.stop();
    await indexes.stop();
  });
  // The contracts module answers the challenge panel's avoidance (it reacts to challenge events, so challenges cannot import it).
  const deps: Deps = { db, config, indexes, matching: matching!, contractsBetween: registeredContractsBetween, distributionsNaming };
  app.decorate('deps', deps);

  app.get('/api/health', { config: { public: true }, schema: { tags: ['平台 Platform'], summary: '健康检查', response: { 200: healthDto, 503: healthDto } } }, async (_req, reply) => {
    try {
      await db.execute(sql`select 1`);
      return { status: 'ok' as const, db: 'ok' as const };
    } catch {
      return reply.code(503).send({ status: 'degraded' as const, db: 'unavailable' as const });
    }
  });

  accountRoutes(app, deps);
  meRoutes(app, deps);
  jurisdictionRoutes(app, deps);
  organizationRoutes(app, deps);
  auditRoutes(app, deps);
  achievementRoutes(app, deps);
  demandRoutes(app, deps);
  catalogueRoutes(app, deps);
  freshnessRoutes(app, deps);
  notificationRoutes(app, deps);
  importRoutes(app, deps);
  attachmentRoutes(app, deps);
  storageRoutes(app, deps);
  demandListRoutes(app, deps);
  matchingRoutes(app, deps);
  pushRoutes(app, deps);
  matchReviewsRoutes(app, deps);
  matchBatchesRoutes(app, deps);
  tradingRoutes(app, deps);
  operationsRoutes(app, deps);
  conversationRoutes(app, deps);
  favouriteRoutes(app, deps);
  profileReviewRoutes(app, deps);
  brokerageRoutes(app, deps);
  announcementRoutes(app, deps);
  distributionRoutes(app, deps);
  portalRoutes(app, deps);
  statisticsRoutes(app, deps);
  policyRoutes(app, deps);
  challengeRoutes(app, deps);
  challengeTaskRoutes(app, deps);
  contractRoutes(app, deps);
  regionRoutes(app);

  const indexHtml = path.join(config.webDist, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: true,
      index: false,
      // The build's .br/.gz copies (apps/web/scripts/precompress.mjs) go to browsers that accept them, with Vary.
      preCompressed: true,
      // The headers below are the only cache rules (the plugin's own default would say max-age=0 for all).
      cacheControl: false,
      // Hashed assets are immutable; the page itself must be revalidated so a new build is picked up.
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', /\.html(\.br|\.gz)?$/.test(filePath) ? 'no-cache' : 'public, max-age=31536000, immutable');
        // The same address answers with a compressed copy or the plain file: caches must key on what the browser accepts.
        res.setHeader('vary', 'accept-encoding');
      },
    });
  }

  if (hasWeb) app.get('/', { config: { public: true }, schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));

  app.setNotFoundHandler((req, reply) => {
    const lang = langOf(req.headers['accept-language']);
    const pathname = req.url.split('?')[0]!;
    // API paths, files (a name with an extension, e.g. a stale /assets/*.js) and non-GET requests get a 404 problem.
    const isFile = /\/[^/]+\.[A-Za-z0-9]+$/.test(pathname);
    // A path that climbs (`..`, encoded slashes or backslashes) is no page of the app: 404, never the page or a file.
    const climbs = /%2f|%5c|\\/i.test(pathname) || /(^|\/)(\.|%2e){2}(\/|$)/i.test(pathname);
    if (pathname.startsWith('/api/') || pathname === '/api' || isFile || climbs || !hasWeb || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendProblem(reply, req, {
        status: 404,
        slug: 'route-not-found',
        title: t('problem.notFound', lang),
        detail: t('problem.notFound.detail', lang, { method: req.method, url: pathname }),
      });
    }
    // A path of the single-page app: the client router draws it.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
