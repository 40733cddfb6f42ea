import type { PolicyParty, PartyType } from '@kzt/shared';
import { onEvent } from '../../platform/events.ts';
import { contractPaymentConfirmed, contractRegistered, contractTerminated, type ContractParty } from '../contracts/contracts.events.ts';
import { challengeAccepted, challengeAwarded, challengeMilestoneAccepted, challengeTerminated } from '../challenges/challenges.events.ts';
import { findOrganization } from '../organizations/organizations.service.ts';
import type { Db } from '../../db/client.ts';
import { createHash } from 'node:crypto';
import { clawBackChallenge, clawBackContract, computePlatformEvent, registeredContract, rememberContract } from './policy.service.ts';

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
function partyOf(p: ContractParty, role?: 'agency'): PolicyParty {
  return { id: p.organizationId ?? `name:${p.name}`, type: role === 'agency' ? 'agency' : (TYPES[p.entityType] ?? 'other'), region: /^\d{6}$/.test(p.region) ? p.region : '000000' };
}

/**
 * A contract's party with the flags its organisation's profile carries (事业单位: `publicInstitution`, which
 * 威海 004-4 asks of a new R&D institution); a party that is none of the platform's organisations has none.
 */
async function contractParty(db: Db, p: ContractParty, role?: 'agency'): Promise<PolicyParty> {
  const party = partyOf(p, role);
  const org = p.organizationId ? await findOrganization(db, p.organizationId) : undefined;
  return org?.publicInstitution ? { ...party, publicInstitution: true } : party;
}

function names(...parties: (ContractParty | null)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parties) if (p) out[partyOf(p).id] = p.name;
  return out;
}

/** An organisation on the platform as the engine sees it (its type and region), with its name for the entitlement. */
async function orgParty(db: Db, id: string): Promise<{ party: PolicyParty; name: string } | null> {
  const o = await findOrganization(db, id);
  return o ? { party: { id: o.id, type: TYPES[o.type] ?? 'other', region: o.jurisdictionCode, ...(o.publicInstitution ? { publicInstitution: true } : {}) }, name: o.name } : null;
}

/** A stable id for one part of an event (one winning bid of an award), so each part is computed once. */
function partId(eventId: string, part: string) {
  const h = createHash('sha1').update(`${eventId}:${part}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const SCHEMES = ['jiebang_guashuai', 'two_way', 'racing', 'bounty', 'crowdsourcing'] as const;
const asScheme = (s: string) => (SCHEMES as readonly string[]).includes(s) ? (s as (typeof SCHEMES)[number]) : null;
const asKind = (k: string | null | undefined) => (k === 'breakthrough' || k === 'conversion' ? k : undefined);

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
        seller: await contractParty(db, c.seller),
        buyer: await contractParty(db, c.buyer),
        agency: c.agency ? await contractParty(db, c.agency, 'agency') : null,
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
        seller: await contractParty(db, c.seller),
        buyer: await contractParty(db, c.buyer),
        agency: c.agency ? await contractParty(db, c.agency, 'agency') : null,
        amount: c.amount,
      },
      names(c.seller, c.buyer, c.agency),
    );
  }),
  // Challenges: an award (沈阳 pre-funds the poser half of the winning development contract; 威海 commits a conversion tranche),
  // each accepted milestone (its tranche of a commitment) and an accepted breakthrough (威海, after acceptance).
  onEvent('policy.challengeAwarded', challengeAwarded, async (db, e) => {
    const c = e.payload;
    const scheme = asScheme(c.challenge.scheme);
    if (!scheme || !c.poserOrganizationId) return;
    const poser = await orgParty(db, c.poserOrganizationId);
    for (const bid of c.bids) {
      const solver = await orgParty(db, bid.organizationId);
      if (!poser || !solver) continue;
      await computePlatformEvent(
        db,
        c.bids.length === 1 ? e.id : partId(e.id, bid.bidId),
        {
          id: `challenge.awarded:${c.challenge.id}:${bid.bidId}`,
          type: 'challenge_awarded',
          date: c.date,
          jurisdiction: c.jurisdictionCode,
          challenge: { id: c.challenge.id, scheme, kind: asKind(c.challenge.kind), ...(c.challenge.bounty ? { bounty: c.challenge.bounty } : {}) },
          poser: poser.party,
          solver: solver.party,
          // The winning plan's budget is the development contract the team signs for it (技术开发委托合同额).
          contract: { id: bid.bidId, kind: 'development', contractAmount: bid.budget },
        },
        { [poser.party.id]: poser.name, [solver.party.id]: solver.name },
      );
    }
  }),
  onEvent('policy.challengeMilestone', challengeMilestoneAccepted, async (db, e) => {
    const c = e.payload;
    await computePlatformEvent(db, e.id, {
      id: `challenge.milestone:${c.challengeId}:${c.bidId}:${c.milestone}`,
      type: 'challenge_milestone',
      date: c.date,
      jurisdiction: c.jurisdictionCode,
      challenge: { id: c.challengeId },
      // The award named the winning bid as its contract: the tranche is of that bid's commitment.
      contract: { id: c.bidId },
      milestone: String(c.milestone),
      share: c.share,
    });
  }),
  onEvent('policy.challengeAccepted', challengeAccepted, async (db, e) => {
    const c = e.payload;
    const scheme = asScheme(c.challenge.scheme);
    const kind = asKind(c.challenge.kind);
    if (!scheme || !kind || !c.poserOrganizationId) return;
    const [poser, solver] = [await orgParty(db, c.poserOrganizationId), await orgParty(db, c.solverOrganizationId)];
    if (!poser || !solver) return;
    await computePlatformEvent(
      db,
      e.id,
      { id: `challenge.accepted:${c.challenge.id}:${c.bidId}`, type: 'challenge_accepted', date: c.date, jurisdiction: c.jurisdictionCode, challenge: { id: c.challenge.id, scheme, kind }, poser: poser.party, solver: solver.party, dealAmount: c.dealAmount },
      { [poser.party.id]: poser.name, [solver.party.id]: solver.name },
    );
  }),
  onEvent('policy.contractTerminated', contractTerminated, async (db, e) => {
    await clawBackContract(db, e.id, { contractId: e.payload.contractId, terminatedOn: e.payload.terminatedOn, reason: e.payload.reason });
  }),
  onEvent('policy.challengeTerminated', challengeTerminated, async (db, e) => {
    await clawBackChallenge(db, e.id, { challengeId: e.payload.challenge.id, terminatedOn: e.payload.terminatedOn, reason: e.payload.reason });
  }),
];
