import type { TestApp } from '../testApp.ts';
import { signedIn, type Row, type World } from './types.ts';

/** A 洽谈 opened by `outsider` on the world's published achievement (of the university of `owner` and `member`). */
async function conversation(w: World, t: TestApp) {
  const res = await t.api('POST', '/api/conversations', { token: w.users.outsider.token, body: { recordType: 'achievement', recordId: w.achievements.published, message: '请问能否许可使用？' } });
  if (res.statusCode !== 201) throw new Error(`conversation failed: ${res.body}`);
  return res.json().conversation.id as string;
}

/** Who is in a thread: its asker and the owner organisation's members read; administrators, however high, do not. */
const thread = (asker: number, owner: number, member: number) => ({ anonymous: 401, outsider: asker, member, owner, foreignAdmin: 404, localAdmin: 404 });

export const engageRows: Row[] = [
  { route: 'GET /api/conversations', call: () => ({ method: 'GET', url: '/api/conversations' }), expect: signedIn(200) },
  {
    route: 'POST /api/conversations',
    call: (w) => ({ method: 'POST', url: '/api/conversations', body: { recordType: 'achievement', recordId: w.achievements.published, message: '想了解许可条件' } }),
    // The owner organisation's own people have no one to negotiate with.
    expect: { anonymous: 401, outsider: 201, member: 409, owner: 409, foreignAdmin: 201, localAdmin: 201 },
  },
  { route: 'GET /api/conversations/:id', call: async (w, t) => ({ method: 'GET', url: `/api/conversations/${await conversation(w, t)}` }), expect: thread(200, 200, 200) },
  {
    route: 'POST /api/conversations/:id/messages',
    call: async (w, t) => ({ method: 'POST', url: `/api/conversations/${await conversation(w, t)}/messages`, body: { message: '补充一点说明' } }),
    // A plain member reads the thread but only the owner role answers for the organisation.
    expect: thread(201, 201, 403),
  },
  { route: 'GET /api/favourites', call: () => ({ method: 'GET', url: '/api/favourites' }), expect: signedIn(200) },
  { route: 'PUT /api/favourites/:recordType/:recordId', call: (w) => ({ method: 'PUT', url: `/api/favourites/achievement/${w.achievements.published}` }), expect: signedIn(200) },
  { route: 'DELETE /api/favourites/:recordType/:recordId', call: (w) => ({ method: 'DELETE', url: `/api/favourites/achievement/${w.achievements.published}` }), expect: signedIn(200) },
];
