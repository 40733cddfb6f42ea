import { shanghaiToday, type PaymentTotalsDto } from '@kzt/shared';
import { Alert, InputNumber, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchPaymentTotals } from '../api.ts';
import { useContractLabels } from '../labels.ts';

type Row = PaymentTotalsDto['items'][number];

/** 年度收付: what each organisation (mine, or my jurisdiction's) actually paid and received in a year — the figures subsidies such as 威海's use. */
export function PaymentTotalsPanel() {
  const { t } = useI18n();
  const L = useContractLabels();
  const [year, setYear] = useState(Number(shanghaiToday().slice(0, 4)));
  const [registeredOnly, setRegisteredOnly] = useState(true);
  const [page, setPage] = useState(1);
  const totals = useAsync((signal) => fetchPaymentTotals({ year, registeredOnly, page, pageSize: 20 }, signal), [year, registeredOnly, page]);
  return (
    <div data-testid="payment-totals">
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber<number> value={year} min={1990} max={2100} onChange={(v) => v && (setYear(v), setPage(1))} style={{ width: 110 }} aria-label={t('ct.totals.year')} />
        <Space>
          <Switch checked={registeredOnly} onChange={(v) => (setRegisteredOnly(v), setPage(1))} aria-label={t('ct.pay.registeredOnly')} />
          <span>{t('ct.pay.registeredOnly')}</span>
        </Space>
      </Space>
      <Alert type="info" showIcon title={t('ct.pay.totalsNote')} style={{ marginBottom: 12 }} />
      {totals.error instanceof ApiError && <Alert type="error" showIcon title={totals.error.detail} style={{ marginBottom: 12 }} />}
      <Table<Row>
        rowKey="organizationId"
        size="small"
        loading={totals.loading}
        dataSource={totals.data?.items ?? []}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('ct.pay.totalsEmpty') }}
        pagination={{ current: page, pageSize: 20, total: totals.data?.total ?? 0, hideOnSinglePage: true, onChange: setPage }}
        columns={[
          { title: t('ct.pay.organization'), dataIndex: 'name', width: 160 },
          {
            title: t('ct.pay.asSeller'),
            children: [
              { title: t('ct.pay.received'), width: 140, render: (_, r) => <strong className="price">{L.money(r.received)}</strong> },
              { title: t('ct.pay.receivedUnconfirmed'), width: 130, render: (_, r) => (r.receivedUnconfirmed ? <span style={{ color: '#d46b08' }}>{L.money(r.receivedUnconfirmed)}</span> : L.money(0)) },
            ],
          },
          {
            title: t('ct.pay.asBuyer'),
            children: [
              { title: t('ct.pay.paid'), width: 130, render: (_, r) => L.money(r.paid) },
              { title: t('ct.pay.paidConfirmed'), width: 130, render: (_, r) => L.money(r.paidConfirmed) },
              { title: t('ct.pay.paidUnconfirmed'), width: 120, render: (_, r) => (r.paidUnconfirmed ? <span style={{ color: '#d46b08' }}>{L.money(r.paidUnconfirmed)}</span> : L.money(0)) },
            ],
          },
          { title: t('ct.pay.contracts'), dataIndex: 'contracts', width: 80 },
        ]}
      />
    </div>
  );
}
