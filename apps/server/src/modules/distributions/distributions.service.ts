import {
  DISTRIBUTING_ENTITY_TYPES,
  equityTransferTax,
  fenToYuan,
  floorAmount,
  governmentExit,
  shareEquity,
  splitByWeights,
  type DistributionBasis,
  type DistributionPlanBody,
  type DistributionProposalDto,
  type DistributionShareInput,
} from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { FloorCheck } from '../../db/schema/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, conflict, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { t, type Lang } from '../../platform/i18n.ts';
import type { ContractPayment } from '../contracts/contracts.events.ts';
import { readableContractSeller } from '../contracts/contracts.service.ts';
import { achievementDistributionFacts } from '../achievements/achievements.service.ts';
import { listMembers } from '../organizations/organizations.service.ts';
import { floorsFor, jurisdictionChain, presentFloor } from './distributions.floors.ts';
import { distributionRepository as repo, type PlanRow, type ReceiptRow, type ShareRow } from './distributions.repository.ts';

type Signed = RequestContext & { actor: Actor };

const unprocessable = (path: string, key: string, params: Record<string, string | number> = {}) =>
  new AppError(422, 'distribution-refused', 'problem.distribution.refused', key, params, [{ path, key }]);

// ---- reactions to the contracts module's events

/** A payment confirmed as received by a university, institute or R&D institution becomes a receipt a plan can be made for. */
export async function recordReceipt(db: Executor, eventId: string, p: ContractPayment) {
  if (!(DISTRIBUTING_ENTITY_TYPES as readonly string[]).includes(p.seller.entityType)) return;
  await repo.insertReceipt(db, {
    paymentId: p.paymentId,
    contractId: p.contractId,
    eventId,
    kind: p.kind,
    title: p.title,
    signedOn: p.signedOn,
    sellerOrganizationId: p.seller.organizationId,
    sellerName: p.seller.name,
    sellerRegion: p.seller.region,
    sellerEntityType: p.seller.entityType,
    buyerName: p.buyer.name,
    achievementIds: p.achievementIds,
    dealId: p.dealId,
    paidOn: p.paidOn,
    amount: p.amount,
  });
}

/** A terminated contract takes no new plans; the plans made stay (the money was received). */
export async function terminateReceipts(db: Executor, contractId: string, terminatedOn: string) {
  await repo.terminate(db, contractId, terminatedOn);
}

// ---- access

/**
 * The contract as this module knows it (its receipts) and what the actor may
 * do: the seller's members and the administrators of the seller's
 * jurisdiction read; the seller's owner plans. Others get 404.
 */
async function authorizeContract(db: Executor, actor: Actor, contractId: string) {
  const receipts = await repo.receiptsOf(db, contractId);
  const first = receipts[0];
  if (!first) throw await nothingToDistribute(db, actor, contractId);
  const m = first.sellerOrganizationId ? membershipIn(actor, first.sellerOrganizationId) : undefined;
  const { path } = await jurisdictionChain(db, first.sellerRegion);
  const read = !!m || administers(actor, path);
  if (!read) throw notFound('contract');
  const plan = m?.role === 'owner';
  return { receipts, first, plan };
}

/**
 * Why a contract has no receipts here, told to whoever may read the contract (others get a plain 404): its seller
 * is not a university, institute or R&D institution, or no payment of it is confirmed received yet.
 */
async function nothingToDistribute(db: Executor, actor: Actor, contractId: string) {
  const seller = await readableContractSeller(db, actor, contractId);
  if (!seller) return notFound('contract');
  const key = (DISTRIBUTING_ENTITY_TYPES as readonly string[]).includes(seller.entityType) ? 'err.distribution.noReceipts' : 'err.distribution.notDistributingSeller';
  return new AppError(404, 'no-distribution', 'problem.distribution.none', key, {}, [{ path: key === 'err.distribution.noReceipts' ? 'payments' : 'seller.entityType', key }]);
}

const presentShare = (s: Pick<ShareRow, 'beneficiary' | 'userId' | 'organization' | 'role' | 'amount' | 'form' | 'cashShares'>) => ({
  beneficiary: s.beneficiary,
  userId: s.userId,
  organization: s.organization,
  role: s.role,
  amount: s.amount,
  form: s.form,
  cashShares: s.cashShares,
  equity: shareEquity(s),
});

function presentPlan(p: PlanRow, shares: ShareRow[]) {
  return {
    id: p.id,
    contractId: p.contractId,
    paymentId: p.paymentId,
    basis: p.basis,
    received: p.received,
    costs: p.costs,
    netIncome: p.netIncome,
    floorChecks: p.floorChecks,
    shares: shares.filter((s) => s.planId === p.id).map(presentShare),
    createdBy: p.createdBy,
    createdAt: p.createdAt,
  };
}

async function plansWithShares(db: Executor, plans: PlanRow[]) {
  const shares = await repo.sharesOf(db, plans.map((p) => p.id));
  return plans.map((p) => presentPlan(p, shares));
}

/** `GET /api/contracts/:id/distributions`: receipts, plans and the floors that apply. */
export async function getContractDistributions(db: Db, actor: Actor, contractId: string) {
  const { receipts, first, plan } = await authorizeContract(db, actor, contractId);
  const plans = await repo.plansOf(db, contractId);
  const planOf = new Map(plans.map((p) => [p.paymentId, p.id]));
  return {
    contract: {
      id: first.contractId,
      title: first.title,
      kind: first.kind,
      signedOn: first.signedOn,
      seller: { organizationId: first.sellerOrganizationId, name: first.sellerName, region: first.sellerRegion, entityType: first.sellerEntityType },
      buyerName: first.buyerName,
      dealId: first.dealId,
      achievementIds: first.achievementIds,
      terminatedOn: first.terminatedOn,
    },
    receipts: receipts.map((r) => ({ paymentId: r.paymentId, paidOn: r.paidOn, amount: r.amount, planId: planOf.get(r.paymentId) ?? null })),
    plans: await plansWithShares(db, plans),
    floors: (await floorsFor(db, first.sellerRegion)).map(presentFloor),
    canPlan: plan && !first.terminatedOn,
  };
}

/** The basis the platform knows: an achievement flagged unconverted and then traded on the platform (a deal) was listed after two years unconverted. */
async function knownBasis(db: Executor, receipt: ReceiptRow): Promise<DistributionBasis | null> {
  if (!receipt.dealId) return null;
  for (const id of receipt.achievementIds) {
    const a = await achievementDistributionFacts(db, id);
    if (a?.unconvertedFlagged) return 'listed_after_unconverted';
  }
  return null;
}

function receiptOf(receipts: ReceiptRow[], paymentId: string) {
  const r = receipts.find((x) => x.paymentId === paymentId);
  if (!r) throw unprocessable('paymentId', 'err.distribution.payment');
  return r;
}

/**
 * `GET …/distributions/proposal`: the completers of the contract's
 * achievements with their shares of the floor that applies (else nothing
 * yet), the rest to the unit. The completers' part is split by their stated
 * shares exactly (`splitByWeights`).
 */
export async function proposeDistribution(db: Db, actor: Actor, contractId: string, q: { paymentId: string; basis?: DistributionBasis; costs: number }, lang: Lang = 'zh') {
  const { receipts, plan } = await authorizeContract(db, actor, contractId);
  if (!plan) throw forbidden();
  const r = receiptOf(receipts, q.paymentId);
  if (q.costs > r.amount) throw unprocessable('costs', 'err.distribution.costs', { received: fenToYuan(r.amount) });
  const basis = q.basis ?? (await knownBasis(db, r)) ?? 'self_conversion';
  const floors = (await floorsFor(db, r.sellerRegion, r.paidOn)).filter((f) => f.basis === basis);
  const net = r.amount - q.costs;
  const pool = Math.max(0, ...floors.map((f) => floorAmount(net, f.minBp)));
  const completers: { name: string; organization: string | null; weight: number }[] = [];
  for (const id of r.achievementIds) {
    const a = await achievementDistributionFacts(db, id);
    for (const c of a?.completers ?? []) completers.push({ name: c.name, organization: c.organization ?? a!.organizationName, weight: Math.round(c.share * 100) });
  }
  // A completer of the seller whose name is that of exactly one of its members is proposed with that member's account.
  const members = r.sellerOrganizationId ? (await listMembers(db, actor, r.sellerOrganizationId)).items : [];
  const accountOf = (c: { name: string; organization: string | null }) => {
    if (c.organization !== r.sellerName) return null;
    const same = members.filter((m) => m.name === c.name);
    return same.length === 1 ? same[0]!.userId : null;
  };
  const shares: DistributionShareInput[] = [];
  const parts = splitByWeights(completers.length ? pool : 0, completers.map((c) => c.weight));
  completers.forEach((c, i) => {
    if (parts[i]! > 0) shares.push({ beneficiary: c.name, userId: accountOf(c), organization: c.organization, role: 'completer', amount: parts[i]!, form: 'cash', cashShares: 0 });
  });
  const rest = net - shares.reduce((a, s) => a + s.amount, 0);
  if (rest > 0) shares.push({ beneficiary: r.sellerName, userId: null, organization: r.sellerName, role: 'unit', amount: rest, form: 'cash', cashShares: 0 });
  // Whoever asks to propose by completers and gets the unit alone is told why, and what to do.
  const unitOnly: DistributionProposalDto['unitOnly'] = shares.some((s) => s.role === 'completer') ? null : !r.achievementIds.length ? 'noAchievement' : !completers.length ? 'noCompleters' : pool === 0 ? 'noFloor' : null;
  return {
    unitOnly,
    note: unitOnly && t(`dist.proposal.${unitOnly}`, lang, { unit: r.sellerName }),
    paymentId: r.paymentId,
    basis,
    received: r.amount,
    costs: q.costs,
    netIncome: net,
    floors: floors.map(presentFloor),
    shares: shares.map((s) => presentShare({ ...s, userId: s.userId ?? null, organization: s.organization ?? null })),
  };
}

/**
 * `POST /api/contracts/:id/distributions`: the seller's owner files the plan
 * for one received payment. It must add up exactly to the net income and
 * reach every floor of the seller's jurisdiction and those above it for the
 * stated basis; one plan per payment.
 */
export async function planDistribution(db: Db, ctx: Signed, contractId: string, body: DistributionPlanBody) {
  const costs = body.costs ?? [];
  // A share that names a platform account names one of the seller's own people (the owner can vouch for them).
  const named = body.shares.map((s, i) => ({ i, userId: s.userId })).filter((x): x is { i: number; userId: string } => !!x.userId);
  if (named.length) {
    const { first, plan } = await authorizeContract(db, ctx.actor, contractId);
    if (!plan) throw forbidden();
    const members = new Set((await listMembers(db, ctx.actor, first.sellerOrganizationId!)).items.map((m) => m.userId));
    const stranger = named.find((x) => !members.has(x.userId));
    if (stranger) throw unprocessable(`shares.${stranger.i}.userId`, 'err.distribution.userNotMember');
  }
  const id = await db.transaction(async (tx) => {
    const { receipts, first, plan } = await authorizeContract(tx, ctx.actor, contractId);
    if (!plan) throw forbidden();
    if (first.terminatedOn) throw invalidState('err.distribution.terminated');
    const r = receiptOf(receipts, body.paymentId);
    if (await repo.planOfPayment(tx, r.paymentId, { lock: true })) throw conflict('paymentId', 'err.distribution.exists');
    const costTotal = costs.reduce((a, c) => a + c.amount, 0);
    if (costTotal > r.amount) throw unprocessable('costs', 'err.distribution.costs', { received: fenToYuan(r.amount) });
    const net = r.amount - costTotal;
    // 现金股 are bought beside 技术股: only an equity share has them.
    const cashOnCash = body.shares.findIndex((s) => (s.cashShares ?? 0) > 0 && s.form !== 'equity');
    if (cashOnCash >= 0) throw unprocessable(`shares.${cashOnCash}.cashShares`, 'err.distribution.cashSharesNotEquity');
    const sum = body.shares.reduce((a, s) => a + s.amount, 0);
    if (sum !== net) throw unprocessable('shares', 'err.distribution.sum', { sum: fenToYuan(sum), net: fenToYuan(net), difference: fenToYuan(Math.abs(sum - net)) });
    const known = await knownBasis(tx, r);
    const basis = body.basis ?? known ?? 'other';
    if (known && basis !== known) throw unprocessable('basis', 'err.distribution.basisKnown');
    // The floors in force when the money was received, as the policy module holds them.
    const checks: (FloorCheck & { source: string })[] = (await floorsFor(tx, r.sellerRegion, r.paidOn))
      .filter((f) => f.basis === basis)
      .map((f) => ({
        floorId: f.id,
        jurisdictionCode: f.jurisdictionCode,
        minBp: f.minBp,
        required: floorAmount(net, f.minBp),
        actual: body.shares.filter((s) => f.roles.includes(s.role)).reduce((a, s) => a + s.amount, 0),
        source: f.label,
      }));
    const short = checks.filter((c) => c.actual < c.required).sort((a, b) => b.required - b.actual - (a.required - a.actual))[0];
    if (short) {
      throw unprocessable('shares', `err.distribution.floor.${basis}`, {
        rule: short.source,
        floor: `${short.minBp / 100}%`,
        required: fenToYuan(short.required),
        actual: fenToYuan(short.actual),
        shortfall: fenToYuan(short.required - short.actual),
      });
    }
    const created = await repo.insertPlan(
      tx,
      {
        contractId,
        paymentId: r.paymentId,
        organizationId: first.sellerOrganizationId!,
        basis,
        received: r.amount,
        costs,
        netIncome: net,
        floorChecks: checks.map(({ source: _s, ...c }) => c),
        createdBy: ctx.actor.user.id,
      },
      body.shares.map((s, i) => ({ position: i, beneficiary: s.beneficiary, userId: s.userId ?? null, organization: s.organization ?? null, role: s.role, amount: s.amount, form: s.form, cashShares: s.cashShares ?? 0 })),
    );
    if (!created) throw conflict('paymentId', 'err.distribution.exists');
    const placed = (await jurisdictionChain(tx, r.sellerRegion)).known;
    await recordAudit(tx, ctx, {
      action: 'distribution.plan',
      entityType: 'distribution',
      entityId: created.id,
      organizationId: created.organizationId,
      jurisdictionCode: placed,
      after: { contractId, paymentId: r.paymentId, basis, netIncome: net, shares: body.shares.map((s) => ({ beneficiary: s.beneficiary, role: s.role, amount: s.amount, form: s.form, ...(s.cashShares ? { cashShares: s.cashShares } : {}) })) },
    });
    return created.id;
  });
  const plans = await repo.plansOf(db, contractId);
  return (await plansWithShares(db, plans.filter((p) => p.id === id)))[0]!;
}

// ---- calculators

export const computeGovernmentExit = governmentExit;
export const computeEquityTransferTax = equityTransferTax;

// ---- statements

/**
 * Every share of the signed-in person across contracts and years: shares
 * naming their user id, and shares naming no user whose beneficiary is
 * their name in one of their organisations (by name, or the seller itself
 * when the share names no organisation).
 */
export async function myStatement(db: Db, actor: Actor) {
  const rows = await repo.sharesOfPerson(db, {
    userId: actor.user.id,
    name: actor.user.name,
    organizations: actor.memberships.map((m) => m.organizationName),
    organizationIds: actor.memberships.map((m) => m.organizationId),
  });
  const items = rows.map(({ share, plan, receipt }) => ({
    planId: plan.id,
    contractId: plan.contractId,
    contractTitle: receipt.title,
    seller: receipt.sellerName,
    paidOn: receipt.paidOn,
    year: Number(receipt.paidOn.slice(0, 4)),
    beneficiary: share.beneficiary,
    role: share.role,
    form: share.form,
    amount: share.amount,
    equity: shareEquity(share),
  }));
  const years = new Map<number, { year: number; cash: number; equity: number; total: number }>();
  for (const i of items) {
    const y = years.get(i.year) ?? { year: i.year, cash: 0, equity: 0, total: 0 };
    if (i.form === 'equity') y.equity += i.amount;
    else y.cash += i.amount;
    y.total += i.amount;
    years.set(i.year, y);
  }
  return { items, byYear: [...years.values()].sort((a, b) => b.year - a.year), total: items.reduce((a, i) => a + i.amount, 0) };
}

/** A unit's plans for its Excel export: its owner only (members 403, others 404). */
export async function organizationDistributions(db: Db, actor: Actor, organizationId: string) {
  const m = membershipIn(actor, organizationId);
  if (!m) throw notFound('organization');
  if (m.role !== 'owner') throw forbidden();
  const rows = await repo.plansOfOrganization(db, organizationId);
  const shares = await repo.sharesOf(db, rows.map((r) => r.plan.id));
  return { organizationName: m.organizationName, rows: rows.map(({ plan, receipt }) => ({ plan, receipt, shares: shares.filter((s) => s.planId === plan.id) })) };
}

/**
 * The income distributions (收益分配) since a date that name any of these
 * users as a beneficiary: per plan, its contract's title, the date the money
 * came in, the seller organisation and everyone the plan names (with their
 * user id where the plan knew it). A challenge panel's avoidance reads who
 * shared a contract's income with whom.
 */
export async function distributionsNaming(db: Executor, q: { userIds: string[]; since: string }) {
  const rows = await repo.plansNaming(db, [...new Set(q.userIds)], q.since);
  const plans = new Map<string, { contractId: string; title: string; paidOn: string; sellerOrganizationId: string | null; people: { userId: string | null; name: string }[] }>();
  for (const r of rows) {
    const plan = plans.get(r.planId) ?? { contractId: r.contractId, title: r.title, paidOn: r.paidOn, sellerOrganizationId: r.sellerOrganizationId, people: [] };
    plan.people.push({ userId: r.userId, name: r.beneficiary });
    plans.set(r.planId, plan);
  }
  return [...plans.values()];
}
