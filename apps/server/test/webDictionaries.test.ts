import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The web's strings by area (docs/ARCHITECTURE.md, "The home page is the
 * first page"): the first page carries only `i18n/messages.ts`; an area's
 * dictionary (`AREAS` in `i18n/index.tsx`) loads with the pages that name
 * the area in `app/router.tsx`. A key of an area used where its dictionary
 * is not loaded would show as the bare key, so: an area's keys are used in
 * its own feature folder only, every route to that folder names the area,
 * and a page elsewhere that imports one of the area's parts names it too.
 */
const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src');
const read = (f: string) => fs.readFileSync(path.join(WEB, f), 'utf8');
const files = (dir: string): string[] =>
  fs.readdirSync(path.join(WEB, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });

const index = read('i18n/index.tsx');
const router = read('app/router.tsx');
// contracts: { zh: () => import('./contracts.messages.ts?lang=zh'), …
const AREAS = [...index.matchAll(/^\s+(\w+): \{ zh: \(\) => import\('\.\/([\w-]+)\.messages\.ts\?lang=zh'\)/gm)].map((m) => ({ area: m[1]!, file: `i18n/${m[2]}.messages.ts` }));
const keysOf = (file: string) => [...read(file).matchAll(/^\s+'([\w.-]+)': \{/gm)].map((m) => m[1]!);
const source = [...files('app'), ...files('features'), ...files('lib')];

describe('web dictionaries by area', () => {
  it('the areas are the ones split off, and the first page’s dictionary does not pull them in', () => {
    expect(AREAS.map((a) => a.area).sort()).toEqual(['challenges', 'contracts', 'distributions', 'policy', 'statistics']);
    const shell = read('i18n/messages.ts');
    for (const { file } of AREAS) {
      const name = path.basename(file, '.ts');
      expect(shell, `${name} is imported as a type only`).not.toMatch(new RegExp(`^import \\{[^}]*\\} from '\\./${name}\\.ts'`, 'm'));
    }
  });

  it('an area’s keys are used in its own folder only, and are not in the shell’s dictionary', () => {
    const shellKeys = new Set(keysOf('i18n/messages.ts'));
    const misplaced: string[] = [];
    for (const { area, file } of AREAS) {
      const keys = keysOf(file);
      expect(keys.length).toBeGreaterThan(10);
      for (const k of keys) expect(shellKeys.has(k), `${k} is in two dictionaries`).toBe(false);
      const prefixes = [...new Set(keys.map((k) => k.slice(0, k.indexOf('.') + 1)))];
      for (const f of source) {
        if (f.startsWith(`features/${area}/`)) continue;
        const text = read(f);
        for (const p of prefixes) if (new RegExp(`['\`]${p.replace('.', '\\.')}\\w`).test(text)) misplaced.push(`${f} uses ${p}* of ${area}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('every route to an area’s page, and every page importing an area’s part, names the area', () => {
    const routeLines = router.split('\n').filter((l) => /= page\(\(\) => import\(/.test(l));
    expect(routeLines.length).toBeGreaterThan(40);
    const unnamed: string[] = [];
    for (const { area } of AREAS) {
      const named = (l: string) => new RegExp(`, '${area}'[,)]`).test(l) || new RegExp(`'${area}'\\);$`).test(l);
      for (const l of routeLines) if (l.includes(`/features/${area}/`) && !named(l)) unnamed.push(l.trim());
      // A page outside the area that imports one of its parts.
      for (const f of files('features')) {
        if (f.startsWith(`features/${area}/`) || !new RegExp(`from '[./]*/${area}/`).test(read(f))) continue;
        const route = routeLines.find((l) => l.includes(`'../${f}'`));
        if (!route || !named(route)) unnamed.push(`${f} (imports a part of ${area})`);
      }
    }
    expect(unnamed).toEqual([]);
  });
});
