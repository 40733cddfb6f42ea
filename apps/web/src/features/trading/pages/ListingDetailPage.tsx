import { AuditOutlined, FileProtectOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Grid, Result, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { fetchDeposits, type AuctionState, type Listing } from '../api.ts';
import { phaseAt, useServerNow } from '../clock.ts';
import { AuctionFloor } from '../components/AuctionFloor.tsx';
import { closeReasonText } from '../components/closeReason.ts';
import { ComparablesCard } from '../components/ComparablesCard.tsx';
import { DepositsCard } from '../components/DepositsCard.tsx';
import { RegistrationCard } from '../components/RegistrationCard.tsx';
import { FixedPanel, OffersCard } from '../components/FixedPanel.tsx';
import { ListingReviewButtons, WithdrawListingButton } from '../components/ListingActions.tsx';
import { NoticePanel, ObjectionsCard } from '../components/NoticePanel.tsx';
import { KindTag, StateTag, TransactionTag, useTradingLabels } from '../labels.tsx';
import { useLiveListing } from '../useLiveListing.ts';
import { FavouriteButton } from '../../engage/components/EngageBar.tsx';

/** A listing: its terms and price, and — by kind — the offers, the notice period with objections, or the live auction floor. */
export function ListingDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const live = useLiveListing(id);
  const l = live.listing;
  useEffect(() => {
    if (l) document.title = `${l.title} · ${t('trade.hall.title')} · 科转通`;
  }, [l, t]);
  if (!l && live.loading) return <PageLoading />;
  if (!l) {
    return (
      <div className="container">
        <Result
          status={live.error instanceof ApiError && live.error.status === 403 ? '403' : '404'}
          title={t('trade.notFound')}
          subTitle={live.error instanceof ApiError ? live.error.detail : undefined}
          extra={
            <Link to="/listings">
              <Button type="primary">{t('trade.hall.title')}</Button>
            </Link>
          }
        />
      </div>
    );
  }
  return <ListingView listing={l} state={live} />;
}

function ListingView({ listing: l, state }: { listing: Listing; state: ReturnType<typeof useLiveListing> }) {
  const { t } = useI18n();
  // On a phone the bordered tables put each label above its value.
  const phone = !(Grid.useBreakpoint().sm ?? true);
  const L = useTradingLabels();
  const C = useCatalogueLabels();
  const { me } = useAuth();
  const navigate = useNavigate();
  const now = useServerNow(1000);
  const phase = phaseAt({ ...l, startsAt: l.auction?.startsAt, endsAt: l.auction?.endsAt, noticeEndsAt: l.negotiated?.noticeEndsAt }, now);
  const [rev, setRev] = useState(0);
  const can = (a: Listing['allowedActions'][number]) => l.allowedActions.includes(a);
  const sellerSide = !!me?.organizations.some((o) => o.id === l.organization.id || o.id === l.agent?.id);
  const changed = () => {
    setRev((r) => r + 1);
    void state.refresh();
  };

  // A phase that began by the clock (bidding opens, a notice period runs out) changes what may be done: ask the server again.
  const asked = useRef<string>('');
  const { refresh } = state;
  useEffect(() => {
    if (l.status !== 'open' || phase === l.phase) return;
    const key = `${l.version}:${phase}`;
    if (asked.current === key) return;
    asked.current = key;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      void refresh();
      if (tries >= 3) clearInterval(timer);
    }, 1500);
    void refresh();
    return () => clearInterval(timer);
  }, [phase, l.phase, l.status, l.version, refresh]);

  const deposits = useAsync(
    () => (me && l.kind === 'auction' ? fetchDeposits(l.id).then((r) => r.items) : Promise.resolve(undefined)),
    [l.id, me?.user.id, l.kind, rev, l.auction?.bidCount, l.status],
  );
  // The seller's side and administrators see every deposit (others only their own) and may record them while the auction runs.
  const ownOrgs = new Set(me?.organizations.map((o) => o.id) ?? []);
  const manager = sellerSide || can('review') || can('recordDeposit') || !!deposits.data?.some((d) => !ownOrgs.has(d.organization.id));

  return (
    <div className="container stack listing-detail" data-testid="listing-detail" data-id={l.id} data-status={l.status}>
      <nav className="crumbs">
        <Link to="/listings">{t('trade.hall.title')}</Link>
        {sellerSide && (
          <>
            {' / '}
            <Link to="/listings?scope=mine">{t('trade.hall.tab.mine')}</Link>
          </>
        )}
      </nav>
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div style={{ minWidth: 0, flex: '1 1 480px' }}>
          <h1 className="record-h1" data-testid="listing-title">
            {l.title}
          </h1>
          <div className="record-tags">
            <KindTag kind={l.kind} />
            <TransactionTag transaction={l.transaction} />
            <StateTag status={l.status} phase={phase} />
          </div>
        </div>
        <Space wrap>
          {!sellerSide && l.listedAt && <FavouriteButton type="listing" id={l.id} />}
          {can('review') && <ListingReviewButtons listing={l} onDone={changed} size="middle" />}
          {can('withdraw') && <WithdrawListingButton listing={l} onDone={changed} />}
          {l.deal && (
            <Button type="primary" icon={<FileProtectOutlined />} onClick={() => navigate(`/deals/${l.deal!.id}`)} data-testid="listing-deal">
              {t('trade.deal.view')}
            </Button>
          )}
          {l.listedAt && (
            <Button icon={<AuditOutlined />} onClick={() => navigate(`/listings/${l.id}/record`)} data-testid="listing-record">
              {t('trade.record.title')}
            </Button>
          )}
        </Space>
      </div>

      {l.status === 'pending_review' && <Alert type="info" showIcon title={t('trade.state.pending')} description={t('trade.state.pendingDesc')} data-testid="listing-pending" />}
      {l.status === 'rejected' && <Alert type="error" showIcon title={t('trade.state.rejected')} description={l.reviewReason ?? undefined} />}
      {l.status === 'withdrawn' && <Alert type="info" showIcon title={t('trade.state.withdrawn', { at: formatDateTime(l.closedAt) })} description={l.closeReason ?? undefined} />}
      {l.status === 'cancelled' && <Alert type="warning" showIcon title={t('trade.state.cancelled', { reason: closeReasonText(t, l.closeReason) })} />}
      {l.status === 'failed' && l.kind !== 'auction' && <Alert type="warning" showIcon title={t('trade.floor.failed', { reason: closeReasonText(t, l.closeReason) })} />}

      {l.kind === 'auction' && l.auction && (
        <AuctionFloor
          listing={l as Listing & { auction: AuctionState }}
          phase={phase}
          bids={state.bids}
          live={state.live}
          sellerSide={sellerSide}
          myDeposits={sellerSide ? undefined : deposits.data}
          onPlaced={state.applyPlaced}
        />
      )}
      {l.kind === 'fixed' && <FixedPanel listing={l} onChanged={changed} />}
      {l.kind === 'negotiated' && l.negotiated && <NoticePanel listing={l} phase={phase} />}

      {l.kind === 'fixed' && me && <OffersCard listing={l} onChanged={changed} reloadKey={rev} />}
      {l.kind === 'negotiated' && l.listedAt && <ObjectionsCard listing={l} onChanged={changed} />}
      {l.kind === 'auction' && me && l.status === 'open' && <RegistrationCard listing={l} onChanged={changed} />}
      {l.kind === 'auction' && me && <DepositsCard listing={l} deposits={deposits.data} manager={manager} onChanged={changed} />}

      <Card title={t('trade.terms.title')} data-testid="listing-terms">
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          layout={phone ? 'vertical' : 'horizontal'}
          bordered
          size="small"
          items={[
            { key: 'achievement', label: t('trade.terms.achievement'), children: <Link to={`/achievements/${l.achievement.id}`}>{t('trade.terms.viewAchievement')}</Link> },
            { key: 'seller', label: t('trade.terms.seller'), children: <span data-testid="listing-seller">{l.organization.name}</span> },
            ...(l.agent ? [{ key: 'agent', label: t('trade.terms.agent'), children: l.agent.name }] : []),
            ...(l.demandId ? [{ key: 'demand', label: t('trade.detail.demand'), children: <Link to={`/demands/${l.demandId}`} data-testid="listing-demand-link">{t('trade.detail.viewDemand')}</Link> }] : []),
            { key: 'kind', label: t('trade.field.kind'), children: L.kind(l.kind) },
            { key: 'transaction', label: t('trade.field.transaction'), children: L.transaction(l.transaction) },
            { key: 'industry', label: t('cat.field.industry'), children: C.industryFull(l.industry) },
            { key: 'price', label: t(l.kind === 'auction' ? 'trade.price.start' : l.kind === 'negotiated' ? 'trade.price.agreed' : 'trade.price.listed'), children: <strong className="price">{L.money(l.price)}</strong> },
            ...(l.finalPrice != null ? [{ key: 'final', label: t('trade.price.final'), children: <strong className="price" data-testid="final-price">{L.money(l.finalPrice)}</strong> }] : []),
            ...(l.licence ? [{ key: 'licence', label: t('trade.terms.licence'), children: L.licence(l.licence), span: 2 }] : []),
            { key: 'payment', label: t('trade.terms.payment'), children: <span data-testid="listing-payment">{L.payment(l.payment)}</span>, span: 2 },
            { key: 'sign', label: t('trade.terms.signDays'), children: t('trade.terms.signDaysValue', { n: l.signDays }) },
            { key: 'listed', label: t('trade.terms.listedAt'), children: formatDateTime(l.listedAt) },
            ...(l.closedAt ? [{ key: 'closed', label: t('trade.terms.closedAt'), children: formatDateTime(l.closedAt) }] : []),
          ]}
        />
        {l.description && <p className="prose listing-description">{l.description}</p>}
      </Card>

      {l.listedAt && <ComparablesCard listingId={l.id} />}
    </div>
  );
}
