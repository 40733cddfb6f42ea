import fs from 'node:fs';
import path from 'node:path';

/**
 * The module graph of the server's source, read from its import statements
 * and raw SQL: who imports whom, who touches which table. Used by the
 * conventions test (docs/ARCHITECTURE.md, "This project's rules").
 */
export const SRC = path.resolve(import.meta.dirname, '../src');

export function sourceFiles(dir = SRC): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'migrations') continue;
      out.push(...sourceFiles(p));
    } else if (/\.(ts|mts)$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !/\.testkit\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

export const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');

/** `modules/<name>/…` → name; anything else → undefined. */
export function moduleOf(file: string): string | undefined {
  const m = rel(file).match(/^modules\/([^/]+)\//);
  return m?.[1];
}

export function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s));
}

/** The SQL names of the tables each schema file declares, with their drizzle names. */
export function schemaTables(): { file: string; sqlName: string; jsName: string }[] {
  const dir = path.join(SRC, 'db/schema');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)].map((m) => ({ file: f, jsName: m[1]!, sqlName: m[2]! })));
}

/** Cycles among modules, each as the list of modules around it. */
export function moduleCycles(edges: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  let i = 0;
  const visit = (v: string) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) cycles.push(comp.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** The end (exclusive) of the bracketed text opening at `open`, strings and template literals skipped. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * The `action:` expressions of the object literal a call's arguments carry
 * at their top level (`recordAudit(tx, ctx, { ...entry, action: '…' })`).
 */
export function actionExpressions(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i]!;
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < args.length && args[i] !== c; i++) if (args[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 2 && /^action\s*:/.test(args.slice(i, i + 20)) && !/[\w$.]/.test(args[i - 1] ?? '')) {
      const start = args.indexOf(':', i) + 1;
      let end = start;
      for (let d = 0; end < args.length; end++) {
        const e = args[end]!;
        if (e === "'" || e === '"' || e === '`') {
          for (end++; end < args.length && args[end] !== e; end++) if (args[end] === '\\') end++;
        } else if ('([{'.includes(e)) d++;
        else if (')]}'.includes(e)) {
          if (d === 0) break;
          d--;
        } else if (e === ',' && d === 0) break;
      }
      out.push(args.slice(start, end).trim());
      i = end - 1;
    }
  }
  return out;
}

/** A literal action, or a choice between literals (`accept ? 'x.join' : 'x.decline'`): every value it can take is written out. */
export const isLiteralAction = (expr: string) => /^'[\w.]+'$/.test(expr) || /^[^?`]+\?\s*'[\w.]+'\s*:\s*'[\w.]+'$/.test(expr);

/** Every call of the audit writer in the server's source, with the `action:` expressions of its argument. */
export function auditCalls(): { at: string; actions: string[] }[] {
  return sourceFiles()
    .filter((f) => !/platform\/audit\.ts$/.test(f))
    .flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return [...text.matchAll(/\brecordAudit\(/g)].map((m) => {
        const open = m.index + m[0].length - 1;
        return { at: `${rel(f)}:${text.slice(0, m.index).split('\n').length}`, actions: actionExpressions(text.slice(open, closing(text, open))) };
      });
    });
}
