import { describe, expect, it } from 'vitest';
import { useTestApp } from './testApp.ts';

/**
 * Every route declares what it answers: a 2xx response schema (zod, from
 * packages/shared), which the serializer enforces and OpenAPI shows. A 204
 * counts only when the route declares it. Read from the app's own OpenAPI
 * document, so a route hidden from it (`schema.hide`) is not a public route.
 */
const t = useTestApp();

type Operation = { responses?: Record<string, { content?: unknown }> };
type OpenApi = { paths?: Record<string, Record<string, Operation>> };

/** Each `METHOD /path` of the document whose operation declares no 2xx response (a 204, or another 2xx with a body). */
function undeclared(doc: OpenApi): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue;
      const declared = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (!declared.some(([status, r]) => status === '204' || r.content !== undefined)) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return missing.sort();
}

describe('response contracts', () => {
  it('every route declares a 2xx response schema', async () => {
    await t.app.ready();
    const doc = t.app.swagger() as OpenApi;
    expect(Object.keys(doc.paths ?? {}).length).toBeGreaterThan(100);
    expect(undeclared(doc), 'routes without a 2xx response schema').toEqual([]);
  });
});
