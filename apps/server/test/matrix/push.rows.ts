import { randomBytes } from 'node:crypto';
import { matchSubscriptions, outboxMessages, pushSettings } from '../../src/db/schema/index.ts';
import type { TestApp } from '../testApp.ts';
import type { World } from './types.ts';
import { all, signedIn, type Row } from './types.ts';

/** A subscription of the world's owner: only they see or change it. */
async function subscription(w: World, t: TestApp) {
  const [row] = await t.database.db
    .insert(matchSubscriptions)
    .values({ userId: w.users.owner.id, name: '晋中新材料成果', recordType: 'achievement', keywords: ['新材料'], regions: ['140700'] })
    .returning();
  return row!.id;
}

/** A pending e-mail in the outbox. */
async function message(w: World, t: TestApp) {
  const [row] = await t.database.db
    .insert(outboxMessages)
    .values({ userId: w.users.owner.id, channel: 'email', address: w.users.owner.email, kind: 'match.digest', subject: '科转通：1 条新的技术匹配', body: '…', dedupeKey: `test:${randomBytes(8).toString('hex')}` })
    .returning();
  return row!.id;
}

/** The owner's unsubscribe token (the link of their e-mails): anyone holding it may use it. */
async function token(w: World, t: TestApp) {
  const unsubscribeToken = randomBytes(24).toString('base64url');
  await t.database.db.insert(pushSettings).values({ userId: w.users.owner.id, unsubscribeToken });
  return unsubscribeToken;
}

/** Only the subscriber. */
const ownerOnly = (ok: number) => ({ anonymous: 401, outsider: 404, member: 404, owner: ok, foreignAdmin: 404, localAdmin: 404 });
/** Only the platform administrator (none of the matrix's callers). */
const platformOnly = { ...signedIn(403) };

export const pushRows: Row[] = [
  { route: 'GET /api/subscriptions', call: () => ({ method: 'GET', url: '/api/subscriptions' }), expect: signedIn(200) },
  {
    route: 'POST /api/subscriptions',
    call: () => ({ method: 'POST', url: '/api/subscriptions', body: { name: '特种钢材', recordType: 'achievement', keywords: ['特种钢材'], industries: ['C'], regions: ['140000'] } }),
    expect: signedIn(201),
  },
  { route: 'PATCH /api/subscriptions/:id', call: async (w, t) => ({ method: 'PATCH', url: `/api/subscriptions/${await subscription(w, t)}`, body: { active: false } }), expect: ownerOnly(200) },
  { route: 'DELETE /api/subscriptions/:id', call: async (w, t) => ({ method: 'DELETE', url: `/api/subscriptions/${await subscription(w, t)}` }), expect: ownerOnly(204) },
  { route: 'GET /api/pushes', call: () => ({ method: 'GET', url: '/api/pushes' }), expect: signedIn(200) },
  { route: 'GET /api/push-settings', call: () => ({ method: 'GET', url: '/api/push-settings' }), expect: signedIn(200) },
  { route: 'PUT /api/push-settings', call: () => ({ method: 'PUT', url: '/api/push-settings', body: { email: true, sms: false, dailyLimit: 10 } }), expect: signedIn(200) },
  { route: 'POST /api/push/unsubscribe', call: async (w, t) => ({ method: 'POST', url: '/api/push/unsubscribe', body: { token: await token(w, t) } }), expect: all(204) },
  { route: 'GET /api/outbox', call: () => ({ method: 'GET', url: '/api/outbox?status=pending' }), expect: platformOnly },
  { route: 'POST /api/outbox/:id/sent', call: async (w, t) => ({ method: 'POST', url: `/api/outbox/${await message(w, t)}/sent` }), expect: platformOnly },
  { route: 'POST /api/outbox/:id/failed', call: async (w, t) => ({ method: 'POST', url: `/api/outbox/${await message(w, t)}/failed`, body: { error: 'SMTP 550' } }), expect: platformOnly },
];
