import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, get } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import type { CataloguePage, RecordBase, RecordFull, RecordKindKey } from '../api.ts';
import { ReviewRecordButtons } from '../components/ReviewRecordButtons.tsx';
import { FreshnessSettings } from '../components/FreshnessSettings.tsx';
import { UnconvertedRuleSettings } from '../components/UnconvertedRuleSettings.tsx';
import { ConfidentialityTag, useCatalogueLabels } from '../labels.tsx';
import { useBudgetText } from '../../demands/pages/DemandListPage.tsx';

type Row = RecordBase & Partial<RecordFull> & { maturity?: number; commonProblem?: boolean; price?: number | null; budgetMin?: number | null; budgetMax?: number | null };

/**
 * 成果审核 / 需求审核: submitted records in the admin's jurisdictions.
 * With `track` (成果跟踪): published achievements unconverted for two years, or not confirmed for long.
 */
export function ReviewQueuePage({ kind, track = false }: { kind: RecordKindKey; track?: boolean }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const budget = useBudgetText();
  const ach = kind === 'achievements';
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [flag, setFlag] = useState<'unconverted' | 'stale'>('unconverted');
  const title = t(track ? 'nav.adminTracking' : ach ? 'nav.adminAchievementReview' : 'nav.adminDemandReview');
  useEffect(() => {
    document.title = `${title} · 科转通`;
  }, [title]);
  const list = useAsync(
    (signal) =>
      get<CataloguePage<Row>>(
        `/${kind}`,
        track
          ? { scope: 'review', status: 'published', [flag]: 'true', q: q || undefined, sort: 'date', page, pageSize: 20 }
          : { scope: 'review', status: 'submitted', q: q || undefined, sort: 'date', page, pageSize: 20 },
        signal,
      ),
    [kind, page, q, track, flag],
  );
  return (
    <div className="stack">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{title}</h1>
        <p>{t(track ? 'cat.track.lead' : ach ? 'cat.review.leadAch' : 'cat.review.leadDem')}</p>
      </div>
      {track && <FreshnessSettings />}
      {track && <UnconvertedRuleSettings />}
      <Card>
        <Space wrap className="filters" size={12}>
          {track && (
            <Segmented
              value={flag}
              onChange={(v) => {
                setPage(1);
                setFlag(v as 'unconverted' | 'stale');
              }}
              options={[
                { value: 'unconverted', label: t('cat.flag.unconverted') },
                { value: 'stale', label: t('cat.flag.stale') },
              ]}
              data-testid="track-flag"
            />
          )}
          <Input.Search allowClear onSearch={(v) => { setPage(1); setQ(v.trim()); }} placeholder={t('cat.review.search')} style={{ width: 280, maxWidth: '100%' }} enterButton={t('common.search')} />
          <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
            {t('common.refresh')}
          </Button>
        </Space>
        {list.error instanceof ApiError && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<Row>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1100 }}
          data-testid="review-table"
          locale={{ emptyText: t(track ? 'cat.track.empty' : 'cat.review.empty') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: setPage }}
          columns={[
            {
              title: t(ach ? 'ach.field.title' : 'dem.field.title'),
              dataIndex: 'title',
              width: 300,
              render: (v: string, r) => (
                <Space orientation="vertical" size={2}>
                  <Link to={`/${kind}/${r.id}`}>{v}</Link>
                  <ConfidentialityTag value={r.confidentiality} />
                </Space>
              ),
            },
            { title: t('cat.field.organization'), width: 200, render: (_, r) => r.organization.name },
            { title: t('cat.field.industry'), dataIndex: 'industry', width: 150, render: (v: string) => L.industry(v) },
            // The money a reviewer approves with the record: a unit slip (3 亿元 for 3 万元) is seen before 通过.
            ach
              ? { title: t('ach.field.price'), key: 'price', width: 130, render: (_: unknown, r: Row) => L.money(r.price ?? null) }
              : { title: t('dem.field.budget'), key: 'budget', width: 160, render: (_: unknown, r: Row) => budget(r.budgetMin, r.budgetMax) },
            ...(ach ? [{ title: t('ach.field.maturity'), dataIndex: 'maturity', width: 140, render: (v?: number) => (v ? L.maturityShort(v) : '—') }] : []),
            { title: t('cat.field.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v?: string) => formatDateTime(v) },
            {
              title: t('admin.actions'),
              width: 230,
              render: (_, r) =>
                r.allowedActions.includes('review') ? <ReviewRecordButtons kind={kind} record={r} onDone={() => void list.reload()} /> : <Link to={`/${kind}/${r.id}`}>{t('org.mine.view')}</Link>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
