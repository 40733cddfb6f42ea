import { CheckOutlined, CloseOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { decideAccess, fetchAccessRequests, requestAccess, type AccessRequest, type RecordBase, type RecordKindKey } from '../api.ts';

const STATUS_COLOR: Record<AccessRequest['status'], string> = { pending: 'gold', approved: 'green', declined: 'red' };

export function AccessStatusTag({ status }: { status: AccessRequest['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`cat.access.status.${status}`)}</Tag>;
}

/**
 * For an abstract-only record: explains what 摘要公开 means, offers 申请查看详情
 * when allowed, and shows the state of the visitor's own requests.
 */
export function RestrictedBox({ kind, record }: { kind: RecordKindKey; record: RecordBase }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const location = useLocation();
  const request = useFormModal<{ reason: string; organizationId?: string }>({
    action: (v) => requestAccess(kind, record.id, { reason: v.reason.trim(), organizationId: v.organizationId }),
    success: t('cat.access.sent'),
    onDone: () => void mine.reload(),
  });
  const mine = useAsync(
    () => (me ? fetchAccessRequests(kind, record.id).catch(() => ({ items: [] as AccessRequest[], total: 0 })) : Promise.resolve({ items: [] as AccessRequest[], total: 0 })),
    [kind, record.id, me?.user.id],
  );
  const verified = me?.organizations.filter((o) => o.status === 'verified') ?? [];
  const can = record.allowedActions.includes('requestAccess');
  const latest = mine.data?.items[0];

  return (
    <Alert
      type="info"
      showIcon
      icon={<LockOutlined />}
      data-testid="restricted-box"
      title={t(record.confidentiality === 'secret' ? 'cat.restricted.secretTitle' : 'cat.restricted.title')}
      description={
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <span>{t('cat.restricted.desc')}</span>
          {latest && (
            <span data-testid="my-access-request">
              {t('cat.access.mine', { org: latest.organization.name, at: formatDateTime(latest.createdAt) })} <AccessStatusTag status={latest.status} />
              {latest.responseReason && <span className="muted">{latest.responseReason}</span>}
            </span>
          )}
          {can && !(latest && latest.status === 'pending') && (
            <Button type="primary" onClick={() => request.open()} data-testid="request-access">
              {t('cat.access.request')}
            </Button>
          )}
          {!me && (
            <span>
              <Link to={`/login?redirect=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link> {t('cat.restricted.loginHint')}
            </span>
          )}
          {me && !can && !latest && verified.length === 0 && <span className="muted">{t('cat.restricted.verifyHint')}</span>}
          <Modal
            {...request.modalProps}
            title={t('cat.access.request')}
            okText={t('common.submit')}
            okButtonProps={{ 'data-testid': 'request-access-confirm' }}
            cancelText={t('common.cancel')}
            forceRender
          >
            <Form form={request.form} layout="vertical" initialValues={{ organizationId: verified[0]?.id }}>
              {verified.length > 1 && (
                <Form.Item name="organizationId" label={t('cat.access.organization')}>
                  <Select options={verified.map((o) => ({ value: o.id, label: o.name }))} />
                </Form.Item>
              )}
              <Form.Item name="reason" label={t('cat.access.reason')} rules={[{ required: true, whitespace: true, message: t('cat.access.reasonRequired') }]}>
                <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('cat.access.reasonPlaceholder')} data-testid="access-reason" />
              </Form.Item>
            </Form>
          </Modal>
        </Space>
      }
    />
  );
}

/** The owner's list of access requests, with 同意 / 拒绝 (a refusal needs a reason). */
export function AccessRequestsCard({ kind, recordId }: { kind: RecordKindKey; recordId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const list = useAsync(() => fetchAccessRequests(kind, recordId), [kind, recordId]);
  const [declining, setDeclining] = useState<AccessRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const decline = useFormModal<{ reason: string }>({
    controlled: { open: !!declining, onClose: () => setDeclining(null) },
    action: (v) => decideAccess(kind, declining!.id, 'decline', v.reason.trim()),
    success: t('cat.access.declined'),
    onDone: () => void list.reload(),
  });

  const approve = async (r: AccessRequest) => {
    setBusy(true);
    try {
      await decideAccess(kind, r.id, 'approve');
      message.success(t('cat.access.approved'));
      void list.reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('cat.access.title')} data-testid="access-requests">
      <Table<AccessRequest>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('cat.access.empty') }}
        columns={[
          { title: t('cat.access.organization'), render: (_, r) => r.organization.name, width: 180 },
          { title: t('cat.access.requester'), dataIndex: 'requesterName', width: 100 },
          { title: t('cat.access.reason'), dataIndex: 'reason' },
          { title: t('cat.access.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t('admin.filter.status'),
            dataIndex: 'status',
            width: 140,
            render: (s: AccessRequest['status'], r) => (
              <Space orientation="vertical" size={2}>
                <AccessStatusTag status={s} />
                {r.responseReason && <span className="muted" style={{ fontSize: 12 }}>{r.responseReason}</span>}
              </Space>
            ),
          },
          {
            title: t('admin.actions'),
            width: 170,
            render: (_, r) =>
              r.status === 'pending' ? (
                <Space size={6}>
                  <Popconfirm title={t('cat.access.approveConfirm', { org: r.organization.name })} onConfirm={() => approve(r)} okText={t('cat.access.approve')} cancelText={t('common.cancel')}>
                    <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy}>
                      {t('cat.access.approve')}
                    </Button>
                  </Popconfirm>
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => setDeclining(r)}>
                    {t('cat.access.decline')}
                  </Button>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Modal
        {...decline.modalProps}
        title={t('cat.access.declineTitle', { org: declining?.organization.name ?? '' })}
        okText={t('cat.access.decline')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form form={decline.form} layout="vertical">
          <Form.Item name="reason" label={t('cat.access.declineReason')} rules={[{ required: true, whitespace: true, message: t('cat.access.declineRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
