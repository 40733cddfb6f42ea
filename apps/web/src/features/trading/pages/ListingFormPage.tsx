import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  auctionTermWarnings,
  FIXED_ACCEPTANCE,
  LICENCE_KINDS,
  LISTING_KINDS,
  LISTING_TRANSACTIONS,
  MIN_AUCTION_SECONDS,
  type FixedAcceptance,
  type LicenceKind,
  type ListingKind,
  type ListingTransaction,
  type PaymentPlan,
  type RoyaltyPeriod,
} from '@kzt/shared';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Radio, Result, Row, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { validateInView } from '../../../lib/validate.ts';
import { dayjs, toApiInstant, TZ } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchAchievement, type Achievement } from '../../achievements/api.ts';
import { fetchDemand, type Demand } from '../../demands/api.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { createListing, listListings, type CreateListingInput } from '../api.ts';
import { serverNow } from '../clock.ts';
import { AmountInput, useFenRules } from '../components/AmountInput.tsx';
import { ListingChooser } from '../components/ListingChooser.tsx';
import { OrganizationPicker } from '../../organizations/components/OrganizationPicker.tsx';
import { PercentInput } from '../components/PercentInput.tsx';
import { bpText, useTradingLabels } from '../labels.tsx';
import { NumberInput } from '../../../lib/NumberInput.tsx';

type Instalment = { months?: number | null; shareBp?: number | null };
type Values = {
  kind: ListingKind;
  transaction: ListingTransaction;
  title?: string;
  description?: string;
  price?: number | null;
  fixed: { acceptance: FixedAcceptance };
  negotiated: { buyerOrganizationId?: string; agreedOn?: dayjs.Dayjs | null };
  auction: {
    startPrice?: number | null;
    reservePrice?: number | null;
    increment?: number | null;
    deposit?: number | null;
    startsAt?: dayjs.Dayjs | null;
    endsAt?: dayjs.Dayjs | null;
    extendSeconds?: number | null;
    maxExtensions?: number | null;
    depositAccount?: { bank?: string; accountName?: string; accountNumber?: string };
  };
  licence: { kind?: LicenceKind; territory?: string; termMonths?: number | null; fieldOfUse?: string };
  payment: { plan: PaymentPlan; entryShareBp?: number | null; instalments?: Instalment[]; royaltyBp?: number | null; royaltyPeriod: RoyaltyPeriod; deferredMonths?: number | null };
};

/** Which payment plans fit a transaction (as the server checks them). */
export function plansFor(transaction: ListingTransaction): PaymentPlan[] {
  if (transaction === 'use_first_pay_later') return ['staged_royalty', 'deferred'];
  if (transaction === 'licence') return ['lump_sum', 'staged_royalty', 'deferred'];
  return ['lump_sum', 'deferred'];
}

const needsLicence = (tr: ListingTransaction) => tr === 'licence' || tr === 'use_first_pay_later';

/** The shares of a staged plan in basis points: entry fee plus instalments; the server wants exactly 10,000. */
export const sharesTotal = (p: Values['payment'] | undefined) => (Number(p?.entryShareBp) || 0) + (p?.instalments ?? []).reduce((s, i) => s + (Number(i?.shareBp) || 0), 0);

/** A picker value for a Beijing wall-clock time (the picker shows the browser's zone; toApiInstant reads it as Beijing time). */
const beijing = (daysAhead: number, hour: number) => dayjs(`${dayjs().tz(TZ).add(daysAhead, 'day').format('YYYY-MM-DD')}T${String(hour).padStart(2, '0')}:00:00`);

function toBody(achievementId: string, v: Values, demandId: string | undefined): CreateListingInput {
  const body: CreateListingInput = { achievementId, kind: v.kind, transaction: v.transaction, description: (v.description ?? '').trim(), ...(demandId ? { demandId } : {}) };
  const title = v.title?.trim();
  if (title) body.title = title;
  if (v.kind !== 'auction') body.price = v.price ?? undefined;
  if (v.kind === 'fixed') body.fixed = { acceptance: v.fixed.acceptance };
  if (v.kind === 'negotiated') body.negotiated = { buyerOrganizationId: v.negotiated.buyerOrganizationId!, ...(v.negotiated.agreedOn ? { agreedOn: v.negotiated.agreedOn.format('YYYY-MM-DD') } : {}) };
  if (v.kind === 'auction') {
    const a = v.auction;
    body.auction = {
      startPrice: a.startPrice!,
      reservePrice: a.reservePrice ?? null,
      increment: a.increment!,
      deposit: a.deposit ?? 0,
      startsAt: toApiInstant(a.startsAt!),
      endsAt: toApiInstant(a.endsAt!),
      extendSeconds: a.extendSeconds ?? 0,
      maxExtensions: a.maxExtensions ?? 0,
    };
    const acct = a.depositAccount;
    if (acct?.bank?.trim() && acct.accountName?.trim() && acct.accountNumber?.trim()) body.auction.depositAccount = { bank: acct.bank.trim(), accountName: acct.accountName.trim(), accountNumber: acct.accountNumber.trim() };
  }
  if (needsLicence(v.transaction)) body.licence = { kind: v.licence.kind!, territory: v.licence.territory!.trim(), termMonths: v.licence.termMonths!, fieldOfUse: v.licence.fieldOfUse!.trim() };
  const p = v.payment;
  const staged = p.plan === 'staged_royalty';
  body.payment = {
    plan: p.plan,
    entryShareBp: staged ? (p.entryShareBp ?? 0) : 0,
    instalments: staged ? (p.instalments ?? []).map((i) => ({ months: i.months ?? 0, shareBp: i.shareBp ?? 0 })) : [],
    royaltyBp: staged ? (p.royaltyBp ?? 0) : 0,
    royaltyPeriod: p.royaltyPeriod,
    deferredMonths: p.plan === 'deferred' ? (p.deferredMonths ?? 12) : 12,
  };
  return body;
}

/** 挂牌交易: list a published achievement — fixed price, negotiated price with notice, or auction — with its licence and payment terms. */
export function ListingFormPage() {
  const [params] = useSearchParams();
  const achievementId = params.get('achievementId') ?? '';
  const demandId = params.get('demandId') ?? '';
  const { t } = useI18n();
  const { me } = useAuth();
  const res = useAsync(async () => {
    if (!achievementId) return undefined;
    const [a, active, demand] = await Promise.all([
      fetchAchievement(achievementId),
      listListings({ scope: 'mine', achievementId, pageSize: 20 }),
      // The demand the listing answers (?demandId=, from a matched demand): shown, and dropped if it cannot be read.
      demandId ? fetchDemand(demandId).catch(() => undefined) : undefined,
    ]);
    return { a, active: active.items.find((l) => l.status === 'pending_review' || l.status === 'open'), demand: demand?.status === 'published' ? demand : undefined };
  }, [achievementId, demandId]);
  useEffect(() => {
    document.title = `${t('trade.form.title')} · 科转通`;
  }, [t]);
  // Opened without an achievement (the workbench's 挂牌交易): choose one of the person's own first.
  if (!achievementId) return <ListingChooser />;
  if (res.loading) return <PageLoading />;
  const a = res.data?.a;
  const back = (
    <Link to={a ? `/achievements/${a.id}` : '/me/achievements'}>
      <Button type="primary">{t('cat.back')}</Button>
    </Link>
  );
  if (!a) return <div className="container"><Result status="404" title={t('cat.notFound')} extra={back} /></div>;
  // Listing commits the organisation: its owner (单位负责人) does it, not a plain member; an entrusted agency or broker lists for it (the server checks the entrustment).
  const member = me?.organizations.find((o) => o.id === a.organization.id);
  if (member && member.role !== 'owner') return <div className="container"><Result status="403" title={t('trust.form.ownerOnly')} extra={back} /></div>;
  if (a.status !== 'published' || a.confidentiality === 'secret') return <div className="container"><Result status="warning" title={t('trade.form.notListable')} extra={back} /></div>;
  const active = res.data?.active;
  if (active) {
    return (
      <div className="container">
        <Result
          status="info"
          title={t('trade.form.active')}
          extra={
            <Link to={`/listings/${active.id}`}>
              <Button type="primary">{t('trade.form.viewActive')}</Button>
            </Link>
          }
        />
      </div>
    );
  }
  return <ListingForm achievement={a} agent={!member} demand={res.data?.demand} />;
}

function ListingForm({ achievement: a, agent, demand: offered }: { achievement: Achievement; agent: boolean; demand?: Demand }) {
  const { t } = useI18n();
  const [demand, setDemand] = useState(offered);
  const L = useTradingLabels();
  const C = useCatalogueLabels();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'fixed';
  const transaction = Form.useWatch('transaction', form) ?? 'transfer';
  const plan = Form.useWatch(['payment', 'plan'], form) ?? 'lump_sum';
  const payment = Form.useWatch('payment', form);
  const total = sharesTotal(payment);
  const auction = Form.useWatch('auction', form);
  // A deposit to pay with no account to pay it into: bidders would read 「转让方未在平台登记收款账户」.
  const noAccount = kind === 'auction' && auctionTermWarnings({ deposit: auction?.deposit, depositAccount: auction?.depositAccount }).includes('depositWithoutAccount');
  const plans = plansFor(transaction);

  // A transaction that does not allow the chosen plan picks the first it does.
  useEffect(() => {
    if (!plans.includes(plan)) form.setFieldValue(['payment', 'plan'], plans[0]);
    if (transaction === 'use_first_pay_later') form.setFieldValue(['payment', 'entryShareBp'], 0);
  }, [transaction]); // eslint-disable-line react-hooks/exhaustive-deps

  // A price ten times the achievement's own 意向价格 or more, or a tenth of it or less, is said to the seller before it is
  // listed (a slip of a digit or a unit: 39 prefilled, 45 typed after it, becomes 3,945 万元): a warning, not a refusal.
  const farFromIntended = (): Rule => ({
    warningOnly: true,
    validator: async (_, v: number | null | undefined) => {
      if (a.price != null && a.price > 0 && v != null && v > 0 && (v >= a.price * 10 || v * 10 <= a.price)) {
        throw new Error(t('trade.form.priceFarFromIntended', { price: C.money(v), intended: C.money(a.price) }));
      }
    },
  });

  const initial: Values = {
    kind: 'fixed',
    transaction: 'transfer',
    title: a.title,
    description: '',
    price: a.price ?? null,
    fixed: { acceptance: 'first' },
    // Answering a demand, the negotiated price is agreed with the organisation that posted it.
    negotiated: { agreedOn: dayjs(dayjs().tz(TZ).format('YYYY-MM-DD')), ...(offered ? { buyerOrganizationId: offered.organization.id } : {}) },
    auction: { startPrice: a.price ?? null, reservePrice: null, increment: null, deposit: null, startsAt: beijing(1, 9), endsAt: beijing(3, 16), extendSeconds: 300, maxExtensions: 10 },
    licence: { kind: 'non_exclusive', territory: '中国大陆', termMonths: 60, fieldOfUse: '' },
    payment: { plan: 'lump_sum', entryShareBp: 0, instalments: [{ months: 12, shareBp: 5000 }, { months: 24, shareBp: 5000 }], royaltyBp: 300, royaltyPeriod: 'year', deferredMonths: 12 },
  };

  const submit = async () => {
    const v = await validateInView(form);
    if (v === null) {
      message.error(t('cat.form.invalid'));
      return;
    }
    setBusy(true);
    try {
      const created = await createListing(toBody(a.id, v, demand?.id));
      message.success(t('trade.form.created'));
      navigate(`/listings/${created.id}`);
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('cat.required') };
  const fen = useFenRules();

  return (
    <div className="container stack record-form listing-form">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('trade.form.title')}</h1>
          <p>{t('trade.form.lead')}</p>
        </div>
      </div>

      {agent && <Alert type="info" showIcon title={t('trust.form.asAgent', { owner: a.organization.name })} data-testid="listing-as-agent" />}
      <Card title={t('trade.terms.achievement')} size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'title', label: t('ach.field.title'), children: <Link to={`/achievements/${a.id}`}>{a.title}</Link> },
            { key: 'org', label: t('cat.field.organization'), children: a.organization.name },
            { key: 'industry', label: t('cat.field.industry'), children: C.industryFull(a.industry) },
            { key: 'price', label: t('ach.field.price'), children: C.money(a.price) },
          ]}
        />
      </Card>
      {demand && (
        <Alert
          type="success"
          showIcon
          data-testid="listing-answers-demand"
          title={
            <>
              {t('trade.form.answersDemand')}
              {t('common.colon')}
              <Link to={`/demands/${demand.id}`}>{demand.title}</Link>（{demand.organization.name}）
            </>
          }
          description={t('trade.form.answersDemandHint')}
          action={
            <Button size="small" onClick={() => setDemand(undefined)} data-testid="listing-drop-demand">
              {t('trade.form.dropDemand')}
            </Button>
          }
        />
      )}

      <Form<Values> form={form} layout="vertical" initialValues={initial} scrollToFirstError={{ behavior: 'smooth', block: 'center' }} data-testid="listing-form">
        <Card title={t('trade.form.section.kind')}>
          <Form.Item name="kind" label={t('trade.field.kind')} rules={[required]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={LISTING_KINDS.map((k) => ({ value: k, label: L.kind(k) }))} data-testid="form-kind" />
          </Form.Item>
          <p className="muted form-hint">{t(`trade.form.kindHint.${kind}`)}</p>
          <Form.Item name="transaction" label={t('trade.field.transaction')} rules={[required]}>
            <Radio.Group options={LISTING_TRANSACTIONS.map((k) => ({ value: k, label: L.transaction(k) }))} data-testid="form-transaction" />
          </Form.Item>
          <Form.Item name="title" label={t('trade.form.listingTitle')} rules={[{ required: true, whitespace: true, message: t('cat.required') }, { max: 200 }]}>
            <Input maxLength={200} showCount />
          </Form.Item>
          <Form.Item name="description" label={`${t('trade.form.description')}（${t('common.optional')}）`}>
            <Input.TextArea rows={3} maxLength={5000} showCount placeholder={t('trade.form.descriptionPlaceholder')} />
          </Form.Item>
        </Card>

        <Card title={t(kind === 'auction' ? 'trade.form.section.auction' : 'trade.form.section.price')} className="form-card">
          {kind !== 'auction' && (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="price" label={t(kind === 'negotiated' ? 'trade.price.agreed' : 'trade.price.listed')} rules={[...fen({ required: true }), farFromIntended()]}>
                  <AmountInput data-testid="form-price" />
                </Form.Item>
              </Col>
              {kind === 'fixed' && (
                <Col xs={24} md={12}>
                  <Form.Item name={['fixed', 'acceptance']} label={t('trade.form.acceptance')}>
                    <Radio.Group options={FIXED_ACCEPTANCE.map((k) => ({ value: k, label: t(`trade.form.acceptance.${k}`) }))} />
                  </Form.Item>
                </Col>
              )}
            </Row>
          )}
          {kind === 'negotiated' && (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['negotiated', 'buyerOrganizationId']}
                  label={t('trade.notice.buyer')}
                  rules={[{ required: true, message: t('trade.form.buyerRequired') }]}
                  extra={t('trade.form.buyerHint')}
                >
                  <OrganizationPicker exclude={[a.organization.id]} known={demand?.organization} data-testid="form-buyer" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['negotiated', 'agreedOn']} label={`${t('trade.notice.agreedOn')}（${t('common.optional')}）`}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          )}
          {kind === 'auction' && (
            <>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name={['auction', 'startPrice']} label={t('trade.price.start')} rules={[...fen({ required: true }), farFromIntended()]}>
                    <AmountInput data-testid="form-start-price" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={['auction', 'reservePrice']}
                    label={`${t('trade.auction.reserve')}（${t('common.optional')}）`}
                    dependencies={[['auction', 'startPrice']]}
                    extra={t('trade.form.reserveHint')}
                    rules={[
                      ...fen(),
                      ({ getFieldValue }) => ({
                        validator: async (_, v: number | null | undefined) => {
                          const start = getFieldValue(['auction', 'startPrice']) as number | null;
                          if (v != null && start != null && v < start) throw new Error(t('trade.form.reserveBelowStart'));
                        },
                      }),
                    ]}
                  >
                    <AmountInput data-testid="form-reserve" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={['auction', 'increment']}
                    label={t('trade.auction.increment')}
                    dependencies={[['auction', 'startPrice']]}
                    rules={[
                      ...fen({ required: true }),
                      // A warning, not a refusal: each bid must add more than the whole start price, which keeps bidders away.
                      ({ getFieldValue }) => ({
                        warningOnly: true,
                        validator: async (_, v: number | null | undefined) => {
                          const start = getFieldValue(['auction', 'startPrice']) as number | null;
                          if (auctionTermWarnings({ startPrice: start, increment: v }).includes('incrementAboveStart')) throw new Error(t('trade.form.incrementAboveStart', { increment: C.money(v ?? null), start: C.money(start) }));
                        },
                      }),
                    ]}
                  >
                    <AmountInput data-testid="form-increment" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={['auction', 'deposit']}
                    label={t('trade.auction.deposit')}
                    extra={t('trade.form.depositHint')}
                    dependencies={[['auction', 'startPrice']]}
                    rules={[
                      ...fen({ min: 0 }),
                      ({ getFieldValue }) => ({
                        validator: async (_, v: number | null | undefined) => {
                          const start = getFieldValue(['auction', 'startPrice']) as number | null;
                          if (v != null && start != null && v > start) throw new Error(t('trust.deposit.aboveStart'));
                        },
                      }),
                    ]}
                  >
                    <AmountInput data-testid="form-deposit" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={['auction', 'depositAccount', 'bank']} label={`${t('trust.reg.bank')}（${t('common.optional')}）`} rules={[{ max: 100 }]}>
                    <Input maxLength={100} placeholder={t('trust.form.bankPlaceholder')} data-testid="form-account-bank" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={['auction', 'depositAccount', 'accountName']} label={`${t('trust.reg.accountName')}（${t('common.optional')}）`} rules={[{ max: 100 }]}>
                    <Input maxLength={100} data-testid="form-account-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={['auction', 'depositAccount', 'accountNumber']}
                    label={`${t('trust.reg.accountNumber')}（${t('common.optional')}）`}
                    rules={[{ pattern: /^[0-9][0-9 -]{5,40}$/, message: t('trust.form.accountNumber') }]}
                  >
                    <Input maxLength={41} inputMode="numeric" data-testid="form-account-number" />
                  </Form.Item>
                </Col>
                {noAccount && (
                  <Col xs={24}>
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 16 }}
                      data-testid="form-deposit-no-account"
                      title={t('trade.form.depositNoAccount')}
                      description={t('trade.form.depositNoAccountHint')}
                      action={
                        <Button size="small" onClick={() => form.focusField(['auction', 'depositAccount', 'bank'])} data-testid="form-deposit-account-link">
                          {t('trade.form.depositAccountGo')}
                        </Button>
                      }
                    />
                  </Col>
                )}
                <Col xs={24} md={12}>
                  <Form.Item name={['auction', 'startsAt']} label={t('trade.form.startsAt')} rules={[required]}>
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={['auction', 'endsAt']}
                    label={t('trade.form.endsAt')}
                    dependencies={[['auction', 'startsAt']]}
                    rules={[
                      required,
                      ({ getFieldValue }) => ({
                        validator: async (_, v: dayjs.Dayjs | null | undefined) => {
                          if (!v) return;
                          const end = Date.parse(toApiInstant(v));
                          const startsAt = getFieldValue(['auction', 'startsAt']) as dayjs.Dayjs | null;
                          if (startsAt && end <= Date.parse(toApiInstant(startsAt))) throw new Error(t('trust.endBeforeStart'));
                          if (startsAt && end - Date.parse(toApiInstant(startsAt)) < MIN_AUCTION_SECONDS * 1000) throw new Error(t('trade.form.windowShort', { s: MIN_AUCTION_SECONDS }));
                          if (end < serverNow() + MIN_AUCTION_SECONDS * 1000) throw new Error(t('trade.form.endPast'));
                        },
                      }),
                    ]}
                  >
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={['auction', 'extendSeconds']} label={t('trade.form.extendSeconds')} rules={[required]}>
                    <NumberInput min={0} max={3600} precision={0} suffix={t('trade.form.seconds')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={['auction', 'maxExtensions']} label={t('trade.form.maxExtensions')} rules={[required]}>
                    <NumberInput min={0} max={100} precision={0} suffix={t('trade.form.times')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <p className="muted form-hint">{t('trade.form.timesHint')}</p>
            </>
          )}
        </Card>

        {needsLicence(transaction) && (
          <Card title={t('trade.terms.licence')} className="form-card" data-testid="form-licence">
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={['licence', 'kind']} label={t('trade.form.licenceKind')} rules={[required]}>
                  <Select options={LICENCE_KINDS.map((k) => ({ value: k, label: L.licenceKind(k) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['licence', 'territory']} label={t('trade.form.territory')} rules={[{ required: true, whitespace: true, message: t('cat.required') }, { max: 200 }]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['licence', 'termMonths']} label={t('trade.form.termMonths')} rules={[required]}>
                  <NumberInput min={1} max={600} precision={0} suffix={t('trade.form.months')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name={['licence', 'fieldOfUse']} label={t('trade.form.fieldOfUse')} rules={[{ required: true, whitespace: true, message: t('cat.required') }, { max: 500 }]}>
              <Input maxLength={500} placeholder={t('trade.form.fieldOfUsePlaceholder')} />
            </Form.Item>
          </Card>
        )}

        <Card title={t('trade.terms.payment')} className="form-card" data-testid="form-payment">
          <Form.Item name={['payment', 'plan']} label={t('trade.form.plan')} rules={[required]}>
            <Radio.Group options={plans.map((p) => ({ value: p, label: L.plan(p) }))} data-testid="form-plan" />
          </Form.Item>
          {transaction === 'use_first_pay_later' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('trade.form.payLaterHint')} />}
          {plan === 'deferred' && (
            <Form.Item name={['payment', 'deferredMonths']} label={t('trade.form.deferredMonths')} rules={[required]}>
              <NumberInput min={1} max={120} precision={0} suffix={t('trade.form.months')} style={{ width: 200 }} />
            </Form.Item>
          )}
          {plan === 'lump_sum' && <p className="muted form-hint">{t('trade.payment.lumpSum.desc')}</p>}
          {plan === 'staged_royalty' && (
            <>
              <Row gutter={16}>
                <Col xs={24} sm={8}>
                  <Form.Item name={['payment', 'entryShareBp']} label={t('trade.form.entryShare')} extra={t('trade.form.entryShareHint')}>
                    <PercentInput disabled={transaction === 'use_first_pay_later'} data-testid="form-entry-share" />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item name={['payment', 'royaltyBp']} label={t('trade.form.royalty')} extra={t('trade.form.royaltyHint')}>
                    <PercentInput data-testid="form-royalty" />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item name={['payment', 'royaltyPeriod']} label={t('trade.form.royaltyPeriod')}>
                    <Select
                      options={[
                        { value: 'year', label: t('trade.period.year') },
                        { value: 'quarter', label: t('trade.period.quarter') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.List
                name={['payment', 'instalments']}
                rules={[
                  {
                    validator: async () => {
                      if (sharesTotal(form.getFieldValue('payment') as Values['payment']) !== 10_000) throw new Error(t('trade.form.sharesError'));
                    },
                  },
                ]}
              >
                {(fields, { add, remove }, { errors }) => (
                  <>
                    <div className="form-list-title">{t('trade.form.instalments')}</div>
                    {fields.map((f) => (
                      <Row gutter={12} key={f.key} className="list-row" data-testid="instalment-row">
                        <Col xs={11} sm={8}>
                          <Form.Item name={[f.name, 'months']} label={t('trade.form.instalmentMonths')} rules={[required]}>
                            <NumberInput min={0} max={600} precision={0} suffix={t('trade.form.months')} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={10} sm={8}>
                          <Form.Item name={[f.name, 'shareBp']} label={t('trade.form.instalmentShare')} rules={[required]}>
                            <PercentInput />
                          </Form.Item>
                        </Col>
                        <Col xs={3} sm={2} className="list-remove">
                          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cat.remove')} onClick={() => remove(f.name)} />
                        </Col>
                      </Row>
                    ))}
                    <div className="share-sum" data-testid="shares-sum" data-ok={total === 10_000}>
                      <Button icon={<PlusOutlined />} disabled={fields.length >= 24} onClick={() => add({ months: 12, shareBp: null })}>
                        {t('trade.form.addInstalment')}
                      </Button>
                      <span className={total === 10_000 ? 'sum-ok' : 'sum-bad'}>{t('trade.form.sharesSum', { sum: bpText(total) })}</span>
                    </div>
                    <div className="list-errors">
                      <Form.ErrorList errors={errors} />
                    </div>
                  </>
                )}
              </Form.List>
            </>
          )}
        </Card>

        <div className="form-actions">
          <Space wrap>
            <Button size="large" onClick={() => navigate(`/achievements/${a.id}`)}>
              {t('common.cancel')}
            </Button>
            <Button size="large" type="primary" loading={busy} onClick={() => void submit()} data-testid="listing-submit">
              {t('trade.form.submit')}
            </Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}
