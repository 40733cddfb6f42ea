import { Card, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchComparables, type Comparable } from '../api.ts';
import { bpText, KindTag, useTradingLabels } from '../labels.tsx';

/** 可比成交: similar achievements that sold through a listing, with the price and how it was formed. */
export function ComparablesCard({ listingId }: { listingId: string }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const res = useAsync(() => fetchComparables(listingId), [listingId]);
  const items = res.data?.items ?? [];
  if (!res.data || items.length === 0) return null;
  return (
    <Card className="comparables-card" title={t('trade.comparables.title')} extra={<span className="muted match-lead">{t('trade.comparables.lead')}</span>} data-testid="comparables">
      <Table<Comparable>
        rowKey={(c) => c.listing.id}
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 1040 }}
        columns={[
          { title: t('trade.comparables.listing'), width: 240, render: (_, c) => <Link to={`/listings/${c.listing.id}`}>{c.listing.title}</Link> },
          { title: t('trade.field.kind'), width: 120, render: (_, c) => <KindTag kind={c.listing.kind} /> },
          { title: t('trade.comparables.start'), dataIndex: 'startPrice', width: 110, render: (v: number) => L.money(v) },
          { title: t('trade.price.final'), dataIndex: 'finalPrice', width: 110, render: (v: number | null) => <strong className="price">{L.money(v)}</strong> },
          { title: t('trade.comparables.premium'), dataIndex: 'premiumBp', width: 90, render: (v: number | null) => (v == null ? '—' : bpText(v)) },
          { title: t('trade.floor.bidCount'), dataIndex: 'bids', width: 80 },
          { title: t('trade.comparables.closedAt'), dataIndex: 'closedAt', width: 110, render: (v: string | null) => formatDate(v) },
          { title: t('trade.comparables.similarity'), dataIndex: 'similarity', width: 80 },
          { title: t('trade.comparables.reasons'), render: (_, c) => <span className="muted">{c.reasons.join(L.lang === 'zh' ? '；' : '; ') || '—'}</span> },
        ]}
      />
    </Card>
  );
}
