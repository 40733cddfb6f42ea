import path from 'node:path';

export type Config = {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  seed: 'demo' | 'none';
  adminEmail?: string;
  adminPassword?: string;
  sessionTtlDays: number;
  webDist: string;
  logLevel: string;
  trustProxy: boolean;
  /** Cookies get the Secure flag (on in production; browsers refuse Secure cookies on plain http otherwise). */
  secureCookies: boolean;
  /** Bytes each organisation may keep (attachments, import files, licence): STORAGE_QUOTA_MB, 1 GB by default. */
  storageQuotaBytes: number;
};

const serverRoot = path.resolve(import.meta.dirname, '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const seed = env.SEED ?? (mode === 'production' ? 'none' : 'demo');
  if (seed !== 'demo' && seed !== 'none') throw new Error(`SEED must be "demo" or "none", got "${seed}"`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  return {
    env: mode,
    host: env.HOST ?? '127.0.0.1',
    port,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    seed,
    adminEmail: env.KZT_ADMIN_EMAIL || undefined,
    adminPassword: env.KZT_ADMIN_PASSWORD || undefined,
    sessionTtlDays: Number(env.SESSION_TTL_DAYS ?? 14),
    webDist: path.resolve(env.WEB_DIST ?? path.join(serverRoot, '../web/dist')),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    trustProxy: env.TRUST_PROXY === 'true',
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : mode === 'production',
    storageQuotaBytes: Math.round(Number(env.STORAGE_QUOTA_MB ?? 1024) * 1024 * 1024),
  };
}
