import { ArrowLeftOutlined } from '@ant-design/icons';
import { CONTRACT_KINDS, formatYuanExact, shanghaiToday, type PolicyRecordKind } from '@kzt/shared';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { validateInView } from '../../../lib/validate.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { createRecord, fetchRules, listRecords, type PolicyRecord } from '../api.ts';
import { percentToBp, yuanToFen } from '../../../lib/money.ts';
import { OrganizationPicker } from '../../organizations/components/OrganizationPicker.tsx';
import { RegionPicker } from '../../regions/components/RegionPicker.tsx';
import { SubsidyLines } from '../components/SubsidyLines.tsx';
import { isAnyAdmin } from '../../../lib/administers.ts';

const SEEDED: [string, string][] = [
  ['140700', '晋中市'],
  ['140000', '山西省'],
  ['610000', '陕西省'],
  ['210100', '沈阳市'],
  ['371000', '威海市'],
];

type Tab = 'evaluation' | 'recognition' | 'income' | 'loan' | 'award' | 'researcher' | 'stake';
const TAB_KINDS: Record<Tab, PolicyRecordKind[]> = {
  evaluation: ['agency_evaluation', 'agency_pooled'],
  recognition: ['agency_recognised'],
  income: ['agency_income'],
  loan: ['loan_registered', 'loan_default', 'loan_interest', 'loan_repaid'],
  award: ['evaluated_award'],
  researcher: ['researcher_income'],
  stake: ['stake_exit'],
};

/** A money field typed in 元 (two decimals at most, never rounded). */
const yuanRules = (messages: { required: string; invalid: string }, required = true) => [
  ...(required ? [{ required: true, message: messages.required }] : []),
  { validator: (_: unknown, v: string | undefined) => (!v || (yuanToFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(messages.invalid))) },
];
const fenOf = (v: string | undefined) => (v && v.trim() ? yuanToFen(v)! : undefined);

/**
 * 登记事项 (/subsidies/records): an administrator records what the platform
 * does not see by itself — an agency's evaluation or recognition, a loan in
 * the risk pool and its default or interest, an award an evaluation decided,
 * a researcher's income — in forms; each record raises its event into the
 * policy engine, and the entitlements appear for the organisation.
 */
export function PolicyRecordsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('kind') as Tab | null) ?? 'evaluation';
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    document.title = `${t('pol.rec.title')} · 科转通`;
  }, [t]);
  const places = useMemo<[string, string][]>(() => {
    const own = (me?.adminOf ?? []).map((a) => [a.code, a.name] as [string, string]);
    return me?.user.isPlatformAdmin ? [...own, ...SEEDED.filter(([c]) => !own.some(([o]) => o === c))] : own;
  }, [me]);
  const admin = isAnyAdmin(me);
  if (!admin) return <div className="container"><Alert type="warning" showIcon message={t('pol.rec.adminsOnly')} /></div>;
  const items = (Object.keys(TAB_KINDS) as Tab[]).map((key) => ({
    key,
    label: t(`pol.rec.tab.${key}`),
    children: (
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={10}>
          <RecordForm tab={key} places={places} onRecorded={() => setChanges((n) => n + 1)} />
        </Col>
        <Col xs={24} lg={14}>
          <RecordsTable kinds={TAB_KINDS[key]} changes={changes} />
        </Col>
      </Row>
    ),
  }));
  return (
    <div className="container stack" data-testid="policy-records-page">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <Link to="/subsidies?tab=queue">
          <ArrowLeftOutlined /> {t('pol.title')}
        </Link>
        <h1>{t('pol.rec.title')}</h1>
        <p>{t('pol.rec.lead')}</p>
      </div>
      <Tabs activeKey={tab} onChange={(k) => setParams({ kind: k }, { replace: true })} items={items} destroyOnHidden />
    </div>
  );
}

type Values = {
  kind: PolicyRecordKind;
  jurisdiction: string;
  date: string;
  organizationId?: string;
  year?: number;
  scheme?: string;
  grade?: string;
  level?: string;
  amount?: string;
  cohort?: number;
  loanId?: string;
  principal?: string;
  lender?: string;
  earlyStage?: boolean;
  creditRated?: boolean;
  badPrincipal?: string;
  interest?: string;
  principalRepaid?: string;
  researcherName?: string;
  localFiscalContribution?: string;
  stakeId?: string;
  investedOn?: string;
  exitValue?: string;
  bankRatePct?: string;
  contractNumber?: string;
  contractKind?: string;
  netIncome?: string;
  convertedIn?: string;
};


/** A record's line headed by what was recorded (kind, organisation, subject, date) and its beneficiary named, not shown by ids. */
function recordNames(r: PolicyRecord, kind: string) {
  const names: Record<string, string> = r.organizationId && r.organizationName ? { [r.organizationId]: r.organizationName } : {};
  return { names, titles: { [r.line.event]: [kind, r.organizationName, r.subject, r.date].filter(Boolean).join(' · ') } };
}

function RecordForm({ tab, places, onRecorded }: { tab: Tab; places: [string, string][]; onRecorded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PolicyRecord | null>(null);
  const jurisdiction = Form.useWatch('jurisdiction', form) ?? places[0]?.[0] ?? '';
  const kind = Form.useWatch('kind', form) ?? TAB_KINDS[tab][0]!;
  const rules = useAsync((signal) => fetchRules(undefined, signal), []);
  // The "最高…" awards of the chosen jurisdiction and those above it, by their scheme.
  const schemes = useMemo(() => {
    const out: { value: string; label: string }[] = [];
    for (const p of rules.data?.packs ?? []) {
      const within = jurisdiction === p.jurisdiction || (p.jurisdiction.endsWith('0000') && jurisdiction.startsWith(p.jurisdiction.slice(0, 2))) || (p.jurisdiction.endsWith('00') && jurisdiction.startsWith(p.jurisdiction.slice(0, 4)));
      if (!within) continue;
      for (const r of p.rules)
        if (r.trigger === 'evaluated_award' && r.selector.scheme) for (const s of r.selector.scheme) if (!out.some((o) => o.value === s)) out.push({ value: s, label: `${r.title}（${p.jurisdictionName}，${s}）` });
    }
    return out;
  }, [rules.data, jurisdiction]);

  const submit = async () => {
    const v = await validateInView(form);
    if (v === null) return;
    const base = { kind: v.kind, jurisdiction: v.jurisdiction, date: v.date };
    const amount = fenOf(v.amount);
    const body =
      v.kind === 'agency_evaluation'
        ? { ...base, organizationId: v.organizationId, year: v.year, scheme: v.scheme, grade: v.grade, ...(amount ? { amount } : {}), ...(v.cohort ? { cohort: v.cohort } : {}) }
        : v.kind === 'agency_recognised'
          ? { ...base, organizationId: v.organizationId, level: v.level, ...(amount ? { amount } : {}) }
          : v.kind === 'loan_registered'
            ? { ...base, organizationId: v.organizationId, loanId: v.loanId, principal: fenOf(v.principal), lender: v.lender, earlyStage: !!v.earlyStage, creditRated: !!v.creditRated }
            : v.kind === 'loan_default'
              ? { ...base, loanId: v.loanId, badPrincipal: fenOf(v.badPrincipal) }
              : v.kind === 'loan_interest'
                ? { ...base, loanId: v.loanId, interest: fenOf(v.interest) }
                : v.kind === 'loan_repaid'
                  ? { ...base, loanId: v.loanId, principalRepaid: fenOf(v.principalRepaid) }
                : v.kind === 'evaluated_award'
                  ? { ...base, organizationId: v.organizationId, scheme: v.scheme, amount, ...(v.level ? { level: v.level } : {}) }
                  : v.kind === 'agency_pooled'
                    ? { ...base, organizationId: v.organizationId }
                    : v.kind === 'agency_income'
                      ? { ...base, organizationId: v.organizationId, contractNumber: v.contractNumber, contractKind: v.contractKind, netIncome: fenOf(v.netIncome), convertedIn: v.convertedIn }
                    : v.kind === 'stake_exit'
                      ? { ...base, organizationId: v.organizationId, stakeId: v.stakeId, principal: fenOf(v.principal), investedOn: v.investedOn, exitValue: fenOf(v.exitValue), bankRateBp: percentToBp(v.bankRatePct) }
                      : { ...base, organizationId: v.organizationId, researcherName: v.researcherName, localFiscalContribution: fenOf(v.localFiscalContribution) };
    setBusy(true);
    try {
      const rec = await createRecord(body);
      setResult(rec);
      message.success(t('pol.rec.done'));
      onRecorded();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const today = shanghaiToday();
  const money = { required: t('pol.rec.amountRequired'), invalid: t('pol.rec.amountInvalid') };
  return (
    <Card title={t(`pol.rec.form.${tab}`)} data-testid={`record-form-${tab}`}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: TAB_KINDS[tab][0], jurisdiction: places[0]?.[0], date: today, year: Number(today.slice(0, 4)), scheme: tab === 'evaluation' ? 'city' : undefined, grade: 'excellent', level: tab === 'recognition' ? 'provincial' : undefined }}
      >
        {TAB_KINDS[tab].length > 1 && (
          <Form.Item name="kind" label={t('pol.rec.kind')}>
            <Select options={TAB_KINDS[tab].map((k) => ({ value: k, label: t(`pol.rec.kind.${k}`) }))} data-testid="record-kind" />
          </Form.Item>
        )}
        {TAB_KINDS[tab].length === 1 && <Form.Item name="kind" hidden><Input /></Form.Item>}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="jurisdiction" label={t('pol.rec.jurisdiction')} rules={[{ required: true, message: t('pol.rec.jurisdiction') }]}>
              <Select options={places.map(([c, n]) => ({ value: c, label: `${n} ${c}` }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="date" label={t('pol.rec.date')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
        </Row>
        {kind !== 'loan_default' && kind !== 'loan_interest' && kind !== 'loan_repaid' && (
          <Form.Item name="organizationId" label={t(`pol.rec.org.${kind}`)} rules={[{ required: true, message: t('pol.rec.orgPlaceholder') }]}>
            <OrganizationPicker
              jurisdiction={jurisdiction}
              {...(kind === 'agency_evaluation' || kind === 'agency_recognised' || kind === 'agency_pooled' || kind === 'agency_income' ? { type: 'agency' as const } : {})}
              allowClear={false}
              placeholder={t('pol.rec.orgPlaceholder')}
              emptyText={t('pol.rec.orgNone')}
              data-testid="record-organization"
            />
          </Form.Item>
        )}
        {kind === 'agency_evaluation' && (
          <>
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item name="year" label={t('pol.rec.year')} rules={[{ required: true, message: t('pol.rec.year') }]}>
                  <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="scheme" label={t('pol.rec.evalScheme')}>
                  <Select options={[{ value: 'city', label: t('pol.rec.evalScheme.city') }, { value: 'provincial', label: t('pol.rec.evalScheme.provincial') }]} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item name="grade" label={t('pol.rec.grade')}>
                  <Select options={(['excellent', 'good', 'pass', 'fail'] as const).map((g) => ({ value: g, label: t(`pol.grade.${g}`) }))} data-testid="record-grade" />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="cohort" label={t('pol.rec.cohort')} tooltip={t('pol.rec.cohortHint')}>
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="record-cohort" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="amount" label={t('pol.rec.decided')} extra={t('pol.rec.decidedHint')} rules={yuanRules(money, false)}>
              <Input inputMode="decimal" suffix="元" />
            </Form.Item>
          </>
        )}
        {kind === 'agency_recognised' && (
          <Form.Item name="level" label={t('pol.rec.level')}>
            <Select options={[{ value: 'provincial', label: t('pol.rec.level.provincial') }, { value: 'national', label: t('pol.rec.level.national') }]} />
          </Form.Item>
        )}
        {(kind === 'loan_registered' || kind === 'loan_default' || kind === 'loan_interest' || kind === 'loan_repaid') && (
          <Form.Item name="loanId" label={t('pol.rec.loanId')} rules={[{ required: true, whitespace: true, message: t('pol.rec.loanId') }]}>
            <Input maxLength={60} data-testid="record-loan-id" />
          </Form.Item>
        )}
        {kind === 'loan_registered' && (
          <>
            <Form.Item name="principal" label={t('pol.rec.principal')} rules={yuanRules(money)}>
              <Input inputMode="decimal" suffix="元" />
            </Form.Item>
            <Form.Item name="lender" label={t('pol.rec.lender')} rules={[{ required: true, whitespace: true, message: t('pol.rec.lender') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="earlyStage" valuePropName="checked" noStyle>
                <Checkbox>{t('pol.rec.earlyStage')}</Checkbox>
              </Form.Item>
              <Form.Item name="creditRated" valuePropName="checked" noStyle>
                <Checkbox>{t('pol.rec.creditRated')}</Checkbox>
              </Form.Item>
            </Space>
          </>
        )}
        {kind === 'loan_default' && (
          <Form.Item name="badPrincipal" label={t('pol.rec.badPrincipal')} rules={yuanRules(money)}>
            <Input inputMode="decimal" suffix="元" />
          </Form.Item>
        )}
        {kind === 'loan_interest' && (
          <Form.Item name="interest" label={t('pol.rec.interest')} rules={yuanRules(money)}>
            <Input inputMode="decimal" suffix="元" />
          </Form.Item>
        )}
        {kind === 'loan_repaid' && (
          <Form.Item name="principalRepaid" label={t('pol.rec.principalRepaid')} extra={t('pol.rec.principalRepaidHelp')} rules={yuanRules(money)}>
            <Input inputMode="decimal" suffix="元" data-testid="record-principal-repaid" />
          </Form.Item>
        )}
        {kind === 'evaluated_award' && (
          <>
            <Form.Item name="scheme" label={t('pol.rec.awardScheme')} rules={[{ required: true, message: t('pol.rec.awardScheme') }]}>
              <Select options={schemes} loading={rules.loading} showSearch optionFilterProp="label" data-testid="record-scheme" />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={14}>
                <Form.Item name="amount" label={t('pol.rec.decided')} rules={yuanRules(money)}>
                  <Input inputMode="decimal" suffix="元" />
                </Form.Item>
              </Col>
              <Col xs={10}>
                <Form.Item name="level" label={t('pol.rec.awardLevel')}>
                  <Input maxLength={40} placeholder="national / provincial" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        {kind === 'agency_pooled' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('pol.rec.pooledHint')} />}
        {kind === 'stake_exit' && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('pol.rec.stakeHint')} />
            <Form.Item name="stakeId" label={t('pol.rec.stakeId')} rules={[{ required: true, whitespace: true, message: t('pol.rec.stakeId') }]}>
              <Input maxLength={60} data-testid="record-stake-id" />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item name="principal" label={t('pol.rec.stakePrincipal')} rules={yuanRules(money)}>
                  <Input inputMode="decimal" suffix="元" />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="investedOn" label={t('pol.rec.investedOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
                  <Input placeholder="YYYY-MM-DD" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item name="exitValue" label={t('pol.rec.exitValue')} rules={[{ required: true, message: money.required }, { validator: (_: unknown, v: string | undefined) => (!v || v.trim() === '0' || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(money.invalid))) }]}>
                  <Input inputMode="decimal" suffix="元" />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="bankRatePct" label={t('pol.rec.bankRate')} rules={[{ required: true, message: t('pol.rec.bankRate') }, { validator: (_: unknown, v: string | undefined) => (!v || ((percentToBp(v) ?? -1) >= 0 && (percentToBp(v) ?? -1) <= 10_000) ? Promise.resolve() : Promise.reject(new Error(t('pol.rec.bankRateInvalid')))) }]}>
                  <Input inputMode="decimal" suffix="%" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        {kind === 'agency_income' && (
          <>
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item name="contractNumber" label={t('pol.rec.contractNumber')} rules={[{ required: true, whitespace: true, message: t('pol.rec.contractNumber') }]}>
                  <Input maxLength={60} data-testid="record-contract-number" />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="contractKind" label={t('pol.rec.contractKind')} rules={[{ required: true, message: t('pol.rec.contractKind') }]}>
                  <Select options={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`pol.trial.kind.${k}`) }))} data-testid="record-contract-kind" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item name="netIncome" label={t('pol.rec.netIncome')} extra={t('pol.rec.netIncomeHint')} rules={yuanRules(money)}>
                  <Input inputMode="decimal" suffix="元" data-testid="record-net-income" />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item name="convertedIn" label={t('pol.rec.convertedIn')} extra={t('pol.rec.convertedInHint')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('pol.rec.convertedInInvalid') }]}>
                  <RegionPicker data-testid="record-converted-in" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        {kind === 'researcher_income' && (
          <>
            <Form.Item name="researcherName" label={t('pol.rec.researcher')} rules={[{ required: true, whitespace: true, message: t('pol.rec.researcher') }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="localFiscalContribution" label={t('pol.rec.fiscal')} extra={t('pol.rec.fiscalHint')} rules={yuanRules(money)}>
              <Input inputMode="decimal" suffix="元" />
            </Form.Item>
          </>
        )}
        <Button type="primary" onClick={submit} loading={busy} style={{ marginTop: 12 }} data-testid="record-submit">
          {t('pol.record.submit')}
        </Button>
      </Form>
      {result && (
        <div style={{ marginTop: 16 }} data-testid="record-result">
          <SubsidyLines lines={[result.line]} {...recordNames(result, t(`pol.rec.kind.${result.kind}`))} />
        </div>
      )}
    </Card>
  );
}

function RecordsTable({ kinds, changes }: { kinds: PolicyRecordKind[]; changes: number }) {
  const { t, lang } = useI18n();
  const res = useAsync(async (signal) => {
    const pages = await Promise.all(kinds.map((kind) => listRecords({ kind, pageSize: 50 }, signal)));
    return pages.flatMap((p) => p.items).sort((a, b) => String(b.recordedAt).localeCompare(String(a.recordedAt)));
  }, [kinds.join(','), changes]);
  return (
    <Card title={t('pol.rec.list')} data-testid="records-list">
      <Table<PolicyRecord>
        rowKey="id"
        size="small"
        loading={res.loading}
        dataSource={res.data ?? []}
        scroll={{ x: 560 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (r) => <SubsidyLines lines={[r.line]} {...recordNames(r, t(`pol.rec.kind.${r.kind}`))} /> }}
        columns={[
          { title: t('pol.rec.date'), dataIndex: 'date', width: 100 },
          { title: t('pol.rec.kind'), key: 'kind', render: (_, r) => <Tag>{t(`pol.rec.kind.${r.kind}`)}</Tag> },
          { title: t('pol.rec.subject'), key: 'who', render: (_, r) => <Space direction="vertical" size={0}><span>{r.organizationName ?? '—'}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.subject}</Typography.Text></Space> },
          {
            title: t('pol.rec.outcome'),
            key: 'outcome',
            align: 'right',
            render: (_, r) => {
              const sum = r.line.entitlements.reduce((s, e) => s + e.amount + (e.committed && e.amount === 0 ? e.committed : 0), 0);
              // A provincial evaluation's award pays nothing here: it is counted in the no-stacking ledger.
              const counted = (r.line.recorded ?? []).reduce((s, x) => s + x.amount, 0);
              if (sum === 0 && counted > 0) return <Tag color="blue">{t('pol.ledgerRecorded', { amount: formatYuanExact(counted, lang) })}</Tag>;
              return sum > 0 ? <strong>{formatYuanExact(sum, lang)}</strong> : r.line.refusals.length > 0 ? <Tag color="orange">{t('pol.rec.refused')}</Tag> : <Tag>{t('pol.rec.noMoney')}</Tag>;
            },
          },
        ]}
      />
    </Card>
  );
}
