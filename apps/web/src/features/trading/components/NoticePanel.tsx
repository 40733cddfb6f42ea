import { ExclamationCircleOutlined } from '@ant-design/icons';
import type { ListingPhase, ObjectionStatus } from '@kzt/shared';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, List, Modal, Radio, Tag } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ReasonModal } from '../../../app/ReviewButtons.tsx';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchObjections, lodgeObjection, markObjectionVexatious, resolveObjection, type Listing, type Objection } from '../api.ts';
import { useTradingLabels } from '../labels.tsx';
import { Countdown } from './Countdown.tsx';

const OBJECTION_COLOR: Record<ObjectionStatus, string> = { open: 'gold', upheld: 'red', dismissed: 'default' };

/** 协议定价公示: the agreed price and buyer, the notice period and its countdown. */
export function NoticePanel({ listing, phase }: { listing: Listing; phase: ListingPhase }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const n = listing.negotiated!;
  const open = listing.status === 'open';
  return (
    <Card className="price-panel" data-testid="notice-panel">
      <div className="price-panel-grid">
        <div>
          <div className="muted">{t('trade.price.agreed')}</div>
          <div className="floor-current" data-testid="listing-price">
            {L.money(listing.finalPrice ?? listing.price)}
          </div>
        </div>
        {open && n.noticeEndsAt && (
          <div className="floor-clock">
            <div className="muted">{phase === 'notice' ? t('trade.time.noticeLeft') : L.phase(phase)}</div>
            <div className="floor-countdown">
              {phase === 'notice' ? <Countdown to={n.noticeEndsAt} urgentSeconds={0} doneText={t('trade.time.noticeOver')} data-testid="notice-countdown" /> : <span className="floor-over">{t('trade.time.noticeOver')}</span>}
            </div>
          </div>
        )}
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'buyer', label: t('trade.notice.buyer'), children: <span data-testid="notice-buyer">{n.buyer?.name ?? '—'}</span> },
          { key: 'agreed', label: t('trade.notice.agreedOn'), children: n.agreedOn ?? '—' },
          { key: 'days', label: t('trade.notice.days'), children: n.noticeDays ? t('trade.notice.daysValue', { n: n.noticeDays }) : '—' },
          { key: 'ends', label: t('trade.notice.endsAt'), children: formatDateTime(n.noticeEndsAt) },
          { key: 'open', label: t('trade.notice.openObjections'), children: n.openObjections },
        ]}
      />
      {open && phase === 'held' && <Alert type="warning" showIcon title={t('trade.notice.held')} />}
      {open && phase === 'notice' && <Alert type="info" showIcon title={t('trade.notice.explain')} />}
    </Card>
  );
}

/** Objections in the notice period: public reasons and outcomes, a form for anyone but the parties, and the administrator's resolution. */
export function ObjectionsCard({ listing, onChanged }: { listing: Listing; onChanged: () => void }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const { me } = useAuth();
  const location = useLocation();
  const [vexing, setVexing] = useState<Objection | null>(null);
  const [resolving, setResolving] = useState<Objection | null>(null);
  const list = useAsync(() => fetchObjections(listing.id), [listing.id, listing.version]);
  const items = list.data?.items ?? [];
  const canObject = listing.allowedActions.includes('object');
  const changed = () => {
    onChanged();
    void list.reload();
  };
  const objection = useFormSubmit<{ reason: string }>({
    action: ({ reason }) => lodgeObjection(listing.id, reason.trim()),
    success: t('trade.objection.sent'),
    onDone: () => {
      objection.form.resetFields();
      changed();
    },
  });
  const form = objection.form;

  return (
    <Card title={t('trade.objections.title')} data-testid="objections-card">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trade.objections.empty')} />
      ) : (
        <List<Objection>
          dataSource={items}
          renderItem={(o) => (
            <List.Item
              data-testid="objection"
              actions={[
                ...(o.allowedActions.includes('resolve')
                  ? [
                      <Button key="r" size="small" type="primary" onClick={() => setResolving(o)} data-testid="objection-resolve">
                        {t('trade.objection.resolve')}
                      </Button>,
                    ]
                  : []),
                ...(o.allowedActions.includes('markVexatious')
                  ? [
                      <Button key="v" size="small" danger onClick={() => setVexing(o)} data-testid="objection-vexatious">
                        {t('trust.objection.vexatious')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    {o.objector} <Tag color={OBJECTION_COLOR[o.status]}>{L.objectionStatus(o.status)}</Tag>
                    {o.vexatious && <Tag color="volcano">{t('trust.objection.vexatiousTag')}</Tag>}
                    {o.mine && <Tag color="blue">{t('trade.objection.mine')}</Tag>}
                    <span className="muted review-meta">{formatDate(o.createdAt)}</span>
                  </span>
                }
                description={
                  <>
                    <div className="prose-small">{o.reason}</div>
                    {o.resolution && <div className="inquiry-answer">{t('trade.objection.resolution', { text: o.resolution })}</div>}
                    {o.vexatious && o.vexatiousReason && o.vexatiousReason !== o.resolution && <div className="inquiry-answer">{t('trust.objection.vexatiousNote', { text: o.vexatiousReason })}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {canObject && (
        <Form form={form} layout="vertical" className="review-form" data-testid="objection-form">
          <Form.Item name="reason" label={t('trade.objection.reason')} rules={[{ required: true, whitespace: true, message: t('trade.objection.reasonRequired') }]} extra={t('trade.objection.hint')}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="objection-reason" />
          </Form.Item>
          <Button icon={<ExclamationCircleOutlined />} loading={objection.busy} onClick={() => void objection.submit()} data-testid="objection-submit">
            {t('trade.objection.submit')}
          </Button>
        </Form>
      )}
      {!me && listing.status === 'open' && listing.phase === 'notice' && (
        <p className="muted" style={{ marginTop: 12 }}>
          <Link to={`/login?redirect=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link> {t('trade.objection.login')}
        </p>
      )}
      <ResolveModal listing={listing} objection={resolving} onClose={() => setResolving(null)} onDone={changed} />
      <ReasonModal
        open={!!vexing}
        title={t('trust.objection.vexatiousTitle', { who: vexing?.objector ?? '' })}
        hint={t('trust.objection.vexatiousBody')}
        okText={t('trust.objection.vexatious')}
        label={t('trust.objection.vexatiousReason')}
        requiredMessage={t('cat.required')}
        rows={2}
        reasonTestId="objection-vexatious-reason"
        okTestId="objection-vexatious-ok"
        onSubmit={(reason) => markObjectionVexatious(listing.id, vexing!.id, reason).then(changed)}
        onClose={() => setVexing(null)}
      />
    </Card>
  );
}

function ResolveModal({ listing, objection, onClose, onDone }: { listing: Listing; objection: Objection | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const m = useFormModal<{ decision: 'upheld' | 'dismissed'; resolution: string }>({
    controlled: { open: !!objection, onClose },
    action: (v) => resolveObjection(listing.id, objection!.id, { decision: v.decision, resolution: v.resolution.trim() }),
    success: t('trade.objection.resolved'),
    onDone,
    // Upholding ends the negotiated price: asked once more.
    confirm: (v) => (v.decision === 'upheld' ? { title: t('trade.objection.upheldConfirm', { who: objection?.objector ?? '' }), content: t('trade.objection.upheldHint'), okText: t('trade.objection.uphold'), danger: true } : undefined),
  });
  return (
    <Modal
      {...m.modalProps}
      title={t('trade.objection.resolveTitle', { who: objection?.objector ?? '' })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      forceRender
    >
      {objection && <p className="review-note">{objection.reason}</p>}
      <Form form={m.form} layout="vertical" initialValues={{ decision: 'dismissed' }}>
        <Form.Item name="decision" label={t('trade.objection.decision')} rules={[{ required: true }]} extra={t('trade.objection.upheldHint')}>
          <Radio.Group
            options={[
              { value: 'dismissed', label: L.objectionStatus('dismissed') },
              { value: 'upheld', label: L.objectionStatus('upheld') },
            ]}
          />
        </Form.Item>
        <Form.Item name="resolution" label={t('trade.objection.resolutionLabel')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
