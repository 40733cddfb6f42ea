import { CheckOutlined, UploadOutlined } from '@ant-design/icons';
import type { RegistrationStatus } from '@kzt/shared';
import { Alert, App, Button, Card, Form, Grid, Input, List, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ReasonModal } from '../../../app/ReviewButtons.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { confirmRegistration, fetchRegistrations, proofUrl, registerToBid, rejectRegistration, type Listing, type Registration } from '../api.ts';
import { useTradingLabels } from '../labels.tsx';

const STATUS_COLOR: Record<RegistrationStatus, string> = { submitted: 'gold', confirmed: 'green', rejected: 'red' };
const STATUS_KEY: Record<RegistrationStatus, string> = { submitted: 'trust.reg.submitted', confirmed: 'trust.reg.confirmed', rejected: 'trust.reg.rejected' };

/**
 * 竞买报名: a would-be bidder sees the deposit, where to remit it, until when
 * and whom to ask, and registers with the remittance proof; the seller's side
 * and administrators see every registration with its proof and confirm the
 * deposit's arrival (or reject it with a reason).
 */
export function RegistrationCard({ listing, onChanged }: { listing: Listing; onChanged: () => void }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const { me } = useAuth();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const [rev, setRev] = useState(0);
  const regs = useAsync(() => fetchRegistrations(listing.id), [listing.id, rev, listing.version]);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Registration | null>(null);
  const registration = useFormSubmit<{ organizationId?: string; note?: string }>({
    action: (v) => registerToBid(listing.id, { organizationId: v.organizationId ?? orgs[0]!.id, note: (v.note ?? '').trim() }, file!),
    success: t('trust.reg.submitted'),
    onDone: () => {
      registration.form.resetFields();
      setFile(null);
      changed();
    },
  });
  const form = registration.form;
  // On a phone each registration is a short block instead of a wide table row.
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const data = regs.data;
  const changed = () => {
    setRev((r) => r + 1);
    onChanged();
  };
  if (!data) return null;
  const manager = data.scope === 'all';
  const canRegister = data.allowedActions.includes('register');
  const registered = new Set(data.items.filter((r) => r.status !== 'rejected').map((r) => r.organization.id));
  const orgs = (me?.organizations ?? []).filter((o) => o.status === 'verified' && o.id !== listing.organization.id && o.id !== listing.agent?.id && !registered.has(o.id));
  if (!manager && !canRegister && data.items.length === 0) return null;

  const submit = () => {
    if (!file) {
      setFileError(t('trust.reg.proofRequired'));
      void form.validateFields().catch(() => undefined);
      return;
    }
    void registration.submit();
  };

  const confirm = (r: Registration) =>
    modal.confirm({
      title: t('trust.reg.confirmTitle', { org: r.organization.name }),
      content: t('trust.reg.confirmBody', { amount: L.money(data.terms.deposit) }),
      okText: t('trust.reg.confirm'),
      okButtonProps: { 'data-testid': 'registration-confirm-ok' } as Record<string, string>,
      onOk: async () => {
        try {
          await confirmRegistration(listing.id, r.id);
          message.success(t('trust.reg.confirmed'));
          changed();
        } catch (e) {
          onError(e);
        }
      },
    });

  const c = data.terms.contact;
  return (
    <Card title={t('trust.reg.title')} data-testid="registration-card">
      {!manager && <p className="muted">{t('trust.reg.lead')}</p>}
      <dl className="reg-terms" data-testid="registration-terms">
        <dt>{t('trust.reg.deposit')}</dt>
        <dd data-testid="registration-deposit">{data.terms.deposit > 0 ? L.money(data.terms.deposit) : t('trade.auction.noDeposit')}</dd>
        <dt>{t('trust.reg.account')}</dt>
        <dd data-testid="registration-account">
          {data.terms.account ? (
            <>
              {t('trust.reg.bank')}{t('common.colon')}{data.terms.account.bank}
              <br />
              {t('trust.reg.accountName')}{t('common.colon')}{data.terms.account.accountName}
              <br />
              {t('trust.reg.accountNumber')}{t('common.colon')}<strong>{data.terms.account.accountNumber}</strong>
            </>
          ) : (
            t('trust.reg.noAccount')
          )}
        </dd>
        <dt>{t('trust.reg.deadline')}</dt>
        <dd data-testid="registration-deadline">{data.terms.deadline ? formatDateTime(String(data.terms.deadline), true) : '—'}</dd>
        <dt>{t('trust.reg.contact')}</dt>
        <dd>{[c.organization, c.name, c.phone, c.email].filter(Boolean).join(' · ')}</dd>
      </dl>

      {(manager || data.items.length > 0) && narrow && (
        <List<Registration>
          dataSource={data.items}
          locale={{ emptyText: t('trust.reg.empty') }}
          renderItem={(r) => (
            <List.Item data-testid="registration-row" data-status={r.status}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <strong>{r.organization.name}</strong>
                  <Tag color={STATUS_COLOR[r.status]}>{t(STATUS_KEY[r.status] as 'trust.reg.submitted')}</Tag>
                </Space>
                <span className="muted">
                  {formatDateTime(String(r.createdAt))} ·{' '}
                  {r.proof ? (
                    <a href={proofUrl(listing.id, r.id)} target="_blank" rel="noreferrer">
                      {t('trust.reg.viewProof')}
                    </a>
                  ) : (
                    t('trust.reg.noProof')
                  )}
                </span>
                {(r.decisionNote ?? r.note) && <span>{r.decisionNote ?? r.note}</span>}
                {manager && (r.allowedActions.includes('confirm') || r.allowedActions.includes('reject')) && (
                  <Space>
                    {r.allowedActions.includes('confirm') && (
                      <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => confirm(r)} data-testid="registration-confirm">
                        {t('trust.reg.confirm')}
                      </Button>
                    )}
                    {r.allowedActions.includes('reject') && (
                      <Button size="small" danger onClick={() => setRejecting(r)} data-testid="registration-reject">
                        {t('trust.reg.reject')}
                      </Button>
                    )}
                  </Space>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {(manager || data.items.length > 0) && !narrow && (
        <Table<Registration>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.items}
          scroll={{ x: manager ? 980 : 760 }}
          locale={{ emptyText: t('trust.reg.empty') }}
          onRow={(r) => ({ 'data-testid': 'registration-row', 'data-status': r.status }) as object}
          columns={[
            { title: manager ? t('trust.reg.all') : t('trust.reg.mine'), width: 200, render: (_, r) => r.organization.name },
            { title: t('trust.reg.status'), width: 150, render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(STATUS_KEY[r.status] as 'trust.reg.submitted')}</Tag> },
            { title: t('trust.reg.proof'), width: 120, render: (_, r) => (r.proof ? <a href={proofUrl(listing.id, r.id)} target="_blank" rel="noreferrer">{t('trust.reg.viewProof')}</a> : <span className="muted">{t('trust.reg.noProof')}</span>) },
            { title: t('trade.deposit.at'), width: 150, render: (_, r) => formatDateTime(String(r.createdAt)) },
            { title: t('trust.reg.note'), width: 200, render: (_, r) => r.decisionNote ?? (r.note || '—') },
            ...(manager
              ? [
                  {
                    title: '',
                    width: 190,
                    render: (_: unknown, r: Registration) => (
                      <Space>
                        {r.allowedActions.includes('confirm') && (
                          <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => confirm(r)} data-testid="registration-confirm">
                            {t('trust.reg.confirm')}
                          </Button>
                        )}
                        {r.allowedActions.includes('reject') && (
                          <Button size="small" danger onClick={() => setRejecting(r)} data-testid="registration-reject">
                            {t('trust.reg.reject')}
                          </Button>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}

      {canRegister && orgs.length > 0 && (
        <Form form={form} layout="vertical" className="review-form" data-testid="registration-form" style={{ marginTop: 16 }}>
          {orgs.length > 1 && (
            <Form.Item name="organizationId" label={t('trust.reg.organization')} rules={[{ required: true, message: t('cat.required') }]}>
              <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
          )}
          {orgs.length === 1 && (
            <p>
              {t('trust.reg.organization')}{t('common.colon')}<strong>{orgs[0]!.name}</strong>
            </p>
          )}
          <Form.Item name="note" label={`${t('trust.reg.note')}（${t('common.optional')}）`}>
            <Input maxLength={500} data-testid="registration-note" />
          </Form.Item>
          <Form.Item label={t('trust.reg.proof')} required extra={t('trust.reg.proofHint')} validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
            <Upload
              accept=".pdf,.png,.jpg,.jpeg,.webp"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                setFileError(null);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'proof', name: file.name, status: 'done' }] : []}
            >
              <Button icon={<UploadOutlined />} data-testid="registration-proof">
                {t('trust.reg.pick')}
              </Button>
            </Upload>
          </Form.Item>
          <Button type="primary" loading={registration.busy} onClick={submit} data-testid="registration-submit">
            {t('trust.reg.submit')}
          </Button>
        </Form>
      )}
      {!canRegister && !manager && data.items.length === 0 && <Alert type="info" showIcon title={t('trust.reg.closed')} />}
      <ReasonModal
        open={!!rejecting}
        title={`${t('trust.reg.reject')}${t('common.colon')}${rejecting?.organization.name ?? ''}`}
        okText={t('trust.reg.reject')}
        label={t('trust.reg.rejectReason')}
        requiredMessage={t('cat.required')}
        rows={2}
        maxLength={500}
        reasonTestId="registration-reject-reason"
        okTestId="registration-reject-ok"
        onSubmit={(reason) => rejectRegistration(listing.id, rejecting!.id, reason).then(changed)}
        onClose={() => setRejecting(null)}
      />
    </Card>
  );
}
