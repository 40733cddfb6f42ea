import { all, type Row } from './types.ts';
import { unique } from '../factories.ts';

/** Registration with a code, invitation links and the development outbox: public routes; what they refuse is a wrong code or token, for anyone. */
export const accountRows: Row[] = [
  { route: 'POST /api/auth/register/verify', call: () => ({ method: 'POST', url: '/api/auth/register/verify', body: { login: `nobody${unique()}@example.cn`, code: '000000' } }), expect: all(400) },
  { route: 'POST /api/auth/register/resend', call: () => ({ method: 'POST', url: '/api/auth/register/resend', body: { login: `nobody${unique()}@example.cn` } }), expect: all(202) },
  { route: 'POST /api/invitations/:id/preview', call: (w) => ({ method: 'POST', url: `/api/invitations/${w.invitationId}/preview`, body: { token: 'not-the-token-of-this-invitation' } }), expect: all(404) },
  // Development and tests only (not registered in production): the outbox of one address.
  { route: 'GET /api/dev/outbox', call: () => ({ method: 'GET', url: `/api/dev/outbox?address=nobody${unique()}@example.cn` }), expect: all(200) },
];
