import type { TransferMode } from '@kzt/shared';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Result, Row, Select } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { RecordFormActions, RecordFormNotices, useRecordSave } from '../../catalogue/components/RecordFormParts.tsx';
import { dayjs, TZ } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { COMMON_PROBLEM_TYPES, demandOrgs } from '../../achievements/owners.ts';
import { NoOrganization, PriorityIndustryInput, TagsInput } from '../../catalogue/components/FormParts.tsx';
import { MoneyInput } from '../../catalogue/components/MoneyInput.tsx';
import { UnverifiedOrgAlert, useUnverifiedOrg } from '../../catalogue/components/UnverifiedOrg.tsx';
import { RecordStatusTag, useCatalogueLabels } from '../../catalogue/labels.tsx';
import { createDemand, fetchDemand, updateDemand, type Demand, type DemandInput } from '../api.ts';

type Values = {
  organizationId?: string;
  title: string;
  description?: string;
  keywords: string[];
  industry?: string;
  industryTags: string[];
  budgetMin: number | null;
  budgetMax: number | null;
  deadline: dayjs.Dayjs | null;
  cooperationModes: TransferMode[];
  confidentiality: string;
  commonProblem: boolean;
};

const todayInShanghai = () => dayjs().tz(TZ).format('YYYY-MM-DD');

function toValues(d: Demand): Values {
  return {
    title: d.title,
    description: d.description,
    keywords: d.keywords ?? [],
    industry: d.industry,
    industryTags: d.industryTags ?? [],
    budgetMin: d.budgetMin ?? null,
    budgetMax: d.budgetMax ?? null,
    deadline: d.deadline ? dayjs(d.deadline) : null,
    cooperationModes: d.cooperationModes ?? [],
    confidentiality: d.confidentiality,
    commonProblem: d.commonProblem,
  };
}

function toBody(v: Values): DemandInput {
  return {
    title: v.title.trim(),
    description: (v.description ?? '').trim(),
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    industry: v.industry!,
    industryTags: (v.industryTags ?? []).map((k) => k.trim()).filter(Boolean),
    budgetMin: v.budgetMin ?? null,
    budgetMax: v.budgetMax ?? null,
    deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
    cooperationModes: v.cooperationModes ?? [],
    confidentiality: v.confidentiality,
    commonProblem: !!v.commonProblem,
    ...(v.organizationId ? { organizationId: v.organizationId } : {}),
  };
}

export function DemandFormPage() {
  const { id } = useParams();
  const { me } = useAuth();
  const { t } = useI18n();
  const existing = useAsync(() => (id ? fetchDemand(id) : Promise.resolve(undefined)), [id]);
  useEffect(() => {
    document.title = `${t(id ? 'dem.edit' : 'dem.new')} · 科转通`;
  }, [t, id]);
  if (!id && demandOrgs(me).length === 0) return <NoOrganization kind="demands" />;
  if (id && existing.loading) return <PageLoading />;
  if (id && (!existing.data || !existing.data.allowedActions.includes('update'))) {
    return (
      <div className="container">
        <Result status="403" title={t('cat.cannotEdit')} extra={<Link to={`/demands/${id}`}><Button type="primary">{t('cat.back')}</Button></Link>} />
      </div>
    );
  }
  return <DemandForm record={existing.data} />;
}

function DemandForm({ record }: { record?: Demand }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const orgs = demandOrgs(me);
  const initial = useMemo<Values>(
    () =>
      record
        ? toValues(record)
        : {
            organizationId: (orgs.find((o) => o.status === 'verified') ?? orgs[0])?.id,
            title: '',
            keywords: [],
            industryTags: [],
            budgetMin: null,
            budgetMax: null,
            deadline: null,
            cooperationModes: [],
            confidentiality: 'public',
            commonProblem: false,
          },
    [record], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const orgId = Form.useWatch('organizationId', form);
  const ownerType = record ? record.ownerType : orgs.find((o) => o.id === (orgId ?? initial.organizationId))?.type;
  const mayCommon = !!ownerType && COMMON_PROBLEM_TYPES.includes(ownerType);
  const unverified = useUnverifiedOrg(record?.organization.id ?? orgId ?? initial.organizationId);

  const saving = useRecordSave({ kind: 'demands', record, form, toBody, create: createDemand, update: updateDemand });

  return (
    <div className="container stack record-form">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>
          {t(record ? 'dem.edit' : 'dem.new')} {record && <RecordStatusTag status={record.status} />}
        </h1>
        <p>{t('dem.form.lead')}</p>
      </div>
      <RecordFormNotices record={record} />
      {unverified && <UnverifiedOrgAlert name={unverified.name} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} scrollToFirstError={{ behavior: 'smooth', block: 'center' }} data-testid="demand-form">
        <Card title={t('dem.basic')}>
          {!record && orgs.length > 1 && (
            <Form.Item name="organizationId" label={t('cat.field.organization')} rules={[{ required: true, message: t('cat.required') }]}>
              <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
          )}
          {!record && orgs.length === 1 && (
            <Form.Item label={t('cat.field.organization')}>
              <span>{orgs[0]!.name}</span>
            </Form.Item>
          )}
          <Form.Item name="title" label={t('dem.field.title')} rules={[{ required: true, whitespace: true, message: t('cat.required') }, { max: 200 }]}>
            <Input maxLength={200} showCount placeholder={t('dem.field.title.placeholder')} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="industry" label={t('cat.field.industry')} rules={[{ required: true, message: t('cat.required') }]}>
                <Select options={L.industryOptions} showSearch={{ optionFilterProp: 'label' }} placeholder={t('cat.select')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="industryTags" label={t('cat.field.industryTags')}>
                <PriorityIndustryInput />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="keywords" label={t('cat.field.keywords')} extra={t('cat.keywords.help')}>
            <TagsInput max={20} placeholder={t('cat.keywords.placeholder')} />
          </Form.Item>
          <Form.Item name="description" label={t('dem.field.description')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={6} maxLength={5000} showCount placeholder={t('dem.field.description.placeholder')} />
          </Form.Item>
          <Form.Item name="commonProblem" valuePropName="checked" extra={mayCommon ? t('dem.commonProblem.help') : t('dem.commonProblem.notAllowed')}>
            <Checkbox disabled={!mayCommon}>{t('dem.commonProblem.label')}</Checkbox>
          </Form.Item>
        </Card>
        <Card title={t('dem.form.section.cooperation')} className="form-card">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="budgetMin" label={t('dem.budget.min')}>
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="budgetMax"
                label={t('dem.budget.max')}
                dependencies={['budgetMin']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_, v: number | null) => {
                      const min = getFieldValue('budgetMin') as number | null;
                      if (v != null && min != null && min > v) throw new Error(t('dem.budget.order'));
                    },
                  }),
                ]}
              >
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="deadline"
                label={t('dem.field.deadline')}
                rules={[
                  {
                    validator: async (_, v: dayjs.Dayjs | null) => {
                      if (v && v.format('YYYY-MM-DD') < todayInShanghai()) throw new Error(t('dem.deadline.past'));
                    },
                  },
                ]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < todayInShanghai()} />
              </Form.Item>
            </Col>
          </Row>
          <p className="muted" style={{ marginTop: -8 }}>{t('dem.budget.help')}</p>
          <Form.Item name="cooperationModes" label={t('dem.field.cooperationModes')}>
            <Checkbox.Group options={L.transferModeOptions} />
          </Form.Item>
          <Form.Item name="confidentiality" label={t('cat.field.confidentiality')} extra={t('cat.confidentiality.help')}>
            <Radio.Group options={L.confidentialityOptions} />
          </Form.Item>
        </Card>
        <RecordFormActions kind="demands" record={record} saving={saving} unverified={!!unverified} />
      </Form>
    </div>
  );
}
