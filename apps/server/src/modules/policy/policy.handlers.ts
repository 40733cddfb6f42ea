import type { PolicyParty, PartyType } from '@kzt/shared';
import { onEvent } from '../../platform/events.ts';
import { contractPaymentConfirmed, contractRegistered, contractTerminated, type ContractParty } from '../contracts/contracts.events.ts';
import { clawBackContract, computePlatformEvent, registeredContract, rememberContract } from './policy.service.ts';

const TYPES: Record<string, PartyType> = {
  enterprise: 'enterprise',
  university: 'university',
  institute: 'institute',
  rnd_institution: 'rnd_institution',
  agency: 'agency',
  individual: 'individual',
  government: 'government',
};

/** A contract's party as the engine sees it: the organisation's id where there is one. */
export function partyOf(p: ContractParty, role?: 'agency'): PolicyParty {
  return { id: p.organizationId ?? `name:${p.name}`, type: role === 'agency' ? 'agency' : (TYPES[p.entityType] ?? 'other'), region: /^\d{6}$/.test(p.region) ? p.region : '000000' };
}

function names(...parties: (ContractParty | null)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parties) if (p) out[partyOf(p).id] = p.name;
  return out;
}

/**
 * The policy engine reacts to the contracts module: a registration and each
 * confirmed payment (实际到账) are computed into entitlements; a terminated
 * contract claws back what it caused. Once per event (its id is the key).
 */
export const policyHandlers = [
  onEvent('policy.contractRegistered', contractRegistered, async (db, e) => {
    const c = e.payload;
    await rememberContract(db, { contractId: c.contractId, jurisdictionCode: c.jurisdictionCode, registeredOn: c.registeredOn });
    await computePlatformEvent(
      db,
      e.id,
      {
        id: `contract.registered:${c.contractId}`,
        type: 'contract_registered',
        date: c.registeredOn,
        jurisdiction: c.jurisdictionCode,
        contract: { id: c.contractId, kind: c.kind, contractAmount: c.contractAmount, technologyAmount: c.technologyAmount },
        seller: partyOf(c.seller),
        buyer: partyOf(c.buyer),
        agency: c.agency ? partyOf(c.agency, 'agency') : null,
      },
      names(c.seller, c.buyer, c.agency),
    );
  }),
  onEvent('policy.contractPaymentConfirmed', contractPaymentConfirmed, async (db, e) => {
    const c = e.payload;
    // The rules pay for registered contracts (完成登记备案): the registration says where.
    const registered = await registeredContract(db, c.contractId);
    if (!registered || registered.terminatedOn) return;
    await computePlatformEvent(
      db,
      e.id,
      {
        id: `contract.payment:${c.paymentId}`,
        type: 'contract_payment',
        date: c.paidOn,
        jurisdiction: registered.jurisdictionCode,
        contract: { id: c.contractId, kind: c.kind },
        seller: partyOf(c.seller),
        buyer: partyOf(c.buyer),
        agency: c.agency ? partyOf(c.agency, 'agency') : null,
        amount: c.amount,
      },
      names(c.seller, c.buyer, c.agency),
    );
  }),
  onEvent('policy.contractTerminated', contractTerminated, async (db, e) => {
    await clawBackContract(db, e.id, { contractId: e.payload.contractId, terminatedOn: e.payload.terminatedOn, reason: e.payload.reason });
  }),
];
