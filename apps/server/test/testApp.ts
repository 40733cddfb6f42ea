import { afterAll, beforeAll } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import { seed } from '../src/seed.ts';
import type { App } from '../src/platform/types.ts';
import { freshDatabase } from './database.ts';
import { Factories } from './factories.ts';

export type ApiOptions = { token?: string; body?: unknown; headers?: Record<string, string> };

export type TestApp = {
  app: App;
  database: Database;
  config: Config;
  factories: Factories;
  /** One API call through the real app. A token signs it in as that person (Bearer). */
  api: (method: string, url: string, opts?: ApiOptions) => Promise<LightMyRequestResponse>;
};

/** Builds the real app on a fresh database for the test file, and closes both after it. */
export function useTestApp(overrides: Partial<Config> = {}): TestApp {
  const ctx = {} as TestApp;
  beforeAll(async () => {
    ctx.database = await freshDatabase();
    ctx.config = { ...loadConfig({ NODE_ENV: 'test', SEED: 'none' }), ...overrides };
    await seed(ctx.database.db, ctx.config, () => {});
    ctx.app = await buildApp({ db: ctx.database.db, config: ctx.config });
    ctx.factories = new Factories(ctx.database.db);
    ctx.api = (method, url, opts = {}) =>
      ctx.app.inject({
        method: method as 'GET',
        url,
        headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
        ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
      });
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.database?.close();
  });
  return ctx;
}
