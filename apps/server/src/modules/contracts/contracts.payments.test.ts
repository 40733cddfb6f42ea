import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shanghaiToday, REVIEW_CHECKLIST } from '@kzt/shared';
import { useTestApp } from '../../../test/testApp.ts';
import { attachSignedContract } from '../../../test/contractDocuments.ts';
import { multipartFile, tinyPdf } from '../../../test/matrix/attachments.rows.ts';
import { addDays } from './contracts.classify.ts';
import { JobRunner } from '../../platform/jobs.ts';
import { deliveryJobs } from '../../platform/events.ts';
import { dispatchAll, HANDLERS } from '../../events.ts';
import { domainEvents } from '../../db/schema/index.ts';
import { sql } from 'drizzle-orm';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-receipts-'));
const t = useTestApp({ dataDir });
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const today = shanghaiToday();
const year = Number(today.slice(0, 4));

/** Point codes are two digits, unique in a jurisdiction: each world of this file takes the next one. */
let nextPoint = 60;

/** A 晋中 university selling to a 威海 enterprise (both on the platform), a registered contract between them, and one left a draft. */
async function world() {
  const owner = await t.factories.user();
  const seller = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700' });
  const buyerOwner = await t.factories.user();
  const buyer = await t.factories.organization(buyerOwner, { type: 'enterprise', jurisdictionCode: '371000' });
  const admin = await t.factories.admin('140700');
  const weihai = await t.factories.admin('371000');
  const staff = await t.factories.user();
  const code = String(nextPoint++);
  const point = (await t.api('POST', '/api/jurisdictions/140700/registration-points', { token: admin.token, body: { code, name: `登记点${code}`, staffUserIds: [staff.id] } })).json();
  const enter = async (title: string) =>
    (
      await t.api('POST', '/api/contracts', {
        token: owner.token,
        body: {
          kind: 'consulting',
          title,
          signedOn: addDays(today, -2),
          validUntil: addDays(today, 300),
          seller: { organizationId: seller.id },
          buyer: { organizationId: buyer.id },
          contractAmount: 10_000_000,
          technologyAmount: 10_000_000,
        },
      })
    ).json().id as string;
  const registered = await enter('海洋牧场水质监测技术咨询');
  await attachSignedContract(t, owner.token, registered);
  await t.api('POST', `/api/contracts/${registered}/submit`, { token: owner.token, body: { pointId: point.id } });
  expect((await t.api('POST', `/api/contracts/${registered}/review`, { token: staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).json().status).toBe('registered');
  const draft = await enter('尚未登记的咨询合同');
  return { owner, seller, buyerOwner, buyer, admin, weihai, staff, registered, draft };
}

const pay = async (w: Awaited<ReturnType<typeof world>>, id: string, amount: number, paidOn = today) => {
  const c = (await t.api('POST', `/api/contracts/${id}/payments`, { token: w.buyerOwner.token, body: { paidOn, amount } })).json();
  return c.payments.at(-1).id as string;
};

describe('who records a payment', () => {
  it('the seller of a contract whose buyer is on the platform is told the buyer records and the seller confirms (403), and nothing is stored', async () => {
    const w = await world();
    const res = await t.api('POST', `/api/contracts/${w.registered}/payments`, { token: w.owner.token, body: { paidOn: today, amount: 1_000_000 } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe('买方在平台上的合同由买方登记付款，卖方在收到款项后确认到账');
    expect((await t.api('GET', `/api/contracts/${w.registered}`, { token: w.owner.token })).json().payments).toEqual([]);
    // A stranger is refused without being told more.
    const stranger = await t.factories.user();
    expect((await t.api('POST', `/api/contracts/${w.registered}/payments`, { token: stranger.token, body: { paidOn: today, amount: 1 } })).statusCode).toBe(404);
  });
});

describe('payments per party and per year', () => {
  it('are the amounts paid by the buyer and received (confirmed) by the seller in the year, on registered contracts', async () => {
    const w = await world();
    const p1 = await pay(w, w.registered, 3_000_000);
    await pay(w, w.registered, 2_000_000);
    // Paid last year: not this year's.
    await pay(w, w.registered, 1_000_000, `${year - 1}-12-31`);
    await pay(w, w.draft, 4_000_000);
    await t.api('POST', `/api/contracts/${w.registered}/payments/${p1}/confirm`, { token: w.owner.token });

    const mine = (await t.api('GET', `/api/contracts/payment-totals?year=${year}`, { token: w.owner.token })).json();
    // Received is what the seller confirmed (实际到账); what the buyer recorded and the seller has not confirmed is shown beside it, never in it.
    expect(mine.items).toEqual([{ organizationId: w.seller.id, name: expect.any(String), paid: 0, paidConfirmed: 0, paidUnconfirmed: 0, received: 3_000_000, receivedUnconfirmed: 2_000_000, contracts: 1 }]);
    const buyer = (await t.api('GET', `/api/contracts/payment-totals?year=${year}&party=${w.buyer.id}`, { token: w.buyerOwner.token })).json();
    expect(buyer.items).toEqual([{ organizationId: w.buyer.id, name: expect.any(String), paid: 5_000_000, paidConfirmed: 3_000_000, paidUnconfirmed: 2_000_000, received: 0, receivedUnconfirmed: 0, contracts: 1 }]);
    // The contract itself says both: recorded by the buyer, confirmed by the seller, and what awaits confirmation.
    const detail = (await t.api('GET', `/api/contracts/${w.registered}`, { token: w.buyerOwner.token })).json();
    expect(detail.totals).toEqual({ scheduled: 0, recorded: 6_000_000, confirmed: 3_000_000, unconfirmed: 3_000_000, recordedCount: 3, confirmedCount: 1, outstanding: 7_000_000 });
    // Every contract, registered or not.
    const all = (await t.api('GET', `/api/contracts/payment-totals?year=${year}&party=${w.buyer.id}&registeredOnly=false`, { token: w.buyerOwner.token })).json();
    expect(all.items[0]).toMatchObject({ paid: 9_000_000, contracts: 2 });
    const last = (await t.api('GET', `/api/contracts/payment-totals?year=${year - 1}&party=${w.buyer.id}`, { token: w.buyerOwner.token })).json();
    expect(last.items[0]).toMatchObject({ paid: 1_000_000, paidConfirmed: 0 });

    // 威海's administrator sees what its enterprise paid (the buyer is in 威海), not what the 晋中 seller received.
    const weihai = (await t.api('GET', `/api/contracts/payment-totals?year=${year}`, { token: w.weihai.token })).json();
    expect(weihai.items.find((i: { organizationId: string }) => i.organizationId === w.buyer.id)).toMatchObject({ paid: 5_000_000 });
    expect(weihai.items.find((i: { organizationId: string }) => i.organizationId === w.seller.id)).toBeUndefined();
    expect((await t.api('GET', `/api/contracts/payment-totals?year=${year}&party=${w.buyer.id}`, { token: w.weihai.token })).statusCode).toBe(200);
  });

  it('of one organisation are refused to others than its members and its region’s administrators', async () => {
    const w = await world();
    const stranger = await t.factories.user();
    expect((await t.api('GET', `/api/contracts/payment-totals?year=${year}&party=${w.buyer.id}`, { token: stranger.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/contracts/payment-totals?year=${year}&party=${w.buyer.id}`, { token: w.admin.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/contracts/payment-totals?year=${year}`)).statusCode).toBe(401);
    expect((await t.api('GET', `/api/contracts/payment-totals?year=abc`, { token: w.owner.token })).json().errors[0].path).toBe('year');
  });
});

describe('receipts of a payment', () => {
  it('are attached by the buyer or the seller, listed on the payment, and downloaded by those who read the contract only', async () => {
    const w = await world();
    const paymentId = await pay(w, w.registered, 1_000_000);
    const url = `/api/contracts/${w.registered}/payments/${paymentId}/receipts`;
    const send = (token: string | undefined, name: string, content: Buffer) => {
      const { body, headers } = multipartFile(name, content);
      return t.api('POST', url, { token, body, headers });
    };
    const pdf = tinyPdf('银行回单');
    const res = await send(w.buyerOwner.token, '银行回单.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const payment = res.json().payments.find((p: { id: string }) => p.id === paymentId);
    expect(payment.receipts).toEqual([expect.objectContaining({ fileName: '银行回单.pdf', mime: 'application/pdf', size: pdf.length })]);
    expect(payment.allowedActions).toContain('addReceipt');
    expect((await send(w.owner.token, '到账通知.pdf', tinyPdf('到账'))).statusCode).toBe(201);

    const seen = (await t.api('GET', `/api/contracts/${w.registered}`, { token: w.owner.token })).json().payments.find((p: { id: string }) => p.id === paymentId);
    expect(seen.receipts.map((r: { fileName: string }) => r.fileName)).toEqual(['银行回单.pdf', '到账通知.pdf']);
    const download = await t.api('GET', seen.receipts[0].url, { token: w.owner.token });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // Not through the catalogue's attachment route, not by strangers, not a file that is no PDF or image.
    expect((await t.api('GET', `/api/attachments/${seen.receipts[0].id}/content`, { token: w.owner.token })).statusCode).toBe(404);
    const stranger = await t.factories.user();
    expect((await t.api('GET', seen.receipts[0].url, { token: stranger.token })).statusCode).toBe(404);
    expect((await send(stranger.token, 'x.pdf', tinyPdf('x'))).statusCode).toBe(404);
    expect((await send(w.staff.token, 'x.pdf', tinyPdf('x'))).statusCode).toBe(403);
    const notPdf = await send(w.buyerOwner.token, '回单.pdf', Buffer.from('just text'));
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().errors[0].path).toBe('file');

    // A wrong file is removed by whoever attached it, until the payment is confirmed.
    const [bank, notice] = seen.receipts as { id: string; url: string }[];
    expect((await t.api('DELETE', bank!.url, { token: w.owner.token })).statusCode).toBe(403);
    const removed = await t.api('DELETE', bank!.url, { token: w.buyerOwner.token });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().payments.find((p: { id: string }) => p.id === paymentId).receipts.map((r: { fileName: string }) => r.fileName)).toEqual(['到账通知.pdf']);
    expect((await t.api('GET', bank!.url, { token: w.owner.token })).statusCode).toBe(404);
    await t.api('POST', `/api/contracts/${w.registered}/payments/${paymentId}/confirm`, { token: w.owner.token });
    expect((await t.api('DELETE', notice!.url, { token: w.owner.token })).statusCode).toBe(409);
  });
});

describe('what 威海’s subsidies count', () => {
  /** Runs every event handler (the policy engine among them) on what was published. */
  const deliver = async () => {
    const runner = new JobRunner(t.database.db, deliveryJobs(HANDLERS), { error: (e: unknown) => console.error(e) }, undefined, (db) => dispatchAll(db, HANDLERS));
    await runner.runDue();
    await runner.runDue();
  };
  const eventsOf = async (type: string, paymentId: string) =>
    (await t.database.db.select({ id: domainEvents.id }).from(domainEvents).where(sql`${domainEvents.type} = ${type} and ${domainEvents.payload}->>'paymentId' = ${paymentId}`)).length;
  const entitlementsOf = async (token: string) => (await t.api('GET', '/api/entitlements', { token })).json().items as { rule: string; amount: number }[];

  it('is the seller’s confirmation of receipt, not the buyer’s record: no contract_payment subsidy until the seller confirms', async () => {
    const uniOwner = await t.factories.user();
    const uni = await t.factories.organization(uniOwner, { type: 'university', jurisdictionCode: '371000', name: '驻威测试大学' });
    const firmOwner = await t.factories.user();
    const firm = await t.factories.organization(firmOwner, { type: 'enterprise', jurisdictionCode: '371000', name: '威海测试海洋企业' });
    const whAdmin = await t.factories.admin('371000');
    const staff = await t.factories.user();
    const point = (await t.api('POST', '/api/jurisdictions/371000/registration-points', { token: whAdmin.token, body: { code: '77', name: '威海登记点77', staffUserIds: [staff.id] } })).json();
    const c = (
      await t.api('POST', '/api/contracts', {
        token: uniOwner.token,
        body: {
          kind: 'development',
          subkind: 'commissioned',
          title: '海参育苗水质调控技术委托开发',
          signedOn: addDays(today, -2),
          validUntil: addDays(today, 300),
          seller: { organizationId: uni.id },
          buyer: { organizationId: firm.id },
          contractAmount: 100_000_000,
          technologyAmount: 100_000_000,
        },
      })
    ).json();
    await attachSignedContract(t, uniOwner.token, c.id);
    await t.api('POST', `/api/contracts/${c.id}/submit`, { token: uniOwner.token, body: { pointId: point.id } });
    expect((await t.api('POST', `/api/contracts/${c.id}/review`, { token: staff.token, body: { decision: 'register', checklist: [...REVIEW_CHECKLIST] } })).json().status).toBe('registered');

    const paymentId = (await t.api('POST', `/api/contracts/${c.id}/payments`, { token: firmOwner.token, body: { paidOn: today, amount: 40_000_000 } })).json().payments.at(-1).id as string;
    await deliver();
    expect(await eventsOf('contract.paymentRecorded', paymentId)).toBe(1);
    expect(await eventsOf('contract.paymentConfirmed', paymentId)).toBe(0);
    expect(await entitlementsOf(firmOwner.token)).toEqual([]);
    expect(await entitlementsOf(uniOwner.token)).toEqual([]);

    // Only the seller confirms; the buyer may not confirm its own record.
    expect((await t.api('POST', `/api/contracts/${c.id}/payments/${paymentId}/confirm`, { token: firmOwner.token })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/contracts/${c.id}/payments/${paymentId}/confirm`, { token: uniOwner.token })).statusCode).toBe(200);
    await deliver();
    expect(await eventsOf('contract.paymentConfirmed', paymentId)).toBe(1);
    // 5% of the 400,000 yuan received to the buyer, 1% to the university.
    expect(await entitlementsOf(firmOwner.token)).toEqual([expect.objectContaining({ rule: 'wh-4-buyer', amount: 2_000_000 })]);
    expect(await entitlementsOf(uniOwner.token)).toEqual([expect.objectContaining({ rule: 'wh-4-seller', amount: 400_000 })]);
  });
});
