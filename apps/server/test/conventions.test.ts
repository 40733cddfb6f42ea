import { describe, expect, it } from 'vitest';
import { useTestApp } from './testApp.ts';

const t = useTestApp();

describe('API conventions', () => {
  it('health reports the database', async () => {
    const res = await t.api('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('every response carries the server’s own X-Request-Id; a sane incoming one is echoed beside it, never taken', async () => {
    const a = await t.api('GET', '/api/health');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await t.api('GET', '/api/nope', { headers: { 'x-request-id': 'client-req-12345' } });
    expect(b.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.json().requestId).toBe(b.headers['x-request-id']);
    expect(b.headers['x-client-request-id']).toBe('client-req-12345');
    const c = await t.api('GET', '/api/health', { headers: { 'x-request-id': 'bad id with spaces <x>' } });
    expect(c.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.headers['x-client-request-id']).toBeUndefined();
  });

  it('sends security headers', async () => {
    const res = await t.api('GET', '/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('unknown routes get a problem of their own', async () => {
    const res = await t.api('POST', '/api/no/such/thing', { body: {} });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/api/problems/route-not-found', status: 404, title: '找不到该接口' });
    expect(res.json().detail).toContain('/api/no/such/thing');
  });

  it('malformed JSON gets its own problem, never a stack trace', async () => {
    const res = await t.api('POST', '/api/auth/login', { body: '{"login": "a", ', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: '/api/problems/malformed-json', title: '请求内容不是有效的 JSON' });
    expect(res.body).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('wrong types are named per field, in English on request', async () => {
    const res = await t.api('POST', '/api/auth/login', { body: { login: 42, password: ['x'] }, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('The request is not valid');
    expect(res.json().errors).toEqual([
      { path: 'login', message: 'Wrong type: expected string' },
      { path: 'password', message: 'Wrong type: expected string' },
    ]);
    const zh = await t.api('POST', '/api/auth/login', { body: { login: 42, password: 'x' } });
    expect(zh.json().errors[0]).toEqual({ path: 'login', message: '类型错误：应为文本' });
  });

  it('a 10 MB body is refused with 413 and nothing is stored', async () => {
    const big = JSON.stringify({ email: 'big@example.cn', password: 'a-long-password', name: 'x'.repeat(10 * 1024 * 1024) });
    const res = await t.api('POST', '/api/auth/register', { body: big, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ type: '/api/problems/payload-too-large', detail: '请求体不能超过 1 MiB。' });
    expect((await t.api('POST', '/api/auth/login', { body: { login: 'big@example.cn', password: 'a-long-password' } })).statusCode).toBe(401);
  });

  it('a body that is not JSON gets 415', async () => {
    const res = await t.api('POST', '/api/auth/login', { body: 'login=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(415);
    expect(res.json().title).toBe('不支持的内容类型');
  });

  it('serves OpenAPI 3.1 with every API route, and the browsable docs', async () => {
    const spec = (await t.api('GET', '/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const p of ['/api/auth/register', '/api/auth/login', '/api/me', '/api/organizations', '/api/organizations/{id}/verify', '/api/jurisdictions', '/api/audit', '/api/audit/verify']) {
      expect(spec.paths[p], p).toBeDefined();
    }
    expect(spec.paths['/api/organizations'].post.requestBody.content['application/json'].schema.properties.creditCode).toBeDefined();
    const docs = await t.api('GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers 401 to anonymous writes before looking at their input', async () => {
    const res = await t.api('POST', '/api/organizations', { body: { nonsense: true } });
    expect(res.statusCode).toBe(401);
  });
});
