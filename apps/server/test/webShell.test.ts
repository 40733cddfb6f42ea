import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from './testApp.ts';

// A built web app of two files, so the serving rules are tested whether or not
// `npm run build` has run on this machine.
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-web-'));
fs.mkdirSync(path.join(webDist, 'assets'));
fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>科转通</title><div id="root"></div>');
fs.writeFileSync(path.join(webDist, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
// A larger asset with the compressed copies the web build writes beside it (apps/web/scripts/precompress.mjs).
const bigJs = `export const labels = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `科技成果转化 ${i}`))};`;
fs.writeFileSync(path.join(webDist, 'assets', 'big-4d5e6f.js'), bigJs);
fs.writeFileSync(path.join(webDist, 'assets', 'big-4d5e6f.js.br'), zlib.brotliCompressSync(bigJs));
fs.writeFileSync(path.join(webDist, 'assets', 'big-4d5e6f.js.gz'), zlib.gzipSync(bigJs));

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

  it('sends the build’s Brotli or gzip copy of an asset to a browser that accepts it, the plain file to one that does not', async () => {
    const url = '/assets/big-4d5e6f.js';
    const br = await t.api('GET', url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(bigJs);
    expect(br.rawPayload.length).toBeLessThan(bigJs.length / 3);
    const gz = await t.api('GET', url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(bigJs);
    const plain = await t.api('GET', url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bigJs);
  });

  it('compresses an API answer of some size for a client that accepts it, and leaves a small one and an old client alone', async () => {
    const plain = await t.api('GET', '/api/regions');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.api('GET', '/api/regions', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('application/json');
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await t.api('GET', '/api/regions', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
    // Under the 1 KB threshold: sent as it is.
    const health = await t.api('GET', '/api/health', { headers: { 'accept-encoding': 'br' } });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json()).toMatchObject({ status: 'ok' });
  });
});

