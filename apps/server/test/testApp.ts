import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    // Files the app writes (attachments, imports) go to a directory of this test file's own.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-test-'));
    ctx.config = { ...loadConfig({ NODE_ENV: 'test', SEED: 'none', DATA_DIR: dataDir }), ...overrides };
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
    if (ctx.config) fs.rmSync(ctx.config.dataDir, { recursive: true, force: true });
  });
  return ctx;
}
