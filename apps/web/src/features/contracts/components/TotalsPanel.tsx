import { InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchTotals, type ContractTotals } from '../api.ts';
import { useContractLabels } from '../labels.ts';

type Row = ContractTotals['all'];

/** An administrator's yearly totals of registered contracts: by kind, locally absorbed, output, input, and money received. */
export function TotalsPanel() {
  const { t } = useI18n();
  const L = useContractLabels();
  const { me } = useAuth();
  const jurisdictions = me?.adminOf ?? [];
  const [code, setCode] = useState(jurisdictions[0]?.code ?? '');
  const [year, setYear] = useState(new Date().getFullYear());
  const totals = useAsync((signal) => (code ? fetchTotals(code, year, signal) : Promise.resolve(undefined)), [code, year]);
  const rows = totals.data ? [...totals.data.byKind, totals.data.all] : [];
  const both = (n: number, a: number) => `${n} / ${L.money(a)}`;
  return (
    <div data-testid="contract-totals">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select value={code} onChange={setCode} options={jurisdictions.map((j) => ({ value: j.code, label: `${j.name}（${j.code}）` }))} style={{ width: 200 }} aria-label={t('ct.points.jurisdiction')} />
        <InputNumber<number> value={year} min={1990} max={2100} onChange={(v) => v && setYear(v)} style={{ width: 110 }} aria-label={t('ct.totals.year')} />
        {totals.data && <span>{t('ct.totals.received', { count: totals.data.received.count, amount: L.money(totals.data.received.amount) })}</span>}
      </Space>
      <Table<Row>
        rowKey="kind"
        size="small"
        loading={totals.loading}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 900 }}
        columns={[
          { title: t('ct.field.kind'), width: 100, render: (_, r) => (r.kind === 'all' ? <strong>{t('ct.totals.all')}</strong> : L.kind(r.kind)) },
          { title: t('ct.totals.count'), dataIndex: 'count', width: 70 },
          { title: t('ct.field.contractAmount'), width: 130, render: (_, r) => L.money(r.contractAmount) },
          { title: t('ct.field.technologyAmount'), width: 130, render: (_, r) => L.money(r.technologyAmount) },
          { title: t('ct.field.certifiedAmount'), width: 130, render: (_, r) => L.money(r.certifiedAmount) },
          { title: t('ct.totals.flow', { label: t('ct.class.absorbed') }), width: 170, render: (_, r) => both(r.absorbedCount, r.absorbedAmount) },
          { title: t('ct.totals.flow', { label: t('ct.class.output') }), width: 170, render: (_, r) => both(r.outputCount, r.outputAmount) },
          { title: t('ct.totals.flow', { label: t('ct.class.input') }), width: 170, render: (_, r) => both(r.inputCount, r.inputAmount) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="contract-totals-basis">
        {t('ct.totals.basis')}
      </Typography.Paragraph>
    </div>
  );
}
