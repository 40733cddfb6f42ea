import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { verifyOrganization, type Organization } from '../api.ts';

type Props = { org: Pick<Organization, 'id' | 'name'>; onDone: (org: Organization) => void; size?: 'small' | 'middle' };

/** 通过 (with a confirmation) and 驳回 (with a modal that requires a reason). */
export function ReviewButtons({ org, onDone, size = 'small' }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ reason: string }>();
  const [rejectOpen, setRejectOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const approve = async () => {
    setBusy(true);
    try {
      const updated = await verifyOrganization(org.id, 'approve');
      message.success(t('admin.approved'));
      onDone(updated);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const reject = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      const updated = await verifyOrganization(org.id, 'reject', reason.trim());
      message.success(t('admin.rejected'));
      setRejectOpen(false);
      form.resetFields();
      onDone(updated);
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space size={8}>
        <Popconfirm
          title={t('admin.approveConfirm', { name: org.name })}
          onConfirm={approve}
          okText={t('admin.approve')}
          cancelText={t('common.cancel')}
        >
          <Button type="primary" size={size} icon={<CheckOutlined />} loading={busy} data-testid="approve">
            {t('admin.approve')}
          </Button>
        </Popconfirm>
        <Button danger size={size} icon={<CloseOutlined />} onClick={() => setRejectOpen(true)} data-testid="reject">
          {t('admin.reject')}
        </Button>
      </Space>
      <Modal
        open={rejectOpen}
        title={t('admin.rejectTitle', { name: org.name })}
        okText={t('admin.reject')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'reject-confirm' }}
        cancelText={t('common.cancel')}
        onOk={() => reject().catch(() => undefined)}
        onCancel={() => setRejectOpen(false)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('admin.rejectReason')}
            rules={[{ required: true, whitespace: true, message: t('admin.rejectReason.required') }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('admin.rejectReason.placeholder')} data-testid="reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
