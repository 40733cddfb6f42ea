import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { attachments, policyBudgets, policyEntitlements } from '../../src/db/schema/index.ts';
import { attachmentStore } from '../../src/platform/files.ts';
import { multipartFile, tinyPdf } from './attachments.rows.ts';
import { latestSeededPack } from '../../src/modules/policy/policy.packs.ts';
import type { TestApp } from '../testApp.ts';
import type { World } from './types.ts';
import { adminRoute, all, orgRoute, signedIn, type Row } from './types.ts';

/** An entitlement of the world's university (晋中 140700) in `status`, with a budget that holds it. */
async function entitlement(w: World, t: TestApp, status: string) {
  await t.database.db.insert(policyBudgets).values({ jurisdictionCode: '140700', budgetLine: 'jz-achievement-output', year: 2025, amount: 1_000_000_000_000 }).onConflictDoNothing();
  const [row] = await t.database.db
    .insert(policyEntitlements)
    .values({
      sourceEventId: randomUUID(),
      eventKey: 'contract.registered:matrix',
      eventType: 'contract_registered',
      eventDate: '2025-03-01',
      ruleId: 'jz-13-university-output',
      ruleTitle: '高校院所本市输出应用型成果补助',
      jurisdictionCode: '140700',
      budgetLine: 'jz-achievement-output',
      year: 2025,
      beneficiaryKey: w.universityId,
      beneficiaryOrganizationId: w.universityId,
      amount: 1_500_000,
      base: 10_000_000,
      rateBp: 1500,
      item: randomUUID(),
      explanation: '以技术交易额 100,000.00 元 为基数，按 15% 计 15,000.00 元',
      source: { file: '000_79a178f1be444f1e.txt', item: '13', quote: '按不超过技术合同交易额的15%给予补助' },
      status,
    })
    .returning();
  return row!.id;
}

/** A document uploaded for a granted entitlement of the world's university: its bytes in the store, its row inserted directly. */
async function entitlementFile(w: World, t: TestApp) {
  const id = await entitlement(w, t, 'granted');
  const store = attachmentStore(t.config.dataDir);
  const { tmp, sha256, size } = await store.receive(Readable.from([tinyPdf('policy')]));
  await store.commit(tmp, sha256);
  const [row] = await t.database.db.insert(attachments).values({ recordType: 'entitlement', recordId: id, fileName: '技术合同登记证明.pdf', mime: 'application/pdf', size, sha256, uploadedBy: w.users.owner.id }).returning();
  return { id, attachmentId: row!.id };
}

/** A member of the beneficiary sees it but cannot decide; an administrator of 晋中 decides; the others do not see it. */
const adminDecides = (ok: number) => ({ anonymous: 401, outsider: 404, member: 403, owner: 403, foreignAdmin: 404, localAdmin: ok });
const anyAdmin = (ok: number) => ({ anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: ok, localAdmin: ok });

export const policyRows: Row[] = [
  { route: 'GET /api/policy/rules', call: () => ({ method: 'GET', url: '/api/policy/rules?jurisdiction=140700' }), expect: all(200) },
  {
    route: 'POST /api/policy/trial',
    call: () => ({
      method: 'POST',
      url: '/api/policy/trial',
      body: { events: [{ id: 'e1', type: 'researcher_income', date: '2025-05-01', jurisdiction: '140700', researcher: { id: 'r', type: 'individual', region: '140702' }, localFiscalContribution: 100 }] },
    }),
    expect: anyAdmin(200),
  },
  {
    route: 'POST /api/policy/packs/:jurisdiction/versions',
    call: () => ({
      method: 'POST',
      url: '/api/policy/packs/140700/versions',
      body: { version: `m-${randomUUID().slice(0, 8)}`, name: '晋中市科技成果转化奖补（修订）', validFrom: '2031-01-01', rules: latestSeededPack('140700').rules },
    }),
    expect: adminRoute(201),
  },
  {
    route: 'POST /api/policy/events',
    call: () => ({
      method: 'POST',
      url: '/api/policy/events',
      body: { event: { id: `ri-${randomUUID()}`, type: 'researcher_income', date: '2025-05-01', jurisdiction: '140700', researcher: { id: 'r', type: 'individual', region: '140702' }, localFiscalContribution: 100 } },
    }),
    expect: adminRoute(201),
  },
  { route: 'GET /api/policy/records', call: () => ({ method: 'GET', url: '/api/policy/records' }), expect: anyAdmin(200) },
  {
    route: 'POST /api/policy/records',
    call: (w) => ({ method: 'POST', url: '/api/policy/records', body: { kind: 'evaluated_award', jurisdiction: '140700', date: '2025-06-01', organizationId: w.universityId, scheme: 'jz_invest_then_equity', amount: 100 } }),
    expect: adminRoute(201),
  },
  { route: 'GET /api/policy/budgets', call: () => ({ method: 'GET', url: '/api/policy/budgets' }), expect: anyAdmin(200) },
  { route: 'PUT /api/policy/budgets', call: () => ({ method: 'PUT', url: '/api/policy/budgets', body: { jurisdiction: '140700', budgetLine: 'jz-agency', year: 2025, amount: 100_000_000 } }), expect: adminRoute(200) },
  { route: 'GET /api/policy/ledger', call: () => ({ method: 'GET', url: '/api/policy/ledger?year=2025' }), expect: anyAdmin(200) },
  { route: 'GET /api/policy/ledger.xlsx', call: () => ({ method: 'GET', url: '/api/policy/ledger.xlsx' }), expect: anyAdmin(200) },
  { route: 'GET /api/entitlements', call: () => ({ method: 'GET', url: '/api/entitlements' }), expect: signedIn(200) },
  {
    route: 'POST /api/entitlements/:id/apply',
    call: async (w, t) => ({ method: 'POST', url: `/api/entitlements/${await entitlement(w, t, 'granted')}/apply`, body: { note: '申报本项补助，附登记证明' } }),
    expect: orgRoute(200, 200, 403),
  },
  {
    route: 'POST /api/entitlements/:id/review',
    call: async (w, t) => ({ method: 'POST', url: `/api/entitlements/${await entitlement(w, t, 'applied')}/review`, body: { decision: 'approve' } }),
    expect: adminDecides(200),
  },
  {
    route: 'POST /api/entitlements/:id/payments',
    call: async (w, t) => ({ method: 'POST', url: `/api/entitlements/${await entitlement(w, t, 'approved')}/payments`, body: { amount: 1_500_000, paidOn: '2025-09-01', reference: 'GK-2025-001' } }),
    expect: adminDecides(200),
  },
  {
    route: 'POST /api/entitlements/:id/attachments',
    call: async (w, t) => ({ method: 'POST', url: `/api/entitlements/${await entitlement(w, t, 'granted')}/attachments`, ...multipartFile('技术合同登记证明.pdf', tinyPdf('m')) }),
    expect: orgRoute(201, 201, 403),
  },
  { route: 'GET /api/entitlements/:id/attachments', call: async (w, t) => ({ method: 'GET', url: `/api/entitlements/${await entitlement(w, t, 'applied')}/attachments` }), expect: orgRoute(200, 200, 200) },
  {
    route: 'GET /api/entitlements/:id/attachments/:attachmentId/content',
    call: async (w, t) => {
      const f = await entitlementFile(w, t);
      return { method: 'GET', url: `/api/entitlements/${f.id}/attachments/${f.attachmentId}/content` };
    },
    expect: orgRoute(200, 200, 200),
  },
  {
    route: 'DELETE /api/entitlements/:id/attachments/:attachmentId',
    call: async (w, t) => {
      const f = await entitlementFile(w, t);
      return { method: 'DELETE', url: `/api/entitlements/${f.id}/attachments/${f.attachmentId}` };
    },
    // Members of the beneficiary delete while the application is a draft; administrators see it but may not delete.
    expect: orgRoute(204, 204, 403),
  },
];
