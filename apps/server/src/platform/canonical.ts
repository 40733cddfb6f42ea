/** JSON with object keys sorted at every depth: one text per value, whatever the key order it was built or stored in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** A value as it comes back from a jsonb column: dates become ISO strings, undefined keys vanish. */
export function asJson<T>(value: T): T | null {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as T);
}
