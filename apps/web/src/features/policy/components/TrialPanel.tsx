import { shanghaiToday, type SubsidyLine } from '@kzt/shared';
import { Button, Card, Col, Collapse, DatePicker, Form, Input, Row, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { runTrial } from '../api.ts';
import { formatYuanExact } from '@kzt/shared';
import { typedYuanToFen } from '../../../lib/money.ts';
import { SubsidyLines } from './SubsidyLines.tsx';
import { useAuth } from '../../../app/auth.tsx';
import { isAnyAdmin } from '../../../lib/administers.ts';

/** Seeded jurisdictions, with a local district for the "local" parties. */
const PLACES = [
  { code: '371000', name: '威海市', local: '371002' },
  { code: '140700', name: '晋中市', local: '140702' },
  { code: '210100', name: '沈阳市', local: '210102' },
  { code: '610000', name: '陕西省', local: '610102' },
];

type FormValues = { jurisdiction: string; kind: string; amount: string; paid?: string; sellerType: string; buyerLocal: boolean; agency: boolean; date: dayjs.Dayjs };

const SAMPLE = [
  { id: 'reg-1', type: 'contract_registered', date: '2025-03-01', jurisdiction: '140700', contract: { id: 'c-1', kind: 'transfer', contractAmount: 200000000, technologyAmount: 200000000 }, seller: { id: 'uni', type: 'university', region: '140702' }, buyer: { id: 'firm', type: 'enterprise', region: '140702' } },
  { id: 'pay-1', type: 'contract_payment', date: '2025-04-01', jurisdiction: '371000', contract: { id: 'c-2', kind: 'development' }, seller: { id: 'whu', type: 'university', region: '371002' }, buyer: { id: 'whf', type: 'enterprise', region: '371002' }, amount: 400000000 },
]
  .map((e) => JSON.stringify(e))
  .join('\n');

/** 试算: "what would this contract get?" (an administrator may also paste the engine's event lines, under 高级); the server's engine answers. */
export function TrialPanel() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<FormValues>();
  // An administrator tries contracts of their own jurisdiction first (or the one it lies in); anyone else 威海's.
  const home = PLACES.find((p) => me?.adminOf.some((a) => a.code === p.code)) ?? PLACES.find((p) => me?.adminOf.some((a) => p.code.startsWith(a.code.replace(/0+$/, '')))) ?? PLACES[0]!;
  const [text, setText] = useState(SAMPLE);
  const [textError, setTextError] = useState<string | null>(null);
  const [lines, setLines] = useState<SubsidyLine[] | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (events: unknown[]) => {
    setBusy(true);
    try {
      setLines((await runTrial(events)).lines);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const fromForm = async (v: FormValues) => {
    const place = PLACES.find((p) => p.code === v.jurisdiction)!;
    const amount = typedYuanToFen(v.amount)!;
    const paid = v.paid ? typedYuanToFen(v.paid)! : amount;
    const date = v.date.format('YYYY-MM-DD');
    const seller = { id: '卖方', type: v.sellerType, region: place.local };
    const buyer = { id: '买方', type: 'enterprise', region: v.buyerLocal ? place.local : '110101' };
    const agency = v.agency ? { id: '技术转移机构', type: 'agency', region: place.local } : null;
    const contract = { id: '试算合同', kind: v.kind };
    await run([
      { id: '合同登记', type: 'contract_registered', date, jurisdiction: place.code, contract: { ...contract, contractAmount: amount, technologyAmount: amount }, seller, buyer, agency },
      { id: '当年到账', type: 'contract_payment', date, jurisdiction: place.code, contract, seller, buyer, agency, amount: paid },
      ...(v.agency ? [{ id: '机构净收入', type: 'agency_income', date, jurisdiction: place.code, agency, contract, netIncome: Math.floor(amount / 10), convertedIn: place.local }] : []),
    ]);
  };

  const fromText = async () => {
    const events: unknown[] = [];
    const rows = text.split('\n');
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!.trim();
      if (!row) continue;
      try {
        events.push(JSON.parse(row));
      } catch {
        setTextError(t('pol.trial.badJson', { n: i + 1 }));
        return;
      }
    }
    setTextError(null);
    if (events.length > 0) await run(events);
  };

  // An amount as typed (300000, 30万): refused with what to type, read back in full beneath the field.
  const money = (required: boolean) => [
    { required, message: t('pol.trial.amountRequired') },
    { validator: (_: unknown, v: string | undefined) => (!v || typedYuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('pol.trial.badAmount')))) },
  ];
  const amountText = Form.useWatch('amount', form);
  const paidText = Form.useWatch('paid', form);
  const readBack = (v: string | undefined) => {
    const fen = v ? typedYuanToFen(v) : null;
    return fen === null ? undefined : formatYuanExact(fen, lang);
  };
  // The event lines are the engine's own input: an administrator may paste them (高级), nobody else needs to.
  const admin = isAnyAdmin(me);

  return (
    <Row gutter={[20, 20]}>
      <Col xs={24} lg={10}>
        <Card title={t('pol.trial.form')}>
          <p style={{ marginTop: 0, color: '#595959' }}>{t('pol.trial.lead')}</p>
          <Form form={form} layout="vertical" onFinish={fromForm} initialValues={{ jurisdiction: home.code, kind: 'development', sellerType: 'university', buyerLocal: true, agency: false, date: dayjs(shanghaiToday()), amount: '1000000' }} data-testid="trial-form">
            <Form.Item name="jurisdiction" label={t('pol.trial.jurisdiction')}>
              <Select options={PLACES.map((p) => ({ value: p.code, label: p.name }))} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="kind" label={t('pol.trial.kind')}>
                  <Select options={['development', 'transfer', 'service', 'consulting'].map((k) => ({ value: k, label: t(`pol.trial.kind.${k}` as 'pol.trial.kind.development') }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="sellerType" label={t('pol.trial.sellerType')}>
                  <Select options={['university', 'institute', 'enterprise'].map((k) => ({ value: k, label: t(`pol.party.${k}` as 'pol.party.university') }))} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="amount" label={t('pol.trial.amount')} rules={money(true)} extra={readBack(amountText)}>
                  <Input inputMode="decimal" suffix={t('cat.unit.yuan')} placeholder={t('pol.trial.amountPlaceholder')} data-testid="trial-amount" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="paid" label={t('pol.trial.paid')} rules={money(false)} extra={readBack(paidText) ?? t('pol.trial.paidHint')}>
                  <Input inputMode="decimal" suffix={t('cat.unit.yuan')} data-testid="trial-paid" />
                </Form.Item>
              </Col>
            </Row>
            <Space size={24} wrap>
              <Form.Item name="buyerLocal" label={t('pol.trial.buyerLocal')} valuePropName="checked">
                <Switch data-testid="trial-buyer-local" />
              </Form.Item>
              <Form.Item name="agency" label={t('pol.trial.agency')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="date" label={t('pol.trial.date')}>
                <DatePicker allowClear={false} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="trial-run">
              {t('pol.trial.run')}
            </Button>
          </Form>
          {admin && (
            <Collapse
              ghost
              style={{ marginTop: 16 }}
              data-testid="trial-advanced"
              items={[
                {
                  key: 'paste',
                  label: t('pol.trial.paste'),
                  children: (
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <p style={{ margin: 0, color: '#595959' }}>{t('pol.trial.pasteLead')}</p>
                      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 8, maxRows: 20 }} style={{ fontFamily: 'monospace', fontSize: 12 }} aria-label={t('pol.trial.events')} status={textError ? 'error' : undefined} />
                      {textError && <div style={{ color: '#cf1322' }}>{textError}</div>}
                      <Button type="primary" onClick={fromText} loading={busy} data-testid="trial-run-text">
                        {t('pol.trial.run')}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {lines && <SubsidyLines lines={lines} />}
      </Col>
    </Row>
  );
}
