import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from './testApp.ts';

// A built web app of two files, so the serving rules are tested whether or not
// `npm run build` has run on this machine.
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-web-'));
fs.mkdirSync(path.join(webDist, 'assets'));
fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>科转通</title><div id="root"></div>');
fs.writeFileSync(path.join(webDist, 'assets', 'app-1a2b3c.js'), 'console.log(1)');

const t = useTestApp({ webDist });
afterAll(() => fs.rmSync(webDist, { recursive: true, force: true }));

describe('the web app served by the API server', () => {
  it('pages fall back to index.html (revalidated), hashed assets are immutable, missing files are a 404 problem', async () => {
    const root = await t.api('GET', '/');
    expect(root.statusCode).toBe(200);
    expect(root.headers['content-type']).toContain('text/html');
    expect(root.headers['cache-control']).toBe('no-cache');
    const page = await t.api('GET', '/org/apply');
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(root.body);
    const asset = await t.api('GET', '/assets/app-1a2b3c.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await t.api('GET', '/assets/no-such-file.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});
