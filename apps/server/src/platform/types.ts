import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { CatalogueIndexes } from '../modules/catalogue/catalogue.indexes.ts';
import type { MatchIndexes } from '../modules/matching/matching.indexes.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
export type Deps = { db: Db; config: Config; indexes: CatalogueIndexes; matching: MatchIndexes };

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's dependencies, for what runs beside the routes (the job runner). */
    deps: Deps;
  }
}
