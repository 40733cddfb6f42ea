import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AchievementType, TransferMode } from '@kzt/shared';
import { Button, Card, Checkbox, Col, Form, Input, Radio, Result, Row, Select } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { RecordFormActions, RecordFormNotices, useRecordSave } from '../../catalogue/components/RecordFormParts.tsx';
import { UnverifiedOrgAlert, useUnverifiedOrg } from '../../catalogue/components/UnverifiedOrg.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { NoOrganization, PriorityIndustryInput, TagsInput } from '../../catalogue/components/FormParts.tsx';
import { MoneyInput } from '../../catalogue/components/MoneyInput.tsx';
import { RecordStatusTag, useCatalogueLabels } from '../../catalogue/labels.tsx';
import { createAchievement, fetchAchievement, updateAchievement, type Achievement, type AchievementInput, type Benefit, type Completer, type IpItem } from '../api.ts';
import { achievementOrgs } from '../owners.ts';
import { NumberInput } from '../../../lib/NumberInput.tsx';
import { fetchMembers } from '../../organizations/api.ts';

type Values = {
  organizationId?: string;
  title: string;
  summary?: string;
  keywords: string[];
  type?: AchievementType;
  industry?: string;
  industryTags: string[];
  maturity?: number;
  transferModes: TransferMode[];
  price: number | null;
  negotiable: boolean;
  confidentiality: string;
  completers: Partial<Completer>[];
  ip: Partial<IpItem>[];
  benefits: Partial<Benefit>[];
};

const EMPTY: Values = {
  title: '',
  keywords: [],
  industryTags: [],
  transferModes: [],
  price: null,
  negotiable: false,
  confidentiality: 'public',
  completers: [{ name: '', organization: '', share: 100 }],
  ip: [],
  benefits: [],
};

/** Sum of shares in basis points (shares have at most two decimals), as the server compares them. */
export const shareBasisPoints = (list: Partial<Completer>[] | undefined) =>
  (list ?? []).reduce((s, c) => s + Math.round((Number(c?.share) || 0) * 100), 0);

function toValues(a: Achievement): Values {
  return {
    title: a.title,
    summary: a.summary,
    keywords: a.keywords ?? [],
    type: a.type,
    industry: a.industry,
    industryTags: a.industryTags ?? [],
    maturity: a.maturity,
    transferModes: a.transferModes ?? [],
    price: a.price ?? null,
    negotiable: a.price === null,
    confidentiality: a.confidentiality,
    completers: a.completers ?? [],
    ip: a.ip ?? [],
    benefits: a.benefits ?? [],
  };
}

const trimOpt = (s?: string) => (s && s.trim() ? s.trim() : undefined);

function toBody(v: Values): AchievementInput {
  return {
    title: v.title.trim(),
    summary: (v.summary ?? '').trim(),
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    type: v.type!,
    industry: v.industry!,
    industryTags: (v.industryTags ?? []).map((k) => k.trim()).filter(Boolean),
    maturity: v.maturity!,
    transferModes: v.transferModes ?? [],
    price: v.negotiable ? '面议' : v.price,
    confidentiality: v.confidentiality,
    completers: (v.completers ?? []).map((c) => ({ name: (c.name ?? '').trim(), organization: trimOpt(c.organization), ...(c.userId ? { userId: c.userId } : {}), share: Number(c.share) })),
    ip: (v.ip ?? []).map((x) => ({ number: (x.number ?? '').trim(), kind: x.kind!, status: x.status ?? 'granted', title: trimOpt(x.title) })),
    benefits: (v.benefits ?? []).map((b) => ({ metric: (b.metric ?? '').trim(), baseline: trimOpt(b.baseline), value: (b.value ?? '').trim(), improvement: trimOpt(b.improvement) })),
    ...(v.organizationId ? { organizationId: v.organizationId } : {}),
  };
}

export function AchievementFormPage() {
  const { id } = useParams();
  const { me } = useAuth();
  const { t } = useI18n();
  const orgs = achievementOrgs(me);
  const existing = useAsync(() => (id ? fetchAchievement(id) : Promise.resolve(undefined)), [id]);
  useEffect(() => {
    document.title = `${t(id ? 'ach.edit' : 'ach.new')} · 科转通`;
  }, [t, id]);
  if (!id && orgs.length === 0) return <NoOrganization kind="achievements" />;
  if (id && existing.loading) return <PageLoading />;
  if (id && (!existing.data || !existing.data.allowedActions.includes('update'))) {
    return (
      <div className="container">
        <Result status="403" title={t('cat.cannotEdit')} extra={<Link to={id ? `/achievements/${id}` : '/achievements'}><Button type="primary">{t('cat.back')}</Button></Link>} />
      </div>
    );
  }
  return <AchievementForm record={existing.data} />;
}

function AchievementForm({ record }: { record?: Achievement }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const orgs = achievementOrgs(me);
  const initial = useMemo<Values>(() => (record ? toValues(record) : { ...EMPTY, organizationId: (orgs.find((o) => o.status === 'verified') ?? orgs[0])?.id }), [record]); // eslint-disable-line react-hooks/exhaustive-deps
  const completers = Form.useWatch('completers', form);
  const negotiable = Form.useWatch('negotiable', form);
  const bp = shareBasisPoints(completers);
  // The owning organisation's members: an editor may say which of them a completer is (optional; the server links an unambiguous name itself).
  const chosenOrg = Form.useWatch('organizationId', form);
  const ownerId = record?.organization.id ?? chosenOrg ?? initial.organizationId;
  const unverified = useUnverifiedOrg(ownerId);
  const members = useAsync(() => (ownerId ? fetchMembers(ownerId).then((r) => r.items).catch(() => []) : Promise.resolve([])), [ownerId]);
  // A linked account that is no longer a member shows under the completer's name, not as an id.
  const memberOptions = [
    ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name })),
    ...(record?.completers ?? []).filter((c) => c.userId && !members.data?.some((m) => m.userId === c.userId)).map((c) => ({ value: c.userId!, label: c.name })),
  ];

  const saving = useRecordSave({ kind: 'achievements', record, form, toBody, create: createAchievement, update: updateAchievement });

  return (
    <div className="container stack record-form">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>
            {t(record ? 'ach.edit' : 'ach.new')} {record && <RecordStatusTag status={record.status} />}
          </h1>
          <p>{t('ach.form.lead')}</p>
        </div>
      </div>
      <RecordFormNotices record={record} />
      {unverified && <UnverifiedOrgAlert name={unverified.name} />}

      <Form<Values> form={form} layout="vertical" initialValues={initial} scrollToFirstError={{ behavior: 'smooth', block: 'center' }} data-testid="achievement-form">
        <Card title={t('ach.form.section.basic')}>
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
          <Form.Item name="title" label={t('ach.field.title')} rules={[{ required: true, whitespace: true, message: t('cat.required') }, { max: 200 }]}>
            <Input maxLength={200} showCount placeholder={t('ach.field.title.placeholder')} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="type" label={t('ach.field.type')} rules={[{ required: true, message: t('cat.required') }]}>
                <Select options={L.typeOptions} placeholder={t('cat.select')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="maturity" label={t('ach.field.maturity')} rules={[{ required: true, message: t('cat.required') }]} extra={t('ach.field.maturity.help')}>
                <Select options={L.maturityOptions} placeholder={t('cat.select')} />
              </Form.Item>
            </Col>
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
          <Form.Item name="summary" label={t('ach.field.summary')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={6} maxLength={5000} showCount placeholder={t('ach.field.summary.placeholder')} />
          </Form.Item>
        </Card>

        <Card title={t('ach.field.completers')} className="form-card">
          <Form.List
            name="completers"
            rules={[
              {
                validator: async (_, list?: Partial<Completer>[]) => {
                  if (list && list.length > 0 && shareBasisPoints(list) !== 10000) throw new Error(t('ach.completer.sumError'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={12} key={f.key} className="list-row" data-testid="completer-row">
                    <Col xs={24} sm={6}>
                      <Form.Item name={[f.name, 'name']} label={t('ach.completer.name')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
                        <Input maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={6}>
                      <Form.Item name={[f.name, 'organization']} label={t('ach.completer.organization')}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={6}>
                      <Form.Item name={[f.name, 'userId']} label={t('ach.completer.account')} tooltip={t('ach.completer.accountHint')}>
                        <Select
                          allowClear
                          showSearch
                          optionFilterProp="label"
                          placeholder={t('ach.completer.accountNone')}
                          options={memberOptions}
                          data-testid="completer-account"
                          onChange={(userId?: string) => {
                            const m = members.data?.find((x) => x.userId === userId);
                            if (m && !String(form.getFieldValue(['completers', f.name, 'name']) ?? '').trim()) form.setFieldValue(['completers', f.name, 'name'], m.name);
                          }}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={18} sm={4}>
                      <Form.Item
                        name={[f.name, 'share']}
                        label={t('ach.completer.share')}
                        rules={[{ required: true, message: t('cat.required') }, { type: 'number', min: 0.01, max: 100, message: t('ach.completer.shareRange') }]}
                      >
                        <NumberInput min={0} max={100} precision={2} suffix="%" style={{ width: '100%' }} onChange={() => void form.validateFields(['completers']).catch(() => undefined)} />
                      </Form.Item>
                    </Col>
                    <Col xs={6} sm={2} className="list-remove">
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cat.remove')} onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <div className="share-sum" data-testid="share-sum" data-ok={bp === 10000 || fields.length === 0}>
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', organization: '', share: undefined })} data-testid="add-completer">
                    {t('ach.completer.add')}
                  </Button>
                  {fields.length > 0 && (
                    <span className={bp === 10000 ? 'sum-ok' : 'sum-bad'}>{t('ach.completer.sum', { sum: (bp / 100).toString() })}</span>
                  )}
                </div>
                <div className="list-errors" data-testid="completers-error">
                  <Form.ErrorList errors={errors} />
                </div>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('ach.form.section.transfer')} className="form-card">
          <Form.Item name="transferModes" label={t('ach.field.transferModes')}>
            <Checkbox.Group options={L.transferModeOptions} />
          </Form.Item>
          <Row gutter={16} align="bottom">
            <Col xs={24} md={12}>
              <Form.Item
                name="price"
                label={t('ach.field.price')}
                dependencies={['negotiable']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_, v: number | null) => {
                      if (!getFieldValue('negotiable') && (v === null || v === undefined)) throw new Error(t('ach.price.required'));
                    },
                  }),
                ]}
              >
                <MoneyInput disabled={!!negotiable} placeholder={negotiable ? t('ach.price.negotiable') : undefined} data-testid="price-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="negotiable" valuePropName="checked">
                <Checkbox data-testid="price-negotiable">{t('ach.price.negotiable')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="confidentiality" label={t('cat.field.confidentiality')} extra={t('cat.confidentiality.help')}>
            <Radio.Group options={L.confidentialityOptions} />
          </Form.Item>
        </Card>

        <Card title={t('ach.field.ip')} className="form-card">
          <Form.List name="ip">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={12} key={f.key} className="list-row">
                    <Col xs={24} sm={7}>
                      <Form.Item name={[f.name, 'kind']} label={t('ach.ip.kind')} rules={[{ required: true, message: t('cat.required') }]}>
                        <Select options={L.ipKindOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={7}>
                      <Form.Item name={[f.name, 'number']} label={t('ach.ip.number')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
                        <Input maxLength={50} placeholder="ZL2023 1 0000000.0" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={4}>
                      <Form.Item name={[f.name, 'status']} label={t('ach.ip.status')}>
                        <Select options={L.ipStatusOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={4}>
                      <Form.Item name={[f.name, 'title']} label={t('ach.ip.title')}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={2} className="list-remove">
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cat.remove')} onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'invention_patent', status: 'granted', number: '' })}>
                  {t('ach.ip.add')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('ach.field.benefits')} className="form-card">
          <Form.List name="benefits">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={12} key={f.key} className="list-row">
                    <Col xs={24} sm={6}>
                      <Form.Item name={[f.name, 'metric']} label={t('ach.benefit.metric')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
                        <Input maxLength={50} placeholder={t('ach.benefit.metric.placeholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={5}>
                      <Form.Item name={[f.name, 'baseline']} label={t('ach.benefit.baseline')}>
                        <Input maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={5}>
                      <Form.Item name={[f.name, 'value']} label={t('ach.benefit.value')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
                        <Input maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={6}>
                      <Form.Item name={[f.name, 'improvement']} label={t('ach.benefit.improvement')}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={2} className="list-remove">
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cat.remove')} onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ metric: '', value: '' })}>
                  {t('ach.benefit.add')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <RecordFormActions kind="achievements" record={record} saving={saving} unverified={!!unverified} />
      </Form>
    </div>
  );
}
