import { AuditOutlined, ReloadOutlined } from '@ant-design/icons';
import { INDUSTRY_CODES, LISTING_KINDS, LISTING_STATUSES, LISTING_TRANSACTIONS, type IndustrySection, type ListingKind, type ListingStatus, type ListingTransaction } from '@kzt/shared';
import { Alert, Button, Card, Col, Empty, Input, Pagination, Row, Select, Space, Spin, Tabs } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useUrlState } from '../../catalogue/components/CatalogueShell.tsx';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { fetchListing, listListings, type ListingSummary } from '../api.ts';
import { noteServerTime, phaseAt, serverClockKnown, useServerNow } from '../clock.ts';
import { Countdown } from '../components/Countdown.tsx';
import { KindTag, StateTag, TransactionTag, useTradingLabels } from '../labels.tsx';
import { SEARCH_MAX, searchText } from '../../../lib/search.ts';

const PAGE_SIZE = 12;
/** The statuses the public hall shows (the server's PUBLIC_STATUSES); "mine" adds those before and after review. */
const PUBLIC: ListingStatus[] = ['open', 'sold', 'failed', 'cancelled', 'withdrawn'];

const oneOf = <T extends string>(all: readonly T[], v: string | null): T | undefined => (v && (all as readonly string[]).includes(v) ? (v as T) : undefined);

/** 交易大厅: listings, negotiated prices in notice and auctions, open ones first; a tab with one's own listings. */
export function ListingHallPage() {
  const { t } = useI18n();
  const L = useTradingLabels();
  const C = useCatalogueLabels();
  const { me } = useAuth();
  const navigate = useNavigate();
  const { params, update, reset } = useUrlState();
  const mine = params.get('scope') === 'mine' && !!me;
  const q = searchText(params);
  const kind = oneOf<ListingKind>(LISTING_KINDS, params.get('kind'));
  const transaction = oneOf<ListingTransaction>(LISTING_TRANSACTIONS, params.get('transaction'));
  const status = oneOf<ListingStatus>(LISTING_STATUSES, params.get('status'));
  const industry = oneOf<IndustrySection>(INDUSTRY_CODES, params.get('industry'));
  const page = Number(params.get('page') ?? '1') || 1;

  useEffect(() => {
    document.title = `${t('trade.hall.title')} · 科转通`;
  }, [t]);

  const key = params.toString();
  const res = useAsync(
    (signal) => listListings({ scope: mine ? 'mine' : undefined, q: q || undefined, kind, transaction, status, industry, page, pageSize: PAGE_SIZE }, signal),
    [key, mine],
  );
  const items = res.data?.items ?? [];

  // The list has no serverTime: learn the server's clock from one open listing so the countdowns are right.
  const timed = items.find((i) => i.status === 'open' && (i.kind === 'auction' || i.kind === 'negotiated'));
  useEffect(() => {
    if (!timed || serverClockKnown()) return;
    const ctrl = new AbortController();
    const sent = Date.now();
    fetchListing(timed.id, ctrl.signal).then((l) => noteServerTime(l.serverTime, sent + (Date.now() - sent) / 2), () => undefined);
    return () => ctrl.abort();
  }, [timed]);

  const filtersActive = !!(q || kind || transaction || status || industry);
  const hasOrg = (me?.organizations.length ?? 0) > 0;

  return (
    <div className="container stack trading-hall" data-testid="listing-hall">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('trade.hall.title')}</h1>
          <p>{t('trade.hall.lead')}</p>
        </div>
        {me && (
          <Space wrap>
            <Button icon={<AuditOutlined />} onClick={() => navigate('/deals')} data-testid="hall-deals">
              {t('nav.deals')}
            </Button>
          </Space>
        )}
      </div>

      {hasOrg && (
        <Tabs
          activeKey={mine ? 'mine' : 'all'}
          onChange={(k) => update({ scope: k === 'mine' ? 'mine' : undefined, status: undefined })}
          items={[
            { key: 'all', label: t('trade.hall.tab.all') },
            { key: 'mine', label: <span data-testid="hall-tab-mine">{t('trade.hall.tab.mine')}</span> },
          ]}
          style={{ marginBottom: -12 }}
        />
      )}

      <Card size="small" className="hall-filters">
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={8}>
            <Input.Search
              key={q}
              defaultValue={q}
              allowClear
              enterButton={t('common.search')}
              placeholder={t('trade.hall.search')}
              maxLength={SEARCH_MAX}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              data-testid="hall-search"
            />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Select<ListingKind>
              allowClear
              value={kind}
              placeholder={t('trade.field.kind')}
              onChange={(v) => update({ kind: v })}
              options={LISTING_KINDS.map((k) => ({ value: k, label: L.kind(k) }))}
              style={{ width: '100%' }}
              data-testid="hall-kind"
            />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Select<ListingTransaction>
              allowClear
              value={transaction}
              placeholder={t('trade.field.transaction')}
              onChange={(v) => update({ transaction: v })}
              options={LISTING_TRANSACTIONS.map((k) => ({ value: k, label: L.transaction(k) }))}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Select<ListingStatus>
              allowClear
              value={status}
              placeholder={t('trade.field.status')}
              onChange={(v) => update({ status: v })}
              options={(mine ? LISTING_STATUSES : PUBLIC).map((k) => ({ value: k, label: L.status(k) }))}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Select<string>
              allowClear
              value={industry}
              placeholder={t('cat.field.industry')}
              onChange={(v) => update({ industry: v })}
              options={C.industryOptions}
              showSearch={{ optionFilterProp: 'label' }}
              popupMatchSelectWidth={false}
              style={{ width: '100%' }}
            />
          </Col>
        </Row>
        <div className="hall-bar">
          <span className="muted" data-testid="hall-total">
            {t('cat.results', { total: res.data?.total ?? 0 })}
          </span>
          <Space>
            {filtersActive && (
              <Button size="small" type="link" onClick={() => (mine ? update({ q: undefined, kind: undefined, transaction: undefined, status: undefined, industry: undefined }) : reset())}>
                {t('cat.filters.clear')}
              </Button>
            )}
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void res.reload()}>
              {t('common.refresh')}
            </Button>
          </Space>
        </div>
      </Card>

      {res.error instanceof ApiError && <Alert type="error" showIcon title={res.error.detail} />}
      <Spin spinning={res.loading}>
        {items.length === 0 && !res.loading ? (
          <Card>
            <Empty description={t(mine ? 'trade.hall.emptyMine' : 'trade.hall.empty')} />
          </Card>
        ) : (
          <Row gutter={[16, 16]} data-testid="hall-list">
            {items.map((l) => (
              <Col xs={24} md={12} xl={8} key={l.id}>
                <ListingCard l={l} />
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      {(res.data?.total ?? 0) > PAGE_SIZE && (
        <div className="result-pagination">
          <Pagination current={page} pageSize={PAGE_SIZE} total={res.data?.total ?? 0} showSizeChanger={false} onChange={(p) => update({ page: p === 1 ? undefined : p })} />
        </div>
      )}
    </div>
  );
}

function ListingCard({ l }: { l: ListingSummary }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const C = useCatalogueLabels();
  const now = useServerNow(1000);
  const phase = phaseAt(l, now);
  const sold = l.status === 'sold' && l.finalPrice != null;
  const priceLabel = sold
    ? t('trade.price.final')
    : l.kind === 'auction'
      ? t(l.bidCount === 0 ? 'trade.price.start' : l.status === 'open' ? 'trade.price.current' : 'trade.price.highest')
      : l.kind === 'negotiated'
        ? t('trade.price.agreed')
        : t('trade.price.listed');
  const price = sold ? l.finalPrice : l.kind === 'auction' ? (l.currentPrice ?? l.price) : l.price;
  return (
    <Card className="listing-card" data-testid="listing-card" data-id={l.id} data-kind={l.kind}>
      <div className="record-tags">
        <KindTag kind={l.kind} />
        <TransactionTag transaction={l.transaction} />
        <StateTag status={l.status} phase={phase} />
      </div>
      <h3 className="listing-card-title">
        <Link to={`/listings/${l.id}`} data-testid="listing-card-title">
          {l.title}
        </Link>
      </h3>
      <div className="record-meta">
        <span>{l.organization.name}</span>
        <span>{C.industry(l.industry)}</span>
      </div>
      <div className="listing-card-price">
        <div>
          <div className="muted listing-card-price-label">{priceLabel}</div>
          <strong className="price listing-price" data-testid="listing-card-price">
            {L.money(price)}
          </strong>
        </div>
        <div className="listing-card-time">
          {l.kind === 'auction' && l.status === 'open' && (
            <>
              <div className="muted">{phase === 'upcoming' ? t('trade.time.toStart') : t('trade.time.toEnd')}</div>
              {phase === 'ended' ? <span className="muted">{t('trade.time.ended')}</span> : <Countdown to={(phase === 'upcoming' ? l.startsAt : l.endsAt)!} doneText={t('trade.time.ended')} />}
              {l.bidCount > 0 && <div className="muted">{t('trade.bids.count', { n: l.bidCount })}</div>}
            </>
          )}
          {l.kind === 'negotiated' && l.status === 'open' && l.noticeEndsAt && (
            <>
              <div className="muted">{t('trade.time.noticeLeft')}</div>
              {phase === 'notice' ? <Countdown to={l.noticeEndsAt} urgentSeconds={0} doneText={t('trade.time.noticeOver')} /> : <span className="muted">{t('trade.time.noticeOver')}</span>}
            </>
          )}
          {l.status !== 'open' && (l.closedAt || l.listedAt) && <div className="muted">{formatDate(l.closedAt ?? l.listedAt)}</div>}
        </div>
      </div>
    </Card>
  );
}
