import { CheckOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { useApiErrorHandler } from '../lib/errors.ts';
import { useFormModal } from '../lib/useFormModal.tsx';

export type ReasonModalProps = {
  open: boolean;
  title: string;
  okText: string;
  label: string;
  requiredMessage: string;
  placeholder?: string;
  /** A line above the field. */
  hint?: string;
  rows?: number;
  maxLength?: number;
  okTestId?: string;
  reasonTestId?: string;
  /** Called with the trimmed reason; closes the modal when it resolves. */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
};

/**
 * A modal that asks for a reason (required, not blank) before a step a
 * person must explain: 驳回, 退回, 撤牌… The server's field errors land on
 * the reason; the text is kept until the step succeeds.
 */
export function ReasonModal({ open, title, okText, label, requiredMessage, placeholder, hint, rows = 4, maxLength = 1000, okTestId, reasonTestId, onSubmit, onClose }: ReasonModalProps) {
  const { t } = useI18n();
  const m = useFormModal<{ reason: string }>({ controlled: { open, onClose }, action: ({ reason }) => onSubmit(reason.trim()) });
  return (
    <Modal
      {...m.modalProps}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true, ...(okTestId ? { 'data-testid': okTestId } : {}) }}
      cancelText={t('common.cancel')}
      forceRender
    >
      {hint && <p className="muted">{hint}</p>}
      <Form form={m.form} layout="vertical">
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: requiredMessage }]}>
          <Input.TextArea rows={rows} maxLength={maxLength} showCount placeholder={placeholder} data-testid={reasonTestId} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export type ReviewButtonsProps = {
  size?: 'small' | 'middle';
  approve: { label: string; confirm: string; testId: string; confirmTestId?: string; run: () => Promise<void> };
  /** `button`: the button's and the modal's OK text; `label`: the reason field's. */
  reject: { button: string; icon: ReactNode; testId: string } & Omit<ReasonModalProps, 'open' | 'okText' | 'onClose'>;
};

/** An administrator's pair: 通过 after a confirmation, and 驳回/退回 with a reason (ReasonModal). */
export function ReviewButtons({ size = 'small', approve, reject }: ReviewButtonsProps) {
  const { t } = useI18n();
  const onError = useApiErrorHandler();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const { button, icon, testId, ...modal } = reject;
  const runApprove = async () => {
    setBusy(true);
    try {
      await approve.run();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Space size={8} wrap>
        <Popconfirm
          title={approve.confirm}
          onConfirm={runApprove}
          okText={approve.label}
          cancelText={t('common.cancel')}
          okButtonProps={approve.confirmTestId ? { 'data-testid': approve.confirmTestId } : undefined}
        >
          <Button type="primary" size={size} icon={<CheckOutlined />} loading={busy} data-testid={approve.testId}>
            {approve.label}
          </Button>
        </Popconfirm>
        <Button danger size={size} icon={icon} onClick={() => setOpen(true)} data-testid={testId}>
          {button}
        </Button>
      </Space>
      <ReasonModal {...modal} open={open} okText={button} onClose={() => setOpen(false)} />
    </>
  );
}
