import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Progress, Result, Row, Select, Spin } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { dayjs, formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { AmountInput, useFenRules } from '../../trading/components/AmountInput.tsx';
import { PercentInput } from '../../trading/components/PercentInput.tsx';
import { fetchChallenge, iso, submitBid } from '../api.ts';
import { useChallengeLabels } from '../labels.tsx';

type MilestoneValues = { title: string; dueOn?: dayjs.Dayjs; shareBp: number | null; deliverable?: string };
type Values = { organizationId: string; team: string; plan: string; budget: number | null; milestones: MilestoneValues[] };

/** 揭榜: the bid form with its milestone editor; the shares must add up to 100% (counted in basis points, never floats). */
export function BidFormPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const fenRules = useFenRules();
  const L = useChallengeLabels();
  const { form, busy, onFinish } = useFormSubmit<Values>({
    action: (v) =>
      submitBid(id, {
        organizationId: v.organizationId,
        team: v.team,
        plan: v.plan,
        budget: v.budget ?? 0,
        milestones: v.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn ? m.dueOn.format('YYYY-MM-DD') : '', share: (m.shareBp ?? 0) / 10_000, deliverable: m.deliverable ?? '' })),
      }),
    success: t('ch.bid.submitted'),
    onDone: () => navigate(`/challenges/${id}`),
  });
  const res = useAsync((signal) => fetchChallenge(id, signal), [id]);
  const milestones = Form.useWatch('milestones', form) ?? [];
  const totalBp = milestones.reduce((s, m) => s + (m?.shareBp ?? 0), 0);
  const c = res.data;

  useEffect(() => {
    if (c) document.title = `${t('ch.bid.title', { title: c.title })} · 科转通`;
  }, [c, t]);

  if (res.error instanceof ApiError) return <Result status="404" title={res.error.detail} />;
  if (!c) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <div className="container stack" style={{ maxWidth: 960 }} data-testid="bid-form">
      <div className="page-header">
        <h1>{t('ch.bid.title', { title: c.title })}</h1>
        <p>
          {t('ch.field.deadline')} {formatDateTime(iso(c.deadline))} · <Link to={`/challenges/${id}`}>{t('ch.backToDetail')}</Link>
        </p>
      </div>
      {c.biddableOrganizations.length === 0 && <Alert type="warning" showIcon title={t('ch.bid.noOrg')} />}
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ organizationId: c.biddableOrganizations[0]?.id, milestones: [{ title: '', shareBp: 5000 }, { title: '', shareBp: 5000 }] }}
          onFinish={onFinish}
        >
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="organizationId" label={t('ch.field.bidOrg')} rules={[{ required: true, message: t('cat.required') }]}>
                <Select options={c.biddableOrganizations.map((o) => ({ value: o.id, label: o.name }))} data-testid="bid-org" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="budget" label={t('ch.field.budget')} rules={fenRules({ min: 0, max: c.bounty ?? 1e15, required: true })} extra={c.bounty != null ? t('ch.bid.budgetMax', { bounty: L.money(c.bounty) }) : undefined}>
                <AmountInput unit="wan" data-testid="bid-budget" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="team" label={t('ch.field.team')} rules={[{ required: true, message: t('cat.required') }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="bid-team" />
          </Form.Item>
          <Form.Item name="plan" label={t('ch.field.plan')} rules={[{ required: true, message: t('cat.required') }]}>
            <Input.TextArea rows={5} maxLength={10_000} data-testid="bid-plan" />
          </Form.Item>
          <h3>{t('ch.field.milestones')}</h3>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 12 }} title={`${i + 1}`} extra={fields.length > 1 && <Button size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />} data-testid="milestone-row">
                    <Row gutter={12}>
                      <Col xs={24} md={10}>
                        <Form.Item name={[f.name, 'title']} label={t('ch.field.milestones')} rules={[{ required: true, message: t('cat.required') }]}>
                          <Input maxLength={200} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={7}>
                        <Form.Item name={[f.name, 'dueOn']} label={t('ch.field.dueOn')} rules={[{ required: true, message: t('cat.required') }]}>
                          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={7}>
                        <Form.Item name={[f.name, 'shareBp']} label={t('ch.field.share')} rules={[{ required: true, message: t('cat.required') }]}>
                          <PercentInput />
                        </Form.Item>
                      </Col>
                      <Col xs={24}>
                        <Form.Item name={[f.name, 'deliverable']} label={t('ch.field.deliverable')} style={{ marginBottom: 0 }}>
                          <Input maxLength={2000} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ title: '', shareBp: Math.max(0, 10_000 - totalBp) })} disabled={fields.length >= 20}>
                  {t('ch.action.addMilestone')}
                </Button>
              </>
            )}
          </Form.List>
          <div style={{ margin: '16px 0' }} data-testid="shares-total">
            <Progress percent={totalBp / 100} status={totalBp === 10_000 ? 'success' : totalBp > 10_000 ? 'exception' : 'active'} format={() => t('ch.bid.sharesTotal', { total: totalBp / 100 })} />
            {totalBp !== 10_000 && <Alert type="warning" showIcon title={t('ch.bid.sharesMust')} />}
          </div>
          <Button type="primary" htmlType="submit" loading={busy} disabled={totalBp !== 10_000 || c.biddableOrganizations.length === 0} data-testid="bid-submit">
            {t('ch.action.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
