import { CONTRACT_KIND_LABELS, CONTRACT_STATUS_LABELS, CONTRACT_SUBKIND_LABELS, ENTITY_TYPE_LABELS, formatFen, type ContractKind, type ContractStatus, type EntityType } from '@kzt/shared';
import { useI18n } from '../../i18n/index.tsx';

export const CONTRACT_STATUS_COLOR: Record<ContractStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  registered: 'success',
  refused: 'error',
  terminated: 'default',
};

/** Labels of the contracts module in the reader's language. */
export function useContractLabels() {
  const { lang } = useI18n();
  return {
    kind: (k: string) => CONTRACT_KIND_LABELS[k as ContractKind]?.[lang] ?? k,
    subkind: (k: string | null) => (k ? (CONTRACT_SUBKIND_LABELS[k]?.[lang] ?? k) : '—'),
    status: (s: string) => CONTRACT_STATUS_LABELS[s as ContractStatus]?.[lang] ?? s,
    entity: (e: string) => ENTITY_TYPE_LABELS[e as EntityType]?.[lang] ?? e,
    money: (fen: number | null | undefined) => formatFen(fen, lang),
  };
}
