import { Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { ConfidentialityTag, useCatalogueLabels } from '../../catalogue/labels.tsx';
import type { Demand } from '../../demands/api.ts';
import { useBudgetText } from '../../demands/pages/DemandListPage.tsx';

/** The demands of a list as a table; an abstract demand shows only what its reader may see. */
export function DemandItemsTable({ items, action }: { items: Demand[]; action?: (d: Demand) => ReactNode }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const budget = useBudgetText();
  return (
    <Table<Demand>
      rowKey="id"
      size="middle"
      dataSource={items}
      pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: t('dl.noItems') }}
      scroll={{ x: 860 }}
      data-testid="demand-list-items"
      columns={[
        { title: '#', width: 50, render: (_v, _d, i) => i + 1 },
        {
          title: t('dem.field.title'),
          render: (_v, d) => (
            <span>
              <Link to={`/demands/${d.id}`}>{d.title}</Link>
              {d.commonProblem && <Tag color="volcano" style={{ marginLeft: 8 }}>{t('dem.commonProblem')}</Tag>}
              {d.confidentiality !== 'public' && <span style={{ marginLeft: 4 }}><ConfidentialityTag value={d.confidentiality} restricted={d.restricted} /></span>}
            </span>
          ),
        },
        { title: t('cat.field.organization'), width: 200, render: (_v, d) => d.organization.name },
        { title: t('cat.field.industry'), width: 160, render: (_v, d) => L.industry(d.industry) },
        { title: t('dem.field.budget'), width: 140, render: (_v, d) => (d.restricted ? '—' : budget(d.budgetMin, d.budgetMax)) },
        { title: t('dem.field.deadline'), width: 110, render: (_v, d) => d.deadline ?? t('dem.deadline.none') },
        ...(action ? [{ title: '', width: 80, render: (_v: unknown, d: Demand) => action(d) }] : []),
      ]}
    />
  );
}
