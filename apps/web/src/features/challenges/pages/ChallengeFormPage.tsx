import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CHALLENGE_KINDS, CHALLENGE_SCHEMES, DEFAULT_CHALLENGE_CRITERIA, type ChallengeScheme } from '@kzt/shared';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { dayjs, toApiInstant } from '../../../lib/time.ts';
import { AmountInput, useFenRules } from '../../trading/components/AmountInput.tsx';
import { PercentInput } from '../../trading/components/PercentInput.tsx';
import { get } from '../../../api/client.ts';
import { postChallenge } from '../api.ts';
import { REGIONS, useChallengeLabels } from '../labels.tsx';
import { DemandImport } from '../components/DemandImport.tsx';
import { AchievementImport } from '../components/AchievementImport.tsx';

type Values = {
  scheme: ChallengeScheme;
  kind?: 'breakthrough' | 'conversion';
  title?: string;
  description?: string;
  organizationId?: string;
  bounty?: number | null;
  deadline?: dayjs.Dayjs;
  jurisdiction?: string;
  requirements?: string;
  resultsPublic?: boolean;
  criteria: { key: string; name: string; weightBp: number | null }[];
};

const DEFAULTS = DEFAULT_CHALLENGE_CRITERIA.map((c) => ({ key: c.key, name: c.name, weightBp: Math.round(c.weight * 10_000) }));

/**
 * 发榜: the posting form (scheme, terms, money, deadline, criteria); from a
 * demand (?demandId=) or one of the caller's published achievements
 * (?achievementId=, 双向揭榜 成果转化) the fields left empty are prefilled.
 */
export function ChallengeFormPage() {
  const { t, lang } = useI18n();
  const L = useChallengeLabels();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const demandId = search.get('demandId');
  const achievementId = search.get('achievementId');
  const fenRules = useFenRules();
  const [custom, setCustom] = useState(false);
  const { form, busy, onFinish } = useFormSubmit<Values, { id: string }>({
    action: (v) =>
      postChallenge({
        scheme: v.scheme,
        kind: v.scheme === 'two_way' ? (v.kind ?? null) : null,
        title: v.title?.trim() || undefined,
        description: v.description?.trim() || undefined,
        organizationId: v.organizationId ?? null,
        demandId,
        achievementId,
        bounty: v.bounty ?? null,
        deadline: v.deadline ? toApiInstant(v.deadline) : '',
        jurisdiction: v.jurisdiction,
        requirements: v.requirements?.trim() ?? '',
        resultsPublic: v.scheme === 'crowdsourcing' && !!v.resultsPublic,
        criteria: custom ? v.criteria.map((k) => ({ key: k.key, name: k.name, weight: (k.weightBp ?? 0) / 10_000 })) : undefined,
      }),
    success: t('ch.form.posted'),
    onDone: (c) => navigate(`/challenges/${c.id}`),
    fieldMap: { deadline: 'deadline' },
  });
  const scheme = Form.useWatch('scheme', form);
  const criteria = Form.useWatch('criteria', form) ?? [];
  const orgs = (me?.organizations ?? []).filter((o) => o.status === 'verified');
  const admin = (me?.adminOf.length ?? 0) > 0;
  const totalBp = criteria.reduce((s, c) => s + (c?.weightBp ?? 0), 0);

  useEffect(() => {
    document.title = `${t('ch.form.title')} · 科转通`;
  }, [t]);
  // From a demand: its title and description fill the fields still empty; post for the demand's organisation when it is one of the caller's.
  const prefill = (d: { title: string; description: string; organization: { id: string } }) => {
    if (!form.getFieldValue('title')) form.setFieldValue('title', d.title);
    if (!form.getFieldValue('description')) form.setFieldValue('description', d.description);
    if (orgs.some((o) => o.id === d.organization.id)) form.setFieldValue('organizationId', d.organization.id);
  };
  // From an achievement: a two-way conversion challenge (双向揭榜 成果转化) with its title and summary.
  const fromAchievement = (a: { title: string; summary: string; organization: { id: string } }) => {
    form.setFieldsValue({ scheme: 'two_way', kind: 'conversion' });
    prefill({ title: a.title, description: a.summary, organization: a.organization });
  };
  useEffect(() => {
    if (!demandId && !achievementId) return;
    const ctrl = new AbortController();
    if (demandId) get<{ title: string; description: string; organization: { id: string } }>(`/demands/${demandId}`, undefined, ctrl.signal).then(prefill, () => undefined);
    else get<{ title: string; summary: string; organization: { id: string } }>(`/achievements/${achievementId}`, undefined, ctrl.signal).then(fromAchievement, () => undefined);
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [demandId, achievementId, form]);

  return (
    <div className="container stack" style={{ maxWidth: 880 }} data-testid="challenge-form">
      <div className="page-header">
        <h1>{t('ch.form.title')}</h1>
        <p>{t('ch.form.lead')}</p>
      </div>
      {demandId && <Alert type="info" showIcon title={t('ch.form.fromDemand')} />}
      {achievementId && <Alert type="info" showIcon title={t('ch.form.fromAchievement')} data-testid="form-from-achievement" />}
      <DemandImport
        onPick={(d) => {
          form.setFieldsValue({ title: '', description: '' });
          setSearch({ demandId: d.id }, { replace: true });
        }}
      />
      {orgs.length > 0 && (
        <AchievementImport
          onPick={(a) => {
            form.setFieldsValue({ title: '', description: '' });
            setSearch({ achievementId: a.id }, { replace: true });
          }}
        />
      )}
      <Card>
        <Form<Values> form={form} layout="vertical" initialValues={{ scheme: 'jiebang_guashuai', organizationId: orgs[0]?.id, criteria: DEFAULTS }} onFinish={onFinish}>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="scheme" label={t('ch.field.scheme')} rules={[{ required: true }]} extra={scheme ? t(`ch.schemeHint.${scheme}` as MessageKey) : undefined}>
                <Select options={CHALLENGE_SCHEMES.map((s) => ({ value: s, label: L.scheme(s) }))} data-testid="form-scheme" />
              </Form.Item>
            </Col>
            {scheme === 'two_way' && (
              <Col xs={24} sm={12}>
                <Form.Item name="kind" label={t('ch.field.kind')} rules={[{ required: true, message: t('cat.required') }]}>
                  <Select options={CHALLENGE_KINDS.map((k) => ({ value: k, label: L.kind(k) }))} />
                </Form.Item>
              </Col>
            )}
            {scheme === 'crowdsourcing' && (
              <Col xs={24} sm={12}>
                <Form.Item name="resultsPublic" label={t('ch.field.resultsPublic')} valuePropName="checked" extra={t('ch.form.resultsPublicHint')}>
                  <Switch data-testid="form-results-public" />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Form.Item name="title" label={t('ch.field.title')} rules={demandId || achievementId ? [] : [{ required: true, message: t('cat.required') }]}>
            <Input maxLength={200} data-testid="form-title" />
          </Form.Item>
          <Form.Item name="description" label={t('ch.field.description')}>
            <Input.TextArea rows={5} maxLength={10_000} />
          </Form.Item>
          <Form.Item name="requirements" label={t('ch.field.requirements')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="organizationId" label={t('ch.field.organization')} rules={admin ? [] : [{ required: true, message: t('cat.required') }]}>
                <Select allowClear={admin} placeholder={admin ? t('ch.form.noOrg') : undefined} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="jurisdiction" label={t('ch.field.jurisdiction')} extra={t('common.optional')}>
                <Select allowClear options={[...REGIONS.map((r) => ({ value: r.code, label: r.name[lang] })), ...(me?.adminOf ?? []).filter((j) => !REGIONS.some((r) => r.code === j.code)).map((j) => ({ value: j.code, label: j.name }))]} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="bounty" label={t('ch.field.bounty')} rules={fenRules({ min: 0, max: 1e15 })}>
                <AmountInput unit="wan" data-testid="form-bounty" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              {/* A past date typed in is kept and refused with the reason (as the server refuses it), not cleared into 此项为必填项; a date alone is read as its 00:00. */}
              <Form.Item
                name="deadline"
                label={t('ch.field.deadline')}
                rules={[
                  { required: true, message: t('ch.form.deadlineRequired') },
                  {
                    validator: async (_, v?: dayjs.Dayjs | null) => {
                      if (v && !v.isAfter(dayjs())) throw new Error(t('ch.form.deadlinePast', { now: dayjs().format('YYYY-MM-DD HH:mm') }));
                    },
                  },
                ]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format={['YYYY-MM-DD HH:mm', 'YYYY-MM-DD']} style={{ width: '100%' }} data-testid="form-deadline" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('ch.field.criteria')} extra={custom ? t('ch.form.weightsTotal', { total: totalBp / 100 }) : t('ch.detail.defaultCriteria')} validateStatus={custom && totalBp !== 10_000 ? 'error' : undefined}>
            <Switch checked={custom} onChange={setCustom} />
          </Form.Item>
          {custom && (
            <Form.List name="criteria">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,29}$/, message: 'a-z 0-9 _' }]}>
                        <Input placeholder="key" style={{ width: 110 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('cat.required') }]}>
                        <Input placeholder={t('ch.field.criteria')} style={{ width: 220 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'weightBp']} rules={[{ required: true, message: t('cat.required') }]}>
                        <PercentInput style={{ width: 110 }} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ key: '', name: '', weightBp: null })} style={{ marginBottom: 16 }}>
                    {t('ch.action.addCriterion')}
                  </Button>
                </>
              )}
            </Form.List>
          )}
          <Button type="primary" htmlType="submit" loading={busy} disabled={custom && totalBp !== 10_000} data-testid="form-submit">
            {t('ch.action.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
