import type { Db } from '../../db/client.ts';
import { catchUp, onEvent } from '../../platform/events.ts';
import { contractPaymentConfirmed, contractTerminated } from '../contracts/contracts.events.ts';
import { recordReceipt, terminateReceipts } from './distributions.service.ts';

/** Money received by a university, institute or R&D institution can be distributed; a terminated contract takes no new plans. Once per payment. */
export const distributionHandlers = [
  onEvent('distributions.paymentConfirmed', contractPaymentConfirmed, async (db, e) => {
    await recordReceipt(db, e.id, e.payload);
  }),
  onEvent('distributions.contractTerminated', contractTerminated, async (db, e) => {
    await terminateReceipts(db, e.payload.contractId, e.payload.terminatedOn);
  }),
];

/** Before a contract's receipts are read or planned: what its events said and the runner has not delivered yet. */
export const catchUpContract = (db: Db, contractId: string) => catchUp(db, distributionHandlers, 'contractId', contractId);
