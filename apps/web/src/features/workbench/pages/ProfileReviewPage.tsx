import { PROFILE_KIND_LABELS } from '@kzt/shared';
import { App, Button, Card, Form, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { profileReviews, reviewProfile, type ProfileReview } from '../api.ts';

const PAGE_SIZE = 20;

/** 管理后台 · 经纪人与专家审核: broker and expert profiles of the administrator's jurisdiction, approved or rejected with a reason. */
export function ProfileReviewPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [status, setStatus] = useState<'pending' | 'approved' | 'rejected'>('pending');
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<ProfileReview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${t('pr.title')} · 科转通`;
  }, [t]);
  const res = useAsync((signal) => profileReviews({ status, page, pageSize: PAGE_SIZE }, signal), [status, page]);

  const approve = async (p: ProfileReview) => {
    setBusy(p.id);
    try {
      await reviewProfile(p.user.id, p.kind as 'broker' | 'expert', { decision: 'approve' });
      message.success(t('pr.approved'));
      await res.reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };
  const reject = useFormModal<{ reason: string }>({
    controlled: { open: !!rejecting, onClose: () => setRejecting(null) },
    action: (v) => reviewProfile(rejecting!.user.id, rejecting!.kind as 'broker' | 'expert', { decision: 'reject', ...(v.reason ? { reason: v.reason } : {}) }),
    success: t('pr.rejected'),
    onDone: () => void res.reload(),
  });

  return (
    <div className="stack" data-testid="profile-review">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('pr.title')}</h1>
          <p>{t('pr.lead')}</p>
        </div>
        <Segmented
          value={status}
          onChange={(v) => {
            setPage(1);
            setStatus(v as typeof status);
          }}
          options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`pr.status.${s}`) }))}
        />
      </div>
      <Card>
        <Table<ProfileReview>
          rowKey="id"
          size="middle"
          loading={res.loading}
          dataSource={res.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('pr.empty') }}
          pagination={res.data && res.data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: res.data.total, onChange: setPage, showSizeChanger: false } : false}
          columns={[
            {
              title: t('pr.person'),
              width: 200,
              render: (_v, p) => (
                <>
                  <div>{p.user.name}</div>
                  <div className="muted">{p.user.login}</div>
                  {p.organization && <div className="muted">{p.organization.name}</div>}
                </>
              ),
            },
            { title: t('pr.kind'), width: 110, render: (_v, p) => <Tag color={p.kind === 'broker' ? 'purple' : 'cyan'}>{label(PROFILE_KIND_LABELS[p.kind])}</Tag> },
            {
              title: t('pr.details'),
              render: (_v, p) => (
                <>
                  {p.title && <div>{p.title}</div>}
                  {p.fields.length > 0 && (
                    <Space size={4} wrap>
                      {p.fields.map((f) => (
                        <Tag key={f}>{f}</Tag>
                      ))}
                    </Space>
                  )}
                  {p.certificateNo && <div className="muted">{t('pr.certificate', { no: p.certificateNo })}</div>}
                  {p.bio && <div className="muted">{p.bio}</div>}
                  {p.reviewReason && <div className="muted">{p.reviewReason}</div>}
                </>
              ),
            },
            { title: t('pr.jurisdiction'), width: 110, render: (_v, p) => p.jurisdiction?.name ?? '—' },
            { title: t('pr.updatedAt'), width: 150, render: (_v, p) => formatDateTime(p.updatedAt) },
            {
              title: '',
              width: 170,
              render: (_v, p) => (
                <Space wrap>
                  {p.allowedActions.includes('approve') && (
                    <Button type="primary" size="small" loading={busy === p.id} onClick={() => void approve(p)} data-testid={`approve-${p.user.id}`}>
                      {t('pr.approve')}
                    </Button>
                  )}
                  {p.allowedActions.includes('reject') && (
                    <Button danger size="small" disabled={busy === p.id} onClick={() => setRejecting(p)}>
                      {p.status === 'approved' ? t('pr.revoke') : t('pr.reject')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        {...reject.modalProps}
        title={rejecting ? `${rejecting.status === 'approved' ? t('pr.revoke') : t('pr.reject')} · ${rejecting.user.name}` : ''}
        okButtonProps={{ danger: true }}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={reject.form} layout="vertical" onFinish={() => void reject.submit()}>
          <Form.Item name="reason" label={t('pr.reason')} rules={[{ required: true, whitespace: true, message: t('pr.reason') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
