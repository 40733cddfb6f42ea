import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { CONTRACT_KINDS, CONTRACT_SUBKINDS, ENTITY_TYPES, formatFen, type ContractKind } from '@kzt/shared';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { OrganizationPicker } from '../../organizations/components/OrganizationPicker.tsx';
import { RegionPicker } from '../../regions/components/RegionPicker.tsx';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { useLeaveGuard } from '../../../lib/useLeaveGuard.tsx';
import { dayjs, TZ } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { dealContract, listDeals } from '../../trading/api.ts';
import { AmountInput, useFenRules } from '../../trading/components/AmountInput.tsx';
import { AchievementPicker } from '../components/AchievementPicker.tsx';
import { ContractFigures } from '../components/ContractFigures.tsx';
import { createContract, fetchContract, updateContract, type Contract } from '../api.ts';
import { useContractLabels } from '../labels.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';

type Dayjs = ReturnType<typeof dayjs>;
type PartyValues = { mode: 'on' | 'off'; organizationId?: string; name?: string; creditCode?: string; region?: string; entityType?: string };
type Values = {
  kind: ContractKind;
  subkind?: string | null;
  title: string;
  industry?: string | null;
  contractNo?: string;
  signedOn: Dayjs;
  validUntil: Dayjs;
  seller: PartyValues;
  buyer: PartyValues;
  /** 中介机构: none, an organisation on the platform, or one typed. */
  agency?: PartyValues | { mode: 'none' };
  broker?: string;
  contractAmount: number;
  technologyAmount: number;
  deductions?: { item: string; amount: number }[];
  achievementIds?: string[];
  ipItems?: string[];
  expectedInvestment?: number | null;
  expectedOutput?: number | null;
  payments?: { dueOn: Dayjs; amount: number }[];
};

const today = () => dayjs(dayjs().tz(TZ).format('YYYY-MM-DD'));
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const party = (p: PartyValues) => (p.mode === 'on' ? { organizationId: p.organizationId } : { name: p.name, creditCode: p.creditCode ?? '', region: p.region, entityType: p.entityType });
const partyValues = (p: Contract['seller']): PartyValues =>
  p.organizationId ? { mode: 'on', organizationId: p.organizationId } : { mode: 'off', name: p.name, creditCode: p.creditCode, region: p.region, entityType: p.entityType };

/** The contract wizard: from a signed deal (prefilled by the server), or by hand; also corrects a draft or returned contract. */
export function ContractFormPage() {
  const { t, lang } = useI18n();
  const L = useContractLabels();
  const C = useCatalogueLabels();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params] = useSearchParams();
  const { me } = useAuth();
  const fen = useFenRules();
  const [source, setSource] = useState<'deal' | 'blank'>(params.get('dealId') ? 'deal' : id ? 'blank' : 'deal');
  const [dealId, setDealId] = useState<string | undefined>(params.get('dealId') ?? undefined);
  const [prefilling, setPrefilling] = useState(false);
  const { form, busy: saving, onFinish: save } = useFormSubmit<Values, { id: string }>({
    action: (v) => {
      const body = {
        kind: v.kind,
        subkind: v.subkind ?? null,
        title: v.title,
        industry: v.industry ?? null,
        contractNo: v.contractNo || null,
        signedOn: day(v.signedOn),
        validUntil: day(v.validUntil),
        seller: party(v.seller),
        buyer: party(v.buyer),
        agency: v.agency && v.agency.mode !== 'none' ? party(v.agency as PartyValues) : null,
        broker: v.broker || null,
        contractAmount: v.contractAmount,
        technologyAmount: v.technologyAmount,
        deductions: v.deductions ?? [],
        achievementIds: v.seller.mode === 'on' ? (v.achievementIds ?? []) : [],
        ipItems: (v.ipItems ?? []).map((x) => x.trim()).filter(Boolean),
        expectedInvestment: v.expectedInvestment ?? null,
        expectedOutput: v.expectedOutput ?? null,
        payments: (v.payments ?? []).map((p) => ({ dueOn: day(p.dueOn), amount: p.amount })),
      };
      return id ? updateContract(id, body) : createContract(body);
    },
    success: t('ct.created'),
    onDone: (c) => {
      allowLeave();
      navigate(`/contracts/${c.id}`);
    },
  });
  // A contract typed by hand is long: 取消, a link, back or a reload ask before it is lost.
  const allowLeave = useLeaveGuard(() => form.isFieldsTouched());
  const busy = saving || prefilling;
  // The deals a contract may be drawn from are the seller's side's (the seller, or its entrusted agency), as the
  // server allows; those where my organisation is the buyer are shown apart: their seller enters the contract.
  const deals = useAsync(async (signal) => {
    if (id) return { mine: [], asBuyer: [] };
    const signedDeals = (side: 'seller' | 'buyer') =>
      Promise.all([listDeals({ status: 'signed', side, pageSize: 100 }, signal), listDeals({ status: 'completed', side, pageSize: 100 }, signal)]).then(([a, b]) => [...a.items, ...b.items]);
    const [mine, bought] = await Promise.all([signedDeals('seller'), signedDeals('buyer')]);
    return { mine, asBuyer: bought.filter((d) => !mine.some((m) => m.id === d.id)) };
  }, [id]);
  const onlyBuyer = !!deals.data && deals.data.mine.length === 0 && deals.data.asBuyer.length > 0;
  const existing = useAsync((signal) => (id ? fetchContract(id, signal) : Promise.resolve(undefined)), [id]);
  useEffect(() => {
    document.title = `${t(id ? 'ct.wizard.edit' : 'ct.wizard.title')} · 科转通`;
  }, [t, id]);
  useEffect(() => {
    const c = existing.data;
    if (!c) return;
    form.setFieldsValue({
      kind: c.kind,
      subkind: c.subkind,
      title: c.title,
      industry: c.industry,
      contractNo: c.contractNo ?? '',
      signedOn: dayjs(c.signedOn),
      validUntil: dayjs(c.validUntil),
      seller: partyValues(c.seller),
      buyer: partyValues(c.buyer),
      agency: c.agency ? partyValues(c.agency) : { mode: 'none' },
      broker: c.broker ?? '',
      contractAmount: c.contractAmount,
      technologyAmount: c.technologyAmount,
      deductions: c.deductions,
      achievementIds: c.achievementIds,
      ipItems: c.ipItems,
      expectedInvestment: c.expectedInvestment,
      expectedOutput: c.expectedOutput,
      payments: c.schedule.map((p) => ({ dueOn: dayjs(p.dueOn), amount: p.amount })),
    });
  }, [existing.data, form]);

  const kind = Form.useWatch('kind', form);
  const sellerId = Form.useWatch(['seller', 'organizationId'], form) as string | undefined;
  const sellerMode = Form.useWatch(['seller', 'mode'], form);
  const buyerMode = Form.useWatch(['buyer', 'mode'], form);
  const agencyMode = Form.useWatch(['agency', 'mode'], form);
  const subkinds = kind ? CONTRACT_SUBKINDS[kind] : [];

  const fromDeal = async () => {
    if (!dealId) return;
    setPrefilling(true);
    try {
      const c = await createContract({ dealId });
      message.success(t('ct.created'));
      allowLeave();
      navigate(`/contracts/${c.id}`);
    } catch (err) {
      onError(err);
    } finally {
      setPrefilling(false);
    }
  };

  const partyFields = (name: 'seller' | 'buyer' | 'agency', mode: string | undefined) => (
    <Card size="small" title={t(name === 'seller' ? 'ct.field.seller' : name === 'buyer' ? 'ct.field.buyer' : 'ct.field.agency')} style={{ marginBottom: 16 }} data-testid={`contract-party-${name}`}>
      <Form.Item name={[name, 'mode']} initialValue={name === 'seller' ? 'on' : name === 'agency' ? 'none' : 'off'} extra={name === 'agency' ? t('ct.party.agencyHelp') : undefined}>
        <Radio.Group options={[...(name === 'agency' ? [{ value: 'none', label: t('ct.party.none') }] : []), { value: 'on', label: t('ct.party.onPlatform') }, { value: 'off', label: t('ct.party.offPlatform') }]} />
      </Form.Item>
      {mode === 'none' ? null : mode === 'on' ? (
        <Form.Item name={[name, 'organizationId']} label={t(name === 'seller' ? 'ct.party.myOrg' : 'ct.party.orgId')} rules={[{ required: true, message: t('cat.required') }]}>
          {/* The seller is one of mine; the buyer or the agency is found by name among the platform's verified organisations. */}
          {name === 'seller' ? (
            <Select options={(me?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          ) : (
            <OrganizationPicker placeholder={t('ct.party.searchOrg')} data-testid={`contract-${name}-organization`} />
          )}
        </Form.Item>
      ) : (
        <Space wrap align="start">
          <Form.Item name={[name, 'name']} label={t('ct.field.name')} rules={[{ required: true, message: t('cat.required') }]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name={[name, 'creditCode']} label={t('ct.field.creditCode')}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name={[name, 'region']} label={t('ct.field.region')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('region.picker.required') }]}>
            <RegionPicker style={{ width: 260 }} data-testid={`contract-${name}-region`} />
          </Form.Item>
          <Form.Item name={[name, 'entityType']} label={t('ct.field.entityType')} rules={[{ required: true, message: t('cat.required') }]}>
            <Select style={{ width: 140 }} options={ENTITY_TYPES.map((e) => ({ value: e, label: L.entity(e) }))} />
          </Form.Item>
        </Space>
      )}
    </Card>
  );

  return (
    <div className="container stack" data-testid="contract-form-page" style={{ maxWidth: 900 }}>
      <div className="page-header">
        <h1>{t(id ? 'ct.wizard.edit' : 'ct.wizard.title')}</h1>
      </div>
      {!id && (
        <Card size="small">
          <Space wrap>
            <span>{t('ct.wizard.source')}{t('common.colon')}</span>
            <Radio.Group
              value={source}
              onChange={(e) => setSource(e.target.value)}
              options={[
                { value: 'deal', label: t('ct.wizard.fromDeal') },
                { value: 'blank', label: t('ct.wizard.blank') },
              ]}
              optionType="button"
            />
          </Space>
        </Card>
      )}
      {source === 'deal' && !id ? (
        <Card title={t('ct.wizard.deal')}>
          {deals.data && deals.data.mine.length === 0 ? (
            <Empty description={t(onlyBuyer ? 'ct.wizard.noSellerDeals' : 'ct.wizard.noDeals')} data-testid="contract-no-deals" />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Select
                value={dealId}
                onChange={setDealId}
                loading={deals.loading}
                placeholder={t('ct.wizard.dealPlaceholder')}
                style={{ width: '100%' }}
                data-testid="contract-deal-select"
                options={(deals.data?.mine ?? []).map((d) => ({ value: d.id, label: `${d.listing.title} · ${d.seller.name} → ${d.buyer.name} · ${formatFen(d.amount, lang)} · ${d.signedOn ?? ''}` }))}
              />
              <Button type="primary" disabled={!dealId} loading={busy} onClick={() => void fromDeal()} data-testid="contract-prefill">
                {t('ct.wizard.prefill')}
              </Button>
            </Space>
          )}
          {!!deals.data?.asBuyer.length && <BoughtDeals deals={deals.data.asBuyer} />}
        </Card>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{ kind: 'transfer', signedOn: today(), validUntil: today().add(1, 'year'), seller: { mode: 'on', organizationId: me?.organizations[0]?.id }, buyer: { mode: 'off' } }}
        >
          {existing.error !== undefined && existing.error !== null && <Alert type="error" showIcon title={String((existing.error as Error).message)} />}
          {!id && <Alert type={onlyBuyer ? 'warning' : 'info'} showIcon title={t('ct.wizard.sellerEnters')} description={onlyBuyer ? t('ct.wizard.sellerEntersBuyer') : undefined} style={{ marginBottom: 16 }} data-testid="contract-seller-enters" />}
          <Card size="small" style={{ marginBottom: 16 }}>
            <Space wrap align="start">
              <Form.Item name="kind" label={t('ct.field.kind')} rules={[{ required: true }]}>
                <Select style={{ width: 140 }} options={CONTRACT_KINDS.map((k) => ({ value: k, label: L.kind(k) }))} onChange={() => form.setFieldValue('subkind', null)} />
              </Form.Item>
              {subkinds.length > 0 && (
                <Form.Item name="subkind" label={t('ct.field.subkind')}>
                  <Select allowClear style={{ width: 160 }} options={subkinds.map((s) => ({ value: s, label: L.subkind(s) }))} />
                </Form.Item>
              )}
              <Form.Item name="contractNo" label={t('ct.field.contractNo')}>
                <Input style={{ width: 200 }} />
              </Form.Item>
            </Space>
            <Form.Item name="title" label={t('ct.field.title')} rules={[{ required: true, message: t('cat.required') }]}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="industry" label={t('ct.field.industry')} extra={t('ct.wizard.industryHelp')}>
              <Select allowClear showSearch optionFilterProp="label" placeholder={t('ct.wizard.industryNone')} options={C.industryOptions} style={{ maxWidth: 420 }} data-testid="contract-industry" />
            </Form.Item>
            <Space wrap>
              <Form.Item name="signedOn" label={t('ct.field.signedOn')} rules={[{ required: true }]}>
                <DatePicker disabledDate={(d) => d.isAfter(today(), 'day')} />
              </Form.Item>
              <Form.Item name="validUntil" label={t('ct.field.validUntil')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
            </Space>
          </Card>
          {partyFields('seller', sellerMode)}
          {partyFields('buyer', buyerMode)}
          {partyFields('agency', agencyMode)}
          <Card size="small" title={t('ct.detail.figures')} style={{ marginBottom: 16 }}>
            <ContractFigures />
            {(kind === 'transfer' || kind === 'licence') && (
              <Space wrap>
                <Form.Item name="expectedInvestment" label={t('ct.field.expectedInvestment')} rules={fen({ min: 0 })}>
                  <AmountInput style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name="expectedOutput" label={t('ct.field.expectedOutput')} rules={fen({ min: 0 })}>
                  <AmountInput style={{ width: 200 }} />
                </Form.Item>
              </Space>
            )}
            <Form.Item name="broker" label={t('ct.field.broker')}>
              <Input style={{ maxWidth: 240 }} />
            </Form.Item>
          </Card>
          <Card size="small" title={t('ct.detail.subject')} style={{ marginBottom: 16 }} data-testid="contract-subject">
            <Form.Item name="achievementIds" label={t('ct.field.achievements')} extra={t(sellerMode === 'on' ? 'ct.achievements.help' : 'ct.achievements.offPlatform')}>
              <AchievementPicker organizationId={sellerMode === 'on' ? sellerId : undefined} mine={!!me?.organizations.some((o) => o.id === sellerId)} known={existing.data?.achievements} />
            </Form.Item>
            <div style={{ marginBottom: 8 }}>{t('ct.field.ipItems')}</div>
            <Form.List name="ipItems">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" style={{ display: 'flex' }} data-testid="contract-ip-item">
                      <Form.Item name={f.name} rules={[{ required: true, whitespace: true, message: t('cat.required') }]} style={{ flex: 1, minWidth: 0 }}>
                        <Input placeholder={t('ct.ip.placeholder')} maxLength={200} style={{ width: 'min(560px, calc(100vw - 120px))' }} data-testid="contract-ip-input" />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('ct.ip.remove')} style={{ marginTop: 9 }} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= 50} data-testid="contract-add-ip">
                    {t('ct.ip.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
          <Card size="small" title={t('ct.field.payments')} style={{ marginBottom: 16 }}>
            <Form.List name="payments">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap>
                      <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: t('cat.required') }]}>
                        <DatePicker placeholder={t('ct.field.dueOn')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'amount']} rules={fen({ min: 1, required: true })}>
                        <AmountInput style={{ width: 180 }} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('ct.wizard.addPayment')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="contract-save">
            {t('ct.wizard.save')}
          </Button>
        </Form>
      )}
    </div>
  );
}

type DealSummary = Awaited<ReturnType<typeof listDeals>>['items'][number];

/** Signed deals where my organisation is the buyer: the seller (技术提供方) enters and registers their contract; the draft it entered, if any, opens from here. */
function BoughtDeals({ deals }: { deals: DealSummary[] }) {
  const { t, lang } = useI18n();
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginTop: 16 }}
      data-testid="contract-bought-deals"
      title={t('ct.wizard.boughtDeals')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {deals.map((d) => (
            <li key={d.id} data-testid="contract-bought-deal">
              {d.listing.title} · {t('ct.wizard.boughtFrom', { seller: d.seller.name })} · {formatFen(d.amount, lang)} · <BoughtDealContract dealId={d.id} />
            </li>
          ))}
        </ul>
      }
    />
  );
}

function BoughtDealContract({ dealId }: { dealId: string }) {
  const { t } = useI18n();
  const L = useContractLabels();
  const res = useAsync((signal) => dealContract(dealId, signal), [dealId]);
  if (res.loading && !res.data) return <span>…</span>;
  const c = res.data;
  if (!c) return <span className="muted">{t('ct.wizard.boughtNoContract')}</span>;
  return (
    <Link to={`/contracts/${c.id}`} data-testid="contract-bought-open">
      {t('ct.wizard.boughtOpen', { status: L.status(c.status) })}
    </Link>
  );
}
