import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { reviewRecord, type RecordKindKey } from '../api.ts';

type Props = { kind: RecordKindKey; record: { id: string; title: string }; onDone: () => void; size?: 'small' | 'middle' };

/** 审核通过 (with a confirmation) and 退回 (with a modal that requires a reason). */
export function ReviewRecordButtons({ kind, record, onDone, size = 'small' }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const approve = async () => {
    setBusy(true);
    try {
      await reviewRecord(kind, record.id, 'approve');
      message.success(t('cat.review.approved'));
      onDone();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const sendBack = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await reviewRecord(kind, record.id, 'return', reason.trim());
      message.success(t('cat.review.returned'));
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space size={8} wrap>
        <Popconfirm
          title={t('cat.review.approveConfirm', { title: record.title })}
          onConfirm={approve}
          okText={t('cat.review.approve')}
          cancelText={t('common.cancel')}
          okButtonProps={{ 'data-testid': 'review-approve-confirm' }}
        >
          <Button type="primary" size={size} icon={<CheckOutlined />} loading={busy} data-testid="review-approve">
            {t('cat.review.approve')}
          </Button>
        </Popconfirm>
        <Button danger size={size} icon={<RollbackOutlined />} onClick={() => setOpen(true)} data-testid="review-return">
          {t('cat.review.return')}
        </Button>
      </Space>
      <Modal
        open={open}
        title={t('cat.review.returnTitle', { title: record.title })}
        okText={t('cat.review.return')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'review-return-confirm' }}
        cancelText={t('common.cancel')}
        onOk={() => sendBack().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('cat.review.reason')} rules={[{ required: true, whitespace: true, message: t('cat.review.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('cat.review.reasonPlaceholder')} data-testid="review-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
