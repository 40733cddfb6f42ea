import { MessageOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { sendInquiry, type MatchSide } from '../api.ts';

/** 「联系平台」 for a secret match: the caller leaves a message; the record's administrators answer. */
export function InquiryButton({ sourceType, sourceId, refKey, targetType }: { sourceType: MatchSide; sourceId: string; refKey: string; targetType: MatchSide }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const location = useLocation();
  const [sent, setSent] = useState(false);
  const inquiry = useFormModal<{ message: string }>({
    action: (v) => sendInquiry({ sourceType, sourceId, ref: refKey, message: v.message.trim() }),
    success: t('match.inquiry.sent'),
    onDone: () => setSent(true),
  });

  if (!me) {
    return (
      <Link to={`/login?redirect=${encodeURIComponent(location.pathname)}`}>
        <Button size="small" icon={<MessageOutlined />}>{t('match.inquiry.login')}</Button>
      </Link>
    );
  }
  if (sent) return <span className="muted" data-testid="match-inquiry-sent">{t('match.inquiry.sent')}</span>;

  const kind = t(targetType === 'achievement' ? 'match.kind.achievement' : 'match.kind.demand');
  return (
    <>
      <Button size="small" type="primary" ghost icon={<MessageOutlined />} onClick={() => inquiry.open()} data-testid="match-inquiry">
        {t('match.inquiry.button')}
      </Button>
      <Modal
        {...inquiry.modalProps}
        title={t('match.inquiry.title')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        width={460}
        destroyOnHidden
      >
        <p className="muted">{t('match.inquiry.hint', { kind })}</p>
        <Form form={inquiry.form} layout="vertical" preserve={false} initialValues={{ message: t('match.inquiry.default', { kind }) }}>
          <Form.Item name="message" label={t('match.inquiry.message')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
