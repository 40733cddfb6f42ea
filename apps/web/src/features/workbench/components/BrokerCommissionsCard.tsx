import { formatYuanExact } from '@kzt/shared';
import { Card, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { clientCommissions, type ClientCommission } from '../api.ts';

/** On an organisation's page, for its members: the commissions brokers recorded for the achievements it entrusted (hidden when there are none). */
export function BrokerCommissionsCard({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const res = useAsync((signal) => clientCommissions(orgId, signal), [orgId]);
  const items = res.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card title={t('wb.commission.client')} data-testid="client-commissions">
      <Table<ClientCommission>
        rowKey="entrustmentId"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 600 }}
        columns={[
          { title: t('wb.commission.achievement'), render: (_v, c) => <Link to={`/achievements/${c.achievement.id}`}>{c.achievement.name}</Link> },
          { title: t('wb.commission.broker'), render: (_v, c) => c.broker.name },
          {
            title: t('wb.commission'),
            render: (_v, c) => (
              <>
                <strong>{c.amountFen !== null ? formatYuanExact(c.amountFen) : t('wb.commission.rate', { pct: ((c.rateBp ?? 0) / 100).toFixed(2) })}</strong>
                {c.note && <div className="muted">{c.note}</div>}
              </>
            ),
          },
          { title: t('wb.commission.updatedAt'), width: 150, render: (_v, c) => formatDateTime(c.updatedAt) },
        ]}
      />
    </Card>
  );
}
