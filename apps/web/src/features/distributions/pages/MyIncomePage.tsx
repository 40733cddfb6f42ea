import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Table } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { exportUrl, getStatement } from '../api.ts';
import { Calculators } from '../components/Calculators.tsx';
import { useDistributionLabels } from '../labels.ts';
import { equityRows } from '../components/EquityParts.tsx';

const lineKey = (r: { planId: string; role: string; form: string; amount: number; beneficiary: string }) => `${r.planId}-${r.role}-${r.form}-${r.amount}-${r.beneficiary}`;

/** 我的收益明细: every share given to me across contracts and years, the units' exports, and the calculators. */
export function MyIncomePage() {
  const { t } = useI18n();
  const L = useDistributionLabels();
  const { me } = useAuth();
  const { data, error } = useAsync((signal) => getStatement(signal), []);
  useEffect(() => {
    document.title = `${t('dist.me.title')} · 科转通`;
  }, [t]);
  const units = (me?.organizations ?? []).filter((o) => o.role === 'owner' && ['university', 'institute', 'rnd_institution'].includes(o.type));

  return (
    <div className="container stack" data-testid="income-page">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('dist.me.title')}</h1>
        <p>{t('dist.me.lead')}</p>
      </div>
      {error ? (
        <Alert type="error" showIcon title={error instanceof Error ? error.message : String(error)} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={8}>
              <Card>
                <Statistic title={t('dist.me.total')} value={L.yuan(data.total)} />
              </Card>
            </Col>
            {data.byYear.map((y) => (
              <Col xs={24} sm={8} key={y.year}>
                <Card data-testid="income-year">
                  <Statistic title={t('dist.me.year', { year: y.year })} value={L.yuan(y.total)} />
                  <div style={{ color: '#666', marginTop: 4 }}>
                    {t('dist.me.cash')} {L.yuan(y.cash)} · {t('dist.me.equity')} {L.yuan(y.equity)}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          <Card>
            <Table
              rowKey={lineKey}
              expandable={equityRows(data.items, lineKey)}
              size="small"
              scroll={{ x: 640 }}
              dataSource={data.items}
              locale={{ emptyText: <Empty description={t('dist.me.empty')} /> }}
              columns={[
                { title: t('dist.receipts.paidOn'), dataIndex: 'paidOn' },
                { title: t('dist.me.contract'), dataIndex: 'contractTitle', render: (v: string, r) => <Link to={`/distributions/${r.contractId}`}>{v}</Link> },
                { title: t('dist.contract.seller'), dataIndex: 'seller' },
                { title: t('dist.editor.role'), dataIndex: 'role', render: (v: string) => L.role(v) },
                { title: t('dist.editor.form'), dataIndex: 'form', render: (v: string) => L.form(v) },
                { title: t('dist.editor.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => L.yuan(v) },
              ]}
            />
          </Card>
        </>
      )}
      {units.length > 0 && (
        <Card title={t('dist.me.units')}>
          <Space wrap>
            {units.map((o) => (
              <a key={o.id} href={exportUrl(o.id)} data-testid="income-export">
                <Button icon={<DownloadOutlined />}>
                  {o.name} · {t('dist.export')}
                </Button>
              </a>
            ))}
          </Space>
        </Card>
      )}
      <Calculators />
    </div>
  );
}
