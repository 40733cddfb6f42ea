import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
/**
 * What the app is built with. The platform knows the database and the
 * config; a module that adds a dependency (an in-memory index) declares it
 * by merging into this interface from its own file, so the platform never
 * imports a module.
 */
export interface Deps {
  db: Db;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's dependencies, for what runs beside the routes (the job runner). */
    deps: Deps;
  }
}
