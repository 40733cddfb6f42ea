import type { TestApp } from './testApp.ts';
import { platformRunner } from '../src/runner.ts';

const quiet = { error: () => {} };

/** Delivers pending domain events (e.g. a registration code to the outbox), as the server's job runner does every second. */
export const deliverEvents = (t: TestApp) => platformRunner(t.database.db, quiet, t.app.deps).runDue(new Date(Date.now() + 1000));

/** The messages an address got, newest first, through the development-only outbox route. */
export async function messagesTo(t: TestApp, address: string): Promise<{ kind: string; subject: string; body: string }[]> {
  await deliverEvents(t);
  const res = await t.api('GET', `/api/dev/outbox?address=${encodeURIComponent(address)}`);
  return res.json().items;
}

/** The six-digit code of the latest registration message to the address, or undefined. */
export async function codeFor(t: TestApp, address: string): Promise<string | undefined> {
  const m = (await messagesTo(t, address)).find((x) => x.kind === 'account.registerCode');
  return m?.body.match(/验证码是 (\d{6})/)?.[1];
}

export const CONSENT = { acceptTerms: true, acceptPrivacy: true } as const;

/** Registers through both steps (code sent, code confirmed); returns the confirmation's response (201 with user and token). */
export async function registerVerified(t: TestApp, body: { email?: string; phone?: string; password: string; name: string }, headers: Record<string, string> = {}) {
  const first = await t.api('POST', '/api/auth/register', { body: { ...CONSENT, ...body }, headers });
  if (first.statusCode !== 202) return first;
  const login = (body.email ?? body.phone)!;
  const code = await codeFor(t, login.trim().toLowerCase().replace(/^\+86\s*/, ''));
  return t.api('POST', '/api/auth/register/verify', { body: { login, code }, headers });
}
