import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm run build` puts a new web build in place of the one a running server serves (apps/web/scripts/publish-build.mjs):
 * the previous build's own hashed assets stay beside the new ones for pages loaded before the swap, one generation only.
 */
const script = path.resolve(import.meta.dirname, '../../web/scripts/publish-build.mjs');

function build(web: string, name: string, assets: string[]) {
  const dir = path.join(web, name);
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), `<script src="/assets/${assets[0]}"></script>`);
  for (const a of assets) fs.writeFileSync(path.join(dir, 'assets', a), a);
  execFileSync(process.execPath, [script, name], { env: { ...process.env, KZT_WEB_DIR: web }, stdio: 'ignore' });
}
const assets = (web: string) => fs.readdirSync(path.join(web, 'dist', 'assets')).sort();

describe('a new web build put in place', () => {
  it('replaces the served folder whole, keeps the previous build’s own assets, and no older ones', () => {
    const web = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-web-'));
    build(web, 'dist.next-1', ['index-a.js', 'page-a.js']);
    expect(assets(web)).toEqual(['index-a.js', 'page-a.js']);
    build(web, 'dist.next-2', ['index-b.js', 'page-a.js']);
    // A page loaded before the swap still finds index-a.js.
    expect(assets(web)).toEqual(['index-a.js', 'index-b.js', 'page-a.js']);
    expect(fs.readFileSync(path.join(web, 'dist', 'index.html'), 'utf8')).toContain('index-b.js');
    build(web, 'dist.next-3', ['index-c.js']);
    // Two builds on, index-a.js is gone (nothing piles up); page-a.js was the second build's own too, so it stays.
    expect(assets(web)).toEqual(['index-b.js', 'index-c.js', 'page-a.js']);
    build(web, 'dist.next-4', ['index-d.js']);
    expect(assets(web)).toEqual(['index-c.js', 'index-d.js']);
    expect(fs.readdirSync(web).sort()).toEqual(['dist']);
    fs.rmSync(web, { recursive: true, force: true });
  });
});
