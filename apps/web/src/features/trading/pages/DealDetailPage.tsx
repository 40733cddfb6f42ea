import { CheckCircleOutlined, CheckOutlined, CloseCircleOutlined, EditOutlined, FileDoneOutlined, StopOutlined } from '@ant-design/icons';
import type { DealStatus, PaymentStatus } from '@kzt/shared';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Grid, Form, Input, Modal, Popconfirm, Result, Row, Space, Statistic, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { ReasonModal } from '../../../app/ReviewButtons.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { plainText } from '../../../lib/numbers.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { dayjs, formatDateTime, TZ } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { MONEY_MAX_FEN } from '@kzt/shared';
import { AmountInput, useFenRules } from '../components/AmountInput.tsx';
import { cancelDeal, completeDeal, confirmDeal, dealContract, fetchDeal, recordPayment, reportRevenue, signDeal, type Deal, type DealPayment } from '../api.ts';
import { DEAL_STATUS_COLOR, KindTag, PAYMENT_STATUS_COLOR, useTradingLabels } from '../labels.tsx';

const todayBeijing = () => dayjs(dayjs().tz(TZ).format('YYYY-MM-DD'));

/** A deal (成交): parties, amount, terms, both confirmations, the contract, the payment schedule and royalties. */
export function DealDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const res = useAsync(() => fetchDeal(id), [id]);
  const [deal, setDeal] = useState<Deal>();
  useEffect(() => setDeal(res.data), [res.data]);
  useEffect(() => {
    if (deal) document.title = `${t('deal.title')} · ${deal.listing.title} · 科转通`;
  }, [deal, t]);
  if (res.loading && !deal) return <PageLoading />;
  if (!deal) {
    return (
      <div className="container">
        <Result
          status={res.error instanceof ApiError && res.error.status === 403 ? '403' : '404'}
          title={t('deal.notFound')}
          subTitle={res.error instanceof ApiError ? res.error.detail : undefined}
          extra={
            <Link to="/deals">
              <Button type="primary">{t('nav.deals')}</Button>
            </Link>
          }
        />
      </div>
    );
  }
  return <DealView deal={deal} onChanged={(d) => (d ? setDeal(d) : void res.reload())} />;
}

function DealView({ deal: d, onChanged }: { deal: Deal; onChanged: (d?: Deal) => void }) {
  const { t } = useI18n();
  // On a phone the bordered tables put each label above its value.
  const phone = !(Grid.useBreakpoint().sm ?? true);
  const L = useTradingLabels();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState<string | null>(null);
  const [modal, setModal] = useState<'sign' | 'cancel' | DealPayment | null>(null);
  const can = (a: Deal['allowedActions'][number]) => d.allowedActions.includes(a);

  const run = async (key: string, fn: () => Promise<Deal>, done: string) => {
    setBusy(key);
    try {
      onChanged(await fn());
      message.success(done);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  const confirmed = (at: string | null) =>
    at ? (
      <span className="sum-ok">
        <CheckCircleOutlined /> {formatDateTime(at)}
      </span>
    ) : (
      <span className="muted">
        <CloseCircleOutlined /> {t('deal.notConfirmed')}
      </span>
    );

  return (
    <div className="container stack deal-detail" data-testid="deal-detail" data-status={d.status}>
      <nav className="crumbs">
        <Link to="/deals">{t('nav.deals')}</Link> / <Link to={`/listings/${d.listing.id}`}>{d.listing.title}</Link>
      </nav>
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div style={{ minWidth: 0, flex: '1 1 420px' }}>
          <h1 className="record-h1" data-testid="deal-title">
            {t('deal.title')} · {d.listing.title}
          </h1>
          <div className="record-tags">
            <Tag color={DEAL_STATUS_COLOR[d.status]} data-testid="deal-status" data-status={d.status}>
              {L.dealStatus(d.status)}
            </Tag>
            <KindTag kind={d.listing.kind} />
            <Tag>{L.transaction(d.transaction)}</Tag>
            <Tag color="geekblue">{L.dealSource(d.source)}</Tag>
          </div>
        </div>
        <Space wrap>
          {can('confirm') && (
            <Popconfirm title={t('deal.confirm.confirm')} okText={t('deal.confirm')} cancelText={t('common.cancel')} onConfirm={() => run('confirm', () => confirmDeal(d.id), t('deal.confirm.done'))} okButtonProps={{ 'data-testid': 'deal-confirm-ok' }}>
              <Button type="primary" icon={<CheckOutlined />} loading={busy === 'confirm'} data-testid="deal-confirm">
                {t('deal.confirm')}
              </Button>
            </Popconfirm>
          )}
          {can('sign') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setModal('sign')} data-testid="deal-sign">
              {t('deal.sign')}
            </Button>
          )}
          {can('complete') && (
            <Popconfirm title={t('deal.complete.confirm')} okText={t('deal.complete')} cancelText={t('common.cancel')} onConfirm={() => run('complete', () => completeDeal(d.id), t('deal.complete.done'))}>
              <Button icon={<FileDoneOutlined />} loading={busy === 'complete'} data-testid="deal-complete">
                {t('deal.complete')}
              </Button>
            </Popconfirm>
          )}
          {can('cancel') && (
            <Button danger icon={<StopOutlined />} onClick={() => setModal('cancel')} data-testid="deal-cancel">
              {t('deal.cancel')}
            </Button>
          )}
        </Space>
      </div>

      {d.status === 'pending' && <Alert type="info" showIcon title={t('deal.state.pending', { deadline: formatDateTime(d.signDeadline) })} />}
      {d.status === 'confirmed' && <Alert type="info" showIcon title={t('deal.state.confirmed', { deadline: formatDateTime(d.signDeadline) })} />}
      {d.status === 'cancelled' && <Alert type="warning" showIcon title={t('deal.state.cancelled', { at: formatDateTime(d.cancelledAt) })} description={d.cancelReason ?? undefined} />}
      {d.status === 'completed' && <Alert type="success" showIcon title={t('deal.state.completed', { at: formatDateTime(d.completedAt) })} data-testid="deal-completed" />}

      <Card title={t('deal.section.parties')}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          layout={phone ? 'vertical' : 'horizontal'}
          bordered
          size="small"
          items={[
            { key: 'seller', label: t('trade.terms.seller'), children: <span data-testid="deal-seller">{d.seller.name}</span> },
            { key: 'buyer', label: t('deal.field.buyer'), children: <span data-testid="deal-buyer">{d.buyer.name}</span> },
            ...(d.agent ? [{ key: 'agent', label: t('trade.terms.agent'), children: d.agent.name }] : []),
            { key: 'amount', label: t('deal.field.amount'), children: <strong className="price" data-testid="deal-amount">{L.money(d.amount)}</strong> },
            { key: 'source', label: t('deal.field.source'), children: L.dealSource(d.source) },
            { key: 'listing', label: t('deal.field.listing'), children: <Link to={`/listings/${d.listing.id}`}>{d.listing.title}</Link> },
            { key: 'achievement', label: t('trade.terms.achievement'), children: <Link to={`/achievements/${d.achievement.id}`}>{d.achievement.title}</Link> },
            { key: 'sellerConfirmed', label: t('deal.field.sellerConfirmed'), children: <span data-testid="deal-seller-confirmed">{confirmed(d.confirmations.seller)}</span> },
            { key: 'buyerConfirmed', label: t('deal.field.buyerConfirmed'), children: <span data-testid="deal-buyer-confirmed">{confirmed(d.confirmations.buyer)}</span> },
            { key: 'deadline', label: t('deal.field.signDeadline'), children: formatDateTime(d.signDeadline) },
            { key: 'signed', label: t('deal.field.signedOn'), children: <span data-testid="deal-signed-on">{d.signedOn ?? '—'}</span> },
            { key: 'contract', label: t('deal.field.contractNo'), children: d.contractNo ?? '—' },
            ...(['signed', 'completed'].includes(d.status) ? [{ key: 'registration', label: t('deal.field.registration'), children: <DealContractLink dealId={d.id} /> }] : []),
            { key: 'created', label: t('deal.field.createdAt'), children: formatDateTime(d.createdAt) },
          ]}
        />
      </Card>

      <Card title={t('trade.terms.title')}>
        <Descriptions
          column={1}
          size="small"
          items={[
            ...(d.licence ? [{ key: 'licence', label: t('trade.terms.licence'), children: L.licence(d.licence) }] : []),
            { key: 'payment', label: t('trade.terms.payment'), children: L.payment(d.payment) },
          ]}
        />
      </Card>

      <PaymentsCard deal={d} onRecord={(p) => setModal(p)} />
      {can('reportRevenue') && <RevenueCard deal={d} onDone={() => onChanged()} />}

      <SignModal deal={d} open={modal === 'sign'} onClose={() => setModal(null)} onDone={onChanged} />
      <CancelModal deal={d} open={modal === 'cancel'} onClose={() => setModal(null)} onDone={onChanged} />
      <PaymentModal deal={d} payment={typeof modal === 'object' ? modal : null} onClose={() => setModal(null)} onDone={onChanged} />
    </div>
  );
}

function PaymentsCard({ deal: d, onRecord }: { deal: Deal; onRecord: (p: DealPayment) => void }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const canRecord = d.allowedActions.includes('recordPayment');
  const shown: DealStatus[] = ['signed', 'completed', 'cancelled'];
  if (!shown.includes(d.status) && d.payments.length === 0) {
    return (
      <Card title={t('deal.section.payments')}>
        <p className="muted" style={{ margin: 0 }}>{t('deal.payments.afterSign')}</p>
      </Card>
    );
  }
  return (
    <Card title={t('deal.section.payments')} data-testid="payments-card">
      <Row gutter={[16, 16]} className="deal-totals">
        <Col xs={12} md={6}>
          <Statistic title={t('deal.totals.scheduled')} value={L.money(d.totals.scheduled)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('deal.totals.paid')} value={L.money(d.totals.paid)} styles={{ content: { color: '#237804' } }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('deal.totals.outstanding')} value={L.money(d.totals.outstanding)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('deal.totals.overdue')} value={L.money(d.totals.overdue)} styles={{ content: { color: d.totals.overdue > 0 ? '#cf1322' : undefined } }} data-testid="deal-overdue" />
        </Col>
      </Row>
      <Table<DealPayment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.payments}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('deal.payments.empty') }}
        rowClassName={(p) => (p.status === 'overdue' ? 'payment-overdue' : '')}
        onRow={(p) => ({ 'data-testid': 'payment-row', 'data-status': p.status, 'data-kind': p.kind }) as object}
        columns={[
          { title: '#', dataIndex: 'seq', width: 48 },
          { title: t('deal.payment.kind'), dataIndex: 'kind', width: 110, render: (_, p) => L.paymentKind(p.kind) },
          { title: t('deal.payment.dueOn'), dataIndex: 'dueOn', width: 110 },
          { title: t('deal.payment.amount'), dataIndex: 'amount', width: 120, render: (v: number) => <strong className="price">{L.money(v)}</strong> },
          { title: t('deal.payment.period'), width: 150, render: (_, p) => (p.period ? `${p.period} · ${t('deal.payment.revenue', { revenue: L.money(p.revenue) })}` : '—') },
          { title: t('trade.field.status'), dataIndex: 'status', width: 90, render: (s: PaymentStatus) => <Tag color={PAYMENT_STATUS_COLOR[s]} data-testid="payment-status">{L.paymentStatus(s)}</Tag> },
          { title: t('deal.payment.paid'), width: 150, render: (_, p) => (p.status === 'paid' ? `${L.money(p.paid)} · ${p.paidOn ?? ''}` : '—') },
          ...(canRecord
            ? [
                {
                  title: t('admin.actions'),
                  width: 110,
                  render: (_: unknown, p: DealPayment) =>
                    p.status !== 'paid' ? (
                      <Button size="small" type="primary" onClick={() => onRecord(p)} data-testid="payment-record">
                        {t('deal.payment.record')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function RevenueCard({ deal: d, onDone }: { deal: Deal; onDone: () => void }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const fen = useFenRules();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ period: string; revenue: number | null; note?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await reportRevenue(d.id, { period: v.period.trim().toUpperCase(), revenue: v.revenue ?? 0, note: (v.note ?? '').trim() });
      message.success(t('deal.revenue.done'));
      form.resetFields();
      onDone();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('deal.revenue.title')} data-testid="revenue-card">
      <p className="muted">{t('deal.revenue.lead', { rate: d.payment ? `${d.payment.royaltyBp / 100}%` : '—', period: t(d.payment?.royaltyPeriod === 'quarter' ? 'trade.period.quarter' : 'trade.period.year') })}</p>
      <Form form={form} layout="vertical">
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item
              name="period"
              normalize={plainText}
              label={t('deal.revenue.period')}
              extra={t('deal.revenue.periodHint')}
              rules={[{ required: true, message: t('cat.required') }, { pattern: /^\s*\d{4}([Qq][1-4])?\s*$/, message: t('deal.revenue.periodFormat') }]}
            >
              <Input placeholder={d.payment?.royaltyPeriod === 'quarter' ? '2027Q1' : '2027'} maxLength={6} data-testid="revenue-period" />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name="revenue" label={t('deal.revenue.amount')} rules={fen({ required: true, min: 0, max: MONEY_MAX_FEN })}>
              <AmountInput data-testid="revenue-amount" />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name="note" label={`${t('trade.deposit.note')}（${t('common.optional')}）`}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="revenue-submit">
          {t('deal.revenue.submit')}
        </Button>
        <span className="muted" style={{ marginLeft: 12 }}>
          {t('deal.revenue.rounding')}
        </span>
      </Form>
      {d.payments.some((p) => p.kind === 'royalty') && (
        <p className="muted" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('deal.revenue.reported', { list: d.payments.filter((p) => p.kind === 'royalty').map((p) => `${p.period}（${L.money(p.amount)}）`).join('、') })}
        </p>
      )}
    </Card>
  );
}

function SignModal({ deal: d, open, onClose, onDone }: { deal: Deal; open: boolean; onClose: () => void; onDone: (d: Deal) => void }) {
  const { t } = useI18n();
  const m = useFormModal<{ signedOn: dayjs.Dayjs; contractNo?: string }, Deal>({
    controlled: { open, onClose },
    action: (v) => signDeal(d.id, { signedOn: v.signedOn.format('YYYY-MM-DD'), ...(v.contractNo?.trim() ? { contractNo: v.contractNo.trim() } : {}) }),
    success: t('deal.sign.done'),
    onDone,
  });
  return (
    <Modal {...m.modalProps} title={t('deal.sign')} okText={t('deal.sign.ok')} okButtonProps={{ 'data-testid': 'deal-sign-ok' }} cancelText={t('common.cancel')} forceRender>
      <p className="muted">{t('deal.sign.hint')}</p>
      <Form form={m.form} layout="vertical" initialValues={{ signedOn: todayBeijing(), contractNo: '' }}>
        <Form.Item name="signedOn" label={t('deal.field.signedOn')} rules={[{ required: true, message: t('cat.required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(todayBeijing(), 'day')} />
        </Form.Item>
        <Form.Item name="contractNo" label={`${t('deal.field.contractNo')}（${t('common.optional')}）`}>
          <Input maxLength={100} data-testid="deal-contract-no" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CancelModal({ deal: d, open, onClose, onDone }: { deal: Deal; open: boolean; onClose: () => void; onDone: (d: Deal) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <ReasonModal
      open={open}
      title={t('deal.cancel')}
      okText={t('deal.cancel')}
      hint={t('deal.cancel.hint')}
      label={t('deal.cancel.reason')}
      requiredMessage={t('cat.required')}
      onSubmit={async (reason) => {
        const next = await cancelDeal(d.id, reason);
        message.success(t('deal.cancel.done'));
        onDone(next);
      }}
      onClose={onClose}
    />
  );
}

function PaymentModal({ deal: d, payment, onClose, onDone }: { deal: Deal; payment: DealPayment | null; onClose: () => void; onDone: (d: Deal) => void }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const fen = useFenRules();
  const m = useFormModal<{ amount: number | null; paidOn: dayjs.Dayjs; note?: string }, Deal>({
    controlled: { open: !!payment, onClose },
    action: (v) => recordPayment(d.id, payment!.id, { amount: v.amount!, paidOn: v.paidOn.format('YYYY-MM-DD'), note: (v.note ?? '').trim() }),
    success: t('deal.payment.recorded'),
    onDone,
  });
  const form = m.form;
  useEffect(() => {
    if (payment) form.setFieldsValue({ amount: payment.amount, paidOn: todayBeijing(), note: '' });
  }, [payment, form]);
  return (
    <Modal
      {...m.modalProps}
      title={payment ? t('deal.payment.recordTitle', { kind: L.paymentKind(payment.kind), amount: L.money(payment.amount) }) : ''}
      okText={t('deal.payment.record')}
      okButtonProps={{ 'data-testid': 'payment-record-ok' }}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="amount"
          label={t('deal.payment.received')}
          rules={[
            ...fen({ required: true, max: MONEY_MAX_FEN }),
            { validator: async (_, v: number | null) => { if (payment && v != null && v < payment.amount) throw new Error(t('deal.payment.short', { amount: L.money(payment.amount) })); } },
          ]}
        >
          <AmountInput />
        </Form.Item>
        <Form.Item name="paidOn" label={t('deal.payment.paidOn')} rules={[{ required: true, message: t('cat.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={`${t('trade.deposit.note')}（${t('common.optional')}）`}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 应登尽登: a signed deal leads to its technology contract (entered from the deal once it is signed), or to entering it. */
function DealContractLink({ dealId }: { dealId: string }) {
  const { t } = useI18n();
  const res = useAsync((signal) => dealContract(dealId, signal), [dealId]);
  if (res.loading && !res.data) return <span>…</span>;
  const c = res.data;
  if (!c) return <Link to={`/contracts/new?dealId=${dealId}`} data-testid="deal-contract-new">{t('deal.registration.enter')}</Link>;
  return (
    <Link to={`/contracts/${c.id}`} data-testid="deal-contract">
      {c.registrationNumber ? t('deal.registration.registered', { n: c.registrationNumber }) : t('deal.registration.open')}
    </Link>
  );
}
