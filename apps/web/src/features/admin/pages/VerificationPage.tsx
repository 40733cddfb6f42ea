import { ReloadOutlined } from '@ant-design/icons';
import { ORGANIZATION_STATUSES, type OrganizationStatus, type OrganizationType } from '@kzt/shared';
import { Alert, Button, Card, Input, Segmented, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { listOrganizations, type Organization } from '../../organizations/api.ts';
import { ReviewButtons } from '../../organizations/components/ReviewButtons.tsx';
import { LicenceCell } from '../../organizations/components/LicenceCell.tsx';
import { OrgStatusTag, useOrgLabels } from '../../organizations/labels.tsx';

type StatusFilter = OrganizationStatus | 'all';

export function VerificationPage() {
  const { t } = useI18n();
  const labels = useOrgLabels();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as StatusFilter | null) ?? 'pending';
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '20') || 20;
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);

  useEffect(() => {
    document.title = `${t('admin.verification.title')} · 科转通`;
  }, [t]);

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  const list = useAsync(
    () => listOrganizations({ status: status === 'all' ? undefined : status, q: q || undefined, page, pageSize }),
    [status, q, page, pageSize],
  );

  const adminOf = me?.adminOf.map((a) => a.name).join('、');

  return (
    <div className="stack">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('admin.verification.title')}</h1>
        <p>
          {t('admin.verification.lead')}
          {adminOf ? `（${t('me.adminOf')}${t('common.colon')}${adminOf}）` : me?.user.isPlatformAdmin ? `（${t('me.platformAdmin')}）` : ''}
        </p>
      </div>
      <Card>
        <Space wrap className="filters" size={12}>
          <Segmented<StatusFilter>
            value={status}
            onChange={(v) => update({ status: v === 'pending' ? undefined : v, page: undefined })}
            options={[
              ...ORGANIZATION_STATUSES.map((s) => ({ value: s as StatusFilter, label: labels.status(s) })),
              { value: 'all' as StatusFilter, label: t('admin.filter.all') },
            ]}
            data-testid="status-filter"
          />
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined, page: undefined })}
            placeholder={t('admin.filter.search')}
            style={{ width: 280, maxWidth: '100%' }}
            enterButton={t('common.search')}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
            {t('common.refresh')}
          </Button>
        </Space>
        {list.error instanceof ApiError && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<Organization>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1130 }}
          data-testid="verification-table"
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, ps) => update({ page: p === 1 ? undefined : p, pageSize: ps === 20 ? undefined : ps }),
          }}
          columns={[
            {
              title: t('org.field.name'),
              dataIndex: 'name',
              width: 200,
              render: (name: string, o) => <Link to={`/org/${o.id}`}>{name}</Link>,
            },
            {
              title: t('org.field.type'),
              dataIndex: 'type',
              width: 90,
              // 事业单位 as declared: the administrator checks it (and corrects it on the organisation's page).
              render: (v: OrganizationType, o) => (
                <Space orientation="vertical" size={2}>
                  <span>{labels.type(v)}</span>
                  {o.publicInstitution && <Tag color="blue">{t('org.field.publicInstitution')}</Tag>}
                </Space>
              ),
            },
            { title: t('org.field.creditCode'), dataIndex: 'creditCode', width: 200, render: (v: string) => <span className="mono">{v}</span> },
            { title: t('org.field.jurisdiction'), dataIndex: 'jurisdictionName', width: 100, render: (v: string, o) => v || o.jurisdictionCode },
            { title: t('org.field.appliedAt'), dataIndex: 'createdAt', width: 120, render: (v: string) => formatDateTime(v) },
            { title: t('org.licence.title'), key: 'licence', width: 130, render: (_, o) => <LicenceCell org={o} /> },
            {
              title: t('org.field.status'),
              dataIndex: 'status',
              width: 110,
              render: (s: OrganizationStatus, o) => (
                <Space orientation="vertical" size={2}>
                  <OrgStatusTag status={s} />
                  {s === 'rejected' && o.reviewReason && <span className="muted" style={{ fontSize: 12 }}>{o.reviewReason}</span>}
                </Space>
              ),
            },
            {
              title: t('admin.actions'),
              key: 'actions',
              width: 180,
              // The review buttons stay in sight on a laptop screen, whatever the table scrolls.
              fixed: 'right',
              render: (_, o) =>
                o.status === 'pending' && (o.allowedActions?.includes('verify') ?? true) ? (
                  <ReviewButtons org={o} onDone={() => void list.reload()} />
                ) : (
                  <Link to={`/org/${o.id}`}>{t('org.mine.view')}</Link>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
