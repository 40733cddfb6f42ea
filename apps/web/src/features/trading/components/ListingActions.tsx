import { CheckOutlined, CloseOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { reviewListing, withdrawListing } from '../api.ts';

type Target = { id: string; title: string };

/** 审核通过 (confirmed) and 驳回 (with a reason the seller sees): an administrator of the listing's jurisdiction. */
export function ListingReviewButtons({ listing, onDone, size = 'small' }: { listing: Target; onDone: () => void; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const approve = async () => {
    setBusy(true);
    try {
      await reviewListing(listing.id, 'approve');
      message.success(t('trade.review.approved'));
      onDone();
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
      await reviewListing(listing.id, 'reject', reason.trim());
      message.success(t('trade.review.rejected'));
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
          title={t('trade.review.approveConfirm', { title: listing.title })}
          onConfirm={approve}
          okText={t('cat.review.approve')}
          cancelText={t('common.cancel')}
          okButtonProps={{ 'data-testid': 'listing-approve-confirm' }}
        >
          <Button type="primary" size={size} icon={<CheckOutlined />} loading={busy} data-testid="listing-approve">
            {t('cat.review.approve')}
          </Button>
        </Popconfirm>
        <Button danger size={size} icon={<CloseOutlined />} onClick={() => setOpen(true)} data-testid="listing-reject">
          {t('admin.reject')}
        </Button>
      </Space>
      <Modal
        open={open}
        title={t('trade.review.rejectTitle', { title: listing.title })}
        okText={t('admin.reject')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('common.cancel')}
        onOk={() => reject().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('admin.rejectReason')} rules={[{ required: true, whitespace: true, message: t('admin.rejectReason.required') }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('admin.rejectReason.placeholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 撤牌 with a reason: the seller's side, before review or while open (not an auction with bids). */
export function WithdrawListingButton({ listing, onDone }: { listing: Target; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await withdrawListing(listing.id, reason.trim());
      message.success(t('trade.withdraw.done'));
      setOpen(false);
      onDone();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="listing-withdraw">
        {t('trade.withdraw')}
      </Button>
      <Modal
        open={open}
        title={t('trade.withdraw.title', { title: listing.title })}
        okText={t('trade.withdraw')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('common.cancel')}
        onOk={() => submit().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <p className="muted">{t('trade.withdraw.hint')}</p>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('cat.withdraw.reason')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
