import { receivePayment } from '../distributionsFixtures.ts';
import type { TestApp } from '../testApp.ts';
import { signedIn, type Row, type World } from './types.ts';

/** A payment received by the world's university (in 140700, no floor there), announced as the contracts module would. */
const received = (w: World, t: TestApp) => receivePayment(t, { organizationId: w.universityId, name: '晋中测试大学', region: '140700', entityType: 'university' });

/** Issue 15, income distribution: the seller's members and local administrators read; its owner plans and exports. */
export const distributionsRows: Row[] = [
  {
    route: 'GET /api/contracts/:id/distributions',
    call: async (w, t) => ({ method: 'GET', url: `/api/contracts/${(await received(w, t)).contractId}/distributions` }),
    expect: { anonymous: 401, outsider: 404, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'GET /api/contracts/:id/distributions/proposal',
    call: async (w, t) => {
      const p = await received(w, t);
      return { method: 'GET', url: `/api/contracts/${p.contractId}/distributions/proposal?paymentId=${p.paymentId}` };
    },
    expect: { anonymous: 401, outsider: 404, member: 403, owner: 200, foreignAdmin: 404, localAdmin: 403 },
  },
  {
    route: 'POST /api/contracts/:id/distributions',
    call: async (w, t) => {
      const p = await received(w, t);
      return {
        method: 'POST',
        url: `/api/contracts/${p.contractId}/distributions`,
        body: { paymentId: p.paymentId, basis: 'other', shares: [{ beneficiary: '李慧', role: 'completer', amount: p.amount - 1, form: 'cash' }, { beneficiary: '晋中测试大学', role: 'unit', amount: 1, form: 'cash' }] },
      };
    },
    expect: { anonymous: 401, outsider: 404, member: 403, owner: 201, foreignAdmin: 404, localAdmin: 403 },
  },
  {
    route: 'POST /api/distributions/government-exit',
    call: () => ({ method: 'POST', url: '/api/distributions/government-exit', body: { principal: 100_000_000, rateBp: 350, investedOn: '2022-01-01', exitOn: '2025-01-01' } }),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/distributions/equity-tax-estimate',
    call: () => ({ method: 'POST', url: '/api/distributions/equity-tax-estimate', body: { income: 100_000_000, cashCost: 10_000_000 } }),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/distributions/statement',
    call: () => ({ method: 'GET', url: '/api/distributions/statement' }),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/organizations/:id/distributions.xlsx',
    call: (w) => ({ method: 'GET', url: `/api/organizations/${w.universityId}/distributions.xlsx` }),
    expect: { anonymous: 401, outsider: 404, member: 403, owner: 200, foreignAdmin: 404, localAdmin: 404 },
  },
];
