import type { OrganizationType } from '@kzt/shared';
import { Select, Spin } from 'antd';
import { useRef, useState } from 'react';
import { useTypedSearch } from '../../../lib/useTypedSearch.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { listOrganizations, type Organization } from '../api.ts';

type Known = Pick<Organization, 'id' | 'name'> & { jurisdictionName?: string | null };
type Props = {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** Only organisations of this jurisdiction and below (an administrator's records). */
  jurisdiction?: string;
  /** Only organisations of this type (an agency's income, say). */
  type?: OrganizationType;
  /** Organisations that may not be picked (the seller's own). */
  exclude?: string[];
  placeholder?: string;
  /** What an empty search says (the trading wording unless given). */
  emptyText?: string;
  /** An organisation already known by name (one the value may start with), shown before any search. */
  known?: { id: string; name: string };
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
};

/**
 * The one picker of a verified organisation of the platform, searched by name on
 * GET /api/organizations?status=verified&q=… as the person types (trading's
 * buyers and deposits, contracts' parties, policy records' beneficiaries).
 */
export function OrganizationPicker({ value, onChange, jurisdiction, type, exclude = [], placeholder, emptyText, known: given, allowClear = true, id, ...rest }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const known = useRef(new Map<string, Known>(given ? [[given.id, given]] : []));
  const { items, loading } = useTypedSearch<Known>(q, `${jurisdiction ?? ''}|${type ?? ''}`, async (text, signal) => {
    const r = await listOrganizations({ status: 'verified', ...(jurisdiction ? { jurisdictionCode: jurisdiction } : {}), ...(type ? { type } : {}), ...(text ? { q: text } : {}), pageSize: 20 }, signal);
    for (const o of r.items) known.current.set(o.id, o);
    return r.items;
  });

  const shown = items.filter((o) => !exclude.includes(o.id));
  // Keep the chosen organisation in the options after the search moved on.
  const chosen = value ? known.current.get(value) : undefined;
  if (chosen && !shown.some((o) => o.id === chosen.id)) shown.unshift(chosen);

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={placeholder ?? t('trade.org.placeholder')}
      notFoundContent={loading ? <Spin size="small" /> : (emptyText ?? t('trade.org.none'))}
      options={shown.map((o) => ({ value: o.id, label: o.jurisdictionName ? `${o.name}（${o.jurisdictionName}）` : o.name }))}
      style={{ width: '100%' }}
      data-testid={rest['data-testid']}
    />
  );
}
