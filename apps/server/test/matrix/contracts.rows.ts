import { shanghaiToday } from '@kzt/shared';
import { contractRepository } from '../../src/modules/contracts/contracts.repository.ts';
import { addDays } from '../../src/modules/contracts/contracts.classify.ts';
import { multipart } from '../../src/modules/imports/imports.testkit.ts';
import { importRun } from '../../src/modules/imports/imports.service.ts';
import { multipartFile, tinyPdf } from './attachments.rows.ts';
import { unique } from '../factories.ts';
import type { TestApp } from '../testApp.ts';
import { adminRoute, all, orgRoute, signedIn, type Row, type World } from './types.ts';

const today = shanghaiToday();
/** Registration numbers of the rows: never the same twice in a run. */
let seq = Math.floor(Math.random() * 900_000);

/** A registration point of 晋中 (140700) without staff: its administrators act there. */
const point = (t: TestApp) => contractRepository.insertPoint(t.database.db, { jurisdictionCode: '140700', jurisdictionPath: '140000/140700', code: `m${unique()}`, name: '矩阵登记点' });

/** A contract of the world's university (seller, 140700) with a buyer off the platform in 榆次 (140702), in a given state. */
async function contract(w: World, t: TestApp, status = 'draft') {
  const p = status === 'draft' ? null : await point(t);
  const c = await contractRepository.insert(t.database.db, {
    kind: 'transfer',
    subkind: 'patent',
    title: '矩阵合同',
    signedOn: addDays(today, -2),
    validUntil: addDays(today, 365),
    seller: { organizationId: w.universityId, name: '矩阵大学', creditCode: '', region: '140700', regionPath: '140000/140700', entityType: 'university' },
    buyer: { organizationId: null, name: '榆次某公司', creditCode: '', region: '140702', regionPath: '140000/140700/140702', entityType: 'enterprise' },
    sellerOrganizationId: w.universityId,
    sellerKey: `org:${w.universityId}`,
    buyerKey: `name:${unique()}`,
    sellerPath: '140000/140700',
    buyerPath: '140000/140700/140702',
    contractAmount: 1_000_000,
    technologyAmount: 1_000_000,
    expectedInvestment: 0,
    expectedOutput: 0,
    status,
    ...(p ? { pointId: p.id, jurisdictionCode: '140700', jurisdictionPath: '140000/140700' } : {}),
    ...(status === 'registered' ? { registrationNumber: `${today.slice(0, 4)}-140700-99-${String(++seq).padStart(6, '0')}`, registeredOn: today, registeredYear: Number(today.slice(0, 4)), certifiedAmount: 1_000_000 } : {}),
  });
  return c;
}

const manual = (w: World) => ({
  kind: 'consulting',
  title: '矩阵咨询合同',
  signedOn: today,
  validUntil: addDays(today, 90),
  seller: { organizationId: w.universityId },
  buyer: { name: '榆次某公司', creditCode: '', region: '140702', entityType: 'enterprise' },
  contractAmount: 500_000,
  technologyAmount: 500_000,
});

/** A dry run of one contract for the world's university (its members only: the organisation is named). */
const importUpload = (w: World) => {
  const csv = `\ufeff合同名称,合同类别,签订日期,有效期至,买方名称,买方所在地区代码,买方主体类型,合同金额(万元),技术交易额(万元)\n矩阵导入合同,技术咨询,${today},${addDays(today, 90)},榆次某公司,140702,企业,5,5\n`;
  const { body, headers } = multipart('合同.csv', csv, 'text/csv');
  return { method: 'POST', url: `/api/contracts/import?dryRun=true&organizationId=${w.universityId}`, body, headers };
};

/** A dry run of the world's university, uploaded by its member: its id. */
async function validatedContractImport(w: World, t: TestApp) {
  const call = importUpload(w);
  const res = await t.api(call.method, call.url, { token: w.users.member.token, body: call.body, headers: call.headers });
  if (res.statusCode !== 200) throw new Error(`contract import dry run failed: ${res.body}`);
  return res.json().id as string;
}
/** A dry run of the world's university whose import then failed (its job stopped): its id. */
async function failedContractImport(w: World, t: TestApp) {
  const id = await validatedContractImport(w, t);
  await importRun.failed(t.database.db, id, new Error('matrix: the job stopped'));
  return id;
}
/** An import is its organisation's members' (nobody else sees it, administrators included). */
const importMembers = (s: number) => ({ anonymous: 401, outsider: 404, member: s, owner: s, foreignAdmin: 404, localAdmin: 404 });

/** Rows of the contracts module's routes. */
export const contractsRows: Row[] = [
  { route: 'GET /api/contracts', call: () => ({ method: 'GET', url: '/api/contracts' }), expect: signedIn(200) },
  // The seller's people enter its contract; an administrator of its region may enter it for it.
  { route: 'POST /api/contracts', call: (w) => ({ method: 'POST', url: '/api/contracts', body: manual(w) }), expect: { anonymous: 401, outsider: 403, member: 201, owner: 201, foreignAdmin: 403, localAdmin: 201 } },
  { route: 'GET /api/contracts/import/template', call: () => ({ method: 'GET', url: '/api/contracts/import/template' }), expect: all(200) },
  { route: 'POST /api/contracts/import', call: importUpload, expect: { anonymous: 401, outsider: 403, member: 200, owner: 200, foreignAdmin: 403, localAdmin: 403 } },
  { route: 'GET /api/contracts/imports/:id', call: async (w, t) => ({ method: 'GET', url: `/api/contracts/imports/${await validatedContractImport(w, t)}` }), expect: importMembers(200) },
  { route: 'POST /api/contracts/imports/:id/run', call: async (w, t) => ({ method: 'POST', url: `/api/contracts/imports/${await validatedContractImport(w, t)}/run` }), expect: importMembers(202) },
  { route: 'POST /api/contracts/imports/:id/discard', call: async (w, t) => ({ method: 'POST', url: `/api/contracts/imports/${await failedContractImport(w, t)}/discard` }), expect: importMembers(200) },
  { route: 'GET /api/contracts/payment-totals', call: () => ({ method: 'GET', url: `/api/contracts/payment-totals?year=${today.slice(0, 4)}` }), expect: signedIn(200) },
  {
    route: 'GET /api/contracts/:id/certificate.pdf',
    call: async (w, t) => ({ method: 'GET', url: `/api/contracts/${(await contract(w, t, 'registered')).id}/certificate.pdf` }),
    expect: orgRoute(200, 200, 200),
  },
  { route: 'GET /api/contracts/:id', call: async (w, t) => ({ method: 'GET', url: `/api/contracts/${(await contract(w, t)).id}` }), expect: orgRoute(200, 200, 200) },
  { route: 'PATCH /api/contracts/:id', call: async (w, t) => ({ method: 'PATCH', url: `/api/contracts/${(await contract(w, t)).id}`, body: { title: '改名' } }), expect: orgRoute(200, 200, 403) },
  {
    route: 'POST /api/contracts/:id/submit',
    call: async (w, t) => ({ method: 'POST', url: `/api/contracts/${(await contract(w, t)).id}/submit`, body: { pointId: (await point(t)).id } }),
    expect: orgRoute(200, 200, 403),
  },
  {
    route: 'POST /api/contracts/:id/review',
    call: async (w, t) => ({ method: 'POST', url: `/api/contracts/${(await contract(w, t, 'submitted')).id}/review`, body: { decision: 'return', reason: '请补充' } }),
    expect: orgRoute(403, 403, 200),
  },
  // The buyer is off the platform: the seller records what it received.
  {
    route: 'POST /api/contracts/:id/payments',
    call: async (w, t) => ({ method: 'POST', url: `/api/contracts/${(await contract(w, t, 'registered')).id}/payments`, body: { paidOn: today, amount: 1_000 } }),
    expect: orgRoute(201, 201, 403),
  },
  {
    route: 'POST /api/contracts/:id/payments/:paymentId/confirm',
    call: async (w, t) => {
      const c = await contract(w, t, 'registered');
      const p = await contractRepository.insertPayment(t.database.db, { contractId: c.id, source: 'buyer', paidOn: today, amount: 1_000 });
      return { method: 'POST', url: `/api/contracts/${c.id}/payments/${p.id}/confirm` };
    },
    expect: orgRoute(200, 200, 403),
  },
  {
    route: 'POST /api/contracts/:id/payments/:paymentId/receipts',
    call: async (w, t) => {
      const c = await contract(w, t, 'registered');
      const p = await contractRepository.insertPayment(t.database.db, { contractId: c.id, source: 'seller', paidOn: today, amount: 1_000 });
      const { body, headers } = multipartFile('回单.pdf', tinyPdf('matrix'));
      return { method: 'POST', url: `/api/contracts/${c.id}/payments/${p.id}/receipts`, body, headers };
    },
    // The world's university is verified: its members attach; the administrator reads the contract but has no side in it.
    expect: orgRoute(201, 201, 403),
  },
  {
    route: 'GET /api/contracts/:id/payments/:paymentId/receipts/:attachmentId',
    call: async (w, t) => {
      const c = await contract(w, t, 'registered');
      const p = await contractRepository.insertPayment(t.database.db, { contractId: c.id, source: 'seller', paidOn: today, amount: 1_000 });
      const { body, headers } = multipartFile('回单.pdf', tinyPdf('matrix'));
      const res = await t.api('POST', `/api/contracts/${c.id}/payments/${p.id}/receipts`, { token: w.users.owner.token, body, headers });
      const receipt = res.json().payments[0].receipts[0].id as string;
      return { method: 'GET', url: `/api/contracts/${c.id}/payments/${p.id}/receipts/${receipt}` };
    },
    expect: orgRoute(200, 200, 200),
  },
  {
    route: 'DELETE /api/contracts/:id/payments/:paymentId/receipts/:attachmentId',
    call: async (w, t) => {
      const c = await contract(w, t, 'registered');
      const p = await contractRepository.insertPayment(t.database.db, { contractId: c.id, source: 'seller', paidOn: today, amount: 1_000 });
      const { body, headers } = multipartFile('回单.pdf', tinyPdf('matrix'));
      const res = await t.api('POST', `/api/contracts/${c.id}/payments/${p.id}/receipts`, { token: w.users.member.token, body, headers });
      return { method: 'DELETE', url: `/api/contracts/${c.id}/payments/${p.id}/receipts/${res.json().payments[0].receipts[0].id as string}` };
    },
    // Only the member who attached it; the owner reads the contract but did not upload this file.
    expect: orgRoute(200, 403, 403),
  },
  {
    route: 'POST /api/contracts/:id/documents',
    call: async (w, t) => ({ method: 'POST', url: `/api/contracts/${(await contract(w, t)).id}/documents`, ...multipartFile('合同.pdf', tinyPdf('matrix')) }),
    // The seller's members attach the signed contract; the administrator reads the contract but is no side of it.
    expect: orgRoute(201, 201, 403),
  },
  {
    route: 'GET /api/contracts/:id/documents/:attachmentId',
    call: async (w, t) => {
      const c = await contract(w, t);
      const res = await t.api('POST', `/api/contracts/${c.id}/documents`, { token: w.users.owner.token, ...multipartFile('合同.pdf', tinyPdf('matrix')) });
      return { method: 'GET', url: res.json().documents[0].url as string };
    },
    expect: orgRoute(200, 200, 200),
  },
  {
    route: 'DELETE /api/contracts/:id/documents/:attachmentId',
    call: async (w, t) => {
      const c = await contract(w, t);
      const res = await t.api('POST', `/api/contracts/${c.id}/documents`, { token: w.users.member.token, ...multipartFile('合同.pdf', tinyPdf('matrix')) });
      return { method: 'DELETE', url: res.json().documents[0].url as string };
    },
    // Only the member who attached it.
    expect: orgRoute(200, 403, 403),
  },
  {
    route: 'POST /api/contracts/:id/amendments/:amendmentId/documents',
    call: async (w, t) => {
      const c = await contract(w, t, 'registered');
      const h = await contractRepository.addHistory(t.database.db, { contractId: c.id, kind: 'amendment', reason: '补充协议', before: {}, after: {}, actorId: null });
      return { method: 'POST', url: `/api/contracts/${c.id}/amendments/${h.id}/documents`, ...multipartFile('补充协议.pdf', tinyPdf('matrix')) };
    },
    expect: orgRoute(201, 201, 403),
  },
  {
    route: 'POST /api/contracts/:id/amendments',
    call: async (w, t) => ({ method: 'POST', url: `/api/contracts/${(await contract(w, t, 'registered')).id}/amendments`, body: { reason: '延期', validUntil: addDays(today, 700) } }),
    expect: orgRoute(200, 200, 200),
  },
  {
    route: 'POST /api/contracts/:id/terminate',
    call: async (w, t) => ({ method: 'POST', url: `/api/contracts/${(await contract(w, t, 'registered')).id}/terminate`, body: { reason: '协商解除' } }),
    expect: orgRoute(200, 200, 200),
  },
  { route: 'GET /api/jurisdictions/:code/registration-points', call: () => ({ method: 'GET', url: '/api/jurisdictions/140700/registration-points' }), expect: all(200) },
  {
    route: 'POST /api/jurisdictions/:code/registration-points',
    call: () => ({ method: 'POST', url: '/api/jurisdictions/140700/registration-points', body: { code: '77', name: '矩阵新设登记点' } }),
    expect: adminRoute(201),
  },
  {
    route: 'PUT /api/jurisdictions/:code/registration-points/:pointId/staff',
    call: async (w, t) => ({ method: 'PUT', url: `/api/jurisdictions/140700/registration-points/${(await point(t)).id}/staff`, body: { staffUserIds: [w.users.member.id] } }),
    expect: adminRoute(200),
  },
  { route: 'PUT /api/jurisdictions/:code/registration-settings', call: () => ({ method: 'PUT', url: '/api/jurisdictions/140700/registration-settings', body: { windowDays: 30 } }), expect: adminRoute(200) },
  { route: 'GET /api/jurisdictions/:code/contract-totals', call: () => ({ method: 'GET', url: `/api/jurisdictions/140700/contract-totals?year=${today.slice(0, 4)}` }), expect: adminRoute(200) },
  {
    route: 'GET /api/contract-registrations/:number',
    call: async (w, t) => ({ method: 'GET', url: `/api/contract-registrations/${(await contract(w, t, 'registered')).registrationNumber}` }),
    expect: all(200),
  },
];
