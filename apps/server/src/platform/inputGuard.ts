import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/**
 * Text the database cannot store or that no person typed: a NUL character or
 * half of a UTF-16 surrogate pair. PostgreSQL refuses both inside text, so
 * they used to end as 500; they are refused at the door with 400, naming the
 * field, before any route runs.
 */
// eslint-disable-next-line no-control-regex
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasBadText = (s: string) => BAD_TEXT.test(s);

const badInput = (path: string) =>
  new AppError(400, 'validation-error', 'problem.validation', 'problem.validation.detail', {}, [{ path, key: 'err.text.invalidCharacters' }]);

/** The first path in a parsed JSON body whose text (a value or a key) has a NUL or a lone surrogate. */
function badPath(v: unknown, path: string[] = [], depth = 0): string | null {
  if (depth > 64) return null;
  if (typeof v === 'string') return hasBadText(v) ? path.join('.') || '(root)' : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = badPath(v[i], [...path, String(i)], depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (v && typeof v === 'object') {
    for (const [k, val] of Object.entries(v)) {
      if (hasBadText(k)) return [...path, '(key)'].join('.');
      const p = badPath(val, [...path, k], depth + 1);
      if (p) return p;
    }
  }
  return null;
}

/** The URL's path and query decoded as UTF-8; a NUL, a lone surrogate or bytes that are not UTF-8 name the part at fault. */
function badUrlPart(url: string): string | null {
  const [pathname, query = ''] = splitOnce(url, '?');
  if (/%00/i.test(pathname) || !decodesCleanly(pathname)) return '(path)';
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const [k, v = ''] = splitOnce(pair, '=');
    const name = safeDecode(k) ?? '(query)';
    if (!decodesCleanly(k) || !decodesCleanly(v)) return hasBadText(name) ? '(query)' : name;
  }
  return null;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function decodesCleanly(s: string): boolean {
  const d = safeDecode(s);
  return d !== null && !hasBadText(d);
}

export function registerInputGuard(app: FastifyInstance) {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const part = badUrlPart(req.url);
    if (part) throw badInput(part);
  });
  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (req.body === undefined || req.body === null || Buffer.isBuffer(req.body)) return;
    const p = badPath(req.body);
    if (p) throw badInput(p);
  });
}
