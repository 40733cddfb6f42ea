import { formatYuanExact } from '@kzt/shared';
import { App, Button, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { entitlementFileUrl, payEntitlement, reviewEntitlement, type EntitlementDto, type EntitlementStatus } from '../api.ts';
import { yuanToFen } from '../money.ts';
import { ApplyModal } from './ApplyModal.tsx';

const STATUS_COLOR: Record<EntitlementStatus, string> = { granted: 'blue', applied: 'gold', approved: 'green', rejected: 'red', paid: 'cyan', cancelled: 'default' };

type Action = { kind: 'reject' | 'pay'; row: EntitlementDto } | null;

/** Entitlements with what the caller may do: an organisation applies; an administrator approves, rejects and records payment. */
export function EntitlementTable({ items, loading, admin, onChanged, emptyText }: { items: EntitlementDto[]; loading: boolean; admin: boolean; onChanged: () => void; emptyText: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [action, setAction] = useState<Action>(null);
  const [applying, setApplying] = useState<EntitlementDto | null>(null);
  const [form] = Form.useForm<{ note?: string; reason?: string; amount?: string; paidOn?: string; reference?: string }>();

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('pol.done'));
      setAction(null);
      form.resetFields();
      onChanged();
    } catch (e) {
      onError(e, form);
    }
  };
  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    if (action.kind === 'reject') await act(() => reviewEntitlement(action.row.id, 'reject', v.reason));
    if (action.kind === 'pay') await act(() => payEntitlement(action.row.id, { amount: yuanToFen(v.amount)!, paidOn: v.paidOn!, reference: v.reference! }));
  };

  return (
    <>
      <Table<EntitlementDto>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        scroll={{ x: 720 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" size={4}>
              <Typography.Text>{r.explanation}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('pol.source', { file: r.source.file, item: r.source.item })}：{r.source.quote}
              </Typography.Text>
              {r.applicationNote && <Typography.Text type="secondary">{`${t('pol.apply.note')}：${r.applicationNote}`}</Typography.Text>}
              {r.documents.length > 0 && (
                <Typography.Text type="secondary" data-testid={`documents-${r.id}`}>
                  {`${t('pol.apply.documents')}：`}
                  {r.documents.map((d, i) => (
                    <span key={d.attachmentId}>
                      {i > 0 && '、'}
                      <a href={entitlementFileUrl(r.id, d.attachmentId)} target="_blank" rel="noreferrer">
                        {d.name}
                      </a>
                    </span>
                  ))}
                </Typography.Text>
              )}
              {r.documents.length === 0 && r.status === 'granted' && r.requiredDocuments.length > 0 && (
                <Typography.Text type="secondary">{`${t('pol.apply.documents')}：${r.requiredDocuments.join('、')}`}</Typography.Text>
              )}
              {r.reason && <Typography.Text type="warning">{`${t('pol.reason')}：${r.reason}`}</Typography.Text>}
            </Space>
          ),
        }}
        columns={[
          { title: t('pol.col.rule'), key: 'rule', render: (_, r) => <Space direction="vertical" size={0}><span>{r.ruleTitle}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${r.jurisdiction} · ${r.rule}`}</Typography.Text></Space> },
          { title: t('pol.col.beneficiary'), key: 'b', render: (_, r) => r.beneficiaryName ?? r.beneficiary },
          { title: t('pol.col.year'), dataIndex: 'year', width: 70 },
          { title: t('pol.col.amount'), key: 'amount', align: 'right', render: (_, r) => <strong>{formatYuanExact(r.amount, lang)}</strong> },
          { title: t('pol.col.status'), key: 'status', render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`pol.status.${r.status}`)}</Tag> },
          {
            title: t('pol.col.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space wrap size={4}>
                {!admin && r.status === 'granted' && (
                  <Button size="small" type="primary" onClick={() => setApplying(r)} data-testid={`apply-${r.id}`}>
                    {t('pol.apply')}
                  </Button>
                )}
                {admin && r.status === 'applied' && (
                  <>
                    <Button size="small" type="primary" onClick={() => act(() => reviewEntitlement(r.id, 'approve'))} data-testid={`approve-${r.id}`}>
                      {t('pol.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => setAction({ kind: 'reject', row: r })}>
                      {t('pol.reject')}
                    </Button>
                  </>
                )}
                {admin && r.status === 'approved' && (
                  <Button size="small" onClick={() => { form.setFieldsValue({ amount: (r.amount / 100).toFixed(2) }); setAction({ kind: 'pay', row: r }); }}>
                    {t('pol.pay')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ApplyModal row={applying} onClose={() => setApplying(null)} onDone={onChanged} />
      <Modal open={!!action} title={action ? (action.kind === 'reject' ? t('pol.reject') : t('pol.pay')) : ''} onCancel={() => setAction(null)} onOk={submit} destroyOnHidden>
        <Form form={form} layout="vertical">
          {action?.kind === 'reject' && (
            <Form.Item name="reason" label={t('pol.reason')} rules={[{ required: true, whitespace: true, message: t('pol.reason') }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
          {action?.kind === 'pay' && (
            <>
              <Form.Item name="amount" label={t('pol.pay.amount')} rules={[{ required: true, message: t('pol.pay.amount') }, { validator: (_, v) => (yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error('0.00'))) }]}>
                <Input inputMode="decimal" suffix="元" />
              </Form.Item>
              <Form.Item name="paidOn" label={t('pol.pay.on')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
                <Input placeholder="YYYY-MM-DD" />
              </Form.Item>
              <Form.Item name="reference" label={t('pol.pay.reference')} rules={[{ required: true, whitespace: true, message: t('pol.pay.reference') }]}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
