import { CheckCircleOutlined, EditOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { confirmRecord, submitRecord, withdrawRecord, type RecordBase, type RecordKindKey } from '../api.ts';
import { ReviewRecordButtons } from './ReviewRecordButtons.tsx';
import { useSubmitWaitsForVerification } from './UnverifiedOrg.tsx';

type Props = {
  kind: RecordKindKey;
  record: RecordBase;
  onChanged: () => void;
  /** `detail`: the record page's toolbar; `row`: small buttons in a list row. */
  variant?: 'detail' | 'row';
};

/**
 * The actions an achievement or a demand offers — 审核, 确认仍有效, 编辑, 提交审核, 撤回 —
 * exactly as the server's `allowedActions` say: no status list is repeated here.
 * Used by both kinds, on their detail pages and in 我的成果 / 我的需求.
 */
export function RecordActions({ kind, record, onChanged, variant = 'detail' }: Props) {
  const row = variant === 'row';
  const size = row ? 'small' : 'middle';
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const withdraw = useFormModal<{ reason?: string }>({
    action: ({ reason }) => withdrawRecord(kind, record.id, reason?.trim() || undefined),
    success: t('cat.withdraw.done'),
    onDone: onChanged,
  });
  const can = (a: RecordBase['allowedActions'][number]) => record.allowedActions.includes(a);
  // 提交审核 waits for the organisation's verification: shown disabled, with the reason, rather than a button that fails.
  const unverified = useSubmitWaitsForVerification(record);

  const run = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      message.success(done);
      onChanged();
      return true;
    } catch (e) {
      onError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space wrap size={row ? 4 : 'small'}>
      {can('review') && <ReviewRecordButtons kind={kind} record={record} onDone={onChanged} size={size} />}
      {can('confirm') && (
        <Button
          size={size}
          type={record.stale ? 'primary' : 'default'}
          icon={<CheckCircleOutlined />}
          loading={busy === 'confirm'}
          onClick={() => run('confirm', () => confirmRecord(kind, record.id), t('cat.confirm.done'))}
          data-testid="record-confirm"
        >
          {t('cat.confirm')}
        </Button>
      )}
      {can('update') &&
        (row ? (
          <Link to={`/${kind}/${record.id}/edit`}>{t('cat.edit.short')}</Link>
        ) : (
          <Button icon={<EditOutlined />} onClick={() => navigate(`/${kind}/${record.id}/edit`)} data-testid="record-edit">
            {t('cat.edit')}
          </Button>
        ))}
      {can('submit') && (
        <Popconfirm
          title={t('cat.submit.confirm')}
          okText={t('cat.submit')}
          cancelText={t('common.cancel')}
          onConfirm={() => run('submit', () => submitRecord(kind, record.id), t('cat.submit.done'))}
        >
          <Button size={size} type="primary" icon={<SendOutlined />} loading={busy === 'submit'} data-testid="record-submit">
            {t('cat.submit')}
          </Button>
        </Popconfirm>
      )}
      {unverified && (
        <Tooltip title={t('cat.unverified.submit')}>
          <Button size={size} type="primary" icon={<SendOutlined />} disabled data-testid="record-submit">
            {t('cat.submit')}
          </Button>
        </Tooltip>
      )}
      {can('withdraw') && (
        <Button size={size} danger icon={<StopOutlined />} onClick={() => withdraw.open()} data-testid="record-withdraw">
          {t('cat.withdraw')}
        </Button>
      )}
      <Modal
        {...withdraw.modalProps}
        title={t('cat.withdraw.title', { title: record.title })}
        okText={t('cat.withdraw')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        forceRender={!row}
      >
        <p className="muted">{t('cat.withdraw.hint')}</p>
        <Form form={withdraw.form} layout="vertical">
          <Form.Item name="reason" label={`${t('cat.withdraw.reason')}（${t('common.optional')}）`}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
