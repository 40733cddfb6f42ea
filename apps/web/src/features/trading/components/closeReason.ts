import type { MessageKey } from '../../../i18n/index.tsx';

const KNOWN: Record<string, MessageKey> = {
  no_bids: 'trade.close.no_bids',
  reserve_not_met: 'trade.close.reserve_not_met',
  not_signed: 'trade.close.not_signed',
  objection_upheld: 'trade.close.objection_upheld',
};

/** Why a listing closed: the known codes in words; a withdrawal's reason is the seller's own text. */
export function closeReasonText(t: (key: MessageKey) => string, reason: string | null | undefined): string {
  if (!reason) return '—';
  const key = KNOWN[reason];
  return key ? t(key) : reason;
}
