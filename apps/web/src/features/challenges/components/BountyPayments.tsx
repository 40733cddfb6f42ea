import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, List, Modal, Progress, Space, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { dayjs, formatDateTime } from '../../../lib/time.ts';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { AmountInput, useFenRules } from '../../trading/components/AmountInput.tsx';
import { iso, recordBountyPayment, type BountyPayments as Entry, type Challenge } from '../api.ts';
import { useChallengeLabels } from '../labels.tsx';

type Values = { amount: number | null; paidOn?: dayjs.Dayjs; reference: string; note?: string };

/**
 * 悬赏金支付: for each winning team, what the poser committed (the winning
 * budget) against what it recorded as paid, each payment with its date,
 * voucher and who recorded it; the poser records a payment once the solution
 * is accepted, after seeing exactly what will be recorded.
 */
export function BountyPayments({ c, onChange }: { c: Challenge; onChange: (next: Challenge) => void }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  const [paying, setPaying] = useState<Entry | null>(null);
  if (c.scheme !== 'bounty' || c.payments.length === 0) return null;
  return (
    <Card title={t('ch.pay.title')} size="small" data-testid="bounty-payments">
      {c.payments.map((p) => (
        <div key={p.bidId} style={{ marginBottom: 12 }} data-testid="bounty-payment">
          <Space wrap style={{ marginBottom: 4 }}>
            <h4 style={{ margin: 0 }}>{p.organization.name}</h4>
            {!p.accepted && <Tag>{t('ch.pay.notAccepted')}</Tag>}
            {p.remaining === 0 && <Tag color="success">{t('ch.pay.settled')}</Tag>}
          </Space>
          <Progress percent={p.committed ? Math.floor((p.paid / p.committed) * 100) : 0} size="small" />
          <div className="muted" data-testid="bounty-paid">
            {t('ch.pay.summary', { paid: L.money(p.paid), committed: L.money(p.committed), remaining: L.money(p.remaining) })}
          </div>
          {p.records.length > 0 && (
            <List
              size="small"
              dataSource={p.records}
              renderItem={(r) => (
                <List.Item data-testid="bounty-payment-record">
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <Space wrap>
                      <strong className="price">{L.money(r.amount)}</strong>
                      <span>{t('ch.pay.paidOn', { date: r.paidOn })}</span>
                      <span className="muted">{t('ch.pay.reference', { reference: r.reference })}</span>
                    </Space>
                    {r.note && <div>{r.note}</div>}
                    <div className="muted">{t('ch.pay.recordedBy', { name: r.recordedBy, at: formatDateTime(iso(r.recordedAt)) })}</div>
                  </div>
                </List.Item>
              )}
            />
          )}
          {p.allowedActions.includes('record') && (
            <Button type="primary" size="small" style={{ marginTop: 4 }} onClick={() => setPaying(p)} data-testid="bounty-record">
              {t('ch.pay.record')}
            </Button>
          )}
        </div>
      ))}
      {paying && <RecordModal c={c} entry={paying} onClose={() => setPaying(null)} onDone={onChange} />}
    </Card>
  );
}

/** The payment form, then a confirmation that shows what will be recorded (a record cannot be changed). */
function RecordModal({ c, entry, onClose, onDone }: { c: Challenge; entry: Entry; onClose: () => void; onDone: (next: Challenge) => void }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  const fenRules = useFenRules();
  const [confirming, setConfirming] = useState<Values | null>(null);
  const { form, busy, save } = useFormSubmit<Values, Challenge>({
    action: (v) => recordBountyPayment(c.id, { bidId: entry.bidId, amount: v.amount ?? 0, paidOn: v.paidOn ? v.paidOn.format('YYYY-MM-DD') : '', reference: v.reference, note: v.note ?? '' }),
    success: t('ch.pay.recorded'),
    onDone: (next) => {
      onDone(next);
      onClose();
    },
  });
  const confirm = async () => {
    if (!confirming) return;
    // A refusal goes back to the form, with the field at fault marked.
    if (!(await save(confirming))) setConfirming(null);
  };
  const after = entry.paid + (confirming?.amount ?? 0);
  return (
    <Modal
      open
      title={t(confirming ? 'ch.pay.confirmTitle' : 'ch.pay.record')}
      onCancel={onClose}
      okText={t(confirming ? 'ch.pay.confirm' : 'ch.pay.next')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': confirming ? 'bounty-confirm' : 'bounty-next' } }}
      cancelText={confirming ? t('ch.pay.back') : undefined}
      cancelButtonProps={confirming ? { onClick: () => setConfirming(null) } : undefined}
      onOk={() => (confirming ? void confirm() : form.submit())}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ amount: entry.remaining, paidOn: dayjs() }} onFinish={(v) => setConfirming(v)} style={confirming ? { display: 'none' } : undefined}>
        <p className="muted">{t('ch.pay.hint', { committed: L.money(entry.committed), paid: L.money(entry.paid), remaining: L.money(entry.remaining) })}</p>
        <Form.Item name="amount" label={t('ch.pay.amount')} rules={fenRules({ min: 1, max: entry.remaining, required: true })}>
          <AmountInput unit="yuan" data-testid="bounty-amount" />
        </Form.Item>
        <Form.Item name="paidOn" label={t('ch.pay.paidOnLabel')} rules={[{ required: true, message: t('cat.required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="bounty-paid-on" />
        </Form.Item>
        <Form.Item name="reference" label={t('ch.pay.referenceLabel')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]} extra={t('ch.pay.referenceHint')}>
          <Input maxLength={200} data-testid="bounty-reference" />
        </Form.Item>
        <Form.Item name="note" label={t('ch.field.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
      {confirming && (
        <div data-testid="bounty-consequences">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('ch.pay.to')}>{entry.organization.name}</Descriptions.Item>
            <Descriptions.Item label={t('ch.pay.amount')}>
              <strong className="price">{L.money(confirming.amount)}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('ch.pay.paidOnLabel')}>{confirming.paidOn?.format('YYYY-MM-DD')}</Descriptions.Item>
            <Descriptions.Item label={t('ch.pay.referenceLabel')}>{confirming.reference}</Descriptions.Item>
            {confirming.note && <Descriptions.Item label={t('ch.field.note')}>{confirming.note}</Descriptions.Item>}
          </Descriptions>
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t('ch.pay.willHappen')}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                <li>{t('ch.pay.after', { after: L.money(after), committed: L.money(entry.committed), remaining: L.money(entry.committed - after) })}</li>
                <li>{t('ch.pay.tellTeam', { name: entry.organization.name ?? '' })}</li>
                <li>{t('ch.pay.final')}</li>
              </ul>
            }
          />
        </div>
      )}
    </Modal>
  );
}
