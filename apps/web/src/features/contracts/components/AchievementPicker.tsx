import { Select, Spin } from 'antd';
import { useRef, useState } from 'react';
import { useTypedSearch } from '../../../lib/useTypedSearch.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { listAchievements } from '../../achievements/api.ts';

type Known = { id: string; title: string };

/**
 * The achievements a contract names (成果), chosen among the seller
 * organisation's own and searched by title as the person types: its members
 * search their records (any status), an administrator entering the contract
 * for the seller searches the catalogue; only the seller's are offered.
 */
export function AchievementPicker({
  organizationId,
  mine,
  value,
  onChange,
  known = [],
  id,
}: {
  organizationId: string | undefined;
  /** The seller is one of the person's organisations. */
  mine: boolean;
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Achievements already named (their titles, from the contract). */
  known?: { id: string; title: string | null }[];
  id?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const titles = useRef(new Map<string, string>());
  for (const k of known) if (k.title && !titles.current.has(k.id)) titles.current.set(k.id, k.title);
  const { items, loading } = useTypedSearch<Known>(
    q,
    `${organizationId ?? ''}|${mine}`,
    async (text, signal) => {
      const r = await listAchievements({ scope: mine ? 'mine' : 'catalogue', ...(text ? { q: text } : {}), pageSize: 50 }, signal);
      const own = r.items.filter((a) => a.organization.id === organizationId).map((a) => ({ id: a.id, title: a.title }));
      for (const a of own) titles.current.set(a.id, a.title);
      return own;
    },
    !!organizationId,
  );

  // The chosen ones stay in the options after the search moved on.
  const chosen = (value ?? []).filter((v) => !items.some((i) => i.id === v)).map((v) => ({ id: v, title: titles.current.get(v) ?? v }));
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(ids: string[]) => onChange?.(ids)}
      disabled={!organizationId}
      placeholder={organizationId ? t('ct.achievements.search') : t('ct.achievements.offPlatform')}
      notFoundContent={loading ? <Spin size="small" /> : t('ct.achievements.none')}
      options={[...chosen, ...items].map((a) => ({ value: a.id, label: a.title }))}
      data-testid="contract-achievements"
      style={{ width: '100%' }}
    />
  );
}
