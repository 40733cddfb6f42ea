import {
  CONTRACT_SUBKINDS,
  DEFAULT_REGISTRATION_WINDOW_DAYS,
  formatFen,
  shanghaiToday,
  REVIEW_CHECKLIST,
  REVIEW_CHECKLIST_LABELS,
  type AmendContractBody,
  type ContractPartyInput,
  type ContractQuery,
  type CreateContractBody,
  type EntityType,
  type ReviewContractBody,
  type UpdateContractBody,
} from '@kzt/shared';
import type { Db, Executor, Tx } from '../../db/client.ts';
import type { StoredParty } from '../../db/schema/contracts.ts';
import { isAnyAdmin, type Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { regionName } from '../../platform/regions.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { getOrganization } from '../organizations/organizations.service.ts';
import { findJurisdiction, jurisdictionNames } from '../jurisdictions/jurisdictions.service.ts';
import { userNames } from '../accounts/accounts.service.ts';
import { getDeal } from '../trading/deals.service.ts';
import { achievementHeads, getAchievement } from '../achievements/achievements.service.ts';
import { attachmentCounts, attachmentsOfRecords, attachToRecord, detachFromRecord, openRecordAttachment } from '../attachments/attachments.service.ts';
import { type AttachmentStore, type IncomingFile } from '../../platform/files.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { contractAmended, contractPaymentConfirmed, contractPaymentRecorded, contractRegistered, contractTerminated } from './contracts.events.ts';
import { addDays, classifyContract, regionPathOf } from './contracts.classify.ts';
import { contractActions, contractPolicy, contractRoles, managesPoints, pathWithin, sellerMembership, type ContractPolicy } from './contracts.policy.ts';
import { effectiveFigures, presentContract, presentContractSummary, presentPoint, type Figures } from './contracts.presenter.ts';
import { contractRepository as repo, IMPORTING, type ContractRow, type PointRow } from './contracts.repository.ts';

type Signed = RequestContext & { actor: Actor };

/** A refusal of a contract rule, naming the field at fault (nothing is stored). */
const rule = (path: string, key: string, params: Record<string, string | number> = {}) => new AppError(422, 'contract-rule', 'problem.validation', key, params, [{ path, key }]);
const yuan = (fen: number) => formatFen(fen);
const today = (ctx: RequestContext) => shanghaiToday(ctx.now ?? new Date());
const meta = (ctx: RequestContext) => ({ actorId: ctx.actor?.user.id ?? null, requestId: ctx.requestId });
const auditOf = (c: ContractRow) => ({ entityType: 'contract', entityId: c.id, organizationId: c.sellerOrganizationId, jurisdictionCode: c.jurisdictionCode ?? c.seller.region });

// ---- parties

/** What kind of entity an organisation of the platform is, in the registration's terms. */
const ENTITY_OF_ORG: Record<string, EntityType> = { enterprise: 'enterprise', university: 'university', institute: 'institute', rnd_institution: 'rnd_institution', government: 'government', agency: 'enterprise', finance: 'enterprise' };

/** The stored party: an organisation's facts as its service states them now (a snapshot), or what was typed for one off the platform. */
async function resolveParty(db: Db, input: ContractPartyInput, path: string): Promise<StoredParty> {
  if ('organizationId' in input) {
    const org = await getOrganization(db, null, input.organizationId).catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw rule(`${path}.organizationId`, 'err.contract.unknownOrganization');
      throw e;
    });
    const j = await findJurisdiction(db, org.jurisdictionCode);
    return { organizationId: org.id, name: org.name, creditCode: org.creditCode, region: org.jurisdictionCode, regionPath: j?.path ?? regionPathOf(org.jurisdictionCode), entityType: ENTITY_OF_ORG[org.type] ?? 'other' };
  }
  // A party off the platform is placed by a region that exists (the picker offers only those; an import or a script could type any six digits).
  if (!regionName(input.region)) throw rule(`${path}.region`, 'err.contract.regionUnknown', { code: input.region });
  return { organizationId: null, name: input.name, creditCode: input.creditCode, region: input.region, regionPath: regionPathOf(input.region), entityType: input.entityType };
}

const partyKey = (p: StoredParty) => (p.creditCode ? `cc:${p.creditCode.toUpperCase()}` : p.organizationId ? `org:${p.organizationId}` : `name:${p.name}`);

const partyColumns = (seller: StoredParty, buyer: StoredParty, agency: StoredParty | null) => ({
  seller,
  buyer,
  agency,
  sellerOrganizationId: seller.organizationId,
  buyerOrganizationId: buyer.organizationId,
  agencyOrganizationId: agency?.organizationId ?? null,
  sellerKey: partyKey(seller),
  buyerKey: partyKey(buyer),
  sellerPath: seller.regionPath,
  buyerPath: buyer.regionPath,
});

// ---- rules of the figures

type Checked = { kind: string; subkind: string | null; signedOn: string; validUntil: string; contractAmount: number; technologyAmount: number; deductions: { item: string; amount: number }[]; schedule: { dueOn: string; amount: number }[] };

/** The rules every contract keeps: technology amount = contract amount − deductions, schedule within the contract amount, dates in order. */
function checkFigures(c: Checked, ctx: RequestContext) {
  const subkinds = CONTRACT_SUBKINDS[c.kind as keyof typeof CONTRACT_SUBKINDS] ?? [];
  if (c.subkind !== null && !subkinds.includes(c.subkind)) throw rule('subkind', subkinds.length ? 'err.contract.subkind' : 'err.contract.noSubkind', { options: subkinds.join(', ') });
  if (c.signedOn > today(ctx)) throw rule('signedOn', 'err.contract.signedOnFuture', { today: today(ctx) });
  if (c.validUntil < c.signedOn) throw rule('validUntil', 'err.contract.validBeforeSigned');
  const deducted = c.deductions.reduce((s, d) => s + d.amount, 0);
  if (deducted > c.contractAmount) throw rule('deductions', 'err.contract.deductionsAbove', { deducted: yuan(deducted), contract: yuan(c.contractAmount) });
  if (c.technologyAmount > c.contractAmount) throw rule('technologyAmount', 'err.contract.technologyAbove', { contract: yuan(c.contractAmount) });
  if (c.technologyAmount !== c.contractAmount - deducted) throw rule('technologyAmount', 'err.contract.technologyMismatch', { expected: yuan(c.contractAmount - deducted), contract: yuan(c.contractAmount), deducted: yuan(deducted) });
  const scheduled = c.schedule.reduce((s, p) => s + p.amount, 0);
  if (scheduled > c.contractAmount) throw rule('payments', 'err.contract.scheduleBeyond', { scheduled: yuan(scheduled), contract: yuan(c.contractAmount) });
}

// ---- reading

async function load(db: Db | Tx, actor: Actor, id: string, opts: { lock?: boolean } = {}) {
  const found = await repo.byIdWithPoint(db, id, opts);
  if (!found) throw notFound('contract');
  const { c, point } = found;
  const policy = contractPolicy(actor, c, point);
  if (!policy.read) throw notFound('contract');
  return { c, point, policy };
}

/** The contract as the actor sees it, from a row already in hand (only its payments and history are read). */
async function present(db: Db | Tx, actor: Actor, c: ContractRow, point: PointRow | undefined, policy: ContractPolicy = contractPolicy(actor, c, point)) {
  const [payments, history] = await Promise.all([repo.payments(db, c.id), repo.history(db, c.id)]);
  const [receipts, documents] = await Promise.all([attachmentsOfRecords(db, RECEIPT_RECORD, payments.map((p) => p.id)), attachmentsOfRecords(db, DOCUMENT_RECORD, documentRecords(c, history))]);
  const live = c.status !== 'refused' && c.status !== 'terminated';
  const roles = contractRoles(actor, c, point);
  const regionNames = await jurisdictionNames(db, [...new Set([...c.sellerPath.split('/'), ...c.buyerPath.split('/')])].filter(Boolean));
  // A copy of a terminated registered contract: the seller's side and the desk see which (the desk registers it only on its word).
  const unregistered = c.status === 'draft' || c.status === 'returned' || c.status === 'submitted';
  const terminatedCopies = unregistered && (roles.seller || roles.desk || roles.admin) ? await repo.terminatedCopiesOf(db, c) : [];
  const achievements = await achievementTitles(db, c.achievementIds);
  return presentContract(c, {
    point,
    payments,
    history,
    receipts,
    documents,
    amendmentDocuments: roles.sellerMember,
    allowedActions: contractActions(policy),
    confirmPayment: live && roles.seller,
    addReceipt: live && !!receiptOrganization(actor, c),
    actorId: actor.user.id,
    regionNames,
    terminatedCopies,
    achievements,
  });
}

// ---- the signed contract and amendments' documents (files kept by the attachments module)

/**
 * The record type of a contract's documents among attachments: the signed contract (PDF or scans) has the
 * contract's id for its record, an amendment's own documents the amendment's history entry.
 */
export const DOCUMENT_RECORD = 'contractDocument';
const documentRecords = (c: ContractRow, history: { id: string; kind: string }[]) => [c.id, ...history.filter((h) => h.kind === 'amendment').map((h) => h.id)];

/**
 * The seller's side attaches the signed contract (PDF or images) to a draft or returned contract, or a document to
 * an amendment of a registered one (`amendmentId`); the file counts against the storage of the uploader's
 * organisation (the seller, or its agency).
 */
export async function addContractDocument(db: Db, store: AttachmentStore, ctx: Signed, id: string, amendmentId: string | null, next: () => Promise<IncomingFile | undefined>, quotaBytes: number) {
  const { c, policy } = await load(db, ctx.actor, id);
  const m = sellerMembership(ctx.actor, c);
  if (!m) throw forbidden();
  let recordId = c.id;
  if (amendmentId) {
    const amendment = (await repo.history(db, c.id)).find((h) => h.id === amendmentId && h.kind === 'amendment');
    if (!amendment) throw notFound('contractAmendment');
    if (c.status !== 'registered') throw stateRefusal('err.contract.amendmentDocument.state', c.status, ['documents']);
    recordId = amendment.id;
  } else if (!policy.addDocument) throw stateRefusal('err.contract.addDocument.state', c.status, ['documents']);
  const audit = amendmentId
    ? (tx: Tx, after: Record<string, unknown>) => recordAudit(tx, ctx, { ...auditOf(c), organizationId: m.organizationId, action: 'contract.amendment.document', after: { ...after, amendmentId } })
    : (tx: Tx, after: Record<string, unknown>) => recordAudit(tx, ctx, { ...auditOf(c), organizationId: m.organizationId, action: 'contract.document', after });
  await attachToRecord(db, store, ctx, { recordType: DOCUMENT_RECORD, recordId, organizationId: m.organizationId, jurisdictionCode: c.jurisdictionCode ?? c.seller.region, audit }, next, quotaBytes);
  return getContract(db, ctx.actor, id);
}

/** Whoever attached a document removes it: the signed contract's while the contract may be corrected, an amendment's while the contract is registered. */
export async function removeContractDocument(db: Db, ctx: Signed, id: string, attachmentId: string) {
  const { c } = await load(db, ctx.actor, id);
  const records = documentRecords(c, await repo.history(db, c.id));
  const [own] = await attachmentsOfRecords(db, DOCUMENT_RECORD, records).then((all) => all.filter((a) => a.id === attachmentId));
  if (!own) throw notFound('attachment');
  const ofContract = own.recordId === c.id;
  if (ofContract ? c.status !== 'draft' && c.status !== 'returned' : c.status !== 'registered') throw stateRefusal('err.contract.removeDocument.state', c.status, ['documents']);
  await detachFromRecord(
    db,
    ctx,
    { recordType: DOCUMENT_RECORD, recordIds: records, audit: (tx, before) => recordAudit(tx, ctx, { ...auditOf(c), action: 'contract.documentRemove', before }) },
    attachmentId,
  );
  return getContract(db, ctx.actor, id);
}

/** A document's file, for those who read the contract (its parties, the desk, the administrators above them): never public. */
export async function openContractDocument(db: Db, store: AttachmentStore, actor: Actor, id: string, attachmentId: string) {
  const { c } = await load(db, actor, id);
  return openRecordAttachment(db, store, DOCUMENT_RECORD, documentRecords(c, await repo.history(db, c.id)), attachmentId);
}

// ---- receipts of payments (files kept by the attachments module)

/** The record type of a payment's receipts among attachments. */
const RECEIPT_RECORD = 'contractPayment';

/** The organisation whose storage a receipt counts against: the actor's side of the contract (buyer, seller or its agency), or none (no receipt). */
function receiptOrganization(actor: Actor, c: ContractRow) {
  return [c.buyerOrganizationId, c.sellerOrganizationId, c.agencyOrganizationId].map((id) => (id ? actor.memberships.find((m) => m.organizationId === id) : undefined)).find((m) => m);
}

/** The buyer or the seller attaches a receipt (PDF or image) to a payment of a live contract. */
export async function addPaymentReceipt(db: Db, store: AttachmentStore, ctx: Signed, id: string, paymentId: string, next: () => Promise<IncomingFile | undefined>, quotaBytes: number) {
  const { c } = await load(db, ctx.actor, id);
  const m = receiptOrganization(ctx.actor, c);
  if (!m) throw forbidden();
  if (c.status === 'refused' || c.status === 'terminated') throw invalidState('err.contract.recordPayment.state');
  const p = await repo.paymentById(db, c.id, paymentId);
  if (!p) throw notFound('contractPayment');
  await attachToRecord(
    db,
    store,
    ctx,
    {
      recordType: RECEIPT_RECORD,
      recordId: p.id,
      organizationId: m.organizationId,
      jurisdictionCode: c.jurisdictionCode ?? c.seller.region,
      audit: (tx, after) => recordAudit(tx, ctx, { action: 'contract.payment.receipt', entityType: 'contract', entityId: c.id, organizationId: m.organizationId, jurisdictionCode: c.jurisdictionCode ?? c.seller.region, after }),
    },
    next,
    quotaBytes,
  );
  return getContract(db, ctx.actor, id);
}

/** Whoever attached a receipt removes it (a wrong file), while the payment is not yet confirmed. */
export async function removePaymentReceipt(db: Db, ctx: Signed, id: string, paymentId: string, attachmentId: string) {
  const { c } = await load(db, ctx.actor, id);
  const p = await repo.paymentById(db, c.id, paymentId);
  if (!p) throw notFound('attachment');
  if (p.confirmedAt) throw invalidState('err.contract.receiptConfirmed');
  await detachFromRecord(
    db,
    ctx,
    {
      recordType: RECEIPT_RECORD,
      recordIds: [p.id],
      audit: (tx, before) =>
        recordAudit(tx, ctx, { action: 'contract.payment.receiptRemove', entityType: 'contract', entityId: c.id, organizationId: receiptOrganization(ctx.actor, c)?.organizationId ?? c.sellerOrganizationId, jurisdictionCode: c.jurisdictionCode ?? c.seller.region, before }),
    },
    attachmentId,
  );
  return getContract(db, ctx.actor, id);
}

/** A receipt's file, for those who read the contract. */
export async function openPaymentReceipt(db: Db, store: AttachmentStore, actor: Actor, id: string, paymentId: string, attachmentId: string) {
  const { c } = await load(db, actor, id);
  const p = await repo.paymentById(db, c.id, paymentId);
  if (!p) throw notFound('attachment');
  return openRecordAttachment(db, store, RECEIPT_RECORD, [p.id], attachmentId);
}

/** The seller of a contract the actor may read, else undefined (the distributions module says why a contract has no plans). */
export async function readableContractSeller(db: Executor, actor: Actor, id: string) {
  const found = await repo.byIdWithPoint(db, id);
  if (!found || !contractPolicy(actor, found.c, found.point).read) return undefined;
  return { entityType: found.c.seller.entityType, name: found.c.seller.name };
}

export async function getContract(db: Db, actor: Actor, id: string) {
  const { c, point, policy } = await load(db, actor, id);
  return present(db, actor, c, point, policy);
}

export async function searchContracts(db: Db, actor: Actor, q: ContractQuery) {
  const page: Page = { page: q.page, pageSize: q.pageSize };
  // The desk's points are asked every time: the answer also says whether the caller staffs a desk or administers one (the 登记审核 tab).
  const desk = await repo.deskPointIds(db, actor);
  const { rows, total } = await repo.search(db, actor, q, page, q.scope === 'desk' ? desk : []);
  const documents = await attachmentCounts(db, DOCUMENT_RECORD, rows.map((c) => c.id));
  const admin = isAnyAdmin(actor);
  const scopes = ['mine' as const, ...(desk.length || admin ? (['desk'] as const) : []), ...(admin ? (['jurisdiction'] as const) : [])];
  return { ...paged(rows.map((c) => presentContractSummary(c, documents.get(c.id) ?? 0)), total, page), scopes };
}

/**
 * 409 for a contract whose state forbids the action, naming the fields the request would have changed (an edit of a
 * registered contract), or else the contract's status.
 */
function stateRefusal(key: string, status: string, fields: string[]) {
  const paths = fields.length ? fields : ['status'];
  return new AppError(409, 'invalid-state', 'problem.invalidState', key, { status }, paths.map((path) => ({ path, key })));
}

/**
 * Runs a command on a locked contract the actor may act on: 409 when its state forbids it to someone who could act, 403 otherwise.
 * A command that knows the row it leaves (and its point) returns them, and the answer is presented from them; otherwise the contract is read again.
 */
type Left = { c: ContractRow; point: PointRow | undefined };
async function command(
  db: Db,
  ctx: Signed,
  id: string,
  action: Exclude<keyof ContractPolicy, 'read'>,
  run: (tx: Tx, c: ContractRow, point: PointRow | undefined) => Promise<Left | void>,
  fields: string[] = [],
) {
  const left = await db.transaction(async (tx) => {
    const { c, point, policy } = await load(tx, ctx.actor, id, { lock: true });
    if (!policy[action]) {
      const r = contractRoles(ctx.actor, c, point);
      // The seller of a contract whose buyer is on the platform confirms payments; the buyer records them.
      if (action === 'recordPayment' && !r.buyer && r.seller && c.buyerOrganizationId)
        throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.contract.recordPayment.buyerRecords', {}, [{ path: 'contract', key: 'err.contract.recordPayment.buyerRecords' }]);
      const side = { update: r.seller, submit: r.seller, review: r.desk, recordPayment: r.buyer || r.seller, amend: r.seller || r.desk, terminate: r.seller || r.desk, certify: r.desk, addDocument: r.sellerMember }[action];
      if (side) throw stateRefusal(c.status === 'registered' && action === 'update' ? 'err.contract.registeredEdit' : `err.contract.${action}.state`, c.status, fields);
      throw forbidden();
    }
    return run(tx, c, point);
  });
  return left ? present(db, ctx.actor, left.c, left.point) : getContract(db, ctx.actor, id);
}

// ---- entering a contract

export type DealFacts = {
  dealId: string;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  agentOrganizationId: string | null;
  achievementId: string;
  transaction: string;
  amountFen: number;
  signedOn: string;
  contractNo: string | null;
  schedule: { dueOn: string; amount: number }[];
};

const KIND_OF_TRANSACTION: Record<string, string> = { transfer: 'transfer', equity: 'transfer', licence: 'licence', use_first_pay_later: 'licence' };

/** The draft a signed deal prefills for its seller: parties, achievement, price and schedule (undefined when the deal has one already). */
export async function prefillContractFromDeal(db: Db, ctx: RequestContext, d: DealFacts) {
  const existing = await repo.byDeal(db, d.dealId);
  if (existing) return { contract: existing, created: false };
  const [seller, buyer, agency] = await Promise.all([
    resolveParty(db, { organizationId: d.sellerOrganizationId }, 'seller'),
    resolveParty(db, { organizationId: d.buyerOrganizationId }, 'buyer'),
    d.agentOrganizationId ? resolveParty(db, { organizationId: d.agentOrganizationId }, 'agency') : null,
  ]);
  const achievement = await getAchievement(db, null, d.achievementId).then(
    (a) => ({ title: a.title as string, industry: (a.industry as string | null) ?? null }),
    () => null,
  );
  const achievementTitle = achievement?.title ?? null;
  const lastDue = d.schedule.reduce((m, p) => (p.dueOn > m ? p.dueOn : m), d.signedOn);
  const yearLater = addDays(d.signedOn, 365);
  const kind = KIND_OF_TRANSACTION[d.transaction] ?? 'transfer';
  return db.transaction(async (tx) => {
    const row = await repo.insertForDeal(tx, {
      kind,
      subkind: null,
      title: achievementTitle ? `「${achievementTitle}」技术${kind === 'licence' ? '许可' : '转让'}合同` : '技术合同（科转通成交）',
      industry: achievement?.industry ?? null,
      contractNo: d.contractNo,
      signedOn: d.signedOn,
      validUntil: lastDue > yearLater ? lastDue : yearLater,
      ...partyColumns(seller, buyer, agency),
      contractAmount: d.amountFen,
      technologyAmount: d.amountFen,
      deductions: [],
      achievementIds: [d.achievementId],
      schedule: d.schedule,
      dealId: d.dealId,
      createdBy: ctx.actor?.user.id ?? null,
    });
    if (!row) return { contract: (await repo.byDeal(tx, d.dealId))!, created: false };
    await recordAudit(tx, ctx, { ...auditOf(row), action: 'contract.prefill', after: { dealId: d.dealId, contractAmount: d.amountFen } });
    return { contract: row, created: true };
  });
}

export type ChallengeAwardFacts = {
  challengeId: string;
  bidId: string;
  title: string | null;
  poserOrganizationId: string;
  solverOrganizationId: string;
  /** Fen: the winning bid's budget. */
  budget: number;
  /** YYYY-MM-DD: the award date, the draft's signing date until the seller corrects it. */
  awardedOn: string;
};

/**
 * Registered technology contracts between any two of these organisations
 * signed on or after a day (a challenge panel's avoidance reads who worked
 * with whom): the parties' organisation ids and names, the title, the day.
 */
export async function registeredContractsBetween(db: Executor, q: { organizationIds: string[]; since: string }) {
  const ids = [...new Set(q.organizationIds)];
  const rows = await repo.registeredAmong(db, ids, q.since);
  return rows
    .filter((r) => r.sellerOrganizationId && r.buyerOrganizationId && ids.includes(r.sellerOrganizationId) && ids.includes(r.buyerOrganizationId))
    .map((r) => ({ id: r.id, title: r.title, signedOn: r.signedOn, registrationNumber: r.registrationNumber, parties: [{ id: r.sellerOrganizationId!, name: r.seller.name }, { id: r.buyerOrganizationId!, name: r.buyer.name }] }));
}

/**
 * The draft technology development contract (技术开发·委托) a winning challenge
 * bid prefills for its solver: the solver sells, the poser buys, the bid's
 * budget is the contract and technology amount. Once per bid (the unique
 * `challenge_bid_id`); the seller corrects and submits it like any draft.
 */
export async function prefillContractFromChallenge(db: Db, ctx: RequestContext, a: ChallengeAwardFacts) {
  const existing = await repo.byChallengeBid(db, a.bidId);
  if (existing) return { contract: existing, created: false };
  const [seller, buyer] = await Promise.all([resolveParty(db, { organizationId: a.solverOrganizationId }, 'seller'), resolveParty(db, { organizationId: a.poserOrganizationId }, 'buyer')]);
  return db.transaction(async (tx) => {
    const row = await repo.insertForChallengeBid(tx, {
      kind: 'development',
      subkind: 'commissioned',
      title: a.title ? `「${a.title}」技术开发（委托）合同` : '技术开发（委托）合同（揭榜中标）',
      contractNo: null,
      signedOn: a.awardedOn,
      validUntil: addDays(a.awardedOn, 365),
      ...partyColumns(seller, buyer, null),
      contractAmount: a.budget,
      technologyAmount: a.budget,
      deductions: [],
      achievementIds: [],
      schedule: [],
      challengeBidId: a.bidId,
      createdBy: ctx.actor?.user.id ?? null,
    });
    if (!row) return { contract: (await repo.byChallengeBid(tx, a.bidId))!, created: false };
    await recordAudit(tx, ctx, { ...auditOf(row), action: 'contract.prefillFromChallenge', after: { challengeId: a.challengeId, bidId: a.bidId, contractAmount: a.budget } });
    return { contract: row, created: true };
  });
}

/** Enters a contract: by hand (signed off the platform, or on it), or prefilled from a signed deal the seller's side holds. */
export async function createContract(db: Db, ctx: Signed, body: CreateContractBody) {
  if (body.kind === undefined) {
    const deal = await getDeal(db, ctx.actor, body.dealId);
    const sellerSide = ctx.actor.memberships.some((m) => m.organizationId === deal.seller.id || m.organizationId === deal.agent?.id);
    if (!sellerSide) throw forbidden();
    if (deal.status !== 'signed' && deal.status !== 'completed') throw rule('dealId', 'err.contract.dealNotSigned');
    const { contract, created } = await prefillContractFromDeal(db, ctx, {
      dealId: deal.id,
      sellerOrganizationId: deal.seller.id,
      buyerOrganizationId: deal.buyer.id,
      agentOrganizationId: deal.agent?.id ?? null,
      achievementId: deal.achievement.id,
      transaction: deal.transaction,
      amountFen: deal.amount,
      signedOn: deal.signedOn!,
      contractNo: deal.contractNo,
      schedule: deal.payments.map((p) => ({ dueOn: p.dueOn, amount: p.amount })),
    });
    if (created) await carryOverPaidDealPayments(db, ctx, contract.id, deal.payments);
    return { created, contract: await getContract(db, ctx.actor, contract.id) };
  }
  const prepared = await prepareContract(db, ctx, body);
  if (body.dealId) await getDeal(db, ctx.actor, body.dealId);
  const row = await db.transaction(async (tx) => {
    if (body.dealId && (await repo.byDeal(tx, body.dealId))) throw new AppError(409, 'conflict', 'problem.conflict', 'err.contract.dealTaken', {}, [{ path: 'dealId', key: 'err.contract.dealTaken' }]);
    return insertContract(tx, ctx, body, prepared);
  });
  return { created: true, contract: await getContract(db, ctx.actor, row.id) };
}

export type ManualContractBody = Exclude<CreateContractBody, { kind?: undefined }>;
type PreparedParties = { seller: StoredParty; buyer: StoredParty; agency: StoredParty | null; industry: string | null };

/** The industry a contract states: the one given, else its first achievement's (prefilled), else none. */
async function industryOf(db: Db, industry: string | null | undefined, achievementIds: string[]) {
  if (industry) return industry;
  if (!achievementIds[0]) return null;
  return getAchievement(db, null, achievementIds[0]).then(
    (a) => (a.industry as string | null) ?? null,
    () => null,
  );
}

/**
 * Every check of a contract entered by hand, nothing stored: its parties
 * resolved, the actor allowed to enter it for the seller, the figures' rules.
 * `POST /api/contracts` and the Excel import (each row) run exactly this.
 */
export async function prepareContract(db: Db, ctx: Signed, body: ManualContractBody): Promise<PreparedParties> {
  const [seller, buyer, agency, industry] = await Promise.all([
    resolveParty(db, body.seller, 'seller'),
    resolveParty(db, body.buyer, 'buyer'),
    body.agency ? resolveParty(db, body.agency, 'agency') : null,
    industryOf(db, body.industry, body.achievementIds),
  ]);
  // The seller registers: its people (or its agency's) enter the contract, or an administrator of its region does for it.
  const mayEnter = [seller.organizationId, agency?.organizationId].some((id) => id && ctx.actor.memberships.some((m) => m.organizationId === id)) || managesPoints(ctx.actor, seller.regionPath);
  if (!mayEnter) throw forbidden();
  if (partyKey(seller) === partyKey(buyer)) throw rule('buyer', 'err.contract.sameParty');
  checkFigures({ ...body, schedule: body.payments }, ctx);
  await checkAchievements(db, body.achievementIds, seller);
  return { seller, buyer, agency, industry };
}

/** The achievements a contract names exist and, for a seller on the platform, are the seller's (each refused at its place in the list). */
async function checkAchievements(db: Executor, ids: string[], seller: StoredParty) {
  if (!ids.length) return;
  const heads = await achievementHeads(db, ids);
  ids.forEach((id, i) => {
    const head = heads.find((h) => h.id === id);
    if (!head) throw rule(`achievementIds.${i}`, 'err.contract.unknownAchievement');
    if (seller.organizationId && head.organizationId !== seller.organizationId) throw rule(`achievementIds.${i}`, 'err.contract.achievementNotSeller', { title: head.title, seller: seller.name });
  });
}

/** The achievements a contract names, by title, for its page (the titles its parties and desk read on the contract). */
async function achievementTitles(db: Executor, ids: string[]) {
  const heads = ids.length ? await achievementHeads(db, ids) : [];
  return ids.map((id) => ({ id, title: heads.find((h) => h.id === id)?.title ?? null }));
}

/** Stores a prepared contract as a draft, with its audit record (inside the caller's transaction). */
export async function insertContract(
  tx: Tx,
  ctx: Signed,
  body: ManualContractBody,
  { seller, buyer, agency, industry }: PreparedParties,
  audit: Record<string, unknown> = {},
  origin: { importId: string; importRow: number } | null = null,
) {
  const c = await repo.insert(tx, {
    ...origin,
    // A row of an import is hidden until the whole import is entered (`revealImported`).
    ...(origin ? { status: IMPORTING } : {}),
    kind: body.kind,
    subkind: body.subkind,
    title: body.title,
    industry,
    contractNo: body.contractNo,
    signedOn: body.signedOn,
    validUntil: body.validUntil,
    ...partyColumns(seller, buyer, agency),
    broker: body.broker,
    contractAmount: body.contractAmount,
    technologyAmount: body.technologyAmount,
    deductions: body.deductions,
    expectedInvestment: body.expectedInvestment,
    expectedOutput: body.expectedOutput,
    achievementIds: body.achievementIds,
    ipItems: body.ipItems,
    schedule: body.payments,
    dealId: body.dealId,
    createdBy: ctx.actor.user.id,
  });
  await recordAudit(tx, ctx, { ...auditOf(c), action: 'contract.create', after: { kind: c.kind, contractAmount: c.contractAmount, technologyAmount: c.technologyAmount, ...audit } });
  return c;
}

/** The contract numbers among `numbers` that the seller (`sellerKey` of its party) has entered already (an import run again does not count its own). */
export async function contractNumbersTaken(db: Db, seller: StoredParty, numbers: string[], exceptImportId: string | null = null): Promise<string[]> {
  return numbers.length ? repo.contractNosOf(db, partyKey(seller), numbers, exceptImportId) : [];
}

/** The file rows of an import already entered (a job run again skips them), and its first drafts (visible ones). */
export const importedRows = (db: Db, importId: string) => repo.importedRows(db, importId);
export const importedContracts = (db: Db, importId: string, limit = 20) => repo.importedContracts(db, importId, limit);
/** Every row of an import becomes a visible draft at once (in the transaction that marks the import done); answers how many. */
export const revealImported = (tx: Tx, importId: string) => repo.revealImported(tx, importId, IMPORTING);
/** The hidden rows of a discarded import are deleted (in the transaction that discards it); answers how many. */
export const deleteHiddenImported = (tx: Tx, importId: string) => repo.deleteHidden(tx, importId, IMPORTING);

/** Corrects a draft or returned contract; a submitted or registered one is not edited (a registered one is amended). */
export async function updateContract(db: Db, ctx: Signed, id: string, body: UpdateContractBody) {
  const [seller, buyer, agency] = await Promise.all([
    body.seller ? resolveParty(db, body.seller, 'seller') : undefined,
    body.buyer ? resolveParty(db, body.buyer, 'buyer') : undefined,
    body.agency ? resolveParty(db, body.agency, 'agency') : body.agency,
  ]);
  return command(db, ctx, id, 'update', async (tx, c) => {
    const next = {
      kind: body.kind ?? c.kind,
      subkind: body.subkind !== undefined ? body.subkind : body.kind && body.kind !== c.kind ? null : c.subkind,
      title: body.title ?? c.title,
      industry: body.industry !== undefined ? body.industry : c.industry,
      contractNo: body.contractNo !== undefined ? body.contractNo : c.contractNo,
      signedOn: body.signedOn ?? c.signedOn,
      validUntil: body.validUntil ?? c.validUntil,
      broker: body.broker !== undefined ? body.broker : c.broker,
      contractAmount: body.contractAmount ?? c.contractAmount,
      technologyAmount: body.technologyAmount ?? c.technologyAmount,
      deductions: body.deductions ?? c.deductions,
      expectedInvestment: body.expectedInvestment !== undefined ? body.expectedInvestment : c.expectedInvestment,
      expectedOutput: body.expectedOutput !== undefined ? body.expectedOutput : c.expectedOutput,
      achievementIds: body.achievementIds ?? c.achievementIds,
      ipItems: body.ipItems ?? c.ipItems,
      schedule: body.payments ?? c.schedule,
    };
    const parties = partyColumns(seller ?? c.seller, buyer ?? c.buyer, agency === undefined ? c.agency : agency);
    if (parties.sellerKey === parties.buyerKey) throw rule('buyer', 'err.contract.sameParty');
    checkFigures(next, ctx);
    if (body.achievementIds || body.seller) await checkAchievements(tx, next.achievementIds, parties.seller);
    const after = await repo.update(tx, c.id, { ...next, ...parties });
    await recordAudit(tx, ctx, { ...auditOf(after), action: 'contract.update', before: { contractAmount: c.contractAmount, technologyAmount: c.technologyAmount }, after: { contractAmount: after.contractAmount, technologyAmount: after.technologyAmount } });
  }, Object.keys(body).filter((k) => body[k as keyof UpdateContractBody] !== undefined));
}

// ---- registration

async function windowDaysFor(db: Executor, jurisdictionPath: string) {
  const codes = jurisdictionPath.split('/');
  const rows = await repo.windowDays(db, codes);
  for (const code of [...codes].reverse()) {
    const r = rows.find((x) => x.jurisdictionCode === code);
    if (r) return r.windowDays;
  }
  return DEFAULT_REGISTRATION_WINDOW_DAYS;
}

/** The seller applies once, at a point of its own region, while the contract is valid and within the window after signing. */
export async function submitContract(db: Db, ctx: Signed, id: string, body: { pointId: string }) {
  return command(db, ctx, id, 'submit', async (tx, c) => {
    const point = await repo.pointById(tx, body.pointId);
    if (!point) throw rule('pointId', 'err.contract.unknownPoint');
    if (!pathWithin(c.sellerPath, point.jurisdictionPath)) throw rule('pointId', 'err.contract.pointOutsideRegion', { point: point.name, region: c.seller.region });
    const now = today(ctx);
    if (c.validUntil < now) throw rule('validUntil', 'err.contract.expired', { validUntil: c.validUntil });
    const days = await windowDaysFor(tx, point.jurisdictionPath);
    const deadline = addDays(c.signedOn, days);
    if (now > deadline) throw rule('signedOn', 'err.contract.window', { days, deadline });
    const subkinds = CONTRACT_SUBKINDS[c.kind as keyof typeof CONTRACT_SUBKINDS] ?? [];
    if (subkinds.length && !c.subkind) throw rule('subkind', 'err.contract.subkindRequired', { options: subkinds.join(', ') });
    if ((c.kind === 'transfer' || c.kind === 'licence') && (c.expectedInvestment === null || c.expectedOutput === null))
      throw rule(c.expectedInvestment === null ? 'expectedInvestment' : 'expectedOutput', 'err.contract.expectedRequired');
    checkFigures({ ...c, schedule: c.schedule }, ctx);
    const dup = await repo.duplicateOf(tx, c);
    if (dup) throw duplicateOf(dup);
    const after = await repo.update(tx, c.id, { status: 'submitted', pointId: point.id, jurisdictionCode: point.jurisdictionCode, jurisdictionPath: point.jurisdictionPath, submittedAt: ctx.now ?? new Date(), reviewReason: null });
    await repo.addHistory(tx, { contractId: c.id, kind: 'submission', after: { pointId: point.id, pointName: point.name }, actorId: ctx.actor.user.id });
    await recordAudit(tx, ctx, { ...auditOf(c), jurisdictionCode: point.jurisdictionCode, action: 'contract.submit', after: { pointId: point.id } });
    return { c: after, point };
  });
}

/** 409 naming the registration number of the contract already registered. */
const duplicateOf = (dup: { registrationNumber: string | null }) =>
  new AppError(409, 'duplicate-registration', 'problem.conflict', 'err.contract.duplicate', { number: dup.registrationNumber ?? '' }, [{ path: 'contract', key: 'err.contract.duplicate' }]);

const facts = (c: ContractRow) => {
  const p = (x: StoredParty) => ({ organizationId: x.organizationId, name: x.name, region: x.region, entityType: x.entityType });
  return { contractId: c.id, kind: c.kind, subkind: c.subkind, title: c.title, signedOn: c.signedOn, seller: p(c.seller), buyer: p(c.buyer), agency: c.agency ? p(c.agency) : null, achievementIds: c.achievementIds, dealId: c.dealId };
};

type Counted = Pick<Figures, 'contractAmount' | 'technologyAmount' | 'certifiedAmount'>;

/**
 * The totals rows a registered contract adds to (sign 1) or, terminated, takes from (sign −1) with the figures in
 * force: one per jurisdiction above either party.
 */
function totalsOf(c: ContractRow, sign: 1 | -1, f: Counted = c) {
  return totalsMove(c, sign, { contractAmount: sign * f.contractAmount, technologyAmount: sign * f.technologyAmount, certifiedAmount: sign * (f.certifiedAmount ?? 0) });
}

/** The totals rows an amendment of a registered contract moves by the difference of its figures (the count stays). */
function totalsDelta(c: ContractRow, before: Counted, after: Counted) {
  const d = { contractAmount: after.contractAmount - before.contractAmount, technologyAmount: after.technologyAmount - before.technologyAmount, certifiedAmount: (after.certifiedAmount ?? 0) - (before.certifiedAmount ?? 0) };
  if (c.status !== 'registered' || (!d.contractAmount && !d.technologyAmount && !d.certifiedAmount)) return [];
  return totalsMove(c, 0, d);
}

function totalsMove(c: ContractRow, count: number, d: Counted & { certifiedAmount: number }) {
  const year = c.registeredYear;
  if (year === null) return [];
  const tech = d.technologyAmount;
  return classifyContract(c.sellerPath, c.buyerPath).map((k) => ({
    jurisdictionCode: k.jurisdictionCode,
    year,
    kind: c.kind,
    count,
    contractAmount: d.contractAmount,
    technologyAmount: tech,
    certifiedAmount: d.certifiedAmount,
    absorbedCount: k.absorbed ? count : 0,
    absorbedAmount: k.absorbed ? tech : 0,
    outputCount: k.output ? count : 0,
    outputAmount: k.output ? tech : 0,
    inputCount: k.input ? count : 0,
    inputAmount: k.input ? tech : 0,
  }));
}

/** A registration number: year, the registering region's code, the point, a sequence (2026-140700-01-000123). */
export const registrationNumber = (year: number, regionCode: string, pointCode: string, seq: number) => `${year}-${regionCode}-${pointCode}-${String(seq).padStart(6, '0')}`;

/** The point's staff (or its jurisdiction's administrators) register, refuse (未予登记) or return a submitted contract. */
export async function reviewContract(db: Db, ctx: Signed, id: string, body: Omit<ReviewContractBody, 'newAfterTermination'> & { newAfterTermination?: boolean }) {
  return command(db, ctx, id, 'review', async (tx, c, point) => {
    const reason = body.reason.trim();
    // The checklist is honest: no signed contract attached, none is registered and its item cannot be ticked.
    const documented = ((await attachmentCounts(tx, DOCUMENT_RECORD, [c.id])).get(c.id) ?? 0) > 0;
    if (!documented && body.decision === 'register') throw rule('documents', 'err.contract.documentsRequired');
    if (!documented && body.checklist.includes('signaturesAttached')) throw rule('checklist', 'err.contract.signaturesWithoutDocument');
    if (body.decision === 'register') {
      // Registration is the desk's word that every point was checked (技术合同认定登记规程): all of them, not some.
      const unchecked = REVIEW_CHECKLIST.filter((item) => !body.checklist.includes(item));
      if (unchecked.length) throw rule('checklist', 'err.contract.checklistIncomplete', { items: unchecked.map((i) => REVIEW_CHECKLIST_LABELS[i][ctx.lang]).join(ctx.lang === 'en' ? ', ' : '、') });
      const certified = body.certifiedAmount ?? c.technologyAmount;
      if (certified > c.technologyAmount) throw rule('certifiedAmount', 'err.contract.certifiedAbove', { declared: yuan(c.technologyAmount) });
      if (certified < c.technologyAmount && !reason) throw rule('reason', 'err.contract.certifiedReason');
      // A copy of a terminated registered contract is a new contract only if the desk says so.
      const [copy] = await repo.terminatedCopiesOf(tx, c);
      if (copy && !body.newAfterTermination)
        throw new AppError(409, 'terminated-copy', 'problem.conflict', 'err.contract.terminatedCopy', { number: copy.registrationNumber ?? '', on: copy.terminatedOn ?? '' }, [{ path: 'newAfterTermination', key: 'err.contract.terminatedCopy' }]);
      const on = today(ctx);
      const year = Number(on.slice(0, 4));
      const registered = {
        status: 'registered',
        registeredOn: on,
        registeredYear: year,
        certifiedAmount: certified,
        certifiedReason: certified < c.technologyAmount ? reason : null,
        reviewReason: reason || null,
        checklist: body.checklist,
        reviewedBy: ctx.actor.user.id,
      };
      // Duplicate check, number, registration, history and running totals in one statement; the row it leaves is known without reading it back.
      const number = await repo.register(tx, {
        contract: c,
        year,
        pointId: point!.id,
        prefix: registrationNumber(year, point!.jurisdictionCode, point!.code, 0).slice(0, -6),
        registeredOn: on,
        certifiedAmount: certified,
        certifiedReason: registered.certifiedReason,
        reason,
        checklist: body.checklist,
        actorId: ctx.actor.user.id,
        totals: totalsOf({ ...c, ...registered }, 1),
      });
      if (number === undefined) throw duplicateOf((await repo.duplicateOf(tx, c))!);
      const after: ContractRow = { ...c, ...registered, registrationNumber: number, updatedAt: ctx.now ?? new Date() };
      await recordAudit(tx, ctx, { ...auditOf(after), action: 'contract.register', after: { registrationNumber: number, certifiedAmount: certified, ...(copy ? { newAfterTermination: copy.registrationNumber } : {}) } });
      await publish(
        tx,
        contractRegistered,
        { ...facts(after), registrationNumber: number, registeredOn: on, jurisdictionCode: point!.jurisdictionCode, contractAmount: after.contractAmount, technologyAmount: after.technologyAmount, certifiedAmount: certified, industry: after.industry },
        meta(ctx),
      );
      return { c: after, point };
    }
    if (!reason) throw rule('reason', 'err.contract.reasonRequired');
    if (body.decision === 'refuse') {
      const after = await repo.update(tx, c.id, { status: 'refused', reviewReason: reason, checklist: body.checklist, reviewedBy: ctx.actor.user.id });
      await repo.addHistory(tx, { contractId: c.id, kind: 'refusal', reason, actorId: ctx.actor.user.id });
      await recordAudit(tx, ctx, { ...auditOf(after), action: 'contract.refuse', after: { reason } });
      return { c: after, point };
    }
    const after = await repo.update(tx, c.id, { status: 'returned', reviewReason: reason, checklist: body.checklist, reviewedBy: ctx.actor.user.id });
    await repo.addHistory(tx, { contractId: c.id, kind: 'return', reason, actorId: ctx.actor.user.id });
    await recordAudit(tx, ctx, { ...auditOf(after), action: 'contract.return', after: { reason } });
    return { c: after, point };
  });
}

/** `contract.amended`: the figures in force of a registered contract, as the statistics count them. */
const amendedFacts = (c: ContractRow, f: Figures) => ({ contractId: c.id, registrationNumber: c.registrationNumber, contractAmount: f.contractAmount, technologyAmount: f.technologyAmount, certifiedAmount: f.certifiedAmount });

/** 变更登记: new figures for a registered contract, kept as history; the registered row itself is never edited. */
export async function amendContract(db: Db, ctx: Signed, id: string, body: AmendContractBody) {
  return command(db, ctx, id, 'amend', async (tx, c, point) => {
    const r = contractRoles(ctx.actor, c, point);
    if (body.certifiedAmount !== undefined && !r.desk) throw forbidden();
    const history = await repo.history(tx, c.id);
    const before = effectiveFigures(c, history);
    const next: Figures = {
      contractAmount: body.contractAmount ?? before.contractAmount,
      technologyAmount: body.technologyAmount ?? before.technologyAmount,
      deductions: body.deductions ?? before.deductions,
      validUntil: body.validUntil ?? before.validUntil,
      certifiedAmount: body.certifiedAmount ?? before.certifiedAmount,
    };
    // The seller may lower the technology amount below what was certified: the certification never stands above
    // what is declared, so it follows down to the new technology amount (the desk may certify less on its own amendment).
    if (body.certifiedAmount === undefined && next.certifiedAmount !== null && next.certifiedAmount > next.technologyAmount) next.certifiedAmount = next.technologyAmount;
    checkFigures({ kind: c.kind, subkind: c.subkind, signedOn: c.signedOn, schedule: c.schedule, ...next }, ctx);
    if ((next.certifiedAmount ?? 0) > next.technologyAmount) throw rule('certifiedAmount', 'err.contract.certifiedAbove', { declared: yuan(next.technologyAmount) });
    const paid = (await repo.payments(tx, c.id)).reduce((s, p) => s + p.amount, 0);
    if (next.contractAmount < paid) throw rule('contractAmount', 'err.contract.belowPaid', { paid: yuan(paid) });
    await repo.addHistory(tx, { contractId: c.id, kind: 'amendment', reason: body.reason, before, after: next, actorId: ctx.actor.user.id });
    // The jurisdictions' yearly totals follow the figures in force (a certified amount changed by the desk too).
    await repo.addToTotals(tx, totalsDelta(c, before, next));
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'contract.amend', before, after: { ...next, reason: body.reason } });
    await publish(tx, contractAmended, amendedFacts(c, next), meta(ctx));
  });
}

/** Terminates a registered contract with a reason; what its registration caused is clawed back by those who react. */
export async function terminateContract(db: Db, ctx: Signed, id: string, body: { reason: string; terminatedOn?: string }) {
  return command(db, ctx, id, 'terminate', async (tx, c) => {
    const on = body.terminatedOn ?? today(ctx);
    if (on > today(ctx)) throw rule('terminatedOn', 'err.contract.terminatedOnFuture');
    if (on < c.signedOn) throw rule('terminatedOn', 'err.contract.terminatedBeforeSigned');
    const inForce = effectiveFigures(c, await repo.history(tx, c.id));
    const after = await repo.update(tx, c.id, { status: 'terminated', terminatedOn: on, terminationReason: body.reason });
    // What the totals hold of it: the figures in force (as amended), not the ones first registered.
    await repo.addToTotals(tx, totalsOf(c, -1, inForce));
    await repo.addHistory(tx, { contractId: c.id, kind: 'termination', reason: body.reason, after: { terminatedOn: on }, actorId: ctx.actor.user.id });
    await recordAudit(tx, ctx, { ...auditOf(after), action: 'contract.terminate', after: { terminatedOn: on, reason: body.reason } });
    await publish(tx, contractTerminated, { contractId: c.id, registrationNumber: c.registrationNumber, terminatedOn: on, reason: body.reason }, meta(ctx));
  });
}

// ---- payments

/** The buyer records a payment (or the seller, for a buyer off the platform); never beyond the contract amount in force. */
export async function recordContractPayment(db: Db, ctx: Signed, id: string, body: { paidOn: string; amount: number; note: string }) {
  return command(db, ctx, id, 'recordPayment', async (tx, c) => {
    if (body.paidOn > today(ctx)) throw rule('paidOn', 'err.contract.paidOnFuture');
    const { contractAmount } = effectiveFigures(c, await repo.history(tx, c.id));
    const paid = (await repo.payments(tx, c.id)).reduce((s, p) => s + p.amount, 0);
    if (paid + body.amount > contractAmount) throw rule('amount', 'err.contract.paymentBeyond', { remaining: yuan(Math.max(0, contractAmount - paid)), contract: yuan(contractAmount) });
    const p = await repo.insertPayment(tx, { contractId: c.id, source: 'buyer', paidOn: body.paidOn, amount: body.amount, note: body.note, recordedBy: ctx.actor.user.id });
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'contract.payment.record', after: { paymentId: p.id, amount: p.amount, paidOn: p.paidOn } });
    await publish(tx, contractPaymentRecorded, { ...facts(c), paymentId: p.id, paidOn: p.paidOn, amount: p.amount }, meta(ctx));
  });
}

/** The seller confirms receipt (实际到账). */
export async function confirmContractPayment(db: Db, ctx: Signed, id: string, paymentId: string) {
  await db.transaction(async (tx) => {
    const { c, point } = await load(tx, ctx.actor, id, { lock: true });
    if (!contractRoles(ctx.actor, c, point).seller) throw forbidden();
    const p = await repo.paymentById(tx, c.id, paymentId);
    if (!p) throw notFound('contractPayment');
    if (p.confirmedAt) throw invalidState('err.contract.paymentConfirmed');
    if (c.status === 'refused' || c.status === 'terminated') throw invalidState('err.contract.recordPayment.state');
    const after = await repo.updatePayment(tx, p.id, { confirmedAt: ctx.now ?? new Date(), confirmedBy: ctx.actor.user.id });
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'contract.payment.confirm', after: { paymentId: p.id, amount: p.amount } });
    await publish(tx, contractPaymentConfirmed, { ...facts(c), paymentId: after.id, paidOn: after.paidOn, amount: after.amount }, meta(ctx));
  });
  return getContract(db, ctx.actor, id);
}

/**
 * Payments of a deal marked paid by its seller become confirmed payments of its contract, once each. One that takes
 * the payments beyond the contract amount in force (a 先使用后付费 royalty, paid on top of the price) raises the
 * contract's amounts by the excess (`raiseForPayment`): the contract never silently records more than it is worth.
 */
export async function carryOverDealPayment(db: Db, ctx: RequestContext, p: { dealId: string; paymentId: string; paidOn: string; amount: number; note: string; kind?: string; period?: string | null }) {
  const found = await repo.byDeal(db, p.dealId);
  if (!found) return false;
  await db.transaction(async (tx) => {
    const { c, point } = (await repo.byIdWithPoint(tx, found.id, { lock: true }))!;
    const before = effectiveFigures(c, await repo.history(tx, c.id));
    const paid = (await repo.payments(tx, c.id)).reduce((s, x) => s + x.amount, 0);
    const row = await repo.insertDealPayment(tx, { contractId: c.id, source: 'deal', dealPaymentId: p.paymentId, paidOn: p.paidOn, amount: p.amount, note: p.note, confirmedAt: new Date() });
    if (!row) return;
    await recordAudit(tx, ctx, { ...auditOf(c), action: 'contract.payment.carryOver', after: { paymentId: row.id, dealPaymentId: p.paymentId, amount: p.amount } });
    const excess = paid + row.amount - before.contractAmount;
    if (excess > 0) await raiseForPayment(tx, ctx, { c, point, before, excess, payment: row, royalty: p.kind === 'royalty' ? (p.period ?? '') : null });
    await publish(tx, contractPaymentConfirmed, { ...facts(c), paymentId: row.id, paidOn: row.paidOn, amount: row.amount }, meta(ctx));
  });
  return true;
}

/**
 * A payment received beyond the contract amount in force raises the contract and technology amounts by the excess:
 * running royalties are part of a licence's value. A contract not yet registered has its own figures raised; a
 * registered (or terminated) one keeps its registered row and gets a `royalty` history entry that changes the figures
 * in force as an amendment would, its jurisdictions' yearly totals move by the excess, and its registration point's
 * staff are told (the certified amount stays theirs to set on an amendment). The seller is told in every case.
 */
async function raiseForPayment(
  tx: Tx,
  ctx: RequestContext,
  r: { c: ContractRow; point: PointRow | undefined; before: Figures; excess: number; payment: { id: string; amount: number; paidOn: string }; royalty: string | null },
) {
  const { c, point, before, excess, payment } = r;
  const after: Figures = { ...before, contractAmount: before.contractAmount + excess, technologyAmount: before.technologyAmount + excess };
  const what = r.royalty !== null ? `先使用后付费提成${r.royalty ? `（${r.royalty}）` : ''}` : '成交款项';
  const reason = `${what} ${yuan(payment.amount)} 于 ${payment.paidOn} 到账，累计到账超出合同金额 ${yuan(before.contractAmount)}：合同金额与技术交易额各增加 ${yuan(excess)}，为 ${yuan(after.contractAmount)} 与 ${yuan(after.technologyAmount)}`;
  const amounts = (f: Figures) => ({ contractAmount: f.contractAmount, technologyAmount: f.technologyAmount });
  const inForce = c.status === 'registered' || c.status === 'terminated';
  if (inForce) {
    await repo.addHistory(tx, { contractId: c.id, kind: 'royalty', reason, before, after, actorId: null });
    await repo.addToTotals(tx, totalsDelta(c, before, after));
    if (c.status === 'registered') await publish(tx, contractAmended, amendedFacts(c, after), meta(ctx));
  } else {
    await repo.update(tx, c.id, amounts(after));
    await repo.addHistory(tx, { contractId: c.id, kind: 'royaltyDraft', reason, before: amounts(before), after: amounts(after), actorId: null });
  }
  await recordAudit(tx, ctx, { ...auditOf(c), action: 'contract.royaltyRaise', before: amounts(before), after: { ...amounts(after), paymentId: payment.id, excess } });
  const link = `/contracts/${c.id}`;
  const titled = { title: `合同金额随到账款项增加：「${c.title}」`, titleEn: `Contract amount raised by a payment received: ${c.title}`, link };
  const desk =
    c.status === 'registered' && point
      ? point.staffUserIds.map((userId) => ({
          ...titled,
          userId,
          kind: 'contract.royaltyRaise.desk',
          category: 'action',
          dedupeKey: `contract.royaltyRaise:${payment.id}:${userId}`,
          body: `${reason}。登记号 ${c.registrationNumber ?? ''}；如需核定新增部分的认定技术交易额，请办理变更登记。`,
          bodyEn: `A payment took the amounts received beyond the registered contract amount; the figures in force rose by ${formatFen(excess, 'en')}. Certify the added part with an amendment if needed.`,
        }))
      : [];
  const seller = c.sellerOrganizationId
    ? [
        {
          ...titled,
          organizationId: c.sellerOrganizationId,
          kind: 'contract.royaltyRaise',
          dedupeKey: `contract.royaltyRaise:${payment.id}:${c.sellerOrganizationId}`,
          body: inForce ? `${reason}。已记入合同变更记录并告知登记机构。` : `${reason}。申请登记时按新的金额申报。`,
          bodyEn: `The contract and technology amounts rose by ${formatFen(excess, 'en')}.`,
        },
      ]
    : [];
  await notifyMany(tx, [...desk, ...seller]);
}

async function carryOverPaidDealPayments(db: Db, ctx: RequestContext, contractId: string, payments: { id: string; status: string; paid: number | null; paidOn: string | null; note: string; kind?: string; period?: string | null }[]) {
  const c = (await repo.byId(db, contractId))!;
  for (const p of payments) {
    if (p.status === 'paid' && p.paidOn && c.dealId) await carryOverDealPayment(db, ctx, { dealId: c.dealId, paymentId: p.id, paidOn: p.paidOn, amount: p.paid ?? 0, note: p.note, kind: p.kind, period: p.period });
  }
}

// ---- registration points and settings

async function jurisdictionOr404(db: Db, code: string) {
  const j = await findJurisdiction(db, code);
  if (!j) throw notFound('jurisdiction');
  return j;
}

/** The id and name of each of these accounts that exists. */
const namesOf = async (db: Executor, ids: string[]) => [...(await userNames(db, ids))].map(([id, name]) => ({ id, name }));

export async function listRegistrationPoints(db: Db, actor: Actor | null, code: string) {
  const j = await jurisdictionOr404(db, code);
  const [items, rows] = await Promise.all([repo.points(db, code), windowDaysFor(db, j.path)]);
  const manage = managesPoints(actor, j.path);
  // Who staffs a point is shown by name to those who manage it only.
  const names = manage ? await namesOf(db, items.flatMap((p) => p.staffUserIds)) : [];
  return { items: items.map((p) => presentPoint(p, names)), windowDays: rows, allowedActions: manage ? (['manage'] as const).slice() : [] };
}

/** Every staff id names an account: an unknown one is refused at its place in the list. */
async function checkStaff(db: Executor, ids: string[]) {
  const names = await namesOf(db, ids);
  const unknown = ids.findIndex((id) => !names.some((n) => n.id === id));
  if (unknown >= 0) throw rule(`staffUserIds.${unknown}`, 'err.point.unknownStaff', { id: ids[unknown]! });
  return names;
}

/** The jurisdiction's administrators set who staffs a point (by user id; the list replaces the one before). */
export async function setRegistrationPointStaff(db: Db, ctx: Signed, code: string, pointId: string, body: { staffUserIds: string[] }) {
  const j = await jurisdictionOr404(db, code);
  if (!managesPoints(ctx.actor, j.path)) throw forbidden();
  const ids = [...new Set(body.staffUserIds)];
  const names = await checkStaff(db, ids);
  const row = await db.transaction(async (tx) => {
    const p = await repo.pointById(tx, pointId);
    if (!p || p.jurisdictionCode !== j.code) throw notFound('registrationPoint');
    const after = await repo.setPointStaff(tx, p.id, ids);
    await recordAudit(tx, ctx, { entityType: 'registrationPoint', entityId: p.id, jurisdictionCode: j.code, action: 'registrationPoint.staff', before: { staffUserIds: p.staffUserIds }, after: { staffUserIds: ids } });
    return after;
  });
  return presentPoint(row, names);
}

export async function createRegistrationPoint(db: Db, ctx: Signed, code: string, body: { code: string; name: string; address: string; staffUserIds: string[] }) {
  const j = await jurisdictionOr404(db, code);
  if (!managesPoints(ctx.actor, j.path)) throw forbidden();
  const names = await checkStaff(db, body.staffUserIds);
  const row = await db.transaction(async (tx) => {
    if (await repo.pointByCode(tx, code, body.code)) throw new AppError(409, 'conflict', 'problem.conflict', 'err.point.codeTaken', { code: body.code }, [{ path: 'code', key: 'err.point.codeTaken' }]);
    const p = await repo.insertPoint(tx, { jurisdictionCode: j.code, jurisdictionPath: j.path, code: body.code, name: body.name, address: body.address, staffUserIds: body.staffUserIds });
    await recordAudit(tx, ctx, { entityType: 'registrationPoint', entityId: p.id, jurisdictionCode: j.code, action: 'registrationPoint.create', after: presentPoint(p, names) });
    return p;
  });
  return presentPoint(row, names);
}

export async function saveRegistrationSettings(db: Db, ctx: Signed, code: string, body: { windowDays: number }) {
  const j = await jurisdictionOr404(db, code);
  if (!managesPoints(ctx.actor, j.path)) throw forbidden();
  await db.transaction(async (tx) => {
    await repo.saveWindow(tx, j.code, body.windowDays);
    await recordAudit(tx, ctx, { entityType: 'jurisdiction', entityId: j.code, jurisdictionCode: j.code, action: 'registrationSettings.update', after: body });
  });
  return { jurisdictionCode: j.code, windowDays: body.windowDays };
}

/** A jurisdiction's yearly totals of registered contracts (its administrators). */
export async function contractTotals(db: Db, actor: Actor, code: string, year: number) {
  const j = await jurisdictionOr404(db, code);
  if (!managesPoints(actor, j.path)) throw forbidden();
  const [byKind, received] = await Promise.all([repo.yearlyTotals(db, j.code, year), repo.receivedInYear(db, j.path, year)]);
  const keys = ['count', 'contractAmount', 'technologyAmount', 'certifiedAmount', 'absorbedCount', 'absorbedAmount', 'outputCount', 'outputAmount', 'inputCount', 'inputAmount'] as const;
  const all = { kind: 'all', ...Object.fromEntries(keys.map((k) => [k, byKind.reduce((s, r) => s + r[k], 0)])) } as (typeof byKind)[number];
  return { jurisdictionCode: j.code, year, byKind, all, received };
}

/**
 * Amounts actually paid and received in a year, per organisation: one
 * organisation (its members, or administrators of its region), else the
 * actor's organisations, or for administrators their jurisdictions'.
 */
export async function paymentTotals(db: Db, actor: Actor, q: { year: number; party?: string; registeredOnly: boolean } & Page) {
  let scope: { orgIds: string[] } | { paths: string[] } | null;
  if (q.party) {
    const org = await getOrganization(db, null, q.party).catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw notFound('organization');
      throw e;
    });
    const path = (await findJurisdiction(db, org.jurisdictionCode))?.path ?? regionPathOf(org.jurisdictionCode);
    if (!actor.memberships.some((m) => m.organizationId === org.id) && !managesPoints(actor, path)) throw forbidden();
    scope = { orgIds: [org.id] };
  } else if (actor.user.isPlatformAdmin) scope = null;
  else if (actor.adminOf.length) scope = { paths: actor.adminOf.map((j) => j.path) };
  else scope = { orgIds: actor.memberships.map((m) => m.organizationId) };
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const { rows, total } = await repo.paymentTotals(db, { year: q.year, scope, registeredOnly: q.registeredOnly, page });
  return { year: q.year, registeredOnly: q.registeredOnly, ...paged(rows, total, page) };
}

/** Anyone verifies a registration number: kind, date, point and certified amount, nothing confidential. */
export async function verifyRegistration(db: Db, number: string) {
  const c = await repo.byNumber(db, number);
  if (!c || (c.status !== 'registered' && c.status !== 'terminated')) throw notFound('contractRegistration');
  const point = (await repo.pointById(db, c.pointId!))!;
  const history = await repo.history(db, c.id);
  return {
    registrationNumber: number,
    kind: c.kind as 'development',
    registeredOn: c.registeredOn!,
    point: { name: point.name, jurisdictionCode: point.jurisdictionCode },
    certifiedAmount: effectiveFigures(c, history).certifiedAmount ?? 0,
    status: c.status as 'registered' | 'terminated',
  };
}
