import { ThunderboltOutlined, WifiOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { problemText } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { MoneyInput } from '../../catalogue/components/MoneyInput.tsx';
import { newIdempotencyKey, placeBid, type AuctionState, type Bid, type Deposit, type Listing, type PlacedBid } from '../api.ts';
import { Countdown } from './Countdown.tsx';
import { closeReasonText } from './closeReason.ts';
import { useTradingLabels } from '../labels.tsx';
import { amountInCapitals, BID_CONFIRM_FACTOR, bidderLabel, bidNeedsConfirmation, formatYuanExact, PRICE_MAX_FEN, type ListingPhase } from '@kzt/shared';

type FloorProps = {
  listing: Listing & { auction: AuctionState };
  phase: ListingPhase;
  bids: Bid[];
  live: boolean;
  sellerSide: boolean;
  /** The caller's own deposits (undefined while unknown). */
  myDeposits: Deposit[] | undefined;
  onPlaced: (placed: PlacedBid) => void;
};

/** 竞价大厅: the live price, the clock (with its extensions), the bid box and the bid history. */
export function AuctionFloor({ listing, phase, bids, live, sellerSide, myDeposits, onPlaced }: FloorProps) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const { me } = useAuth();
  const location = useLocation();
  const a = listing.auction;
  const open = listing.status === 'open';
  // The server offers 'bid' to anyone signed in but the seller's side; bidding itself takes a verified organisation of one's own.
  const buying = (me?.organizations ?? []).some((o) => o.status === 'verified' && o.id !== listing.organization.id && o.id !== listing.agent?.id);
  const canBid = open && phase === 'bidding' && listing.allowedActions.includes('bid') && buying;

  const reserveText =
    a.reservePrice != null
      ? t('trade.reserve.own', { price: L.money(a.reservePrice) })
      : !a.hasReserve
        ? t('trade.reserve.none')
        : a.reserveMet == null
          ? t('trade.reserve.hidden')
          : t(a.reserveMet ? 'trade.reserve.met' : 'trade.reserve.notMet');

  return (
    <Card
      className="auction-floor"
      data-testid="auction-floor"
      title={
        <Space wrap size={8}>
          <ThunderboltOutlined />
          <span>{t('trade.floor.title')}</span>
          {open && (
            <Tag color={live ? 'green' : 'default'} icon={<WifiOutlined />} data-testid="live-indicator" data-live={live}>
              {t(live ? 'trade.floor.live' : 'trade.floor.connecting')}
            </Tag>
          )}
        </Space>
      }
    >
      <div className="floor-grid">
        <div className="floor-price">
          <div className="muted">{listing.status === 'sold' && listing.finalPrice != null ? t('trade.price.final') : t(a.bidCount > 0 ? 'trade.price.current' : 'trade.price.start')}</div>
          <div className="floor-current" data-testid="current-price" data-fen={a.currentPrice}>
            {L.money(listing.status === 'sold' && listing.finalPrice != null ? listing.finalPrice : a.currentPrice)}
          </div>
          {a.leading && (
            <Tag color="green" className="floor-leading" data-testid="leading">
              {t('trade.floor.leading')}
            </Tag>
          )}
          <dl className="floor-facts">
            {open && (
              <>
                <dt>{t('trade.floor.nextMinimum')}</dt>
                <dd data-testid="next-minimum" data-fen={a.nextMinimum}>
                  {L.money(a.nextMinimum)}
                </dd>
              </>
            )}
            <dt>{t('trade.auction.increment')}</dt>
            <dd>{L.money(a.increment)}</dd>
            <dt>{t('trade.price.start')}</dt>
            <dd>{L.money(a.startPrice)}</dd>
            <dt>{t('trade.auction.deposit')}</dt>
            <dd>{a.deposit > 0 ? L.money(a.deposit) : t('trade.auction.noDeposit')}</dd>
            <dt>{t('trade.auction.reserve')}</dt>
            <dd data-testid="reserve">{reserveText}</dd>
            <dt>{t('trade.floor.bidCount')}</dt>
            <dd data-testid="bid-count">{a.bidCount}</dd>
          </dl>
        </div>
        <div className="floor-clock">
          <div className="muted">{phase === 'upcoming' ? t('trade.time.toStart') : phase === 'bidding' ? t('trade.time.toEnd') : L.phase(phase)}</div>
          <div className="floor-countdown">
            {open && phase === 'upcoming' && <Countdown to={a.startsAt} urgentSeconds={0} data-testid="floor-countdown" />}
            {open && phase === 'bidding' && <Countdown to={a.endsAt} doneText={t('trade.time.ended')} urgentSeconds={Math.max(a.extendSeconds, 60)} data-testid="floor-countdown" />}
            {(!open || phase === 'ended') && <span className="floor-over">{listing.status === 'open' ? t('trade.time.ended') : L.status(listing.status)}</span>}
          </div>
          <div className="floor-times">
            <div>
              {t('trade.auction.window')}{t('common.colon')}{formatDateTime(a.startsAt, true)} — <span data-testid="ends-at">{formatDateTime(a.endsAt, true)}</span>
            </div>
            {a.extensions > 0 && (
              <div>
                <Tag color="orange" data-testid="extensions" data-n={a.extensions}>
                  {t('trade.floor.extended', { n: a.extensions })}
                </Tag>
                <span className="muted">{t('trade.floor.scheduled', { at: formatDateTime(a.scheduledEndsAt, true) })}</span>
              </div>
            )}
            <div className="muted">
              {a.extendSeconds > 0 && a.maxExtensions > 0 ? t('trade.floor.rule', { s: a.extendSeconds, n: a.maxExtensions }) : t('trade.floor.noRule')}
            </div>
          </div>
        </div>
      </div>

      {canBid && <BidBox listing={listing} sellerSide={sellerSide} myDeposits={myDeposits} onPlaced={onPlaced} />}
      {open && phase === 'bidding' && !canBid && (
        <Alert
          className="floor-note"
          type="info"
          showIcon
          title={
            !me ? (
              <span>
                <Link to={`/login?redirect=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link> {t('trade.floor.loginToBid')}
              </span>
            ) : sellerSide ? (
              t('trade.floor.sellerNoBid')
            ) : a.leading ? (
              t('trust.bid.leading')
            ) : (
              t('trade.floor.cannotBid')
            )
          }
        />
      )}
      {open && phase === 'upcoming' && <Alert className="floor-note" type="info" showIcon title={t('trade.floor.notStarted', { at: formatDateTime(a.startsAt) })} />}
      {open && phase === 'ended' && <Alert className="floor-note" type="warning" showIcon title={t('trade.floor.closing')} />}
      {listing.status === 'sold' && (
        <Alert className="floor-note" type="success" showIcon data-testid="auction-result" title={t('trade.floor.sold', { price: L.money(listing.finalPrice), bids: a.bidCount })} />
      )}
      {listing.status === 'failed' && (
        <Alert className="floor-note" type="warning" showIcon data-testid="auction-result" title={t('trade.floor.failed', { reason: closeReasonText(t, listing.closeReason) })} />
      )}

      <BidHistory bids={bids} />
    </Card>
  );
}

/** Bids newest first: 竞买人N (the seller's side also sees the organisation), the amount, Beijing time, 延时 when it moved the end. */
export function BidHistory({ bids }: { bids: Bid[] }) {
  const { t, lang } = useI18n();
  const L = useTradingLabels();
  const rows = [...bids].reverse();
  return (
    <div className="bid-history" data-testid="bid-history">
      <h3>{t('trade.bids.title')}</h3>
      <Table<Bid>
        rowKey="seq"
        size="small"
        pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
        dataSource={rows}
        locale={{ emptyText: t('trade.bids.empty') }}
        onRow={(b) => ({ 'data-testid': 'bid-row', 'data-seq': b.seq, 'data-amount': b.amount }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 580 }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 48 },
          {
            title: t('trade.bids.bidder'),
            width: 170,
            render: (_, b) => (
              <Space size={4} wrap>
                <span data-testid="bid-bidder">{bidderText(b.bidder, lang)}</span>
                {b.organization && <span className="muted">（{b.organization.name}）</span>}
                {b.mine && <Tag color="blue">{t('trade.bids.mine')}</Tag>}
              </Space>
            ),
          },
          { title: t('trade.bids.amount'), dataIndex: 'amount', width: 130, render: (v: number) => <strong className="price">{L.money(v)}</strong> },
          { title: t('trade.bids.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v, true) },
          {
            title: t('trade.bids.extended'),
            width: 110,
            render: (_, b) =>
              b.extended ? (
                <Tooltip title={t('trade.bids.extendedTo', { at: formatDateTime(b.endsAt, true) })}>
                  <Tag color="orange" data-testid="bid-extended">
                    {t('trade.bids.extendedTag')}
                  </Tag>
                </Tooltip>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}

/**
 * 竞买人N in the page's language. The live stream cannot send Accept-Language
 * (EventSource takes no headers), so its labels follow the browser's
 * language: the number is what counts.
 */
function bidderText(label: string, lang: 'zh' | 'en') {
  const n = /(\d+)/.exec(label)?.[1];
  return n ? bidderLabel(Number(n), lang) : label;
}

type Attempt = { key: string; amount: number; organizationId?: string };

/**
 * The bid box. One attempt is one Idempotency-Key: a retry after a network
 * failure or a server error sends the same key (the server answers with the
 * bid the first request made, never a second one); a new amount is a new
 * attempt. Every bid is confirmed first: it cannot be withdrawn.
 */
function BidBox({ listing, sellerSide, myDeposits, onPlaced }: { listing: Listing & { auction: AuctionState }; sellerSide: boolean; myDeposits: Deposit[] | undefined; onPlaced: (p: PlacedBid) => void }) {
  const { t, lang } = useI18n();
  const L = useTradingLabels();
  const { me } = useAuth();
  const { message, modal } = App.useApp();
  const a = listing.auction;
  const orgs = (me?.organizations ?? []).filter((o) => o.status === 'verified' && o.id !== listing.organization.id && o.id !== listing.agent?.id);
  const [organizationId, setOrganizationId] = useState<string | undefined>(orgs[0]?.id);
  const [amount, setAmount] = useState<number | null>(a.nextMinimum);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ text: string; retryable: boolean } | null>(null);
  const attempt = useRef<Attempt | null>(null);

  // Until the person types an amount of their own, the box follows the minimum as others bid.
  useEffect(() => {
    if (!touched) setAmount(a.nextMinimum);
  }, [a.nextMinimum, touched]);

  const pick = (steps: number) => {
    setTouched(true);
    setFailure(null);
    setAmount(a.nextMinimum + (steps - 1) * a.increment);
  };

  const send = async (value: number, reuse: boolean) => {
    const org = orgs.length > 1 ? organizationId : undefined;
    const prior = attempt.current;
    const key = reuse && prior && prior.amount === value && prior.organizationId === org ? prior.key : newIdempotencyKey();
    attempt.current = { key, amount: value, organizationId: org };
    setBusy(true);
    setFailure(null);
    try {
      // The confirmation below showed a bid far above the minimum as such: it is sent as confirmed.
      const placed = await placeBid(listing.id, { amount: value, ...(org ? { organizationId: org } : {}), ...(bidNeedsConfirmation(value, a.nextMinimum) ? { confirmed: true } : {}) }, key);
      attempt.current = null;
      setTouched(false);
      onPlaced(placed);
      message.success(placed.extended ? t('trade.bid.placedExtended', { amount: L.money(placed.amount) }) : t('trade.bid.placed', { amount: L.money(placed.amount) }));
    } catch (e) {
      // No answer, or the server failed: the bid may have been made. Retrying with the same key is safe.
      const retryable = !(e instanceof ApiError) || e.status === 0 || e.status >= 500;
      if (!retryable) attempt.current = null;
      const text = e instanceof ApiError ? problemText(e) : t('common.unexpected');
      setFailure({ text, retryable });
      message.error(text);
    } finally {
      setBusy(false);
    }
  };

  const invalid = amount != null && (!Number.isInteger(amount) || amount <= 0 || amount > PRICE_MAX_FEN);
  const confirm = () => {
    if (amount == null || amount <= 0) return;
    // Checked before the irrevocable confirmation, not after it.
    if (invalid || amount < a.nextMinimum) {
      setTouched(true);
      setFailure({ text: invalid ? t(Number.isInteger(amount) ? 'trust.amount.range' : 'trust.amount.cents') : t('trust.bid.belowMinimum', { min: L.money(a.nextMinimum) }), retryable: false });
      return;
    }
    const value = amount;
    const base = a.bidCount > 0 ? a.currentPrice : a.startPrice;
    const up = value - base;
    const far = bidNeedsConfirmation(value, a.nextMinimum);
    modal.confirm({
      title: t('trade.bid.confirmTitle'),
      width: 480,
      content: (
        <div data-testid="bid-confirm">
          <dl className="bid-confirm-facts">
            <dt>{t('trust.confirm.amount')}</dt>
            <dd className="bid-confirm-amount" data-testid="bid-confirm-exact">
              {formatYuanExact(value, lang)}
            </dd>
            <dt>{t('trust.confirm.words')}</dt>
            <dd data-testid="bid-confirm-words">{L.money(value)}</dd>
            <dt>{t('trust.confirm.capitals')}</dt>
            <dd data-testid="bid-confirm-capitals">人民币{amountInCapitals(value)}</dd>
            <dt>{t(a.bidCount > 0 ? 'trust.confirm.change' : 'trust.confirm.changeStart')}</dt>
            <dd data-testid="bid-confirm-change">{up === 0 ? t('trust.confirm.same') : t('trust.confirm.up', { amount: L.money(up), pct: `+${((up / base) * 100).toFixed(1)}%` })}</dd>
          </dl>
          {far && <Alert type="warning" showIcon title={t('trust.confirm.far', { min: L.money(a.nextMinimum), factor: BID_CONFIRM_FACTOR })} data-testid="bid-confirm-far" />}
          <p>{t('trade.bid.irrevocable')}</p>
        </div>
      ),
      okText: t('trade.bid.confirmOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'bid-confirm-ok' },
      onOk: () => send(value, false),
    });
  };

  const tooLow = amount != null && amount < a.nextMinimum;
  const needDeposit = a.deposit > 0 && myDeposits !== undefined && !myDeposits.some((d) => d.status === 'held' && d.amount >= a.deposit);

  return (
    <div className="bid-box" data-testid="bid-box">
      {orgs.length > 1 && (
        <div className="bid-box-row">
          <span className="muted">{t('trade.bid.organization')}</span>
          <Select value={organizationId} onChange={setOrganizationId} options={orgs.map((o) => ({ value: o.id, label: o.name }))} style={{ minWidth: 220 }} />
        </div>
      )}
      {needDeposit && !sellerSide && <Alert type="warning" showIcon title={t('trade.bid.needDeposit', { deposit: L.money(a.deposit) })} data-testid="bid-need-deposit" />}
      <div className="bid-box-row">
        {/* In 万元 like the prices above it (当前价, 最低出价), with the unit selector of every money field; the hint
            below says the bid back in words and capitals, and the confirmation shows it to the fen. */}
        <MoneyInput
          defaultUnit="wan"
          echo={false}
          value={amount}
          onChange={(v) => {
            setTouched(true);
            setFailure(null);
            setAmount(v);
          }}
          style={{ maxWidth: 320 }}
          placeholder={t('trust.bid.unit')}
          data-testid="bid-amount"
        />
        <Space.Compact>
          {[1, 2, 5].map((n) => (
            <Tooltip key={n} title={L.money(a.nextMinimum + (n - 1) * a.increment)}>
              <Button onClick={() => pick(n)} data-testid={`bid-quick-${n}`}>
                {t('trade.bid.steps', { n })}
              </Button>
            </Tooltip>
          ))}
        </Space.Compact>
        <Button type="primary" size="large" icon={<ThunderboltOutlined />} loading={busy} disabled={amount == null || amount <= 0 || tooLow || invalid} onClick={confirm} data-testid="bid-submit">
          {t('trade.bid.submit')}
        </Button>
      </div>
      <div className="muted bid-box-hint">
        {t('trade.bid.hint', { min: L.money(a.nextMinimum), step: L.money(a.increment) })}
        {amount != null && amount > 0 && !invalid && (
          <span data-testid="bid-amount-text">
            {' '}
            · {t('trade.bid.yourBid', { amount: L.money(amount) })}（人民币{amountInCapitals(amount)}）
          </span>
        )}
      </div>
      {tooLow && <div className="sum-bad" data-testid="bid-below-minimum">{t('trade.bid.belowMinimum', { min: L.money(a.nextMinimum) })}</div>}
      {invalid && <div className="sum-bad">{t(amount != null && Number.isInteger(amount) ? 'trust.amount.range' : 'trust.amount.cents')}</div>}
      {failure && (
        <Alert
          type="error"
          showIcon
          data-testid="bid-error"
          title={failure.text}
          action={
            failure.retryable && amount != null ? (
              <Button size="small" onClick={() => void send(amount, true)} loading={busy} data-testid="bid-retry">
                {t('common.retry')}
              </Button>
            ) : undefined
          }
        />
      )}
    </div>
  );
}
