import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { REASON_CODES, sendFeedback, type MatchSide, type MyFeedback, type ReasonCode } from '../api.ts';

type Props = {
  sourceType: MatchSide;
  sourceId: string;
  targetId: string;
  value: MyFeedback | null;
  onChange: (value: MyFeedback) => void;
};

/** 感兴趣 / 不相关 on one proposed match, for members of the source record's organisation. */
export function FeedbackButtons({ sourceType, sourceId, targetId, value, onChange }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState<'interested' | null>(null);
  const notRelevant = useFormModal<{ reasonCode: ReasonCode; reason?: string }>({
    action: async (v) => {
      const reason = v.reason?.trim() || undefined;
      await sendFeedback({ sourceType, sourceId, targetId, verdict: 'not_relevant', reasonCode: v.reasonCode, reason });
      onChange({ verdict: 'not_relevant', reasonCode: v.reasonCode, reason: reason ?? null });
    },
    success: t('match.feedback.saved'),
    resetOnDone: false,
  });

  const interested = async () => {
    setBusy('interested');
    try {
      await sendFeedback({ sourceType, sourceId, targetId, verdict: 'interested' });
      onChange({ verdict: 'interested', reasonCode: null, reason: null });
      message.success(t('match.feedback.saved'));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  const verdict = value?.verdict;
  return (
    <>
      <Space size={6} wrap className="match-feedback" data-testid="match-feedback" data-verdict={verdict ?? ''}>
        {verdict === 'interested' && <Tag color="green" data-testid="match-verdict">{t('match.verdict.interested')}</Tag>}
        {verdict === 'not_relevant' && (
          <Tag color="default" data-testid="match-verdict">
            {t('match.verdict.not_relevant')}
            {value?.reasonCode ? `：${t(`match.reasonCode.${value.reasonCode}`)}` : ''}
          </Tag>
        )}
        {verdict !== 'interested' && (
          <Button size="small" icon={<LikeOutlined />} loading={busy === 'interested'} onClick={() => void interested()} data-testid="match-interested">
            {t('match.interested')}
          </Button>
        )}
        {verdict !== 'not_relevant' && (
          <Button
            size="small"
            icon={<DislikeOutlined />}
            onClick={() => notRelevant.open()}
            data-testid="match-not-relevant"
          >
            {t('match.notRelevant')}
          </Button>
        )}
      </Space>
      <Modal
        {...notRelevant.modalProps}
        title={t('match.feedback.title')}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'match-feedback-submit' }}
        width={440}
        destroyOnHidden
      >
        <p className="muted">{t('match.feedback.hint')}</p>
        <Form form={notRelevant.form} layout="vertical" preserve={false}>
          <Form.Item name="reasonCode" label={t('match.feedback.reasonCode')} rules={[{ required: true, message: t('match.feedback.reasonRequired') }]}>
            <Select
              placeholder={t('match.feedback.reasonCode.placeholder')}
              options={REASON_CODES.map((c) => ({ value: c, label: t(`match.reasonCode.${c}`) }))}
              data-testid="match-reason-code"
            />
          </Form.Item>
          <Form.Item name="reason" label={`${t('match.feedback.reason')}（${t('common.optional')}）`}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
