import { ImportOutlined, PlusOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { CONTRACT_KINDS, CONTRACT_STATUSES, type ContractKind, type ContractStatus } from '@kzt/shared';
import { Alert, Button, Card, Input, InputNumber, Select, Space, Table, Tabs, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { listContracts, type ContractScope, type ContractSummary } from '../api.ts';
import { CONTRACT_STATUS_COLOR, useContractLabels } from '../labels.ts';
import { PointsPanel } from '../components/PointsPanel.tsx';
import { TotalsPanel } from '../components/TotalsPanel.tsx';
import { PaymentTotalsPanel } from '../components/PaymentTotalsPanel.tsx';
import { isAnyAdmin } from '../../../lib/administers.ts';

/** 技术合同: my contracts, the registration desk's queue, my jurisdiction's contracts, and (administrators) the registration points. */
export function ContractsPage() {
  const { t } = useI18n();
  const L = useContractLabels();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const admin = isAnyAdmin(me);
  // An official with no organisation has no contracts of their own: they start on their jurisdiction's.
  const member = !!me && me.organizations.length > 0;
  const home = admin && !member ? 'jurisdiction' : 'mine';
  const tab = params.get('scope') ?? home;
  const scope: ContractScope = tab === 'desk' || tab === 'jurisdiction' ? tab : 'mine';
  const kind = (CONTRACT_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as ContractKind) : undefined;
  const status = (CONTRACT_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as ContractStatus) : undefined;
  const year = Number(params.get('year')) || undefined;
  const party = params.get('party') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  useEffect(() => {
    document.title = `${t('ct.list.title')} · 科转通`;
  }, [t]);
  const other = tab === 'points' || tab === 'totals' || tab === 'payments';
  // A tab without a list still asks for one row of mine: the answer says which lists the person may open.
  const list = useAsync((signal) => listContracts(other ? { scope: 'mine', page: 1, pageSize: 1 } : { scope, kind, status, year, party, page, pageSize: 20 }, signal), [tab, scope, kind, status, year, party, page]);
  // 登记审核 only for those who staff a registration point or administer a jurisdiction (the server says so); kept while a tab reloads.
  const [scopes, setScopes] = useState<readonly ContractScope[] | null>(null);
  useEffect(() => {
    if (list.data) setScopes(list.data.scopes);
  }, [list.data]);
  const desk = scopes ? scopes.includes('desk') : tab === 'desk';
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
    <div className="container stack" data-testid="contracts-page">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('ct.list.title')}</h1>
          <p>{t('ct.list.lead')}</p>
        </div>
        <Space wrap>
          <Link to="/verify/contracts">
            <Button icon={<SafetyCertificateOutlined />}>{t('ct.verify.link')}</Button>
          </Link>
          <Link to="/contracts/import">
            <Button icon={<ImportOutlined />} data-testid="contract-import">
              {t('ct.imp.link')}
            </Button>
          </Link>
          <Link to="/contracts/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="contract-new">
              {t('ct.new')}
            </Button>
          </Link>
        </Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === home ? {} : { scope: k }, { replace: true })}
        items={[
          ...(member || !admin ? [{ key: 'mine', label: t('ct.tab.mine') }] : []),
          ...(desk ? [{ key: 'desk', label: <span data-testid="contracts-tab-desk">{t('ct.tab.desk')}</span> }] : []),
          { key: 'payments', label: <span data-testid="contracts-tab-payments">{t('ct.tab.payments')}</span> },
          ...(admin ? [{ key: 'jurisdiction', label: t('ct.tab.jurisdiction') }, { key: 'totals', label: <span data-testid="contracts-tab-totals">{t('ct.tab.totals')}</span> }, { key: 'points', label: <span data-testid="contracts-tab-points">{t('ct.tab.points')}</span> }] : []),
        ]}
        style={{ marginBottom: -12 }}
      />
      {tab === 'points' ? (
        <PointsPanel />
      ) : tab === 'payments' ? (
        <Card>
          <PaymentTotalsPanel />
        </Card>
      ) : tab === 'totals' ? (
        <Card>
          <TotalsPanel />
        </Card>
      ) : (
        <Card>
          <Space wrap className="filters">
            <Select<ContractKind> allowClear value={kind} placeholder={t('ct.field.kind')} onChange={(v) => set({ kind: v })} options={CONTRACT_KINDS.map((k) => ({ value: k, label: L.kind(k) }))} style={{ width: 140 }} />
            <Select<ContractStatus> allowClear value={status} placeholder={t('ct.field.status')} onChange={(v) => set({ status: v })} options={CONTRACT_STATUSES.map((s) => ({ value: s, label: L.status(s) }))} style={{ width: 140 }} />
            <InputNumber<number> value={year ?? null} placeholder={t('ct.filter.year')} min={1990} max={2100} onChange={(v) => set({ year: v ? String(v) : undefined })} style={{ width: 120 }} />
            <Input.Search allowClear defaultValue={party} placeholder={t('ct.filter.party')} onSearch={(v) => set({ party: v || undefined })} style={{ width: 200 }} />
            <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
              {t('common.refresh')}
            </Button>
          </Space>
          {list.error instanceof ApiError && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
          <Table<ContractSummary>
            rowKey="id"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            data-testid="contracts-table"
            locale={{ emptyText: t('ct.empty') }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: (p) => set({ page: p === 1 ? undefined : String(p) }) }}
            onRow={(c) => ({ 'data-testid': 'contract-row', 'data-id': c.id }) as object}
            columns={[
              {
                title: t('ct.field.title'),
                // The widths add up to what a 1280 px screen gives the table (≈1100 px), the registration number whole.
                width: 214,
                render: (_, c) => (
                  <>
                    <Link to={`/contracts/${c.id}`}>{c.title}</Link>
                    {/* The desk sees at a glance a contract waiting without its signed text (it cannot be registered so). */}
                    {c.documentCount === 0 && c.status === 'submitted' && (
                      <Tag color="warning" style={{ marginInlineStart: 6 }} data-testid="contract-row-no-document">
                        {t('ct.row.noDocument')}
                      </Tag>
                    )}
                    {/* On a phone the other columns are hidden: the essentials under the title. */}
                    <div className="contract-row-meta">
                      <Tag color={CONTRACT_STATUS_COLOR[c.status]}>{L.status(c.status)}</Tag>
                      {L.kind(c.kind)} · <strong className="price">{L.money(c.technologyAmount)}</strong> · {c.signedOn}
                      {c.registrationNumber && <div className="registration-number">{c.registrationNumber}</div>}
                    </div>
                  </>
                ),
              },
              { title: t('ct.field.kind'), width: 88, responsive: ['md'], render: (_, c) => L.kind(c.kind) },
              { title: t('ct.field.seller'), width: 140, responsive: ['md'], render: (_, c) => c.seller.name },
              { title: t('ct.field.buyer'), width: 140, responsive: ['md'], render: (_, c) => c.buyer.name },
              { title: t('ct.field.technologyAmount'), width: 104, responsive: ['md'], render: (_, c) => <strong className="price">{L.money(c.technologyAmount)}</strong> },
              { title: t('ct.field.signedOn'), dataIndex: 'signedOn', width: 116, responsive: ['md'], render: (v: string) => <span className="nowrap">{v}</span> },
              { title: t('ct.field.status'), width: 82, responsive: ['md'], render: (_, c) => <Tag color={CONTRACT_STATUS_COLOR[c.status]}>{L.status(c.status)}</Tag> },
              { title: t('ct.field.registrationNumber'), width: 192, responsive: ['md'], render: (_, c) => <span className="registration-number">{c.registrationNumber ?? '—'}</span> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
