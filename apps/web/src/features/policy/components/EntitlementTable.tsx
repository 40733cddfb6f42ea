import { formatYuanExact, policyDocumentTitle } from '@kzt/shared';
import { Alert, Button, Card, Empty, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { type EntitlementDto, type EntitlementStatus } from '../api.ts';
import { ApplyModal } from './ApplyModal.tsx';
import { DecisionModal, type Decision } from './DecisionModal.tsx';
import { EntitlementHistory } from './EntitlementHistory.tsx';

const STATUS_COLOR: Record<EntitlementStatus, string> = { granted: 'blue', applied: 'gold', returned: 'orange', approved: 'green', rejected: 'red', paid: 'cyan', cancelled: 'default' };

/**
 * Entitlements with what the caller may do: an organisation applies, and
 * corrects and resubmits a returned application; an administrator approves,
 * returns for correction (退回补正), rejects (不予支持) and records payment,
 * each stated before it is made.
 */
/** The page and page size of a list the server pages (page 1 again whenever the filter changes). */
export function usePaging(resetOn: unknown) {
  const [state, setState] = useState({ page: 1, pageSize: 20, resetOn });
  const current = state.resetOn === resetOn ? state : { page: 1, pageSize: state.pageSize, resetOn };
  if (current !== state) setState(current);
  return { page: current.page, pageSize: current.pageSize, onChange: (page: number, pageSize: number) => setState({ page: pageSize === current.pageSize ? page : 1, pageSize, resetOn }) };
}

/** One page of the server's list: the table pages through `total` by asking the server for each page. */
export interface EntitlementPaging {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
}

export function EntitlementTable({ items, loading, admin, onChanged, emptyText, paging }: { items: EntitlementDto[]; loading: boolean; admin: boolean; onChanged: () => void; emptyText: string; paging: EntitlementPaging }) {
  const { t, lang } = useI18n();
  const [deciding, setDeciding] = useState<{ row: EntitlementDto; decision: Decision } | null>(null);
  const [applying, setApplying] = useState<EntitlementDto | null>(null);
  const decide = (row: EntitlementDto, decision: Decision) => setDeciding({ row, decision });
  // A phone gets one card per entitlement: the amount, the status and the buttons without scrolling sideways.
  const phone = !Grid.useBreakpoint().md;
  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: paging.total,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    hideOnSinglePage: paging.total <= 10,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: paging.onChange,
  };

  const details = (r: EntitlementDto) => (
    <Space direction="vertical" size={4} style={{ maxWidth: 880, width: '100%' }}>
      <Typography.Text>{r.explanation}</Typography.Text>
      <Typography.Text type="secondary" data-testid={`budget-line-${r.id}`}>{t('pol.budgetLine', { line: r.budgetLineName[lang] })}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('pol.source', { file: policyDocumentTitle(r.source.file, lang), item: r.source.item })}：{r.source.quote}
      </Typography.Text>
      {r.status === 'granted' && r.requiredDocuments.length > 0 && <Typography.Text type="secondary">{`${t('pol.apply.documents')}${t('common.colon')}${r.requiredDocuments.join('、')}`}</Typography.Text>}
      <EntitlementHistory row={r} />
    </Space>
  );
  const status = (r: EntitlementDto) => (
    <Space direction="vertical" size={2}>
      <Tag color={STATUS_COLOR[r.status]} data-testid={`status-${r.id}`}>
        {t(`pol.status.${r.status}`)}
      </Tag>
      {r.reason && (r.status === 'returned' || r.status === 'rejected' || r.status === 'cancelled') && (
        <Typography.Text type={r.status === 'returned' ? 'warning' : 'danger'} style={{ fontSize: 12, maxWidth: 220, display: 'inline-block' }}>
          {r.reason}
        </Typography.Text>
      )}
    </Space>
  );
  const actions = (r: EntitlementDto) => (
    <Space wrap size={4}>
      {!admin && (r.status === 'granted' || r.status === 'returned') && (
        <Button size="small" type="primary" onClick={() => setApplying(r)} data-testid={`apply-${r.id}`}>
          {r.status === 'returned' ? t('pol.resubmit') : t('pol.apply')}
        </Button>
      )}
      {!admin && r.status === 'applied' && <Typography.Text type="secondary">{t('pol.waiting')}</Typography.Text>}
      {admin && r.status === 'applied' && (
        <>
          <Button size="small" type="primary" onClick={() => decide(r, 'approve')} data-testid={`approve-${r.id}`}>
            {t('pol.approve')}
          </Button>
          <Button size="small" onClick={() => decide(r, 'return')} data-testid={`return-${r.id}`}>
            {t('pol.return')}
          </Button>
          <Button size="small" danger onClick={() => decide(r, 'reject')} data-testid={`reject-${r.id}`}>
            {t('pol.reject')}
          </Button>
        </>
      )}
      {admin && r.status === 'approved' && (
        <Button size="small" onClick={() => decide(r, 'pay')} data-testid={`pay-${r.id}`}>
          {t('pol.pay')}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      {!admin && items.some((r) => r.status === 'returned') && <Alert style={{ marginBottom: 12 }} type="warning" showIcon message={t('pol.returnedHint')} data-testid="returned-hint" />}
      {phone ? (
        <List<EntitlementDto>
          loading={loading}
          dataSource={items}
          pagination={{ ...pagination, size: 'small', showSizeChanger: false }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
          renderItem={(r) => (
            <Card size="small" style={{ marginBottom: 12 }} data-testid={`entitlement-${r.id}`}>
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                  <Typography.Text strong>{r.ruleTitle}</Typography.Text>
                  {status(r)}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${r.beneficiaryName ?? r.beneficiary} · ${r.year}`}</Typography.Text>
                <Typography.Text strong style={{ fontSize: 18 }}>
                  {formatYuanExact(r.amount, lang)}
                </Typography.Text>
                {actions(r)}
                <details>
                  <summary style={{ cursor: 'pointer', color: 'var(--ant-color-primary, #1f4e9c)' }}>{t('pol.details')}</summary>
                  {details(r)}
                </details>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<EntitlementDto>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={items}
          pagination={pagination}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
          expandable={{ expandedRowRender: details }}
          columns={[
            {
              title: t('pol.col.rule'),
              key: 'rule',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>{r.ruleTitle}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pol.source', { file: policyDocumentTitle(r.source.file, lang), item: r.source.item })}</Typography.Text>
                </Space>
              ),
            },
            { title: t('pol.col.beneficiary'), key: 'b', render: (_, r) => r.beneficiaryName ?? r.beneficiary },
            { title: t('pol.col.year'), dataIndex: 'year', width: 70 },
            { title: t('pol.col.amount'), key: 'amount', align: 'right', render: (_, r) => <strong>{formatYuanExact(r.amount, lang)}</strong> },
            { title: t('pol.col.status'), key: 'status', render: (_, r) => status(r) },
            { title: t('pol.col.actions'), key: 'actions', render: (_, r) => actions(r) },
          ]}
        />
      )}
      <ApplyModal row={applying} onClose={() => setApplying(null)} onDone={onChanged} />
      <DecisionModal row={deciding?.row ?? null} decision={deciding?.decision ?? null} onClose={() => setDeciding(null)} onDone={onChanged} />
    </>
  );
}
