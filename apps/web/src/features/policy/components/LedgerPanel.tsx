import { DownloadOutlined, LeftOutlined } from '@ant-design/icons';
import { formatYuanExact, shanghaiToday } from '@kzt/shared';
import { Alert, Button, Card, Col, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchLedger, ledgerXlsxUrl, type Ledger } from '../api.ts';
import { EntitlementTable, usePaging } from './EntitlementTable.tsx';

type ByBeneficiary = Ledger['byBeneficiary'][number];
type ByLine = Ledger['byBudgetLine'][number];
/** What the detail shows: one beneficiary's entitlements or one budget line's. */
type Drill = { kind: 'beneficiary'; key: string; name: string } | { kind: 'line'; key: string; name: string };

/** A beneficiary's or a budget line's name that opens its entitlements. */
function DrillLink({ to, open, testId }: { to: Drill; open: (d: Drill) => void; testId: string }) {
  return (
    <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => open(to)} data-testid={testId}>
      {to.name}
    </Button>
  );
}

/**
 * 奖补台账: per beneficiary and per budget line, what is owed (应得), approved
 * and paid, for a year or every year; a beneficiary or a line opens its
 * entitlements (reviewed and paid from there as in the queue). Amounts in
 * exact 元 with separators (12,345.67 元), as accounts are kept.
 */
export function LedgerPanel() {
  const { t, lang } = useI18n();
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState<number | 'all'>('all');
  const [view, setView] = useState<'beneficiary' | 'line'>('beneficiary');
  const [drill, setDrill] = useState<Drill | null>(null);
  const [changes, setChanges] = useState(0);
  const paging = usePaging(`${year}|${drill?.kind}|${drill?.key}`);
  const y = year === 'all' ? undefined : year;
  const res = useAsync(
    (signal) =>
      fetchLedger({ ...(y ? { year: y } : {}), ...(drill?.kind === 'beneficiary' ? { beneficiary: drill.key } : {}), ...(drill?.kind === 'line' ? { budgetLine: drill.key } : {}), page: paging.page, pageSize: paging.pageSize }, signal),
    [y, drill?.kind, drill?.key, paging.page, paging.pageSize, changes],
  );
  // A ledger reads in one unit, to the fen, as accounts are kept (万元 beside 元 in one column read unevenly).
  const money = (fen: number) => formatYuanExact(fen, lang);
  const sumColumns = [
    { title: t('pol.ledger.committed'), key: 'c', align: 'right' as const, render: (_: unknown, r: ByBeneficiary | ByLine) => money(r.committed) },
    { title: t('pol.ledger.approved'), key: 'a', align: 'right' as const, render: (_: unknown, r: ByBeneficiary | ByLine) => money(r.approved) },
    { title: t('pol.ledger.paid'), key: 'p', align: 'right' as const, render: (_: unknown, r: ByBeneficiary | ByLine) => <strong>{money(r.paid)}</strong> },
    {
      title: t('pol.ledger.more'),
      key: 'm',
      render: (_: unknown, r: ByBeneficiary | ByLine) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[r.pledged > 0 && `${t('pol.ledger.pledged')} ${money(r.pledged)}`, r.cancelled > 0 && `${t('pol.ledger.cancelled')} ${money(r.cancelled)}`, r.toRecover > 0 && `${t('pol.ledger.toRecover')} ${money(r.toRecover)}`]
            .filter(Boolean)
            .join(' · ') || '—'}
        </Typography.Text>
      ),
    },
  ];
  const d = res.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="ledger">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select
            value={year}
            onChange={(v) => {
              setYear(v);
              setDrill(null);
            }}
            style={{ width: 140 }}
            data-testid="ledger-year"
            options={[{ value: 'all' as const, label: t('pol.ledger.allYears') }, ...Array.from({ length: 8 }, (_, i) => ({ value: thisYear + 1 - i, label: t('pol.ledger.year', { year: thisYear + 1 - i }) }))]}
          />
          <Segmented
            value={view}
            onChange={(v) => setView(v as typeof view)}
            data-testid="ledger-view"
            options={[
              { value: 'beneficiary', label: t('pol.ledger.byBeneficiary') },
              { value: 'line', label: t('pol.ledger.byLine') },
            ]}
          />
        </Space>
        <Button href={ledgerXlsxUrl(y)} icon={<DownloadOutlined />} data-testid="ledger-export">
          {t('pol.ledger')}
        </Button>
      </Space>
      {res.error instanceof ApiError && <Alert type="error" showIcon title={res.error.detail} />}
      <Row gutter={[16, 16]} data-testid="ledger-totals">
        {(
          [
            ['committed', d?.totals.committed],
            ['approved', d?.totals.approved],
            ['paid', d?.totals.paid],
            ['pledged', d?.totals.pledged],
            ['toRecover', d?.totals.toRecover],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} md={8} lg={4}>
            <Card size="small">
              <Statistic title={t(`pol.ledger.${k}`)} value={v === undefined ? '—' : money(v)} valueStyle={{ fontSize: 18 }} />
            </Card>
          </Col>
        ))}
      </Row>
      {drill ? (
        <Card
          size="small"
          title={
            <Space wrap>
              <Button size="small" icon={<LeftOutlined />} onClick={() => setDrill(null)} data-testid="ledger-back">
                {t('pol.ledger.back')}
              </Button>
              <span data-testid="ledger-drill-title">{t(drill.kind === 'beneficiary' ? 'pol.ledger.ofBeneficiary' : 'pol.ledger.ofLine', { name: drill.name })}</span>
            </Space>
          }
        >
          <EntitlementTable items={d?.items ?? []} loading={res.loading} admin onChanged={() => setChanges((n) => n + 1)} emptyText={t('pol.queue.empty')} paging={{ ...paging, total: d?.total ?? 0 }} />
        </Card>
      ) : view === 'beneficiary' ? (
        <Table<ByBeneficiary>
          rowKey="beneficiary"
          size="small"
          loading={res.loading}
          dataSource={d?.byBeneficiary ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
          locale={{ emptyText: t('pol.ledger.empty') }}
          data-testid="ledger-beneficiaries"
          columns={[
            {
              title: t('pol.col.beneficiary'),
              key: 'b',
              render: (_, r) => <DrillLink to={{ kind: 'beneficiary', key: r.beneficiary, name: r.beneficiaryName ?? r.beneficiary }} open={setDrill} testId={`ledger-beneficiary-${r.beneficiary}`} />,
            },
            { title: t('pol.ledger.count'), dataIndex: 'count', align: 'right' },
            ...sumColumns,
          ]}
        />
      ) : (
        <Table<ByLine>
          rowKey={(r) => `${r.jurisdiction}|${r.budgetLine}|${r.year}`}
          size="small"
          loading={res.loading}
          dataSource={d?.byBudgetLine ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 820 }}
          locale={{ emptyText: t('pol.ledger.empty') }}
          data-testid="ledger-lines"
          columns={[
            {
              title: t('pol.budget.line'),
              key: 'l',
              render: (_, r) => <DrillLink to={{ kind: 'line', key: r.budgetLine, name: r.budgetLineName[lang] }} open={setDrill} testId={`ledger-line-${r.budgetLine}`} />,
            },
            { title: t('pol.col.year'), dataIndex: 'year' },
            { title: t('pol.budget.amount'), key: 'budget', align: 'right', render: (_, r) => (r.budget === null ? <Typography.Text type="secondary">{t('pol.budget.empty')}</Typography.Text> : money(r.budget)) },
            ...sumColumns,
            { title: t('pol.budget.left'), key: 'left', align: 'right', render: (_, r) => (r.budget === null ? '—' : money(r.budget - r.approved)) },
          ]}
        />
      )}
    </Space>
  );
}
