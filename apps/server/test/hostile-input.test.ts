import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './testApp.ts';
import { buildApp } from '../src/app.ts';
import { sweepCatalogue } from '../src/modules/freshness/freshness.service.ts';

// A built web app of two files, so the static file handler is in play as in production.
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-web-'));
fs.mkdirSync(path.join(webDist, 'assets'));
fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>科转通</title>');
fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), 'console.log(1)');

const t = useTestApp({ webDist });

const problem = (res: { statusCode: number; headers: Record<string, unknown>; body: string }) => ({
  status: res.statusCode,
  type: String(res.headers['content-type']),
  stack: /at .*\.(js|ts):\d+/.test(res.body),
});

describe('hostile input is refused, never a 500', () => {
  it('NUL bytes and lone surrogates in a query are 400 with the parameter named', async () => {
    for (const q of ['%00', 'a%00b', '%ED%A0%80', '%ED%B0%80x', '%C0%80', '%FF']) {
      const res = await t.api('GET', `/api/achievements?q=${q}`);
      expect(problem(res), q).toEqual({ status: 400, type: 'application/problem+json; charset=utf-8', stack: false });
      expect(res.json().errors, q).toEqual([{ path: 'q', message: '包含无法保存的字符（空字符或残缺的 Unicode 字符），请删除后重试' }]);
    }
    // Ordinary Chinese and a proper pair (an emoji) pass.
    expect((await t.api('GET', `/api/achievements?q=${encodeURIComponent('储能😀')}`)).statusCode).toBe(200);
  });

  it('NUL bytes and lone surrogates in a JSON body are 400 with the field named, and nothing is stored', async () => {
    const nul = await t.api('POST', '/api/auth/login', { body: '{"login":"a\\u0000b","password":"x"}', headers: { 'content-type': 'application/json' } });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors[0].path).toBe('login');
    const u = await t.factories.user();
    const lone = await t.api('POST', '/api/organizations', {
      token: u.token,
      body: '{"name":"单位\\ud800","type":"enterprise","creditCode":"x","jurisdictionCode":"140700"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(lone.statusCode).toBe(400);
    expect(lone.json().errors).toEqual([{ path: 'name', message: '包含无法保存的字符（空字符或残缺的 Unicode 字符），请删除后重试' }]);
    expect((await t.api('GET', '/api/organizations?mine=true', { token: u.token })).json().total ?? 0).toBe(0);
  });

  it('a blocked or broken static path is 404 (or 400 for a NUL or a broken character), never the page, a file or a 500', async () => {
    for (const p of ['/..%2f', '/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e%2fapp.js', '/a/..%5c..%5cetc', '/assets/no-such.js']) {
      const res = await t.api('GET', p);
      expect(problem(res), p).toEqual({ status: 404, type: 'application/problem+json; charset=utf-8', stack: false });
    }
    for (const p of ['/%00', '/assets/app.js%00.png', '/%ED%A0%80', '/api/%ED%A0%80']) {
      const res = await t.api('GET', p);
      expect(problem(res), p).toEqual({ status: 400, type: 'application/problem+json; charset=utf-8', stack: false });
    }
    // Dot segments written out are resolved by the URL itself (as a browser does): the page of /etc/passwd, never the file.
    expect((await t.api('GET', '/%2e%2e/%2e%2e/etc/passwd')).body).not.toContain('root:');
    expect((await t.api('GET', '/assets/app.js')).statusCode).toBe(200);
    expect((await t.api('GET', '/org/apply')).statusCode).toBe(200);
  });
});

describe('request ids', () => {
  it('the request id is the server’s own; a client’s X-Request-Id is kept beside it, in the audit too', async () => {
    const u = await t.factories.user({ platformAdmin: true });
    const res = await t.api('POST', '/api/notifications/read-all', { token: u.token, headers: { 'x-request-id': 'client-chosen-id-1' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-client-request-id']).toBe('client-chosen-id-1');
    const audit = (await t.api('GET', `/api/audit?action=notification.readAll&pageSize=5`, { token: u.token })).json();
    const event = audit.items.find((e: { actor: { id: string } | null }) => e.actor?.id === u.id);
    expect(event).toMatchObject({ action: 'notification.readAll', requestId: res.headers['x-request-id'], clientRequestId: 'client-chosen-id-1' });
    // The chain still verifies with the client id in it.
    expect((await t.api('GET', '/api/audit/verify', { token: u.token })).json()).toMatchObject({ ok: true });
  });

  it('the catalogue sweep leaves an audit event with what it did', async () => {
    const admin = await t.factories.user({ platformAdmin: true });
    await sweepCatalogue(t.database.db, new Date('2026-12-06T18:00:00Z'));
    const audit = (await t.api('GET', '/api/audit?action=catalogue.sweep&pageSize=5', { token: admin.token })).json();
    expect(audit.items[0]).toMatchObject({ action: 'catalogue.sweep', actor: null, entityType: 'catalogue', after: { staleAchievements: expect.any(Number), staleDemands: expect.any(Number), unconverted: expect.any(Number) } });
    expect(audit.items[0].requestId).toBeTruthy();
  });

  it('the development outbox does not exist in production', async () => {
    const prod = await buildApp({ db: t.database.db, config: { ...t.config, env: 'production' } });
    try {
      const res = await prod.inject({ method: 'GET', url: '/api/dev/outbox?address=someone@example.cn' });
      // No such route: anonymous callers get the 401 every unknown non-public path gives, and never a message.
      expect([401, 404]).toContain(res.statusCode);
      expect(res.json().items).toBeUndefined();
      expect(prod.printRoutes()).not.toContain('dev/outbox');
    } finally {
      await prod.close();
    }
    expect((await t.api('GET', '/api/dev/outbox?address=someone@example.cn')).statusCode).toBe(200);
  });
});
