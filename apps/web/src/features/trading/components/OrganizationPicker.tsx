import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { searchOrganizations, type OrganizationItem } from '../api.ts';

type Props = {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** Organisations that may not be picked (the seller's own). */
  exclude?: string[];
  placeholder?: string;
  /** An organisation already known by name (one the value may start with), shown before any search. */
  known?: { id: string; name: string };
  id?: string;
  'data-testid'?: string;
};

/** A verified organisation, searched by name on GET /api/organizations?status=verified&q=… as the person types. */
export function OrganizationPicker({ value, onChange, exclude = [], placeholder, known: given, id, ...rest }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<OrganizationItem[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, OrganizationItem>(given ? [[given.id, { ...given, type: '', jurisdictionName: null, status: 'verified' }]] : []));

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      searchOrganizations(q.trim(), ctrl.signal).then(
        (r) => {
          for (const o of r.items) known.current.set(o.id, o);
          setItems(r.items);
          setLoading(false);
        },
        () => setLoading(false),
      );
    }, q ? 300 : 0);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);

  const shown = items.filter((o) => !exclude.includes(o.id));
  // Keep the chosen organisation in the options after the search moved on.
  const chosen = value ? known.current.get(value) : undefined;
  if (chosen && !shown.some((o) => o.id === chosen.id)) shown.unshift(chosen);

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={placeholder ?? t('trade.org.placeholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('trade.org.none')}
      options={shown.map((o) => ({ value: o.id, label: o.jurisdictionName ? `${o.name}（${o.jurisdictionName}）` : o.name }))}
      style={{ width: '100%' }}
      data-testid={rest['data-testid']}
    />
  );
}
