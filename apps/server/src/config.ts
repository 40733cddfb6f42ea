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
  /**
   * The platform's public address (PUBLIC_ORIGIN, e.g. https://kzt.example.cn): links printed on
   * official documents (the contract certificate's verification link) use it, never a request's Host header.
   */
  publicOrigin: string;
  /** The footer's contact and filing numbers (备案号): SITE_* variables, demo values by default. */
  site: SiteInfo;
};

export type SiteInfo = { name: string; operator: string; address: string; phone: string; email: string; icp: string; police: string };

/** Demo values; a deployment sets its own with SITE_OPERATOR, SITE_ADDRESS, SITE_PHONE, SITE_EMAIL, SITE_ICP, SITE_POLICE. */
export function siteInfo(env: NodeJS.ProcessEnv): SiteInfo {
  return {
    name: env.SITE_NAME ?? '科转通 · 科技成果转化服务平台',
    operator: env.SITE_OPERATOR ?? '科转通平台运营中心（演示）',
    address: env.SITE_ADDRESS ?? '山西省晋中市榆次区（演示地址）',
    phone: env.SITE_PHONE ?? '0354-0000000（演示）',
    email: env.SITE_EMAIL ?? 'service@kzt.demo',
    icp: env.SITE_ICP ?? '晋ICP备00000000号-1（演示）',
    police: env.SITE_POLICE ?? '晋公网安备 14070002000000号（演示）',
  };
}

/** PUBLIC_ORIGIN as scheme://host[:port] without a path; for a local start, the server's own address on localhost. */
export function publicOrigin(value: string | undefined, port: number): string {
  if (!value) return `http://localhost:${port || 3000}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_ORIGIN is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_ORIGIN must be an http(s) URL: ${value}`);
  return url.origin;
}

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
    publicOrigin: publicOrigin(env.PUBLIC_ORIGIN, port),
    site: siteInfo(env),
  };
}
