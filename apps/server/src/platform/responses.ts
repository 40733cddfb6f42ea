import { createSerializerCompiler, serializerCompiler } from 'fastify-type-provider-zod';

/**
 * The response serializer: each route's zod `schema.response` encodes what
 * the handler returns (a field the schema does not name is left out).
 *
 * With KZT_STRICT_RESPONSES=1 (for whoever writes a response schema, while
 * running that module's tests) a response carrying a field its schema leaves
 * out is refused instead, naming the field, so a schema that forgets a field
 * the presenter returns is found before the web misses it.
 */
export function responseSerializer(strict = process.env.KZT_STRICT_RESPONSES === '1'): typeof serializerCompiler {
  if (!strict) return serializerCompiler;
  return (route) => {
    const encode = createSerializerCompiler({})(route);
    return (data: unknown) => {
      const json = encode(data);
      const dropped = droppedPaths(JSON.parse(JSON.stringify(data ?? null)), JSON.parse(json), '');
      if (dropped.length) throw new Error(`${route.method} ${route.url}: response fields not in its schema: ${dropped.slice(0, 10).join(', ')}`);
      return json;
    };
  };
}

function droppedPaths(before: unknown, after: unknown, at: string): string[] {
  if (Array.isArray(before) && Array.isArray(after)) return before.flatMap((v, i) => droppedPaths(v, after[i], `${at}[${i}]`));
  if (!isObject(before) || !isObject(after)) return [];
  return Object.keys(before).flatMap((k) => (k in after ? droppedPaths(before[k], after[k], `${at}.${k}`) : [`${at}.${k}`]));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
