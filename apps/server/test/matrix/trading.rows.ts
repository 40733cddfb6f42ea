import { Readable } from 'node:stream';
import { dealRepository } from '../../src/modules/trading/deals.repository.ts';
import { registrationRepository } from '../../src/modules/trading/registrations.repository.ts';
import { attachmentStore } from '../../src/platform/files.ts';
import { multipartFile, tinyPdf } from './attachments.rows.ts';
import { listingRepository } from '../../src/modules/trading/listings.repository.ts';
import { unique } from '../factories.ts';
import type { TestApp } from '../testApp.ts';
import { adminRoute, all, signedIn, type Row, type World } from './types.ts';

const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/** A listing of the world's published achievement (its university is the seller, in 140700), open unless said otherwise. */
async function listing(w: World, t: TestApp, set: Record<string, unknown> = {}) {
  const row = await listingRepository.insert(t.database.db, {
    achievementId: w.achievements.published,
    organizationId: w.universityId,
    jurisdictionCode: '140700',
    jurisdictionPath: '140000/140700',
    industry: 'C',
    listedBy: w.users.owner.id,
    kind: 'fixed',
    transaction: 'transfer',
    status: 'open',
    title: '矩阵挂牌',
    priceFen: 10_000_000,
    acceptance: 'first',
    signDays: 10,
    listedAt: new Date(),
    ...set,
  });
  return row.id;
}

const auction = (w: World, t: TestApp, set: Record<string, unknown> = {}) =>
  listing(w, t, { kind: 'auction', acceptance: null, incrementFen: 100_000, depositFen: 0, startsAt: soon(-5), endsAt: soon(30), scheduledEndsAt: soon(30), extendSeconds: 60, maxExtensions: 3, ...set });

/** A verified organisation of a new person (a third party). */
const thirdOrganization = async (t: TestApp, type: 'enterprise' | 'agency' = 'enterprise') => t.factories.organization(await t.factories.user(), { type, jurisdictionCode: '140700' });

/** A deal of the world's university (seller) with a new verified enterprise of `outsider` (buyer). */
async function deal(w: World, t: TestApp, set: Record<string, unknown> = {}, payment?: { status: 'due' | 'overdue' | 'paid' }) {
  const buyer = await t.factories.organization(w.users.outsider, { jurisdictionCode: '140700' });
  const listingId = await listing(w, t, { status: 'sold', finalPriceFen: 10_000_000, closedAt: new Date() });
  const d = await dealRepository.insert(t.database.db, {
    listingId,
    achievementId: w.achievements.published,
    sellerOrganizationId: w.universityId,
    buyerOrganizationId: buyer.id,
    jurisdictionCode: '140700',
    jurisdictionPath: '140000/140700',
    source: 'offer',
    transaction: 'transfer',
    amountFen: 10_000_000,
    signDeadline: soon(60 * 24),
    ...set,
  });
  let paymentId = '';
  if (payment) {
    const [p] = await dealRepository.insertPayments(t.database.db, [{ dealId: d.id, seq: 1, kind: 'lump_sum', dueOn: '2099-01-01', amountFen: 10_000_000, status: payment.status, paidFen: payment.status === 'paid' ? 10_000_000 : null }]);
    paymentId = p!.id;
  }
  return { id: d.id, paymentId };
}

/** A registration to bid on an auction of the university (by a third organisation, or one of `registrant`'s), its path. */
async function registration(w: World, t: TestApp, opts: { proof?: boolean; registrant?: World['users']['outsider'] } = {}) {
  const id = await auction(w, t, { depositFen: 100_000 });
  const org = opts.registrant ? await t.factories.organization(opts.registrant, { jurisdictionCode: '140700' }) : await thirdOrganization(t);
  let proof = {};
  if (opts.proof) {
    const store = attachmentStore(t.config.dataDir);
    const { tmp, sha256, size } = await store.receive(Readable.from([tinyPdf('proof')]));
    await store.commit(tmp, sha256);
    proof = { proofFileName: '汇款凭证.pdf', proofMime: 'application/pdf', proofSize: size, proofSha256: sha256, proofAt: new Date() };
  }
  const r = await registrationRepository.insert(t.database.db, { listingId: id, organizationId: org.id, userId: org.createdBy, ...proof });
  return `/api/listings/${id}/registrations/${r.id}`;
}

const royalty = { plan: 'staged_royalty', entryShareBp: 10_000, instalments: [], royaltyBp: 300, royaltyPeriod: 'year', deferredMonths: 12 } as const;
const licence = { kind: 'non_exclusive', territory: '中国', termMonths: 120, fieldOfUse: '检测' } as const;

/** On a listing of the world's university: its people act as the seller; everyone sees an open one. */
const seller = (ok: number, others = 403) => ({ anonymous: 401, outsider: others, member: ok, owner: ok, foreignAdmin: others, localAdmin: others });
/** Acts that commit the seller: its owner's, not a plain member's. */
const sellerOwner = (ok: number, others = 403) => ({ ...seller(ok, others), member: 403 });
/** On a deal of the university with the outsider's enterprise. */
const dealRoute = (buyer: number, sellerSide: number, localAdmin: number) => ({ anonymous: 401, outsider: buyer, member: sellerSide, owner: sellerSide, foreignAdmin: 404, localAdmin });

/** Rows of the trading module's routes. */
export const tradingRows: Row[] = [
  { route: 'GET /api/listings', call: () => ({ method: 'GET', url: '/api/listings' }), expect: all(200) },
  {
    route: 'POST /api/listings',
    call: (w) => ({ method: 'POST', url: '/api/listings', body: { achievementId: w.achievements.published, kind: 'fixed', transaction: 'transfer', price: 10_000_000 } }),
    expect: sellerOwner(201),
  },
  { route: 'GET /api/listings/:id', call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await listing(w, t)}` }), expect: all(200) },
  {
    route: 'POST /api/listings/:id/review',
    call: async (w, t) => ({ method: 'POST', url: `/api/listings/${await listing(w, t, { status: 'pending_review', listedAt: null })}/review`, body: { decision: 'approve' } }),
    // A pending listing is its seller's and its administrators' only.
    expect: { anonymous: 401, outsider: 404, member: 403, owner: 403, foreignAdmin: 404, localAdmin: 200 },
  },
  { route: 'POST /api/listings/:id/withdraw', call: async (w, t) => ({ method: 'POST', url: `/api/listings/${await listing(w, t)}/withdraw`, body: { reason: '矩阵' } }), expect: sellerOwner(200) },
  { route: 'GET /api/listings/:id/offers', call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await listing(w, t)}/offers` }), expect: signedIn(200) },
  {
    route: 'POST /api/listings/:id/offers',
    call: async (w, t) => ({ method: 'POST', url: `/api/listings/${await listing(w, t)}/offers`, body: {} }),
    // The seller's people have no other verified organisation; administrators none at all.
    expect: { anonymous: 401, outsider: 201, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'POST /api/listings/:id/offers/:offerId/accept',
    call: async (w, t) => {
      const id = await listing(w, t, { acceptance: 'choose' });
      const buyer = await thirdOrganization(t);
      const offer = await listingRepository.insertOffer(t.database.db, { listingId: id, organizationId: buyer.id, userId: buyer.createdBy, amountFen: 9_000_000 });
      return { method: 'POST', url: `/api/listings/${id}/offers/${offer.id}/accept` };
    },
    expect: sellerOwner(200),
  },
  {
    route: 'GET /api/listings/:id/objections',
    call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await listing(w, t, { kind: 'negotiated', acceptance: null, noticeDays: 15, noticeEndsAt: soon(60 * 24 * 15), buyerOrganizationId: (await thirdOrganization(t)).id })}/objections` }),
    expect: all(200),
  },
  {
    route: 'POST /api/listings/:id/objections',
    call: async (w, t) => ({
      method: 'POST',
      url: `/api/listings/${await listing(w, t, { kind: 'negotiated', acceptance: null, noticeDays: 15, noticeEndsAt: soon(60 * 24 * 15), buyerOrganizationId: (await thirdOrganization(t)).id })}/objections`,
      body: { reason: '价格偏低' },
    }),
    // A verified organisation that is not a party (the administrators who resolve objections, and people without one, do not object).
    expect: { anonymous: 401, outsider: 201, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'POST /api/listings/:id/objections/:objectionId/resolve',
    call: async (w, t) => {
      const id = await listing(w, t, { kind: 'negotiated', acceptance: null, noticeDays: 15, noticeEndsAt: soon(60 * 24 * 15), buyerOrganizationId: (await thirdOrganization(t)).id });
      const o = await listingRepository.insertObjection(t.database.db, { listingId: id, userId: w.users.outsider.id, reason: '价格偏低' });
      return { method: 'POST', url: `/api/listings/${id}/objections/${o.id}/resolve`, body: { decision: 'dismissed', resolution: '价格合理' } };
    },
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  { route: 'GET /api/listings/:id/deposits', call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await auction(w, t)}/deposits` }), expect: signedIn(200) },
  {
    route: 'POST /api/listings/:id/deposits',
    call: async (w, t) => ({ method: 'POST', url: `/api/listings/${await auction(w, t)}/deposits`, body: { organizationId: (await thirdOrganization(t)).id, amount: 100_000 } }),
    expect: { ...seller(201), localAdmin: 201 },
  },
  { route: 'GET /api/listings/:id/bids', call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await auction(w, t)}/bids` }), expect: all(200) },
  {
    route: 'POST /api/listings/:id/bids',
    call: async (w, t) => ({ method: 'POST', url: `/api/listings/${await auction(w, t)}/bids`, body: { amount: 10_000_000 }, headers: { 'idempotency-key': `matrix-${unique()}` } }),
    expect: { anonymous: 401, outsider: 201, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 },
  },
  { route: 'GET /api/listings/:id/live', call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await auction(w, t)}/live?once=true` }), expect: all(200) },
  { route: 'GET /api/listings/:id/record', call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await auction(w, t)}/record` }), expect: all(200) },
  { route: 'GET /api/listings/:id/record.html', call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await auction(w, t)}/record.html` }), expect: all(200) },
  { route: 'GET /api/listings/:id/comparables', call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await listing(w, t)}/comparables` }), expect: all(200) },
  { route: 'GET /api/trading/premiums', call: () => ({ method: 'GET', url: '/api/trading/premiums' }), expect: all(200) },
  {
    route: 'GET /api/achievements/:id/entrustments',
    call: (w) => ({ method: 'GET', url: `/api/achievements/${w.achievements.published}/entrustments` }),
    expect: { ...seller(200), localAdmin: 200 },
  },
  {
    route: 'POST /api/achievements/:id/entrustments',
    call: async (w, t) => ({ method: 'POST', url: `/api/achievements/${w.achievements.published}/entrustments`, body: { agentOrganizationId: (await thirdOrganization(t, 'agency')).id } }),
    expect: seller(201),
  },
  {
    route: 'DELETE /api/achievements/:id/entrustments/:entrustmentId',
    call: async (w, t) => {
      const e = await listingRepository.insertEntrustment(t.database.db, { achievementId: w.achievements.published, agentOrganizationId: (await thirdOrganization(t, 'agency')).id, grantedBy: w.users.owner.id });
      return { method: 'DELETE', url: `/api/achievements/${w.achievements.published}/entrustments/${e.id}` };
    },
    expect: sellerOwner(204),
  },
  {
    route: 'POST /api/achievements/:id/entrustments/:entrustmentId/confirm',
    call: async (w, t) => {
      const e = await listingRepository.insertEntrustment(t.database.db, { achievementId: w.achievements.published, agentOrganizationId: (await thirdOrganization(t, 'agency')).id, grantedBy: w.users.member.id, status: 'pending' });
      return { method: 'POST', url: `/api/achievements/${w.achievements.published}/entrustments/${e.id}/confirm` };
    },
    expect: sellerOwner(200),
  },
  {
    route: 'POST /api/listings/:id/objections/:objectionId/vexatious',
    call: async (w, t) => {
      const id = await listing(w, t, { kind: 'negotiated', acceptance: null, noticeDays: 15, noticeEndsAt: soon(60 * 24 * 15), buyerOrganizationId: (await thirdOrganization(t)).id });
      const o = await listingRepository.insertObjection(t.database.db, { listingId: id, userId: w.users.outsider.id, reason: '同一理由反复提出' });
      return { method: 'POST', url: `/api/listings/${id}/objections/${o.id}/vexatious`, body: { reason: '无事实依据，反复提出' } };
    },
    expect: adminRoute(200),
  },
  { route: 'GET /api/listings/:id/registrations', call: async (w, t) => ({ method: 'GET', url: `/api/listings/${await auction(w, t, { depositFen: 100_000 })}/registrations` }), expect: signedIn(200) },
  {
    route: 'POST /api/listings/:id/registrations',
    call: async (w, t) => ({ method: 'POST', url: `/api/listings/${await auction(w, t, { depositFen: 100_000 })}/registrations`, body: { organizationId: (await t.factories.organization(w.users.outsider, { jurisdictionCode: '140700' })).id } }),
    // Only a member of the organisation named registers it.
    expect: { anonymous: 401, outsider: 201, member: 422, owner: 422, foreignAdmin: 422, localAdmin: 422 },
  },
  {
    route: 'GET /api/listings/:id/registrations/:registrationId',
    call: async (w, t) => ({ method: 'GET', url: await registration(w, t) }),
    expect: { anonymous: 401, outsider: 404, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'POST /api/listings/:id/registrations/:registrationId/confirm',
    call: async (w, t) => ({ method: 'POST', url: `${await registration(w, t)}/confirm` }),
    expect: { anonymous: 401, outsider: 404, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'POST /api/listings/:id/registrations/:registrationId/reject',
    call: async (w, t) => ({ method: 'POST', url: `${await registration(w, t)}/reject`, body: { reason: '保证金未到账' } }),
    expect: { anonymous: 401, outsider: 404, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'GET /api/listings/:id/registrations/:registrationId/proof',
    call: async (w, t) => ({ method: 'GET', url: `${await registration(w, t, { proof: true })}/proof` }),
    expect: { anonymous: 401, outsider: 404, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'POST /api/listings/:id/registrations/:registrationId/proof',
    call: async (w, t) => {
      const { body, headers } = multipartFile('汇款凭证.pdf', tinyPdf());
      // The outsider's own organisation registered: the registrant uploads, the seller's side only reads.
      return { method: 'POST', url: `${await registration(w, t, { registrant: w.users.outsider })}/proof`, body, headers };
    },
    expect: { anonymous: 401, outsider: 200, member: 403, owner: 403, foreignAdmin: 404, localAdmin: 403 },
  },
  { route: 'GET /api/jurisdictions/:code/trading-settings', call: () => ({ method: 'GET', url: '/api/jurisdictions/140700/trading-settings' }), expect: all(200) },
  {
    route: 'PUT /api/jurisdictions/:code/trading-settings',
    call: () => ({ method: 'PUT', url: '/api/jurisdictions/140700/trading-settings', body: { noticeDays: 15, signDays: 10 } }),
    expect: adminRoute(200),
  },
  { route: 'GET /api/deals', call: () => ({ method: 'GET', url: '/api/deals' }), expect: signedIn(200) },
  { route: 'GET /api/deals/:id', call: async (w, t) => ({ method: 'GET', url: `/api/deals/${(await deal(w, t)).id}` }), expect: dealRoute(200, 200, 200) },
  { route: 'POST /api/deals/:id/confirm', call: async (w, t) => ({ method: 'POST', url: `/api/deals/${(await deal(w, t)).id}/confirm` }), expect: dealRoute(200, 200, 403) },
  {
    route: 'POST /api/deals/:id/sign',
    call: async (w, t) => ({ method: 'POST', url: `/api/deals/${(await deal(w, t, { status: 'confirmed', createdAt: new Date('2026-11-29T02:00:00Z') })).id}/sign`, body: { signedOn: '2026-11-30' } }),
    expect: { ...dealRoute(200, 200, 403), member: 403 },
  },
  {
    route: 'POST /api/deals/:id/payments/:paymentId/paid',
    call: async (w, t) => {
      const d = await deal(w, t, { status: 'signed', signedOn: '2026-11-30' }, { status: 'due' });
      return { method: 'POST', url: `/api/deals/${d.id}/payments/${d.paymentId}/paid`, body: { amount: 10_000_000, paidOn: '2026-11-30' } };
    },
    expect: dealRoute(403, 200, 403),
  },
  {
    route: 'POST /api/deals/:id/revenue-reports',
    call: async (w, t) => ({ method: 'POST', url: `/api/deals/${(await deal(w, t, { status: 'signed', signedOn: '2024-01-15', payment: royalty, licence, transaction: 'licence' })).id}/revenue-reports`, body: { period: '2024', revenue: 1_000_000 } }),
    expect: dealRoute(201, 403, 403),
  },
  {
    route: 'POST /api/deals/:id/complete',
    call: async (w, t) => ({ method: 'POST', url: `/api/deals/${(await deal(w, t, { status: 'signed', signedOn: '2026-11-30' }, { status: 'paid' })).id}/complete` }),
    expect: dealRoute(403, 200, 403),
  },
  { route: 'POST /api/deals/:id/cancel', call: async (w, t) => ({ method: 'POST', url: `/api/deals/${(await deal(w, t)).id}/cancel`, body: { reason: '矩阵' } }), expect: { ...dealRoute(200, 200, 200), member: 403 } },
];

