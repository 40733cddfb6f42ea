import { CheckOutlined, ShoppingOutlined } from '@ant-design/icons';
import type { OfferStatus } from '@kzt/shared';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { AmountInput, useFenRules } from './AmountInput.tsx';
import { acceptOffer, fetchOffers, makeOffer, type Listing, type Offer } from '../api.ts';
import { useTradingLabels } from '../labels.tsx';

const OFFER_COLOR: Record<OfferStatus, string> = { pending: 'gold', accepted: 'green', declined: 'default' };

/** 挂牌转让: the price, and 摘牌 (first to accept buys) or 报价 (the owner chooses). */
export function FixedPanel({ listing, onChanged }: { listing: Listing; onChanged: () => void }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const { me } = useAuth();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const first = listing.fixed?.acceptance !== 'choose';
  const sold = listing.status === 'sold';
  return (
    <Card className="price-panel" data-testid="fixed-panel">
      <div className="price-panel-grid">
        <div>
          <div className="muted">{sold && listing.finalPrice != null ? t('trade.price.final') : t('trade.price.listed')}</div>
          <div className="floor-current" data-testid="listing-price">
            {L.money(sold && listing.finalPrice != null ? listing.finalPrice : listing.price)}
          </div>
          <div className="muted">{t(first ? 'trade.fixed.first' : 'trade.fixed.choose')}</div>
        </div>
        <div className="price-panel-actions">
          {listing.allowedActions.includes('offer') && (
            <Button type="primary" size="large" icon={<ShoppingOutlined />} onClick={() => setOpen(true)} data-testid="offer-open">
              {t(first ? 'trade.offer.accept' : 'trade.offer.make')}
            </Button>
          )}
          {!me && listing.status === 'open' && (
            <span>
              <Link to={`/login?redirect=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link> {t('trade.offer.login')}
            </span>
          )}
        </div>
      </div>
      {sold && <Alert type="success" showIcon title={t('trade.fixed.sold', { price: L.money(listing.finalPrice) })} data-testid="fixed-sold" />}
      {listing.allowedActions.includes('offer') && <OfferModal listing={listing} open={open} onClose={() => setOpen(false)} onDone={onChanged} />}
    </Card>
  );
}

type OfferValues = { organizationId?: string; amount: number | null; message?: string };

function OfferModal({ listing, open, onClose, onDone }: { listing: Listing; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const fen = useFenRules();
  const L = useTradingLabels();
  const { me } = useAuth();
  const first = listing.fixed?.acceptance !== 'choose';
  const orgs = (me?.organizations ?? []).filter((o) => o.status === 'verified' && o.id !== listing.organization.id && o.id !== listing.agent?.id);
  const m = useFormModal<OfferValues, Awaited<ReturnType<typeof makeOffer>>>({
    controlled: { open, onClose },
    action: (v) =>
      makeOffer(listing.id, {
        ...(first ? {} : { amount: v.amount ?? undefined }),
        message: (v.message ?? '').trim(),
        ...(orgs.length > 1 && v.organizationId ? { organizationId: v.organizationId } : {}),
      }),
    success: (offer) => t(offer.status === 'accepted' ? 'trade.offer.doneAccepted' : 'trade.offer.donePending'),
    onDone,
  });
  return (
    <Modal
      {...m.modalProps}
      title={t(first ? 'trade.offer.acceptTitle' : 'trade.offer.makeTitle', { title: listing.title })}
      okText={t(first ? 'trade.offer.acceptOk' : 'trade.offer.makeOk')}
      okButtonProps={{ 'data-testid': 'offer-submit' }}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(first ? 'trade.offer.acceptHint' : 'trade.offer.makeHint', { price: L.money(listing.price) })} />
      <Form form={m.form} layout="vertical" initialValues={{ organizationId: orgs[0]?.id, amount: listing.price, message: '' }}>
        {orgs.length > 1 && (
          <Form.Item name="organizationId" label={t('trade.offer.organization')} rules={[{ required: true, message: t('cat.required') }]}>
            <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        )}
        {orgs.length === 1 && (
          <Form.Item label={t('trade.offer.organization')}>
            <span>{orgs[0]!.name}</span>
          </Form.Item>
        )}
        {!first && (
          <Form.Item name="amount" label={t('trade.offer.amount')} rules={fen({ required: true })}>
            <AmountInput data-testid="offer-amount" />
          </Form.Item>
        )}
        <Form.Item name="message" label={`${t('trade.offer.message')}（${t('common.optional')}）`}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="offer-message" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Offers: the seller's side sees all and accepts one; a buyer sees its own. */
export function OffersCard({ listing, onChanged, reloadKey }: { listing: Listing; onChanged: () => void; reloadKey: number }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const offers = useAsync(() => fetchOffers(listing.id), [listing.id, listing.version, reloadKey]);
  const canAccept = offers.data?.allowedActions.includes('accept') ?? false;
  const items = offers.data?.items ?? [];
  if (!offers.data || (items.length === 0 && !canAccept)) return null;
  const accept = async (o: Offer) => {
    try {
      await acceptOffer(listing.id, o.id);
      message.success(t('trade.offer.accepted'));
      onChanged();
      void offers.reload();
    } catch (e) {
      onError(e);
    }
  };
  return (
    <Card title={t(canAccept ? 'trade.offers.title' : 'trade.offers.mine')} data-testid="offers-card">
      <Table<Offer>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('trade.offers.empty') }}
        onRow={() => ({ 'data-testid': 'offer-row' }) as object}
        columns={[
          { title: t('trade.offer.organization'), render: (_, o) => o.organization.name },
          { title: t('trade.offer.amount'), dataIndex: 'amount', width: 130, render: (v: number) => <strong className="price">{L.money(v)}</strong> },
          { title: t('trade.offer.message'), dataIndex: 'message', render: (v: string) => v || '—' },
          { title: t('trade.field.status'), dataIndex: 'status', width: 100, render: (s: OfferStatus) => <Tag color={OFFER_COLOR[s]}>{t(`trade.offer.status.${s}`)}</Tag> },
          { title: t('trade.offer.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          ...(canAccept
            ? [
                {
                  title: t('admin.actions'),
                  width: 110,
                  render: (_: unknown, o: Offer) =>
                    o.status === 'pending' ? (
                      <Popconfirm title={t('trade.offer.acceptConfirm', { org: o.organization.name, amount: L.money(o.amount) })} onConfirm={() => accept(o)} okText={t('trade.offer.acceptOne')} cancelText={t('common.cancel')}>
                        <Button type="primary" size="small" icon={<CheckOutlined />} data-testid="offer-accept">
                          {t('trade.offer.acceptOne')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
