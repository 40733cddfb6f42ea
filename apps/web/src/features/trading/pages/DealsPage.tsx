import { ReloadOutlined } from '@ant-design/icons';
import { DEAL_STATUSES, type DealStatus } from '@kzt/shared';
import { Alert, Button, Card, Select, Space, Table, Tabs, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { listDeals, type DealSummary } from '../api.ts';
import { DEAL_STATUS_COLOR, useTradingLabels } from '../labels.tsx';
import { isAnyAdmin } from '../../../lib/administers.ts';

/** 我的成交 (deals of my organisations) and, for administrators, 本辖区 (deals in their jurisdictions). */
export function DealsPage() {
  const { t } = useI18n();
  const L = useTradingLabels();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const admin = isAnyAdmin(me);
  // A broker's entrusted deals are theirs as a person, not their organisation's: they live in the broker workbench.
  const broker = !!me?.profiles.some((p) => p.kind === 'broker');
  // An administrator who belongs to no organisation has no deals of their own: the jurisdiction's come first.
  const defaultScope = admin && (me?.organizations.length ?? 0) === 0 ? 'jurisdiction' : 'mine';
  const asked = params.get('scope');
  const scope = admin && (asked === 'jurisdiction' || (!asked && defaultScope === 'jurisdiction')) ? 'jurisdiction' : 'mine';
  const status = (DEAL_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as DealStatus) : undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  useEffect(() => {
    document.title = `${t('deal.list.title')} · 科转通`;
  }, [t]);
  const list = useAsync((signal) => listDeals({ scope, status, page, pageSize: 20 }, signal), [scope, status, page]);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <div className="container stack" data-testid="deals-page">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('deal.list.title')}</h1>
          <p>{t('deal.list.lead')}</p>
        </div>
        <Space wrap>
          <Link to="/listings">
            <Button>{t('trade.hall.title')}</Button>
          </Link>
        </Space>
      </div>
      {admin && (
        <Tabs
          activeKey={scope}
          onChange={(k) => set({ scope: k === defaultScope ? undefined : k })}
          items={[
            { key: 'mine', label: t('deal.list.tab.mine') },
            { key: 'jurisdiction', label: <span data-testid="deals-tab-jurisdiction">{t('deal.list.tab.jurisdiction')}</span> },
          ]}
          style={{ marginBottom: -12 }}
        />
      )}
      <Card>
        <Space wrap className="filters">
          <Select<DealStatus>
            allowClear
            value={status}
            placeholder={t('trade.field.status')}
            onChange={(v) => set({ status: v })}
            options={DEAL_STATUSES.map((s) => ({ value: s, label: L.dealStatus(s) }))}
            style={{ width: 180 }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
            {t('common.refresh')}
          </Button>
        </Space>
        {broker && scope === 'mine' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="deals-broker-note"
            title={
              <>
                {t('deal.list.brokerNote')} <Link to="/workbench/broker" data-testid="deals-broker-link">{t('deal.list.brokerLink')}</Link>
              </>
            }
          />
        )}
        {list.error instanceof ApiError && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<DealSummary>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1000 }}
          data-testid="deals-table"
          locale={{ emptyText: t(broker && scope === 'mine' ? 'deal.list.emptyBroker' : 'deal.list.empty') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (p) => set({ page: p === 1 ? undefined : String(p) }) }}
          onRow={(d) => ({ 'data-testid': 'deal-row', 'data-id': d.id }) as object}
          columns={[
            { title: t('deal.field.listing'), width: 280, render: (_, d) => <Link to={`/deals/${d.id}`}>{d.listing.title}</Link> },
            { title: t('trade.terms.seller'), width: 170, render: (_, d) => d.seller.name },
            { title: t('deal.field.buyer'), width: 170, render: (_, d) => d.buyer.name },
            { title: t('deal.field.source'), dataIndex: 'source', width: 140, render: (_, d) => L.dealSource(d.source) },
            { title: t('deal.field.amount'), dataIndex: 'amount', width: 120, render: (v: number) => <strong className="price">{L.money(v)}</strong> },
            { title: t('trade.field.status'), dataIndex: 'status', width: 110, render: (s: DealStatus) => <Tag color={DEAL_STATUS_COLOR[s]}>{L.dealStatus(s)}</Tag> },
            { title: t('deal.field.createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
          ]}
        />
      </Card>
    </div>
  );
}
