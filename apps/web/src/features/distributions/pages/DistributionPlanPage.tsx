import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { equityRows } from '../components/EquityParts.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { exportUrl, getContractDistributions } from '../api.ts';
import { PlanEditor } from '../components/PlanEditor.tsx';
import { useDistributionLabels } from '../labels.ts';

const shareKey = (s: { beneficiary: string; role: string; amount: number; form: string }) => `${s.beneficiary}-${s.role}-${s.amount}-${s.form}`;

/** 收益分配 of one contract: its received payments, the floors that apply, the plans filed, and the editor for the seller's owner. */
export function DistributionPlanPage() {
  const { contractId = '' } = useParams();
  const { t } = useI18n();
  const L = useDistributionLabels();
  const { me } = useAuth();
  const { data, error, reload } = useAsync((signal) => getContractDistributions(contractId, signal), [contractId]);
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('dist.plan.title')} · 科转通`;
  }, [t]);

  if (error) return <div className="container page"><Alert type="error" showIcon title={error instanceof Error ? error.message : String(error)} /></div>;
  if (!data) return <div className="container page"><Skeleton active /></div>;
  const c = data.contract;
  const owner = !!c.seller.organizationId && me?.organizations.some((o) => o.id === c.seller.organizationId && o.role === 'owner');
  const firstOpen = data.receipts.find((r) => !r.planId)?.paymentId ?? null;
  const current = editing ?? (data.canPlan ? firstOpen : null);

  return (
    <div className="container stack" data-testid="distribution-page">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('dist.plan.title')}</h1>
          <p>{t('dist.plan.lead')}</p>
        </div>
        {owner && (
          <a href={exportUrl(c.seller.organizationId!)} data-testid="dist-export">
            <Button icon={<DownloadOutlined />}>{t('dist.export')}</Button>
          </a>
        )}
      </div>

      <Card title={c.title}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('dist.contract.seller')}>{c.seller.name}</Descriptions.Item>
          <Descriptions.Item label={t('dist.contract.buyer')}>{c.buyerName}</Descriptions.Item>
          <Descriptions.Item label={t('dist.contract.signedOn')}>{c.signedOn}</Descriptions.Item>
        </Descriptions>
        {c.terminatedOn && <Alert type="warning" showIcon title={t('dist.contract.terminated', { date: c.terminatedOn })} />}
      </Card>

      <Card title={t('dist.floors.title')} data-testid="dist-floors">
        {data.floors.length === 0 ? (
          <Typography.Text type="secondary">{t('dist.floors.none')}</Typography.Text>
        ) : (
          <div className="stack">
            {data.floors.map((f) => (
              <div key={f.id}>
                <Space wrap>
                  <Tag color="blue">{L.basis(f.basis)}</Tag>
                  <b>{t('dist.floors.rule', { roles: L.roles(f.roles), pct: L.pct(f.minBp) })}</b>
                </Space>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  {f.source.item}：“{f.source.quote}”
                </Typography.Paragraph>
              </div>
            ))}
          </div>
        )}
      </Card>

      <Card title={t('dist.receipts.title')}>
        <Table
          rowKey="paymentId"
          size="small"
          pagination={false}
          dataSource={data.receipts}
          locale={{ emptyText: <Empty description={t('dist.receipts.empty')} /> }}
          columns={[
            { title: t('dist.receipts.paidOn'), dataIndex: 'paidOn' },
            { title: t('dist.receipts.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => L.yuan(v) },
            {
              title: t('dist.receipts.status'),
              render: (_: unknown, r) =>
                r.planId ? (
                  <Tag color="green">{t('dist.receipts.planned')}</Tag>
                ) : data.canPlan ? (
                  <Button size="small" type={current === r.paymentId ? 'primary' : 'default'} onClick={() => setEditing(r.paymentId)}>
                    {t('dist.receipts.plan')}
                  </Button>
                ) : (
                  <Tag>{t('dist.receipts.open')}</Tag>
                ),
            },
          ]}
        />
      </Card>

      {current && data.canPlan ? (
        <PlanEditor key={current} data={data} paymentId={current} onFiled={() => { setEditing(null); void reload(); }} />
      ) : (
        !data.canPlan && !c.terminatedOn && <Alert type="info" showIcon title={t('dist.editor.readOnly')} />
      )}

      {data.plans.length > 0 && (
        <Card title={t('dist.plans.title')} data-testid="dist-plans">
          <div className="stack">
            {data.plans.map((p) => (
              <Card key={p.id} size="small" title={`${data.receipts.find((r) => r.paymentId === p.paymentId)?.paidOn ?? ''} · ${L.basis(p.basis)}`} extra={formatDateTime(p.createdAt)}>
                <Typography.Paragraph>
                  {t('dist.plans.net', { net: L.yuan(p.netIncome), received: L.yuan(p.received), costs: L.yuan(p.received - p.netIncome) })}
                </Typography.Paragraph>
                <Table
                  rowKey={shareKey}
                  expandable={equityRows(p.shares, shareKey)}
                  size="small"
                  pagination={false}
                  dataSource={p.shares}
                  // On a phone: who, how much and as what; the organisation and the form from a tablet's width up. An equity share's 技术股, 现金股 and tax estimate on a line below it.
                  columns={[
                    { title: t('dist.editor.beneficiary'), dataIndex: 'beneficiary' },
                    { title: t('dist.editor.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => <span style={{ whiteSpace: 'nowrap' }}>{L.yuan(v)}</span> },
                    { title: t('dist.editor.role'), dataIndex: 'role', render: (v: string) => L.role(v) },
                    { title: t('dist.editor.organization'), dataIndex: 'organization', responsive: ['md'] },
                    { title: t('dist.editor.form'), dataIndex: 'form', render: (v: string) => L.form(v), responsive: ['sm'] },
                  ]}
                />
              </Card>
            ))}
          </div>
        </Card>
      )}
    </div>
  );
}
