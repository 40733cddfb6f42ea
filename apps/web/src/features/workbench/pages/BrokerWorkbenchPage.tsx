import { formatYuanExact } from '@kzt/shared';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Radio, Row, Space, Statistic, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { dayjs, formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { percentToBp, yuanToFen } from '../../../lib/money.ts';
import { brokerWorkbench, logFollowUp, recordCommission, type BrokerDeal, type BrokerWorkbenchData } from '../api.ts';
import { ProfileStatusBar } from './ProfileStatusBar.tsx';

/** Today in Asia/Shanghai as YYYY-MM-DD. */
const shanghaiToday = () => dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD');

/** 技术经纪人工作台: the broker's entrustments (with the owner's consent), clients, follow-up log per deal and the commission agreed. */
export function BrokerWorkbenchPage() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('wb.broker.title')} · 科转通`;
  }, [t]);
  const res = useAsync((signal) => brokerWorkbench(signal), []);
  const data = res.data;
  const approved = data?.profile?.status === 'approved';

  return (
    <div className="container stack" data-testid="broker-workbench">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('wb.broker.title')}</h1>
        <p>{t('wb.broker.lead')}</p>
      </div>
      {data && <ProfileStatusBar profile={data.profile} />}
      {data && approved && <BrokerBody data={data} reload={res.reload} />}
      {res.loading && !data && <Card loading />}
    </div>
  );
}

function BrokerBody({ data, reload }: { data: BrokerWorkbenchData; reload: () => Promise<void> }) {
  const { t } = useI18n();
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('wb.count.active')} value={data.counts.active} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('wb.count.pending')} value={data.counts.pending} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('wb.count.due')} value={data.counts.followUpsDue} valueStyle={data.counts.followUpsDue ? { color: '#d4380d' } : undefined} />
          </Card>
        </Col>
      </Row>
      <Card title={t('wb.clients')} size="small">
        {data.clients.length === 0 ? (
          <span className="muted">{t('wb.clients.empty')}</span>
        ) : (
          <Space wrap>
            {data.clients.map((c) => (
              <Tag key={c.id} color="blue" style={{ padding: '4px 8px' }}>
                <Link to={`/org/${c.id}`}>{c.name ?? '—'}</Link> · {t('wb.clients.deals', { n: c.deals })}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      <h2 style={{ margin: '8px 0 0' }}>{t('wb.deals')}</h2>
      {data.deals.length === 0 ? (
        <Card>
          <Empty description={t('wb.deals.empty')} />
        </Card>
      ) : (
        data.deals.map((d) => <DealCard key={d.entrustmentId} deal={d} reload={reload} />)
      )}
    </>
  );
}

function commissionText(d: BrokerDeal, t: ReturnType<typeof useI18n>['t']) {
  const c = d.commission;
  if (!c) return <span className="muted">{t('wb.commission.none')}</span>;
  const terms = c.amountFen !== null ? formatYuanExact(c.amountFen) : t('wb.commission.rate', { pct: ((c.rateBp ?? 0) / 100).toFixed(2) });
  return (
    <span data-testid="commission-terms">
      <strong>{terms}</strong>
      {c.note && <span className="muted">（{c.note}）</span>}
    </span>
  );
}

function DealCard({ deal, reload }: { deal: BrokerDeal; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const [followUpOpen, setFollowUpOpen] = useState(false);
  const [commissionOpen, setCommissionOpen] = useState(false);
  const today = shanghaiToday();
  const latest = deal.followUps[0];
  const due = !!latest?.nextOn && latest.nextOn <= today;
  return (
    <Card
      data-testid="broker-deal"
      title={
        <Space wrap size={6}>
          <Link to={`/achievements/${deal.achievement.id}`}>{deal.achievement.name}</Link>
          {deal.status === 'active' ? <Tag color="green">{t('wb.deal.consented')}</Tag> : <Tag color="orange">{t('wb.deal.awaiting')}</Tag>}
          {due && <Tag color="red">{t('wb.followUp.due')}</Tag>}
        </Space>
      }
    >
      <div className="stack" style={{ gap: 12 }}>
        <div>
          <span className="muted">{t('wb.deal.client')}{t('common.colon')}</span>
          <Link to={`/org/${deal.client.id}`}>{deal.client.name}</Link>
          <span className="muted"> · {t('wb.deal.since', { date: formatDate(deal.createdAt) })}</span>
          {deal.note && <div className="muted">{deal.note}</div>}
        </div>
        <div>
          <span className="muted">{t('wb.commission')}{t('common.colon')}</span>
          {commissionText(deal, t)}
        </div>
        <div>
          <div style={{ fontWeight: 600, marginBottom: 8 }}>{t('wb.followUps')}</div>
          {deal.followUps.length === 0 ? (
            <span className="muted">{t('wb.followUps.empty')}</span>
          ) : (
            <Timeline
              items={deal.followUps.map((f) => ({
                key: f.id,
                children: (
                  <div data-testid="follow-up">
                    <div>
                      <strong>{f.happenedOn}</strong> {f.content}
                    </div>
                    {f.nextStep && (
                      <div className="muted">
                        {t('wb.followUp.next', { step: f.nextStep })}
                        {f.nextOn ? `（${f.nextOn}）` : ''}
                      </div>
                    )}
                  </div>
                ),
              }))}
            />
          )}
        </div>
        <Space wrap>
          <Button type="primary" onClick={() => setFollowUpOpen(true)} data-testid="add-follow-up">
            {t('wb.followUp.add')}
          </Button>
          <Button onClick={() => setCommissionOpen(true)} data-testid="record-commission">
            {t('wb.commission.record')}
          </Button>
        </Space>
      </div>
      <FollowUpModal open={followUpOpen} deal={deal} onClose={() => setFollowUpOpen(false)} onSaved={reload} />
      <CommissionModal open={commissionOpen} deal={deal} onClose={() => setCommissionOpen(false)} onSaved={reload} />
    </Card>
  );
}

type FollowUpValues = { happenedOn: dayjs.Dayjs; content: string; nextStep?: string; nextOn?: dayjs.Dayjs | null };

function FollowUpModal({ open, deal, onClose, onSaved }: { open: boolean; deal: BrokerDeal; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const m = useFormModal<FollowUpValues>({
    controlled: { open, onClose },
    action: (v) =>
      logFollowUp(deal.entrustmentId, {
        happenedOn: v.happenedOn.format('YYYY-MM-DD'),
        content: v.content,
        nextStep: v.nextStep ?? '',
        ...(v.nextOn ? { nextOn: v.nextOn.format('YYYY-MM-DD') } : {}),
      }),
    success: t('wb.followUp.saved'),
    onDone: () => void onSaved(),
  });
  return (
    <Modal {...m.modalProps} title={`${t('wb.followUp.add')} · ${deal.achievement.name}`} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={m.form} layout="vertical" onFinish={() => void m.submit()} initialValues={{ happenedOn: dayjs(shanghaiToday()) }} data-testid="follow-up-form">
        <Form.Item name="happenedOn" label={t('wb.followUp.date')} rules={[{ required: true, message: t('wb.followUp.date') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="content" label={t('wb.followUp.content')} rules={[{ required: true, whitespace: true, message: t('wb.followUp.content') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="follow-up-content" />
        </Form.Item>
        <Form.Item name="nextStep" label={t('wb.followUp.nextStep')}>
          <Input maxLength={500} data-testid="follow-up-next" />
        </Form.Item>
        <Form.Item name="nextOn" label={t('wb.followUp.nextOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type CommissionValues = { kind: 'amount' | 'rate'; amount?: string; rate?: string; note?: string };

function CommissionModal({ open, deal, onClose, onSaved }: { open: boolean; deal: BrokerDeal; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const m = useFormModal<CommissionValues>({
    controlled: { open, onClose },
    action: (v) =>
      recordCommission(
        deal.entrustmentId,
        v.kind === 'amount' ? { amountFen: yuanToFen(v.amount ?? '')!, note: v.note ?? '' } : { rateBp: percentToBp(v.rate ?? '')!, note: v.note ?? '' },
      ),
    success: t('wb.commission.saved'),
    resetOnDone: false,
    onDone: () => void onSaved(),
  });
  const form = m.form;
  const kind = Form.useWatch('kind', form) ?? 'amount';
  const c = deal.commission;
  return (
    <Modal {...m.modalProps} title={`${t('wb.commission.record')} · ${deal.achievement.name}`} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Alert type="info" showIcon message={t('wb.commission.visible')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={() => void m.submit()}
        initialValues={{
          kind: c?.rateBp != null ? 'rate' : 'amount',
          amount: c?.amountFen != null ? (c.amountFen / 100).toFixed(2) : '',
          rate: c?.rateBp != null ? (c.rateBp / 100).toFixed(2) : '',
          note: c?.note ?? '',
        }}
      >
        <Form.Item name="kind" label={t('wb.commission.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'amount', label: t('wb.commission.amount') },
              { value: 'rate', label: t('wb.commission.ratePct') },
            ]}
          />
        </Form.Item>
        {kind === 'amount' ? (
          <Form.Item
            name="amount"
            label={t('wb.commission.amount')}
            rules={[{ validator: (_r, v: string) => (yuanToFen(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('wb.commission.amountInvalid')))) }]}
          >
            <Input inputMode="decimal" suffix="元" data-testid="commission-amount" />
          </Form.Item>
        ) : (
          <Form.Item
            name="rate"
            label={t('wb.commission.ratePct')}
            rules={[
              {
                validator: (_r, v: string) => {
                  const bp = percentToBp(v ?? '');
                  return bp !== null && bp > 0 && bp <= 10_000 ? Promise.resolve() : Promise.reject(new Error(t('wb.commission.rateInvalid')));
                },
              },
            ]}
          >
            <Input inputMode="decimal" suffix="%" data-testid="commission-rate" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('wb.commission.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
