import type { StoredParty } from '../../db/schema/contracts.ts';
import { classifyContract } from './contracts.classify.ts';
import type { OwnedAttachment } from '../attachments/attachments.service.ts';
import type { ContractHistoryRow, ContractPaymentRow, ContractRow, PointRow } from './contracts.repository.ts';
import { regionName } from '../../platform/regions.ts';

export type Figures = { contractAmount: number; technologyAmount: number; deductions: { item: string; amount: number }[]; validUntil: string; certifiedAmount: number | null };

/**
 * History entries that change the figures in force of a registered contract: an amendment (变更登记), and a royalty
 * received beyond the contract amount (`royalty`: the amount rises by the excess, recorded and told to the desk).
 */
export const FIGURE_CHANGES = new Set(['amendment', 'royalty']);

/** The figures in force: the contract's own, with every amendment (变更登记) applied in order. */
export function effectiveFigures(c: ContractRow, history: ContractHistoryRow[]): Figures {
  let f: Figures = { contractAmount: c.contractAmount, technologyAmount: c.technologyAmount, deductions: c.deductions, validUntil: c.validUntil, certifiedAmount: c.certifiedAmount };
  for (const h of history) if (FIGURE_CHANGES.has(h.kind) && h.after) f = { ...f, ...(h.after as Partial<Figures>) };
  return f;
}

export type TerminatedCopy = { id: string; title: string; registrationNumber: string | null; terminatedOn: string | null };

const party = (p: StoredParty) => ({ organizationId: p.organizationId, name: p.name, creditCode: p.creditCode, region: p.region, regionName: regionName(p.region) ?? null, entityType: p.entityType });

export function presentContractSummary(c: ContractRow, documentCount: number) {
  return {
    id: c.id,
    kind: c.kind as 'development',
    subkind: c.subkind,
    title: c.title,
    industry: c.industry,
    contractNo: c.contractNo,
    signedOn: c.signedOn,
    seller: party(c.seller),
    buyer: party(c.buyer),
    contractAmount: c.contractAmount,
    technologyAmount: c.technologyAmount,
    status: c.status as 'draft',
    registrationNumber: c.registrationNumber,
    certifiedAmount: c.certifiedAmount,
    dealId: c.dealId,
    createdAt: c.createdAt,
    documentCount,
  };
}

/** A file of a contract (a receipt, the signed contract, an amendment's document) as its readers see it: served at `url`, removable by its uploader when `removable`. */
const presentFile = (a: OwnedAttachment, url: string, actorId: string, removable: boolean) => ({
  id: a.id,
  fileName: a.fileName,
  mime: a.mime,
  size: a.size,
  createdAt: a.createdAt,
  url,
  allowedActions: removable && a.uploadedBy === actorId ? (['delete'] as const).slice() : [],
});

type Action = 'update' | 'submit' | 'review' | 'recordPayment' | 'amend' | 'terminate' | 'certify' | 'addDocument';

export function presentContract(
  c: ContractRow,
  extra: {
    point: PointRow | undefined;
    payments: ContractPaymentRow[];
    history: ContractHistoryRow[];
    allowedActions: Action[];
    confirmPayment: boolean;
    receipts: OwnedAttachment[];
    addReceipt: boolean;
    actorId: string;
    /** The signed contract's files (record: the contract) and the amendments' (record: the history entry). */
    documents?: OwnedAttachment[];
    /** The actor may add documents to an amendment (a member of the seller's side of a registered contract). */
    amendmentDocuments?: boolean;
    regionNames?: Map<string, string>;
    terminatedCopies?: TerminatedCopy[];
    achievements?: { id: string; title: string | null }[];
  },
) {
  const documents = extra.documents ?? [];
  const documentUrl = (a: OwnedAttachment) => `/api/contracts/${c.id}/documents/${a.id}`;
  const editable = c.status === 'draft' || c.status === 'returned';
  const ofContract = documents.filter((a) => a.recordId === c.id);
  const effective = effectiveFigures(c, extra.history);
  const recorded = extra.payments.reduce((s, p) => s + p.amount, 0);
  const confirmed = extra.payments.filter((p) => p.confirmedAt).reduce((s, p) => s + p.amount, 0);
  return {
    ...presentContractSummary(c, ofContract.length),
    validUntil: c.validUntil,
    agency: c.agency ? party(c.agency) : null,
    broker: c.broker,
    deductions: c.deductions,
    expectedInvestment: c.expectedInvestment,
    expectedOutput: c.expectedOutput,
    achievementIds: c.achievementIds,
    achievements: extra.achievements ?? c.achievementIds.map((id) => ({ id, title: null })),
    ipItems: c.ipItems,
    schedule: c.schedule,
    point: extra.point ? { id: extra.point.id, name: extra.point.name, jurisdictionCode: extra.point.jurisdictionCode } : null,
    submittedAt: c.submittedAt,
    registeredOn: c.registeredOn,
    certifiedReason: c.certifiedReason,
    reviewReason: c.reviewReason,
    checklist: c.checklist,
    documents: ofContract.map((a) => presentFile(a, documentUrl(a), extra.actorId, editable)),
    terminatedOn: c.terminatedOn,
    terminationReason: c.terminationReason,
    effective,
    payments: extra.payments.map((p) => ({
      id: p.id,
      paidOn: p.paidOn,
      amount: p.amount,
      note: p.note,
      source: p.source,
      confirmedAt: p.confirmedAt,
      receipts: extra.receipts.filter((a) => a.recordId === p.id).map((a) => presentFile(a, `/api/contracts/${c.id}/payments/${p.id}/receipts/${a.id}`, extra.actorId, !p.confirmedAt)),
      allowedActions: [...(extra.confirmPayment && !p.confirmedAt ? (['confirm'] as const) : []), ...(extra.addReceipt ? (['addReceipt'] as const) : [])],
    })),
    totals: {
      scheduled: c.schedule.reduce((s, p) => s + p.amount, 0),
      recorded,
      confirmed,
      unconfirmed: recorded - confirmed,
      recordedCount: extra.payments.length,
      confirmedCount: extra.payments.filter((p) => p.confirmedAt).length,
      outstanding: Math.max(0, effective.contractAmount - confirmed),
    },
    history: extra.history.map((h) => ({
      id: h.id,
      kind: h.kind,
      reason: h.reason,
      before: h.before,
      after: h.after,
      at: h.at,
      documents: documents.filter((a) => a.recordId === h.id).map((a) => presentFile(a, documentUrl(a), extra.actorId, c.status === 'registered')),
      allowedActions: h.kind === 'amendment' && extra.amendmentDocuments && c.status === 'registered' ? (['addDocument'] as const).slice() : [],
    })),
    terminatedCopies: extra.terminatedCopies ?? [],
    classification: classifyContract(c.sellerPath, c.buyerPath).map((k) => ({ ...k, jurisdictionName: extra.regionNames?.get(k.jurisdictionCode) ?? regionName(k.jurisdictionCode) ?? null })),
    allowedActions: extra.allowedActions,
  };
}

export const presentPoint = (p: PointRow, names: { id: string; name: string }[] = []) => ({
  id: p.id,
  jurisdictionCode: p.jurisdictionCode,
  code: p.code,
  name: p.name,
  address: p.address,
  staffUserIds: p.staffUserIds,
  staff: p.staffUserIds.map((id) => ({ id, name: names.find((n) => n.id === id)?.name ?? '' })),
  createdAt: p.createdAt,
});
