import { MessageOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { sendInquiry, type MatchSide } from '../api.ts';

/** 「联系平台」 for a secret match: the caller leaves a message; the record's administrators answer. */
export function InquiryButton({ sourceType, sourceId, refKey, targetType }: { sourceType: MatchSide; sourceId: string; refKey: string; targetType: MatchSide }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const location = useLocation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ message: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  if (!me) {
    return (
      <Link to={`/login?redirect=${encodeURIComponent(location.pathname)}`}>
        <Button size="small" icon={<MessageOutlined />}>{t('match.inquiry.login')}</Button>
      </Link>
    );
  }
  if (sent) return <span className="muted" data-testid="match-inquiry-sent">{t('match.inquiry.sent')}</span>;

  const send = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await sendInquiry({ sourceType, sourceId, ref: refKey, message: v.message.trim() });
      message.success(t('match.inquiry.sent'));
      setSent(true);
      setOpen(false);
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const kind = t(targetType === 'achievement' ? 'match.kind.achievement' : 'match.kind.demand');
  return (
    <>
      <Button size="small" type="primary" ghost icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="match-inquiry">
        {t('match.inquiry.button')}
      </Button>
      <Modal
        open={open}
        title={t('match.inquiry.title')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy }}
        onOk={() => send().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        width={460}
        destroyOnHidden
      >
        <p className="muted">{t('match.inquiry.hint', { kind })}</p>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ message: t('match.inquiry.default', { kind }) }}>
          <Form.Item name="message" label={t('match.inquiry.message')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
