import {
  DEAL_SOURCE_LABELS,
  DEAL_STATUS_LABELS,
  DEPOSIT_STATUS_LABELS,
  LICENCE_KIND_LABELS,
  LISTING_KIND_LABELS,
  LISTING_PHASE_LABELS,
  LISTING_STATUS_LABELS,
  LISTING_TRANSACTION_LABELS,
  OBJECTION_STATUS_LABELS,
  PAYMENT_KIND_LABELS,
  PAYMENT_PLAN_LABELS,
  PAYMENT_STATUS_LABELS,
  formatFen,
  type DealSource,
  type DealStatus,
  type DepositStatus,
  type LicenceKind,
  type ListingKind,
  type ListingPhase,
  type ListingStatus,
  type ListingTransaction,
  type ObjectionStatus,
  type PaymentKind,
  type PaymentPlan,
  type PaymentStatus,
} from '@kzt/shared';
import { Tag } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { LicenceTerms, PaymentTerms } from './api.ts';

const KIND_COLOR: Record<ListingKind, string> = { fixed: 'blue', negotiated: 'cyan', auction: 'volcano' };
const PHASE_COLOR: Record<ListingPhase, string> = {
  review: 'gold',
  open: 'green',
  upcoming: 'geekblue',
  bidding: 'red',
  ended: 'purple',
  notice: 'gold',
  held: 'orange',
  closed: 'default',
};
const STATUS_COLOR: Record<ListingStatus, string> = {
  pending_review: 'gold',
  rejected: 'red',
  open: 'green',
  sold: 'green',
  failed: 'default',
  withdrawn: 'default',
  cancelled: 'default',
};
export const DEAL_STATUS_COLOR: Record<DealStatus, string> = { pending: 'gold', confirmed: 'blue', signed: 'cyan', completed: 'green', cancelled: 'default' };
export const PAYMENT_STATUS_COLOR: Record<PaymentStatus, string> = { due: 'blue', overdue: 'red', paid: 'green' };

/** Basis points as a percentage: 250 → "2.5%". */
export const bpText = (bp: number) => `${Number((bp / 100).toFixed(2))}%`;

/** Every trading label in the current language. */
export function useTradingLabels() {
  const { label, lang, t } = useI18n();
  const money = (fen: number | null | undefined) => formatFen(fen, lang);
  const payment = (p: PaymentTerms | null | undefined) => {
    if (!p || p.plan === 'lump_sum') return t('trade.payment.lumpSum.desc');
    if (p.plan === 'deferred') return t('trade.payment.deferred.desc', { months: p.deferredMonths });
    const parts = [t('trade.payment.entry', { share: bpText(p.entryShareBp) })];
    if (p.instalments.length) parts.push(t('trade.payment.instalmentsList', { list: p.instalments.map((i) => t('trade.payment.instalmentItem', { months: i.months, share: bpText(i.shareBp) })).join(lang === 'zh' ? '、' : ', ') }));
    if (p.royaltyBp > 0) parts.push(t('trade.payment.royalty', { rate: bpText(p.royaltyBp), period: t(p.royaltyPeriod === 'quarter' ? 'trade.period.quarter' : 'trade.period.year') }));
    return parts.join(lang === 'zh' ? '；' : '; ');
  };
  return {
    lang,
    money,
    kind: (v: ListingKind) => label(LISTING_KIND_LABELS[v], v),
    transaction: (v: ListingTransaction) => label(LISTING_TRANSACTION_LABELS[v], v),
    status: (v: ListingStatus) => label(LISTING_STATUS_LABELS[v], v),
    phase: (v: ListingPhase) => label(LISTING_PHASE_LABELS[v], v),
    licenceKind: (v: LicenceKind) => label(LICENCE_KIND_LABELS[v], v),
    plan: (v: PaymentPlan) => label(PAYMENT_PLAN_LABELS[v], v),
    objectionStatus: (v: ObjectionStatus) => label(OBJECTION_STATUS_LABELS[v], v),
    depositStatus: (v: DepositStatus) => label(DEPOSIT_STATUS_LABELS[v], v),
    dealSource: (v: DealSource) => label(DEAL_SOURCE_LABELS[v], v),
    dealStatus: (v: DealStatus) => label(DEAL_STATUS_LABELS[v], v),
    paymentKind: (v: PaymentKind) => label(PAYMENT_KIND_LABELS[v], v),
    paymentStatus: (v: PaymentStatus) => label(PAYMENT_STATUS_LABELS[v], v),
    payment,
    licence: (l: LicenceTerms | null | undefined) =>
      l ? t('trade.licence.desc', { kind: label(LICENCE_KIND_LABELS[l.kind], l.kind), territory: l.territory, months: l.termMonths, field: l.fieldOfUse }) : '—',
  };
}

export function KindTag({ kind }: { kind: ListingKind }) {
  const L = useTradingLabels();
  return (
    <Tag color={KIND_COLOR[kind]} data-testid="listing-kind">
      {L.kind(kind)}
    </Tag>
  );
}

export function TransactionTag({ transaction }: { transaction: ListingTransaction }) {
  const L = useTradingLabels();
  return <Tag data-testid="listing-transaction">{L.transaction(transaction)}</Tag>;
}

/** An open listing shows where it stands (竞价中, 公示中…); a finished one its outcome (已成交, 流拍…). */
export function StateTag({ status, phase }: { status: ListingStatus; phase: ListingPhase }) {
  const L = useTradingLabels();
  const open = status === 'open';
  return (
    <Tag color={open ? PHASE_COLOR[phase] : STATUS_COLOR[status]} data-testid="listing-state" data-status={status} data-phase={phase}>
      {open ? L.phase(phase) : L.status(status)}
    </Tag>
  );
}
