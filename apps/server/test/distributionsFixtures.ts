import { randomUUID } from 'node:crypto';
import { publish } from '../src/platform/events.ts';
import { contractPaymentConfirmed, contractTerminated, type ContractParty, type ContractPayment } from '../src/modules/contracts/contracts.events.ts';
import type { TestApp } from './testApp.ts';
import { deliverEvents } from './registration.ts';

/**
 * What the contracts module would announce when a seller confirms a payment
 * (the distributions module reacts to it): published here and delivered, so
 * the tests need no contract.
 */
export async function receivePayment(t: TestApp, seller: ContractParty, over: Partial<ContractPayment> = {}, opts: { deliver?: boolean } = {}): Promise<ContractPayment> {
  const payload: ContractPayment = {
    contractId: randomUUID(),
    kind: 'transfer',
    subkind: 'patent',
    title: '一种耐腐蚀特种钢材轧制工艺专利转让合同',
    signedOn: '2026-03-01',
    seller,
    buyer: { organizationId: null, name: '西安秦创电子科技有限公司', region: '610100', entityType: 'enterprise' },
    agency: null,
    achievementIds: [],
    dealId: null,
    paymentId: randomUUID(),
    paidOn: '2026-04-01',
    amount: 100_000_000,
    ...over,
  };
  await publish(t.database.db, contractPaymentConfirmed, payload);
  if (opts.deliver !== false) await deliverEvents(t);
  return payload;
}

export async function terminateContract(t: TestApp, contractId: string, opts: { deliver?: boolean } = {}) {
  await publish(t.database.db, contractTerminated, { contractId, registrationNumber: null, terminatedOn: '2026-06-01', reason: '双方协商解除' });
  if (opts.deliver !== false) await deliverEvents(t);
}
