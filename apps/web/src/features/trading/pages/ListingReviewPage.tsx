import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { listListings, type ListingSummary } from '../api.ts';
import { ListingReviewButtons } from '../components/ListingActions.tsx';
import { KindTag, TransactionTag, useTradingLabels } from '../labels.tsx';

/** 挂牌审核: listings awaiting review in the administrator's jurisdictions. */
export function ListingReviewPage() {
  const { t } = useI18n();
  const L = useTradingLabels();
  const C = useCatalogueLabels();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  useEffect(() => {
    document.title = `${t('nav.adminListingReview')} · 科转通`;
  }, [t]);
  const list = useAsync((signal) => listListings({ scope: 'review', q: q || undefined, page, pageSize: 20 }, signal), [page, q]);
  return (
    <div className="stack">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('nav.adminListingReview')}</h1>
        <p>{t('trade.review.lead')}</p>
      </div>
      <Card>
        <Space wrap className="filters" size={12}>
          <Input.Search allowClear onSearch={(v) => { setPage(1); setQ(v.trim()); }} placeholder={t('trade.hall.search')} style={{ width: 280, maxWidth: '100%' }} enterButton={t('common.search')} />
          <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
            {t('common.refresh')}
          </Button>
        </Space>
        {list.error instanceof ApiError && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<ListingSummary>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1320 }}
          data-testid="listing-review-table"
          locale={{ emptyText: t('trade.review.empty') }}
          onRow={(r) => ({ 'data-testid': 'listing-review-row', 'data-id': r.id }) as object}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }), onChange: setPage }}
          columns={[
            {
              title: t('trade.form.listingTitle'),
              dataIndex: 'title',
              width: 300,
              render: (v: string, r) => (
                <Space orientation="vertical" size={2}>
                  <Link to={`/listings/${r.id}`}>{v}</Link>
                  <span>
                    <KindTag kind={r.kind} />
                    <TransactionTag transaction={r.transaction} />
                  </span>
                </Space>
              ),
            },
            { title: t('trade.terms.seller'), width: 180, render: (_, r) => r.organization.name },
            { title: t('cat.field.industry'), dataIndex: 'industry', width: 140, render: (v: string) => C.industry(v) },
            {
              title: t('trade.review.price'),
              width: 220,
              render: (_, r) => (
                <Space orientation="vertical" size={2}>
                  <strong className="price" data-testid="review-price">{L.money(r.price)}</strong>
                  {r.priceCheck?.flag ? (
                    <Tag color="red" data-testid="review-price-flag">
                      {t(r.priceCheck.flag === 'high' ? 'trust.review.flag.high' : 'trust.review.flag.low', { median: L.money(r.priceCheck.medianPrice) })}
                    </Tag>
                  ) : (
                    <span className="muted">{r.priceCheck && r.priceCheck.comparables > 0 ? t('trust.review.comparables', { n: r.priceCheck.comparables, median: L.money(r.priceCheck.medianPrice) }) : t('trust.review.noComparables')}</span>
                  )}
                </Space>
              ),
            },
            {
              title: t('trade.review.terms'),
              width: 220,
              render: (_, r) =>
                r.termsCheck ? (
                  <Space orientation="vertical" size={2} data-testid="review-terms">
                    <span>{t('trade.review.increment', { amount: L.money(r.termsCheck.increment) })}</span>
                    <span>{r.termsCheck.deposit > 0 ? t('trade.review.deposit', { amount: L.money(r.termsCheck.deposit) }) : t('trade.review.noDeposit')}</span>
                    {r.termsCheck.warnings.map((w) => (
                      <Tag color="orange" key={w} data-testid={`review-warning-${w}`} style={{ whiteSpace: 'normal' }}>
                        {t(w === 'incrementAboveStart' ? 'trade.review.warn.increment' : 'trade.review.warn.account')}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: t('trade.review.window'), width: 190, render: (_, r) => (r.kind === 'auction' ? `${formatDateTime(r.startsAt)} — ${formatDateTime(r.endsAt)}` : '—') },
            { title: t('admin.actions'), width: 200, render: (_, r) => <ListingReviewButtons listing={r} onDone={() => void list.reload()} /> },
          ]}
        />
      </Card>
    </div>
  );
}
