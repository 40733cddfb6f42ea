import { PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { RECORD_STATUSES, type RecordStatus } from '@kzt/shared';
import { Alert, Button, Card, Space, Table, Tabs } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, get } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import type { CataloguePage, RecordBase, RecordFull, RecordKindKey } from '../api.ts';
import { RecordActions } from '../components/RecordActions.tsx';
import { RecordStatusTag, StaleTag, useCatalogueLabels } from '../labels.tsx';

type Row = RecordBase & Partial<RecordFull>;

/** 我的成果 / 我的需求: scope=mine, one tab per status; returned records show the reviewer's reason. */
export function MyRecordsPage({ kind }: { kind: RecordKindKey }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as RecordStatus | null) ?? undefined;
  // Two lists beside the status tabs: records not confirmed for a long time, and achievements unconverted for two years.
  const flag = params.get('flag') as 'stale' | 'unconverted' | null;
  const page = Number(params.get('page') ?? '1') || 1;
  const ach = kind === 'achievements';
  const title = t(ach ? 'ach.mine' : 'dem.mine');
  useEffect(() => {
    document.title = `${title} · 科转通`;
  }, [title]);

  const list = useAsync(
    (signal) =>
      get<CataloguePage<Row>>(
        `/${kind}`,
        { scope: 'mine', status, page, pageSize: 20, sort: 'date', ...(flag === 'stale' ? { stale: 'true' } : flag === 'unconverted' ? { unconverted: 'true' } : {}) },
        signal,
      ),
    [kind, status, flag, page],
  );

  const setTab = (key: string) => {
    const next = new URLSearchParams();
    if (key === 'stale' || key === 'unconverted') next.set('flag', key);
    else if (key !== 'all') next.set('status', key);
    setParams(next, { replace: true });
  };

  return (
    <div className="container stack">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{title}</h1>
          <p>{t(ach ? 'ach.mine.lead' : 'dem.mine.lead')}</p>
        </div>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
            {t('common.refresh')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => navigate(`/imports/new?kind=${kind}`)} data-testid={`${kind}-import`}>
            {t('imp.button')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/${kind}/new`)} data-testid={`${kind}-new`}>
            {t(ach ? 'ach.new' : 'dem.new')}
          </Button>
        </Space>
      </div>
      <Card>
        <Tabs
          activeKey={flag ?? status ?? 'all'}
          onChange={setTab}
          items={[
            { key: 'all', label: t('admin.filter.all') },
            ...RECORD_STATUSES.map((s) => ({ key: s, label: L.status(s) })),
            { key: 'stale', label: t('cat.flag.stale') },
            ...(ach ? [{ key: 'unconverted', label: t('cat.flag.unconverted') }] : []),
          ]}
          data-testid="status-tabs"
        />
        {list.error instanceof ApiError && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<Row>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1100 }}
          data-testid="my-records"
          locale={{ emptyText: t('cat.mine.empty') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p) => {
              const next = new URLSearchParams(params);
              if (p === 1) next.delete('page');
              else next.set('page', String(p));
              setParams(next, { replace: true });
            },
          }}
          columns={[
            {
              title: t(ach ? 'ach.field.title' : 'dem.field.title'),
              dataIndex: 'title',
              width: 300,
              render: (v: string, r) => (
                <Space orientation="vertical" size={2}>
                  <Link to={`/${kind}/${r.id}`}>{v}</Link>
                  {r.status === 'returned' && r.reviewReason && (
                    <span className="returned-reason" data-testid="returned-reason">
                      {t('cat.returned.reason')}{t('common.colon')}{r.reviewReason}
                    </span>
                  )}
                </Space>
              ),
            },
            {
              title: t('admin.filter.status'),
              dataIndex: 'status',
              width: 150,
              render: (s: RecordStatus, r) => (
                <Space size={4} wrap>
                  <RecordStatusTag status={s} />
                  {r.stale && <StaleTag />}
                </Space>
              ),
            },
            { title: t('cat.field.industry'), dataIndex: 'industry', width: 160, render: (v: string) => L.industry(v) },
            { title: t('cat.field.organization'), width: 180, render: (_, r) => r.organization.name },
            { title: t('cat.field.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v?: string) => formatDateTime(v) },
            {
              title: t('admin.actions'),
              width: 330,
              render: (_, r) => (
                <Space size={4} wrap>
                  <Link to={`/${kind}/${r.id}`}>{t('org.mine.view')}</Link>
                  <RecordActions kind={kind} record={r} variant="row" onChanged={() => void list.reload()} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
