import type { OrganizationType } from '@kzt/shared';
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { listOrganizations, type Organization } from '../../organizations/api.ts';

/** Picks a verified organisation of the platform in a jurisdiction, searched by name as the administrator types. */
export function OrganizationSelect({ value, onChange, jurisdiction, type, id }: { value?: string; onChange?: (v: string) => void; jurisdiction: string; type?: OrganizationType; id?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Organization[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    const n = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      listOrganizations({ status: 'verified', jurisdictionCode: jurisdiction, ...(type ? { type } : {}), ...(q.trim() ? { q: q.trim() } : {}), pageSize: 20 })
        .then((page) => n === seq.current && setOptions(page.items))
        .catch(() => n === seq.current && setOptions([]))
        .finally(() => n === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, jurisdiction, type]);
  return (
    <Select
      id={id}
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={loading}
      placeholder={t('pol.rec.orgPlaceholder')}
      notFoundContent={loading ? null : t('pol.rec.orgNone')}
      options={options.map((o) => ({ value: o.id, label: `${o.name}（${o.jurisdictionName}）` }))}
      data-testid="record-organization"
    />
  );
}
